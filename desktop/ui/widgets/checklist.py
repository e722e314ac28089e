"""Key points as a checklist the user ticks with a–h: each row a box and the point, typeset."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QVBoxLayout, QWidget

from desktop.ui.actions import TICK_KEYS
from desktop.ui.widgets.typeset import TypesetText, readable


class KeyPointChecklist(QWidget):
    """Rows of (box labelled with its key, typeset point). Clicking the point ticks its box."""

    toggled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows = QVBoxLayout(self)
        self._rows.setContentsMargins(0, 0, 0, 0)
        self._rows.setSpacing(4)
        self.boxes: list[QCheckBox] = []
        self.labels: list[TypesetText] = []

    @property
    def points(self) -> list[str]:
        return [label.text() for label in self.labels]

    def set_points(self, points: Sequence[str], ticked: Sequence[bool] = ()) -> None:
        while self._rows.count():
            item = self._rows.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()  # gone from the screen now, not when the event loop gets to it
                widget.deleteLater()
        self.boxes, self.labels = [], []
        for i, point in enumerate(points[: len(TICK_KEYS)]):
            row = QWidget()
            layout = QHBoxLayout(row)
            layout.setContentsMargins(0, 0, 0, 0)
            box = QCheckBox(TICK_KEYS[i])
            box.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            box.setChecked(i < len(ticked) and bool(ticked[i]))
            box.setAccessibleDescription(readable(point))
            box.toggled.connect(lambda _on: self.toggled.emit())
            label = TypesetText(point)
            label.clicked.connect(box.toggle)
            layout.addWidget(box, 0, Qt.AlignmentFlag.AlignTop)
            layout.addWidget(label, 1)
            self._rows.addWidget(row)
            self.boxes.append(box)
            self.labels.append(label)

    def toggle(self, index: int) -> None:
        if 0 <= index < len(self.boxes):
            self.boxes[index].toggle()

    def ticked(self) -> list[bool]:
        return [box.isChecked() for box in self.boxes]
