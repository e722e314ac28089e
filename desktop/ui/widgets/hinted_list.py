"""A list that says, centred in its own empty box, what will appear there: a hint under a large empty
white box read as a caption for nothing (the mock interview's History at 1360x820)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QListWidget

from desktop.ui import theme

HINT_MARGIN = 16  # px between the hint and the box's edges


class HintedList(QListWidget):
    def __init__(self, hint: str) -> None:
        super().__init__()
        self.hint = hint
        self.setAccessibleDescription(hint)  # what a screen reader hears of the empty list

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.count():
            return
        painter = QPainter(self.viewport())
        painter.setPen(QColor(theme.current().muted))
        painter.drawText(self.viewport().rect().adjusted(HINT_MARGIN, HINT_MARGIN, -HINT_MARGIN, -HINT_MARGIN),
                         Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.hint)
        painter.end()
