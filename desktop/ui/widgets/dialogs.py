"""Dialogs sized to what they hold, but never larger than the window they open over (nor the screen):
a long one scrolls instead, so it fits the smallest window the app supports at any text size."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QWidget


def fit_to_window(dialog: QWidget, parent: QWidget | None, wanted: QSize | None = None) -> None:
    """`wanted`: the size it would like (a list to read); by default, what its content asks for."""
    if wanted is None:
        dialog.adjustSize()
        wanted = dialog.size()
    limit = QSize(16777215, 16777215)
    screen = dialog.screen()
    if screen is not None:
        limit = limit.boundedTo(screen.availableGeometry().size())
    if parent is not None:
        limit = limit.boundedTo(parent.window().size())
    dialog.resize(wanted.boundedTo(limit))
