"""Where the user's local days begin, clock changes included: the one home for 'midnight here'. No Qt, no fsrs.

`now.astimezone()` gives a fixed offset (the one in force at `now`), so "its midnight" built from it is an hour
off on a clock-change day, and "plus one day" lands an hour off the next midnight. Here each midnight is asked of
the local zone itself, and a day whose midnight does not exist (a clock change at midnight: Havana, Santiago,
Beirut) begins at the change.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta


def local_midnight(day: date) -> datetime:
    """When `day` begins here (in UTC): the first instant that astimezone() dates `day`."""
    guess = datetime(day.year, day.month, day.day).astimezone(UTC)  # naive: read as local time, DST included
    if _local_day(guess) != day or _local_day(guess - timedelta(microseconds=1)) == day:
        # A clock change at midnight: the day begins at the change. Find it, to the second.
        before, after = guess - timedelta(days=1), guess + timedelta(days=1)
        while after - before > timedelta(seconds=1):
            middle = before + timedelta(seconds=(after - before).total_seconds() // 2)
            before, after = (before, middle) if _local_day(middle) >= day else (middle, after)
        guess = after
    return guess


def day_start(now: datetime) -> datetime:
    """The local midnight that began the day `now` falls in."""
    return local_midnight(now.astimezone().date())


def next_day_start(now: datetime) -> datetime:
    """The local midnight that ends the day `now` falls in (23 or 25 hours on, on a clock-change day)."""
    return local_midnight(now.astimezone().date() + timedelta(days=1))


def _local_day(at: datetime) -> date:
    return at.astimezone().date()
