"""LaTeX to crisp images: ziamath draws SVG in pure Python, QtSvg rasterises it.

ziamath is imported on first use so start-up does not pay for its fonts.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgRenderer


@lru_cache(maxsize=2048)
def _svg(latex: str, size: float, color: str, inline: bool) -> bytes | None:
    import ziamath

    ziamath.config.svg2 = False  # QtSvg understands SVG 1.1 only
    try:
        return ziamath.Math.fromlatex(latex, size=size, color=color, inline=inline).svg().encode()
    except Exception:
        return None


def render(latex: str, *, size: float, color: str, inline: bool, dpr: float) -> QImage | None:
    """The formula as an image at `dpr` device pixels per logical pixel (None if it cannot be typeset)."""
    svg = _svg(latex, size, color, inline)
    if svg is None:
        return None
    renderer = QSvgRenderer(QByteArray(svg))
    logical = renderer.defaultSize()
    if not renderer.isValid() or logical.isEmpty():
        return None
    image = QImage(
        QSize(max(1, round(logical.width() * dpr)), max(1, round(logical.height() * dpr))),
        QImage.Format.Format_ARGB32_Premultiplied,
    )
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, image.width(), image.height()))
    painter.end()
    image.setDevicePixelRatio(dpr)
    return image
