"""What a run of an exercise said: one line for the whole run (`summary`, placed by the panel beside its
Run button), then tabs: each test with pass or fail, its message and time; the details (every failing
test's traceback, what the code printed); and the history of runs."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QPainter
from PySide6.QtWidgets import (
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.exercise_log import ExerciseRun, run_verdict
from desktop.core.exercises import RunResult, Status, TestResult
from desktop.core.wording import count
from desktop.ui import theme
from desktop.ui.widgets.labels import plain
from desktop.ui.widgets.list_rows import paint_row_background
from desktop.ui.widgets.on_resize import OnResize
from desktop.ui.widgets.typeset import plain_tooltip

TEST_ROLE = Qt.ItemDataRole.UserRole + 1
TESTS_TAB, DETAILS_TAB, RUNS_TAB = 0, 1, 2
_Index = QModelIndex | QPersistentModelIndex


def test_label(name: str) -> str:
    """`test_zero_row_stays_zero` as "zero row stays zero"."""
    return name.removeprefix("test_").replace("_", " ") or name


def ran(test: TestResult) -> bool:
    return test.passed or not test.message.startswith(("Not run", "Did not finish"))


def duration(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.1f} s"


def run_line(run: ExerciseRun) -> str:
    """One run in a history: "12:04 · 3 of 5 passed · 0.3 s"."""
    return f"{run.at.astimezone():%H:%M} · {run_verdict(run)}"


class _TestRow(QStyledItemDelegate):
    """✓ / ✗ (coloured), the test's name and time, and its message on a second line."""

    PAD = 7

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        test = index.data(TEST_ROLE)
        lines = 1 if isinstance(test, TestResult) and test.passed else 2  # a pass has nothing more to say
        return QSize(200, option.fontMetrics.lineSpacing() * lines + self.PAD * 2 + 2)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        test = index.data(TEST_ROLE)
        if not isinstance(test, TestResult):
            return
        c = theme.current()
        painter.save()
        rect = option.rect.adjusted(2, 1, -2, -1)
        selected = paint_row_background(painter, option, rect, index)
        inner = rect.adjusted(self.PAD, self.PAD - 2, -self.PAD, -self.PAD + 2)
        fm = option.fontMetrics
        line = fm.lineSpacing()
        mark, mark_color = ("✓", c.good) if test.passed else ("✗", c.bad) if ran(test) else ("–", c.muted)
        bold = QFont(option.font)
        bold.setWeight(QFont.Weight.Bold)
        painter.setFont(bold)
        painter.setPen(QColor(c.accent_text if selected else mark_color))
        mark_width = fm.horizontalAdvance("✓ ") + 4
        top = QRect(inner.left(), inner.top(), inner.width(), line)
        painter.drawText(top, Qt.AlignmentFlag.AlignVCenter, mark)
        time_text = duration(test.seconds) if ran(test) else ""
        time_width = fm.horizontalAdvance(time_text) + 8 if time_text else 0
        painter.setPen(QColor(c.accent_text if selected else c.muted))
        painter.setFont(option.font)
        painter.drawText(top, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, time_text)
        name_font = QFont(option.font)
        name_font.setWeight(QFont.Weight.DemiBold)
        painter.setFont(name_font)
        painter.setPen(QColor(c.accent_text if selected else c.text))
        name_rect = top.adjusted(mark_width, 0, -time_width, 0)
        painter.drawText(name_rect, Qt.AlignmentFlag.AlignVCenter,
                         painter.fontMetrics().elidedText(test_label(test.name), Qt.TextElideMode.ElideRight,
                                                          name_rect.width()))
        if test.passed:
            painter.restore()
            return
        message = " ".join(test.message.split())
        small = QFont(option.font)
        small.setPointSizeF(small.pointSizeF() * 0.92)
        painter.setFont(small)
        painter.setPen(QColor(c.accent_text if selected else c.muted))
        second = QRect(inner.left() + mark_width, inner.top() + line + 2, inner.width() - mark_width, line)
        painter.drawText(second, Qt.AlignmentFlag.AlignVCenter,
                         painter.fontMetrics().elidedText(message, Qt.TextElideMode.ElideRight, second.width()))
        painter.restore()


def _monospace(box: QPlainTextEdit) -> None:
    family = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).family()
    box.setStyleSheet(f'font-family: "{family}";')


