"""List rows with a title and a muted subtitle, padded and rounded like the rest of the app."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QPainter
from PySide6.QtWidgets import QListWidgetItem, QStyledItemDelegate, QStyleOptionViewItem

from desktop.ui import theme
from desktop.ui.widgets.list_rows import paint_row_background
from desktop.ui.widgets.typeset import paint_line, plain_tooltip

SUBTITLE_ROLE = Qt.ItemDataRole.UserRole + 2
_Index = QModelIndex | QPersistentModelIndex


def item(title: str, subtitle: str, data: object = None) -> QListWidgetItem:
    row = QListWidgetItem(title)
    row.setData(SUBTITLE_ROLE, subtitle)
    row.setData(Qt.ItemDataRole.UserRole, data)
    row.setToolTip(plain_tooltip(f"{title}\n{subtitle}"))  # plain text: formulas in Unicode, tags shown as typed
    return row


class TwoLineDelegate(QStyledItemDelegate):
    PAD = 8

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        return QSize(200, option.fontMetrics.lineSpacing() * 2 + self.PAD * 2 + 4)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        c = theme.current()
        painter.save()
        rect = option.rect.adjusted(2, 1, -2, -1)
        selected = paint_row_background(painter, option, rect, index)
        inner = rect.adjusted(self.PAD + 2, self.PAD - 2, -self.PAD, -self.PAD + 2)
        fm = option.fontMetrics
        line = fm.lineSpacing()
        title_font = QFont(option.font)  # copies: option.font is shared
        title_font.setWeight(title_font.Weight.DemiBold)
        paint_line(painter, QRect(inner.left(), inner.top(), inner.width(), line),
                   str(index.data(Qt.ItemDataRole.DisplayRole) or ""), title_font,
                   c.accent_text if selected else c.text)
        sub_font = QFont(option.font)
        sub_font.setPointSizeF(sub_font.pointSizeF() * 0.92)
        paint_line(painter, QRect(inner.left(), inner.top() + line + 2, inner.width(), line),
                   str(index.data(SUBTITLE_ROLE) or ""), sub_font, c.accent_text if selected else c.muted)
        painter.restore()
