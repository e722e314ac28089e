"""My notes as a demanding user keeps it open beside the window: it follows notes written meanwhile."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.ui.widgets.my_notes import PREVIEW_ROLE


def test_my_notes_left_open_follows_a_note_edited_in_browse_and_one_written_after_it_opened(
        make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    browse = window.mode("browse")
    window.ctx.store.note_store.save_note("random-forest", "bagging")
    dialog = window.show_my_notes()
    assert dialog.list.count() == 1
    dialog.list.setCurrentRow(0)
    qtbot.keyClick(dialog.list, Qt.Key.Key_Return)
    assert browse.current_id() == "random-forest" and dialog.isVisible()  # the list stays open beside Browse
    browse.notes.edit.setFocus()
    qtbot.keyClick(browse.notes.edit, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitSignal(browse.notes.saved, timeout=2000):
        qtbot.keyClicks(browse.notes.edit, " plus feature sampling")
    assert dialog.list.item(0).data(PREVIEW_ROLE) == "bagging plus feature sampling"  # not the text it opened with
    browse.step(-1)  # another question, and a first note on it
    browse.notes.edit.setFocus()
    with qtbot.waitSignal(browse.notes.saved, timeout=2000):
        qtbot.keyClicks(browse.notes.edit, "splits on impurity")
    ids = [dialog.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(dialog.list.count())]
    assert ids == ["decision-tree", "random-forest"] and dialog.count.text() == "2 notes"


def test_my_notes_with_no_note_says_how_to_write_one(make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    dialog = window.show_my_notes()
    assert dialog.list.count() == 0
    assert dialog.empty.isVisible() and "Ctrl+E" in dialog.empty.text()
    window.ctx.store.note_store.save_note("random-forest", "bagging")
    assert dialog.list.count() == 1 and not dialog.empty.isVisible()
