"""A page that scrolls instead of squeezing when the window is too short for it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget


def scrolling(page: QWidget, name: str = "Page") -> QScrollArea:
    """`page` as tall as it needs, with a vertical scroll bar only when the window is shorter. Width
    always follows the window: pages lay themselves out for narrow widths rather than scroll sideways.

    The area is a stop of the Tab chain only while it scrolls (then the arrow keys and Page Up / Down move
    the text below the last control into view): one that cannot scroll was a stop that marked nothing and
    did nothing. `name` is what a screen reader says there."""
    area = QScrollArea()
    area.setObjectName("pageScroll")  # the style sheet rings it while it has the keyboard
    area.setAccessibleName(name)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(page)
    bar = area.verticalScrollBar()

    def fit(_low: int, high: int) -> None:
        area.setFocusPolicy(Qt.FocusPolicy.StrongFocus if high > 0 else Qt.FocusPolicy.NoFocus)

    fit(0, bar.maximum())
    bar.rangeChanged.connect(fit)
    return area
