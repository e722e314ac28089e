"""The front of a full PDF export: its title and a contents list, each category with its page number
(clickable in a PDF viewer)."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QRectF
from PySide6.QtGui import (
    QColor,
    QPainter,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextOption,
)

from desktop.core.pagination import Band, band_of, paginate
from desktop.core.pdf_outline import Link
from desktop.core.wording import count
from desktop.ui.pdf_document import ACCENT, TEXT, Style, print_font
from desktop.ui.widgets.typeset import readable

POINTS = 72 / 96


class Front:
    """`entries` are (category title, number of questions, body page from 0)."""

    def __init__(self, heading: str, subtitle: str, style: Style, entries: Sequence[tuple[str, int, int]]) -> None:
        self.style = style
        self.entries = tuple(entries)
        self.pages = 1
        for _ in range(3):  # the page numbers printed depend on how many pages the contents take
            self._build(heading, subtitle)
            if self.page_count() == self.pages:
                break
            self.pages = self.page_count()

    def _build(self, heading: str, subtitle: str) -> None:
        s = self.style
        self.doc = QTextDocument()
        self.doc.setDocumentMargin(0)
        self.doc.setUseDesignMetrics(True)
        self.doc.setDefaultFont(print_font(s.body_pt))
        self.doc.setTextWidth(s.column_width)
        title = f"font-size: 22pt; font-weight: 600; color: {TEXT}; margin-bottom: 4px"
        contents = f"font-size: 14pt; font-weight: 600; color: {ACCENT}; margin-bottom: 6px"
        self.doc.setHtml(f'<p style="{title}">{html.escape(heading)}</p>'
                         f'<p style="color: #555555; margin-bottom: 28px">{html.escape(subtitle)}</p>'
                         f'<p style="{contents}">Contents</p>')
        cursor = QTextCursor(self.doc)
        cursor.movePosition(QTextCursor.MoveOperation.End)
        block = QTextBlockFormat()
        block.setTopMargin(5)
        block.setTabPositions([QTextOption.Tab(s.column_width, QTextOption.TabType.RightTab)])
        plain, muted = QTextCharFormat(), QTextCharFormat()
        plain.setForeground(QColor(TEXT))
        muted.setForeground(QColor("#666666"))
        self.first_entry = self.doc.blockCount()
        for title, questions, page in self.entries:
            cursor.insertBlock(block, plain)
            cursor.insertText(readable(title), plain)
            cursor.insertText(f"   {count(questions, 'question')}", muted)
            cursor.insertText(f"\t{self.pages + page + 1}", plain)
        lines = []
        b = self.doc.begin()
        while b.isValid():
            top = self.doc.documentLayout().blockBoundingRect(b).top()
            for i in range(b.layout().lineCount()):
                line = b.layout().lineAt(i)
                lines.append((top + line.y(), top + line.y() + line.height()))
            b = b.next()
        self.bands: list[Band] = paginate(lines, s.column_height)
        self.bottoms = [band.bottom for band in self.bands]

    def page_count(self) -> int:
        return max(1, len(self.bands))

    def paint_page(self, painter: QPainter, page: int) -> None:
        if page >= len(self.bands):
            return
        band = self.bands[page]
        painter.save()
        painter.translate(self.style.side, self.style.top - band.top)
        self.doc.drawContents(painter, QRectF(0, band.top, self.style.column_width, band.height))
        painter.restore()

    def links(self) -> list[Link]:
        """Each entry's line, opening its category's page."""
        out = []
        for i, (_title, _questions, page) in enumerate(self.entries):
            block = self.doc.findBlockByNumber(self.first_entry + i)
            rect = self.doc.documentLayout().blockBoundingRect(block)
            band = band_of(self.bottoms, rect.top())
            top = self.style.top + rect.top() - self.bands[band].top
            out.append(Link(band, self.style.side * POINTS, top * POINTS, (self.style.side + rect.width()) * POINTS,
                            (top + rect.height()) * POINTS, self.pages + page))
        return out
