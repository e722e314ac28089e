"""What Progress's figures are made of, read once and kept current through the store's change feed. No Qt.

Opening Progress used to read and parse every card, count the whole review log (50,000 rows after a year)
twice over (per local day, per question) and read the interview list twice, each time it was opened. Here
the parsed cards, the live reviews counted per local day and per question, and the interview summaries are
read once, shared by every figure (and by the status bar's count of today), and then only brought up to
date: a review re-reads its own card and the log rows added or undone since; a restore reads everything
again. The counting (desktop/core/review_totals.py, through store.review_log) is done by SQLite over two
small indexes (review_log_live_*), and the first full read can be made on a thread of its own, over a
connection of its own, before anyone opens Progress.
"""

from __future__ import annotations

import sqlite3
import threading
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from desktop.core.changes import Change, Changed
from desktop.core.review_totals import ReviewTotals
from desktop.core.store import Store

if TYPE_CHECKING:
    from fsrs import Card

    from desktop.core.interview_store import InterviewSummary


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
            self._totals, self._log_moved = self._store.review_log.totals(), False
        elif self._log_moved:
            self._store.review_log.catch_up(self._totals)
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
                    totals = store.review_log.totals()
                    box.append(_Warmed(seen, totals, _read_cards(store), _read_interviews(store)))
                finally:
                    conn.close()
            except Exception:  # a warm-up that fails leaves the reading to the UI thread, as without one
                pass

        thread = threading.Thread(target=read, name="study-record", daemon=True)
        self._warming = (thread, seen, box)
        thread.start()

    def warming(self) -> bool:
        """True while the warm-up thread is still reading: asking for anything now waits for it."""
        return self._warming is not None and self._warming[0].is_alive()

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
