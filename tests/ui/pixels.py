"""Pixel counts over a grabbed image, in NumPy: a Python loop of QImage.pixel() calls costs about a second of CPU
for a window-sized grab."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QImage


def count_rgb(image: QImage, rgb: int) -> int:
    """How many pixels are exactly `rgb` (a QRgb, 0xAARRGGBB, as QColor.rgb() and QImage.pixel() give)."""
    argb = image.convertToFormat(QImage.Format.Format_ARGB32)  # what pixel() returns: not premultiplied
    rows = np.frombuffer(argb.constBits(), dtype=np.uint32).reshape(argb.height(), argb.bytesPerLine() // 4)
    return int(np.count_nonzero(rows[:, :argb.width()] == np.uint32(rgb)))
