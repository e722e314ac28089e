"""Draws a typeset formula (desktop.core.formulas) with a QPainter, as glyphs of its math font.

On a PDF this is vector text: Qt embeds the used glyphs of STIX Two Math once, and each formula costs
a few bytes a glyph — an SVG per formula would repeat every outline, and an image is neither sharp
nor searchable.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QGlyphRun, QPainter, QPainterPath, QPen, QRawFont

from desktop.core import formulas
from desktop.core.formulas import Formula


@lru_cache(maxsize=64)
def _font(pixels: float) -> QRawFont:
    # Through the font database, not QRawFont(path): a font loaded from bytes has no file name, and Qt's
    # PDF engine then draws its glyphs as outlines instead of embedding the font.
    font = QFont(_family())
    font.setPixelSize(1)  # integer only: the size is set on the raw font
    raw = QRawFont.fromFont(font)
    raw.setPixelSize(pixels)
    return raw


@lru_cache(maxsize=1)
def _family() -> str:
    families = QFontDatabase.applicationFontFamilies(QFontDatabase.addApplicationFont(str(formulas.math_font_path())))
    return families[0] if families else "STIX Two Math"


def x_height_ratio() -> float:
    """The math font's x-height in ems: an inline formula is sized so its x matches the text's."""
    x = formulas.typeset(*formulas.MEASURE)
    return x.ascent if x is not None and x.ascent > 0 else 0.45


def draw(painter: QPainter, formula: Formula, left: float, baseline: float, em: float, color: QColor) -> None:
    """Draw `formula` at `em` px per em, its left edge at `left` and its baseline at `baseline`."""
    by_size: dict[float, list[tuple[int, QPointF]]] = defaultdict(list)
    for g in formula.glyphs:
        by_size[g.size].append((g.index, QPointF(left + g.x * em, baseline + g.y * em)))
    painter.save()
    painter.setPen(QPen(color))
    for size, placed in by_size.items():
        run = QGlyphRun()
        run.setRawFont(_font(round(size * em * 64) / 64))  # a few sizes per formula: scripts, then the rest
        run.setGlyphIndexes([index for index, _ in placed])
        run.setPositions([point for _, point in placed])
        painter.drawGlyphRun(QPointF(0, 0), run)
    for rule in formula.rules:
        x, y = left + rule.x * em, baseline + rule.y * em
        if rule.stroke:
            painter.setPen(QPen(color, rule.stroke * em, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
            painter.drawLine(QPointF(x, y), QPointF(x + rule.width * em, y + rule.height * em))
        else:
            painter.fillRect(QRectF(x, y, rule.width * em, rule.height * em), color)
    if formula.outlines:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for outline in formula.outlines:
            painter.drawPath(_path(outline, left, baseline, em))
    painter.restore()


def _path(outline: formulas.Outline, left: float, baseline: float, em: float) -> QPainterPath:
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.WindingFill)
    for command, v in outline:
        p = [QPointF(left + v[i] * em, baseline + v[i + 1] * em) for i in range(0, len(v), 2)]
        if command == "M":
            path.moveTo(p[0])
        elif command == "L":
            path.lineTo(p[0])
        elif command == "Q":
            path.quadTo(p[0], p[1])
        elif command == "C":
            path.cubicTo(p[0], p[1], p[2])
        else:
            path.closeSubpath()
    return path
