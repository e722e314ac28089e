"""List rows with a title and a muted subtitle, padded and rounded like the rest of the app."""

from __future__ import annotations

from PySide6 import QtGui
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QListWidgetItem, QStyledItemDelegate, QStyleOptionViewItem

from desktop.ui import theme
from desktop.ui.widgets.list_rows import paint_row_background

SUBTITLE_ROLE = Qt.ItemDataRole.UserRole + 2
_Index = QModelIndex | QPersistentModelIndex


def item(title: str, subtitle: str, data: object = None) -> QListWidgetItem:
    row = QListWidgetItem(title)
    row.setData(SUBTITLE_ROLE, subtitle)
    row.setData(Qt.ItemDataRole.UserRole, data)
    # A tooltip guesses rich text from a leading tag: escaped, an imported "<img …>" title shows as typed.
    row.setToolTip(QtGui.Qt.convertFromPlainText(f"{title}\n{subtitle}"))
    return row


class TwoLineDelegate(QStyledItemDelegate):
    PAD = 8

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        return QSize(200, option.fontMetrics.lineSpacing() * 2 + self.PAD * 2 + 4)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        c = theme.current()
        painter.save()
        rect = option.rect.adjusted(2, 1, -2, -1)
        selected = paint_row_background(painter, option, rect)
        inner = rect.adjusted(self.PAD + 2, self.PAD - 2, -self.PAD, -self.PAD + 2)
        fm = option.fontMetrics
        line = fm.lineSpacing()
        title_font = QFont(option.font)  # copies: option.font is shared
        title_font.setWeight(title_font.Weight.DemiBold)
        painter.setFont(title_font)
        painter.setPen(QColor(c.accent_text if selected else c.text))
        title = painter.fontMetrics().elidedText(str(index.data(Qt.ItemDataRole.DisplayRole) or ""),
                                                 Qt.TextElideMode.ElideRight, inner.width())
        painter.drawText(QRect(inner.left(), inner.top(), inner.width(), line), Qt.AlignmentFlag.AlignVCenter, title)
        sub_font = QFont(option.font)
        sub_font.setPointSizeF(sub_font.pointSizeF() * 0.92)
        painter.setFont(sub_font)
        painter.setPen(QColor(c.accent_text if selected else c.muted))
        subtitle = painter.fontMetrics().elidedText(str(index.data(SUBTITLE_ROLE) or ""),
                                                    Qt.TextElideMode.ElideRight, inner.width())
        painter.drawText(QRect(inner.left(), inner.top() + line + 2, inner.width(), line),
                         Qt.AlignmentFlag.AlignVCenter, subtitle)
        painter.restore()
