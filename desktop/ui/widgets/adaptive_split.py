"""Two panes side by side in a wide space, one above the other in a narrow one (an exercise's statement
and its code editor)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QSplitter, QWidget


class AdaptiveSplit(QSplitter):
    def __init__(self, beside_from: int, first_share: float = 0.45, parent: QWidget | None = None) -> None:
        """`beside_from`: px of width from which the panes sit side by side; `first_share`: how much of the
        space the first pane gets when the orientation changes."""
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setChildrenCollapsible(False)
        self.beside_from = beside_from
        self.first_share = first_share

    def resizeEvent(self, event: QResizeEvent) -> None:
        want = Qt.Orientation.Horizontal if event.size().width() >= self.beside_from else Qt.Orientation.Vertical
        if want != self.orientation():
            self.setOrientation(want)
            length = event.size().width() if want is Qt.Orientation.Horizontal else event.size().height()
            first = round(length * self.first_share)
            self.setSizes([first, max(1, length - first)])
        super().resizeEvent(event)
