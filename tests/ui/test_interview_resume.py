"""Issue 19: an interview survives a quit and a crash. Ctrl+Q asks; a relaunch (a new window over the same
data folder) offers to resume it where it stopped, with the clock paused; History never says "running"."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.core.interview import Phase, Plan, PlannedQuestion
from desktop.core.interview_status import Status
from desktop.ui.modes.interview import Page
from desktop.ui.widgets.two_line_list import SUBTITLE_ROLE
from tests.core.fakes import Ticker

CTRL = Qt.KeyboardModifier.ControlModifier
PLAN = Plan("Two", (
    PlannedQuestion("decision-tree", 20.0, 180.0, "And then?", 60.0),
    PlannedQuestion("random-forest", 0.0, 120.0),
))


def key(qtbot, window, k, mod=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(QApplication.focusWidget() or window, k, mod)


def running(make_window, qtbot, clock: Ticker):  # type: ignore[no-untyped-def]
    """A window running PLAN on `clock`, 20 s into the first answer, with something typed and saved."""
    window = make_window()
    key(qtbot, window, Qt.Key.Key_3, CTRL)
    mode = window.mode("interview")
    mode.monotonic = clock
    mode.start(PLAN)
    key(qtbot, window, Qt.Key.Key_Return, CTRL)  # done thinking
    clock.advance(20)
    qtbot.keyClicks(mode.answer, "greedy splits on impurity")
    log = window.ctx.store.interview_store
    qtbot.waitUntil(lambda: log.answers(mode.interview_id)[0].answer == "greedy splits on impurity", timeout=2000)
    return window, mode


def answer_quit(qtbot, mode, choice: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: mode.quit_box is not None and mode.quit_box.isVisible(), timeout=2000)
    box: QMessageBox = mode.quit_box
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert sorted(b.text() for b in box.buttons()) == ["&End and review", "&Pause and quit", "&Stay"]  # Alt+P, E, S
    next(b for b in box.buttons() if b.text().replace("&", "") == choice).click()


def test_ctrl_q_asks_then_pause_and_quit_resumes_at_the_next_launch_with_the_clock_paused(make_window,
                                                                                           qtbot) -> None:  # type: ignore[no-untyped-def]
    clock = Ticker(1000.0)
    window, mode = running(make_window, qtbot, clock)
    iid = mode.interview_id
    key(qtbot, window, Qt.Key.Key_Q, CTRL)
    assert window.isVisible() and mode.session.paused  # asked, and the question takes no time off the clock
    asking = mode.quit_box
    window.close()  # asked again while asking: still the one question
    assert mode.quit_box is asking and len(window.findChildren(QMessageBox)) == 1
    answer_quit(qtbot, mode, "Pause and quit")
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=2000)
    log = window.ctx.store.interview_store
    assert log.get(iid).status is Status.PAUSED

    clock.advance(3600)  # an hour later, the app starts again
    again = make_window()
    assert again.current_key == "interview"
    m2 = again.mode("interview")
    m2.monotonic = clock
    assert m2.page is Page.PICKER and m2.resume_panel.isVisible()
    assert "paused when you quit: question 1 of 2, answering, 2:40 left. Enter resumes it" in m2.picker.resume_text.text()
    assert m2.history.item(0).data(SUBTITLE_ROLE).endswith("paused · double-click resumes")
    assert QApplication.focusWidget() is m2.picker.resume_button
    key(qtbot, again, Qt.Key.Key_Return)  # Enter resumes the interview offered
    assert m2.page is Page.RUNNER and m2.session.paused and m2.pause_banner.isVisible()
    assert m2.clock.text() == "2:40" and m2.answer.toPlainText() == "greedy splits on impurity"
    assert m2.session.phase is Phase.ANSWER and m2.session.index == 0
    key(qtbot, again, Qt.Key.Key_P, CTRL)  # the clock runs again from where it stopped
    clock.advance(40)
    key(qtbot, again, Qt.Key.Key_Return, CTRL)
    assert m2.session.phase is Phase.FOLLOW_UP
    key(qtbot, again, Qt.Key.Key_Escape)
    key(qtbot, again, Qt.Key.Key_Escape)
    assert m2.page is Page.REVIEW
    assert m2.review_meta.text() == "Thinking 0:00 of 0:20 · Answering 1:00 of 3:00 · follow-up asked (below)"
    assert again.ctx.store.interview_store.get(iid).status is Status.ENDED_EARLY


def test_a_crash_is_offered_at_the_next_launch_from_the_last_saved_keystroke(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    clock = Ticker(1000.0)
    window, mode = running(make_window, qtbot, clock)
    iid = mode.interview_id
    mode.runner.stop()  # the app dies: nothing more is written (no goodbye, no pause)
    clock.advance(50)  # typing went on for a while before it died, unsaved
    window.ctx.settings.setValue("window/mode", "browse")  # it was last closed in Browse

    again = make_window()
    log = again.ctx.store.interview_store
    assert log.get(iid).status is Status.INTERRUPTED  # never "running" for ever
    assert again.current_key == "interview"  # opened where the resume is offered
    m2 = again.mode("interview")
    m2.monotonic = clock
    assert "stopped when the app closed: question 1 of 2, answering, 2:40 left. Enter resumes it" in m2.picker.resume_text.text()
    item = m2.history.item(0)
    assert item.data(SUBTITLE_ROLE) == "1 of 2 asked · not scored · interrupted · double-click resumes"
    m2.history.itemActivated.emit(item)  # a double-click in History resumes it too
    assert m2.page is Page.RUNNER and m2.session.paused and m2.clock.text() == "2:40"
    assert log.get(iid).status is Status.RUNNING  # held by this app now


def test_end_and_review_from_the_quit_question_shows_the_review_and_stays(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    clock = Ticker(1000.0)
    window, mode = running(make_window, qtbot, clock)
    key(qtbot, window, Qt.Key.Key_1, CTRL)  # off to Browse: the interview waits, paused
    key(qtbot, window, Qt.Key.Key_Q, CTRL)
    answer_quit(qtbot, mode, "End and review")
    assert window.isVisible() and window.current_key == "interview" and mode.page is Page.REVIEW
    listed = [mode.review_list.item(i).data(SUBTITLE_ROLE) for i in range(mode.review_list.count())]
    assert listed == ["Not scored yet", "Not asked"]
    assert mode.overall_label.text() == "Score each answer 1–5 (1 asked)"


def test_stay_carries_on_with_the_clock_running(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    clock = Ticker(1000.0)
    window, mode = running(make_window, qtbot, clock)
    window.close()  # the window's close button asks too
    clock.advance(30)  # time spent reading the question is not the candidate's
    answer_quit(qtbot, mode, "Stay")
    assert window.isVisible() and not mode.session.paused and mode.clock.text() == "2:40"
    assert window.ctx.store.interview_store.get(mode.interview_id).status is Status.RUNNING


def test_ending_a_stopped_interview_from_the_offer_reviews_it_as_it_stood(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    clock = Ticker(1000.0)
    window, mode = running(make_window, qtbot, clock)
    key(qtbot, window, Qt.Key.Key_Q, CTRL)
    answer_quit(qtbot, mode, "Pause and quit")
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=2000)
    again = make_window()
    m2 = again.mode("interview")
    m2.picker.end_button.click()
    assert m2.page is Page.REVIEW
    assert m2.review_meta.text() == (
        "Thinking 0:00 of 0:20 · Answering 0:20 of 3:00 · interview ended during answering · "
        "follow-up not asked: interview ended")
    m2.show_start()
    assert not m2.resume_panel.isVisible()
    assert m2.history.item(0).data(SUBTITLE_ROLE) == "1 of 2 asked · not scored · ended early"
