"""What the command line and the window both do with the user's data, in one place: load the bank, import
a deck with a backup first, export in a format with filters, and the words that report each.

The callers keep only what differs: `mlcoach import …` prints and returns an exit code, the File menu runs
the same steps on a worker thread and shows the outcome in the status bar or a dialog. A PDF is typeset
with Qt (ui.pdf_export), so it is not written here; both callers take its questions from choose() and
its message from written().

Light to import: the loader thread calls load_bank() at start-up, so the importer, the exporter and the
scheduler load inside the functions that use them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core import bank as bank_files
from desktop.core.bank import Bank, Question
from desktop.core.export_formats import CHEAT_SHEET, FULL
from desktop.core.import_common import Cancelled, never
from desktop.core.wording import count

if TYPE_CHECKING:
    from desktop.core.bank_cache import CacheFiles
    from desktop.core.export import Selection
    from desktop.core.importer import ImportResult
    from desktop.core.scheduler import SpacedRepetition
    from desktop.core.store import Clock, Store

Breathe = Callable[[], None]

# ------------------------------------------------------------------ the bank


def bank_roots(data_dir: Path, bundled: Path | None = None) -> list[Path]:
    """The bundled questions (`bundled`, default: the app's content folder) first, then each imported deck."""
    from desktop.core.decks import deck_roots
    from desktop.paths import content_dir

    return [bundled or content_dir(), *deck_roots(data_dir)]


def load_bank(data_dir: Path, breathe: Breathe | None = None, bundled: Path | None = None) -> Bank:
    """The whole bank the user studies: the bundled one plus every deck imported into `data_dir`."""
    first, *decks = bank_roots(data_dir, bundled)
    return bank_files.load_bank(first, decks, breathe)


def bank_cache(data_dir: Path, roots: list[Path]) -> CacheFiles:
    """Where a prepared bank over `roots` may be read or written (core.bank_cache): the data folder's own,
    the shared one in the platform's cache folder, and the one a frozen bundle ships."""
    from desktop.core.bank_cache import CacheFiles, shared_name
    from desktop.paths import shipped_bank_cache, user_cache_dir

    return CacheFiles(data_dir / "cache" / "bank.cache", user_cache_dir() / shared_name(roots), shipped_bank_cache())


# ------------------------------------------------------------------ import


class BackupFailed(Exception):
    """The backup an import makes first could not be made, so nothing was imported."""

    def __init__(self, why: object) -> None:
        super().__init__(f"A backup could not be made first, so nothing was imported: {why}")


@dataclass(frozen=True)
class PendingImport:
    """An import whose backup is begun: made on the store's thread, run on any (run_import)."""

    db: Path
    backups: Path
    data_dir: Path
    clock: Clock


def begin_import(store: Store, data_dir: Path) -> PendingImport:
    """On the store's thread: note that a backup of the database as it is now is being made.
    Raises BackupFailed when there is no database file to copy (nothing is changed then)."""
    from desktop.core.backups import BACKUP_DIR, store_file
    from desktop.core.store import StoreError

    try:
        db = store_file(store)
    except StoreError as exc:
        raise BackupFailed(exc) from exc
    store.mark_backed_up()
    return PendingImport(db, data_dir / BACKUP_DIR, data_dir, store.clock)


@dataclass(frozen=True)
class Imported:
    """An import done, and how to tell the user: lines for a terminal, or a status line plus what was left out."""

    result: ImportResult
    backup: Path
    notes_restored: int = 0  # the deck's notes of yours written back (restore_notes)
    notes_kept: int = 0  # …and those not, as that question has another note of yours
    notes_failed: str = ""  # why they could not be written back
    backup_new: bool = True  # False: the data was unchanged since `backup`, so no new one was made

    def terminal_lines(self) -> list[str]:
        result = self.result
        lines = [f"{result.summary()} ({result.folder})"]
        lines += [f"  {old} was renamed {new}: the id was already taken" for old, new in result.renamed.items()]
        if result.left_out:
            lines.append("Not imported: " + "; ".join(result.left_out))
        lines += self.notes_lines()
        lines.append(f"A backup was made first: {self.backup.name}" if self.backup_new else
                     f"Your data was backed up first: unchanged since {self.backup.name}, so no new backup was made")
        return lines

    def status(self) -> str:
        renamed = self.result.renamed
        taken = f" {count(len(renamed), 'id')} already taken got the deck's name in front." if renamed else ""
        return " ".join([f"{self.result.summary()}{taken}", *self.notes_lines()])

    def notes_lines(self) -> list[str]:
        """What became of the notes of yours the deck carried (your own Anki export), a sentence each."""
        lines = []
        if self.notes_restored:
            lines.append(f"{count(self.notes_restored, 'note')} of yours restored.")
        if self.notes_kept:
            lines.append(f"{count(self.notes_kept, 'note')} in the deck left out: "
                         f"{'that question has' if self.notes_kept == 1 else 'those questions have'} "
                         "another note of yours, kept as it is.")
        if self.notes_failed:
            lines.append(f"Your notes in the deck could not be restored: {self.notes_failed}")
        return lines

    def left_out_text(self) -> str | None:
        """What the source held that did not come in, a line each (None: everything did)."""
        if not self.result.left_out:
            return None
        return ("Not imported (the app holds text questions, without cloze deletions or media):\n"
                + "\n".join(f"• {item}" for item in self.result.left_out))


def run_import(pending: PendingImport, source: Path, bank: Bank, name: str | None = None,
               cancelled: Cancelled = never) -> Imported:
    """Read `source`, back up, then import it as a deck (all or nothing). Any thread: the backup reads the
    database through its own connection. Raises BackupFailed, or the importer's ImportFailed / ImportCancelled;
    after any of them the caller tells its store (Store.backup_failed) on the store's thread, as the backup
    begun may not have been made (a source with problems fails before it)."""
    from desktop.core.backups import back_up
    from desktop.core.importer import deck_name, import_path, read_source
    from desktop.core.threads import collection_paused

    with collection_paused():
        # Read and checked before the backup: a file with problems imports nothing, so it costs no backup.
        read = read_source(source, deck_name(source, name), cancelled)
        try:
            backup, new = back_up(pending.db, pending.backups, pending.clock)
        except Exception as exc:
            raise BackupFailed(exc) from exc
        result = import_path(source, pending.data_dir, bank, name, cancelled=cancelled, read=read)
    return Imported(result, backup, backup_new=new)


def restore_notes(store: Store, imported: Imported, ids: Iterable[str] | None = None) -> Imported:
    """On the store's thread, after run_import(): the notes of yours the deck carried (your own Anki export), or
    those of `ids` (the window restores them a batch a turn), written where their questions have none
    (NoteStore.fill_blank: never over a note), and counted in `imported`'s words. The import stands whatever
    happens here: a write that fails is reported in them, not raised."""
    from desktop.core.store import StoreError

    notes = imported.result.notes
    chosen = notes if ids is None else {qid: notes[qid] for qid in ids}
    if not chosen or imported.notes_failed:
        return imported
    try:
        filled = store.note_store.fill_blank(chosen)
    except StoreError as exc:
        return replace(imported, notes_failed=str(exc) or type(exc).__name__)
    return replace(imported, notes_restored=imported.notes_restored + len(filled.written),
                   notes_kept=imported.notes_kept + len(filled.kept))


def notes_once_restored(notes: dict[str, str], imported: Imported) -> dict[str, str]:
    """The user's `notes` as they will be once restore_notes() has run (it fills only questions with none): a
    worker builds the new search index with them, so the UI thread need not index them one by one."""
    return {**{qid: text for qid, text in imported.result.notes.items() if text.strip()}, **notes}


def import_with_backup(store: Store, data_dir: Path, source: Path, bank: Bank, name: str | None = None,
                       cancelled: Cancelled = never) -> Imported:
    """begin_import(), run_import() and restore_notes() on one thread (the command line)."""
    pending = begin_import(store, data_dir)
    try:
        imported = run_import(pending, source, bank, name, cancelled)
    except Exception:
        store.backup_failed()
        raise
    return restore_notes(store, imported)


# ------------------------------------------------------------------ export

EXPORT_CANCELLED = "Export cancelled; nothing was written."
_WROTE = "Wrote"
_UNIT = {"notes": "note", "csv": "question", "anki": "card", "pdf": "question"}


def written(fmt: str, n: int, path: Path, layout: str = FULL) -> str:
    """What an export wrote, in words: the status bar shows it, the command line prints it."""
    what = count(n, _UNIT[fmt])
    if fmt == "pdf":
        return f"{_WROTE} {what} as {'a cheat sheet' if layout == CHEAT_SHEET else 'a PDF'} to {path}"
    return f"{_WROTE} {what} to {path}"


def was_written(message: str) -> bool:
    """Whether an export's message is `written`'s (rather than a refusal, a failure or a cancel)."""
    return message.startswith(f"{_WROTE} ")


def write_failed(path: Path, exc: OSError) -> str:
    return f"Could not write {path}: {exc.strerror or exc}"


def choose(bank: Bank, store: Store, selection: Selection,
           retention: float | None = None) -> tuple[list[Question], SpacedRepetition]:
    """The questions `selection` picks (its weakest by the user's reviews in `store`), and the scheduler
    that judged them (a CSV export writes its progress columns from it)."""
    from desktop.core import export as exports
    from desktop.core.scheduler import DEFAULT_RETENTION, SpacedRepetition

    sr = SpacedRepetition(store, DEFAULT_RETENTION if retention is None else retention, store.clock)
    return exports.select(bank, sr, selection), sr


def export(fmt: str, path: Path, bank: Bank, store: Store, selection: Selection, *, retention: float | None = None,
           bom: bool = True, cancelled: Cancelled = never) -> str:
    """Write a notes (Markdown), csv or anki export of what `selection` picks, with the notes in `store`,
    and say what was written. Any thread, given a `store` connection of that thread's own.

    The caller checks the destination first (core.export.check_destination). Raises OSError, or
    ExportCancelled when `cancelled` (polled between cards) says so.
    """
    from desktop.core import export as exports
    from desktop.core.threads import collection_paused

    with collection_paused():  # a year of reviews is many objects: no long collection meanwhile
        chosen, sr = choose(bank, store, selection, retention)
        notes = store.note_store.notes()
        if fmt == "notes":
            n = exports.write_notes(path, bank, notes, chosen, everything=selection == exports.Selection())
        elif fmt == "csv":
            n = exports.write_csv(path, bank, chosen, notes, sr, bom=bom)
        elif fmt == "anki":
            n = exports.write_anki(path, bank, chosen, notes, cancelled=cancelled)
        else:
            raise ValueError(f"not a format written here: {fmt!r}")
    return written(fmt, n, path)
