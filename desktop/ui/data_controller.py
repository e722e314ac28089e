"""The File menu's data work: backups, restore, import, export, and re-reading the bank after an import.

The main window owns one DataController and points its menu actions and its backup timer at it. The
controller asks the window (its `DataHost`) only for what it needs: saving what is being typed, a
status-bar message, the open modes, and rebuilding them over a new bank. It is imported by
`MainWindow.furnish()`, after the first frame, so the store, backups and search may load here.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from desktop.core import backups
from desktop.core.search import SearchIndex
from desktop.core.store import StoreError
from desktop.core.wording import count
from desktop.ui.modes import ReloadsUserData

if TYPE_CHECKING:
    from desktop.core.importer import ImportResult
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
        self.import_worker: QObject | None = None  # an import running on its thread
        self.import_report: QMessageBox | None = None  # what the last import left out, while it is shown

    # ------------------------------------------------------------------ backups

    def back_up_if_changed(self) -> None:
        """What the window's 30-minute timer and closing the window call."""
        self.host.save_pending()  # a note still inside its autosave delay counts as a change
        if not self.ctx.store.read_only and self.ctx.store.changed_since_backup():
            self.back_up_now(quiet=True)

    def back_up_now(self, quiet: bool = False) -> None:
        self.host.save_pending()  # the backup must include the note being typed
        try:
            path = backups.make_backup(self.ctx.store, self.backup_dir, self.ctx.store.clock)
        except Exception as exc:
            self.host.show_status(f"Backup failed: {exc}")
            return
        if not quiet:
            self.host.show_status(f"Backed up to {path.name}")

    def restore_from_backup(self) -> None:
        from desktop.ui.widgets.restore_dialog import RestoreDialog

        self.host.save_pending()
        dialog = RestoreDialog(backups.list_backups(self.backup_dir), self.parent)
        chosen = dialog.chosen() if dialog.exec() == RestoreDialog.DialogCode.Accepted else None
        if chosen is None:
            return
        try:
            safety = backups.restore_backup(self.ctx.store, chosen, self.backup_dir, self.ctx.store.clock)
        except (StoreError, OSError) as exc:
            QMessageBox.warning(self.parent, "Restore failed", f"Nothing was changed: {exc}")
            return
        for mode in self.host.modes.values():
            if isinstance(mode, ReloadsUserData):
                mode.reload_user_data()
        self.host.show_status(f"Restored. Your previous data was kept as {safety.name}")

    # ------------------------------------------------------------ export, import

    def show_export(self) -> None:
        from desktop.ui.export_dialog import ExportDialog

        self.host.save_pending()
        ExportDialog(self.ctx, self.parent).exec()

    def import_questions(self, folder: bool, path: Path | None = None) -> None:
        """Import a CSV, an Anki deck or a folder: back up first, all or nothing, then show it at once."""
        from desktop.core.importer import ImportCancelled, ImportFailed, import_path
        from desktop.ui.import_worker import ImportWorker

        parent = self.parent
        if self.ctx.store.read_only:
            QMessageBox.warning(parent, "Import", "Your data folder cannot be written, so nothing can be imported.")
            return
        if path is None:
            if folder:
                chosen = QFileDialog.getExistingDirectory(parent, "Import a folder of questions", str(Path.home()))
            else:
                chosen, _ = QFileDialog.getOpenFileName(
                    parent, "Import questions", str(Path.home()),
                    "Questions (*.csv *.tsv *.apkg *.colpkg *.txt);;CSV (*.csv *.tsv);;"
                    "Anki deck (*.apkg *.colpkg);;Anki notes in plain text (*.txt)")
            if not chosen:
                return
            path = Path(chosen)
        self.host.save_pending()
        try:
            backups.make_backup(self.ctx.store, self.backup_dir, self.ctx.store.clock)
        except (OSError, StoreError) as exc:
            QMessageBox.warning(parent, "Nothing was imported", f"A backup could not be made first, so nothing "
                                f"was imported: {exc}")
            return
        data_dir, bank = self.ctx.data_dir, self.ctx.bank
        worker = ImportWorker(lambda cancelled: import_path(path, data_dir, bank, cancelled=cancelled))
        progress = QProgressDialog(f"Importing {path.name}…", "Cancel", 0, 0, parent)
        progress.setWindowTitle("Import")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)  # a small file finishes before it would flash up
        progress.canceled.connect(worker.cancel)
        self.import_worker = worker  # kept alive until it reports

        def finished() -> None:
            progress.reset()
            self.import_worker = None

        def failed(exc: Exception) -> None:
            finished()
            if isinstance(exc, ImportCancelled):
                self.host.show_status(str(exc))
            elif isinstance(exc, ImportFailed):
                box = QMessageBox(QMessageBox.Icon.Warning, "Nothing was imported",
                                  "The file has problems, so nothing was imported. Fix these and try again:",
                                  parent=parent)
                box.setDetailedText(str(exc))
                box.setInformativeText(str(exc).splitlines()[0][:300])
                box.open()
            else:
                QMessageBox.warning(parent, "Nothing was imported", f"The import could not be written: {exc}")

        def done(result: ImportResult) -> None:
            finished()
            self.reload_bank()
            renamed = f" {count(len(result.renamed), 'id')} already taken got the deck's name in front." \
                if result.renamed else ""
            self.host.show_status(f"{result.summary()}{renamed}")
            if result.left_out:  # notes that did not come in are not routine news: say so until read
                box = QMessageBox(QMessageBox.Icon.Information, "Import", result.summary(), parent=parent)
                box.setInformativeText("Not imported (the app holds text questions, without cloze deletions or "
                                       "media):\n" + "\n".join(f"• {item}" for item in result.left_out))
                box.open()
                self.import_report = box

        worker.done.connect(done)
        worker.failed.connect(failed)
        worker.start()

    def reload_bank(self) -> None:
        """Re-read the bank (after an import), index it with the notes, and have the window rebuild every mode."""
        if self.ctx.load_bank is None:
            return
        self.host.save_pending()
        bank = self.ctx.load_bank()
        index = SearchIndex()
        index.add(bank.questions, self.ctx.store.notes())
        self.ctx.bank, self.ctx.index = bank, index
        self.host.rebuild_modes()
