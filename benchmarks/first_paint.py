"""CPU time to the first complete paint: the app from this tree against an earlier tree, alternating.

    python -m benchmarks.first_paint [--runs N] --before TREE

`TREE` is another commit's files (`git archive COMMIT | tar -x -C TREE`). Each launch is a fresh process
on a fresh data folder (offscreen, with bytecode caches, as installed apps run) that prints, at the event
loop's first idle moment after the main window's first paint event with the bank loaded (the complete frame
has been flushed by then; work queued with `after_paint` comes after it), the CPU time its UI thread and the
whole process (every thread) had used, and exits. CPU time varies far less than wall time on a shared
machine, which is what this is for: telling a change of a few ms from the noise that
benchmarks/visual_ready.py sees (docs/performance.md, "Issue 23, third round").
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import REPO, load_average, machine, median, offscreen_env, table

# Runs in the child: the app's own main(), with a hook on the window's first paint once the bank is in.
CHILD = """
import os, sys, time
sys.path.insert(0, {tree!r})
from desktop.ui import main_window

loaded = main_window.MainWindow.bank_loaded

def bank_loaded(self, *args):
    loaded(self, *args)
    from PySide6.QtCore import QAbstractEventDispatcher, QEvent, QObject

    def report():
{report}
        os._exit(0)

    class Watch(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint and not hooked:
                hooked.append(True)
                QAbstractEventDispatcher.instance().aboutToBlock.connect(report)
            return False

    hooked = []
    self._first_paint_watch = Watch(self)
    self.installEventFilter(self._first_paint_watch)

main_window.MainWindow.bank_loaded = bank_loaded
from desktop.app import main
sys.exit(main())
"""
CPU_TIMES = 'print(f"first-paint {time.thread_time() * 1000:.1f} {time.process_time() * 1000:.1f}", flush=True)'


def at_first_paint(report: str, tree: Path = REPO) -> str:
    """A `python -c` script that runs the app from `tree` and, at its first complete paint (the event loop's
    first idle moment after the main window's first paint with the bank loaded), runs `report` (Python
    statements; os, sys and time are imported) and exits. Also used by tests/ui/test_startup.py."""
    body = "\n".join(" " * 8 + line for line in report.strip().splitlines())
    return CHILD.format(tree=str(tree), report=body)


def launch(tree: Path) -> tuple[float, float, float]:
    """(UI thread CPU ms, process CPU ms, wall ms from spawn) at the first complete paint."""
    with tempfile.TemporaryDirectory(prefix="mlcoach-first-paint-") as data:
        start = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", at_first_paint(CPU_TIMES, tree), "--data-dir", data],
                             cwd=tree, env=offscreen_env(), capture_output=True, text=True, timeout=60)
        wall = (time.perf_counter() - start) * 1000
    line = next((x for x in out.stdout.splitlines() if x.startswith("first-paint ")), None)
    if line is None:
        raise RuntimeError(f"{tree}: no first paint reported\n{out.stderr[-2000:]}")
    ui, process = map(float, line.split()[1:])
    return ui, process, wall


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--before", type=Path, required=True, help="the app's files as an earlier commit had them")
    args = parser.parse_args(argv)
    trees = {f"before ({args.before.name})": args.before.resolve(), "this tree": REPO}
    results: dict[str, list[tuple[float, float, float]]] = {label: [] for label in trees}
    for turn in range(args.runs + 1):  # the first turn warms the file cache and writes each tree's bank cache
        for label, tree in trees.items():
            run = launch(tree)
            if turn:
                results[label].append(run)
    print(f"# CPU time to the first complete paint ({machine()}; load average {load_average()})\n")
    rows = [(label, len(runs), f"{median([r[0] for r in runs]):.0f}", f"{median([r[1] for r in runs]):.0f}",
             f"{median([r[2] for r in runs]):.0f}") for label, runs in results.items()]
    print(table(("code", "runs", "UI thread CPU ms", "process CPU ms", "wall ms (exit)"), rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
