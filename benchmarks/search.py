"""Search as you type: latency of each keystroke's query against a 10,000-question bank with notes.

    python -m benchmarks.search [--size 10000]

Queries are typed a character at a time (every prefix of each phrase is one query), with no
filter, a category filter, a tag filter and the Has notes filter (the ids of the questions with a
note), the way the Browse search box runs them. The last row is all
that Browse asks of the index for one keystroke with a category chosen: the search, the count of
matches in other categories, and a snippet for each of the first SNIPPETS_FOR results (Browse
skips those whose title already shows every word, so this is an upper bound).
Budget: median ≤ 5 ms, p95 ≤ 16 ms.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import median, percentile, table
from benchmarks.synthetic import write_bank

PHRASES = ("gradient descent", "regularization", "bias variance", "attention transformer", "precision recall",
           "boosting tree split", "confidence interval", "kernel margin", "drift monitoring", "q", "number 42")


RESULT_LIMIT = None  # what the Browse list asks for while you type: every match (desktop/ui/modes/browse/results.py)
SNIPPETS_FOR = 40  # and how many of its first results get a snippet (same file)
TAG = "gradient"  # a tag of about 350 of the 10,000 synthetic questions (each has two of 57 words as tags)


def keystrokes(phrase: str) -> list[str]:
    return [phrase[:i] for i in range(1, len(phrase) + 1)]


def browse_keystroke(index, filter_type, query: str) -> None:  # type: ignore[no-untyped-def]
    """What Browse asks of the index (any version of desktop/core/search.py) for one keystroke."""
    where = filter_type(category="topic-03")
    ids = index.search(query, where, limit=RESULT_LIMIT)
    index.count_elsewhere(query, where)
    if hasattr(index, "snippets"):
        index.snippets(ids[:SNIPPETS_FOR], query)
    else:  # before snippets() existed, Browse asked for one at a time, for titles not showing every word
        terms = [w.lower() for w in re.findall(r"\w+", query)]
        for qid in ids[:SNIPPETS_FOR]:
            if not all(t in index._questions[qid].title.lower() for t in terms):
                index.snippet(qid, query, "", "", words=12)


def timed(call, queries: list[str]) -> list[float]:  # type: ignore[no-untyped-def]
    """Milliseconds each `call(query)` took."""
    latencies = []
    for query in queries:
        start = time.perf_counter()
        call(query)
        latencies.append((time.perf_counter() - start) * 1000)
    return latencies


def run(size: int) -> list[tuple[str, list[float]]]:
    from desktop.core.bank import load_bank
    from desktop.core.search import Filter, SearchIndex

    with tempfile.TemporaryDirectory(prefix="mlcoach-search-") as tmp:
        root = Path(tmp) / "bank"
        notes = write_bank(root, size)
        bank = load_bank(root)
    index = SearchIndex()
    index.add(bank.questions, notes)
    queries = [query for phrase in PHRASES for query in keystrokes(phrase)]
    results = []
    filters = (("no filter", Filter()), ("category filter", Filter(category="topic-03")),
               ("tag filter", Filter(tag=TAG)), ("Has notes filter", Filter(only_ids=set(notes))))
    for label, where in filters:
        results.append((label, timed(lambda query, where=where: index.search(query, where, limit=RESULT_LIMIT),
                                     queries)))
    results.append(("Browse keystroke, category", timed(lambda query: browse_keystroke(index, Filter, query), queries)))
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
