"""A wake-up at each local midnight, so a screen left open follows the day without a restart.

Today's counts, the daily limit of new questions and Progress's "today" all depend on the local date. The
watch arms a timer for the next local midnight on the store's clock (core/local_day.py), at most a minute
ahead (a machine asleep at midnight, or a clock set by hand, is noticed within a minute), and again after each
grade (which reads the clock anyway). When the date has moved on, every screen that follows it is redrawn.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer
from shiboken6 import isValid

from desktop.core.changes import Change, Changed, ChangeFeed
from desktop.core.local_day import next_day_start

CHECK_EVERY_MS = 60_000
PAST_MIDNIGHT_MS = 20  # wake just after midnight, not a hair before it


class DayWatch(QObject):
    """Owned by the application, not by the context that made it: a context freed by Python's garbage collector
    on a worker thread (an exercise run's, say) would otherwise delete the watch's timer from that thread. Once
    every follower is gone, the watch deletes itself, on the GUI thread."""

    def __init__(self, clock: Callable[[], datetime], changes: ChangeFeed) -> None:
        super().__init__(QCoreApplication.instance())
        self._clock = clock
        self._day = clock().astimezone().date()
        self._followers: list[tuple[QObject, Callable[[], None]]] = []
        self._timer = QTimer(self, singleShot=True, timerType=Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self.check)
        changes.subscribe_while_alive(self._on_change)
        self._arm()

    def follow(self, owner: QObject, redraw: Callable[[], None]) -> None:
        """Call `redraw` on each new day for as long as `owner` lives."""
        self._followers.append((owner, redraw))

    def check(self) -> None:
        """Redraw the followers if the date has changed; then wait for the next midnight."""
        if not isValid(self):
            return
        followed = bool(self._followers)
        self._followers = [(o, r) for o, r in self._followers if isValid(o)]
        if followed and not self._followers:  # every screen that followed the day is gone
            self.deleteLater()
            return
        day = self._clock().astimezone().date()
        if day != self._day:
            self._day = day
            for _owner, redraw in list(self._followers):
                redraw()
        self._arm()

    def _on_change(self, changed: Changed) -> None:
        if changed.touches(Change.REVIEWS) and isValid(self):
            self.check()

    def _arm(self) -> None:
        now = self._clock()
        wait_ms = math.ceil((next_day_start(now) - now).total_seconds() * 1000) + PAST_MIDNIGHT_MS
        self._timer.start(max(PAST_MIDNIGHT_MS, min(CHECK_EVERY_MS, wait_ms)))
