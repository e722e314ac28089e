"""An import that finishes while the user is writing a note."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.core.bank import load_bank
from desktop.core.importer import deck_roots


def test_an_import_finishing_mid_note_leaves_the_cursor_where_the_user_was_typing(
        make_window, sample_bank, tmp_path: Path, qtbot, isolated_data: Path) -> None:  # type: ignore[no-untyped-def]
    """Browse refills its list when an import is done; that drew the note again, so the cursor jumped to the start
    (the next words went in front of the note: ", then afterstart of my note")."""
    window = make_window()
    bundled = Path(sample_bank.questions[0].path).parent.parent
    window.ctx.load_bank = lambda breathe: load_bank(bundled, deck_roots(isolated_data), breathe)
    browse = window.mode("browse")
    browse.open_question("learning-rate")
    qtbot.keyClick(browse.list, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(browse.notes.edit, "start of my note")
    src = tmp_path / "flashcards.csv"
    src.write_text("question,answer,category\nWhat is a zebra crossing?,A striped crossing.,Roads\n", encoding="utf-8")
    window.data.import_questions(folder=False, path=src)
    qtbot.keyClicks(browse.notes.edit, ", typed while it ran")
    qtbot.waitUntil(lambda: window.data.import_worker is None, timeout=10_000)
    qtbot.waitUntil(lambda: "what-is-a-zebra-crossing" in browse.model.ids or browse.categories.count() > 3)
    qtbot.wait(50)  # the list is refilled a turn later
    assert QApplication.focusWidget() is browse.notes.edit and browse.current_id() == "learning-rate"
    qtbot.keyClicks(browse.notes.edit, ", then after")
    assert browse.notes.text() == "start of my note, typed while it ran, then after"
    browse.notes.flush()
    assert window.ctx.store.note_store.note("learning-rate") == browse.notes.text()


def test_a_csv_row_with_an_unquoted_comma_is_refused_with_its_line(
        make_window, sample_bank, tmp_path: Path, qtbot, isolated_data: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """'Steps downhill, scaled by a rate' without quotes: the row had one cell more than the header, the extra
    was dropped and every cell after the comma moved one column left, so the answer was cut at the comma and
    the question filed under a category called 'scaled by a rate'. Nothing was said."""
    from PySide6.QtWidgets import QMessageBox

    window = make_window()
    bundled = Path(sample_bank.questions[0].path).parent.parent
    window.ctx.load_bank = lambda breathe: load_bank(bundled, deck_roots(isolated_data), breathe)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "open", lambda self: shown.append(f"{self.text()} {self.informativeText()}"))
    src = tmp_path / "cards.csv"
    src.write_text("question,answer,category\n"
                   "What is a zebra crossing?,A striped crossing.,Roads,\n"  # a trailing empty cell, as spreadsheets
                   "What does gradient descent do?,Steps downhill, scaled by a rate.,My cards\n", encoding="utf-8")
    window.data.import_questions(folder=False, path=src)
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert "cards.csv:3: 4 cells, but the first row names 3 columns: a cell with a comma in it needs double " \
           "quotes" in shown[0]
    assert deck_roots(isolated_data) == []  # nothing imported
