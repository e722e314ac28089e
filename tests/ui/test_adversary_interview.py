"""A user's mock interview against what can go wrong around it: the computer sleeping mid-question, the clock
running out mid-word, keys pressed as F1 lists them."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.core.interview import Phase
from desktop.ui.modes.interview import Page
from desktop.ui.widgets.two_line_list import SUBTITLE_ROLE
from tests.core.fakes import Ticker

CTRL = Qt.KeyboardModifier.ControlModifier


def key(qtbot, window, k, mod=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(QApplication.focusWidget() or window, k, mod)


def test_a_laptop_waking_mid_question_finds_it_paused_where_it_was(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Windows' monotonic clock counts the hours asleep: every deadline had passed on waking, so the interview
    ran through all its questions at once and the review said each was asked and answered for its full time."""
    window = make_window()
    key(qtbot, window, Qt.Key.Key_3, CTRL)
    mode = window.mode("interview")
    clock = Ticker(50.0)
    mode.monotonic = clock
    key(qtbot, window, Qt.Key.Key_Return)  # the phone screen: think 1:00, answer 3:00, four questions here
    assert mode.session.phase is Phase.THINK
    qtbot.keyClicks(QApplication.focusWidget(), "bias against variance")
    clock.t += 20
    qtbot.waitUntil(lambda: mode.clock.text() == "0:40", timeout=2000)
    clock.t += 3 * 3600  # the lid is closed, and opened three hours later
    qtbot.waitUntil(lambda: mode.session.paused, timeout=2000)
    assert (mode.session.index, mode.session.phase) == (0, Phase.THINK)
    assert mode.pause_banner.isVisible() and mode.pause_banner.text().startswith("Paused at 0:40")
    assert window.statusBar().currentMessage().startswith("Asleep 3:00:00: the interview paused where it stood")
    key(qtbot, window, Qt.Key.Key_P, CTRL)  # resume: the clock goes on from where it stood
    assert not mode.session.paused
    clock.t += 5
    qtbot.waitUntil(lambda: mode.clock.text() == "0:35", timeout=2000)
    key(qtbot, window, Qt.Key.Key_Escape)
    key(qtbot, window, Qt.Key.Key_Escape)
    assert mode.page is Page.REVIEW
    subtitles = [mode.review_list.item(i).data(SUBTITLE_ROLE) for i in range(mode.review_list.count())]
    assert subtitles == ["Not scored yet", "Not asked", "Not asked", "Not asked"]
    assert mode.review_meta.text() == "Thinking 0:25 of 1:00 · Answering not reached · interview ended during thinking"
    assert mode.your_answer.toPlainText() == "bias against variance"


