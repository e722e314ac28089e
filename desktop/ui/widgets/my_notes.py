"""'My notes': every question that has a note, searchable; activating one opens it in Browse."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.changes import Change, Changed
from desktop.core.search import Filter
from desktop.core.wording import count
from desktop.ui import theme
from desktop.ui.context import AppContext
from desktop.ui.widgets.dialogs import fit_to_window
from desktop.ui.widgets.list_rows import paint_row_background
from desktop.ui.widgets.typeset import inline_document, paint_line, plain_tooltip

PREVIEW_ROLE = Qt.ItemDataRole.UserRole + 3


PREVIEW_CHARS = 240  # enough for two lines of a wide dialog
PREVIEW_LINES = 2


def note_row(title: str, note: str, question_id: str) -> QListWidgetItem:
    """A row: the question's title, then the note's opening as typeset Markdown."""
    item = QListWidgetItem(title)
    preview = " ".join(note.split())
    item.setData(PREVIEW_ROLE, preview[:PREVIEW_CHARS] + ("…" if len(preview) > PREVIEW_CHARS else ""))
    item.setData(Qt.ItemDataRole.UserRole, question_id)
    item.setToolTip(plain_tooltip(note[:600]))
    return item


class NotePreviewDelegate(QStyledItemDelegate):
    """Title on one line, the note's preview typeset (formulas, bold, code) on up to two lines."""

    PAD = 8

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        return QSize(200, option.fontMetrics.lineSpacing() * (1 + PREVIEW_LINES) + self.PAD * 2 + 6)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        c = theme.current()
        painter.save()
        rect = option.rect.adjusted(2, 1, -2, -1)
        selected = paint_row_background(painter, option, rect, index)
        inner = rect.adjusted(self.PAD + 2, self.PAD - 2, -self.PAD, -self.PAD + 2)
        line = option.fontMetrics.lineSpacing()
        title_font = QFont(option.font)
        title_font.setWeight(QFont.Weight.DemiBold)
        paint_line(painter, QRect(inner.left(), inner.top(), inner.width(), line),
                   str(index.data(Qt.ItemDataRole.DisplayRole) or ""), title_font,
                   c.accent_text if selected else c.text)
        color = c.accent_text if selected else c.muted
        doc = inline_document(str(index.data(PREVIEW_ROLE) or ""), font=option.font, color=color,
                              dpr=max(painter.device().devicePixelRatioF(), 1.0))
        doc.setTextWidth(inner.width())
        painter.translate(inner.left(), inner.top() + line + 4)
        doc.drawContents(painter, QRectF(0, 0, inner.width(), line * PREVIEW_LINES))
        painter.restore()


class MyNotesDialog(QDialog):
    def __init__(self, ctx: AppContext, open_question: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("My notes")
        fit_to_window(self, parent, QSize(620, 520))
        self.ctx = ctx
        self._open = open_question
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search your notes and their questions")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search your notes")
        self.list = QListWidget()
        self.list.setObjectName("myNotesList")
        self.list.setAccessibleName("Your notes")
        self.list.setItemDelegate(NotePreviewDelegate(self.list))
        self.count = QLabel()
        self.count.setObjectName("sectionLabel")
        self.count.setWordWrap(True)  # "… · 1,426 more kept on questions no longer in the bank" in a narrow dialog
        self.empty = QLabel("No notes yet. Write one under any question (Ctrl+E goes to its note); "
                            "every question you write about is listed here.")
        self.empty.setWordWrap(True)
        self.empty.setObjectName("mutedLabel")
        self.empty.setContentsMargins(8, 0, 8, 0)  # in line with the count above it
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.count)
        layout.addWidget(self.empty)
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
        QWidget.setTabOrder(self.search, self.sort)  # Tab goes down the window, not search, list, then back up
        QWidget.setTabOrder(self.sort, self.list)
        # Left open beside the window, it follows notes written or edited meanwhile (the search index is
        # brought up to date first: it subscribed before any window was built).
        ctx.store.changes.subscribe_while_alive(self._on_change)

    def _on_change(self, changed: Changed) -> None:
        if self.isVisible() and changed.touches(Change.NOTES | Change.BANK):
            self.refresh()

    def refresh(self) -> None:
        notes = self.ctx.store.note_store.notes()
        ids = self.ctx.index.search(self.search.text(), Filter(only_ids=set(notes)))
        # A search keeps its ranking; otherwise the chosen order ("By category" is the index's bank order).
        if not self.search.text().strip() and self.sort.currentData() == "newest":
            ids.sort(key=lambda qid: self.ctx.store.note_store.note_updated_at(qid) or datetime.min.replace(tzinfo=UTC),
                     reverse=True)
        current = self.list.currentItem()
        keep = current.data(Qt.ItemDataRole.UserRole) if current is not None else None
        self.list.clear()
        for qid in ids:
            q = self.ctx.bank.get(qid)
            if q is None:  # a note on a question no longer in the bank is kept, just not listed
                continue
            self.list.addItem(note_row(q.title, notes[qid], qid))
            if qid == keep:  # a refresh while open keeps the row the user was on
                self.list.setCurrentRow(self.list.count() - 1)
        self.empty.setVisible(not notes)
        # The count is of the notes this list can show; those on questions gone from the bank (a deck removed)
        # are kept, and said so, rather than counted in a total the list never reaches.
        total = sum(1 for qid in notes if self.ctx.bank.get(qid) is not None)
        shown = f"{len(ids):,} of {count(total, 'note')}" if self.search.text() else count(total, "note")
        kept = len(notes) - total
        self.count.setText(shown + (f" · {kept:,} more kept on questions no longer in the bank" if kept else ""))

    def showEvent(self, event) -> None:
        self.refresh()
        super().showEvent(event)

    def _activate(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self._open(str(item.data(Qt.ItemDataRole.UserRole)))
