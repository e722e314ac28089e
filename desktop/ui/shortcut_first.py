"""Lets the main window's Ctrl shortcuts win over text fields, and a control the keyboard reached keep Space.

On Linux, QLineEdit and friends accept ShortcutOverride for Ctrl+E, Ctrl+D, Ctrl+K…
(Emacs-style editing), which would swallow our shortcuts. Filtering the override
event without accepting it hands the key to the shortcut system.

Qt sends ShortcutOverride to the widget with the keyboard focus, so only that widget is watched (the filter
moves with the focus). An application-wide filter made every event of every widget a Python call, and each
one needs the GIL: while a worker thread runs Python, the UI thread waits up to a switch interval for it each
time, so one frame of a progress dialog's busy bar (6 events) waited for it 6 times (benchmarks/ui_gaps.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QComboBox, QWidget

OWNS_UNDO = "ownsUndo"  # widget property: this editor keeps Ctrl+Z for its own undo

# Controls whose own key is Space (it presses a button, ticks a box, opens a combo box's list). Text fields
# need no place here: they take every printable key from the shortcuts themselves.
SPACE_CONTROLS = (QAbstractButton, QComboBox)


class ShortcutFirst(QObject):
    def __init__(self, window: QWidget, actions: Callable[[], Iterable[QAction]]) -> None:
        super().__init__(window)
        self._window = window
        self._actions = actions
        self._watched: QWidget | None = None  # the focus widget, while it is in the window
        self._keyed: QWidget | None = None  # the focus widget, if the keyboard (Tab, a shortcut) took it there
        self._installed = False

    def install(self) -> None:
        """Start watching the focus widget, wherever the focus goes (the window may be gone by now)."""
        from shiboken6 import isValid

        from desktop.ui.application import qt_app

        if isValid(self) and not self._installed:
            self._installed = True
            app = qt_app()
            app.focusChanged.connect(self._focus_changed)
            self._watch(app.focusWidget())

    def uninstall(self) -> None:
        from desktop.ui.application import qt_app

        if self._installed:
            self._installed = False
            qt_app().focusChanged.disconnect(self._focus_changed)
            self._watch(None)

    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        self._watch(new)
        if self._watched is None:
            return  # in a combo box's list or a dialog: how the focus came to the window's widget still holds
        # A combo box's list closed by Enter or Esc hands the focus back to the box for a reason Qt does not
        # count as the keyboard's: the box stays the keyboard's if it was.
        back = old is not None and old.window().windowType() == Qt.WindowType.Popup and new is self._keyed
        if not back:
            self._keyed = new if self._window.testAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange) else None

    def _watch(self, widget: QWidget | None) -> None:
        from shiboken6 import isValid

        if self._watched is not None and isValid(self._watched):
            self._watched.removeEventFilter(self)
        self._watched = widget if widget is not None and widget.window() is self._window else None
        if self._watched is not None:
            self._watched.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(event, QKeyEvent):
            return False
        if not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            if event.key() == Qt.Key.Key_Space and not event.modifiers() and self._owns_space(obj):
                event.accept()  # the key goes to the control, which presses, ticks or opens itself
                return True
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

    def _owns_space(self, obj: QObject) -> bool:
        """Space is the focused control's own key when the keyboard took the focus there (Tab to ★ Bookmarked or
        to the difficulty filter): a window-wide Space action (Browse's reveal) would leave it no key to press or
        open it by. One the mouse put the focus on leaves Space to the action: that user did not ask for its key.
        (Tool buttons take no focus from a click: the keyboard alone brings them the focus.)"""
        return obj is self._keyed and isinstance(obj, SPACE_CONTROLS)
