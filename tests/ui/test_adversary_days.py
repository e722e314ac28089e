"""Days of use in the window, on a store whose clock the test moves: the app left open past midnight, a session
that crosses it, an undo across it. What the user reads must follow the day without a restart."""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from desktop.core.bank import Bank
from desktop.core.scheduler import Grade
from desktop.core.search import SearchIndex
from desktop.core.settings import INTERVIEW_DATE
from desktop.core.store import DB_NAME, Store
from desktop.ui import theme
from desktop.ui.context import AppContext
from desktop.ui.main_window import MainWindow
from desktop.ui.modes.quiz import Page
from desktop.ui.widgets.category_list import COUNT_ROLE
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

    def make(clock: FakeClock, new_per_day: int = 2, bank: Bank = sample_bank,
             index: SearchIndex | None = None) -> MainWindow:
        settings = QSettings(str(isolated_data / "settings.ini"), QSettings.Format.IniFormat)
        settings.setValue("plan/asked", True)
        settings.setValue("quiz/new_per_day", new_per_day)
        if index is None:
            index = SearchIndex()
            index.add(bank.questions)
        ctx = AppContext(bank=bank, index=index, settings=settings,
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


def test_a_session_begun_before_midnight_and_undone_after_it(clocked_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Started at 23:55; one grade before midnight, one after, then Ctrl+Z twice at 00:02: each card is put back
    exactly, the first one new again, and the new day's counts say so."""
    clock = FakeClock(datetime(2026, 3, 2, 23, 55, tzinfo=UTC))
    window = clocked_window(clock)
    log = window.ctx.store.review_log
    key(qtbot, window, Qt.Key.Key_2, CTRL)
    quiz = window.mode("quiz")
    key(qtbot, window, Qt.Key.Key_Return)
    first = quiz.session.current
    key(qtbot, window, Qt.Key.Key_Space)
    key(qtbot, window, Qt.Key.Key_3)  # Good: its ten-minute step, 00:05
    after_first = log.card_json(first)
    clock.now = datetime(2026, 3, 3, 0, 1, tzinfo=UTC)
    second = quiz.session.current
    assert second != first
    key(qtbot, window, Qt.Key.Key_Space)
    key(qtbot, window, Qt.Key.Key_1)  # Again, after midnight: the new day's first new question
    qtbot.waitUntil(lambda: status_counts(window) == (0, 2, 1))  # both learning; today's allowance less one
    clock.now = datetime(2026, 3, 3, 0, 2, tzinfo=UTC)
    key(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert log.card_json(second) is None and quiz.session.current == second
    assert log.card_json(first) == after_first
    qtbot.waitUntil(lambda: status_counts(window) == (0, 1, 2))
    key(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert log.card_json(first) is None and quiz.session.current == first
    qtbot.waitUntil(lambda: status_counts(window) == (0, 0, 2))
    grade_all(qtbot, window, Qt.Key.Key_4)
    assert quiz.page is Page.SUMMARY
    assert quiz.summary_page.next_line.text().startswith("Nothing more is due today.")
    assert quiz.summary_page.verdict.text() == "Every question recalled in full at first sight. Well done."
    qtbot.waitUntil(lambda: status_counts(window) == (0, 0, 0))


def test_an_interview_too_close_for_reviews_is_not_fixed_by_raising_the_limit(clocked_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Back from a week away with the interview in two days: Progress said "Too close to review everything before
    the day" and yet offered "Use 4 a day", and Quiz's start page said "(it needs 4: raise your limit in
    Progress)". A question started now comes back in two days, on the interview day: no limit makes room."""
    clock = FakeClock(datetime(2026, 3, 14, 9, tzinfo=UTC))
    window = clocked_window(clock)
    window.ctx.prefs.set(INTERVIEW_DATE, "2026-03-16")
    key(qtbot, window, Qt.Key.Key_2, CTRL)
    line = window.mode("quiz").start_page.plan_line.text()
    assert "(2 days to go), 2 new a day" in line and "raise your limit" not in line, line
    key(qtbot, window, Qt.Key.Key_4, CTRL)
    card = window.mode("progress").plan_card
    assert card.status.text().startswith("Too close to review everything before the day")
    assert not card.apply_button.isVisible()


def test_a_limit_beyond_what_can_be_set_is_not_asked_for(tmp_path: Path) -> None:
    """All 574 bundled questions to learn, three days before the interview: Quiz's plan line said "(it needs 574:
    raise your limit in Progress)", where the limit stops at 200 and no button offered it."""
    from desktop.core.scheduler import SpacedRepetition
    from desktop.core.study_plan import StudyPlan
    from desktop.core.today import todays_study
    from desktop.ui.modes.quiz.start import plan_line
    from tests.conftest import bundled_bank

    clock = FakeClock(datetime(2026, 3, 14, 9, tzinfo=UTC))
    sr = SpacedRepetition(Store.open(tmp_path / DB_NAME, clock), clock=clock)
    for days, raise_to in ((3, None), (4, None), (10, 72), (30, 21)):
        plan = StudyPlan(cap=15, interview_day=date(2026, 3, 14) + timedelta(days=days))
        pace = todays_study(bundled_bank(), sr, plan).pace
        assert pace.raise_to == raise_to, days
        line = plan_line(plan, pace)
        assert ("raise your limit" in line) == (raise_to is not None), line
        assert f"it needs {pace.needed}" in line, line


def read_counts(text: str) -> tuple[int, int, int]:
    m = re.search(r"(\d+) due · (\d+) learning · (\d+) new", text)
    assert m is not None, text
    return tuple(int(n) for n in m.groups())  # type: ignore[return-value]


def test_a_week_and_a_half_of_short_days_every_screen_counts_alike(clocked_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The app opened once a day (some days skipped), 10-20 grades of every kind, sessions left unfinished: the
    status bar, Quiz's start page and its per-category list, Progress's tile and due chart, and the summary's
    "still to do" agree every time, and no day takes on more new questions than the limit."""
    from tests.conftest import bundled_bank, bundled_index

    rnd = random.Random(3)
    bank = bundled_bank()
    limit = 8
    for day in range(11):
        if day in (3, 7, 8):
            continue  # days off
        clock = FakeClock(datetime(2026, 3, 2, rnd.choice((7, 13, 21)), tzinfo=UTC) + timedelta(days=day))
        window = clocked_window(clock, new_per_day=limit, bank=bank, index=bundled_index())  # as a launch has it
        key(qtbot, window, Qt.Key.Key_2, CTRL)
        quiz = window.mode("quiz")
        start = quiz.start_page
        qtbot.waitUntil(lambda w=window: bool(w.plan.status.text()))
        counts = status_counts(window)
        assert read_counts(start.start_counts.text()) == counts if counts != (0, 0, 0) else True
        per_category = sum(start.due_list.item(i).data(COUNT_ROLE) for i in range(start.due_list.count()))
        assert per_category == sum(counts)
        key(qtbot, window, Qt.Key.Key_4, CTRL)
        progress = window.mode("progress")
        assert read_counts(progress.today_caption.text()) == counts and progress.today_value.text() == str(sum(counts))
        assert progress.due_chart.bars[0] == ("today", counts[0] + counts[1])
        key(qtbot, window, Qt.Key.Key_2, CTRL)
        key(qtbot, window, Qt.Key.Key_Return)
        for _ in range(rnd.randint(10, 20)):
            if quiz.page is not Page.CARD:
                break
            clock.advance(seconds=rnd.uniform(20, 120))
            left = Qt.MouseButton.LeftButton  # by mouse: a coding exercise's editor takes the keys
            qtbot.mouseClick(quiz.card_page.reveal_button, left)
            grade = rnd.choices(list(Grade), weights=(3, 2, 5, 2))[0]
            qtbot.mouseClick(quiz.grade_buttons[grade], left)
        if quiz.page is Page.CARD:
            key(qtbot, window, Qt.Key.Key_Escape)  # out of time: end the session
        assert quiz.page is Page.SUMMARY
        still = quiz.summary_page.next_line.text()
        left_today = read_counts(still) if "Still to do" in still else (0, 0, 0)
        qtbot.waitUntil(lambda w=window, n=left_today: status_counts(w) == n)
        window.close()
    first = {}
    for review in window.ctx.store.review_log.reviews():
        first.setdefault(review.question_id, review.at.date())
    per_day = Counter(first.values())
    assert max(per_day.values()) == limit and all(n <= limit for n in per_day.values()), per_day


def test_a_past_interview_date_is_called_past_in_quiz_as_in_progress(clocked_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Quiz said "Set your interview date in Progress" for a date set but gone by, while Progress said it had
    passed: the two now agree."""
    clock = FakeClock(datetime(2026, 3, 14, 9, tzinfo=UTC))
    window = clocked_window(clock)
    window.ctx.prefs.set(INTERVIEW_DATE, "2026-03-10")
    key(qtbot, window, Qt.Key.Key_2, CTRL)
    line = window.mode("quiz").start_page.plan_line.text()
    assert line.endswith("Your interview date has passed: set the next one in Progress (Ctrl+4)."), line
    key(qtbot, window, Qt.Key.Key_4, CTRL)
    assert window.mode("progress").plan_card.status.text().startswith("That date has passed")
    window.ctx.prefs.set(INTERVIEW_DATE, "")
    key(qtbot, window, Qt.Key.Key_2, CTRL)
    assert window.mode("quiz").start_page.plan_line.text().endswith("Set your interview date in Progress (Ctrl+4).")
