"""Days of use in the window, on a store whose clock the test moves: the app left open past midnight, a session
that crosses it, an undo across it. What the user reads must follow the day without a restart."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from desktop.core.bank import Bank
from desktop.core.search import SearchIndex
from desktop.core.settings import INTERVIEW_DATE
from desktop.core.store import DB_NAME, Store
from desktop.ui import theme
from desktop.ui.context import AppContext
from desktop.ui.main_window import MainWindow
from desktop.ui.modes.quiz import Page
from tests.core.fakes import FakeClock
from tests.ui.conftest import unstyle
from tests.ui.test_quiz import key

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def clocked_window(qtbot, sample_bank: Bank, isolated_data: Path) -> Iterator[Callable[..., MainWindow]]:  # type: ignore[no-untyped-def]
    """A shown, active main window over the sample bank whose store (and so its scheduler) reads `clock`."""
    isolated_data.mkdir(parents=True, exist_ok=True)
    windows: list[MainWindow] = []
    app = QApplication.instance()
    theme.apply(app, "light")

    def make(clock: FakeClock, new_per_day: int = 2) -> MainWindow:
        settings = QSettings(str(isolated_data / "settings.ini"), QSettings.Format.IniFormat)
        settings.setValue("plan/asked", True)
        settings.setValue("quiz/new_per_day", new_per_day)
        index = SearchIndex()
        index.add(sample_bank.questions)
        ctx = AppContext(bank=sample_bank, index=index, settings=settings,
                         store=Store.open(isolated_data / DB_NAME, clock), data_dir=isolated_data,
                         status=lambda _m: None)
        window = MainWindow(ctx)
        qtbot.addWidget(window)
        window.resize(1360, 820)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        windows.append(window)
        return window

    yield make
    unstyle(app, windows)


def status_counts(window: MainWindow) -> tuple[int, int, int]:
    m = re.fullmatch(r"Today: (\d+) due · (\d+) learning · (\d+) new", window.plan.status.text())
    assert m is not None, window.plan.status.text()
    return tuple(int(n) for n in m.groups())  # type: ignore[return-value]


def grade_all(qtbot, window: MainWindow, digit: Qt.Key) -> None:  # type: ignore[no-untyped-def]
    quiz = window.mode("quiz")
    while quiz.page is Page.CARD:
        key(qtbot, window, Qt.Key.Key_Space)
        key(qtbot, window, digit)


def test_the_quiz_page_left_open_past_midnight_offers_the_new_days_questions(clocked_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Two new questions done at 23:40, and the window left on Quiz's start page: after midnight it still said
    "All caught up" with its Start button greyed out, while the status bar had moved on to "2 new"."""
    clock = FakeClock(datetime(2026, 3, 2, 23, 40, tzinfo=UTC))
    window = clocked_window(clock)
    key(qtbot, window, Qt.Key.Key_2, CTRL)
    quiz = window.mode("quiz")
    key(qtbot, window, Qt.Key.Key_Return)
    key(qtbot, window, Qt.Key.Key_Space)
    key(qtbot, window, Qt.Key.Key_4)  # Easy: graduates to days
    clock.now = datetime(2026, 3, 2, 23, 59, 59, 800000, tzinfo=UTC)  # the second one just before midnight
    key(qtbot, window, Qt.Key.Key_Space)
    key(qtbot, window, Qt.Key.Key_4)
    key(qtbot, window, Qt.Key.Key_Return)  # back to start
    assert quiz.page is Page.START
    start = quiz.start_page
    qtbot.waitUntil(lambda: status_counts(window) == (0, 0, 0))
    assert start.start_title.text() == "All caught up" and not start.start_button.isEnabled()

    clock.now = datetime(2026, 3, 3, 0, 0, 30, tzinfo=UTC)  # the window left open past midnight
    qtbot.waitUntil(lambda: start.start_title.text() == "Today's study", timeout=3000)
    assert start.start_counts.text() == "0 due · 0 learning · 2 new" and start.start_button.isEnabled()
    qtbot.waitUntil(lambda: status_counts(window) == (0, 0, 2))  # redrawn on the next turn of the event loop
    qtbot.mouseClick(start.start_button, Qt.MouseButton.LeftButton)
    assert quiz.page is Page.CARD and quiz.session is not None and len(quiz.session.question_ids) == 2


def test_progress_left_open_past_midnight_counts_the_new_day(clocked_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Progress read "to study today: 0 due · 0 learning · 0 new" and the countdown of the day before until the user
    switched away and back."""
    clock = FakeClock(datetime(2026, 3, 2, 23, 30, tzinfo=UTC))
    window = clocked_window(clock)
    window.ctx.prefs.set(INTERVIEW_DATE, "2026-03-12")
    key(qtbot, window, Qt.Key.Key_2, CTRL)
    key(qtbot, window, Qt.Key.Key_Return)
    clock.now = datetime(2026, 3, 2, 23, 59, 59, 800000, tzinfo=UTC)
    grade_all(qtbot, window, Qt.Key.Key_4)
    key(qtbot, window, Qt.Key.Key_4, CTRL)
    progress = window.mode("progress")
    assert progress.today_caption.text() == "to study today: 0 due · 0 learning · 0 new"
    assert progress.countdown_value.text() == "10"
    clock.now = datetime(2026, 3, 3, 0, 0, 30, tzinfo=UTC)
    qtbot.waitUntil(lambda: progress.countdown_value.text() == "9", timeout=3000)
    # the 2 questions left, spread over the 7 days that still leave room for a review: 1 a day
    assert progress.today_caption.text() == "to study today: 0 due · 0 learning · 1 new"
    assert progress.today_value.text() == "1"
    qtbot.waitUntil(lambda: status_counts(window) == (0, 0, 1))
