"""A page that scrolls instead of squeezing when the window is too short for it."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget


class _AsksForItsPage(QScrollArea):
    """Asks its layout for its page's height now. QScrollArea keeps the page's first size hint for ever, so a
    checklist area filled after it was first measured was given the height of its empty card by its layout,
    and scrolled eight rubric items in the room of five while the window had plenty."""

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return hint if self.widget() is None else QSize(hint.width(), page_height(self))


def scrolling(page: QWidget, name: str = "Page", asks_for_page: bool = False) -> QScrollArea:
    """`page` as tall as it needs, with a vertical scroll bar only when the window is shorter. Width
    always follows the window: pages lay themselves out for narrow widths rather than scroll sideways.

    The area is a stop of the Tab chain only while it scrolls (then the arrow keys and Page Up / Down move
    the text below the last control into view): one that cannot scroll was a stop that marked nothing and
    did nothing. `name` is what a screen reader says there. `asks_for_page`: it asks for the whole height of
    its page as the page is now (a list refilled), for a layout to give it within its minimum and maximum."""
    area = _AsksForItsPage() if asks_for_page else QScrollArea()
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


def page_height(area: QScrollArea) -> int:
    """The height `area` needs to show all of its page at its present width: the page's height for that width,
    and the area's frame (the style sheet's focus ring, 2 px a side), which a fit forgetting it scrolled by."""
    page = area.widget()
    if page is None:
        return 2 * area.frameWidth()
    width = area.viewport().width()
    return (page.heightForWidth(width) if page.hasHeightForWidth() else page.sizeHint().height()) \
        + 2 * area.frameWidth()
