"""A candidate's first day, by keyboard: the plan panel inside the window, a day of study that mixes the
focus's categories and brings failures back the same day, and Progress, Quiz and the status bar
agreeing on every count. The store runs on a fake clock, so the dates are fixed."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from fsrs import State
from PySide6.QtCore import QDate, QSettings, Qt
from PySide6.QtWidgets import QApplication

from desktop.core.bank import load_bank
from desktop.core.scheduler import Grade
from desktop.core.search import SearchIndex
from desktop.core.store import DB_NAME, Store
from desktop.core.study_plan import StudyPlan
from desktop.core.today import counts_line, todays_study
from desktop.ui import theme
from desktop.ui.context import AppContext
from desktop.ui.main_window import MainWindow
from desktop.ui.modes.quiz import Page
from tests.core.fakes import T0, FakeClock, Ticker
from tests.ui.conftest import unstyle

# Five categories of the real bank, twenty questions each; an LLM engineer leaves the last two out.
CATEGORIES = ("llms-genai", "deep-architectures", "ml-infra-scale", "trees-and-ensembles", "linear-models")
DIFFICULTY = ("hard", "easy", "medium", "easy")


def write_bank(root: Path) -> None:
    root.mkdir()
    (root / "categories.yaml").write_text("".join(f"- id: {c}\n  title: {c.replace('-', ' ').capitalize()}\n"
                                                  for c in CATEGORIES), encoding="utf-8")
    for c in CATEGORIES:
        (root / c).mkdir()
        for i in range(20):
            qid = f"{c}-q{i:02d}"
            (root / c / f"{qid}.md").write_text(
                f"---\nid: {qid}\ncategory: {c}\ndifficulty: {DIFFICULTY[i % 4]}\ntags: [t]\n---\n"
                f"# Question {i} about {c}?\n\n## Answer\nAn answer.\n\n## Key points\n- one\n- two\n- three\n",
                encoding="utf-8")


@pytest.fixture
def first_run(qtbot, tmp_path: Path, isolated_data: Path) -> Iterator[Callable[[], tuple[MainWindow, FakeClock]]]:  # type: ignore[no-untyped-def]
    """Windows over a 100-question bank and one data folder, on a fake clock starting Monday 2 March 09:00."""
    write_bank(tmp_path / "bank")
    bank = load_bank(tmp_path / "bank")
    assert bank.problems == ()
    isolated_data.mkdir(parents=True, exist_ok=True)
    clock = FakeClock(T0)
    app = QApplication.instance()
    theme.apply(app, "light")
    windows: list[MainWindow] = []

    def make() -> tuple[MainWindow, FakeClock]:
        index = SearchIndex()
        index.add(bank.questions)
        ctx = AppContext(bank=bank, index=index, store=Store.open(isolated_data / DB_NAME, clock),
                         settings=QSettings(str(isolated_data / "settings.ini"), QSettings.Format.IniFormat),
                         data_dir=isolated_data, status=lambda _m: None)
        window = MainWindow(ctx)
        qtbot.addWidget(window)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        windows.append(window)
        return window, clock

    yield make
    unstyle(app, windows)


def key(qtbot, window, k, mod=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(QApplication.focusWidget() or window, k, mod)


def category(qid: str) -> str:
    return qid.rsplit("-q", 1)[0]


def test_the_plan_panel_sits_in_the_window_and_every_shortcut_works_while_it_shows(first_run, qtbot) -> None:  # type: ignore[no-untyped-def]
    window, _clock = first_run()
    panel = window.plan.panel
    assert panel.isVisible() and not panel.isWindow() and QApplication.activeModalWidget() is None
    assert window.centralWidget().isAncestorOf(panel)
    assert not panel.isAncestorOf(QApplication.focusWidget())  # it never takes the keys by itself

    key(qtbot, window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    quiz = window.mode("quiz")
    assert window.current_key == "quiz" and quiz.page is Page.START
    key(qtbot, window, Qt.Key.Key_Return)
    assert quiz.page is Page.CARD
    # ignored, the panel leaves the default plan: a mix of all five categories, easy first
    first = quiz.session.question_ids
    assert len(first) == 15 and set(Counter(map(category, first))) == set(CATEGORIES)
    assert all(window.ctx.bank.get(q).difficulty == "easy" for q in first)  # type: ignore[union-attr]
    key(qtbot, window, Qt.Key.Key_Space)
    key(qtbot, window, Qt.Key.Key_C)
    assert quiz.card_page.ticked()[2]
    key(qtbot, window, Qt.Key.Key_1)
    assert [r[1] for r in window.ctx.store.review_log.reviews()] == [1]
    key(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.ctx.store.review_log.reviews() == []
    key(qtbot, window, Qt.Key.Key_Escape)
    key(qtbot, window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key == "progress" and panel.isVisible()
    key(qtbot, window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key == "browse"

    panel.later_button.click()
    assert not panel.isVisible() and window.ctx.settings.value("plan/asked") in (True, "true")
    again, _ = first_run()
    assert again.plan.panel is None  # answered once: never again (Progress keeps the plan)


def test_a_first_day_by_keyboard_follows_the_focus_and_everything_agrees(first_run, qtbot) -> None:  # type: ignore[no-untyped-def]
    window, clock = first_run()
    panel = window.plan.panel
    panel.when.edit.setDate(QDate(2026, 3, 14))  # in twelve days
    assert panel.when.to_go.text() == "12 days to go"
    panel.focus.setCurrentIndex(panel.focus.findData("llm-engineer"))
    panel.use_button.click()
    assert not panel.isVisible()
    plan = StudyPlan.load(window.ctx.prefs)
    assert (plan.focus, plan.interview_day) == ("llm-engineer", date(2026, 3, 14))

    key(qtbot, window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    quiz = window.mode("quiz")
    # 60 questions in focus; each started by 11 March gets its review two days later: 6 a day
    assert quiz.start_counts.text() == "0 due · 0 learning · 6 new"
    assert quiz.start_page.plan_line.text() == "Plan: LLM engineer, interview Sat 14 Mar (12 days to go), 6 new a day."
    qtbot.waitUntil(lambda: window.plan.status.text() == "Today: 0 due · 0 learning · 6 new")
    key(qtbot, window, Qt.Key.Key_Return)
    deck = list(quiz.session.question_ids)
    assert Counter(map(category, deck)) == {"llms-genai": 2, "deep-architectures": 2, "ml-infra-scale": 2}

    thinking = Ticker(time.monotonic())
    quiz.session.monotonic = thinking
    shown: list[str] = []
    while quiz.page is Page.CARD:
        qid = quiz.session.current
        shown.append(qid)
        thinking.advance(25)  # 25 s to think: all points recalled is Good, not Easy
        key(qtbot, window, Qt.Key.Key_Space)
        points = "a" if qid in deck[:2] and shown.count(qid) == 1 else "abc"  # the first two: only one point
        for letter in points:
            key(qtbot, window, getattr(Qt.Key, f"Key_{letter.upper()}"))
        key(qtbot, window, Qt.Key.Key_Return)  # accept the suggested grade
        clock.advance(seconds=30)
    assert quiz.page is Page.SUMMARY

    store, sr = window.ctx.store, window.ctx.scheduler
    ratings = Counter((qid, rating) for qid, rating, _at, _ms in store.review_log.reviews())
    assert {q for q, _r in ratings} == set(deck)
    assert ratings[(deck[0], 1)] == ratings[(deck[1], 1)] == 1  # one point of three: Again, suggested
    assert all(shown.count(q) >= 2 for q in deck)  # every one came back the same day: a learning step
    assert shown.count(deck[0]) == 3  # Again, then its two steps
    assert all(sr.card(q).state == State.Review for q in deck)  # type: ignore[union-attr]
    summary = quiz.summary_page
    assert quiz.summary_values["done"].text() == "6" and quiz.summary_values["recall"].text() == "67%"
    assert summary.verdict.text().startswith("2 questions missed at first sight")
    # the two missed come back tomorrow (a lapse on day one graduates to a single day); six more new
    assert summary.next_line.text() == "Nothing more is due today. Tomorrow: 2 due · 0 learning · 6 new."

    key(qtbot, window, Qt.Key.Key_Return)  # back to the start page
    assert quiz.start_page.start_title.text() == "All caught up"
    key(qtbot, window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    progress = window.mode("progress")
    today = todays_study(window.ctx.bank, sr, plan)
    line = counts_line(today)
    assert line == "0 due · 0 learning · 0 new"
    qtbot.waitUntil(lambda: window.plan.status.text() == f"Today: {line}")
    assert progress.today_caption.text() == f"to study today: {line}" and progress.today_value.text() == "0"
    assert progress.due_chart.bars[0] == ("today", 0)
    assert progress.plan_card.status.text() == "On track: 6 new a day fits your limit of 15."
    assert progress.plan_card.today_line.text() == f"Today: {line} (6 new started)."
    assert "54 of the 60 questions in your focus are still new" in progress.plan_card.numbers.text()
    # the weakest are the two failed ones, never the ones graded Good at once
    weak = [progress.weak_list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(progress.weak_list.count())]
    assert weak[:2] == sorted(deck[:2], key=weak.index) and set(weak[:2]) == set(deck[:2])
    # what to study next: only categories in the focus, the furthest below target first
    nexts = [t.text() for t in progress.next_card.titles if t.isVisibleTo(progress.next_card)]
    assert nexts and not {"Trees and ensembles", "Linear models"} & set(nexts)

    clock.advance(days=1)  # Tuesday: the same numbers everywhere
    progress.refresh()
    window.switch_to("quiz")
    tuesday = counts_line(todays_study(window.ctx.bank, sr, plan))
    assert tuesday == "2 due · 0 learning · 6 new" and quiz.start_counts.text() == tuesday
    window.plan.status.refresh()
    assert window.plan.status.text() == f"Today: {tuesday}" and progress.today_caption.text().endswith(tuesday)


def test_quiz_progress_and_the_status_bar_agree_on_every_count(first_run, qtbot) -> None:  # type: ignore[no-untyped-def]
    window, clock = first_run()
    sr = window.ctx.scheduler
    ids = [q.id for q in window.ctx.bank.questions]
    for i, qid in enumerate(ids[:9]):  # graduated on earlier days: several due today, some later
        at = T0 - timedelta(days=2 + i % 3, hours=i)
        sr.grade(qid, Grade.GOOD, now=at)
        sr.grade(qid, Grade.GOOD, now=at + timedelta(minutes=10))
    sr.grade(ids[20], Grade.AGAIN)  # learning
    sr.grade(ids[21], Grade.GOOD)  # learning step in ten minutes
    clock.advance(hours=3)
    window.switch_to("quiz")
    quiz = window.mode("quiz")
    today = todays_study(window.ctx.bank, sr, StudyPlan.load(window.ctx.prefs))
    assert today.due and today.learning and today.new  # every kind is there
    line = counts_line(today)
    assert quiz.start_counts.text() == f"{line} · 2 new started today"
    qtbot.waitUntil(lambda: window.plan.status.text() == f"Today: {line}")
    window.switch_to("progress")
    progress = window.mode("progress")
    assert progress.today_caption.text() == f"to study today: {line}"
    assert progress.due_chart.bars[0][1] == today.reviews == len(today.due) + len(today.learning)
    window.switch_to("quiz")
    key(qtbot, window, Qt.Key.Key_Return)
    assert quiz.session.question_ids == today.deck
