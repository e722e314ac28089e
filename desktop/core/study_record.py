"""What Progress's figures are made of, read once and kept current through the store's change feed. No Qt.

Opening Progress used to read and parse every card, count the whole review log (50,000 rows after a year)
twice over (per local day, per question) and read the interview list twice, each time it was opened. Here
the parsed cards, the live reviews counted per local day and per question, and the interview summaries are
read once, shared by every figure (and by the status bar's count of today), and then only brought up to
date: a review re-reads its own card and the log rows added or undone since; a restore reads everything
again. The counting is done by SQLite over two small indexes (review_log_live_*), and the first full read
can be made on a thread of its own, over a connection of its own, before anyone opens Progress.
"""

from __future__ import annotations

import sqlite3
import threading
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from desktop.core.changes import Change, Changed
from desktop.core.store import Store

if TYPE_CHECKING:
    from fsrs import Card

    from desktop.core.interview_store import InterviewSummary


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
    guess = datetime(day.year, day.month, day.day).astimezone(UTC)
    if _local_day(guess) != day or _local_day(guess - timedelta(microseconds=1)) == day:
        # A clock change at midnight (Havana, Beirut): the day begins at the change. Find it, to the second.
        before, after = guess - timedelta(days=1), guess + timedelta(days=1)
        while after - before > timedelta(seconds=1):
            middle = before + timedelta(seconds=(after - before).total_seconds() // 2)
            before, after = (before, middle) if _local_day(middle) >= day else (middle, after)
        guess = after
    return guess.isoformat(timespec="microseconds")


def _local_day(at: datetime) -> date:
    return at.astimezone().date()


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


def _read_cards(store: Store) -> dict[str, Card]:
    from fsrs import Card  # here: the window is built, and warmed up, without importing fsrs

    return {qid: Card.from_json(text) for qid, text in store.review_log.cards().items()}


def _read_interviews(store: Store) -> list[InterviewSummary]:
    return store.interview_store.summaries()


@dataclass(frozen=True)
class _Warmed:
    """What a warm-up read, and how many changes had been announced when it began."""

    seen: tuple[int, int, int]  # (replacements, review changes, interview changes)
    totals: ReviewTotals
    cards: dict[str, Card]
    interviews: list[InterviewSummary]


class StudyRecord:
    """The cards, the counted review log and the interviews, shared by every Progress figure.

    Subscribes to the store's change feed (without keeping itself alive): whatever changed is read again
    the next time it is asked for, and only that. What it hands out is shared: read it, never change it.
    """

    def __init__(self, store: Store) -> None:
        self._store = store
        self._db = store._db  # one connection for every kind of data (see core/store.py)
        self._cards: dict[str, Card] | None = None
        self._stale_cards: set[str] = set()
        self._totals: ReviewTotals | None = None
        self._log_moved = False  # reviews were added or undone since the totals last caught up
        self._interviews: list[InterviewSummary] | None = None
        self._days: Counter[date] | None = None  # the two above, added up
        self._replaced = self._review_changes = self._interview_changes = 0
        # The warm-up running, what it saw when it began and where it puts what it read.
        self._warming: tuple[threading.Thread, tuple[int, int, int], list[_Warmed]] | None = None
        self._warms = False  # warm up again after a restore
        store.changes.subscribe_while_alive(self._on_change)

    def _on_change(self, changed: Changed) -> None:
        if changed.touches(Change.REVIEWS | Change.INTERVIEWS):
            self._days = None
        if changed.touches(Change.REVIEWS):
            self._review_changes += 1
            if changed.question_ids and self._cards is not None:
                self._stale_cards |= changed.question_ids
            else:  # many or unknown (a restore): read everything again
                self._cards, self._stale_cards = None, set()
            self._log_moved = True
            if not changed.question_ids:  # the log may have been replaced, not appended to: count it again
                self._totals, self._replaced = None, self._replaced + 1
        if changed.touches(Change.INTERVIEWS):
            self._interview_changes += 1
            self._interviews = None
        if changed.what == Change.ALL and self._warms:
            self.warm_in_background()

    def _seen(self) -> tuple[int, int, int]:
        return self._replaced, self._review_changes, self._interview_changes

    # ------------------------------------------------------------------ reading

    def cards(self) -> dict[str, Card]:
        """Every stored card, parsed, by question id (including questions no longer in the bank)."""
        if self._cards is None:
            self._adopt_warmed()
        if self._cards is None:
            self._cards, self._stale_cards = _read_cards(self._store), set()
        if self._stale_cards:
            from fsrs import Card

            for qid in self._stale_cards:
                text = self._store.review_log.card_json(qid)
                if text is None:
                    self._cards.pop(qid, None)  # its only review was undone
                else:
                    self._cards[qid] = Card.from_json(text)
            self._stale_cards = set()
        return self._cards

    def review_totals(self) -> ReviewTotals:
        if self._totals is None:
            self._adopt_warmed()
        if self._totals is None:
            self._totals, self._log_moved = read_totals(self._db), False
        elif self._log_moved:
            catch_up(self._db, self._totals)
            self._log_moved = False
        return self._totals

    def review_counts(self) -> dict[str, tuple[int, int]]:
        """Live reviews and lapses (Again grades) per question, as Store.review_counts() counts them."""
        return self.review_totals().per_question

    def interviews(self) -> list[InterviewSummary]:
        """Every interview, newest first."""
        if self._interviews is None:
            self._adopt_warmed()
        if self._interviews is None:
            self._interviews = _read_interviews(self._store)
        return self._interviews

    def study_days(self) -> Counter[date]:
        """How much was done on each local day: quiz reviews plus interview questions asked."""
        if self._days is None:
            days = Counter(self.review_totals().days)
            for interview in self.interviews():
                days[interview.started_at.astimezone().date()] += interview.asked
            self._days = days
        return self._days

    # --------------------------------------------------------------- warming up

    def warm_in_background(self) -> None:
        """Read everything on a thread of its own, over a read-only connection of its own (SQLite lets go of
        the GIL while it counts), so the first Progress after launch or a restore does not wait for it."""
        self._warms = True
        path, seen = self._store.path, self._seen()
        if path is None or not path.exists() or (self._warming is not None and self._warming[1] == seen):
            return
        box: list[_Warmed] = []  # its own: one begun before a restore cannot hand over what it read

        def read() -> None:
            try:
                conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=0.1, isolation_level=None)
                try:
                    store = Store(conn, path, read_only=True)
                    totals = read_totals(conn)
                    box.append(_Warmed(seen, totals, _read_cards(store), _read_interviews(store)))
                finally:
                    conn.close()
            except Exception:  # a warm-up that fails leaves the reading to the UI thread, as without one
                pass

        thread = threading.Thread(target=read, name="study-record", daemon=True)
        self._warming = (thread, seen, box)
        thread.start()

    def _adopt_warmed(self) -> None:
        """Take what the warm-up read, where nothing has changed since it began (the log's totals catch up)."""
        if self._warming is None:
            return
        thread, _seen, box = self._warming
        thread.join()
        self._warming = None
        warmed = box[0] if box else None
        if warmed is None or warmed.seen[0] != self._replaced:
            return
        if self._totals is None:
            self._totals, self._log_moved = warmed.totals, warmed.seen[1] != self._review_changes
        if self._cards is None and warmed.seen[1] == self._review_changes:
            self._cards, self._stale_cards = warmed.cards, set()
        if self._interviews is None and warmed.seen[2] == self._interview_changes:
            self._interviews = warmed.interviews
