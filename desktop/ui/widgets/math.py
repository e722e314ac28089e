"""LaTeX to crisp images: ziamath draws SVG in pure Python, QtSvg rasterises it.

ziamath is imported on first use so start-up does not pay for its fonts.

Inline formulas are sized so their x-height matches the surrounding text's, and padded so that the
formula's own baseline lands on the text's baseline when Qt places the image with AlignBaseline
(render_on_baseline; typeset.set_html explains how).
"""

from __future__ import annotations

from collections.abc import Callable
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


def render_on_baseline(latex: str, *, x_height: float, descent: Callable[[float], float], color: str, dpr: float,
                       scale: float = 1.0) -> tuple[QImage, float] | None:
    """An inline formula for text whose letter x is `x_height` px tall, for an image Qt places with
    QTextCharFormat.AlignBaseline: Qt puts its bottom the descent of the image's font below the baseline.
    `descent(depth)` gives the descent of the font to use for a formula reaching `depth` px below its
    baseline (at least that deep); the image is padded below to it. Returns the image and that descent."""
    size = x_height / math_x_height_ratio() * scale
    typeset = _typeset(latex, size, color, True)
    if typeset is None:
        return None
    below = descent(typeset[1])
    image = _raster(typeset[0], dpr, 0.0, below - typeset[1])
    return None if image is None else (image, below)


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
