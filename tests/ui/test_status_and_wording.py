"""Status messages belong to the screen that shows them and use the buttons' words; the small wording
inconsistencies of issue 20 stay fixed; F1 lists every shortcut, grouped by mode."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from desktop.core.interview import Plan, PlannedQuestion
from desktop.core.scheduler import Grade
from desktop.ui.modes.interview import Page as InterviewPage
from desktop.ui.modes.quiz import Page as QuizPage
from tests.core.fakes import Ticker

CTRL = Qt.KeyboardModifier.ControlModifier


def key(qtbot, window, k, mod=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(QApplication.focusWidget() or window, k, mod)


def status(window) -> str:  # type: ignore[no-untyped-def]
    return window.statusBar().currentMessage()


# ---------------------------------------------------------------- status messages


def test_browses_answer_hidden_message_never_shows_on_quiz(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    browse = window.mode("browse")
    browse.set_hide_answers(True)  # its message is said a moment later (deferred)
    key(qtbot, window, Qt.Key.Key_2, CTRL)  # …by which time the user is on Quiz
    qtbot.wait(20)
    assert window.current_key == "quiz" and status(window) == ""
    key(qtbot, window, Qt.Key.Key_1, CTRL)
    qtbot.waitUntil(lambda: status(window) == "Answer hidden: press Space to reveal")  # Browse's own, on Browse


def test_a_message_goes_when_its_mode_is_left(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    window.show_status("Bookmarked")
    key(qtbot, window, Qt.Key.Key_4, CTRL)
    assert status(window) == ""


def test_press_esc_again_does_not_follow_the_interview_into_its_review(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    key(qtbot, window, Qt.Key.Key_3, CTRL)
    mode = window.mode("interview")
    mode.monotonic = Ticker(10.0)
    mode.start(Plan("Tiny", (PlannedQuestion("gradient-descent", 0.0, 30.0),)))
    key(qtbot, window, Qt.Key.Key_Escape)
    assert status(window) == "Press Esc again to end the interview"
    key(qtbot, window, Qt.Key.Key_Escape)
    assert mode.page is InterviewPage.REVIEW and status(window) == ""


def test_the_grade_message_uses_the_buttons_words(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    key(qtbot, window, Qt.Key.Key_2, CTRL)
    quiz = window.mode("quiz")
    key(qtbot, window, Qt.Key.Key_Return)
    key(qtbot, window, Qt.Key.Key_Space)
    hard = quiz.card_page.grade_words(Grade.HARD)[1]  # e.g. "<6m"
    assert quiz.grade_buttons[Grade.HARD].text().endswith(f"Hard\n{hard}")
    key(qtbot, window, Qt.Key.Key_2)
    assert status(window) in (f"Hard: back in this session ({hard})", f"Hard: back in {hard}")

    quiz.pass_fail_box.setChecked(True)  # Pass / Fail: the button says Pass, so does the message
    key(qtbot, window, Qt.Key.Key_Space)
    interval = quiz.card_page.grade_words(Grade.GOOD)[1]
    assert quiz.grade_buttons[Grade.GOOD].text() == f"2  Pass\n{interval}"
    key(qtbot, window, Qt.Key.Key_2)
    assert status(window) in (f"Pass: back in this session ({interval})", f"Pass: back in {interval}")
    assert "Good" not in status(window)


def test_the_last_grade_message_is_not_left_on_the_summary(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    key(qtbot, window, Qt.Key.Key_2, CTRL)
    quiz = window.mode("quiz")
    quiz.start_drill(["gradient-descent"])
    key(qtbot, window, Qt.Key.Key_Space)
    key(qtbot, window, Qt.Key.Key_4)  # Easy: done for today, the session ends
    assert quiz.page is QuizPage.SUMMARY and status(window) == ""


# ------------------------------------------------------------------- wording


def test_nothing_due_never_says_press_enter_to_start(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    key(qtbot, window, Qt.Key.Key_2, CTRL)
    quiz = window.mode("quiz")
    start = quiz.start_page
    assert start.start_button.isEnabled() and "Press Enter to start" in start.start_hint.text()
    start.new_limit.setValue(0)  # nothing new today, nothing due
    assert not start.start_button.isEnabled()
    assert "Press Enter" not in start.start_hint.text() and "New questions only" in start.start_hint.text()


def test_a_category_count_names_the_category(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    browse = window.mode("browse")
    browse.categories.setCurrentRow(1)  # Optimization: two questions
    assert browse.count_label.text() == "2 questions in Optimization"
    browse.search.setText("log scale")
    assert browse.count_label.text().startswith("1 of 2 questions in Optimization")


def test_difficulty_reads_the_same_in_the_list_and_on_the_page(make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    browse = window.mode("browse")
    browse.open_question("learning-rate")
    row = browse.model.index(browse.model.ids.index("learning-rate"))
    assert "· Medium" in row.data(Qt.ItemDataRole.UserRole + 1)
    assert "· Medium" in browse.view.toPlainText()


def test_the_tag_filter_finds_a_tag_by_any_part_of_its_name(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    browse = window.mode("browse")
    tag = browse.tag
    completer = tag.completer()
    tag.lineEdit().setFocus()
    qtbot.keyClicks(tag.lineEdit(), "REES-T")  # part of "trees-tag", any case
    assert completer.currentCompletion() == "trees-tag"
    completer.activated.emit("trees-tag")
    assert tag.tag() == "trees-tag"
    assert sorted(browse.visible_ids()) == ["decision-tree", "random-forest"]
    tag.lineEdit().setText("no such tag")
    tag.lineEdit().editingFinished.emit()  # leaving with half a name: the tag in force stays
    assert tag.tag() == "trees-tag" and tag.currentText() == "trees-tag"
    tag.lineEdit().clear()
    tag.lineEdit().editingFinished.emit()  # cleared: any tag
    assert tag.tag() is None and len(browse.visible_ids()) == 4


def test_two_interviews_on_one_day_get_one_date_on_the_chart(qtbot) -> None:  # type: ignore[no-untyped-def]
    from desktop.ui.widgets.charts import ScoreLine

    chart = ScoreLine()
    qtbot.addWidget(chart)
    chart.set_points([("06 Dec", 3.0), ("06 Dec", 4.0), ("08 Dec", 4.5)])
    assert [label for _i, label in chart.axis_labels(600)] == ["06 Dec", "08 Dec"]
    many = [(f"{d:02d} Dec", 3.0) for d in range(1, 31)]
    chart.set_points(many)
    shown = chart.axis_labels(300)
    assert 2 <= len(shown) < 30  # a narrow chart labels every few points, never on top of each other


# ------------------------------------------------------------------------ F1


def test_f1_lists_every_shortcut_grouped_by_mode_the_current_one_first(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from desktop.ui.keys_dialog import KeysDialog, keys_text
    from desktop.ui.modes import MODES

    window = make_window()
    key(qtbot, window, Qt.Key.Key_2, CTRL)
    key(qtbot, window, Qt.Key.Key_F1)
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, KeysDialog) and w.isVisible())
    qtbot.addWidget(dialog)
    titles = [title for title, _rows in dialog.groups]
    assert titles == ["Quiz", "Browse", "Mock interview", "Progress", "In the code editor", "Everywhere"]
    groups = dict(dialog.groups)
    listed = {title: {k for k, _t in rows} for title, rows in groups.items()}
    for spec in MODES:  # every key of every mode, even one not opened yet
        for a in window.mode(spec.key).actions():
            keys = keys_text(a)
            if keys and len(keys) > 1:  # single letters and digits are listed as a range ("a–h", "1–5")
                assert keys in listed[spec.title], (spec.title, a.text())
    assert {"a–h", "Space", "Ctrl+Z", "Enter", "1", "4", "Esc"} <= listed["Quiz"]
    assert "1–5" in listed["Mock interview"] and "a–h" in listed["Mock interview"]
    everywhere = listed["Everywhere"]
    assert {"Ctrl+,", "Ctrl+Shift+E", "Ctrl+Shift+N", "Ctrl+Shift+B", "F1", "Ctrl+Q",
            "Ctrl+1", "Ctrl+2", "Ctrl+3", "Ctrl+4"} <= everywhere
    text = dialog.view.toPlainText()
    assert "Ctrl+," in text and "Ctrl+Shift+E" in text and "Export" in text
    assert dialog.width() <= window.width() and dialog.height() <= window.height()


def test_f1_gives_what_each_key_does_one_line_in_a_roomy_window(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The keys' column took 38 % of the list, half of it empty, and the words beside it wrapped ("Start today's
    study, then accept the suggested / grade"): it is now as wide as the widest key."""
    from desktop.ui.keys_dialog import KeysDialog

    window = make_window()
    window.resize(1360, 820)
    key(qtbot, window, Qt.Key.Key_2, CTRL)
    key(qtbot, window, Qt.Key.Key_F1)
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, KeysDialog) and w.isVisible())
    qtbot.addWidget(dialog)
    doc = dialog.view.document()
    doc.setTextWidth(dialog.view.viewport().width())
    what = {t for _title, rows in dialog.groups for _k, t in rows}
    block, wrapped = doc.begin(), []
    while block.isValid():
        if block.text() in what and block.layout().lineCount() > 1:
            wrapped.append(block.text())
        block = block.next()
    assert "Start today's study, then accept the suggested grade" in what and wrapped == []


