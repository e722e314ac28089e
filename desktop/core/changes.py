"""One change signal for the user's data, in the spirit of Anki's OpChanges. No Qt.

Whoever changes user data goes through the Store, and the Store announces each committed change
here: what kind of data changed and, where it is known, which questions. Modes and the search
index subscribe instead of keeping private copies that nothing refreshes (issue 16: a note written
in Quiz did not show under Browse's "Has notes" until a restart).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Flag, auto
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.core.note_store import UserData


class Change(Flag):
    NOTES = auto()
    BOOKMARKS = auto()
    REVIEWS = auto()
    INTERVIEWS = auto()
    BANK = auto()
    EXERCISES = auto()  # an exercise's saved code or a run of it (desktop/core/exercise_log.py)
    ALL = NOTES | BOOKMARKS | REVIEWS | INTERVIEWS | BANK | EXERCISES  # e.g. after a restore replaced everything


@dataclass(frozen=True)
class Changed:
    what: Change
    question_ids: frozenset[str] = frozenset()  # empty: unknown or many
    # After a restore: the restored notes and bookmarks, read on the worker thread that restored them, so
    # listeners on the UI thread use these instead of reading them again. None: read them if needed.
    restored: UserData | None = field(default=None, compare=False)

    def touches(self, kind: Change) -> bool:
        return bool(self.what & kind)


Listener = Callable[[Changed], None]


class ChangeFeed:
    """Subscribers are called in order, on the thread that made the change (the UI thread)."""

    def __init__(self) -> None:
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Returns a function that unsubscribes (a mode that is rebuilt calls it)."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def subscribe_while_alive(self, method: Listener) -> None:
        """Subscribe a bound method without keeping its object alive: a mode rebuilt after an import
        simply stops listening when the old one is gone."""
        ref = weakref.WeakMethod(method)

        def call(changed: Changed) -> None:
            target = ref()
            if target is None:
                unsubscribe()
            else:
                target(changed)

        unsubscribe = self.subscribe(call)

    def __len__(self) -> int:
        return len(self._listeners)

    def publish(self, changed: Changed) -> None:
        for listener in list(self._listeners):
            listener(changed)
