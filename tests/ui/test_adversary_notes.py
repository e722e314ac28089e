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


def test_restoring_an_earlier_version_is_undone_by_ctrl_z(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """History → an earlier version replaced the note with setPlainText, which empties the editor's undo stack:
    Ctrl+Z after a restore chosen by mistake did nothing, and the words it replaced were only in History."""
    from datetime import UTC, datetime

    from PySide6.QtCore import QTimer

    window = make_window()
    mode = window.mode("browse")
    store = window.ctx.store
    store.clock = lambda: datetime(2026, 1, 1, tzinfo=UTC)
    mode.list.setFocus()
    qtbot.keyClick(mode.list, Qt.Key.Key_E, CTRL)
    qtbot.keyClicks(mode.notes.edit, "old version")
    mode.notes.flush()
    store.clock = lambda: datetime(2026, 1, 2, tzinfo=UTC)  # a day later: a version of its own
    qtbot.keyClicks(mode.notes.edit, " then newer words")
    mode.notes.flush()

    def choose_the_older() -> None:
        menu = QApplication.activePopupWidget()
        assert menu is not None
        qtbot.keyClick(menu, Qt.Key.Key_Down)
        qtbot.keyClick(menu, Qt.Key.Key_Return)

    QTimer.singleShot(100, choose_the_older)
    qtbot.mouseClick(mode.notes.history_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: mode.notes.text() == "old version", timeout=2000)
    assert store.note_store.note("gradient-descent") == "old version"
    assert QApplication.focusWidget() is mode.notes.edit
    qtbot.keyClick(mode.notes.edit, Qt.Key.Key_Z, CTRL)
    assert mode.notes.text() == "old version then newer words"
    with qtbot.waitSignal(mode.notes.saved, timeout=2000):  # and autosave keeps it as the newest version again
        pass
    assert store.note_store.note("gradient-descent") == "old version then newer words"
    qtbot.keyClick(mode.notes.edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert mode.notes.text() == "old version"  # redo: the restore again


def test_a_megabyte_pasted_into_a_note_leaves_search_as_you_type_quick(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """A 1 MB paste (emoji, Hebrew, combining accents) saved and searched: each keystroke in the search box
    took 4-5 s while FTS5 made the note's snippet, so typing "momentum" froze the window for 38 s."""
    import time

    window = make_window()
    mode = window.mode("browse")
    mode.list.setFocus()
    qtbot.keyClick(mode.list, Qt.Key.Key_E, CTRL)
    line = "gradient descent with momentum 😀 שלום e\u0301 " * 2 + "\n"
    pasted = line * (1_000_000 // len(line.encode()))
    QApplication.clipboard().setText(pasted)
    qtbot.keyClick(mode.notes.edit, Qt.Key.Key_V, CTRL)
    with qtbot.waitSignal(mode.notes.saved, timeout=5000):
        pass
    assert window.ctx.store.note_store.note("gradient-descent") == pasted  # every character, as pasted
    qtbot.keyClick(mode.notes.edit, Qt.Key.Key_F, CTRL)
    started = time.perf_counter()
    qtbot.keyClicks(QApplication.focusWidget(), "momentum")
    assert time.perf_counter() - started < 2.0  # ~0.1 s for the eight keystrokes; 38 s before
    assert mode.visible_ids() == ["gradient-descent"]
    row = mode.list.model().index(0, 0)
    assert mode.list.model().data(row, Qt.ItemDataRole.UserRole + 1).startswith(  # the row's line of where it matched
        "gradient descent with momentum 😀 שלום e\u0301")


def test_a_note_on_an_imported_question_stays_with_it_when_the_deck_is_imported_again(
        make_window, sample_bank, tmp_path, qtbot, isolated_data) -> None:  # type: ignore[no-untyped-def]
    """A CSV exported from the app's own bank and edited: every id is taken, so each question was stored under
    the deck's name ('cards-gradient-descent'). Importing the edited file again did not recognise the deck (no
    id in common) and made a second one, 'cards-2', of new ids: every question twice, the note left on the
    stale copy."""
    from pathlib import Path

    from desktop.core.bank import load_bank
    from desktop.core.importer import deck_roots

    window = make_window()
    bundled = Path(sample_bank.questions[0].path).parent.parent
    window.ctx.load_bank = lambda breathe: load_bank(bundled, deck_roots(isolated_data), breathe)
    src = tmp_path / "cards.csv"
    src.write_text("id,question,answer,category\ngradient-descent,What does gradient descent do?,"
                   "Steps downhill.,My cards\n", encoding="utf-8")
    window.data.import_questions(folder=False, path=src)
    qtbot.waitUntil(lambda: window.data.import_worker is None, timeout=10_000)
    browse = window.mode("browse")
    qtbot.keyClick(browse.list, Qt.Key.Key_F, CTRL)
    qtbot.keyClicks(browse.search, "downhill")
    assert browse.visible_ids() == ["cards-gradient-descent"]
    qtbot.keyClick(browse.search, Qt.Key.Key_Return)  # open it
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_E, CTRL)
    qtbot.keyClicks(browse.notes.edit, "my own words on it")
    browse.notes.flush()

    src.write_text("id,question,answer,category\ngradient-descent,What does gradient descent do?,"
                   "Steps downhill by a learning rate.,My cards\n", encoding="utf-8")  # edited
    window.data.import_questions(folder=False, path=src)
    qtbot.waitUntil(lambda: window.data.import_worker is None, timeout=10_000)
    assert [p.name for p in deck_roots(isolated_data)] == ["cards"]  # updated in place
    browse.search.clear()
    qtbot.keyClicks(browse.search, "downhill")
    assert browse.visible_ids() == ["cards-gradient-descent"]  # once, with the new answer and the note
    assert "learning rate" in window.ctx.bank.get("cards-gradient-descent").answer
    assert browse.notes.text() == "my own words on it"
    browse.noted_only.click()
    assert browse.visible_ids() == ["cards-gradient-descent"]


def test_a_word_with_a_combining_accent_finds_the_note_that_has_it(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """A word pasted from a PDF or a macOS file name often carries its accent as a combining mark ('nai' + U+0308
    + 've'), which is no word character: the search read 'nai' and 've' as two words and found nothing."""
    window = make_window()
    mode = window.mode("browse")
    mode.open_question("random-forest")
    qtbot.keyClick(mode.list, Qt.Key.Key_E, CTRL)
    type_text(mode.notes.edit, "a naïve baseline first; שלום 😀")  # precomposed ï, as keyboards type it
    mode.notes.flush()
    qtbot.keyClick(mode.notes.edit, Qt.Key.Key_F, CTRL)
    type_text(mode.search, "nai\u0308ve")
    assert mode.visible_ids() == ["random-forest"]
    mode.search.clear()
    type_text(mode.search, "שלום")  # right to left
    assert mode.visible_ids() == ["random-forest"]
