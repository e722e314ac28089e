"""The question list Browse shows: a model over question ids, and a delegate that draws each row
as up to two lines of title (search matches marked) over a muted meta line."""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QTextDocument
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QWidget

from desktop.core.bank import Question
from desktop.core.wording import difficulty_name
from desktop.ui import theme
from desktop.ui.widgets.list_rows import paint_row_background
from desktop.ui.widgets.typeset import readable

_Index = QModelIndex | QPersistentModelIndex


class QuestionListModel(QAbstractListModel):
    """The current result list: question ids in display order."""

    def __init__(self, questions: dict[str, Question], category_titles: dict[str, str],
                 bookmarks: set[str], noted: set[str]) -> None:
        super().__init__()
        self._questions = questions
        self._titles = category_titles
        self._bookmarks = bookmarks  # shared with the owner, which keeps them current
        self._noted = noted
        self.ids: list[str] = []
        self.snippets: dict[str, str] = {}  # where a search matched, for results whose title does not show it

    def set_ids(self, ids: list[str], snippets: dict[str, str] | None = None) -> None:
        self.beginResetModel()
        self.ids = ids
        self.snippets = snippets or {}
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.ids)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        q = self._questions[self.ids[index.row()]]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            return _row_title(q.title)
        if role == Qt.ItemDataRole.UserRole:
            return q.id
        if role == Qt.ItemDataRole.UserRole + 1:
            marks = ("  ★" if q.id in self._bookmarks else "") + ("  ✎ note" if q.id in self._noted else "")
            if q.id in self.snippets:
                return f"{self.snippets[q.id]}{marks}"
            return f"{self._titles.get(q.category, q.category)} · {difficulty_name(q.difficulty)}{marks}"
        return None


@lru_cache(maxsize=4096)
def _row_title(title: str) -> str:
    """A title as a row shows it: an imported title's formulas in Unicode (λ, ²) and its ** marks dropped;
    the page itself typesets them. The bundled titles are plain and pass straight through."""
    return readable(title) if re.search(r"[$*`]", title) else title


class QuestionListDelegate(QStyledItemDelegate):
    """Two lines of title (search matches marked) over a muted meta line; rows of one height."""

    PAD = 8

    LAID_OUT = 512  # titles kept laid out: a repaint (scrolling back, a selection, the window enabled again)
    # then draws them instead of laying out each row's HTML again (~1 ms a row)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.terms: tuple[str, ...] = ()
        self._laid_out: dict[tuple[object, ...], QTextDocument] = {}

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        return QSize(200, self.row_height(option.fontMetrics))

    @classmethod
    def row_height(cls, fm: QFontMetrics) -> int:
        return fm.lineSpacing() * 3 + cls.PAD * 2 + 2

    def title_document(self, title: str, font: QFont, width: int, max_height: int, color: str,
                        mark: str) -> QTextDocument:
        """The title laid out at `width`, search matches marked; shortened with "…" at a word
        boundary when it would need more than two lines (the tooltip has it in full)."""
        key = (title, font.key(), width, max_height, color, mark, self.terms)
        doc = self._laid_out.get(key)
        if doc is None:
            doc = self._lay_out(title, font, width, max_height, color, mark)
            if len(self._laid_out) >= self.LAID_OUT:
                del self._laid_out[next(iter(self._laid_out))]  # the oldest
            self._laid_out[key] = doc
        return doc

    def _lay_out(self, title: str, font: QFont, width: int, max_height: int, color: str,
                 mark: str) -> QTextDocument:
        pattern = re.compile(r"\b(" + "|".join(re.escape(t) for t in self.terms) + r")\w*", re.I) \
            if self.terms else None

        def layout(text: str) -> QTextDocument:
            escaped = html.escape(text)
            if pattern is not None:
                style = f"background-color:{mark}; font-weight:600"
                escaped = pattern.sub(lambda m: f'<span style="{style}">{m.group(0)}</span>', escaped)
            doc = QTextDocument()
            doc.setDefaultFont(font)
            doc.setDocumentMargin(0)
            doc.setTextWidth(width)
            doc.setHtml(f'<span style="color:{color}">{escaped}</span>')
            return doc

        doc = layout(title)
        if doc.size().height() <= max_height + 1:
            return doc
        words = title.split()
        lo, hi = 1, len(words) - 1  # the most words that still fit with an ellipsis
        best = layout(words[0] + "…")
        while lo <= hi:
            mid = (lo + hi) // 2
            candidate = layout(" ".join(words[:mid]).rstrip(",;:") + "…")
            if candidate.size().height() <= max_height + 1:
                best, lo = candidate, mid + 1
            else:
                hi = mid - 1
        return best

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        c = theme.current()
        painter.save()
        rect = option.rect.adjusted(2, 1, -2, -1)
        selected = paint_row_background(painter, option, rect, index)
        text_color = c.accent_text if selected else c.text
        muted = c.accent_text if selected else c.muted
        fm = option.fontMetrics
        inner = rect.adjusted(self.PAD, self.PAD - 2, -self.PAD, -self.PAD)
        clip_height = fm.lineSpacing() * 2
        doc = self.title_document(index.data(Qt.ItemDataRole.DisplayRole) or "", option.font, inner.width(),
                                   clip_height, text_color, c.mark if not selected else "transparent")
        title_height = min(doc.size().height(), clip_height)
        block = title_height + 2 + fm.lineSpacing()
        top = inner.top() + max(0.0, (inner.height() - block) / 2)  # one-line titles sit centred, not high
        painter.translate(inner.left(), top)
        doc.drawContents(painter, QRectF(0, 0, inner.width(), clip_height))
        painter.translate(-inner.left(), -top)
        font = QFont(option.font)  # a copy: option.font is shared
        font.setPointSizeF(font.pointSizeF() * 0.9)
        meta = QFontMetrics(font).elidedText(index.data(Qt.ItemDataRole.UserRole + 1) or "",
                                             Qt.TextElideMode.ElideRight, inner.width())
        line = self.title_document(meta, font, inner.width() + 50, fm.lineSpacing(), muted,
                                    c.mark if not selected else "transparent")
        painter.translate(inner.left(), round(top + title_height + 2))
        line.drawContents(painter, QRectF(0, 0, inner.width(), fm.lineSpacing()))
        painter.restore()
