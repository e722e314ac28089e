"""Number fields whose text starts where a combo box's text does.

The style sheet gives spin boxes the combo boxes' border, padding and height (theme.py), but it cannot move
their text: Qt puts a spin box's text field at its left edge whatever the padding (the padding only widens
it) and styles nothing inside it, so the digits sat against the border. The field's own margin moves them.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDoubleSpinBox, QSpinBox, QWidget

TEXT_INSET = 7  # px: with the text field's own 2, the 1 px border and 8 px padding of a combo box


class SpinBox(QSpinBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lineEdit().setTextMargins(TEXT_INSET, 0, 0, 0)


class DoubleSpinBox(QDoubleSpinBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lineEdit().setTextMargins(TEXT_INSET, 0, 0, 0)
