"""Hostile or broken input and careless destinations: a plain message, nothing lost, nothing run."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from desktop.core import export as exports
from desktop.core import services
from desktop.core.bank import Bank, Category, Question
from desktop.core.importer import MAX_QUESTIONS, ImportCancelled, ImportFailed, import_path, read_csv
from desktop.core.scheduler import SpacedRepetition

EMPTY = Bank((), ())
ONE = Bank((Category("c", "C"),), (Question(id="q1", category="c", difficulty="easy", title="Q?", answer="A.",
                                             key_points=("a",)),))


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


def read_only_file(path: Path, text: str) -> Path:
    """A file the user marked read-only (chmod a-w; on Windows the read-only attribute, which Python shows as
    the same missing write bits). Checked on the mode itself: root's writes ignore it, so os.access says True."""
    write(path, text).chmod(0o444)
    assert not path.stat().st_mode & 0o222  # read-only as the file system records it, whoever runs the test
    return path


@pytest.mark.parametrize("fmt", ["notes", "csv", "anki"])
def test_an_export_over_a_read_only_file_is_refused_and_the_file_is_left_as_it_was(
        tmp_path: Path, sr: SpacedRepetition, fmt: str) -> None:
    sr.store.note_store.save_note("q1", "a note worth exporting")
    (tmp_path / "out").mkdir()
    target = read_only_file(tmp_path / "out" / f"mine.{fmt}", "the user's own file")
    expected = f"{target} is read-only; choose another name or make it writable"
    with pytest.raises(exports.ExportRefused) as refused:
        exports.check_destination(target, tmp_path / "data")
    assert str(refused.value) == expected
    # The writers refuse too (a file made read-only while a long export ran): nothing is renamed over it.
    with pytest.raises(exports.ExportRefused, match="is read-only"):
        services.export(fmt, target, ONE, sr.store, exports.Selection())
    assert target.read_text(encoding="utf-8") == "the user's own file" and not target.stat().st_mode & 0o222
    assert [p.name for p in target.parent.iterdir()] == [target.name]  # no .partial left beside it
    target.chmod(0o644)  # made writable: the export goes ahead
    exports.check_destination(target, tmp_path / "data")
    assert services.was_written(services.export(fmt, target, ONE, sr.store, exports.Selection()))


@pytest.mark.parametrize("fmt", ["notes", "csv", "anki"])
def test_an_export_over_a_link_writes_the_file_it_points_to_and_the_link_stays_a_link(
        tmp_path: Path, sr: SpacedRepetition, fmt: str) -> None:
    sr.store.note_store.save_note("q1", "a note worth exporting")
    (tmp_path / "synced").mkdir()
    (tmp_path / "here").mkdir()
    real = write(tmp_path / "synced" / f"mine.{fmt}", "last week's export")
    link = tmp_path / "here" / f"mine.{fmt}"
    link.symlink_to(real)
    exports.check_destination(link, tmp_path / "data")
    assert services.was_written(services.export(fmt, link, ONE, sr.store, exports.Selection()))
    assert link.is_symlink() and link.readlink() == real  # the user's link is left as it was
    assert real.read_bytes() != b"last week's export" and real.read_bytes() == link.read_bytes()
    assert [p.name for p in (tmp_path / "synced").iterdir()] == [real.name]  # no .partial left beside it
    assert [p.name for p in (tmp_path / "here").iterdir()] == [link.name]
