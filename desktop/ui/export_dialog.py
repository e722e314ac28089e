"""File → Export…: notes as Markdown, everything as CSV, an Anki deck or a PDF cheat sheet, with filters."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.core import export as exports
from desktop.core import export_formats
from desktop.core.bank import Question
from desktop.core.wording import count
from desktop.ui.context import AppContext
from desktop.ui.worker import Cancelled, run_with_progress

FORMATS = {
    "notes": ("My notes as Markdown", "Markdown (*.md)", "my-notes.md"),
    "csv": ("Questions, answers, notes and progress as CSV", "CSV (*.csv)", "ml-interview-coach.csv"),
    "anki": ("An Anki deck, with your notes as a field", "Anki deck (*.apkg)", "ml-interview-coach.apkg"),
    "pdf": ("A printable PDF cheat sheet", "PDF (*.pdf)", "cheat-sheet.pdf"),
}
assert tuple(FORMATS) == export_formats.FORMATS  # labels for every format the exporter knows


class ExportDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export")
        self.setMinimumWidth(440)
        self.ctx = ctx
        self.format = QComboBox()
        for key, (label, _f, _n) in FORMATS.items():
            self.format.addItem(label, key)
        self.category = QComboBox()
        self.category.addItem("All categories", None)
        for cat in ctx.bank.categories:
            self.category.addItem(cat.title, cat.id)
        self.bookmarked = QCheckBox("Bookmarked questions only")
        self.weakest_on = QCheckBox("Only my weakest")
        self.weakest = QSpinBox()
        self.weakest.setRange(1, 500)
        self.weakest.setValue(20)
        self.weakest.setEnabled(False)
        self.weakest_on.toggled.connect(self.weakest.setEnabled)
        weak_row = QHBoxLayout()
        weak_row.addWidget(self.weakest_on)
        weak_row.addWidget(self.weakest)
        weak_row.addWidget(QLabel("questions"))
        weak_row.addStretch(1)
        form = QFormLayout()
        form.addRow("Export", self.format)
        form.addRow("From", self.category)
        form.addRow("", self.bookmarked)
        form.addRow("", weak_row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = buttons.addButton("Export…", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.run)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def selection(self) -> exports.Selection:
        return exports.Selection(self.category.currentData(), self.bookmarked.isChecked(),
                                 self.weakest.value() if self.weakest_on.isChecked() else None)

    def run(self) -> None:
        key = str(self.format.currentData())
        _label, pattern, default = FORMATS[key]
        start = str(Path.home() / default)
        chosen, _ = QFileDialog.getSaveFileName(self, "Export to", start, pattern)
        if not chosen:
            return
        path = Path(chosen)
        message = self.export_to(key, path)
        self.ctx.status(message)
        self.accept()

    def export_to(self, key: str, path: Path) -> str:
        """Write the export and say what was written (or why not), in words for the status bar."""
        try:
            exports.check_destination(path, self.ctx.data_dir)
        except exports.ExportRefused as exc:
            return str(exc)
        try:
            if key == "pdf":  # typesetting needs Qt, so on this thread, with its own progress and Cancel
                chosen = exports.select(self.ctx.bank, self.ctx.scheduler, self.selection())
                return self._export_pdf(path, chosen, self.ctx.store.notes())
            return run_with_progress(self._writer(key, path), f"Exporting to {path.name}…", self, "Export")
        except exports.ExportCancelled:
            return "Export cancelled; nothing was written."
        except OSError as exc:
            return f"Could not write {path}: {exc.strerror or exc}"

    def _writer(self, key: str, path: Path) -> Callable[[Cancelled], str]:
        """The export as work for a worker thread. It reads the user's data through its own read-only
        connection (SQLite connections belong to one thread), after the pending note is saved."""
        from desktop.core.scheduler import SpacedRepetition
        from desktop.core.settings import RETENTION
        from desktop.core.store import Store
        from desktop.core.threads import breather, collection_paused

        bank, selection, store = self.ctx.bank, self.selection(), self.ctx.store
        retention, clock = self.ctx.prefs.get(RETENTION), store.clock

        def write(cancelled: Cancelled) -> str:
            pause = breather()

            def stop() -> bool:  # polled between questions: a moment for the UI thread, and Cancel
                pause()
                return cancelled()

            mine = Store.open_read_only(store.path, clock)
            try:
                with collection_paused():  # a year of reviews is many objects: no long collection meanwhile
                    sr = SpacedRepetition(mine, retention, clock)
                    chosen = exports.select(bank, sr, selection)
                    notes = mine.notes()
                    if key == "notes":
                        return f"Wrote {count(exports.write_notes(path, bank, notes, chosen), 'note')} to {path}"
                    if key == "csv":
                        return f"Wrote {count(exports.write_csv(path, chosen, notes, sr), 'question')} to {path}"
                    written = exports.write_anki(path, bank, chosen, notes, cancelled=stop)
                    return f"Wrote {count(written, 'card')} to {path}"
            finally:
                mine.close()

        return write

    def _export_pdf(self, path: Path, chosen: list[Question], notes: dict[str, str]) -> str:
        """Typesetting every formula takes a while for a big selection: show progress, allow Cancel."""
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QProgressDialog

        from desktop.ui.pdf_export import ExportCancelled, write_pdf

        dialog = QProgressDialog("Typesetting formulas for the cheat sheet…", "Cancel", 0, 1, self)
        dialog.setWindowTitle("Export")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)  # a small selection finishes before it would appear
        dialog.setMinimumWidth(420)  # room for the label without eliding it

        def progress(done: int, total: int) -> None:
            if dialog.wasCanceled():
                raise ExportCancelled
            dialog.setMaximum(max(total, 1))
            if done >= total:
                dialog.setLabelText("Laying out the pages…")
            dialog.setValue(done)  # a modal progress dialog processes events here, so Cancel works

        try:
            written = write_pdf(path, self.ctx.bank, chosen, notes, progress=progress)
        except ExportCancelled:
            return "Export cancelled; nothing was written."
        finally:
            dialog.close()
        return f"Wrote a {written}-question cheat sheet to {path}"
