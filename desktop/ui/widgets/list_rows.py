"""What every custom list row in the app shares: the rounded selection behind it."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QAbstractItemView, QStyleOptionViewItem


def paint_row_background(painter: QPainter, option: QStyleOptionViewItem, rect: QRect,
                         index: QModelIndex | QPersistentModelIndex) -> bool:
    """Antialias, and fill `rect` with the selection colour if the row is selected; returns whether it is.

    Selected as the list view itself decides it (its selection model), not from `option.state`: reading that
    makes PySide create QStyle's 11 enum classes (~8 ms), which the first screen otherwise never needs."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    view = option.widget
    selected = isinstance(view, QAbstractItemView) and view.selectionModel().isSelected(index)
    if selected:
        painter.setBrush(option.palette.highlight())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawRoundedRect(rect, 6, 6)
    return selected
