"""A countdown readout: m:ss, amber in the last 30 s, red in the last 10 s and in overtime.

It only displays a number it is given; the time itself comes from the core session's deadline.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
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
    def __init__(self, point_size: float, parent: QWidget | None = None) -> None:
        super().__init__("0:00", parent)
        font = self.font()
        font.setPointSizeF(point_size)
        font.setWeight(font.Weight.DemiBold)
        font.setStyleHint(font.StyleHint.Monospace)
        self.setFont(font)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.level = "normal"

    def show_seconds(self, seconds: float, warn: bool = True) -> None:
        self.setText(format_clock(seconds))
        self.level = level(seconds) if warn else "normal"
        c = theme.current()
        color = {"red": c.error, "amber": c.warn}.get(self.level, c.text)
        self.setStyleSheet(f"color: {color};")
