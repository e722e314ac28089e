"""Keys pressed while the window is still filling in are kept and replayed once it is ready.

The window is on screen before the bank has loaded (docs/performance.md), so a quick user can type
before there is anything to type into: Ctrl+F and a query, say, in the first half second. Until it is
ready the window has no widget that takes keys, so they reach MainWindow.keyPressEvent, which hands
them here; when the window is ready, each is replayed in order: as the action its shortcut names, or
else into whatever widget then has the focus. (Shortcuts that already exist, such as Ctrl+Q, fire at
once and never get this far.) Not an application-wide event filter: that would see every event of
the start-up, and turning each into a Python object cost the first frame about 60 ms.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

MAX_KEPT = 200  # a held key is a rare thing; a stuck key should not grow a queue for ever


class EarlyKeys:
    def __init__(self, window: QWidget) -> None:
        self._window = window
        self.kept: list[QKeyEvent] = []

    def keep(self, event: QKeyEvent) -> None:
        if len(self.kept) < MAX_KEPT:
            self.kept.append(event.clone())
        event.accept()

    def replay(self, actions: Iterable[QAction]) -> None:
        """Play back the keys kept, in order."""
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
