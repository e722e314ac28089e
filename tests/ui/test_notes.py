"""Notes in Browse: autosave, saving on navigation and close, failures kept and retried, history, restore."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from desktop.core.store import StoreWriteError


def browse(window):  # type: ignore[no-untyped-def]
    return window.mode("browse")


def test_ctrl_e_focuses_the_note_and_typing_autosaves_within_a_second(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    mode = browse(window)
    mode.list.setFocus()
    qtbot.keyClick(mode.list, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is mode.notes.edit
    with qtbot.waitSignal(mode.notes.saved, timeout=1000) as saved:  # the budget: on disk within 1 s
        qtbot.keyClicks(mode.notes.edit, "momentum helps")
    assert saved.args == ["gradient-descent", "momentum helps"]
    assert window.ctx.store.note_store.note("gradient-descent") == "momentum helps"
    assert mode.notes.state.text() == "Saved"


def test_changing_question_saves_at_once_and_loads_the_next_note(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    mode = browse(window)
    mode.notes.edit.setFocus()
    qtbot.keyClicks(mode.notes.edit, "first note")
    assert window.ctx.store.note_store.note("gradient-descent") == ""  # still inside the debounce
    qtbot.keyClick(mode.notes.edit, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)  # next question
    assert mode.current_id() == "learning-rate"
    assert window.ctx.store.note_store.note("gradient-descent") == "first note"  # saved immediately
    assert mode.notes.text() == ""
    mode.step(-1)
    assert mode.notes.text() == "first note"


def test_closing_the_window_saves_the_note_being_typed(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    mode = browse(window)
    qtbot.keyClicks(mode.notes.edit, "typed right before quitting")
    window.close()
    assert window.ctx.store.note_store.note("gradient-descent") == "typed right before quitting"


def test_notes_join_search_and_the_has_notes_filter(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    mode = browse(window)
    mode.step(1)
    qtbot.keyClicks(mode.notes.edit, "zebra mnemonic")
    mode.notes.flush()
    qtbot.keyClicks(mode.search, "zebra")
    assert mode.visible_ids() == ["learning-rate"]
    mode.search.clear()
    mode.noted_only.click()
    assert mode.visible_ids() == ["learning-rate"]


def test_a_failed_save_keeps_the_text_marks_it_and_retries(make_window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from desktop.ui.widgets import note_editor

    monkeypatch.setattr(note_editor, "RETRY_MS", 30)  # retried every 3 s in the app
    window = make_window()
    mode = browse(window)
    store = window.ctx.store
    real_save = store.note_store.save_note

    def disk_full(_qid: str, _text: str) -> None:
        raise StoreWriteError("database or disk is full")

    monkeypatch.setattr(store.note_store, "save_note", disk_full)
    qtbot.keyClicks(mode.notes.edit, "precious")
    assert mode.notes.flush() is False
    assert mode.notes.state.text() == "Not saved: retrying"
    assert mode.notes.unsaved() == {"gradient-descent": "precious"}
    mode.step(1)  # moving on does not lose it
    assert mode.notes.unsaved() == {"gradient-descent": "precious"}
    mode.step(-1)
    assert mode.notes.text() == "precious" and mode.notes.state.text() == "Not saved: retrying"
    monkeypatch.setattr(store.note_store, "save_note", real_save)  # the disk has room again
    with qtbot.waitSignal(mode.notes.saved, timeout=2000):
        pass
    assert store.note_store.note("gradient-descent") == "precious"
    assert mode.notes.unsaved() == {}


def test_quitting_with_an_unsaved_note_asks_first(make_window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    mode = browse(window)
    monkeypatch.setattr(window.ctx.store.note_store, "save_note", lambda *_: (_ for _ in ()).throw(StoreWriteError("locked")))
    qtbot.keyClicks(mode.notes.edit, "not yet on disk")
    asked: list[dict[str, str]] = []
    monkeypatch.setattr(window, "_confirm_losing", lambda unsaved: asked.append(unsaved) or False)
    window.close()
    assert asked == [{"gradient-descent": "not yet on disk"}]
    assert window.isVisible()  # the user chose to stay


def test_history_restores_an_earlier_version(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    mode = browse(window)
    store = window.ctx.store
    store.note_store.save_note("gradient-descent", "old version")
    store.clock = lambda: __import__("datetime").datetime(2099, 1, 1, tzinfo=__import__("datetime").UTC)
    store.note_store.save_note("gradient-descent", "new version")
    mode.notes.set_question("gradient-descent")
    mode.notes.history_menu.aboutToShow.emit()  # what opening the menu does
    entries = [a for a in mode.notes.history_menu.actions() if a.isEnabled()]
    assert len(entries) == 1 and "old version" in entries[0].text()
    entries[0].trigger()
    assert mode.notes.text() == "old version"
    assert store.note_store.note("gradient-descent") == "old version"


def test_preview_typesets_the_note(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    mode = browse(make_window())
    qtbot.keyClicks(mode.notes.edit, "Key idea: $\\eta_t$ decays")
    mode.notes.preview_button.click()
    assert mode.notes.stack.currentWidget() is mode.notes.preview
    text = mode.notes.preview.toPlainText()
    assert "Key idea" in text and "\\eta" not in text


def test_ctrl_d_toggles_the_bookmark_and_the_filter_shows_it(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    mode = browse(window)
    mode.step(1)
    mode.list.setFocus()
    qtbot.keyClick(mode.list, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert window.ctx.store.note_store.bookmarks() == {"learning-rate"}
    assert mode.bookmark_button.text() == "★ Bookmarked"
    mode.bookmarked_only.click()
    assert mode.visible_ids() == ["learning-rate"]
    qtbot.keyClick(mode.list, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert window.ctx.store.note_store.bookmarks() == set()


def test_restore_from_backup_brings_back_notes_and_keeps_current_state(make_window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from desktop.core import backups
    from desktop.ui.widgets.restore_dialog import RestoreDialog

    window = make_window()
    mode = browse(window)
    store = window.ctx.store
    store.note_store.save_note("gradient-descent", "before backup")
    window.data.back_up_now()
    qtbot.waitUntil(lambda: window.data.backup_worker is None)  # made on a worker thread
    assert len(backups.list_backups(window.data.backup_dir)) == 1
    store.clock = lambda: __import__("datetime").datetime(2099, 1, 1, tzinfo=__import__("datetime").UTC)
    mode.notes.set_question("gradient-descent")
    mode.notes.edit.selectAll()
    qtbot.keyClicks(mode.notes.edit, "after backup")
    monkeypatch.setattr(RestoreDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(RestoreDialog, "chosen", lambda self: backups.list_backups(window.data.backup_dir)[-1].path)
    window.data.restore_from_backup()
    assert store.note_store.note("gradient-descent") == "before backup"
    qtbot.waitUntil(lambda: not window.data.restore_steps)  # each mode in an event-loop turn of its own
    assert mode.notes.text() == "before backup"
    infos = backups.list_backups(window.data.backup_dir)
    assert len(infos) == 2  # the state before the restore was kept


def test_my_notes_lists_noted_questions_and_opens_one(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    mode = browse(window)
    window.ctx.store.note_store.save_note("random-forest", "bagging plus feature sampling")
    window.ctx.index.set_note("random-forest", "bagging plus feature sampling")
    mode.categories.setCurrentRow(1)  # a filter that hides the question
    dialog = window.show_my_notes()
    assert dialog.list.count() == 1
    qtbot.keyClicks(dialog.search, "bagging")
    assert dialog.list.count() == 1
    rect = dialog.list.visualItemRect(dialog.list.item(0))
    qtbot.mouseClick(dialog.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert mode.current_id() != "random-forest"  # one click only selects (issue 17)
    qtbot.mouseDClick(dialog.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert mode.current_id() == "random-forest"


def test_my_notes_opens_on_enter_and_lists_the_newest_note_first(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime

    window = make_window()
    store = window.ctx.store
    store.clock = lambda: datetime(2026, 1, 1, tzinfo=UTC)
    store.note_store.save_note("gradient-descent", "written first")
    store.clock = lambda: datetime(2026, 1, 2, tzinfo=UTC)
    store.note_store.save_note("random-forest", "written a day later")
    dialog = window.show_my_notes()
    titles = [dialog.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(dialog.list.count())]
    assert titles == ["random-forest", "gradient-descent"]  # newest first, not bank order
    dialog.sort.setCurrentIndex(dialog.sort.findData("category"))
    titles = [dialog.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(dialog.list.count())]
    assert titles == ["gradient-descent", "random-forest"]  # bank order: optimization, then trees
    dialog.list.setCurrentRow(1)
    qtbot.keyClick(dialog.list, Qt.Key.Key_Return)
    assert browse(window).current_id() == "random-forest"


def test_a_periodic_backup_saves_the_note_without_taking_focus(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from desktop.core import backups

    window = make_window()
    mode = browse(window)
    mode.notes.focus_editor()
    qtbot.keyClicks(mode.notes.edit, "mid-sentence")
    window.data.back_up_if_changed()  # what the 30-minute timer calls
    assert QApplication.focusWidget() is mode.notes.edit  # the user keeps typing where they were
    qtbot.waitUntil(lambda: window.data.backup_worker is None)  # made on a worker thread
    latest = backups.list_backups(window.data.backup_dir)[0]
    assert latest.notes == 1  # and the backup holds the note being typed


def test_a_note_written_in_quiz_shows_under_browse_has_notes_and_in_search(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Issue 16: each mode kept its own copy of which questions have notes, so this needed a restart."""
    window = make_window()
    browse = window.mode("browse")
    browse.noted_only.click()
    assert browse.visible_ids() == []
    window.switch_to("quiz")
    quiz = window.mode("quiz")
    quiz.notes.set_question("random-forest")  # the note editor under a quiz card
    qtbot.keyClicks(quiz.notes.edit, "bagging plus feature subsampling")
    quiz.notes.flush()
    window.switch_to("browse")
    assert browse.visible_ids() == ["random-forest"]
    browse.noted_only.click()
    browse.search.setText("subsampling")
    assert browse.visible_ids() == ["random-forest"]


def test_my_notes_previews_are_typeset_never_raw_markdown_or_latex(make_window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from desktop.ui.widgets import my_notes

    previews: list[str] = []
    real = my_notes.inline_document
    monkeypatch.setattr(my_notes, "inline_document", lambda text, **kw: previews.append(text) or real(text, **kw))
    window = make_window()
    note = "**Remember** the penalty $\\lambda \\lVert w \\rVert_2^2$"
    window.ctx.store.note_store.save_note("random-forest", note)
    dialog = window.show_my_notes()
    dialog.list.viewport().grab()  # paint the rows
    assert note in previews  # drawn through the typesetting path, so the formula is an image
    tooltip = dialog.list.item(0).toolTip()
    assert "λ" in tooltip and "$" not in tooltip and "**" not in tooltip
