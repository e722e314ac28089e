"""The steps `mlcoach export/import` and the File menu share (core.services), on tmp folders and a fake clock."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

import pytest
import yaml

from desktop.core import backup_copy, backups, services
from desktop.core.bank import Bank, Category, Question
from desktop.core.export import ExportCancelled, Selection
from desktop.core.importer import ImportFailed, ImportResult, render_question
from desktop.core.store import DB_NAME, Store
from tests.core.fakes import FakeClock

BUNDLED = Bank((Category("trees", "Trees"),),
               (Question(id="decision-tree", category="trees", difficulty="easy", title="What is a decision tree?",
                         answer="Splits on features.", key_points=("splits",)),
                Question(id="random-forest", category="trees", difficulty="medium", title="Why do forests work?",
                         answer="Averaging.", key_points=("variance",))))
ZEBRA_CSV = "question,answer,category\nWhat is a zebra crossing?,A striped crossing.,Roads\n"


def write_bundled(root: Path) -> Path:
    (root / "trees").mkdir(parents=True)
    (root / "categories.yaml").write_text(yaml.safe_dump([{"id": "trees", "title": "Trees"}]), encoding="utf-8")
    for q in BUNDLED.questions:
        (root / "trees" / f"{q.id}.md").write_text(render_question(q), encoding="utf-8")
    return root


@pytest.fixture
def bundled(tmp_path: Path) -> Path:
    return write_bundled(tmp_path / "bundled")


@pytest.fixture
def store(isolated_data: Path, clock: FakeClock) -> Store:
    isolated_data.mkdir(parents=True, exist_ok=True)
    return Store.open(isolated_data / DB_NAME, clock)


def test_load_bank_is_the_bundled_questions_then_each_imported_deck(bundled: Path, isolated_data: Path,
                                                                    store: Store, tmp_path: Path) -> None:
    assert services.bank_roots(isolated_data, bundled) == [bundled]
    assert [q.id for q in services.load_bank(isolated_data, bundled=bundled).questions] == [
        "decision-tree", "random-forest"]
    src = tmp_path / "roads.csv"
    src.write_text(ZEBRA_CSV, encoding="utf-8")
    services.import_with_backup(store, isolated_data, src, services.load_bank(isolated_data, bundled=bundled))
    assert services.bank_roots(isolated_data, bundled) == [bundled, isolated_data / "decks" / "roads"]
    breaths: list[int] = []
    bank = services.load_bank(isolated_data, lambda: breaths.append(1), bundled=bundled)
    assert [q.id for q in bank.questions] == ["decision-tree", "random-forest", "what-is-a-zebra-crossing"]
    assert breaths  # a long load lets the UI thread in (core.threads.breather)


def test_the_bank_cache_lives_in_the_data_folder_and_the_shared_cache_folder(bundled: Path, isolated_data: Path,
                                                                             tmp_path: Path) -> None:
    files = services.bank_cache(isolated_data, [bundled])
    assert files.mine == isolated_data / "cache" / "bank.cache"
    assert files.shared.parent == tmp_path / "xdg-cache" / "ml-interview-coach"
    assert files.shared != services.bank_cache(isolated_data, [bundled, tmp_path / "deck"]).shared  # by roots


def test_an_import_backs_up_first_and_reports_in_the_terminal_and_the_status_bar(
        bundled: Path, isolated_data: Path, store: Store, clock: FakeClock, tmp_path: Path) -> None:
    store.note_store.save_note("decision-tree", "kept")
    assert store.changed_since_backup()
    src = tmp_path / "roads.csv"
    src.write_text(ZEBRA_CSV, encoding="utf-8")
    imported = services.import_with_backup(store, isolated_data, src, services.load_bank(isolated_data,
                                                                                         bundled=bundled))
    [made] = backups.backup_files(isolated_data / backups.BACKUP_DIR)
    assert made.path == imported.backup and made.taken_at == clock.now  # named by the injected clock
    assert not store.changed_since_backup()
    with sqlite3.connect(isolated_data / DB_NAME) as db:  # the live database is untouched by the import
        assert db.execute("SELECT count(*) FROM notes").fetchone() == (1,)
    assert imported.terminal_lines() == [
        f"Imported 1 question as the deck 'roads'. ({isolated_data / 'decks' / 'roads'})",
        f"A backup was made first: {made.path.name}"]
    assert imported.status() == "Imported 1 question as the deck 'roads'."
    assert imported.left_out_text() is None


def test_renamed_ids_and_what_was_left_out_are_reported(tmp_path: Path) -> None:
    result = ImportResult("mine", tmp_path / "mine", 3, ("trees",), renamed={"decision-tree": "mine-decision-tree"},
                          left_out=("1 cloze note", "2 media files (images, sounds)"))
    imported = services.Imported(result, tmp_path / "mlcoach-backup.db.zst")
    assert imported.terminal_lines() == [
        f"Imported 3 questions as the deck 'mine'. ({tmp_path / 'mine'})",
        "  decision-tree was renamed mine-decision-tree: the id was already taken",
        "Not imported: 1 cloze note; 2 media files (images, sounds)",
        "A backup was made first: mlcoach-backup.db.zst"]
    assert imported.status() == "Imported 3 questions as the deck 'mine'. 1 id already taken got the deck's name in front."
    assert imported.left_out_text() == ("Not imported (the app holds text questions, without cloze deletions or "
                                        "media):\n• 1 cloze note\n• 2 media files (images, sounds)")


def test_your_own_anki_export_imported_again_brings_its_notes_back_and_never_over_one(
        bundled: Path, isolated_data: Path, store: Store, tmp_path: Path) -> None:
    """The notes ride in the deck's My notes field: on the import they are notes again (on the question they were
    written on, which this bank holds), not text in the answer; a question with a note of its own keeps it."""
    store.note_store.save_note("decision-tree", "Gini or entropy; **depth** limits it")
    store.note_store.save_note("random-forest", "bagging")
    deck = tmp_path / "mine.apkg"
    assert services.was_written(services.export("anki", deck, BUNDLED, store, Selection()))
    store.note_store.save_note("decision-tree", "")  # cleared since (or another machine, without it)
    store.note_store.save_note("random-forest", "bagging plus random features")  # rewritten since
    heard: list[frozenset[str]] = []
    store.changes.subscribe(lambda changed: heard.append(changed.question_ids))
    imported = services.import_with_backup(store, isolated_data, deck, services.load_bank(isolated_data,
                                                                                         bundled=bundled))
    notes = store.note_store.notes()
    assert notes["decision-tree"] == "Gini or entropy; **depth** limits it"  # restored, Markdown and all
    assert notes["random-forest"] == "bagging plus random features"  # the user's newer note is kept
    assert heard == [frozenset({"decision-tree"})]  # one announcement: the index and Browse follow it
    assert (imported.notes_restored, imported.notes_kept) == (1, 1)
    assert imported.status() == ("Imported 2 questions as the deck 'mine'. 1 note of yours restored. 1 note in the "
                                 "deck left out: that question has another note of yours, kept as it is.")
    answers = [q.answer for q in services.load_bank(isolated_data, bundled=bundled).questions]
    assert not any("bagging" in a or "Gini" in a or "My notes" in a for a in answers)
    again = services.import_with_backup(store, isolated_data, deck, services.load_bank(isolated_data,
                                                                                      bundled=bundled))
    assert (again.notes_restored, again.notes_kept) == (0, 1) and store.note_store.notes() == notes


def test_when_the_backup_cannot_be_made_nothing_is_imported(bundled: Path, isolated_data: Path, store: Store,
                                                            tmp_path: Path) -> None:
    (isolated_data / backups.BACKUP_DIR).write_text("a file where the backups folder should be", encoding="utf-8")
    src = tmp_path / "roads.csv"
    src.write_text(ZEBRA_CSV, encoding="utf-8")
    store.note_store.save_note("decision-tree", "changed")
    with pytest.raises(services.BackupFailed, match=r"^A backup could not be made first, so nothing was imported: "):
        services.import_with_backup(store, isolated_data, src, BUNDLED)
    assert not (isolated_data / "decks").exists()
    assert store.changed_since_backup()  # the next periodic backup still comes


def test_a_store_without_a_file_cannot_back_up_so_the_import_does_not_begin(isolated_data: Path) -> None:
    memory = Store.open_read_only(None)
    with pytest.raises(services.BackupFailed, match="no database file"):
        services.begin_import(memory, isolated_data)


def test_a_broken_source_imports_nothing_and_so_needs_no_backup(isolated_data: Path, store: Store,
                                                                tmp_path: Path) -> None:
    src = tmp_path / "broken.csv"
    src.write_text("question,answer\nQ?,A.\n", encoding="utf-8")
    with pytest.raises(ImportFailed, match="missing: category"):
        services.import_with_backup(store, isolated_data, src, BUNDLED)
    assert backups.backup_files(isolated_data / backups.BACKUP_DIR) == []  # read before any backup is made
    assert not any((isolated_data / "decks").glob("[!.]*"))


def test_export_writes_each_format_with_the_filters_and_says_what_it_wrote(store: Store, tmp_path: Path) -> None:
    store.note_store.save_note("random-forest", "bagging")
    store.note_store.toggle_bookmark("random-forest")
    everything, marked = Selection(), Selection(bookmarked=True)
    path = tmp_path / "all.csv"
    assert services.export("csv", path, BUNDLED, store, everything) == f"Wrote 2 questions to {path}"
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    bare = tmp_path / "bare.csv"
    assert services.export("csv", bare, BUNDLED, store, marked, bom=False) == f"Wrote 1 question to {bare}"
    with bare.open(encoding="utf-8", newline="") as f:
        assert [(r["id"], r["my_note"]) for r in csv.DictReader(f)] == [("random-forest", "bagging")]
    notes = tmp_path / "n.md"
    assert services.export("notes", notes, BUNDLED, store, everything) == f"Wrote 1 note to {notes}"
    assert "bagging" in notes.read_text(encoding="utf-8")
    deck = tmp_path / "d.apkg"
    assert services.export("anki", deck, BUNDLED, store, Selection(category="trees")) == f"Wrote 2 cards to {deck}"
    with pytest.raises(ValueError, match="pdf"):
        services.export("pdf", tmp_path / "x.pdf", BUNDLED, store, everything)  # Qt typesets it: ui.pdf_export


def test_an_unfiltered_notes_export_keeps_the_notes_on_questions_no_longer_in_the_bank(store: Store,
                                                                                        tmp_path: Path) -> None:
    """A year of use had 1,426 of its 2,000 notes on a deck no longer imported: "Wrote 574 notes", the rest left
    out of the Markdown a user exports to keep their work. An export with no filter keeps them, under their ids."""
    store.note_store.save_note("random-forest", "bagging")
    store.note_store.save_note("old-deck-what-is-a-zebra-crossing", "stripes, and the deck is gone")
    store.note_store.save_note("old-deck-blank", "   ")
    everything = tmp_path / "all.md"
    assert services.export("notes", everything, BUNDLED, store, Selection()) == f"Wrote 2 notes to {everything}"
    text = everything.read_text(encoding="utf-8")
    assert text.index("bagging") < text.index("## On questions no longer in the bank")
    assert "### old-deck-what-is-a-zebra-crossing\n\nstripes, and the deck is gone" in text
    assert "old-deck-blank" not in text
    trees = tmp_path / "trees.md"  # a filtered export is about the questions it picks
    assert services.export("notes", trees, BUNDLED, store, Selection(category="trees")) == f"Wrote 1 note to {trees}"
    assert "zebra" not in trees.read_text(encoding="utf-8")
    store.note_store.save_note("random-forest", "")  # only notes on gone questions: still something to export
    assert services.export("notes", everything, BUNDLED, store, Selection()) == f"Wrote 1 note to {everything}"


def test_a_cancelled_anki_export_writes_nothing(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(ExportCancelled):
        services.export("anki", out / "d.apkg", BUNDLED, store, Selection(), cancelled=lambda: True)
    assert list(out.iterdir()) == []


def test_the_weakest_are_judged_by_the_reviews_in_the_store(store: Store) -> None:
    from desktop.core.scheduler import Grade

    chosen, sr = services.choose(BUNDLED, store, Selection(weakest=1), retention=0.85)
    assert [q.id for q in chosen] == []  # nothing studied yet: nothing is weak
    sr.grade("random-forest", Grade.AGAIN)
    sr.grade("decision-tree", Grade.EASY)
    assert [q.id for q in services.choose(BUNDLED, store, Selection(weakest=1))[0]] == ["random-forest"]


def test_the_words_for_a_pdf_and_for_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "x.pdf"
    assert services.written("pdf", 1, path) == f"Wrote 1 question as a PDF to {path}"
    assert services.written("pdf", 3, path, "cheat-sheet") == f"Wrote 3 questions as a cheat sheet to {path}"
    missing = OSError(2, "No such file or directory")
    assert services.write_failed(path, missing) == f"Could not write {path}: No such file or directory"
    assert services.EXPORT_CANCELLED == "Export cancelled; nothing was written."


def test_the_command_line_and_the_window_import_and_export_only_through_the_services() -> None:
    """README (Development): both callers go through core.services, so neither grows its own copy again."""
    from tests.conftest import REPO

    callers = [REPO / "desktop" / "app.py", REPO / "desktop" / "cli.py", *(REPO / "desktop" / "ui").rglob("*.py")]
    for path in callers:
        text = path.read_text(encoding="utf-8")
        for step in ("import_path(", "deck_roots(", "make_backup(", "write_notes(", "write_csv(", "write_anki("):
            assert step not in text, f"{path.relative_to(REPO)} calls {step[:-1]} itself: use core.services"
    assert "services." in (REPO / "desktop" / "cli.py").read_text(encoding="utf-8")


def test_failed_imports_cost_no_backups_and_an_unchanged_database_is_not_backed_up_again(
        bundled: Path, isolated_data: Path, store: Store, clock: FakeClock, tmp_path: Path) -> None:
    """Retrying a broken file must not push the user's earlier states out of the kept backups (thinning keeps
    the last 10 made): a file with problems is read before any backup, and unchanged data is not copied again."""
    folder = isolated_data / backups.BACKUP_DIR
    for i in range(backups.KEEP_LATEST):  # ten real earlier states, made minutes apart today
        store.note_store.save_note("decision-tree", f"state {i}")
        backups.make_backup(store, folder, clock)
        clock.advance(minutes=1)
    earlier = backups.backup_files(folder)
    broken = tmp_path / "broken.csv"
    broken.write_text("question,answer,category\nWhat is a zebra crossing?,,Roads\n", encoding="utf-8")
    for _ in range(12):
        with pytest.raises(ImportFailed):
            services.import_with_backup(store, isolated_data, broken, BUNDLED)
        clock.advance(minutes=1)
    assert backups.backup_files(folder) == earlier
    assert store.changed_since_backup()  # no backup was made for those: the next periodic one still comes
    src = tmp_path / "roads.csv"
    src.write_text(ZEBRA_CSV, encoding="utf-8")
    imported = services.import_with_backup(store, isolated_data, src, BUNDLED)
    assert imported.backup == earlier[0].path and not imported.backup_new  # "state 9" is already the newest
    assert imported.terminal_lines()[-1] == (f"Your data was backed up first: unchanged since {earlier[0].path.name}, "
                                             "so no new backup was made")
    assert backups.backup_files(folder) == earlier
    store.note_store.save_note("decision-tree", "state 10")
    again = services.import_with_backup(store, isolated_data, src, BUNDLED)
    assert again.backup_new and backups.backup_files(folder)[0].path == again.backup != earlier[0].path
    assert again.terminal_lines()[-1] == f"A backup was made first: {again.backup.name}"
    with backup_copy.unpacked(again.backup) as plain:
        assert Store.open_read_only(plain).note_store.note("decision-tree") == "state 10"
