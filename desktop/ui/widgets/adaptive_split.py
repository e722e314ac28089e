"""Two panes (an exercise's statement and its code) that take the shape the space allows: side by side
when wide, one above the other when tall enough, and two tabs when neither fits, so a small window
shows one pane at a usable size instead of two squeezed to a few lines."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QSplitter, QStackedLayout, QTabWidget, QWidget


class Shape(Enum):
    BESIDE = "beside"
    ABOVE = "above"
    TABS = "tabs"


class AdaptiveSplit(QWidget):
    def __init__(self, first: QWidget, titles: tuple[str, str], beside_from: int, tabs_below: int,
                 first_share: float = 0.45, parent: QWidget | None = None) -> None:
        """`beside_from`: px of width from which the panes sit side by side; `tabs_below`: px of height under
        which, when not side by side, they become tabs; `first_share`: the first pane's part of the space
        when the panes are split. The second pane comes later, with set_second()."""
        super().__init__(parent)
        self.first = first
        self.second: QWidget | None = None
        self._second_heading: QWidget | None = None  # the second pane's own title: its tab says it when tabbed
        self.titles = titles
        self.beside_from, self.tabs_below, self.first_share = beside_from, tabs_below, first_share
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.setChildrenCollapsible(False)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self._stack = QStackedLayout(self)
        self._stack.addWidget(self.split)
        self._stack.addWidget(self.tabs)
        self._second_shown = False
        self.shape = Shape.BESIDE
        self._sized = False  # the panes get their shares at the first real size
        self._place()

    def set_second(self, second: QWidget, heading: QWidget | None = None) -> None:
        """The second pane, built when first needed (an exercise's panel); `heading`, its own title label,
        is hidden while the panes are tabs, where the tab already names the pane."""
        self.second, self._second_heading = second, heading
        self._place()
        self._reshape(self.size().width(), self.size().height())

    def set_second_shown(self, shown: bool) -> None:
        """Show or hide the second pane (an ordinary question has no code); the first is always there."""
        self._second_shown = shown
        self._apply_visibility()
        self._reshape(self.size().width(), self.size().height())

    def show_pane(self, index: int) -> None:
        """Bring a pane forward (only tabs hide one)."""
        if self.shape is Shape.TABS and (index == 0 or (self._second_shown and self.second is not None)):
            self.tabs.setCurrentIndex(index)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._reshape(event.size().width(), event.size().height())
        super().resizeEvent(event)

    def _reshape(self, width: int, height: int) -> None:
        if self.second is None or not self._second_shown:
            shape = Shape.ABOVE  # one pane: no tab bar taking height from it
        else:
            shape = (Shape.BESIDE if width >= self.beside_from else
                     Shape.ABOVE if height >= self.tabs_below else Shape.TABS)
        if shape is not self.shape or not self._sized:
            self._sized = self._sized or (width > 0 and self.isVisible())
            if shape is not self.shape:
                self.shape = shape
                self._place()
            self._share(width if shape is Shape.BESIDE else height)

    def _share(self, length: int) -> None:
        """Split `length` px between the panes by first_share."""
        if self.shape is not Shape.TABS:
            first = round(length * self.first_share)
            self.split.setSizes([first, max(1, length - first)])

    def _place(self) -> None:
        if self.shape is Shape.TABS:
            self.tabs.addTab(self.first, self.titles[0])  # reparents them out of the splitter
            if self.second is not None:
                self.tabs.addTab(self.second, self.titles[1])
            self._stack.setCurrentWidget(self.tabs)
        else:
            self.split.setOrientation(Qt.Orientation.Horizontal if self.shape is Shape.BESIDE
                                      else Qt.Orientation.Vertical)
            self.split.addWidget(self.first)  # reparents them out of the tabs, if they were there
            if self.second is not None:
                self.split.addWidget(self.second)
                self.split.setStretchFactor(1, 1)
            self._stack.setCurrentWidget(self.split)
        self._apply_visibility()

    def _apply_visibility(self) -> None:
        if self._second_heading is not None:
            self._second_heading.setVisible(self.shape is not Shape.TABS)
        if self.second is None:
            self.tabs.tabBar().setVisible(False)
            self.first.setVisible(True)
        elif self.shape is Shape.TABS:
            self.tabs.setTabVisible(1, self._second_shown)
            self.tabs.tabBar().setVisible(self._second_shown)  # one pane needs no tab
            if not self._second_shown:
                self.tabs.setCurrentIndex(0)
        else:
            self.first.setVisible(True)  # a tab page the stack had hidden
            appearing = self._second_shown and self.second.isHidden()
            self.second.setVisible(self._second_shown)
            if appearing and min(self.split.sizes(), default=0) == 0:  # a splitter gives a pane shown late no room
                self._share(self.width() if self.shape is Shape.BESIDE else self.height())
