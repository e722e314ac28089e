"""A label for bank and user text: shown exactly as typed (an "<img>" in a title is five characters, never a
picture), with only its $…$ formulas typeset. It wraps to its width like a word-wrapped QLabel."""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QSize
from PySide6.QtGui import QFont, QPainter, QPaintEvent, QResizeEvent, QTextDocument
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop.core.markup import text_with_math
from desktop.ui import theme
from desktop.ui.widgets.typeset import embed_formulas, set_html


class TypesetLabel(QWidget):
    def __init__(self, text: str = "", factor: float = 1.0, bold: bool = False, muted: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._factor, self._bold, self._muted = factor, bold, muted
        self._doc = QTextDocument(self)
        self._doc.setDocumentMargin(0)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setText(text)

    def text(self) -> str:
        """The text as given (formulas as LaTeX)."""
        return self._text

    def toPlainText(self) -> str:
        """What is on screen, as text (a typeset formula is one object character)."""
        return self._doc.toPlainText()

    def setText(self, text: str) -> None:
        self._text = text
        self._render()

    def _font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * self._factor)
        if self._bold:
            font.setWeight(QFont.Weight.DemiBold)
        return font

    def _render(self) -> None:
        c = theme.current()
        color = c.muted if self._muted else c.text
        font = self._font()
        rendered = text_with_math(self._text)
        typeset = embed_formulas(self._doc, rendered.html, rendered.math, font=font, color=color,
                                 dpr=max(self.devicePixelRatioF(), 1.0))
        self._doc.setDefaultFont(font)
        self._doc.setDefaultStyleSheet(f"body {{ color: {color}; }}")
        set_html(self._doc, typeset)
        self._doc.setTextWidth(self._text_width(self.width()))
        self.updateGeometry()
        self.update()

    # ----------------------------------------------------------------- layout

    def hasHeightForWidth(self) -> bool:
        return True

    def _text_width(self, width: int) -> int:
        m = self.contentsMargins()
        return max(1, width - m.left() - m.right())

    def heightForWidth(self, width: int) -> int:
        if not self._text:
            return 0
        m = self.contentsMargins()
        self._doc.setTextWidth(self._text_width(width))
        height = math.ceil(self._doc.size().height()) + m.top() + m.bottom()
        self._doc.setTextWidth(self._text_width(self.width()))
        return height

    def sizeHint(self) -> QSize:
        self._doc.setTextWidth(-1)
        m = self.contentsMargins()
        ideal = math.ceil(self._doc.idealWidth()) + m.left() + m.right()
        self._doc.setTextWidth(self._text_width(self.width()))
        width = min(ideal, 640)
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        return QSize(40, self.heightForWidth(100000))  # one unwrapped line: the layout asks heightForWidth for more

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        before = math.ceil(self._doc.size().height())
        self._doc.setTextWidth(self._text_width(self.width()))
        if math.ceil(self._doc.size().height()) != before:
            self.updateGeometry()

    def paintEvent(self, event: QPaintEvent) -> None:
        m = self.contentsMargins()
        painter = QPainter(self)
        painter.translate(m.left(), m.top())
        self._doc.drawContents(painter)
        painter.end()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange, QEvent.Type.PaletteChange):
            self._render()  # the theme or text size changed: colours and sizes follow
