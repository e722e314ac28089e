"""Formulas inside a QTextDocument as objects that draw themselves (vector on any device, a PDF included).

The document's `<img src="math:N">` placeholders (desktop.core.markup) are handled here instead of by
Qt's image handler: each is sized from the font around it — an inline formula's x as tall as the
text's x, a display formula a touch larger than the text — and drawn on the text's baseline.

How Qt places an object (measured, Qt 6). With no vertical alignment its box stands on the baseline
(ascent H, descent 0): a formula reaching no deeper below its baseline than the text's own descent is
placed so, with a box as tall as the formula's ascent, and its line is no deeper than a line of text.
With `vertical-align: middle` the object gets an ascent of (H + h)/2 and a descent of (H - h)/2,
h = QFontMetrics(format font).xHeight() / 2, centred in its line's box: a deeper formula (a fraction,
a sum with limits) is placed so, its box tall enough that the line makes room above and below the
baseline. Either way the formula is drawn on the line's own baseline. `placed_html` chooses.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from PySide6.QtCore import QObject, QRect, QRectF, QSizeF
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QFontMetricsF,
    QPainter,
    QPyTextObject,
    QTextCharFormat,
    QTextDocument,
    QTextFormat,
)

from desktop.core import formulas
from desktop.core.formulas import Formula
from desktop.core.markup import MATH_SCHEME, MathSpan
from desktop.ui.widgets import formula_paint

DISPLAY_SCALE = 1.15  # a display formula is a touch larger than the text around it


class Placed(NamedTuple):
    formula: Formula
    em: float  # px per em
    height: float  # the object's height: room above and below the baseline (see the module's note)


class FormulaObjects(QPyTextObject):
    """Draws the formulas `spans` (numbered as in the HTML) for one document whose text does not change
    once set (a printout): each object is measured once, by its position. Call forget() after changing
    the document's width."""

    def __init__(self, spans: Sequence[MathSpan], color: QColor, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.spans = tuple(spans)
        self.color = color
        self._placed: dict[int, Placed | None] = {}  # by position in the document
        self._fonts: dict[str, tuple[float, float, float]] = {}  # font key -> (px, x-height, Qt's half x)

    def install(self, doc: QTextDocument) -> None:
        doc.documentLayout().registerHandler(int(QTextFormat.ObjectTypes.ImageObject), self)

    def formula(self, name: str) -> tuple[MathSpan, Formula | None] | None:
        """The span and its layout for an image name "math:N" (None for any other image)."""
        scheme, _, number = name.partition(":")
        if scheme != MATH_SCHEME or not number.isdigit() or int(number) >= len(self.spans):
            return None
        span = self.spans[int(number)]
        return span, formulas.typeset(span.latex, span.display)

    def intrinsicSize(self, doc: QTextDocument, pos: int, fmt: QTextFormat) -> QSizeF:
        placed = self._place(doc, pos, fmt)
        return QSizeF(0, 0) if placed is None else QSizeF(placed.formula.width * placed.em, placed.height)

    def drawObject(self, painter: QPainter, area: QRectF | QRect, doc: QTextDocument, pos: int,
                   fmt: QTextFormat) -> None:
        placed = self._place(doc, pos, fmt)
        if placed is None:
            return
        rect = QRectF(area)
        block = doc.findBlock(pos)
        line = block.layout().lineForTextPosition(pos - block.position())
        standing = fmt.toCharFormat().verticalAlignment() == QTextCharFormat.VerticalAlignment.AlignNormal
        if standing:  # its box stands on the baseline
            baseline = rect.bottom()
        elif line.isValid():  # the object is centred in the line's box; the line's baseline is ascent() down it
            baseline = rect.top() - (line.ascent() + line.descent() - placed.height) / 2 + line.ascent()
        else:
            baseline = rect.top() + placed.formula.ascent * placed.em
        text = fmt.toCharFormat()
        color = text.foreground().color() if text.hasProperty(QTextFormat.Property.ForegroundBrush) else self.color
        formula_paint.draw(painter, placed.formula, rect.left(), baseline, placed.em, color)  # in the text's colour

    def forget(self) -> None:
        self._placed.clear()

    def _place(self, doc: QTextDocument, pos: int, fmt: QTextFormat) -> Placed | None:
        # Qt asks again each time it shapes the line (also while painting): keep the answer cheap.
        if pos not in self._placed:
            name = fmt.stringProperty(QTextFormat.Property.ImageName)
            text = fmt.toCharFormat()
            standing = text.verticalAlignment() == QTextCharFormat.VerticalAlignment.AlignNormal
            self._placed[pos] = self._measure(name, text.font(), doc, pos, standing)
        return self._placed[pos]

    def placed_html(self, html: str, font: QFont) -> str:
        """`html` with each formula placeholder placed as the module's note says, for text in `font`."""
        metrics = QFontMetricsF(font)
        # An inline formula is drawn at em = x-height / ratio, so it reaches depth × em below its baseline.
        room = metrics.descent() * formula_paint.x_height_ratio() / metrics.tightBoundingRect("x").height()

        def place(match: re.Match[str]) -> str:
            span = self.spans[int(match.group(1))] if int(match.group(1)) < len(self.spans) else None
            formula = None if span is None or span.display else formulas.typeset(span.latex, span.display)
            if formula is not None and formula.descent <= room:
                return match.group(0)  # stands on the baseline
            return f'<img style="vertical-align: middle" src="{MATH_SCHEME}:{match.group(1)}"'

        return re.sub(f'<img src="{MATH_SCHEME}:([0-9]+)"', place, html)

    def _measure(self, name: str, font: QFont, doc: QTextDocument, pos: int, standing: bool) -> Placed | None:
        found = self.formula(name)
        if found is None:
            return None
        span, formula = found
        if formula is None:
            return None
        px, x_height, half_x = self._metrics(font, doc)
        em = px * DISPLAY_SCALE if span.display else x_height / formula_paint.x_height_ratio()
        column = _column(doc, pos)
        if formula.width * em > column > 0:  # too wide for the column: smaller, never cut off
            em = column / formula.width
        if standing:  # on the baseline: room above it only (see the module's note)
            return Placed(formula, em, max(formula.ascent * em, 1.0))
        height = max(2 * formula.ascent * em - half_x, 2 * formula.descent * em + half_x, 1.0)
        return Placed(formula, em, height)

    def _metrics(self, font: QFont, doc: QTextDocument) -> tuple[float, float, float]:
        key = font.key()
        if key not in self._fonts:
            shown = font.resolve(doc.defaultFont())  # what the text is drawn in
            self._fonts[key] = (_pixels(shown), QFontMetricsF(shown).tightBoundingRect("x").height(),
                                QFontMetrics(font).xHeight() / 2)  # as Qt measures it for the placement
        return self._fonts[key]


def _column(doc: QTextDocument, pos: int) -> float:
    """The width a formula at `pos` may take: the page's text width less the block's indents."""
    width = doc.pageSize().width() if doc.pageSize().width() > 0 else doc.textWidth()
    if width <= 0:
        return 0.0
    block = doc.findBlock(pos)
    fmt = block.blockFormat()
    indent = fmt.leftMargin() + fmt.rightMargin() + fmt.indent() * doc.indentWidth()
    if block.textList() is not None:
        indent += block.textList().format().indent() * doc.indentWidth()
    return max(0.0, width - 2 * doc.documentMargin() - indent)


def _pixels(font: QFont) -> float:
    return font.pixelSize() if font.pixelSize() > 0 else font.pointSizeF() * 4 / 3
