"""File → Export…: notes as Markdown, everything as CSV, an Anki deck or a printable PDF, with filters."""

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
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from desktop.core import export as exports
from desktop.core import export_formats, services
from desktop.core.bank import Question
from desktop.core.settings import (
    EXPORT_BOOKMARKED,
    EXPORT_CATEGORY,
    EXPORT_FOLDER,
    EXPORT_FORMAT,
    EXPORT_LAYOUT,
    EXPORT_WEAKEST,
    folder_or,
)
from desktop.ui import theme
from desktop.ui.context import AppContext
from desktop.ui.widgets.dialogs import fit_to_window
from desktop.ui.widgets.elided_combo import ElidedComboBox
from desktop.ui.widgets.form_labels import FormLabel
from desktop.ui.widgets.spin_boxes import SpinBox
from desktop.ui.worker import Cancelled, run_with_progress

FORMATS = {
    "notes": ("My notes as Markdown", "Markdown (*.md)", "my-notes.md"),
    "csv": ("Questions, answers, notes and progress as CSV", "CSV (*.csv)", "ml-interview-coach.csv"),
    "anki": ("An Anki deck, with your notes as a field", "Anki deck (*.apkg)", "ml-interview-coach.apkg"),
    "pdf": ("A printable PDF", "PDF (*.pdf)", "ml-interview-coach.pdf"),
}
assert tuple(FORMATS) == export_formats.FORMATS  # labels for every format the exporter knows
LAYOUTS = {  # label, default file name
    export_formats.FULL: ("Full answers, a contents page and bookmarks", "ml-interview-coach.pdf"),
    export_formats.CHEAT_SHEET: ("Cheat sheet: key points, formulas and your notes in two columns", "cheat-sheet.pdf"),
}
assert tuple(LAYOUTS) == export_formats.PDF_LAYOUTS


class ExportDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export")
        self.setMinimumWidth(round(440 * max(1.0, theme.text_scale())))  # the choices' words grow with the text
        self.ctx = ctx
        self.format = ElidedComboBox()
        for key, (label, _f, _n) in FORMATS.items():
            self.format.addItem(label, key)
        self.layout_choice = ElidedComboBox()
        for key, (label, _n) in LAYOUTS.items():
            self.layout_choice.addItem(label, key)
        self.category = ElidedComboBox()
        self.category.addItem("All categories", None)
        for cat in ctx.bank.categories:
            self.category.addItem(cat.title, cat.id)
        self.bookmarked = QCheckBox("Bookmarked questions only")
        self.weakest_on = QCheckBox("Only my weakest")
        self.weakest = SpinBox()
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
        form.addRow(FormLabel("Export", self.format), self.format)
        form.addRow(FormLabel("Layout", self.layout_choice), self.layout_choice)
        form.addRow(FormLabel("From", self.category), self.category)
        form.addRow("", self.bookmarked)
        form.addRow("", weak_row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = buttons.addButton("Export…", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.run)
        buttons.rejected.connect(self.reject)
        self.notice = QLabel()  # why nothing would be written: the dialog stays open to change the filters
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.refusal: QMessageBox | None = None  # why the chosen file may not be written, while it is shown
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.notice)
        layout.addWidget(buttons)
        self.format.currentIndexChanged.connect(self._format_changed)
        for changed in (self.format.currentIndexChanged, self.category.currentIndexChanged, self.bookmarked.toggled,
                        self.weakest_on.toggled, self.weakest.valueChanged):
            changed.connect(self.notice.hide)  # the reason was for the choices before
        self._restore_choices()
        self._format_changed()
        for combo in (self.format, self.layout_choice, self.category):  # long names shorten, not widen the dialog
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(22)
            combo.setToolTip(combo.currentText())
            combo.currentTextChanged.connect(combo.setToolTip)
        fit_to_window(self, parent)

    def _restore_choices(self) -> None:
        """The last export's choices (a category no longer in the bank: all of them)."""
        prefs = self.ctx.prefs
        self.format.setCurrentIndex(max(0, self.format.findData(prefs.get(EXPORT_FORMAT))))
        self.layout_choice.setCurrentIndex(max(0, self.layout_choice.findData(prefs.get(EXPORT_LAYOUT))))
        self.category.setCurrentIndex(max(0, self.category.findData(prefs.get(EXPORT_CATEGORY) or None)))
        self.bookmarked.setChecked(prefs.get(EXPORT_BOOKMARKED))
        if weakest := prefs.get(EXPORT_WEAKEST):
            self.weakest_on.setChecked(True)
            self.weakest.setValue(weakest)

    def _remember_choices(self, path: Path) -> None:
        prefs = self.ctx.prefs
        prefs.set(EXPORT_FORMAT, str(self.format.currentData()))
        prefs.set(EXPORT_LAYOUT, str(self.layout_choice.currentData()))
        prefs.set(EXPORT_CATEGORY, str(self.category.currentData() or ""))
        prefs.set(EXPORT_BOOKMARKED, self.bookmarked.isChecked())
        prefs.set(EXPORT_WEAKEST, self.weakest.value() if self.weakest_on.isChecked() else 0)
        prefs.set(EXPORT_FOLDER, str(path.expanduser().resolve().parent))

    def _format_changed(self) -> None:
        self.layout_choice.setEnabled(self.format.currentData() == "pdf")  # the layouts are the PDF's

    def selection(self) -> exports.Selection:
        return exports.Selection(self.category.currentData(), self.bookmarked.isChecked(),
                                 self.weakest.value() if self.weakest_on.isChecked() else None)

    def run(self) -> None:
        key = str(self.format.currentData())
        empty = self.nothing_to_export(key)
        self.notice.setText(empty or "")
        self.notice.setVisible(empty is not None)
        if empty:  # say so before asking for a file that would be written empty
            return
        _label, pattern, default = FORMATS[key]
        if key == "pdf":
            default = LAYOUTS[str(self.layout_choice.currentData())][1]
        start = str(folder_or(self.ctx.prefs.get(EXPORT_FOLDER), Path.home()) / default)
        chosen, _ = QFileDialog.getSaveFileName(self, "Export to", start, pattern)
        if not chosen:
            return
        path = Path(chosen)
        try:
            exports.check_destination(path, self.ctx.data_dir)
        except exports.ExportRefused as exc:
            self.refuse(str(exc), path)
            return
        message = self.export_to(key, path)
        if services.was_written(message):  # the next export starts from these choices
            self._remember_choices(path)
        self.ctx.status(message)
        self.accept()

    def refuse(self, why: str, path: Path) -> None:
        """Say why the chosen file may not be written (read-only, inside the data folder), over the dialog,
        which stays open with its choices so the next Export… can name another file. The file by its name and
        its folder below: a whole path is one long word, which a message box breaks at its hyphens."""
        # A no-break hyphen: a narrow box broke "read-\nonly" across two lines.
        text = why.replace(str(path), path.name, 1).replace("read-only", "read\u2011only")
        box = QMessageBox(QMessageBox.Icon.Warning, "Export", text, QMessageBox.StandardButton.Ok, self)
        box.setInformativeText(f"In {path.expanduser().resolve().parent}. Nothing was written.")
        box.open()
        self.refusal = box

    def nothing_to_export(self, key: str) -> str | None:
        chosen = exports.select(self.ctx.bank, self.ctx.scheduler, self.selection())
        return exports.nothing_to_export(key, self.selection(), chosen, self.ctx.store.note_store.notes())

    def export_to(self, key: str, path: Path) -> str:
        """Write the export and say what was written (or why not), in words for the status bar."""
        if empty := self.nothing_to_export(key):
            return empty
        try:
            exports.check_destination(path, self.ctx.data_dir)
        except exports.ExportRefused as exc:
            return str(exc)
        try:
            if key == "pdf":  # typesetting needs Qt, so on this thread, with its own progress and Cancel
                chosen = exports.select(self.ctx.bank, self.ctx.scheduler, self.selection())
                return self._export_pdf(path, chosen, self.ctx.store.note_store.notes())
            return run_with_progress(self._writer(key, path), f"Exporting to {path.name}…", self, "Export")
        except exports.ExportCancelled:
            return services.EXPORT_CANCELLED
        except exports.ExportRefused as exc:  # made read-only while the export ran
            return str(exc)
        except OSError as exc:
            return services.write_failed(path, exc)

    def _writer(self, key: str, path: Path) -> Callable[[Cancelled], str]:
        """The export as work for a worker thread. It reads the user's data through its own read-only
        connection (SQLite connections belong to one thread), after the pending note is saved."""
        from desktop.core.settings import RETENTION
        from desktop.core.store import Store
        from desktop.core.threads import breather

        bank, selection, store = self.ctx.bank, self.selection(), self.ctx.store
        retention, clock = self.ctx.prefs.get(RETENTION), store.clock

        def write(cancelled: Cancelled) -> str:
            pause = breather()

            def stop() -> bool:  # polled between questions: a moment for the UI thread, and Cancel
                pause()
                return cancelled()

            mine = Store.open_read_only(store.path, clock)
            try:
                return services.export(key, path, bank, mine, selection, retention=retention, cancelled=stop)
            finally:
                mine.close()

        return write

    def _export_pdf(self, path: Path, chosen: list[Question], notes: dict[str, str]) -> str:
        """A big selection takes a few seconds: show progress, allow Cancel."""
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QProgressDialog

        from desktop.ui.pdf_content import stored_fragments
        from desktop.ui.pdf_export import ExportCancelled, write_pdf

        layout = str(self.layout_choice.currentData())
        dialog = QProgressDialog("Preparing the questions…", "Cancel", 0, 1, self)
        dialog.setWindowTitle("Export")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)  # a small selection finishes before it would appear
        dialog.setMinimumWidth(420)  # room for the label without eliding it

        def progress(step: str, done: int, total: int) -> None:
            if dialog.wasCanceled():
                raise ExportCancelled
            dialog.setLabelText(f"{step}…")
            dialog.setMaximum(max(total, 1))
            dialog.setValue(min(done, max(total, 1)))  # a modal progress dialog processes events here: Cancel works

        try:
            written = write_pdf(path, self.ctx.bank, chosen, notes, progress=progress, layout=layout,
                                fragments=stored_fragments())
        except ExportCancelled:
            return services.EXPORT_CANCELLED
        finally:
            dialog.close()
        return services.written("pdf", written, path, layout)