def test_f1_lists_the_code_editors_own_keys_and_each_does_what_it_says(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Tab, Shift+Tab, Ctrl+/ and Ctrl+Tab are the editor's own keys, no actions: F1 lists them all the same."""
    from desktop.ui.keys_dialog import KeysDialog
    from desktop.ui.widgets.code_editor import CodeEditor

    window = make_window()
    key(qtbot, window, Qt.Key.Key_F1)
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, KeysDialog) and w.isVisible())
    qtbot.addWidget(dialog)
    listed = dict(dict(dialog.groups)["In the code editor"])
    assert "Ctrl+/" in dialog.view.toPlainText()
    editor = CodeEditor()
    qtbot.addWidget(editor)
    editor.setPlainText("x = 1")
    editor.show()
    editor.setFocus()
    for keys, what in listed.items():  # each key as listed does what its line says
        first = keys.split(" / ")[0]  # "Tab", "Ctrl+/", "Ctrl+Tab"
        before = editor.toPlainText()
        qtbot.keySequence(editor, QKeySequence(first))
        if what.startswith("Indent"):
            assert editor.toPlainText() != before and editor.toPlainText().strip() == before.strip()
        elif what.startswith("Comment"):
            assert editor.toPlainText().lstrip().startswith("#")
        else:
            assert what.startswith("Leave") and not editor.hasFocus()


