"""Keys pressed while the window is still filling in are kept and replayed once it is ready.

The window is on screen before the bank has loaded (docs/performance.md), so a quick user can type
before there is anything to type into: Ctrl+F and a query, say, in the first half second. Those
key presses are held here and, when the window is ready, each is replayed in order: as the
action its shortcut names, or else into whatever widget then has the focus. (Shortcuts that
already exist, such as Ctrl+Q, fire at once and never reach this filter.)
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

MAX_KEPT = 200  # a held key is a rare thing; a stuck key should not grow a queue for ever


class EarlyKeys(QObject):
    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self.kept: list[QKeyEvent] = []
        self._holding = True

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if not self._holding or event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if not isinstance(obj, QWidget) or obj.window() is not self._window:
            return False
        if len(self.kept) < MAX_KEPT:
            self.kept.append(event.clone())
        return True

    def replay(self, actions: Iterable[QAction]) -> None:
        """Stop holding keys and play back the ones kept, in order."""
        self._holding = False
        actions = list(actions)
        kept, self.kept = self.kept, []
        for key in kept:
            pressed = QKeySequence(key.keyCombination())
            action = next((a for a in actions if a.isEnabled() and any(
                s.matches(pressed) == QKeySequence.SequenceMatch.ExactMatch for s in a.shortcuts())), None)
            if action is not None:
                action.trigger()
                continue
            target = self._window.focusWidget() or self._window  # the window's own focus, active or not
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(target, QKeyEvent(kind, key.key(), key.modifiers(), key.text()))
