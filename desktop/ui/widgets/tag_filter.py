"""The tag filter: any tag, or one of hundreds found by typing any part of its name ("basics" finds
"ML::basics"); a parent tag ("ML") takes in the ones nested under it, as the search's filter does."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

ANY = "Any tag"


class TagFilter(QComboBox):
    def __init__(self, tags: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)  # typing finds a tag, never makes one
        self._fill(tags)
        self.setMaxVisibleItems(20)
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setMaxVisibleItems(12)
        completer.activated.connect(self.choose)
        self.setCompleter(completer)
        line = self.lineEdit()
        assert line is not None  # editable
        line.setPlaceholderText(ANY)
        line.editingFinished.connect(self._settle)
        self.currentIndexChanged.connect(lambda _i: self._show_current())
        self._show_current()
        self.setToolTip("Filter by a tag: type any part of its name. A parent tag (ML) includes the tags "
                        "nested under it (ML::basics).")

    def set_tags(self, tags: Sequence[str]) -> None:
        """The bank's tags changed (an import): offer these, keeping the tag in force if it is one of them.
        Says nothing: the caller re-runs its search once."""
        chosen = self.tag()
        self.blockSignals(True)
        self.clear()
        self._fill(tags)
        self.setCurrentIndex(max(0, self.findData(chosen)) if chosen else 0)
        self.blockSignals(False)
        self._show_current()

    def _fill(self, tags: Sequence[str]) -> None:
        self.addItem(ANY, None)
        for t in tags:
            self.addItem(t, t)

    def tag(self) -> str | None:
        """The tag chosen, None for any."""
        data = self.currentData()
        return str(data) if data else None

    def choose(self, text: str) -> None:
        """Show the tag named `text` (any case); nothing, or a name that is no tag, means any tag."""
        index = self.findText(text.strip(), Qt.MatchFlag.MatchFixedString) if text.strip() else 0
        self.setCurrentIndex(max(0, index))
        self._show_current()

    def _settle(self) -> None:
        """Leaving the box with half a name typed: back to the tag that is in force (or any tag, if cleared)."""
        text = self.currentText().strip()
        if not text:
            self.choose("")
        elif self.findText(text, Qt.MatchFlag.MatchFixedString) >= 0:
            self.choose(text)
        else:
            self._show_current()

    def _show_current(self) -> None:
        """The tag in force in the box; with any tag, the box is empty and says what to do."""
        self.setEditText(self.itemText(self.currentIndex()) if self.currentIndex() > 0 else "")
