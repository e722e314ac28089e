"""What one autosave costs while someone types without pausing, on a year of data.

    python -m benchmarks.note_save [--notes 2000] [--reviews 50000] [--saves 300]

The autosave (desktop/ui/widgets/autosave.py) writes a note at most every 0.75 s while typing goes
on, on the UI thread. Each save is one transaction that updates the note and folds it into its
current revision. It must never make typing stutter: budget, p95 under one frame (16.7 ms). It is
measured on a database with 2,000 notes (with revisions) and 50,000 reviews, built through the
store's own API, against the same saves on an empty database in the same run.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from benchmarks.common import median, percentile, table

FRAME_MS = 1000 / 60
CARD = json.dumps({"card_id": 1, "state": 2, "step": None, "stability": 5.1, "difficulty": 5.0,
                   "due": "2026-12-06T10:00:00+00:00", "last_review": "2026-12-01T10:00:00+00:00"})


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2025, 12, 6, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def year_of_data(path: Path, notes: int, reviews: int) -> None:
    from desktop.core.store import Store

    clock = Clock()
    store = Store.open(path, clock)
    for i in range(notes):
        for revision in range(3):  # three sessions of editing, each its own revision
            store.note_store.save_note(f"question-{i:05d}", f"note {i}, draft {revision}: " + "words " * 40)
            clock.now += timedelta(minutes=11)
    for i in range(reviews):
        store.review_log.record_review(f"question-{i % 5000:05d}", 1 + i % 4, clock.now, 8000, CARD,
                            clock.now + timedelta(days=3))
        clock.now += timedelta(minutes=5)
    store.close()


def typing_saves(path: Path, saves: int) -> list[float]:
    """Save one growing note as the autosave does while typing goes on; ms per save."""
    from desktop.core.store import Store

    store = Store.open(path)
    text = "I type without pausing: "
    times = []
    for i in range(saves):
        text += "abcd "[i % 5] * 4  # about four keystrokes between two saves
        start = time.perf_counter()
        store.note_store.save_note("question-00042", text)
        times.append((time.perf_counter() - start) * 1000)
    store.close()
    return times


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.note_save")
    parser.add_argument("--notes", type=int, default=2000)
    parser.add_argument("--reviews", type=int, default=50_000)
    parser.add_argument("--saves", type=int, default=300)
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory(prefix="mlcoach-save-") as tmp:
        empty = Path(tmp) / "empty.db"
        full = Path(tmp) / "year.db"
        built = time.perf_counter()
        year_of_data(full, args.notes, args.reviews)
        built_s = time.perf_counter() - built
        baseline = typing_saves(empty, args.saves)
        for label, times in (("empty database", baseline),
                             (f"{args.notes:,} notes, {args.reviews:,} reviews", typing_saves(full, args.saves))):
            rows.append((label, len(times), median(times), percentile(times, 95), max(times),
                         f"{median(times) / median(baseline):.2f}×",
                         "yes" if percentile(times, 95) < FRAME_MS else "NO"))
    print(table(("database", "saves", "median ms", "p95 ms", "max ms", "vs empty", "p95 < 1 frame?"), rows))
    print(f"\n(year of data built through the store's API in {built_s:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
