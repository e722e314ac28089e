"""The user's note on a question: plain Markdown editing, a typeset preview, autosave, history.

Autosave (widgets/autosave.py): soon after typing pauses and within a second while it goes
on; `flush()` saves at once (on changing question or mode, on close and quit). A failed write
keeps the text in the editor, marks it unsaved and retries every RETRY_MS.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.markup import to_html
from desktop.core.store import Store, StoreWriteError
from desktop.ui import theme
from desktop.ui.shortcut_first import OWNS_UNDO
from desktop.ui.widgets.autosave import SaveSoon
from desktop.ui.widgets.buttons import tool_button
from desktop.ui.widgets.rich_view import RichView

RETRY_MS = 3000
NO_LIMIT = 16777215  # QWIDGETSIZE_MAX
PLACEHOLDER = "Your own notes on this question. Markdown and $formulas$ work. Ctrl+E"


class NoteEditor(QWidget):
    """A question's note. With no note, it folds to one line (its title and "Write a note") until used,
    so an empty editor never takes the answer's room; Ctrl+E or the button unfolds it."""

    saved = Signal(str, str)  # question id, text: the note is on disk
    save_failed = Signal(str)  # a plain message
    folded_changed = Signal(bool)

    def __init__(self, store: Store, parent: QWidget | None = None, max_height: int = NO_LIMIT) -> None:
        super().__init__(parent)
        self.store = store
        self.folded = False
        self._max_height = max_height
        self.question_id: str | None = None
        self._dirty = False  # the editor holds text newer than anything we tried to save
        self._pending: dict[str, str] = {}  # saves that failed, retried until they land
        self._failing = False  # the user has been told a save failed; retries stay quiet until one lands

        self.title = QLabel("My notes")
        self.title.setObjectName("sectionLabel")
        self.state = QLabel()
        self.state.setObjectName("noteState")
        self.preview_button = tool_button("Preview")
        self.preview_button.setCheckable(True)
        self.preview_button.setAutoRaise(True)
        self.preview_button.setToolTip("Show the note typeset (Ctrl+Shift+P)")
        self.history_button = tool_button("History")
        self.history_button.setAutoRaise(True)
        self.history_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.history_menu = QMenu(self.history_button)
        self.history_menu.aboutToShow.connect(self._fill_history)
        self.history_button.setMenu(self.history_menu)
        self.write_button = tool_button("Write a note   Ctrl+E")
        self.write_button.setObjectName("writeNoteButton")
        self.write_button.setAutoRaise(True)
        self.write_button.setToolTip("Your own notes on this question: Markdown and LaTeX formulas work (Ctrl+E)")
        self.write_button.clicked.connect(self.focus_editor)
        self.header = QWidget()
        header = QHBoxLayout(self.header)
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(self.title)
        header.addWidget(self.state)
        header.addWidget(self.write_button)
        header.addStretch(1)
        header.addWidget(self.preview_button)
        header.addWidget(self.history_button)

        self.edit = QPlainTextEdit()
        self.edit.setObjectName("noteEditor")
        self.edit.setProperty(OWNS_UNDO, True)  # Ctrl+Z here undoes typing, not a quiz grade
        self.edit.setPlaceholderText(PLACEHOLDER)
        self.edit.setTabChangesFocus(True)
        self._apply_font()
        self.edit.document().setDocumentMargin(10)
        self.preview = RichView()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.edit)
        self.stack.addWidget(self.preview)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.header)
        layout.addWidget(self.stack, 1)
        self.edit.installEventFilter(self)  # leaving an empty editor folds it

        self._autosave = SaveSoon(self.flush, self)
        self._retry = QTimer(self, singleShot=True, interval=RETRY_MS)
        self._retry.timeout.connect(self.flush)
        self.edit.textChanged.connect(self._on_text_changed)
        self.preview_button.toggled.connect(self.set_preview)
        self.preview_button.toggled.connect(lambda _on: self._fit_fold())
        self.preview_action = QAction("Preview note", self, checkable=True)
        self.preview_action.toggled.connect(self.preview_button.setChecked)
        self.preview_button.toggled.connect(self.preview_action.setChecked)
        self.set_question(None)

    # ------------------------------------------------------------------ API

    def set_question(self, question_id: str | None) -> None:
        """Show the note for another question, saving the current one first."""
        self.flush()
        same = question_id is not None and question_id == self.question_id
        self.question_id = question_id
        saved = self.store.note_store.note(question_id) if question_id else ""
        text = self._pending.get(question_id or "", saved)
        if same and text == self.text():
            return  # the same note again (its list was refilled, its card redrawn): the cursor and undo stay put
        self.edit.blockSignals(True)
        self.edit.setPlainText(text)
        self.edit.blockSignals(False)
        self.edit.document().clearUndoRedoStacks()
        self.edit.setEnabled(question_id is not None)
        self.edit.setPlaceholderText(PLACEHOLDER if question_id is not None else "No question is shown, so there is "
                                     "nothing to write a note on.")
        self._fit_fold()
        self._show_state()
        if self.preview_button.isChecked():
            self._render_preview()

    def text(self) -> str:
        return self.edit.toPlainText()

    def unsaved(self) -> dict[str, str]:
        """Notes typed but not yet on disk, by question id."""
        pending = dict(self._pending)
        if self._dirty and self.question_id:
            pending[self.question_id] = self.text()
        return pending

    def focus_editor(self) -> None:
        self.preview_button.setChecked(False)
        self._set_folded(False)
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.edit and event.type() in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
            self._fit_fold()
        return False

    def _fit_fold(self) -> None:
        """Folded while there is nothing to show: no note, not being written, nothing waiting to be saved."""
        empty = not self.edit.toPlainText().strip() and self.question_id not in self._pending
        self._set_folded(empty and not self.edit.hasFocus() and not self.preview_button.isChecked())

    def _set_folded(self, folded: bool) -> None:
        changed = folded != self.folded
        self.folded = folded
        self.stack.setVisible(not folded)
        self.write_button.setVisible(folded and self.question_id is not None)
        self.preview_button.setVisible(not folded)
        self.setMaximumHeight(self.header.sizeHint().height() if folded else self._max_height)
        if changed:
            self.folded_changed.emit(folded)

    def flush(self) -> bool:
        """Write pending text now. False if something could not be saved: it is kept and retried."""
        self._autosave.stop()
        if self._dirty and self.question_id is not None:
            self._pending[self.question_id] = self.text()
            self._dirty = False
        error = ""
        for qid, text in list(self._pending.items()):
            try:
                self.store.note_store.save_note(qid, text)
            except StoreWriteError as exc:
                error = str(exc)
                continue
            del self._pending[qid]
            self.saved.emit(qid, text)
            if qid == self.question_id:
                self._set_state("Saved")
        if self._pending:
            self._retry.start()
            if self.question_id in self._pending:
                self._show_state()
            if not self._failing:  # said once; retries are quiet (the editor shows "Not saved: retrying")
                self.save_failed.emit(f"A note could not be saved ({error}). It is kept and retried.")
            self._failing = True
            return False
        self._retry.stop()
        self._failing = False
        return True

    def set_preview(self, on: bool) -> None:
        if on:
            self.flush()
            self._render_preview()
        self.stack.setCurrentWidget(self.preview if on else self.edit)

    def reload(self) -> None:
        """Re-read the note from the store (after a restore replaced the data)."""
        self._dirty = False
        self._pending.clear()
        self.set_question(self.question_id)

    def restyle(self) -> None:
        self._apply_font()
        self.preview.restyle()
        if self.folded:  # the header's height follows the text size
            self.setMaximumHeight(self.header.sizeHint().height())

    def _apply_font(self) -> None:
        self.edit.setStyleSheet(theme.reading_style())  # notes read at the size of the answers beside them

    # ------------------------------------------------------------- internal

    def _on_text_changed(self) -> None:
        if self.question_id is None:
            return
        if self.folded:
            self._fit_fold()  # text arrived (a restore, a paste): show it
        self._dirty = True
        if self.question_id not in self._pending:
            self._set_state("Editing")
        self._autosave.poke()

    def _show_state(self) -> None:
        if self.question_id in self._pending:
            self._set_state("Not saved: retrying", error=True)
            self.edit.setToolTip("This note could not be written to disk yet. It is kept here and retried.")
        else:
            self._set_state("")
            self.edit.setToolTip("")

    def _set_state(self, text: str, error: bool = False) -> None:
        c = theme.current()
        color = c.error if error else c.muted
        self.state.setText(text)
        self.state.setStyleSheet(f"color: {color}; padding-left: 6px;")

    def _render_preview(self) -> None:
        text = self.text().strip()
        if not text:
            self.preview.show_html('<p class="hidden">No note yet. Switch off Preview to write one.</p>')
            return
        rendered = to_html(text)
        self.preview.show_html(rendered.html, rendered.math)

    def _fill_history(self) -> None:
        self.history_menu.clear()
        self.flush()
        revisions = self.store.note_store.revisions(self.question_id) if self.question_id else []
        if len(revisions) < 2:
            none = self.history_menu.addAction("No earlier versions yet")
            none.setEnabled(False)
            return
        for rev in revisions[1:21]:  # the first is the current text
            when = rev.saved_at.astimezone().strftime("%d %b %Y, %H:%M")
            snippet = " ".join(rev.text.split())[:48] or "(empty)"
            action = self.history_menu.addAction(f"{when}  ·  {snippet}")
            action.triggered.connect(lambda _=False, rid=rev.id: self._restore(rid))

    def _restore(self, revision_id: int) -> None:
        try:
            text = self.store.note_store.restore_revision(revision_id)
        except StoreWriteError as exc:
            self.save_failed.emit(f"Could not restore that version ({exc}).")
            return
        # One edit, not setPlainText (which empties the undo stack): Ctrl+Z brings back the text it replaced,
        # which autosave then keeps as the newest version again.
        cursor = self.edit.textCursor()
        cursor.beginEditBlock()
        cursor.select(cursor.SelectionType.Document)
        cursor.insertText(text)
        cursor.endEditBlock()
        self._autosave.stop()
        self._dirty = False  # what the editor shows is what restore_revision stored
        self._fit_fold()  # a note emptied (so folded) opens to show the version brought back
        if self.preview_button.isChecked():
            self._render_preview()  # the preview showed the text it replaced
        self._set_state("Restored: Ctrl+Z undoes it")  # short: the header shares a 760 px window with History
        if self.question_id:
            self.saved.emit(self.question_id, text)
