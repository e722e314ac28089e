"""Search as you type: latency of each keystroke's query against a 10,000-question bank with notes.

    python -m benchmarks.search [--size 10000]

Queries are typed a character at a time (every prefix of each phrase is one query), with no
filter and with a category filter, the way the Browse search box runs them.
Budget: median ≤ 5 ms, p95 ≤ 16 ms.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import median, percentile, table
from benchmarks.synthetic import write_bank

PHRASES = ("gradient descent", "regularization", "bias variance", "attention transformer", "precision recall",
           "boosting tree split", "confidence interval", "kernel margin", "drift monitoring", "q", "number 42")


RESULT_LIMIT = 500  # what the Browse list asks for while you type (desktop/ui/modes/browse/results.py)


def keystrokes(phrase: str) -> list[str]:
    return [phrase[:i] for i in range(1, len(phrase) + 1)]


def run(size: int) -> list[tuple[str, list[float]]]:
    from desktop.core.bank import load_bank
    from desktop.core.search import Filter, SearchIndex

    with tempfile.TemporaryDirectory(prefix="mlcoach-search-") as tmp:
        root = Path(tmp) / "bank"
        notes = write_bank(root, size)
        bank = load_bank(root)
    index = SearchIndex()
    index.add(bank.questions, notes)
    results = []
    for label, where in (("no filter", Filter()), ("category filter", Filter(category="topic-03"))):
        latencies = []
        for phrase in PHRASES:
            for query in keystrokes(phrase):
                start = time.perf_counter()
                index.search(query, where, limit=RESULT_LIMIT)
                latencies.append((time.perf_counter() - start) * 1000)
        results.append((label, latencies))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10000)
    args = parser.parse_args(argv)
    rows = [(label, len(lat), f"{median(lat):.2f}", f"{percentile(lat, 95):.2f}", f"{max(lat):.2f}")
            for label, lat in run(args.size)]
    print(table((f"{args.size:,} questions", "queries", "median ms", "p95 ms", "max ms"), rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
