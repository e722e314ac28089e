"""Spaced repetition on disk: each question's card and the append-only review log, one part of the user's
database over the Store's connection; reached as `store.review_log`. Writes raise StoreWriteError like
every Store write; each committed change is announced on the Store's ChangeFeed as Change.REVIEWS.

A card is kept as fsrs' own JSON (`Card.to_json()`): only core parses it (scheduler, study_record, today,
export); the UI gets Cards or plain values from them, never the text.

    log = store.review_log
    log.card_json(question_id) -> str | None     # None: never reviewed (or its only review undone)
    log.cards() -> dict[str, str]                # every card, by question id
    log.due_ids(until) -> list[str]              # soonest due first
    log.record_review(qid, rating, at, duration_ms, card_json, due) -> int   # the log id
    log.undo_last_review(expected=None) -> str | None                      # the question put back
    log.reviews(since=None) -> list[Review]      # live reviews, oldest first
    log.first_reviewed_since(since) -> set[str]
    log.totals() -> ReviewTotals                 # the live log counted by local day and by question
    log.catch_up(totals)                         # count what was added or undone since (review_totals.py)
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import TYPE_CHECKING, NamedTuple

from desktop.core.changes import Change
from desktop.core.review_totals import ReviewTotals, catch_up, read_totals

if TYPE_CHECKING:
    from desktop.core.store import Store


class Review(NamedTuple):
    """One live review (a tuple, so `qid, rating, at, ms = review` reads as before)."""

    question_id: str
    rating: int  # 1 Again, 2 Hard, 3 Good, 4 Easy
    at: datetime
    duration_ms: int | None


class ReviewLog:
    """The spaced-repetition part of the Store: same connection, same transactions, same change feed."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._db = store._db  # one connection for every kind of data, so one transaction can span them

    def totals(self) -> ReviewTotals:
        """The whole live log counted, in one read transaction (desktop/core/review_totals.py)."""
        return read_totals(self._db)

    def catch_up(self, totals: ReviewTotals) -> None:
        """Bring `totals` up to date with the reviews added and undone since they were counted."""
        catch_up(self._db, totals)

    def card_json(self, question_id: str) -> str | None:
        row = self._db.execute("SELECT card FROM cards WHERE question_id = ?", (question_id,)).fetchone()
        return str(row[0]) if row else None

    def cards(self) -> dict[str, str]:
        return {qid: card for qid, card in self._db.execute("SELECT question_id, card FROM cards")}

    def due_ids(self, until: datetime) -> list[str]:
        rows = self._db.execute("SELECT question_id FROM cards WHERE due <= ? ORDER BY due", (_iso(until),))
        return [r[0] for r in rows]

    def record_review(self, question_id: str, rating: int, reviewed_at: datetime, duration_ms: int | None,
                      card_json: str, due: datetime) -> int:
        """Store the new card and append the review, atomically. Returns the log id."""
        s = self._store
        before = self.card_json(question_id)
        with s.transaction():
            s._write(
                "INSERT INTO cards (question_id, card, due) VALUES (?, ?, ?) "
                "ON CONFLICT (question_id) DO UPDATE SET card = excluded.card, due = excluded.due",
                (question_id, card_json, _iso(due)),
            )
            cur = s._write(
                "INSERT INTO review_log (question_id, rating, reviewed_at, duration_ms, card_before) "
                "VALUES (?, ?, ?, ?, ?)",
                (question_id, rating, _iso(reviewed_at), duration_ms, before),
            )
        s._announce(Change.REVIEWS, question_id)
        return int(cur.lastrowid or 0)

    def undo_last_review(self, expected: str | None = None) -> str | None:
        """Put back the card as it was before the newest live review; returns its question id.

        With `expected`, nothing changes unless that review belongs to that question.
        """
        row = self._db.execute(
            "SELECT id, question_id, card_before FROM review_log WHERE undone_at IS NULL ORDER BY id DESC LIMIT 1"
        ).fetchone()
        if row is None or (expected is not None and row[1] != expected):
            return None
        log_id, question_id, before = row
        s = self._store
        with s.transaction():
            if before is None:
                s._write("DELETE FROM cards WHERE question_id = ?", (question_id,))
            else:
                due = _card_due(before)
                s._write("UPDATE cards SET card = ?, due = ? WHERE question_id = ?", (before, due, question_id))
            s._write("UPDATE review_log SET undone_at = ? WHERE id = ?", (s._now(), log_id))
        s._announce(Change.REVIEWS, str(question_id))
        return str(question_id)

    def reviews(self, since: datetime | None = None) -> list[Review]:
        """Live (not undone) reviews, oldest first."""
        rows = self._db.execute(
            "SELECT question_id, rating, reviewed_at, duration_ms FROM review_log "
            "WHERE undone_at IS NULL AND reviewed_at >= ? ORDER BY id",
            (_iso(since) if since else "",),
        )
        return [Review(q, int(r), datetime.fromisoformat(t), d) for q, r, t, d in rows]

    def first_reviewed_since(self, since: datetime) -> set[str]:
        """The questions seen for the first time since `since`."""
        rows = self._db.execute(
            "SELECT question_id FROM review_log WHERE undone_at IS NULL AND card_before IS NULL AND reviewed_at >= ?",
            (_iso(since),))
        return {r[0] for r in rows}


def _iso(at: datetime) -> str:
    # Fixed width, so text order is time order in SQL comparisons.
    return at.astimezone(UTC).isoformat(timespec="microseconds")


def _card_due(card_json: str) -> str:
    return _iso(datetime.fromisoformat(json.loads(card_json)["due"]))
