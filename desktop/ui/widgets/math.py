"""LaTeX to crisp images: ziamath draws SVG in pure Python, QtSvg rasterises it.

ziamath is imported on first use so start-up does not pay for its fonts.

Inline formulas are sized so their x-height matches the surrounding text's, and padded so that,
placed with `vertical-align: middle`, the formula's own baseline lands on the text's baseline
(see `Line` for how Qt places such an image).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgRenderer


@lru_cache(maxsize=2048)
def _typeset(latex: str, size: float, color: str, inline: bool) -> tuple[bytes, float] | None:
    """The formula's SVG and its depth below the baseline, in px at `size`."""
    import ziamath

    ziamath.config.svg2 = False  # QtSvg understands SVG 1.1 only
    try:
        formula = ziamath.Math.fromlatex(latex, size=size, color=color, inline=inline)
        return formula.svg().encode(), max(0.0, -float(formula.getyofst()))
    except Exception:
        return None


@lru_cache(maxsize=1)
def math_x_height_ratio() -> float:
    """x-height / size of ziamath's math font (STIX Two Math), measured once from an 'x'."""
    typeset = _typeset("x", 100.0, "#000000", True)
    if typeset is None:
        return 0.45
    renderer = QSvgRenderer(QByteArray(typeset[0]))
    return max(0.2, (renderer.defaultSize().height() - typeset[1]) / 100.0)


def render(latex: str, *, size: float, color: str, inline: bool, dpr: float) -> QImage | None:
    """The formula as an image at `dpr` device pixels per logical pixel (None if it cannot be typeset)."""
    typeset = _typeset(latex, size, color, inline)
    return None if typeset is None else _raster(typeset[0], dpr, 0.0, 0.0)


@dataclass(frozen=True)
class Line:
    """The text line an inline image sits in, and how Qt 6 places an image with vertical-align: middle.

    Measured, not documented: Qt gives the image an ascent of H/2 + x/4 and a descent of H/2 - x/4
    (x = QFontMetrics.xHeight()), the line takes the larger of its text's and the image's ascent and
    descent, and the image is centred in that line box.
    """

    ascent: float
    descent: float
    qt_x_height: float

    def depth_below_baseline(self, height: float) -> float:
        """How far below the baseline Qt draws the bottom of an image `height` px tall."""
        q = self.qt_x_height / 4
        line_ascent = max(self.ascent, height / 2 + q)
        line_descent = max(self.descent, height / 2 - q)
        return (line_descent - line_ascent + height) / 2

    def padding_for(self, height: float, depth: float) -> tuple[float, float]:
        """Top and bottom padding for a formula `height` px tall reaching `depth` px below its
        baseline, so that its baseline lands on the line's. The least total padding that works."""
        step = 0.25
        for total in range(int(2 * (height + self.ascent + self.descent) / step) + 1):
            for top_steps in range(total + 1):
                top, bottom = top_steps * step, (total - top_steps) * step
                if abs(self.depth_below_baseline(height + top + bottom) - (depth + bottom)) <= step / 2:
                    return top, bottom
        return 0.0, 0.0


def render_inline(latex: str, *, x_height: float, line: Line, color: str, dpr: float,
                  scale: float = 1.0) -> QImage | None:
    """An inline formula for text whose letter x is `x_height` px tall, padded to sit on the baseline
    of `line` when placed with `vertical-align: middle`. `scale` < 1 shrinks a formula too wide for
    its column."""
    size = x_height / math_x_height_ratio() * scale
    typeset = _typeset(latex, size, color, True)
    if typeset is None:
        return None
    svg, depth = typeset
    height = QSvgRenderer(QByteArray(svg)).defaultSize().height()
    top, bottom = _padding(line, round(height * 4) / 4, round(depth * 4) / 4)
    return _raster(svg, dpr, top, bottom)


@lru_cache(maxsize=4096)
def _padding(line: Line, height: float, depth: float) -> tuple[float, float]:
    return line.padding_for(height, depth)


def _raster(svg: bytes, dpr: float, top: float, bottom: float) -> QImage | None:
    renderer = QSvgRenderer(QByteArray(svg))
    logical = renderer.defaultSize()
    if not renderer.isValid() or logical.isEmpty():
        return None
    height = logical.height() + top + bottom
    image = QImage(
        QSize(max(1, round(logical.width() * dpr)), max(1, round(height * dpr))),
        QImage.Format.Format_ARGB32_Premultiplied,
    )
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, top * dpr, image.width(), logical.height() * dpr))
    painter.end()
    image.setDevicePixelRatio(dpr)
    return image
