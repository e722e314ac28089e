"""A category list row: the title on the left, a count right-aligned and muted."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSettings, QSize, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QListView,
    QListWidget,
    QListWidgetItem,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from desktop.ui import theme
from desktop.ui.widgets.list_rows import paint_row_background
from desktop.ui.widgets.side_panel import SidePanel
from desktop.ui.widgets.typeset import plain_tooltip

COUNT_ROLE = Qt.ItemDataRole.UserRole + 1  # the number shown on the right


class CategoryDelegate(QStyledItemDelegate):
    """Category title on the left, its question count right-aligned and muted."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        c = theme.current()
        painter.save()
        rect = option.rect.adjusted(0, 1, -4, -1)
        selected = paint_row_background(painter, option, rect, index)
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


FOLD_BELOW = 1000  # px of window: narrower, the category list folds away until asked for


def category_panel(title: str, what: str, settings: QSettings | None = None,
                   key: str = "") -> tuple[SidePanel, QListWidget]:
    """The side panel Browse and Quiz share: a section label over a list of categories with counts, that
    folds to a strip in a narrow window (and when asked; remembered under `key`)."""
    categories = QListWidget()
    categories.setObjectName("categoryList")  # the style sheet's transparent list and slim scrollbar
    categories.setAccessibleName(title)
    categories.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
    categories.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    categories.setItemDelegate(CategoryDelegate(categories))
    return SidePanel(title, categories, what, fold_below=FOLD_BELOW, settings=settings, key=key), categories


def side_width(categories: QListWidget, titles: Iterable[str]) -> int:
    """A width for the panel that shows its longest title whole, with its count: at most 340 px at 100 % text,
    more with larger text (a fixed 340 cut the long names at 150 % in a window with room for them)."""
    fm = categories.fontMetrics()
    widest = max((fm.horizontalAdvance(t) for t in titles), default=160)
    return min(round(340 * theme.text_scale()), widest + fm.horizontalAdvance("0000") + 56)


def category_item(title: str, count: int, data: object, tooltip: str) -> QListWidgetItem:
    """A row: the title and the count on the right; a narrow list shortens the title, the tooltip has it all."""
    item = QListWidgetItem(title)
    item.setData(Qt.ItemDataRole.UserRole, data)
    item.setData(COUNT_ROLE, count)
    item.setToolTip(plain_tooltip(tooltip))  # an imported deck's title is text, never HTML
    return item
