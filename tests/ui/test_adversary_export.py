"""File → Export… as a demanding user drives it: filters that pick nothing, Cancel mid-PDF, a note just typed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.ui.export_dialog import ExportDialog


def test_filters_that_pick_nothing_say_so_before_asking_for_a_file_and_write_nothing(
        make_window, qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    asked: list[str] = []
    target = tmp_path / "sheet.pdf"

    def save_as(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        asked.append("asked")
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    dialog = ExportDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.format.setCurrentIndex(dialog.format.findData("pdf"))
    qtbot.mouseClick(dialog.bookmarked, Qt.MouseButton.LeftButton)  # no question is bookmarked yet
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert asked == [] and not target.exists()  # no file asked for, no empty PDF written
    assert dialog.isVisible() and dialog.notice.isVisible()  # the dialog stays, to change the filters
    assert "Nothing to export" in dialog.notice.text() and "no question matches" in dialog.notice.text()
    qtbot.mouseClick(dialog.bookmarked, Qt.MouseButton.LeftButton)
    assert not dialog.notice.isVisible()  # the reason went with the choice it was about
    dialog.weakest_on.setChecked(True)  # nothing reviewed: no weakest questions
    for key in ("notes", "csv", "anki", "pdf"):
        message = dialog.export_to(key, tmp_path / f"weakest.{key}")
        assert message.startswith("Nothing to export") and "weak after two reviews" in message, message
        assert not (tmp_path / f"weakest.{key}").exists()
    dialog.weakest_on.setChecked(False)
    message = dialog.export_to("notes", tmp_path / "notes.md")  # questions, but no note written yet
    assert message == "Nothing to export: none of these questions has a note yet. Nothing was written."
    assert not (tmp_path / "notes.md").exists()


def test_a_note_typed_a_moment_before_ctrl_shift_e_is_in_every_export(make_window, qtbot, tmp_path: Path,
                                                                       monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    browse = window.mode("browse")
    written: dict[str, str] = {}

    def export_everything(dialog: ExportDialog) -> int:  # the dialog as the user fills it in, all formats
        for key in ("notes", "csv", "pdf"):
            path = tmp_path / f"all.{key}"
            assert dialog.export_to(key, path).startswith("Wrote"), key
            written[key] = path.read_bytes().decode("utf-8", "replace") if key != "pdf" else ""
        return 0

    monkeypatch.setattr(ExportDialog, "exec", export_everything)
    browse.notes.edit.setFocus()
    qtbot.keyClicks(browse.notes.edit, "typed just now")
    assert window.ctx.store.note_store.note("gradient-descent") == ""  # still inside the autosave delay
    qtbot.keyClick(browse.notes.edit, Qt.Key.Key_E,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert "typed just now" in written["notes"] and "typed just now" in written["csv"]
    assert (tmp_path / "all.pdf").read_bytes().startswith(b"%PDF")


def test_exporting_over_a_read_only_file_says_so_and_the_dialog_stays_to_choose_another(
        make_window, qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    window.ctx.store.note_store.save_note("gradient-descent", "mine")
    protected = tmp_path / "my-notes.md"
    protected.write_text("kept safe", encoding="utf-8")
    protected.chmod(0o444)  # chmod a-w (Windows: the read-only attribute): root would write it anyway
    assert not protected.stat().st_mode & 0o222
    answers = [str(protected), str(tmp_path / "another.md")]  # the user picks the read-only file, then another
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (answers.pop(0), ""))
    dialog = ExportDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.format.setCurrentIndex(dialog.format.findData("notes"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    box = dialog.refusal
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert box.text().replace("\u2011", "-") == "my-notes.md is read-only; choose another name or make it writable"
    assert box.informativeText() == f"In {tmp_path.resolve()}. Nothing was written."
    assert protected.read_text(encoding="utf-8") == "kept safe" and not protected.stat().st_mode & 0o222
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix in (".md", ".partial")) == ["my-notes.md"]
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.export_button.isEnabled()  # still open, choices kept
    assert dialog.format.currentData() == "notes"
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)  # Export… again, another name
    assert "mine" in (tmp_path / "another.md").read_text(encoding="utf-8") and not dialog.isVisible()
