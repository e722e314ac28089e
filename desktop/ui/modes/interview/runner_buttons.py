"""The running interview's buttons: Done, next · Skip · Pause (Resume) · End and review.

They are the keyboard's stops on the runner page: Tab from an answer box lands on them (the page has no
other), Shift+Tab goes back to the box, and Enter or Space presses the one with the ring. Each does what
its shortcut does (the tooltips name the keys); End ends at once, a press being as deliberate as Esc twice.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class _EnterPresses(QObject):
    """Enter on a focused button presses it, as Space does (outside dialogs Qt leaves Enter to the window)."""

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and isinstance(obj, QPushButton)
                and event.key() in ENTER_KEYS and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier):
            obj.click()
            return True
        return False


class RunnerButtons(QWidget):
    def __init__(self, done: Callable[[], None], skip: Callable[[], None], pause: Callable[[], None],
                 end: Callable[[], None]) -> None:
        super().__init__()
        self.setObjectName("runnerButtons")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        self._enter = _EnterPresses(self)
        self.done_button = self._button("Done, next", "Ctrl+Enter", done)
        self.skip_button = self._button("Skip", "Ctrl+Shift+Enter", skip)
        self.pause_button = self._button("Pause", "Ctrl+P", pause)
        self.end_button = self._button("End and review", "Esc twice", end)
        for button in (self.done_button, self.skip_button, self.pause_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.end_button)  # apart from the rest: the one that leaves the interview

    def _button(self, text: str, keys: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(f"runner{text.split(',')[0].split()[0]}Button")
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # a Tab stop, so the keyboard can leave the answer box
        button.setToolTip(keys)
        button.clicked.connect(slot)
        button.installEventFilter(self._enter)
        return button

    def sync(self, paused: bool, coding: bool) -> None:
        """While paused only Resume and End do anything; in a coding round Done, next is Alt+Enter."""
        self.done_button.setToolTip("Alt+Enter" if coding else "Ctrl+Enter")
        self.pause_button.setText("Resume" if paused else "Pause")
        for button in (self.done_button, self.skip_button):
            button.setEnabled(not paused)

    def set_compact(self, compact: bool) -> None:
        """On a short page's top row: short words, side by side."""
        self.done_button.setText("Next" if compact else "Done, next")
        self.end_button.setText("End" if compact else "End and review")
        layout = self.layout()
        assert layout is not None
        layout.setSpacing(4 if compact else 8)  # a 760 px window at 150 % text: the phase's name keeps its room
