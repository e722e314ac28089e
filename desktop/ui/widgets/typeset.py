"""One path from bank or user text to a typeset Qt document: Markdown to HTML, formulas to images.

Used by the reading view, every short text that may hold a formula (key points, follow-ups, list
rows) and the PDF, so a formula looks the same wherever it appears and is never shown as LaTeX.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from PySide6.QtCore import QRect, QRectF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPainter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)

from desktop.core.markup import MATH_SCHEME, MathSpan, to_html
from desktop.ui.widgets import math as mathimg

MIN_FORMULA_SCALE = 0.6  # a formula wider than the column is typeset smaller, down to this; then it scrolls
DISPLAY_SCALE = 1.15  # a display formula is a touch larger than the text around it
UNTYPESETTABLE = '<span class="hint">[formula could not be typeset]</span>'  # never raw LaTeX


class Typeset(NamedTuple):
    html: str  # pointing at the formulas' images
    widest: float  # the widest formula's natural width, px
    on_baseline: dict[str, float]  # inline images by name: the font size (pt) whose descent Qt puts them down by


def embed_formulas(doc: QTextDocument, html: str, math: Sequence[MathSpan], *, font: QFont, color: str,
                   dpr: float, column: float | None = None) -> Typeset:
    """Add each formula to `doc` as an image sized for `font`; the HTML pointing at them goes into the
    document with set_html(). Formulas wider than `column` are typeset smaller."""
    metrics = QFontMetricsF(font)
    x_height = metrics.tightBoundingRect("x").height()  # the letter as drawn
    font_px = _pixel_size(font)
    widest = 0.0
    on_baseline: dict[str, float] = {}

    def draw(span: MathSpan, scale: float) -> tuple[QImage | None, float]:
        if span.display:
            return mathimg.render(span.latex, size=font_px * DISPLAY_SCALE * scale, color=color, inline=False,
                                  dpr=dpr), 0.0
        placed = mathimg.render_on_baseline(span.latex, x_height=x_height, color=color, dpr=dpr, scale=scale,
                                            descent=lambda depth: _descent_at_least(font, depth))
        return (None, 0.0) if placed is None else (placed[0], _points_for_descent(font, placed[1]))

    for i, span in enumerate(math):
        name = f"{MATH_SCHEME}:{i}"
        src = f'<img src="{name}">'
        image, points = draw(span, 1.0)
        if image is None:
            html = html.replace(src, UNTYPESETTABLE, 1)
            continue
        natural = image.width() / dpr
        widest = max(widest, natural)
        if column is not None and natural > column:  # typeset smaller (crisp, unlike scaling the picture)
            smaller, smaller_points = draw(span, max(MIN_FORMULA_SCALE, column / natural))
            if smaller is not None:
                image, points = smaller, smaller_points
        doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
        w, h = image.width() / dpr, image.height() / dpr
        if not span.display:
            on_baseline[name] = points
        html = html.replace(src, f'<img src="{name}" width="{w:.0f}" height="{h:.0f}">', 1)
    return Typeset(html, widest, on_baseline)


def set_html(doc: QTextDocument, typeset: Typeset) -> None:
    """Put typeset HTML into `doc` with each inline formula's baseline on the text's.

    Qt's HTML cannot say so (`vertical-align: baseline` puts an image's bottom on the baseline, `middle`
    centres it, making its line as deep as the formula is tall). With QTextCharFormat.AlignBaseline
    Qt puts the image's bottom the descent of the image's own font below the baseline: so each
    formula's image gets a font whose descent reaches as deep as the formula does (embed_formulas),
    and its line grows only by what the formula really needs above and below."""
    doc.setHtml(f"<body>{typeset.html}</body>")
    if not typeset.on_baseline:
        return
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            fmt = fragment.charFormat()
            points = typeset.on_baseline.get(fmt.toImageFormat().name()) if fmt.isImageFormat() else None
            if points is not None:
                cursor = QTextCursor(doc)
                cursor.setPosition(fragment.position())
                cursor.setPosition(fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor)
                fmt.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignBaseline)
                fmt.setFontPointSize(points)
                cursor.setCharFormat(fmt)
            it += 1
        block = block.next()


def _points_for_descent(font: QFont, descent: float) -> float:
    return _font_for_descent(font.toString(), descent).pointSizeF()


def _descent_at_least(font: QFont, depth: float) -> float:
    """The descent of the smallest font (in `font`'s family, from its own size up) reaching `depth` px."""
    return QFontMetricsF(_font_for_descent(font.toString(), depth)).descent()


@lru_cache(maxsize=1024)
def _font_for_descent(described: str, depth: float) -> QFont:
    # By description, not by QFont: a delegate's option.font is deleted by Qt after the paint.
    sized = QFont()
    sized.fromString(described)
    points = sized.pointSizeF() if sized.pointSizeF() > 0 else _pixel_size(sized) * 3 / 4
    sized.setPointSizeF(points)
    while QFontMetricsF(sized).descent() < depth:
        points *= 1.05
        sized.setPointSizeF(points)
    return sized


def inline_document(text: str, *, font: QFont, color: str, dpr: float, css: str = "") -> QTextDocument:
    """A short text (a key point, a follow-up, a list row) as a typeset document in `font`."""
    rendered = to_html(text)
    body = rendered.html
    if body.startswith("<p>") and body.endswith("</p>") and body.count("<p>") == 1:
        body = body[3:-4]  # one paragraph: no paragraph margins around a single line
    doc = QTextDocument()
    doc.setDocumentMargin(0)
    doc.setDefaultFont(font)
    doc.setDefaultStyleSheet(f"body {{ color: {color}; }} p {{ margin: 0; }} {css}")
    set_html(doc, embed_formulas(doc, body, rendered.math, font=font, color=color, dpr=dpr))
    return doc


def _pixel_size(font: QFont) -> float:
    return font.pixelSize() if font.pixelSize() > 0 else font.pointSizeF() * 4 / 3


SUBSCRIPTS = dict(zip("0123456789", "₀₁₂₃₄₅₆₇₈₉", strict=True))
SUPERSCRIPTS = dict(zip("0123456789⊤", "⁰¹²³⁴⁵⁶⁷⁸⁹ᵀ", strict=True))


def readable(text: str) -> str:
    """Text for places that cannot show images (screen readers, tooltips, window titles): formulas in
    Unicode (λ, ², √) by pylatexenc, Markdown marks dropped."""

    def formula(latex: str) -> str:
        from pylatexenc.latex2text import LatexNodes2Text  # only for text with a formula (~6 ms to import)

        try:
            out = str(LatexNodes2Text(math_mode="text").latex_to_text(latex)).strip()
        except Exception:  # a formula pylatexenc cannot read: its letters are better than nothing
            out = re.sub(r"\\([A-Za-z]+)", r"\1", latex)
        out = re.sub(r"_([0-9])", lambda m: SUBSCRIPTS[m.group(1)], out)
        return re.sub(r"\^([0-9⊤])", lambda m: SUPERSCRIPTS[m.group(1)], out)

    out = re.sub(r"\$\$(.+?)\$\$", lambda m: formula(m.group(1)), text, flags=re.S)
    out = re.sub(r"(?<![\\$])\$(?!\s)([^$\n]+?)(?<![\s\\])\$(?!\$)", lambda m: formula(m.group(1)), out)
    out = re.sub(r"\*\*(.+?)\*\*|\*(.+?)\*|`([^`]+)`", lambda m: next(g for g in m.groups() if g), out)
    return out.replace("\\$", "$")


def paint_line(painter: QPainter, rect: QRect, text: str, font: QFont, color: str) -> None:
    """One line of a list row: typeset when it holds a formula and fits, else plain text elided with '…'
    (its formulas in Unicode), vertically centred in `rect`."""
    if "$" in text:
        doc = _line_document(text, font, color, max(painter.device().devicePixelRatioF(), 1.0))
        size = doc.size()
        if size.width() <= rect.width():
            painter.save()
            painter.translate(rect.left(), rect.top() + (rect.height() - size.height()) / 2)
            doc.drawContents(painter, QRectF(0, 0, rect.width(), rect.height()))
            painter.restore()
            return
        text = readable(text)
    painter.save()
    painter.setFont(font)
    painter.setPen(QColor(color))
    elided = painter.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
    painter.drawText(rect, Qt.AlignmentFlag.AlignVCenter, elided)
    painter.restore()


@lru_cache(maxsize=512)
def _line_document(text: str, font: QFont, color: str, dpr: float) -> QTextDocument:
    doc = inline_document(" ".join(text.split()), font=font, color=color, dpr=dpr)
    doc.setTextWidth(-1)  # one line: its natural width
    return doc


def plain_tooltip(text: str) -> str:
    """A tooltip for bank or user text: formulas in Unicode, and escaped, since Qt guesses rich text
    from a leading tag (an imported "<img …>" title must show as typed)."""
    from PySide6 import QtGui

    return QtGui.Qt.convertFromPlainText(readable(text))
