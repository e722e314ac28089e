"""The study plan's fields, shared by the first-run panel and Progress: the interview date (with how
many days are left beside it), the focus, and a weight for each category."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

from PySide6.QtCore import QDate, QSize, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QGridLayout, QHBoxLayout, QLabel, QWidget

from desktop.core.bank import Category
from desktop.core.focus import FOCUSES, WEIGHT_NAMES, WEIGHTS
from desktop.core.study_plan import PLAN_HORIZON_DAYS, days_to_go
from desktop.ui.widgets.labels import muted, plain

DEFAULT_WEEKS = 3  # a date to start from: the three weeks the plan is built for


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class DateField(QDateEdit):
    """Qt sizes a date field for the earliest and latest dates it allows (here today and the plan's horizon,
    "Sat 6 Dec 2025"), with no room for its text field's own margins: a date with a two-digit day between them
    lost its last digit. Room for two more digits covers both."""

    def sizeHint(self) -> QSize:
        return self._roomier(super().sizeHint())

    def minimumSizeHint(self) -> QSize:
        return self._roomier(super().minimumSizeHint())

    def _roomier(self, size: QSize) -> QSize:
        return QSize(size.width() + self.fontMetrics().horizontalAdvance("00"), size.height())


class InterviewDate(QWidget):
    """'Interview on [Mon 23 Mar 2026]  21 days to go'. With `optional`, a tick box turns the date on."""

    changed = Signal()

    def __init__(self, today: Callable[[], date], optional: bool = False, focus: Qt.FocusPolicy | None = None) -> None:
        super().__init__()
        self._today = today
        self._optional = optional
        h = QHBoxLayout(self)
        h.setContentsMargins(0, 0, 0, 0)
        self.has_date = QCheckBox("Interview on")
        self.edit = DateField()
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("ddd d MMM yyyy")
        self.to_go = muted()
        self.to_go.setWordWrap(False)
        if optional:
            h.addWidget(self.has_date)
        else:
            h.addWidget(QLabel("Interview on"))
        self.has_date.setVisible(optional)
        self.has_date.setChecked(not optional)
        h.addWidget(self.edit)
        h.addWidget(self.to_go)
        h.addStretch(1)
        if focus is not None:
            for w in (self.has_date, self.edit):
                w.setFocusPolicy(focus)
        self.set_day(None)
        self.has_date.toggled.connect(self._changed)
        self.edit.dateChanged.connect(self._changed)

    def day(self) -> date | None:
        if not self.has_date.isChecked():
            return None
        d = self.edit.date()
        return date(d.year(), d.month(), d.day())

    def set_day(self, day: date | None) -> None:
        today = self._today()
        for w in (self.has_date, self.edit):
            w.blockSignals(True)
        self.edit.setMinimumDate(_qdate(min(today, day or today)))
        self.edit.setMaximumDate(_qdate(max(date.fromordinal(today.toordinal() + PLAN_HORIZON_DAYS), day or today)))
        self.edit.setDate(_qdate(day or date.fromordinal(today.toordinal() + 7 * DEFAULT_WEEKS)))
        self.has_date.setChecked(day is not None or not self._optional)  # not optional: always a date
        for w in (self.has_date, self.edit):
            w.blockSignals(False)
        self._show_days()

    def _changed(self) -> None:
        self._show_days()
        self.changed.emit()

    def _show_days(self) -> None:
        day = self.day()
        self.edit.setEnabled(self.has_date.isChecked())
        self.to_go.setText(days_to_go((day - self._today()).days) if day else "")


class FocusChoice(QComboBox):
    """The role the interview is for; each focus weighs the categories its own way."""

    def __init__(self) -> None:
        super().__init__()
        for f in FOCUSES:
            self.addItem(f.title, f.id)
            self.setItemData(self.count() - 1, f.summary, Qt.ItemDataRole.ToolTipRole)

    def focus_id(self) -> str:
        return str(self.currentData())

    def set_focus_id(self, focus_id: str) -> None:
        self.blockSignals(True)
        self.setCurrentIndex(max(0, self.findData(focus_id)))
        self.blockSignals(False)


class WeightGrid(QWidget):
    """A weight (Skip, Some, Core, Most) for each category, two categories to a row, or one where two do not fit
    (a narrow window, a large text size): the grid never makes the page wider than the window."""

    changed = Signal()
    SPACING = 10

    def __init__(self, categories: tuple[Category, ...], columns: int = 2) -> None:
        super().__init__()
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(self.SPACING)
        self._grid.setVerticalSpacing(4)
        self.boxes: dict[str, QComboBox] = {}
        self._pairs: list[tuple[QLabel, QComboBox]] = []
        for cat in categories:
            box = QComboBox()
            for w in WEIGHTS:
                box.addItem(WEIGHT_NAMES[w], w)
            box.currentIndexChanged.connect(lambda _i: self.changed.emit())
            label = plain(cat.title)
            label.setToolTip(cat.description)
            label.setBuddy(box)
            self.boxes[cat.id] = box
            self._pairs.append((label, box))
        self.columns = 0
        self._place(columns)

    def fit(self, width: int) -> None:
        """Two categories to a row if both fit whole in `width` px, else one."""
        def column(pairs: list[tuple[QLabel, QComboBox]]) -> int:
            return max((label.sizeHint().width() for label, _b in pairs), default=0) + max(
                (box.sizeHint().width() for _l, box in pairs), default=0) + self.SPACING

        two = column(self._pairs[0::2]) + column(self._pairs[1::2]) + self.SPACING
        # Qt's grid narrows its gaps before it cuts a label: two columns up to a gap's width short, as before
        self._place(2 if two - self.SPACING <= width else 1)

    def _place(self, columns: int) -> None:
        if columns == self.columns:
            return
        self.columns = columns
        for label, box in self._pairs:
            self._grid.removeWidget(label)
            self._grid.removeWidget(box)
        for i, (label, box) in enumerate(self._pairs):
            row, col = divmod(i, columns)
            self._grid.addWidget(label, row, col * 2)
            self._grid.addWidget(box, row, col * 2 + 1)
        for col in range(2):
            self._grid.setColumnStretch(col * 2, 1 if col < columns else 0)

    def weights(self) -> dict[str, int]:
        return {c: int(box.currentData()) for c, box in self.boxes.items()}

    def set_weights(self, weights: Mapping[str, int]) -> None:
        for c, box in self.boxes.items():
            box.blockSignals(True)
            box.setCurrentIndex(max(0, box.findData(weights.get(c, 1))))
            box.blockSignals(False)
