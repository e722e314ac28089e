"""Browse after something changed elsewhere: what the list shows follows the user's data."""

from __future__ import annotations

from PySide6.QtCore import Qt


def test_a_query_typed_before_a_note_written_in_quiz_finds_that_note_back_in_browse(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Notes are searched: a search left in Browse lists a question whose note, written meanwhile in Quiz, matches
    it (and drops one whose note no longer does), as soon as Browse is shown again."""
    window = make_window()
    browse = window.mode("browse")
    qtbot.keyClicks(browse.search, "zebra")
    assert browse.visible_ids() == []
    qtbot.keyClick(browse.search, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # to Quiz
    quiz = window.mode("quiz")
    quiz.notes.set_question("random-forest")  # the note editor under a quiz card
    qtbot.keyClicks(quiz.notes.edit, "zebra stripes: decorrelated trees")
    quiz.notes.flush()
    qtbot.keyClick(quiz.notes.edit, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)  # back to Browse
    assert browse.search.text() == "zebra"
    assert browse.visible_ids() == ["random-forest"]

    qtbot.keyClick(browse.list, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    quiz.notes.edit.selectAll()
    qtbot.keyClicks(quiz.notes.edit, "bagging")
    quiz.notes.flush()
    qtbot.keyClick(quiz.notes.edit, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert browse.visible_ids() == []
