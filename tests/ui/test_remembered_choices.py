"""File → Export… and File → Import… start where the last one left off, also after a relaunch."""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from desktop.ui.export_dialog import ExportDialog


def open_export(window, qtbot) -> ExportDialog:  # type: ignore[no-untyped-def]
    dialog = ExportDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def save_dialog_answering(monkeypatch, answers: list[str]) -> list[Path]:  # type: ignore[no-untyped-def]
    """Patch the save dialog: it answers each of `answers` in turn ("" is Cancel); returns where it opened."""
    opened_at: list[Path] = []

    def save_as(_parent, _title, start, _pattern):  # type: ignore[no-untyped-def]
        opened_at.append(Path(start))
        return answers.pop(0), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    return opened_at


def test_the_next_export_after_a_relaunch_starts_with_the_last_ones_choices_in_its_folder(
        make_window, qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    exports = tmp_path / "my exports"
    exports.mkdir()
    opened_at = save_dialog_answering(monkeypatch, [str(exports / "trees.csv"), "", str(tmp_path / "no" / "x.pdf")])
    window = make_window()
    dialog = open_export(window, qtbot)
    assert dialog.format.currentData() == "notes" and dialog.category.currentData() is None  # the first time
    dialog.format.setCurrentIndex(dialog.format.findData("csv"))
    dialog.category.setCurrentIndex(dialog.category.findData("trees"))
    dialog.weakest_on.setChecked(False)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert opened_at[0] == Path.home() / "ml-interview-coach.csv"  # nothing remembered yet: home
    with (exports / "trees.csv").open(encoding="utf-8-sig", newline="") as f:
        assert [row["id"] for row in csv.DictReader(f)] == ["decision-tree", "random-forest"]
    window.ctx.settings.sync()
    window.close()

    again = make_window()  # a relaunch over the same data folder and settings.ini
    dialog = open_export(again, qtbot)
    assert (dialog.format.currentData(), dialog.category.currentData()) == ("csv", "trees")
    dialog.format.setCurrentIndex(dialog.format.findData("pdf"))  # changed, then the save dialog cancelled
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert opened_at[1] == exports / "ml-interview-coach.pdf"  # in the folder of the last export
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)  # a file in a folder that does not exist
    dialog = open_export(again, qtbot)
    assert dialog.format.currentData() == "csv"  # neither a cancel nor a failed export changed what is remembered


def test_a_remembered_folder_that_is_gone_and_hand_edited_choices_give_the_defaults(
        make_window, qtbot, tmp_path: Path, monkeypatch, isolated_data: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    window.ctx.store.note_store.save_note("decision-tree", "split on impurity")  # notes: something to export
    settings = window.ctx.settings
    for key, value in {"export/format": "docx", "export/layout": "poster", "export/category": "no-such-category",
                       "export/bookmarked": "perhaps", "export/weakest": "-3",
                       "export/folder": str(tmp_path / "deleted since")}.items():
        settings.setValue(key, value)
    opened_at = save_dialog_answering(monkeypatch, [""])
    dialog = open_export(window, qtbot)
    assert dialog.format.currentData() == "notes" and dialog.layout_choice.currentData() == "full"
    assert dialog.category.currentData() is None and not dialog.bookmarked.isChecked()
    assert not dialog.weakest_on.isChecked()
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert opened_at == [Path.home() / "my-notes.md"]


def test_the_next_import_opens_in_the_folder_the_last_one_came_from(
        make_window, qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    downloads = tmp_path / "Downloads"
    downloads.mkdir()
    deck = downloads / "flashcards.csv"
    deck.write_text("question,answer,category\nWhat is a zebra crossing?,A striped crossing.,Roads\n",
                    encoding="utf-8")
    opened_at: list[Path] = []
    answers = [str(deck), ""]

    def open_file(_parent, _title, start, _filters):  # type: ignore[no-untyped-def]
        opened_at.append(Path(start))
        return answers.pop(0), ""

    def open_folder(_parent, _title, start):  # type: ignore[no-untyped-def]
        opened_at.append(Path(start))
        return ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", open_file)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", open_folder)
    window = make_window()
    window.import_file_action.trigger()
    qtbot.waitUntil(lambda: window.data.import_worker is None, timeout=10_000)
    window.import_file_action.trigger()  # cancelled: nothing imported, nothing remembered
    window.import_folder_action.trigger()
    assert opened_at == [Path.home(), downloads, downloads]
