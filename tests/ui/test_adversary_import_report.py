"""What the window says when an import fails: enough to fix the file in one go, and nothing untrue."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from desktop.core.importer import deck_roots


def failure_box(window, qtbot, monkeypatch, source: Path, folder: bool) -> QMessageBox:  # type: ignore[no-untyped-def]
    shown: list[QMessageBox] = []
    real_open = QMessageBox.open
    monkeypatch.setattr(QMessageBox, "open", lambda box: (shown.append(box), real_open(box)))
    window.data.import_questions(folder=folder, path=source)
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    return shown[0]


def test_a_deck_with_many_problems_says_how_many_and_a_vanished_file_is_not_said_to_have_any(
        make_window, qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The box showed the first problem of forty and nothing else unless Show Details was pressed, so a user
    fixed one, tried again, and met the next; and a file moved away after it was chosen 'has problems'."""
    window = make_window()
    src = tmp_path / "my-deck"
    src.mkdir()
    for i in range(40):
        (src / f"q-{i}.md").write_text(f"---\nid: q-{i}\ndifficulty: easy\n---\n# Question {i}\nmore of it\n\n"
                                       "## Answer\nA.\n\n## Key points\n- a\n", encoding="utf-8")
    box = failure_box(window, qtbot, monkeypatch, src, folder=True)
    assert box.text() == "The folder has 40 problems, so nothing was imported. Fix them and try again:"
    assert box.informativeText().startswith(f"{src / 'q-0.md'}:6: text between the title")
    assert box.informativeText().endswith("…and 39 more: Show Details lists them all.")
    assert len(box.detailedText().splitlines()) == 40
    box.done(0)

    gone = tmp_path / "cards.csv"  # chosen, then moved away before the import read it
    box = failure_box(window, qtbot, monkeypatch, gone, folder=False)
    assert box.text() == "Nothing was imported:" and box.informativeText() == f"{gone}: no such file or folder"
    assert box.detailedText() == ""  # the one line is in view: no Show Details button to repeat it
    assert deck_roots(window.ctx.data_dir) == []
