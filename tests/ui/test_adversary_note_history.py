"""Notes History in Browse, used as a user does: the History button's menu, an earlier version picked with the
keyboard, then typing on."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMenu


def _note_with_two_versions(window, later: str) -> None:  # type: ignore[no-untyped-def]
    """'old version', then (a day later, so a revision of its own) `later`, as the note on gradient-descent."""
    store = window.ctx.store
    store.note_store.save_note("gradient-descent", "old version")
    store.clock = lambda: dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
    store.note_store.save_note("gradient-descent", later)


def _pick_first_earlier_version(qtbot, notes) -> None:  # type: ignore[no-untyped-def]
    """Click History and choose its first entry with Down and Enter, as in the real menu."""
    def choose() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        qtbot.keyClick(menu, Qt.Key.Key_Down)
        qtbot.keyClick(menu, Qt.Key.Key_Return)

    QTimer.singleShot(50, choose)
    qtbot.mouseClick(notes.history_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)


def test_restoring_a_version_while_the_preview_shows_puts_that_version_in_the_preview(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The preview kept showing the text the restore had just replaced, so the restore looked like it did nothing."""
    window = make_window()
    browse = window.mode("browse")
    _note_with_two_versions(window, "new version")
    browse.notes.set_question("gradient-descent")
    qtbot.mouseClick(browse.notes.preview_button, Qt.MouseButton.LeftButton)
    assert "new version" in browse.notes.preview.toPlainText()
    _pick_first_earlier_version(qtbot, browse.notes)
    assert window.ctx.store.note_store.note("gradient-descent") == "old version"
    assert "old version" in browse.notes.preview.toPlainText()
    assert "new version" not in browse.notes.preview.toPlainText()


def test_restoring_a_version_of_a_note_since_emptied_unfolds_it_and_typing_goes_on_from_it(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """A note cleared to nothing folds to one line, History still beside it; restoring an earlier version left it
    folded, the restored text out of sight. It opens, and what is typed next is added to that version and saved."""
    window = make_window()
    browse = window.mode("browse")
    _note_with_two_versions(window, "")
    browse.notes.set_question("gradient-descent")
    browse.list.setFocus()
    assert browse.notes.folded and browse.notes.history_button.isVisible()
    _pick_first_earlier_version(qtbot, browse.notes)
    assert not browse.notes.folded
    assert browse.notes.edit.isVisible() and browse.notes.text() == "old version"

    qtbot.keyClick(browse.list, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    browse.notes.edit.moveCursor(browse.notes.edit.textCursor().MoveOperation.End)
    with qtbot.waitSignal(browse.notes.saved, timeout=1500):
        qtbot.keyClicks(browse.notes.edit, ", kept")
    assert window.ctx.store.note_store.note("gradient-descent") == "old version, kept"
    texts = [r.text for r in window.ctx.store.note_store.revisions("gradient-descent")]
    assert texts[0] == "old version, kept" and "" in texts  # the emptied version is still in the history
