"""The shapes Progress is built from: a titled card with a caption, and a big-number tile."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from desktop.ui import theme


def card(title: str, caption: str, body: QWidget | None = None) -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame()
    frame.setObjectName("card")
    v = QVBoxLayout(frame)
    v.setContentsMargins(16, 12, 16, 14)
    v.setSpacing(4)
    heading = QLabel(title)
    heading.setWordWrap(True)
    theme.set_font(heading, 1.1, bold=True)
    explain = QLabel(caption)
    explain.setObjectName("mutedLabel")
    explain.setWordWrap(True)
    v.addWidget(heading)
    v.addWidget(explain)
    if body is not None:
        v.addSpacing(6)
        v.addWidget(body)
    v.addStretch(1)  # when the grid row is taller than the content, keep the content at the top
    return frame, v


def tile(value: str, label: str) -> tuple[QWidget, QLabel, QLabel]:
    w = QWidget()
    v = QVBoxLayout(w)
    v.setContentsMargins(0, 0, 24, 0)
    v.setSpacing(0)
    number = QLabel(value)
    theme.set_font(number, 2.0, bold=True)
    caption = QLabel(label)
    caption.setObjectName("mutedLabel")
    caption.setWordWrap(True)
    v.addWidget(number)
    v.addWidget(caption)
    return w, number, caption
