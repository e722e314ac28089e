"""The app's two label styles beyond plain text: a scaled heading and a muted caption."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel


def heading(text: str, factor: float = 1.5, bold: bool = True) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * factor)
    if bold:
        font.setWeight(font.Weight.DemiBold)
    label.setFont(font)
    label.setWordWrap(True)
    return label


def muted(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setObjectName("mutedLabel")  # coloured by the theme's style sheet
    label.setWordWrap(True)
    return label