class RunResults(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = plain()
        self.summary.setObjectName("runSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Beside the Run button it wraps in a narrow pane: ask for its wrapped height, which a splitter ignores.
        self._fit_summary = OnResize(lambda _w: self._fit_summary_height())
        self.summary.installEventFilter(self._fit_summary)
        self.tests = QListWidget()
        self.tests.setObjectName("testList")
        self.tests.setItemDelegate(_TestRow(self.tests))
        self.output = QPlainTextEdit()  # every failing test's message and traceback, then what was printed
        self.output.setObjectName("runOutput")
        self.output.setReadOnly(True)
        _monospace(self.output)
        self.history = QListWidget()
        self.history.setObjectName("runHistory")
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.tests, "Tests")
        self.tabs.addTab(self.output, "Details")
        self.tabs.addTab(self.history, "Runs")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.tests.itemActivated.connect(lambda _item: self.tabs.setCurrentIndex(DETAILS_TAB))
        self.result: RunResult | None = None
        self.show_idle(0)

    # ------------------------------------------------------------------ states

    def show_idle(self, tests: int) -> None:
        """Nothing run since the question was shown."""
        self.result = None
        what = count(tests, "hidden test") if tests else "the hidden tests"
        self._summary(f"Ctrl+Enter runs {what}.", theme.current().muted)  # short: one line beside Run
        self.tests.clear()
        self.output.setPlainText("")
        self.tabs.setCurrentIndex(RUNS_TAB)  # what is there to see before a run: the earlier ones

    def show_running(self) -> None:
        self._summary("Running your code against the tests…  Esc cancels.", theme.current().muted)

    def show_result(self, result: RunResult) -> None:
        self.result = result
        c = theme.current()
        mark = "✓" if result.ok else "✗" if result.status is not Status.CANCELLED else "–"
        color = c.good if result.ok else c.muted if result.status is Status.CANCELLED else c.bad
        # A no-break space: wrapped beside Run in a narrow window, the time keeps its unit ("0.30\n s" was).
        self._summary(f"{mark} {result.message} · {result.seconds:.2f}\u00a0s", color)
        self.tests.clear()
        for test in result.tests:
            row = QListWidgetItem(test_label(test.name))
            row.setData(TEST_ROLE, test)
            row.setToolTip(plain_tooltip("\n\n".join(p for p in (f"{test.name}: {test.message or 'passed'}",
                                                                    test.details) if p)))
            self.tests.addItem(row)
        self.output.setPlainText(details_text(result))
        failing = next((i for i, t in enumerate(result.tests) if not t.passed and ran(t)), None)
        if failing is not None:
            self.tests.setCurrentRow(failing)  # the first failure is where the eye and the keys start
        never_ran = result.details and not any(ran(t) for t in result.tests)
        self.tabs.setCurrentIndex(DETAILS_TAB if never_ran else TESTS_TAB)  # no test ran: the traceback says why

    def show_runs(self, runs: Sequence[ExerciseRun]) -> None:
        """The history, newest first."""
        self.history.clear()
        for run in runs:
            self.history.addItem(run_line(run) + (" · mock interview" if run.interview_id is not None else ""))
        if not runs:
            self.history.addItem("No runs yet.")
        self.tabs.setTabText(RUNS_TAB, f"Runs ({len(runs)})" if runs else "Runs")

    def restyle(self) -> None:
        if self.result is not None:
            index = self.tabs.currentIndex()
            self.show_result(self.result)
            self.tabs.setCurrentIndex(index)
        self.tests.viewport().update()

    def _summary(self, text: str, color: str) -> None:
        self.summary.setText(text)
        self.summary.setStyleSheet(f"color: {color}; font-weight: 600; padding: 2px 2px;")
        self._fit_summary_height()

    def _fit_summary_height(self) -> None:
        width = self.summary.contentsRect().width() - 4  # the style sheet's padding
        if width > 0:
            lines = self.summary.fontMetrics().boundingRect(QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap,
                                                            self.summary.text())
            self.summary.setMinimumHeight(lines.height() + 4)  # and the padding


def details_text(result: RunResult) -> str:
    """The whole story in text: why the code could not be imported, each failing test's message and
    traceback, and what the code printed."""
    parts = [result.details.rstrip()] if result.details else []
    for test in result.tests:
        if not test.passed and ran(test):
            parts.append("\n".join(p for p in (f"✗ {test.name}: {test.message}", test.details.rstrip()) if p))
    for title, text in (("Printed", result.stdout), ("Errors printed", result.stderr)):
        if text.strip():
            parts.append(f"{title}:\n{text.rstrip()}")
    return "\n\n".join(parts) or "Nothing failed and nothing was printed."
