"""What every custom list row in the app shares: the rounded selection behind it."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem


def paint_row_background(painter: QPainter, option: QStyleOptionViewItem, rect: QRect) -> bool:
    """Antialias, and fill `rect` with the selection colour if the row is selected; returns whether it is."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    selected = bool(option.state & QStyle.StateFlag.State_Selected)
    if selected:
        painter.setBrush(option.palette.highlight())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawRoundedRect(rect, 6, 6)
    return selected
