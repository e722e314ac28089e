"""Search and indexing now against an earlier commit's search module, in one run on one machine.

    python -m benchmarks.search_vs [--rev 05ca153~1] [--size 10000]

Absolute budgets drift with the machine's load; a ratio in the same run does not. Each module is
built and measured --runs times, alternating with the other; the load average is printed per run.
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import REPO, median, percentile, table
from benchmarks.search import PHRASES, RESULT_LIMIT, browse_keystroke, keystrokes, timed
from benchmarks.synthetic import write_bank


def module_at(rev: str):  # type: ignore[no-untyped-def]
    source = subprocess.run(["git", "show", f"{rev}:desktop/core/search.py"], cwd=REPO, capture_output=True,
                            text=True, check=True).stdout
    path = Path(tempfile.mkdtemp()) / "search_then.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("search_then", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["search_then"] = module
    spec.loader.exec_module(module)
    return module


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.search_vs")
    parser.add_argument("--rev", default="05ca153~1", help="the commit to compare with")
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args(argv)
    from desktop.core import search as now
    from desktop.core.bank import load_bank

    root = Path(tempfile.mkdtemp(prefix="mlcoach-vs-")) / "bank"
    notes = write_bank(root, args.size)
    bank = load_bank(root)
    queries = [query for phrase in PHRASES for query in keystrokes(phrase)]
    rows = []
    for label, module in ((f"at {args.rev}", module_at(args.rev)), ("now", now)) * args.runs:
        start = time.perf_counter()
        index = module.SearchIndex()
        index.add(bank.questions, notes)
        built = (time.perf_counter() - start) * 1000
        latencies = timed(lambda query: index.search(query, module.Filter(), limit=RESULT_LIMIT), queries)  # noqa: B023
        browse = timed(lambda query: browse_keystroke(index, module.Filter, query), queries)  # noqa: B023
        rows.append((label, round(built), median(latencies), percentile(latencies, 95), median(browse),
                     percentile(browse, 95), Path("/proc/loadavg").read_text().split()[0]))
    print(table(("search module", "index ms", "median ms", "p95 ms", "Browse keystroke median ms",
                 "Browse p95 ms", "load average"), rows))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
