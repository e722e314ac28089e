"""A short mock interview with tiny time limits, run by keyboard, then reviewed and found in history."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.core.interview import Phase, Plan, PlannedQuestion
from desktop.ui.modes.interview import Page
from desktop.ui.widgets.two_line_list import SUBTITLE_ROLE
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
    log = window.ctx.store.interview_store
    clock = Ticker(50.0)
    mode.monotonic = clock  # the repaint timer still runs; only time itself is ours
    plan = Plan("Tiny", (
        PlannedQuestion("gradient-descent", 0.05, 0.3),
        PlannedQuestion("decision-tree", 0.0, 30.0, "And then?", 10.0),
        PlannedQuestion("random-forest", 0.0, 30.0),
        PlannedQuestion("learning-rate", 0.0, 30.0),
    ))
    mode.start(plan)
    # Thinking runs out on its own and the answer phase begins: the clock is the deadline.
    clock.t += 0.05
    qtbot.waitUntil(lambda: mode.session.phase is Phase.ANSWER, timeout=2000)
    qtbot.keyClicks(mode.answer, "step against the gradient with a learning rate, point three")
    clock.t += 0.3
    qtbot.waitUntil(lambda: mode.session is not None and mode.session.index == 1, timeout=3000)  # auto-advance
    assert log.answers(mode.interview_id)[0].answer == (
        "step against the gradient with a learning rate, point three")  # saved as typed

    assert QApplication.focusWidget() is mode.answer and mode.answer.toPlainText() == ""
    qtbot.keyClicks(mode.answer, "greedy impurity splits")
    clock.t += 12
    key(qtbot, window, Qt.Key.Key_P, CTRL)  # pause
    clock.t += 100  # paused time does not count
    assert mode.session.paused and mode.pause_banner.isVisible()
    key(qtbot, window, Qt.Key.Key_P, CTRL)  # resume
    assert not mode.session.paused
    key(qtbot, window, Qt.Key.Key_Return, CTRL)  # done answering: the follow-up is asked, in a box of its own
    assert mode.session.phase is Phase.FOLLOW_UP and "And then?" in mode.follow_label.text()
    assert QApplication.focusWidget() is mode.follow_answer and mode.answer.isReadOnly()
    assert mode.answer.toPlainText() == "greedy impurity splits"  # still in view above it
    qtbot.keyClicks(mode.follow_answer, "a hint of pruning")
    clock.t += 4
    key(qtbot, window, Qt.Key.Key_Return, CTRL | Qt.KeyboardModifier.ShiftModifier)  # skip the rest of it
    assert mode.session.index == 2 and mode.answer.toPlainText() == "" and not mode.follow_answer.isVisible()
    clock.t += 7
    key(qtbot, window, Qt.Key.Key_Escape)
    assert mode.page is Page.RUNNER  # one Esc only warns
    key(qtbot, window, Qt.Key.Key_Escape)
    assert mode.page is Page.REVIEW  # ended early: the review

    # The list: each question, and under the one whose follow-up was asked, the follow-up on its own.
    listed = [(mode.review_list.item(i).text().strip(), mode.review_list.item(i).data(SUBTITLE_ROLE))
              for i in range(mode.review_list.count())]
    assert listed == [("How does gradient descent work?", "Not scored yet"),
                      ("How does a decision tree split?", "Not scored yet"), ("↳ Follow-up", "Skipped · Not scored yet"),
                      ("Why do random forests work?", "Not scored yet"), ("How do you pick a learning rate?", "Not asked")]
    # Review: model answer now visible, key points suggested from the typed answer, scored by keyboard.
    assert "It steps against the gradient" in mode.model_view.toPlainText()
    assert "step against the gradient" in mode.your_answer.toPlainText()
    assert mode.review.ticked()[2] is True  # "point three", said in so many words
    assert mode.review_meta.text() == "Thinking 0:00 of 0:01 · Answering 0:01 of 0:01"  # stored to a tenth of a second
    key(qtbot, window, Qt.Key.Key_4)
    key(qtbot, window, Qt.Key.Key_Down, CTRL)
    assert mode.review_meta.text() == "Answering 0:12 of 0:30 · follow-up asked (below)"  # not "skipped"
    key(qtbot, window, Qt.Key.Key_2)
    key(qtbot, window, Qt.Key.Key_A)
    key(qtbot, window, Qt.Key.Key_Down, CTRL)  # the follow-up: its own answer, key points (from its hint) and score
    assert mode.your_answer.toPlainText() == "a hint of pruning"
    assert mode.review.checklist() == ["a hint"] and mode.review.ticked() == [True]
    assert mode.review_meta.text() == "Follow-up 0:04 of 0:10 · skipped"
    key(qtbot, window, Qt.Key.Key_3)
    key(qtbot, window, Qt.Key.Key_Down, CTRL)
    assert mode.review_meta.text() == "Answering 0:07 of 0:30 · interview ended during answering"
    key(qtbot, window, Qt.Key.Key_Down, CTRL)  # never asked: said so, and nothing to score
    assert mode.review_meta.text() == "Not asked: the interview ended before this question"
    assert mode.your_answer.toPlainText() == "(not asked)"
    key(qtbot, window, Qt.Key.Key_5)
    rows = log.answers(mode.interview_id)
    assert [(r.score, r.follow_up_score) for r in rows] == [(4, None), (2, 3), (None, None), (None, None)]
    assert rows[1].ticked[0] is True and rows[1].follow_up_ticked == (True,)
    assert rows[1].record.used_s == {Phase.ANSWER: 12, Phase.FOLLOW_UP: 4} and rows[1].record.follow_up_skipped
    assert mode.overall_label.text() == "Overall 3.0/5 (3 of 4 scored)"  # q1, q2, its follow-up and q3 were asked
    assert log.get(mode.interview_id).status.value == "ended early"

    # Scores feed spaced repetition when asked (follow-ups are not cards): 2/5 becomes Again, due soon.
    mode.schedule_button.click()
    store = window.ctx.store
    assert [(q, r) for q, r, *_ in store.review_log.reviews()] == [("gradient-descent", 3), ("decision-tree", 1)]
    assert not mode.schedule_button.isEnabled() and mode.schedule_button.text() == "Quiz follows your scores"
    assert mode.review_list.item(1).data(SUBTITLE_ROLE).startswith("Score 2/5 · back in ")  # when Quiz asks again
    # …and from then on every change follows at once, replacing the grade it sent while that is the newest.
    mode.review_list.setCurrentRow(1)
    key(qtbot, window, Qt.Key.Key_3)
    assert [(q, r) for q, r, *_ in store.review_log.reviews()] == [("gradient-descent", 3), ("decision-tree", 2)]
    assert "back in" in mode.review_list.item(1).data(SUBTITLE_ROLE)
    overall = mode.overall_label.text()
    subtitles = [mode.review_list.item(i).data(SUBTITLE_ROLE) for i in range(mode.review_list.count())]

    # History survives a restart, says the same, and reopens the same review.
    window.close()
    again = make_window()
    again.switch_to("interview")
    m2 = again.mode("interview")
    assert m2.history.count() == 1 and "Tiny" in m2.history.item(0).text()
    assert m2.history.item(0).data(SUBTITLE_ROLE) == "3 of 4 asked · 3.3/5 · ended early"
    assert not m2.resume_panel.isVisible()  # ended: nothing to resume
    m2.open_review(int(m2.history.item(0).data(Qt.ItemDataRole.UserRole)))
    assert m2.overall_label.text() == overall == "Overall 3.3/5 (3 of 4 scored)"
    assert [m2.review_list.item(i).data(SUBTITLE_ROLE) for i in range(m2.review_list.count())] == subtitles
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


def test_back_up_now_mid_interview_saves_the_answer_without_pausing_the_clock(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+Shift+B (and the exports, the error report) save what is being typed through the mode: the mode on
    screen is not being left, so a running interview goes on."""
    window, mode = open_interview(make_window, qtbot)
    key(qtbot, window, Qt.Key.Key_Return)
    qtbot.keyClicks(mode.answer, "bias is error from wrong assumptions")
    key(qtbot, window, Qt.Key.Key_B, CTRL | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: "back" in window.statusBar().currentMessage().lower(), timeout=10_000)
    assert window.current_key == "interview" and not mode.session.paused
    saved = window.ctx.store.interview_store.answers(mode.interview_id)[0].answer
    assert saved == "bias is error from wrong assumptions"


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
    assert [store.interview_store.answers(i)[0].answer for i in (old, new)] == ["the old answer", "the new answer"]
