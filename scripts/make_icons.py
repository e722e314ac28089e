"""Render resources/icons/app.svg to the PNG sizes desktops want, plus app.ico and app.icns.

    QT_QPA_PLATFORM=offscreen python scripts/make_icons.py

Qt draws the SVG; Pillow writes the Windows .ico and macOS .icns containers.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render(size: int) -> QImage:
    renderer = QSvgRenderer(str(ICONS / "app.svg"))
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


def main() -> int:
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    out = ICONS / "app"
    out.mkdir(exist_ok=True)
    for size in SIZES:
        render(size).save(str(out / f"{size}.png"))
    biggest = Image.open(out / "512.png")
    biggest.save(ICONS / "app.ico", sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)])
    biggest.save(ICONS / "app.icns")
    print(f"wrote {len(SIZES)} PNGs, app.ico and app.icns in {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
