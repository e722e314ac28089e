"""Inline formulas sit on the text's baseline at the text's size, in every view that shows them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QTextDocument

from desktop.ui.widgets.typeset import inline_document


def ink_runs(image: QImage) -> list[tuple[int, int]]:
    """(top row, bottom row) of each run of inked columns, left to right."""
    dark = [[QColor(image.pixel(x, y)).lightness() < 128 for y in range(image.height())]
            for x in range(image.width())]
    runs, start = [], None
    for x, column in enumerate([*dark, [False]]):
        if any(column) and start is None:
            start = x
        elif not any(column) and start is not None:
            rows = [y for c in dark[start:x] for y, ink in enumerate(c) if ink]
            runs.append((min(rows), max(rows)))
            start = None
    return runs


def picture(doc: QTextDocument, width: int, height: int) -> QImage:
    """`doc` drawn in black on white."""
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    doc.drawContents(painter)
    painter.end()
    return image


@pytest.mark.parametrize("points", [10.5, 13.0, 16.0])
def test_an_inline_x_looks_like_the_text_x_around_it(qapp, points: float) -> None:  # type: ignore[no-untyped-def]
    font = QFont()
    font.setPointSizeF(points)
    doc = inline_document("xx $x$ xx", font=font, color="#000000", dpr=1.0)
    doc.setTextWidth(300)
    runs = ink_runs(picture(doc, 300, 60))
    assert len(runs) == 5, runs  # x, x, the formula's x, x, x
    text_top, text_bottom = runs[0]
    math_top, math_bottom = runs[2]
    assert abs(math_bottom - text_bottom) <= 1, f"formula baseline {math_bottom} vs text {text_bottom}"
    assert abs((math_bottom - math_top) - (text_bottom - text_top)) <= 1.5, "formula x-height differs"


@pytest.mark.parametrize("formula", ["$e^{1000}$", "$x_i^2$", "$\\hat{y}$", "$O(n^2)$"])
def test_an_inline_formula_makes_its_line_no_deeper_than_it_reaches(qapp, formula: str) -> None:  # type: ignore[no-untyped-def]
    # Placed with vertical-align: middle, a formula tall above the baseline was padded as deep below it,
    # so the line under it sat visibly lower than the rest of the paragraph.
    from PySide6.QtGui import QFontMetricsF

    font = QFont()
    font.setPointSizeF(13.0)
    doc = inline_document(f"x {formula} x", font=font, color="#000000", dpr=1.0)
    doc.setTextWidth(600)
    size = doc.size()  # laid out: a block's layout has no lines before that
    block = doc.firstBlock()
    line = block.layout().lineAt(0)
    runs = ink_runs(picture(doc, int(size.width()) + 1, int(size.height()) + 1))
    baseline = runs[0][1] + 1  # under the first x
    reaches = max(bottom for _top, bottom in runs[1:-1]) + 1 - baseline  # the formula's ink below the baseline
    assert runs[-1][1] + 1 == baseline  # the last x is on the same baseline
    assert line.descent() <= max(QFontMetricsF(font).descent(), reaches) + 1.5


def test_a_deep_inline_formula_still_sits_on_the_baseline(qapp) -> None:  # type: ignore[no-untyped-def]
    # A fraction reaches below the text's descent: its image's font is sized so the line makes room below.
    font = QFont()
    font.setPointSizeF(13.0)
    doc = inline_document("xx $\\frac{x}{x}$ xx", font=font, color="#000000", dpr=1.0)
    doc.setTextWidth(300)
    runs = ink_runs(picture(doc, 300, 80))
    text_top, text_bottom = runs[0]
    fraction_top, fraction_bottom = runs[2]
    middle = (text_top + text_bottom) / 2
    assert fraction_top < text_top and fraction_bottom > text_bottom  # it is taller than an x both ways
    assert abs((fraction_top + fraction_bottom) / 2 - middle) <= 3  # centred on the x: the fraction bar's axis
