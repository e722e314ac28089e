"""The File menu's data work: backups, restore, import, export, and re-reading the bank after an import.

The main window owns one DataController and points its menu actions and its backup timer at it. The
controller asks the window (its `DataHost`) only for what it needs: saving what is being typed, a
status-bar message, the open modes, and rebuilding them over a new bank. It is imported by
`MainWindow.furnish()`, after the first frame, so the store, backups and search may load here.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from desktop.core import backups, services
from desktop.core.changes import Change, Changed
from desktop.core.note_store import read_user_data
from desktop.core.search import SearchIndex
from desktop.core.settings import IMPORT_FOLDER, folder_or
from desktop.core.store import StoreError
from desktop.core.threads import breather, collection_paused
from desktop.ui.application import next_turn
from desktop.ui.modes import ReloadsUserData
from desktop.ui.worker import Cancelled, Worker, busy_dialog, close_busy_dialog, run_with_progress

NOTES_A_TURN = 200  # notes an import restores in one event-loop turn (~9 ms with what follows the feed)

if TYPE_CHECKING:
    from desktop.core.bank import Bank
    from desktop.core.note_store import UserData
    from desktop.core.services import Imported
    from desktop.ui.context import AppContext
    from desktop.ui.modes import Mode


class DataHost(Protocol):
    """What the controller needs from the window that owns it."""

    @property
    def modes(self) -> dict[str, Mode]: ...  # the modes built so far, by key
    def save_pending(self) -> None: ...  # write what is being typed
    def show_status(self, message: str) -> None: ...
    def rebuild_modes(self) -> None: ...  # the bank in the context changed: build every mode over it again


class DataController:
    def __init__(self, ctx: AppContext, host: DataHost, parent: QWidget) -> None:
        self.ctx = ctx
        self.host = host
        self.parent = parent  # dialogs and message boxes open over it
        self.backup_dir = ctx.data_dir / backups.BACKUP_DIR
        self.import_worker: Worker | None = None  # an import running on its thread
        self.backup_worker: Worker | None = None  # a backup running on its thread
        self.import_report: QMessageBox | None = None  # what the last import left out, while it is shown
        self.restore_steps: list[Callable[[], None]] = []  # after a restore: what is still to be shown (turn by turn)

    # ------------------------------------------------------------------ backups

    def back_up_if_changed(self, wait: bool = False) -> None:
        """What the window's 30-minute timer calls, and closing the window (`wait`: done before it returns)."""
        if wait and self.backup_worker is not None:
            self.backup_worker.wait()  # one still being written when the window closes is finished first
        self.host.save_pending()  # a note still inside its autosave delay counts as a change
        if not self.ctx.store.read_only and self.ctx.store.changed_since_backup():
            self.back_up_now(quiet=True, wait=wait)

    def back_up_now(self, quiet: bool = False, wait: bool = False) -> None:
        """Copy and compress the database on a worker thread (a year of data takes about half a second),
        or here when `wait` (closing: the window is going anyway, and the backup must be complete)."""
        self.host.save_pending()  # the backup must include the note being typed
        if self.backup_worker is not None:
            if not wait:
                self.host.show_status("A backup is being made already.")
                return
            self.backup_worker.wait()
        store = self.ctx.store
        try:
            db = backups.store_file(store)
        except StoreError as exc:
            self.host.show_status(f"Backup failed: {exc}")
            return
        store.mark_backed_up()
        folder, clock = self.backup_dir, store.clock

        def job(_cancelled: Cancelled) -> Path:
            return backups.write_backup(db, folder, clock)

        if wait:
            try:
                job(lambda: False)
            except Exception as exc:
                store.backup_failed()
                self.host.show_status(f"Backup failed: {exc}")
            return
        worker = Worker(job, "backup")
        self.backup_worker = worker

        def done(path: Path) -> None:
            self.backup_worker = None
            if not quiet:
                self.host.show_status(f"Backed up to {path.name}")

        def failed(exc: Exception) -> None:
            self.backup_worker = None
            store.backup_failed()
            self.host.show_status(f"Backup failed: {exc}")

        worker.done.connect(done)
        worker.failed.connect(failed)
        worker.start()

    def restore_from_backup(self) -> None:
        from desktop.ui.widgets.restore_dialog import RestoreDialog

        self.host.save_pending()
        dialog = RestoreDialog(backups.list_backups(self.backup_dir), self.parent)
        chosen = dialog.chosen() if dialog.exec() == RestoreDialog.DialogCode.Accepted else None
        if chosen is None:
            return
        while self.restore_steps:  # the last restore's screens still to settle: now, before this one begins
            self.restore_steps.pop(0)()
        store, index = self.ctx.store, self.ctx.index

        def job(_cancelled: Cancelled) -> tuple[Path, UserData | None]:
            safety = backups.restore_file(db, chosen, folder, clock)
            # The restored notes and bookmarks are read here, once, and indexed here: the UI thread only
            # hands them on (a year of data: ~10 ms a read, and every differing note indexed again).
            restored = backups.read_restored(db)
            if restored is not None:
                index.sync_notes(restored.notes, breather())
            return safety, restored

        try:
            db = backups.store_file(store)
            store.mark_backed_up()
            folder, clock = self.backup_dir, store.clock
        except StoreError as exc:
            self._restore_failed(exc)
            return
        # Unpacking, checking, the safety copy and the copy itself run on a worker (a year of data: ~2 s). A
        # window-modal busy dialog shows at once and stays until every mode shows the restored data, so nothing
        # is typed into data about to be replaced. (Greying the window out and back instead repainted all of it
        # twice, 11-20 ms of the UI thread each at a year of data.)
        blocker = busy_dialog(f"Restoring {chosen.name}…", self.parent, "Restore", cancel=False, at_once=True)
        try:
            safety, restored = run_with_progress(job, blocker.labelText(), self.parent, "Restore", cancel=False,
                                                 dialog=blocker)
        except (StoreError, OSError) as exc:
            close_busy_dialog(blocker)
            self._restore_failed(exc)
            return
        store.replaced(restored)  # the search index, the status bar and the study record follow the feed
        self.host.show_status(f"Restored. Your previous data was kept as {safety.name}")
        self.settle_in_turns(restored, blocker)

    def _restore_failed(self, exc: Exception) -> None:
        self.ctx.store.backup_failed()
        QMessageBox.warning(self.parent, "Restore failed", f"Nothing was changed: {exc}")

    def settle_in_turns(self, restored: UserData | None, blocker: QProgressDialog) -> None:
        """After a restore, each open mode re-reads and repaints in an event-loop turn of its own; then the busy
        dialog that blocks the window closes, and the window is made active again if the dialog was, each in a
        turn of its own too, so no one turn holds the UI for long (a zero timer would not do: Qt may run two in
        one pass, before a paint). `restore_steps` holds what is still to come."""

        def reload(key: str) -> None:
            mode = self.host.modes.get(key)
            if isinstance(mode, ReloadsUserData):  # (a mode rebuilt meanwhile was built over the restored data)
                mode.reload_user_data(restored)

        self.restore_steps = [partial(reload, key) for key, mode in self.host.modes.items()
                              if isinstance(mode, ReloadsUserData)]
        was_active: list[bool] = []

        def unblock() -> None:
            was_active.append(blocker.isActiveWindow())
            close_busy_dialog(blocker)

        def activate() -> None:  # (not every window manager does it; its lists repaint: a turn of its own)
            if was_active[0]:
                self.parent.activateWindow()

        self.restore_steps += [unblock, activate]

        def next_step() -> None:  # each when the loop is next idle: the paints and timers due meanwhile go first
            if self.restore_steps:
                self.restore_steps.pop(0)()
                next_turn(self.parent, next_step)

        next_turn(self.parent, next_step)

    # ------------------------------------------------------------ export, import

    def show_export(self) -> None:
        from desktop.ui.export_dialog import ExportDialog

        self.host.save_pending()
        ExportDialog(self.ctx, self.parent).exec()

    def import_questions(self, folder: bool, path: Path | None = None) -> None:
        """Import a CSV, an Anki deck or a folder as a deck: back up first, all or nothing, then show it at once.

        The backup, the import and reading the bank again with the deck in it all run on a worker thread.
        """
        from desktop.core.importer import ImportCancelled, ImportFailed

        parent = self.parent
        if self.ctx.store.read_only:
            QMessageBox.warning(parent, "Import", "Your data folder cannot be written, so nothing can be imported.")
            return
        if path is None:
            start = str(folder_or(self.ctx.prefs.get(IMPORT_FOLDER), Path.home()))
            if folder:
                chosen = QFileDialog.getExistingDirectory(parent, "Import a folder of questions", start)
            else:
                chosen, _ = QFileDialog.getOpenFileName(
                    parent, "Import questions", start,
                    "Questions (*.csv *.tsv *.apkg *.colpkg *.txt);;CSV (*.csv *.tsv);;"
                    "Anki deck (*.apkg *.colpkg);;Anki notes in plain text (*.txt)")
            if not chosen:
                return
            path = Path(chosen)
            # The next import starts beside this one (a folder deck: in the folder that holds it).
            self.ctx.prefs.set(IMPORT_FOLDER, str(path.expanduser().resolve().parent))
        self.host.save_pending()
        store = self.ctx.store
        try:
            pending = services.begin_import(store, self.ctx.data_dir)
        except services.BackupFailed as exc:
            QMessageBox.warning(parent, "Nothing was imported", str(exc))
            return
        bank, load, source = self.ctx.bank, self.ctx.load_bank, path
        # The new index is given the notes the worker reads (~10 ms at a year of data, not on the UI thread), and the
        # notes the deck brings back (restored at the end); a note saved here while it runs is announced on the
        # feed, and then the notes are compared at the end.
        noted_meanwhile: list[Changed] = []
        stop_listening = store.changes.subscribe(
            lambda changed: noted_meanwhile.append(changed) if changed.touches(Change.NOTES) else None)

        def job(cancelled: Cancelled) -> tuple[Imported, Bank | None, SearchIndex | None]:
            imported = services.run_import(pending, source, bank, cancelled=cancelled)
            if load is None:
                return imported, None, None
            with collection_paused(freeze=True):  # the new bank and index live on, as the loader's do
                new_bank = load(breather())
                new_bank.warm()  # its tags and new-study queues, here rather than on the UI thread
                index = SearchIndex()
                notes = services.notes_once_restored(read_user_data(pending.db).notes, imported)
                index.add(new_bank.questions, notes, breather())
            return imported, new_bank, index

        worker = Worker(job, "import")
        progress = busy_dialog(f"Importing {path.name}…", parent, "Import")  # if it takes more than a moment
        progress.canceled.connect(worker.cancel)
        self.import_worker = worker  # kept alive until it reports

        def finished() -> None:
            progress.reset()
            self.import_worker = None

        def failed(exc: Exception) -> None:
            finished()
            stop_listening()
            store.backup_failed()  # the backup begun may not have been made (a source with problems fails first)
            if isinstance(exc, ImportCancelled):
                self.host.show_status(str(exc))
            elif isinstance(exc, services.BackupFailed):
                QMessageBox.warning(parent, "Nothing was imported", str(exc))
            elif isinstance(exc, ImportFailed):
                problems_box(exc, source, parent).open()
            else:
                QMessageBox.warning(parent, "Nothing was imported", f"The import could not be written: {exc}")

        def done(outcome: tuple[Imported, Bank | None, SearchIndex | None]) -> None:
            finished()
            imported, new_bank, index = outcome
            if new_bank is not None and index is not None:
                self.host.save_pending()  # (a note still being typed is announced too)
                if noted_meanwhile:
                    index.sync_notes(store.note_store.notes())  # notes written while the import ran
                self.ctx.bank, self.ctx.index = new_bank, index
                self.host.rebuild_modes()
            stop_listening()
            self.restore_notes(imported, list(imported.result.notes))

        worker.done.connect(done)
        worker.failed.connect(failed)
        worker.start()

    def restore_notes(self, imported: Imported, ids: list[str]) -> None:
        """The notes of yours the deck carried, written back a batch an event-loop turn (2,000 at once held the UI
        thread ~90 ms, the listeners most of it; the new index has them already), then the import reported."""
        imported = services.restore_notes(self.ctx.store, imported, ids[:NOTES_A_TURN])
        if ids[NOTES_A_TURN:] and not imported.notes_failed:
            next_turn(self.parent, lambda: self.restore_notes(imported, ids[NOTES_A_TURN:]))
            return
        self.host.show_status(imported.status())
        left_out = imported.left_out_text()
        if left_out is not None:  # notes that did not come in are not routine news: say so until read
            box = QMessageBox(QMessageBox.Icon.Information, "Import", imported.result.summary(), parent=self.parent)
            box.setInformativeText(left_out)
            box.open()
            self.import_report = box

    def reload_bank(self) -> None:
        """Re-read the bank (after an import), index it with the notes, and have the window rebuild every mode."""
        if self.ctx.load_bank is None:
            return
        self.host.save_pending()
        bank = self.ctx.load_bank(None)
        index = SearchIndex()
        index.add(bank.questions, self.ctx.store.note_store.notes())
        self.ctx.bank, self.ctx.index = bank, index
        self.host.rebuild_modes()


def problems_box(exc: Exception, source: Path, parent: QWidget) -> QMessageBox:
    """Why an import failed: the first problem, and how many more the details list (one a line), so a file
    with forty is not fixed and retried forty times; a file gone or unreadable is not said to have problems."""
    lines = str(exc).splitlines() or ["the import failed"]
    what = "folder" if source.is_dir() else "file"
    if len(lines) == 1:
        text, first = "Nothing was imported:", lines[0][:300]
    else:
        text = f"The {what} has {len(lines):,} problems, so nothing was imported. Fix them and try again:"
        first = f"{lines[0][:300]}\n\n…and {len(lines) - 1:,} more: Show Details lists them all."
    box = QMessageBox(QMessageBox.Icon.Warning, "Nothing was imported", text, parent=parent)
    box.setInformativeText(first)
    if len(lines) > 1:
        box.setDetailedText(str(exc))
    return box