def test_f1_under_pass_fail_grading_lists_what_1_and_2_do_and_not_3_and_4(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """F1 listed "1 Grade Again, 2 Grade Hard, 3 Grade Good, 4 Grade Easy" with Pass / Fail on, where 1 is Fail,
    2 Pass and 3 and 4 do nothing; and Enter only as "Start today's study", not the suggested grade it accepts."""
    from desktop.ui.keys_dialog import KeysDialog

    window = make_window()
    key(qtbot, window, Qt.Key.Key_2, CTRL)
    quiz = window.mode("quiz")
    quiz.pass_fail_box.click()  # as the user switches it, on Quiz's start page
    assert quiz.pass_fail
    key(qtbot, window, Qt.Key.Key_F1)
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, KeysDialog) and w.isVisible())
    qtbot.addWidget(dialog)
    rows = dict(dialog.groups)["Quiz"]
    assert ("1", "Grade Fail") in rows and ("2", "Grade Pass") in rows
    assert not {k for k, _t in rows} & {"3", "4"}
    assert ("Enter", "Start today's study, then accept the suggested grade") in rows
    dialog.close()
    quiz.pass_fail_box.click()  # and back: all four again
    key(qtbot, window, Qt.Key.Key_F1)
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, KeysDialog) and w.isVisible())
    qtbot.addWidget(dialog)
    assert {("1", "Grade Again"), ("3", "Grade Good"), ("4", "Grade Easy")} <= set(dict(dialog.groups)["Quiz"])
