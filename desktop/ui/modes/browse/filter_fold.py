"""Browse's less-used filters (difficulty, tag, Bookmarked, Has notes) folded behind a "Filters" button
in a short pane: at 760x520 with 150 % text they stood four rows tall over a list with room for one and
a half questions. In a pane tall enough for both they always show and the button is hidden."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QLayout, QToolButton, QWidget

from desktop.core.settings import BROWSE_FILTERS_SHOWN, Settings
from desktop.ui import theme
from desktop.ui.widgets.buttons import tool_button

LIST_ROWS = 4  # whole questions the list keeps in view before the filters fold away


class FilterFold:
    """Shows or hides `box` by the pane's height, and the user's choice (remembered) when short."""

    def __init__(self, box: QWidget, prefs: Settings, active: Callable[[], int]) -> None:
        """`active`: how many of the box's filters narrow the list now, for the button to say."""
        self.box = box
        self._prefs = prefs
        self._active = active
        self.short = False
        self.button: QToolButton = tool_button("Filters")
        self.button.setObjectName("filtersToggle")
        self.button.setCheckable(True)
        self.button.setAutoRaise(True)
        self.button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.button.setLayoutDirection(Qt.LayoutDirection.RightToLeft)  # the chevron after the word, as History's
        self.button.setIconSize(QSize(12, 12))  # a small chevron leaves the search box its room
        self.button.setChecked(prefs.get(BROWSE_FILTERS_SHOWN))
        self.button.setVisible(False)
        self.button.toggled.connect(self._chosen)
        self.show_count()

    def fit(self, pane_height: int, others: int, row_height: int) -> bool:
        """Fold when the list, beside `others` px of the pane (search, count, margins), would show fewer
        than LIST_ROWS whole rows with the filters open."""
        layout = self.box.layout()
        width = self.box.width() or self.box.sizeHint().width()
        box = (layout.heightForWidth(width) if isinstance(layout, QLayout) and layout.hasHeightForWidth()
               else self.box.sizeHint().height())
        self.short = pane_height - others - box < LIST_ROWS * row_height
        # The column lays the box out by its size hint, one row of toggles: where they wrap, opened in a short
        # pane its drop-downs were squashed to two-thirds of their height. It asks for what it needs at this width.
        self.box.setMinimumHeight(box)
        self.button.setVisible(self.short)
        self.box.setVisible(not self.short or self.button.isChecked())
        return self.short

    def show_count(self) -> None:
        """"Filters · 2" while two hidden filters narrow the list, so a folded filter is never forgotten."""
        n = self._active()
        self.button.setText(f"Filters · {n}" if n else "Filters")
        says = "Hide the filters" if self.button.isChecked() else "Show the filters"
        self.button.setToolTip(says + (f" ({n} on)" if n else ""))
        self.button.setAccessibleName(says)
        self.restyle()

    def restyle(self) -> None:
        chevron = "chevron-up" if self.button.isChecked() else "chevron-down"
        self.button.setIcon(theme.icon(chevron, theme.current().text, 14))

    def _chosen(self, shown: bool) -> None:
        self._prefs.set(BROWSE_FILTERS_SHOWN, shown)
        self.box.setVisible(not self.short or shown)
        self.show_count()
