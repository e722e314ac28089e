"""Lets the main window's Ctrl shortcuts win over text fields.

On Linux, QLineEdit and friends accept ShortcutOverride for Ctrl+E, Ctrl+D, Ctrl+K…
(Emacs-style editing), which would swallow our shortcuts. Filtering the override
event without accepting it hands the key to the shortcut system.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QWidget

OWNS_UNDO = "ownsUndo"  # widget property: this editor keeps Ctrl+Z for its own undo


class ShortcutFirst(QObject):
    def __init__(self, window: QWidget, actions: Callable[[], Iterable[QAction]]) -> None:
        super().__init__(window)
        self._window = window
        self._actions = actions

    def install(self) -> None:
        """Start filtering the whole application's events (the window may be gone by now)."""
        from shiboken6 import isValid

        from desktop.ui.application import qt_app

        if isValid(self):
            qt_app().installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(event, QKeyEvent):
            return False
        if not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            return False
        if not isinstance(obj, QWidget) or obj.window() is not self._window:
            return False
        pressed = QKeySequence(event.keyCombination())
        if pressed.matches(QKeySequence.StandardKey.Undo) == QKeySequence.SequenceMatch.ExactMatch and obj.property(
            OWNS_UNDO
        ):
            return False
        return any(
            a.isEnabled() and s.matches(pressed) == QKeySequence.SequenceMatch.ExactMatch
            for a in self._actions()
            for s in a.shortcuts()
        )
