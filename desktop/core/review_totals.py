"""The live review log counted: reviews per local day, and reviews and lapses per question, read in one go
and then only caught up. No Qt. Reached through `store.review_log.totals()` and `.catch_up(totals)`, over
whichever connection that store has (the UI thread's, or a warm-up thread's own); desktop/core/study_record.py
keeps the result current through the change feed.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from desktop.core.local_day import local_midnight


@dataclass
class ReviewTotals:
    """The live (not undone) review log, counted: by local day, and reviews and lapses by question."""

    days: Counter[date] = field(default_factory=Counter)
    per_question: dict[str, tuple[int, int]] = field(default_factory=dict)  # (reviews, Again grades)
    last_id: int = 0  # the newest log row these totals have seen
    undone: set[int] = field(default_factory=set)  # rows up to last_id that are undone (not counted)


def read_totals(conn: sqlite3.Connection) -> ReviewTotals:
    """Count the whole log in one read transaction (any thread, as long as `conn` is that thread's)."""
    own = not conn.in_transaction
    if own:
        conn.execute("BEGIN")  # one snapshot for every read
    try:
        last = int(conn.execute("SELECT coalesce(max(id), 0) FROM review_log").fetchone()[0])
        days = _live_reviews_per_day(conn)
        per_question = {str(q): (int(n), int(lapses)) for q, n, lapses in conn.execute(
            "SELECT question_id, count(*), sum(rating = 1) FROM review_log WHERE undone_at IS NULL "
            "GROUP BY question_id")}
        undone = {int(r[0]) for r in conn.execute("SELECT id FROM review_log WHERE undone_at IS NOT NULL")}
    finally:
        if own:
            conn.execute("COMMIT")
    return ReviewTotals(days, per_question, last, undone)


_LIVE_BETWEEN = "SELECT count(*) FROM review_log WHERE undone_at IS NULL AND reviewed_at >= ? AND reviewed_at < ?"


def _live_reviews_per_day(conn: sqlite3.Connection) -> Counter[date]:
    """Live reviews per local day, as datetime.astimezone().date() dates them (clock changes included).

    Times are stored as fixed-width UTC text (store._iso, the only writer), so a local day is a range of text:
    one index range count a day (a year: 366 of them, a few ms) instead of converting 50,000 times to local
    time and grouping them (SQLite's date(…, 'localtime') GROUP BY: ~35-70 ms).
    """
    first = conn.execute("SELECT reviewed_at FROM review_log WHERE undone_at IS NULL ORDER BY reviewed_at "
                         "LIMIT 1").fetchone()
    if first is None:
        return Counter()
    latest = conn.execute("SELECT reviewed_at FROM review_log WHERE undone_at IS NULL ORDER BY reviewed_at DESC "
                          "LIMIT 1").fetchone()
    day, end = (datetime.fromisoformat(str(t[0])).astimezone().date() for t in (first, latest))
    days: Counter[date] = Counter()
    start = _local_midnight(day)
    while day <= end:
        following = _local_midnight(day + timedelta(days=1))
        n = int(conn.execute(_LIVE_BETWEEN, (start, following)).fetchone()[0])
        if n:
            days[day] = n
        day, start = day + timedelta(days=1), following
    return days


def _local_midnight(day: date) -> str:
    """When `day` begins here, in stored form (store._iso): the first instant astimezone() dates `day`."""
    return local_midnight(day).isoformat(timespec="microseconds")


def catch_up(conn: sqlite3.Connection, totals: ReviewTotals) -> None:
    """Count the reviews added since `totals` were made and uncount the ones undone since (reviews are
    only ever appended, and undone by marking them)."""
    # The index named: without statistics SQLite scans the 50 MB table for "IS NOT NULL" (10 ms, not 0.1 ms);
    # and no "id <= last_id", or it would walk the table by id.
    for log_id, at, rating, qid in conn.execute(
            "SELECT id, reviewed_at, rating, question_id FROM review_log INDEXED BY review_log_live_times "
            "WHERE undone_at IS NOT NULL").fetchall():
        if log_id <= totals.last_id and log_id not in totals.undone:
            totals.undone.add(int(log_id))
            _count(totals, str(at), int(rating), str(qid), -1)
    rows = conn.execute("SELECT id, reviewed_at, rating, question_id, undone_at FROM review_log WHERE id > ? "
                        "ORDER BY id", (totals.last_id,)).fetchall()
    for log_id, at, rating, qid, undone_at in rows:
        if undone_at is None:
            _count(totals, str(at), int(rating), str(qid), +1)
        else:
            totals.undone.add(int(log_id))
        totals.last_id = int(log_id)


def _count(totals: ReviewTotals, at: str, rating: int, question_id: str, step: int) -> None:
    day = datetime.fromisoformat(at).astimezone().date()
    totals.days[day] += step
    if not totals.days[day]:
        del totals.days[day]  # as if it had been counted from scratch
    reviews, lapses = totals.per_question.get(question_id, (0, 0))
    reviews, lapses = reviews + step, lapses + step * (rating == 1)
    if reviews:
        totals.per_question[question_id] = (reviews, lapses)
    else:
        totals.per_question.pop(question_id, None)
