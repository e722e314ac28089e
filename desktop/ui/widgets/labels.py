"""The app's label styles: plain text, a scaled heading and a muted caption.

Every label that can show bank or user text is plain text: QLabel's default guesses rich text from
a leading tag, so an imported question titled "<img src=…>" would be rendered, not shown.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from desktop.ui import theme


def plain(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def heading(text: str, factor: float = 1.5, bold: bool = True) -> QLabel:
    label = plain(text)
    theme.set_font(label, factor, bold)  # follows the text-size setting
    label.setWordWrap(True)
    return label


def muted(text: str = "") -> QLabel:
    label = plain(text)
    label.setObjectName("mutedLabel")  # coloured by the theme's style sheet
    label.setWordWrap(True)
    return label
