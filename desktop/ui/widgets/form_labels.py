"""A form's labels in line with their fields, and with the labels of the forms beside it."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QLabel, QWidget


class FormLabel(QLabel):
    """A label for QFormLayout.addRow(label, field): its words centred on the field's, and as wide as the
    widest label of its `column` (the labels of several forms that should start their fields at one x).

    QFormLayout puts a label at the top of its row in a box 7/4 of the label's own height, so beside a 28 px
    field at 100 % text its words sat 2 px above the field's; and each form sizes its label column for its
    own labels, so the fields of Settings' three groups started at three different places."""

    def __init__(self, text: str, field: QWidget, column: list[FormLabel] | None = None) -> None:
        super().__init__(text)
        self.setBuddy(field)
        self._field = field
        self._column = column if column is not None else []
        self._column.append(self)

    def sizeHint(self) -> QSize:
        own = super().sizeHint()
        return QSize(max(label._own_width() for label in self._column),
                     max(own.height(), self._field.sizeHint().height()))

    def minimumSizeHint(self) -> QSize:
        own = super().minimumSizeHint()
        return QSize(max(own.width(), self.sizeHint().width()),
                     max(own.height(), self._field.minimumSizeHint().height()))

    def _own_width(self) -> int:
        return QLabel.sizeHint(self).width()
