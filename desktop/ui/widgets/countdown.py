"""A countdown readout: m:ss, amber in the last 30 s, red in the last 10 s and in overtime.

It only displays a number it is given; the time itself comes from the core session's deadline.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QWidget

from desktop.core.wording import clock_text as format_clock
from desktop.ui import theme

AMBER_AT = 30.0
RED_AT = 10.0


def level(seconds: float) -> str:
    if seconds <= RED_AT:
        return "red"
    if seconds <= AMBER_AT:
        return "amber"
    return "normal"


class Countdown(QLabel):
    def __init__(self, factor: float, parent: QWidget | None = None) -> None:
        """`factor`: its size, as a multiple of the interface's text size (set_size changes it)."""
        super().__init__("0:00", parent)
        font = self.font()
        font.setStyleHint(font.StyleHint.Monospace)
        self.setFont(font)
        self.set_size(factor)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.level = "normal"

    def set_size(self, factor: float) -> None:
        theme.set_font(self, factor, bold=True)

    def show_seconds(self, seconds: float, warn: bool = True) -> None:
        self.setText(format_clock(seconds))
        self.level = level(seconds) if warn else "normal"
        c = theme.current()
        color = {"red": c.error, "amber": c.warn}.get(self.level, c.text)
        # The palette, not a style sheet: re-polishing for a new sheet would put back an old font size.
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.WindowText, QColor(color))
        self.setPalette(palette)
