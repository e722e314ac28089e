"""A short mock interview with tiny time limits, run by keyboard, then reviewed and found in history."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.core.interview import Phase, Plan, PlannedQuestion
from desktop.ui.modes.interview import Page
from tests.core.fakes import Ticker


def key(qtbot, window, k, mod=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(QApplication.focusWidget() or window, k, mod)


CTRL = Qt.KeyboardModifier.ControlModifier


def open_interview(make_window, qtbot):  # type: ignore[no-untyped-def]
    window = make_window()
    key(qtbot, window, Qt.Key.Key_3, CTRL)
    assert window.current_key == "interview"
    return window, window.mode("interview")


def test_enter_starts_the_default_preset_with_the_answer_box_focused(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window, mode = open_interview(make_window, qtbot)
    assert mode.selected_key() == "phone"
    key(qtbot, window, Qt.Key.Key_Return)
    assert mode.page is Page.RUNNER and mode.session is not None
    assert mode.session.phase is Phase.THINK
    assert QApplication.focusWidget() is mode.answer
    assert mode.question_label.text()  # the first question is on screen at once
    assert mode.clock.text() == "1:00"


def test_a_short_interview_by_keyboard_with_review_and_history(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window, mode = open_interview(make_window, qtbot)
    store = window.ctx.store
    clock = Ticker(50.0)
    mode.monotonic = clock  # the repaint timer still runs; only time itself is ours
    plan = Plan("Tiny", (
        PlannedQuestion("gradient-descent", 0.05, 0.3),
        PlannedQuestion("decision-tree", 0.0, 30.0, "And then?", 10.0),
        PlannedQuestion("random-forest", 0.0, 30.0),
    ))
    mode.start(plan)
    # Thinking runs out on its own and the answer phase begins: the clock is the deadline.
    clock.t += 0.05
    qtbot.waitUntil(lambda: mode.session.phase is Phase.ANSWER, timeout=2000)
    qtbot.keyClicks(mode.answer, "step against the gradient with a learning rate, point three")
    clock.t += 0.3
    qtbot.waitUntil(lambda: mode.session is not None and mode.session.index == 1, timeout=3000)  # auto-advance
    answers = store.interview_answers(mode.interview_id)
    assert answers[0]["answer"] == "step against the gradient with a learning rate, point three"  # saved as typed

    assert QApplication.focusWidget() is mode.answer and mode.answer.toPlainText() == ""
    qtbot.keyClicks(mode.answer, "greedy impurity splits")
    clock.t += 12
    key(qtbot, window, Qt.Key.Key_P, CTRL)  # pause
    clock.t += 100  # paused time does not count
    assert mode.session.paused and mode.pause_banner.isVisible()
    key(qtbot, window, Qt.Key.Key_P, CTRL)  # resume
    assert not mode.session.paused
    key(qtbot, window, Qt.Key.Key_Return, CTRL)  # done answering: the follow-up is asked
    assert mode.session.phase is Phase.FOLLOW_UP and "And then?" in mode.follow_label.text()
    key(qtbot, window, Qt.Key.Key_Return, CTRL | Qt.KeyboardModifier.ShiftModifier)  # skip the rest
    assert mode.session.index == 2
    key(qtbot, window, Qt.Key.Key_Escape)
    assert mode.page is Page.RUNNER  # one Esc only warns
    key(qtbot, window, Qt.Key.Key_Escape)
    assert mode.page is Page.REVIEW  # ended early: the review

    # Review: model answer now visible, key points suggested from the typed answer, scored by keyboard.
    assert "It steps against the gradient" in mode.model_view.toPlainText()
    assert "step against the gradient" in mode.your_answer.toPlainText()
    # "point one of gradient-descent", "point two", "point three": the answer names the gradient and point three
    assert mode.review.ticked() == [True, True, True]
    key(qtbot, window, Qt.Key.Key_4)
    key(qtbot, window, Qt.Key.Key_Down, CTRL)
    key(qtbot, window, Qt.Key.Key_2)
    key(qtbot, window, Qt.Key.Key_A)
    rows = store.interview_answers(mode.interview_id)
    assert [r["score"] for r in rows] == [4, 2, None]
    assert json.loads(rows[1]["ticked"])[0] is True
    assert json.loads(rows[1]["used"])["answering"] == 12 and rows[1]["skipped"] == 1
    assert "3.0/5" in mode.overall_label.text()
    assert store.interview(mode.interview_id)["status"] == "ended early"

    # Scores feed spaced repetition when asked: 2/5 becomes Again, due soon.
    mode.schedule_button.click()
    assert [(q, r) for q, r, *_ in store.reviews()] == [("gradient-descent", 3), ("decision-tree", 1)]

    # History survives a restart and reopens the review.
    window.close()
    again = make_window()
    again.switch_to("interview")
    m2 = again.mode("interview")
    assert m2.history.count() == 1 and "Tiny" in m2.history.item(0).text()
    m2.open_review(int(m2.history.item(0).data(Qt.ItemDataRole.UserRole)))
    assert "4/5" in m2.review_list.item(0).data(Qt.ItemDataRole.UserRole + 2)
    assert not m2.schedule_button.isEnabled()


def test_previous_attempts_are_shown_in_review(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window, mode = open_interview(make_window, qtbot)
    for score in (2, 4):
        mode.start(Plan("Again", (PlannedQuestion("random-forest", 0.0, 30.0),)))
        mode.end_early()
        mode.set_score(score)
    assert "earlier scores: 2/5" in mode.review_meta.text()


def test_leaving_the_mode_pauses_the_clock(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window, mode = open_interview(make_window, qtbot)
    key(qtbot, window, Qt.Key.Key_Return)
    key(qtbot, window, Qt.Key.Key_1, CTRL)
    assert window.current_key == "browse" and mode.session.paused


def test_a_short_window_scrolls_the_presets_instead_of_overlapping_them(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window, mode = open_interview(make_window, qtbot)
    window.resize(760, 520)
    qtbot.waitUntil(lambda: mode.start_button.isVisible())

    def top_in_page(widget) -> int:  # type: ignore[no-untyped-def]
        return widget.mapTo(mode.presets.parentWidget(), widget.rect().topLeft()).y()

    presets_bottom = top_in_page(mode.presets) + mode.presets.height()
    assert presets_bottom <= top_in_page(mode.lean_weak)  # the options sit below the list, not on it
    assert top_in_page(mode.lean_weak) + mode.lean_weak.height() <= top_in_page(mode.start_button)


def test_leaning_towards_weak_categories_starts_on_the_weakest(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from desktop.core.scheduler import Grade

    window, mode = open_interview(make_window, qtbot)
    sr = window.ctx.scheduler
    for qid in ("gradient-descent", "learning-rate"):
        sr.grade(qid, Grade.EASY)  # optimization: well known
    sr.grade("decision-tree", Grade.AGAIN)  # trees: forgotten
    mode.lean_weak.setChecked(True)
    key(qtbot, window, Qt.Key.Key_Return)
    assert mode.session is not None and QApplication.focusWidget() is mode.answer
    categories = [window.ctx.bank.get(q.question_id).category for q in mode.session.plan.questions]
    assert categories == ["trees", "trees", "optimization", "optimization"]  # the weak category comes first


def test_reviewing_an_older_interview_then_leaving_keeps_its_answers(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    # The running page and the review each keep their own interview: leaving the mode saves the answer box
    # into the interview it was typed for, never into the one being reviewed.
    window, mode = open_interview(make_window, qtbot)
    store = window.ctx.store
    mode.start(Plan("Old", (PlannedQuestion("random-forest", 0.0, 30.0),)))
    mode.answer.setPlainText("the old answer")
    mode.end_early()
    old = mode.interview_id
    mode.start(Plan("New", (PlannedQuestion("decision-tree", 0.0, 30.0),)))
    mode.answer.setPlainText("the new answer")
    mode.end_early()
    new = mode.interview_id
    mode.show_start()
    mode.open_review(old)
    window.switch_to("browse")  # deactivates the mode: whatever is pending is saved
    assert [store.interview_answers(i)[0]["answer"] for i in (old, new)] == ["the old answer", "the new answer"]
