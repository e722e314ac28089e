"""The app's label styles: plain text, a scaled heading and a muted caption.

Every label that can show bank or user text is plain text: QLabel's default guesses rich text from
a leading tag, so an imported question titled "<img src=…>" would be rendered, not shown.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from desktop.ui import theme


def plain(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def heading(text: str, factor: float = 1.5, bold: bool = True) -> QLabel:
    label = plain(text)
    theme.set_font(label, factor, bold)  # follows the text-size setting
    label.setWordWrap(True)
    return label


def muted(text: str = "") -> QLabel:
    label = plain(text)
    label.setObjectName("mutedLabel")  # coloured by the theme's style sheet
    label.setWordWrap(True)
    return label


class ElidedLabel(QLabel):
    """One line of plain text that ends in "…" when the label is too narrow for it, its tooltip then
    holding the whole text (a title in a header, where wrapping would push the page down)."""

    def __init__(self, text: str = "", parent: QWidget | None = None,
                 mode: Qt.TextElideMode = Qt.TextElideMode.ElideRight) -> None:
        """`mode`: where the "…" goes; ElideMiddle keeps both ends of a path."""
        super().__init__(parent)
        self._mode = mode
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(40)
        self._full = ""
        self.explain = ""  # a tooltip for when the text shows whole
        self.setText(text)

    def setText(self, text: str) -> None:
        self._full = text
        self._elide()

    def text(self) -> str:
        """The whole text, as given (what shows may be shortened)."""
        return self._full

    def shown(self) -> str:
        return super().text()

    def sizeHint(self) -> QSize:
        return QSize(self.fontMetrics().horizontalAdvance(self._full) + 4, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        return QSize(40, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._elide()

    def _elide(self) -> None:
        shown = self.fontMetrics().elidedText(self._full, self._mode, self.contentsRect().width())
        super().setText(shown)
        whole = self._full if shown != self._full else ""
        self.setToolTip("\n".join(t for t in (whole, self.explain) if t))
