"""Formulas drawn as glyph objects in a text document (the PDF's path) sit on the text's baseline at the
text's size, and make their line tall enough for what hangs below."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QTextDocument

from desktop.core.markup import to_html
from desktop.ui.widgets.formula_object import FormulaObjects
from tests.ui.test_typeset import ink_runs


def document(markdown: str, points: float) -> QTextDocument:
    rendered = to_html(markdown)
    doc = QTextDocument()
    doc.setDocumentMargin(0)
    font = QFont()
    font.setPointSizeF(points)
    doc.setDefaultFont(font)
    objects = FormulaObjects(rendered.math, QColor("#000000"), doc)
    objects.install(doc)
    doc.setTextWidth(400)  # first: formulas are fitted to the width the document has when they are laid out
    doc.setHtml(objects.placed_html(rendered.html, font))
    return doc


def picture(doc: QTextDocument) -> QImage:
    image = QImage(400, int(doc.size().height()) + 4, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    doc.drawContents(painter)
    painter.end()
    return image


@pytest.mark.parametrize("points", [8.0, 10.0, 13.0])
def test_an_inline_x_looks_like_the_text_x_around_it(qapp, points: float) -> None:  # type: ignore[no-untyped-def]
    runs = ink_runs(picture(document("xx $x$ xx", points)))
    assert len(runs) == 5, runs  # x, x, the formula's x, x, x
    (text_top, text_bottom), (math_top, math_bottom) = runs[0], runs[2]
    assert abs(math_bottom - text_bottom) <= 1, f"formula baseline {math_bottom} vs text {text_bottom}"
    assert abs((math_bottom - math_top) - (text_bottom - text_top)) <= 1.5, "formula x-height differs"


def test_a_deep_formula_gets_room_below_the_line(qapp) -> None:  # type: ignore[no-untyped-def]
    flat = document("a line\n\nanother line", 10).size().height()
    deep = document("a line $\\frac{a}{\\sum_{i=1}^{n} b_i}$\n\nanother line", 10).size().height()
    assert deep > flat + 8  # the fraction's denominator does not run into the next line


def test_a_formula_too_wide_for_the_column_is_drawn_smaller_not_cut(qapp) -> None:  # type: ignore[no-untyped-def]
    wide = "$$" + " + ".join(f"x_{{{i}}}" for i in range(16)) + "$$"  # about 600 px at this size
    doc = document(wide, 10)
    line = doc.begin().layout().lineAt(0)
    assert 350 < line.naturalTextWidth() <= doc.textWidth()
    assert len(ink_runs(picture(doc))) >= 31  # every x (with its subscript) and every +, all inside the page


@pytest.mark.parametrize("formula", ["$e^{1000}$", "$x^2$", "$\\hat{\\theta}$"])
def test_a_formula_tall_above_the_baseline_does_not_deepen_its_line(qapp, formula: str) -> None:  # type: ignore[no-untyped-def]
    # Centred with vertical-align: middle, its box was as deep below the baseline as it is tall above it.
    from PySide6.QtGui import QFontMetricsF

    doc = document(f"x {formula} x", 10)
    plain = document("x x x", 10)
    doc.size(), plain.size()  # laid out: a block's layout has no lines before that
    line, text_line = doc.begin().layout().lineAt(0), plain.begin().layout().lineAt(0)
    assert line.descent() <= text_line.descent() + 0.5
    assert line.descent() <= QFontMetricsF(doc.defaultFont()).descent() + 0.5
    runs = ink_runs(picture(doc))
    assert abs(runs[0][1] - runs[-1][1]) <= 1 and runs[1][1] <= runs[0][1] + 1  # on the text's baseline
