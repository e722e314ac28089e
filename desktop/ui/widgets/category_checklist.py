"""A list of the bank's categories with a tick box each (Quiz and Mock interview custom builders)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from desktop.core.bank import Category
from desktop.ui.widgets.labels import muted
from desktop.ui.widgets.typeset import plain_tooltip


class CategoryChecklist(QListWidget):
    def __init__(self, categories: tuple[Category, ...], max_height: int = 160, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("categoryChecklist")
        self.setMaximumHeight(max_height)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # a long name ends in "…"
        for cat in categories:
            item = QListWidgetItem(cat.title)
            item.setToolTip(plain_tooltip(cat.title))  # a narrow list cuts it
            item.setData(Qt.ItemDataRole.UserRole, cat.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.addItem(item)
        self.caption = muted()  # the builder's heading: says what is ticked, which may be scrolled out of sight
        self.itemChanged.connect(lambda _item: self._caption_ticks())
        self._caption_ticks()

    def _caption_ticks(self) -> None:
        ticked = [self.item(i).text() for i in range(self.count())
                  if self.item(i).checkState() == Qt.CheckState.Checked]
        if not ticked:
            self.caption.setText("Categories (none ticked: all)")
        elif len(ticked) <= 2:
            self.caption.setText(f"Categories: {' and '.join(ticked)}")
        else:
            self.caption.setText(f"Categories: {len(ticked)} ticked")

    def checked(self) -> tuple[str, ...]:
        """Ids of the ticked categories (none ticked means: all)."""
        return tuple(str(self.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.count())
                     if self.item(i).checkState() == Qt.CheckState.Checked)

    def set_checked(self, ids: tuple[str, ...]) -> None:
        """Tick exactly these categories (an id not in the list is ignored)."""
        wanted = set(ids)
        for i in range(self.count()):
            item = self.item(i)
            ticked = str(item.data(Qt.ItemDataRole.UserRole)) in wanted
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
