"""Notes as users really write them: blank ones, huge pastes, any script, restored revisions, imported decks."""

from __future__ import annotations

import csv

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from desktop.core import services
from desktop.core.export import Selection

CTRL = Qt.KeyboardModifier.ControlModifier


def type_text(widget: QWidget, text: str) -> None:
    """Type any characters, as an input method delivers them (QTest's keyClicks takes ASCII only)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch))


def test_a_note_of_only_spaces_is_no_note_after_a_relaunch(make_window, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A note cleared down to spaces and line breaks was dropped from "Has notes" while the window stayed
    open, but came back after a relaunch (notes() kept any text but ''): a ghost row in Has notes, in My
    notes, in a Quiz deck of noted questions and in the CSV's my_note column."""
    window = make_window()
    mode = window.mode("browse")
    mode.list.setFocus()
    qtbot.keyClick(mode.list, Qt.Key.Key_E, CTRL)
    qtbot.keyClicks(mode.notes.edit, "   ")
    qtbot.keyClick(mode.notes.edit, Qt.Key.Key_Return)
    type_text(mode.notes.edit, "\u00a0\u3000 ")  # a no-break and an ideographic space
    with qtbot.waitSignal(mode.notes.saved, timeout=2000):
        pass
    saved = window.ctx.store.note_store.note("gradient-descent")
    assert saved.startswith("   \n") and "\u3000" in saved and not saved.strip()  # kept as typed
    window.close()

    again = make_window()
    m2 = again.mode("browse")
    m2.noted_only.click()
    assert m2.visible_ids() == []
    assert again.show_my_notes().list.count() == 0
    out = tmp_path / "all.csv"
    services.export("csv", out, again.ctx.bank, again.ctx.store, Selection())
    with out.open(encoding="utf-8-sig", newline="") as f:
        assert {row["my_note"] for row in csv.DictReader(f)} == {""}
