"""One way to make a mode's keyboard action, so every mode gets the details right."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence

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
