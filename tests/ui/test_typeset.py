"""Inline formulas sit on the text's baseline at the text's size, in every view that shows them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter

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


@pytest.mark.parametrize("points", [10.5, 13.0, 16.0])
def test_an_inline_x_looks_like_the_text_x_around_it(qapp, points: float) -> None:  # type: ignore[no-untyped-def]
    font = QFont()
    font.setPointSizeF(points)
    doc = inline_document("xx $x$ xx", font=font, color="#000000", dpr=1.0)
    doc.setTextWidth(300)
    image = QImage(300, 60, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    doc.drawContents(painter)
    painter.end()
    runs = ink_runs(image)
    assert len(runs) == 5, runs  # x, x, the formula's x, x, x
    text_top, text_bottom = runs[0]
    math_top, math_bottom = runs[2]
    assert abs(math_bottom - text_bottom) <= 1, f"formula baseline {math_bottom} vs text {text_bottom}"
    assert abs((math_bottom - math_top) - (text_bottom - text_top)) <= 1.5, "formula x-height differs"
