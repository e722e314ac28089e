"""Where a mock interview stands, and the check made at every launch. No Qt.

Kept apart from interview_store.py so the launch check costs one query and no imports: an
interview is RUNNING while an app holds it; found RUNNING at launch, the app that held it died
(a crash, a kill), so it becomes INTERRUPTED. Paused and quit, it is PAUSED. Both can be
resumed; FINISHED and ENDED_EARLY are over.
"""

from __future__ import annotations

from contextlib import suppress
from enum import Enum
from typing import TYPE_CHECKING

from desktop.core.changes import Change

if TYPE_CHECKING:
    from desktop.core.store import Store


class Status(Enum):
    RUNNING = "running"
    PAUSED = "paused"
    INTERRUPTED = "interrupted"
    FINISHED = "finished"
    ENDED_EARLY = "ended early"

    @property
    def resumable(self) -> bool:
        return self in (Status.PAUSED, Status.INTERRUPTED)


# These two are a sliver of the interview part of the Store (interview_store.py), kept apart so the launch does
# not import it (~35 ms): like every part, they work over the Store's own connection, writes and change feed.


def claim_interrupted(store: Store) -> list[int]:
    """At launch: interviews still RUNNING lost their app; they become INTERRUPTED (and resumable)."""
    ids = [int(r[0]) for r in store._db.execute("SELECT id FROM interviews WHERE status = ?",
                                                 (Status.RUNNING.value,))]
    if ids:
        store._write("UPDATE interviews SET status = ? WHERE status = ?",
                     (Status.INTERRUPTED.value, Status.RUNNING.value))
        store._announce(Change.INTERVIEWS)
    return ids


def left_unfinished(store: Store) -> bool:
    """Did the newest interview stop without ending (paused and quit, or its app died)?"""
    row = store._db.execute("SELECT status FROM interviews ORDER BY id DESC LIMIT 1").fetchone()
    return row is not None and (Status(row[0]).resumable or Status(row[0]) is Status.RUNNING)


def waiting_at_launch(store: Store) -> bool:
    """The launch check: claim what a dead app left RUNNING, then say whether an interview waits to resume."""
    from desktop.core.store import StoreWriteError

    with suppress(StoreWriteError):  # a read-only folder: it is still offered, and stays as it is
        claim_interrupted(store)
    return left_unfinished(store)
