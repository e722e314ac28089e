"""One way to make a mode's keyboard action, so every mode gets the details right."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

TICK_KEYS = "abcdefgh"  # tick a question's key points (up to 6) or a design case's rubric (up to 8)


def tick_range(count: int) -> str:
    """The letters that tick `count` key points, for a hint: "a–e", or "a" for one."""
    keys = TICK_KEYS[: max(1, min(count, len(TICK_KEYS)))]
    return keys if len(keys) == 1 else f"{keys[0]}–{keys[-1]}"


def action(parent: QObject, text: str, keys: str | Sequence[str], slot: Callable[..., Any],
           checkable: bool = False) -> QAction:
    """A window-wide action. A checkable one passes its new state to `slot`; any other calls `slot()`
    with no arguments, because triggered(bool) would otherwise land in a lambda's bound default."""
    a = QAction(text, parent)
    a.setShortcuts([QKeySequence(k) for k in ([keys] if isinstance(keys, str) else keys)])
    a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    if checkable:
        a.setCheckable(True)
        a.toggled.connect(slot)
    else:
        a.triggered.connect(lambda _checked=False: slot())
    return a


def press_focused_button(page: QWidget) -> bool:
    """Enter with the focus ring on a push button of `page` presses that button, as Space does; True if it did.

    A mode's window-wide Enter (start, accept the suggested grade, back to start) would otherwise do the page's
    default while the ring shows another button, which a keyboard user reached with Tab to press. Checkable
    buttons are left out: one keeps the focus after a click that opened something, and Enter is not a toggle.
    """
    focused = QApplication.focusWidget()
    if (isinstance(focused, QPushButton) and not focused.isCheckable() and focused.isVisible()
            and focused.isEnabled() and page.isAncestorOf(focused)):
        focused.click()
        return True
    return False
