"""Hostile or broken input and careless destinations: a plain message, nothing lost, nothing run."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from desktop.core import export as exports
from desktop.core.bank import Bank
from desktop.core.importer import MAX_QUESTIONS, ImportCancelled, ImportFailed, import_path, read_csv

EMPTY = Bank((), ())


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_cells_a_spreadsheet_would_run_are_exported_as_text_and_imported_back_unchanged(tmp_path: Path) -> None:
    hostile = ["=HYPERLINK(\"http://x\",\"click\")", "+1+1", "-2+3", "@SUM(A1)", "\tindented", "plain - text"]
    assert [exports.spreadsheet_safe(c) for c in hostile] == [
        "'=HYPERLINK(\"http://x\",\"click\")", "'+1+1", "'-2+3", "'@SUM(A1)", "'\tindented", "plain - text"]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["question", "answer", "category"])
    writer.writerow([exports.spreadsheet_safe("=1+1 is what?"), exports.spreadsheet_safe("-x is negative x"), "Maths"])
    src = write(tmp_path / "deck.csv", out.getvalue())
    questions = read_csv(src, "deck").questions
    assert (questions[0].title, questions[0].answer) == ("=1+1 is what?", "-x is negative x")


def test_no_export_may_write_inside_the_data_folder(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    for target in (data / "mlcoach.db", data / "backups" / "x.csv", data / "sub" / ".." / "mlcoach.db", data):
        with pytest.raises(exports.ExportRefused):
            exports.check_destination(target, data)
    exports.check_destination(tmp_path / "elsewhere.csv", data)  # fine


def test_a_symlink_in_an_imported_folder_is_not_followed(tmp_path: Path) -> None:
    secret = write(tmp_path / "secret.md", "---\nid: s\ncategory: x\ndifficulty: easy\n---\n# Secret?\n\n"
                   "## Answer\nnot yours\n\n## Key points\n- a\n")
    deck = tmp_path / "deck"
    deck.mkdir()
    (deck / "linked.md").symlink_to(secret)
    with pytest.raises(ImportFailed, match="is a link; links are not followed"):
        import_path(deck, tmp_path / "data", EMPTY)
    assert not (tmp_path / "data" / "decks").exists() or not any((tmp_path / "data" / "decks").iterdir())


@pytest.mark.parametrize(("text", "expected"), [
    ("question,answer,category\nWhat?,Because\x00,Maths\n", r"deck\.csv:2: contains a NUL byte"),
    ("question,answer,category,answer\nWhat?,A,Maths,B\n", r"deck\.csv:1: the column 'answer' appears twice"),
    ("question,answer,category\nWhat?,A,Maths\n\"Why?,B,Maths\nHow?,C,Maths\n",
     r"deck\.csv:3: a quoted cell that starts on this line is never closed"),
])
def test_broken_csv_files_get_a_precise_message(tmp_path: Path, text: str, expected: str) -> None:
    with pytest.raises(ImportFailed, match=expected):
        import_path(write(tmp_path / "deck.csv", text), tmp_path / "data", EMPTY)


def test_a_csv_over_the_row_limit_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    rows = "".join(f"Question {i}?,Answer {i},Big\n" for i in range(MAX_QUESTIONS + 1))
    with pytest.raises(ImportFailed, match="a deck can hold at most 10,000"):
        import_path(write(tmp_path / "big.csv", "question,answer,category\n" + rows), tmp_path / "data", EMPTY)


def test_cancel_stops_an_import_and_leaves_nothing_behind(tmp_path: Path) -> None:
    rows = "".join(f"Question {i}?,Answer {i},Big\n" for i in range(3000))
    src = write(tmp_path / "big.csv", "question,answer,category\n" + rows)
    polls = []

    def cancel_on_third_poll() -> bool:
        polls.append(1)
        return len(polls) >= 3

    with pytest.raises(ImportCancelled):
        import_path(src, tmp_path / "data", EMPTY, cancelled=cancel_on_third_poll)
    decks = tmp_path / "data" / "decks"
    assert not decks.exists() or list(decks.iterdir()) == []


def test_an_export_that_fails_leaves_no_partial_file_behind(tmp_path: Path) -> None:
    target = tmp_path / "a-folder.csv"
    target.mkdir()  # a folder where the file should go: the final rename fails
    with pytest.raises(OSError), exports.replacing(target) as tmp:
        tmp.write_text("half an export", encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-folder.csv"]
