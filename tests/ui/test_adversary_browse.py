"""Browse after something changed elsewhere: what the list shows follows the user's data."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


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



def test_after_a_restore_typing_goes_on_into_the_search_box_it_was_in(make_window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A restore blocks the window while it runs (it was once disabled, which took the keyboard focus away for good,
    so the next keys typed into the search were lost): afterwards typing goes on where it was, and the restored
    note is found by the query left typed."""
    from desktop.core import backups
    from tests.ui.test_restore import choose_in_dialog

    window = make_window()
    browse = window.mode("browse")
    store = window.ctx.store
    store.note_store.save_note("learning-rate", "zebra crossing, in the backup")
    window.data.back_up_now()
    qtbot.waitUntil(lambda: window.data.backup_worker is None)
    store.note_store.save_note("learning-rate", "written after the backup")
    browse.search.setFocus()
    qtbot.keyClicks(browse.search, "zebra")
    assert browse.visible_ids() == []
    choose_in_dialog(monkeypatch, backups.backup_files(window.data.backup_dir)[0].path)
    window.data.restore_from_backup()
    qtbot.waitUntil(lambda: not window.data.restore_steps)
    assert browse.visible_ids() == ["learning-rate"]
    assert QApplication.focusWidget() is browse.search
    qtbot.keyClicks(QApplication.focusWidget() or window, " cross")
    assert browse.search.text() == "zebra cross" and browse.visible_ids() == ["learning-rate"]


def test_a_word_in_more_than_500_notes_lists_every_one_of_them(window_over, tmp_path, qtbot) -> None:  # type: ignore[no-untyped-def]
    """A year of notes: searching a word written in 560 of them lists all 560 and says so, not the first 500 under
    a count that reads like the whole answer."""
    from desktop.core.importer import render_question
    from tests.core.test_search import q

    root = tmp_path / "big-bank"
    (root / "ml").mkdir(parents=True)
    (root / "categories.yaml").write_text("- id: ml\n  title: ML\n", encoding="utf-8")
    for i in range(620):
        question = q(f"question-{i:03d}", f"Question number {i}?", "An answer about trees.", category="ml")
        (root / "ml" / f"{question.id}.md").write_text(render_question(question), encoding="utf-8")
    window = window_over(root)
    with window.ctx.store.transaction():
        for i in range(560):
            window.ctx.store.note_store.save_note(f"question-{i:03d}", f"Remember momentum, case {i}.")
    browse = window.mode("browse")
    window.switch_to("browse")
    browse.search.setFocus()
    qtbot.keyClicks(browse.search, "momentum")
    assert len(browse.visible_ids()) == 560
    assert set(browse.visible_ids()) == {f"question-{i:03d}" for i in range(560)}
    assert browse.count_label.text() == "560 of 620 questions"
    browse.results.noted_only.click()  # Has notes: the same 560
    assert len(browse.visible_ids()) == 560 and browse.count_label.text() == "560 of 620 questions"
