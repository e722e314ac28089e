"""A category list row: the title on the left, a count right-aligned and muted."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QLabel,
    QListView,
    QListWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from desktop.ui import theme
from desktop.ui.widgets.list_rows import paint_row_background

COUNT_ROLE = Qt.ItemDataRole.UserRole + 1  # the number shown on the right


class CategoryDelegate(QStyledItemDelegate):
    """Category title on the left, its question count right-aligned and muted."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        c = theme.current()
        painter.save()
        rect = option.rect.adjusted(0, 1, -4, -1)
        selected = paint_row_background(painter, option, rect)
        inner = rect.adjusted(10, 0, -10, 0)
        count = str(index.data(COUNT_ROLE))
        fm = option.fontMetrics
        count_width = fm.horizontalAdvance(count) + 8
        painter.setPen(QColor(c.accent_text if selected else c.muted))
        painter.drawText(inner, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, count)
        painter.setPen(QColor(c.accent_text if selected else c.text))
        title = fm.elidedText(index.data(Qt.ItemDataRole.DisplayRole), Qt.TextElideMode.ElideRight,
                              inner.width() - count_width)
        painter.drawText(inner, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        return QSize(160, option.fontMetrics.height() + 14)


def category_panel(title: str) -> tuple[QWidget, QListWidget]:
    """The side panel Browse and Quiz share: a section label over a list of categories with counts."""
    panel = QWidget()
    layout = QVBoxLayout(panel)
    layout.setContentsMargins(8, 8, 0, 8)
    label = QLabel(title)
    label.setObjectName("sectionLabel")
    categories = QListWidget()
    categories.setObjectName("categoryList")  # the style sheet's transparent list and slim scrollbar
    categories.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
    categories.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    categories.setItemDelegate(CategoryDelegate(categories))
    layout.addWidget(label)
    layout.addWidget(categories)
    return panel, categories
