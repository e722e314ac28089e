"""'My notes': every question that has a note, searchable; activating one opens it in Browse."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

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
        # Enter or a double-click opens a note's question; a single click only selects, so the second
        # click of a double-click never lands on a row of the window behind (issue 17).
        self.list.itemActivated.connect(self._activate)
        self.list.itemDoubleClicked.connect(self._activate)
        self.sort = QComboBox()
        self.sort.addItem("Newest first", "newest")
        self.sort.addItem("By category", "category")
        self.sort.currentIndexChanged.connect(lambda _i: self.refresh())
        layout.insertWidget(1, self.sort)

    def refresh(self) -> None:
        notes = self.ctx.store.notes()
        ids = self.ctx.index.search(self.search.text(), Filter(only_ids=set(notes)))
        # A search keeps its ranking; otherwise the chosen order ("By category" is the index's bank order).
        if not self.search.text().strip() and self.sort.currentData() == "newest":
            ids.sort(key=lambda qid: self.ctx.store.note_updated_at(qid) or datetime.min.replace(tzinfo=UTC),
                     reverse=True)
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