def test_typing_goes_on_after_pause_and_resume_by_keyboard(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+P disables the answer box, which took the keyboard focus with it; Ctrl+P again left it nowhere, so
    the next words typed were lost until the box was clicked. Also after resuming a quit interview."""
    window = make_window()
    key(qtbot, window, Qt.Key.Key_3, CTRL)
    mode = window.mode("interview")
    key(qtbot, window, Qt.Key.Key_Return)
    qtbot.keyClicks(QApplication.focusWidget(), "first words")
    key(qtbot, window, Qt.Key.Key_P, CTRL)
    assert mode.session.paused
    key(qtbot, window, Qt.Key.Key_P, CTRL)
    qtbot.keyClicks(QApplication.focusWidget() or window, ", then more")
    assert mode.answer.toPlainText() == "first words, then more"

    key(qtbot, window, Qt.Key.Key_Q, CTRL)  # quit? Stay (Alt+S): the clock goes on, and so does the typing
    qtbot.waitUntil(lambda: mode.quit_box is not None and mode.quit_box.isActiveWindow(), timeout=2000)
    key(qtbot, mode.quit_box, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: not mode.session.paused, timeout=2000)
    window.activateWindow()  # as the window manager does when the dialog closes (offscreen does not)
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClicks(QApplication.focusWidget() or window, " still")
    assert mode.answer.toPlainText() == "first words, then more still"
    key(qtbot, window, Qt.Key.Key_Q, CTRL)  # and now Pause and quit (Alt+P)
    qtbot.waitUntil(lambda: mode.quit_box is not None and mode.quit_box.isActiveWindow(), timeout=2000)
    key(qtbot, mode.quit_box, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=2000)
    again = make_window()
    key(qtbot, again, Qt.Key.Key_3, CTRL)
    m2 = again.mode("interview")
    assert m2.resume_panel.isVisible()
    key(qtbot, again, Qt.Key.Key_Return)  # resume the one offered: it comes back paused
    assert m2.session is not None and m2.session.paused
    key(qtbot, again, Qt.Key.Key_P, CTRL)
    qtbot.keyClicks(QApplication.focusWidget() or again, " and after")
    assert m2.answer.toPlainText() == "first words, then more still and after"


def test_words_typed_on_as_the_last_clock_runs_out_are_not_scores_or_ticks(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The review opens the moment the last question's time is up, and its keys are 1-5 (score) and a-h (tick):
    the rest of a word being typed, "…ient, 3 times faster", scored the answer 3/5 and ticked key point a."""
    from desktop.core.interview import Plan, PlannedQuestion

    window = make_window()
    key(qtbot, window, Qt.Key.Key_3, CTRL)
    mode = window.mode("interview")
    clock = Ticker(10.0)
    mode.monotonic = clock
    mode.start(Plan("Tiny", (PlannedQuestion("gradient-descent", 0.0, 30.0),)))
    qtbot.keyClicks(QApplication.focusWidget(), "steps against the grad")
    clock.t += 30  # time is up, mid-word
    qtbot.waitUntil(lambda: mode.page is Page.REVIEW, timeout=2000)
    for ch in "ient, 3 times faster":  # the typist has not noticed yet: a key every 0.15 s
        clock.t += 0.15
        qtbot.keyClicks(QApplication.focusWidget() or window, ch)
    assert mode.review.ticked() == [False, False, False]
    assert mode.review_list.item(0).data(SUBTITLE_ROLE) == "Not scored yet"
    assert window.ctx.store.interview_store.answers(mode.interview_id)[0].score is None
    assert "Time is up" in window.statusBar().currentMessage()
    clock.t += 1.5  # a pause: from now on the keys are the review's
    key(qtbot, window, Qt.Key.Key_4)
    key(qtbot, window, Qt.Key.Key_A)
    assert mode.review.ticked() == [True, False, False]
    assert window.ctx.store.interview_store.answers(mode.interview_id)[0].score == 4

    key(qtbot, window, Qt.Key.Key_Escape)  # back to the start, and an interview ended on a key: no wait at all
    mode.start(Plan("Tiny", (PlannedQuestion("decision-tree", 0.0, 30.0),)))
    key(qtbot, window, Qt.Key.Key_Return, CTRL)
    assert mode.page is Page.REVIEW
    key(qtbot, window, Qt.Key.Key_2)
    assert window.ctx.store.interview_store.answers(mode.interview_id)[0].score == 2


def test_a_clock_set_back_during_a_coding_round_never_reads_as_overtime_in_its_review(coding_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Runs are stamped with the wall clock: set back an hour mid-round (a wrong time corrected, a time zone
    set by hand), the first passing run came before the round's start, and the review said 'all passed
    +59:00 into the round', overtime's sign, beside a runs list that said '0:00 in'."""
    from datetime import timedelta

    from tests.ui.test_coding_round import CODE
    from tests.ui.test_exercise_editor import run_by_keyboard, start_typing, type_lines

    window = coding_window()
    key(qtbot, window, Qt.Key.Key_3, CTRL)
    mode = window.mode("interview")
    presets = mode.picker.presets
    while presets.currentItem().data(Qt.ItemDataRole.UserRole) != "coding":
        key(qtbot, window, Qt.Key.Key_Down)
    key(qtbot, window, Qt.Key.Key_Return)
    store = window.ctx.store
    started = store.interview_store.get(mode.interview_id).started_at
    store.clock = lambda: started - timedelta(minutes=59)  # the system clock is set back
    first = mode.session.current.question_id
    start_typing(qtbot, mode.runner.code.editor)
    type_lines(qtbot, mode.runner.code.editor, *CODE[first])
    run_by_keyboard(qtbot, mode.runner.code)
    assert mode.runner.code.last_result.ok
    key(qtbot, window, Qt.Key.Key_Escape)
    key(qtbot, window, Qt.Key.Key_Escape)
    assert mode.page is Page.REVIEW
    line = mode.review.code_review.progress.text()
    assert re.fullmatch(r"1 run: (\d)/\1 · all passed 0:00 into the round", line), line  # either exercise
