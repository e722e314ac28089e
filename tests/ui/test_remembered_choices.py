"""File → Export… and File → Import… start where the last one left off, also after a relaunch."""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from desktop.core.settings import INTERVIEW_PRESET
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


def press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(QApplication.focusWidget() or window, key, modifier)


def test_the_custom_quiz_builder_reopens_with_the_choices_of_the_last_custom_quiz_started(
        make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    press(qtbot, window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    start = window.mode("quiz").start_page
    start.custom_button.click()
    start.custom_categories.item(1).setCheckState(Qt.CheckState.Checked)  # Trees
    start.custom_difficulty["hard"].setChecked(True)
    start.custom_difficulty["medium"].setChecked(True)
    start.custom_count.setValue(7)
    start.custom_shuffle.setChecked(False)
    start.custom_count.setFocus()
    qtbot.waitUntil(start.custom_count.hasFocus)  # else Enter would start today's study instead
    press(qtbot, window, Qt.Key.Key_Return)  # Enter in the builder starts the custom quiz
    assert window.mode("quiz").session is not None
    window.ctx.settings.sync()
    window.close()

    start = make_window().mode("quiz").start_page  # a relaunch
    ticked = [start.custom_categories.item(i).checkState() == Qt.CheckState.Checked
              for i in range(start.custom_categories.count())]
    assert ticked.index(True) == 1 and ticked.count(True) == 1
    assert {d for d, box in start.custom_difficulty.items() if box.isChecked()} == {"medium", "hard"}
    assert start.custom_count.value() == 7 and not start.custom_shuffle.isChecked()
    deck = start.custom_deck()
    assert (set(deck.categories), deck.count, deck.shuffle) == ({"trees"}, 7, False)
    # the heading says what is ticked, which may be scrolled out of the list's sight
    checklist = start.custom_categories
    assert checklist.caption.text() == f"Categories: {checklist.item(1).text()}"
    for row in range(checklist.count()):
        checklist.item(row).setCheckState(Qt.CheckState.Checked)
    titles = [checklist.item(row).text() for row in range(checklist.count())]
    assert len(titles) == 2 and checklist.caption.text() == f"Categories: {titles[0]} and {titles[1]}"
    for row in range(checklist.count()):
        checklist.item(row).setCheckState(Qt.CheckState.Unchecked)
    assert checklist.caption.text() == "Categories (none ticked: all)"


def test_the_mock_interview_reopens_on_the_preset_last_started_and_its_custom_choices(
        make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    press(qtbot, window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    picker = window.mode("interview").picker
    assert picker.selected_key() == "phone"  # nothing started yet: the first preset
    for _ in range(3):
        press(qtbot, window, Qt.Key.Key_Down)
    assert picker.selected_key() == "rapid"
    press(qtbot, window, Qt.Key.Key_Return)
    assert window.mode("interview").session is not None
    window.ctx.settings.sync()
    window.close()

    again = make_window()
    press(qtbot, again, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    picker = again.mode("interview").picker
    assert picker.selected_key() == "rapid"
    custom = picker.presets.count() - 1
    picker.presets.setCurrentRow(custom)
    assert picker.selected_key() == "custom"
    picker.custom_categories.item(0).setCheckState(Qt.CheckState.Checked)
    picker.custom_difficulty.setCurrentIndex(1)
    assert picker.custom_difficulty.currentData() == ("easy",)
    picker.custom_count.setValue(3)
    picker.custom_follow.setChecked(True)
    picker.custom_at_zero.setCurrentIndex(1)  # keep going in overtime
    picker.start_button.click()
    again.ctx.settings.sync()
    again.close()

    picker = make_window().mode("interview").picker
    assert picker.selected_key() == "custom" and picker.custom_panel.isVisibleTo(picker)
    assert picker.custom_categories.checked() == (picker.custom_categories.item(0).data(Qt.ItemDataRole.UserRole),)
    assert picker.custom_difficulty.currentData() == ("easy",) and picker.custom_count.value() == 3
    assert picker.custom_follow.isChecked() and picker.custom_at_zero.currentData() is True


def test_hand_edited_builder_choices_give_the_defaults(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    for key, value in {"quiz/custom_difficulties": "tough", "quiz/custom_count": "0",
                       "quiz/custom_categories": "gone, ,trees", "interview/preset": "marathon",
                       "interview/custom_difficulty": "brutal", "interview/custom_count": "99"}.items():
        window.ctx.settings.setValue(key, value)
    window.close()
    window = make_window()
    start = window.mode("quiz").start_page
    assert not any(box.isChecked() for box in start.custom_difficulty.values())
    assert start.custom_count.value() == 1  # clamped into 1–500
    assert start.custom_deck().categories == {"trees"}  # the id no longer in the bank is not ticked
    picker = window.mode("interview").picker
    assert picker.selected_key() == "phone" and picker.custom_difficulty.currentData() == ()
    assert picker.custom_count.value() == 30


def test_a_remembered_preset_low_in_the_list_is_in_view_in_a_short_window_at_150_percent(
        make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    window.ctx.prefs.set(INTERVIEW_PRESET, "coding")
    window.resize(760, 520)
    window.set_text_scale(1.5)
    press(qtbot, window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)  # the picker is built now
    picker = window.mode("interview").picker
    assert picker.selected_key() == "coding"
    area, presets = picker.presets_area, picker.presets

    def selected_row_in_view() -> bool:
        rect = presets.visualItemRect(presets.currentItem())
        top = presets.mapTo(area.viewport(), rect.topLeft()).y()
        return top >= 0 and top + rect.height() <= area.viewport().height()

    qtbot.waitUntil(selected_row_in_view, timeout=2000)
    assert area.verticalScrollBar().value() > 0  # it had to scroll: the row was below the fold


def test_the_checklists_heading_names_two_ticked_categories_and_counts_more(qtbot) -> None:  # type: ignore[no-untyped-def]
    from desktop.ui.widgets.category_checklist import CategoryChecklist
    from tests.conftest import bundled_bank

    checklist = CategoryChecklist(bundled_bank().categories)
    qtbot.addWidget(checklist)
    checklist.set_checked(("llms-genai", "no-such-category"))
    assert checklist.caption.text() == "Categories: LLMs and generative AI"
    checklist.set_checked(("llms-genai", "fundamentals", "ml-system-design"))
    assert checklist.caption.text() == "Categories: 3 ticked"
    assert set(checklist.checked()) == {"llms-genai", "fundamentals", "ml-system-design"}
