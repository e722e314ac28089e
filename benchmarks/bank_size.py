"""Bank size: time to load and index synthetic banks, and whether the UI thread stalls meanwhile.

    python -m benchmarks.bank_size [--sizes 1000 10000] [--repeats 5]

Load-and-index is timed in this process (perf_counter, median of repeats), and so is getting the
same bank and index from the prepared cache (core.bank_cache), which is what a launch does while the
content is unchanged. The stall
test runs the app's own BankLoader on a worker thread inside a Qt event loop while a
1 ms timer on the UI thread records the longest gap between its ticks: a gap over one
frame (16.7 ms) would be a visible freeze. Budget: 1,000 questions ≤ 150 ms; 10,000
without freezing the UI.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import median, table
from benchmarks.synthetic import write_bank

FRAME_MS = 1000 / 60


def load_and_index(root: Path, notes: dict[str, str]) -> tuple[float, int]:
    from desktop.core.bank import load_bank
    from desktop.core.search import SearchIndex

    start = time.perf_counter()
    bank = load_bank(root)
    index = SearchIndex()
    index.add(bank.questions, notes)
    elapsed = time.perf_counter() - start
    assert not bank.problems, bank.problems[:3]
    return elapsed, len(bank.questions)


def from_cache(root: Path, notes: dict[str, str], repeats: int) -> float:
    """Median ms to get the same bank and index, notes in it, from the prepared cache (core.bank_cache), as
    every launch after the first does (the data folder's own file then holds the notes too)."""
    from desktop.core.bank import load_bank
    from desktop.core.bank_cache import CacheFiles, Preparation

    files = CacheFiles(root.parent / f"{root.name}-mine.cache", root.parent / f"{root.name}-shared.cache")
    first = Preparation([root], files, lambda breathe: load_bank(root, (), breathe))
    first.add_notes(notes)
    first.write()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        prepared = Preparation([root], files, lambda breathe: load_bank(root, (), breathe))
        prepared.add_notes(notes)
        times.append((time.perf_counter() - start) * 1000)
        assert prepared.source is not None  # the data folder's file when it holds many notes, else the shared one
    return median(times)


def longest_ui_stall(root: Path, notes: dict[str, str]) -> tuple[float, float]:
    """(longest gap between UI-thread timer ticks in ms, load time in ms) while BankLoader runs."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.core.bank import load_bank
    from desktop.ui.bank_loader import BankLoader

    app = QApplication.instance() or QApplication([])
    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append((now - last[0]) * 1000)
        last[0] = now

    timer = QTimer(interval=1)
    timer.timeout.connect(tick)
    loader = BankLoader(lambda breathe: load_bank(root, (), breathe), notes)
    done: list[float] = []
    start = time.perf_counter()
    loader.loaded.connect(lambda _b, _i: (done.append((time.perf_counter() - start) * 1000), app.quit()))
    loader.failed.connect(lambda msg: (print(msg, file=sys.stderr), app.quit()))
    timer.start()
    last[0] = time.perf_counter()
    loader.start()
    app.exec()
    timer.stop()
    loader.wait(timeout_s=30)
    return max(gaps, default=0.0), done[0] if done else float("nan")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory(prefix="mlcoach-bank-") as tmp:
        for n in args.sizes:
            root = Path(tmp) / f"bank-{n}"
            notes = write_bank(root, n)
            times = []
            for _ in range(args.repeats):
                elapsed, count = load_and_index(root, notes)
                times.append(elapsed * 1000)
            cached = from_cache(root, notes, args.repeats)
            stall, threaded = longest_ui_stall(root, notes)
            rows.append((f"{count:,}", f"{median(times):.0f}", f"{min(times):.0f}", f"{cached:.0f}", f"{threaded:.0f}",
                         f"{stall:.1f}", "no" if stall <= FRAME_MS else "YES"))
    print(table(("questions", "load+index median ms", "min ms", "from the prepared cache ms", "on worker thread ms",
                 "longest UI-thread gap ms", "UI froze (> 1 frame)?"), rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
