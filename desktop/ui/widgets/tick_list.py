"""A checklist of key points (or a rubric) to tick by key a–h: each point shown as text with its formulas
typeset, never as HTML and never as raw LaTeX."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QVBoxLayout, QWidget

from desktop.ui.actions import TICK_KEYS
from desktop.ui.widgets.labels import plain
from desktop.ui.widgets.typeset_label import TypesetLabel


class _Point(TypesetLabel):
    """A point's text; a click on it ticks its box, as a click on a checkbox's own text would."""

    clicked = Signal()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mousePressEvent(event)


class TickList(QWidget):
    toggled = Signal()  # a box was ticked or unticked, by the user or by toggle()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(4)
        self.title = plain()
        self.title.setObjectName("sectionLabel")
        self.title.setWordWrap(True)
        self._rows = QWidget()
        self._grid = QGridLayout(self._rows)
        self._grid.setContentsMargins(8, 0, 0, 0)  # the boxes under the title's first letter (its 8 px padding)
        self._grid.setHorizontalSpacing(6)
        self._grid.setVerticalSpacing(4)  # at 2 the boxes of one-line points all but touched
        self._grid.setColumnStretch(2, 1)
        outer.addWidget(self.title)
        outer.addWidget(self._rows)
        self._boxes: list[QCheckBox] = []
        self._points: list[str] = []
        self._labels: list[TypesetLabel] = []

    def fill(self, title: str, points: Sequence[str], ticked: Sequence[bool]) -> None:
        while self._grid.count():
            item = self._grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()  # gone from the screen now, not when the event loop gets to it
                widget.deleteLater()
        self.title.setText(title)
        self._boxes, self._labels, self._points = [], [], list(points[: len(TICK_KEYS)])
        for i, point in enumerate(self._points):
            box = QCheckBox()
            box.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            box.setChecked(i < len(ticked) and ticked[i])
            box.toggled.connect(lambda _on: self.toggled.emit())
            key = QLabel(TICK_KEYS[i])
            key.setObjectName("mutedLabel")
            text = _Point(point)
            text.clicked.connect(box.toggle)
            self._grid.addWidget(box, i, 0, Qt.AlignmentFlag.AlignTop)
            self._grid.addWidget(key, i, 1, Qt.AlignmentFlag.AlignTop)
            self._grid.addWidget(text, i, 2)
            self._boxes.append(box)
            self._labels.append(text)

    def ticked(self) -> list[bool]:
        return [b.isChecked() for b in self._boxes]

    def points(self) -> list[str]:
        return list(self._points)

    def shown(self) -> list[str]:
        """The points as they read on screen (a typeset formula is one object character)."""
        return [label.toPlainText() for label in self._labels]

    def toggle(self, index: int) -> None:
        if 0 <= index < len(self._boxes):
            self._boxes[index].toggle()

    def set_enabled_boxes(self, enabled: bool) -> None:
        for box in self._boxes:
            box.setEnabled(enabled)
