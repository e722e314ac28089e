"""Small charts drawn with QPainter in the theme's colours: no chart library, no web view."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from itertools import pairwise

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QHelpEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from desktop.ui import theme


def _mix(a: str, b: str, t: float) -> QColor:
    ca, cb = QColor(a), QColor(b)
    return QColor(round(ca.red() + (cb.red() - ca.red()) * t), round(ca.green() + (cb.green() - ca.green()) * t),
                  round(ca.blue() + (cb.blue() - ca.blue()) * t))


class BarList(QWidget):
    """Labelled horizontal bars from 0 to 1, e.g. readiness per category."""

    def row_height(self) -> int:
        """A row's height follows the text size."""
        return max(24, self.fontMetrics().height() + 8)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[str, float, str]] = []  # label, value 0..1, text on the right
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_rows(self, rows: Sequence[tuple[str, float, str]]) -> None:
        self.rows = list(rows)
        self._fit()

    def _fit(self) -> None:
        self.setFixedHeight(max(1, len(self.rows)) * self.row_height() + 4)
        self.update()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit()

    def sizeHint(self) -> QSize:
        return QSize(420, len(self.rows) * self.row_height() + 4)

    def label_width(self) -> int:
        """As wide as the longest label, up to 45 % of the chart: a name is cut only when the bars need the room."""
        widest = max((self.fontMetrics().horizontalAdvance(r[0]) for r in self.rows), default=0) + 12
        return min(widest, max(120, int(self.width() * 0.45)))

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):  # a shortened name, in full
            row = int((event.pos().y() - 2) // self.row_height())
            if 0 <= row < len(self.rows):
                label, _value, text = self.rows[row]
                QToolTip.showText(event.globalPos(), f"{label}: {text}", self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def paintEvent(self, _event: QPaintEvent) -> None:
        c = theme.current()
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = p.fontMetrics()
        label_w = self.label_width()
        value_w = 44
        bar_w = max(10, self.width() - label_w - value_w - 8)
        for i, (label, value, text) in enumerate(self.rows):
            y = i * self.row_height() + 2
            p.setPen(QColor(c.text))
            p.drawText(QRectF(0, y, label_w - 8, self.row_height()), Qt.AlignmentFlag.AlignVCenter,
                       fm.elidedText(label, Qt.TextElideMode.ElideRight, label_w - 8))
            track = QRectF(label_w, y + 6, bar_w, self.row_height() - 12)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(c.alt_base))
            p.drawRoundedRect(track, 4, 4)
            if value > 0:
                p.setBrush(_mix(c.border, c.accent, 0.35 + 0.65 * value))
                p.drawRoundedRect(QRectF(track.left(), track.top(), max(4.0, track.width() * value), track.height()),
                                  4, 4)
            p.setPen(QColor(c.muted))
            p.drawText(QRectF(label_w + bar_w + 6, y, value_w, self.row_height()),
                       Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, text)
        p.end()


class Heatmap(QWidget):
    """A calendar of study days: one square a day, columns are weeks, darker means more done."""

    CELL = 13
    GAP = 3

    def __init__(self, weeks: int = 26, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.weeks = weeks
        self.counts: dict[date, int] = {}
        self.today = date.today()
        self.setFixedHeight(7 * (self.CELL + self.GAP) + 18)
        self.setMinimumWidth(weeks * (self.CELL + self.GAP) + 30)

    def set_counts(self, counts: dict[date, int], today: date) -> None:
        self.counts, self.today = dict(counts), today
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        c = theme.current()
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        step = self.CELL + self.GAP
        start = self.today - timedelta(days=self.today.weekday() + 7 * (self.weeks - 1))  # a Monday
        top = 16
        peak = max(self.counts.values(), default=1) or 1
        p.setPen(QColor(c.muted))
        small = p.font()
        small.setPointSizeF(small.pointSizeF() * 0.85)
        p.setFont(small)
        for i, name in ((0, "Mon"), (2, "Wed"), (4, "Fri")):
            p.drawText(QRectF(0, top + i * step - 2, 28, self.CELL + 4), Qt.AlignmentFlag.AlignVCenter, name)
        for w in range(self.weeks):
            monday = start + timedelta(days=7 * w)
            if monday.day <= 7:
                p.setPen(QColor(c.muted))
                p.drawText(QRectF(30 + w * step, 0, 40, 14), Qt.AlignmentFlag.AlignLeft, f"{monday:%b}")
            for d in range(7):
                day = monday + timedelta(days=d)
                if day > self.today:
                    continue
                n = self.counts.get(day, 0)
                color = QColor(c.alt_base) if n == 0 else _mix(c.border, c.accent, 0.3 + 0.7 * min(1.0, n / peak))
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(color)
                p.drawRoundedRect(QRectF(30 + w * step, top + d * step, self.CELL, self.CELL), 3, 3)
        p.end()


class Columns(QWidget):
    """Vertical bars with a label under each, e.g. reviews due on each of the next 14 days."""

    def __init__(self, empty: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bars: list[tuple[str, int]] = []
        self.empty = empty  # said over the axis when every bar is zero
        self.setMinimumHeight(150)

    def set_bars(self, bars: Sequence[tuple[str, int]]) -> None:
        self.bars = list(bars)
        self.update()

    def message(self) -> str:
        """What the chart says over its bars: the empty text when there is nothing to show, else nothing."""
        return self.empty if self.bars and not any(n for _l, n in self.bars) else ""

    def paintEvent(self, _event: QPaintEvent) -> None:
        c = theme.current()
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        if not self.bars:
            return
        label_h, value_h = 18, 16
        slot = self.width() / len(self.bars)
        peak = max(n for _l, n in self.bars) or 1
        plot_h = self.height() - label_h - value_h
        small = p.font()
        small.setPointSizeF(small.pointSizeF() * 0.85)
        p.setFont(small)
        for i, (label, n) in enumerate(self.bars):
            x = i * slot
            h = plot_h * n / peak
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(c.accent) if n else QColor(c.alt_base))
            p.drawRoundedRect(QRectF(x + slot * 0.18, value_h + plot_h - max(h, 2), slot * 0.64, max(h, 2)), 3, 3)
            p.setPen(QColor(c.muted))
            if n:
                p.drawText(QRectF(x, value_h + plot_h - h - value_h, slot, value_h), Qt.AlignmentFlag.AlignCenter,
                           str(n))
            p.drawText(QRectF(x, self.height() - label_h, slot, label_h), Qt.AlignmentFlag.AlignCenter, label)
        if self.message():
            centred = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
            p.drawText(QRectF(0, value_h, self.width(), plot_h), centred, self.message())
        p.end()


class ScoreLine(QWidget):
    """Scores (1-5) over time as a line with dots; a flat message when there is nothing yet. When the
    interviews are too many for a dot each along the line (a year of use: 500 in 600 px), each is a small
    faint dot and the line joins the averages of runs of them, so it reads as a trend, not a zig-zag."""

    LINE_GAP = 12.0  # px: the line's points no closer together than this

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.points: list[tuple[str, float]] = []
        self.setMinimumHeight(150)

    def set_points(self, points: Sequence[tuple[str, float]]) -> None:
        self.points = list(points)
        self.update()

    def run_length(self, width: float) -> int:
        """How many interviews in a row each point of the line averages (1: a point each)."""
        fit = max(1, int(width // self.LINE_GAP))
        return max(1, -(-len(self.points) // fit))

    def plot_rect(self) -> QRectF:
        left, bottom, top = 26, 20, 8
        if self.points and self.run_length(self.width() - left - 10) > 1:
            top += self.fontMetrics().height()  # room for the line saying what it averages
        return QRectF(left, top, self.width() - left - 10, self.height() - top - bottom)

    def marks(self, plot: QRectF) -> tuple[list[QPointF], list[QPointF]]:
        """Where each interview's dot goes, and the line's points (the dots themselves, or each run's average)."""
        n = len(self.points)
        xs = [plot.left() + (plot.width() * (i + 0.5) / n) for i in range(n)]
        dots = [QPointF(x, self._y(plot, s)) for x, (_l, s) in zip(xs, self.points, strict=True)]
        run = self.run_length(plot.width())
        if run == 1:
            return dots, dots
        line = []
        for end in range(n % run or run, n + 1, run):  # full runs end on the newest; a short one starts the line
            chunk = range(max(0, end - run), end)
            mean = sum(self.points[i][1] for i in chunk) / len(chunk)
            line.append(QPointF(sum(xs[i] for i in chunk) / len(chunk), self._y(plot, mean)))
        return dots, line

    @staticmethod
    def _y(plot: QRectF, score: float) -> float:
        return plot.bottom() - (score - 1) / 4 * plot.height()

    def axis_labels(self, width: float) -> list[tuple[int, str]]:
        """Which points get a label under them: a date once, under its first point (two interviews on one
        day are not two "06 Dec"), and no closer together than a label is wide."""
        n = len(self.points)
        room = max(1, round(self.fontMetrics().horizontalAdvance("00 Mmm") * 1.4 / max(1.0, width / max(n, 1))))
        out: list[tuple[int, str]] = []
        for i, (label, _s) in enumerate(self.points):
            if (not out or label != out[-1][1]) and (not out or i - out[-1][0] >= room):
                out.append((i, label))
        return out

    def paintEvent(self, _event: QPaintEvent) -> None:
        c = theme.current()
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        plot = self.plot_rect()
        bottom = self.height() - plot.bottom()
        small = p.font()
        small.setPointSizeF(small.pointSizeF() * 0.85)
        p.setFont(small)
        for score in range(1, 6):
            y = self._y(plot, score)
            p.setPen(QPen(QColor(c.border), 1))
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            p.setPen(QColor(c.muted))
            p.drawText(QRectF(0, y - 8, plot.left() - 6, 16),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, str(score))
        if not self.points:
            p.setPen(QColor(c.muted))
            p.drawText(plot, Qt.AlignmentFlag.AlignCenter, "Score a mock interview to see your trend")
            p.end()
            return
        dots, line = self.marks(plot)
        if line is not dots:  # each interview a small faint dot behind the line of averages
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(_mix(c.accent, c.base, 0.6))
            for pt in dots:
                p.drawEllipse(pt, 2, 2)
            p.setPen(QColor(c.muted))
            p.drawText(QRectF(plot.left(), 0, plot.width(), plot.top() - 4), Qt.AlignmentFlag.AlignLeft
                       | Qt.AlignmentFlag.AlignBottom,
                       f"Dots: each interview · line: the average of every {self.run_length(plot.width())}")
        p.setPen(QPen(QColor(c.accent), 2))
        for a, b in pairwise(line):
            p.drawLine(a, b)
        p.setBrush(QColor(c.accent))
        for pt in line:
            p.drawEllipse(pt, 4, 4)
        p.setPen(QColor(c.muted))
        for i, label in self.axis_labels(plot.width()):
            x = dots[i].x()
            p.drawText(QRectF(x - 40, plot.bottom() + 2, 80, bottom), Qt.AlignmentFlag.AlignCenter, label)
        p.end()
