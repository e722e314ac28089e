"""'My notes': every question that has a note, searchable; activating one opens it in Browse."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from desktop.core.search import Filter
from desktop.core.wording import count
from desktop.ui.context import AppContext


class MyNotesDialog(QDialog):
    def __init__(self, ctx: AppContext, open_question: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("My notes")
        self.resize(620, 520)
        self.ctx = ctx
        self._open = open_question
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search your notes and their questions")
        self.search.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setObjectName("myNotesList")
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.count = QLabel()
        self.count.setObjectName("sectionLabel")
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.count)
        layout.addWidget(self.list, 1)
        self.search.textChanged.connect(lambda _t: self.refresh())
        self.search.returnPressed.connect(lambda: self._activate(self.list.item(0)))
        self.list.itemActivated.connect(self._activate)
        self.list.itemClicked.connect(self._activate)

    def refresh(self) -> None:
        notes = self.ctx.store.notes()
        ids = self.ctx.index.search(self.search.text(), Filter(only_ids=set(notes)))
        self.list.clear()
        for qid in ids:
            q = self.ctx.bank.get(qid)
            if q is None:  # a note on a question no longer in the bank is kept, just not listed
                continue
            snippet = " ".join(notes[qid].split())
            snippet = snippet[:140] + ("…" if len(snippet) > 140 else "")
            item = QListWidgetItem(f"{q.title}\n    {snippet}")
            item.setData(Qt.ItemDataRole.UserRole, qid)
            item.setToolTip(notes[qid][:600])
            self.list.addItem(item)
        total = len(notes)
        self.count.setText(f"{len(ids)} of {count(total, 'note')}" if self.search.text() else count(total, "note"))

    def showEvent(self, event) -> None:
        self.refresh()
        super().showEvent(event)

    def _activate(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self._open(str(item.data(Qt.ItemDataRole.UserRole)))
