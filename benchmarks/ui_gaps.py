"""Big work never freezes the UI: the longest gap between a 1 ms UI-thread timer's ticks while the app
backs up, exports, restores and imports, on a year of data.

    python -m benchmarks.ui_gaps [--quick] [--rows 10000]

The same probe as benchmarks/bank_size.py: a 1 ms QTimer on the UI thread records the time between its
ticks while the real main window (offscreen) does the work through its own menus' code (DataController,
ExportDialog). A gap over one frame (16.7 ms) is a visible freeze. The data folder is a year of use
(benchmarks/year_of_use.py: 2,000 notes with 20 revisions, 50,000 reviews, 500 interviews); the
import is a CSV of 10,000 questions. Budget (shared/DESIGN.md): no gap over one frame.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.common import bundled_bank, load_average, machine, median, table

FRAME_MS = 1000 / 60
QUICK_ROWS = 30  # --quick: a CSV import that shows the row works (the whole import, reload and re-index included)
QUICK_CATEGORY = "fundamentals"  # --quick: the bundled bank cut to this category's questions (29 of 574)


class Probe:
    """The longest gap between ticks of a 1 ms timer on the UI thread while `work` runs."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.gaps: list[float] = []
        self.busy: list[float] = []  # the UI thread's own CPU between two ticks: what it did, not what it waited for
        self._last = time.perf_counter()
        self._last_cpu = time.thread_time()
        self._timer = QTimer(interval=1)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        self.gaps.append((now - self._last) * 1000)
        self.busy.append((cpu - self._last_cpu) * 1000)
        self._last, self._last_cpu = now, cpu

    def measure(self, start: Callable[[], None], finished: Callable[[], bool],
                timeout_s: float = 600) -> tuple[float, float, float]:
        """(duration ms, longest gap ms, the UI thread's longest busy stretch in CPU ms): `start` is called from
        the event loop; then it runs until `finished`. The busy stretch (thread CPU time between two ticks)
        leaves out waiting for the GIL and for the cores, so it varies less with the machine's load."""
        from PySide6.QtCore import QEventLoop, QTimer

        loop = QEventLoop()
        began, ended = [0.0], [0.0]

        def go() -> None:
            began[0] = time.perf_counter()
            start()
            check()

        def check() -> None:
            if finished() or time.perf_counter() - began[0] > timeout_s:
                ended[0] = time.perf_counter()
                QTimer.singleShot(20, loop.quit)  # a few ticks after it, so a freeze at the very end counts too
            else:
                QTimer.singleShot(5, check)

        self.gaps.clear()
        self.busy.clear()
        self._last, self._last_cpu = time.perf_counter(), time.thread_time()
        self._timer.start()
        QTimer.singleShot(20, go)  # a few ticks first, so the probe is running when the work starts
        loop.exec()
        self._timer.stop()
        return (ended[0] - began[0]) * 1000, max(self.gaps, default=0.0), max(self.busy, default=0.0)


def questions_csv(path: Path, rows: int, seed: int = 7) -> Path:
    """A deck as people export them from other apps: question, answer, category, tags, difficulty, key points."""
    import csv

    from benchmarks.year_of_use import WORDS

    rng = random.Random(seed)

    def words(n: int) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(n))

    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["question", "answer", "category", "tags", "difficulty", "key_points"])
        for i in range(rows):
            writer.writerow([f"Question {i}: what is {words(6)}?", words(60).capitalize() + ".",
                             f"Deck topic {i % 12}", f"{rng.choice(WORDS)} {rng.choice(WORDS)}",
                             rng.choice(("easy", "medium", "hard")),
                             "\n".join(words(8) for _ in range(3))])
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="a small folder, one category, a small import: checks it works")
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--data-dir", type=Path, help="a year-of-use folder to copy (default: build one)")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import shutil

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QDialog

    from benchmarks.year_of_use import QUICK, Size, build_year
    from desktop.core import backups
    from desktop.core.bank import load_bank
    from desktop.core.importer import deck_roots
    from desktop.core.search import SearchIndex
    from desktop.core.store import DB_NAME, Store
    from desktop.paths import content_dir
    from desktop.ui import theme
    from desktop.ui.context import AppContext
    from desktop.ui.export_dialog import ExportDialog
    from desktop.ui.main_window import MainWindow
    from desktop.ui.widgets.restore_dialog import RestoreDialog

    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    theme.apply(app, "light")
    rows: list[tuple[object, ...]] = []
    with tempfile.TemporaryDirectory(prefix="mlcoach-gaps-") as tmp:
        scratch = Path(tmp)
        data = scratch / "data"
        if args.data_dir:
            shutil.copytree(args.data_dir, data, ignore=shutil.ignore_patterns("backups", "cache", "*.lock"))
        else:
            build_year(data, QUICK if args.quick else Size())
        root = content_dir()
        if args.quick:  # every step on one category: the same code, a twentieth of the exporting and indexing
            root = scratch / "content"
            shutil.copytree(content_dir() / QUICK_CATEGORY, root / QUICK_CATEGORY)
            shutil.copy2(content_dir() / "categories.yaml", root)
        bank = bundled_bank() if root == content_dir() else load_bank(root)
        store = Store.open(data / DB_NAME)
        index = SearchIndex()
        index.add(bank.questions, store.note_store.notes())
        ctx = AppContext(bank=bank, index=index, store=store, data_dir=data, status=lambda _m: None,
                         settings=QSettings(str(scratch / "settings.ini"), QSettings.Format.IniFormat),
                         load_bank=lambda breathe: load_bank(root, deck_roots(data), breathe))
        window = MainWindow(ctx)
        window.show()
        app.processEvents()
        gc.freeze()  # as the app's loader does once the bank is in (desktop/ui/bank_loader.py)
        probe = Probe()
        controller = window.data

        def record(what: str, start: Callable[[], None], finished: Callable[[], bool], repeats: int = 3) -> None:
            runs = [probe.measure(start, finished) for _ in range(1 if args.quick else repeats)]
            gaps, busy = [gap for _d, gap, _b in runs], [b for _d, _g, b in runs]
            rows.append((what, len(runs), f"{median([d for d, _g, _b in runs]):.0f}", f"{median(gaps):.1f}",
                         f"{max(gaps):.1f}", f"{median(busy):.1f}", f"{max(busy):.1f}",
                         "no" if median(gaps) <= FRAME_MS else "YES"))

        idle: list[float] = []
        idle_s = 0.2 if args.quick else 1.0  # --quick measures nothing: a fifth of the wait shows it works
        record(f"nothing (the machine's own noise, {idle_s:g} s)", lambda: idle.append(time.perf_counter() + idle_s),
               lambda: time.perf_counter() > idle[-1])
        db_mb = (data / DB_NAME).stat().st_size / 1e6
        record(f"back up now ({db_mb:.0f} MB database)", controller.back_up_now,
               lambda: getattr(controller, "backup_worker", None) is None)  # (none before issue 23: it was here)
        dialog = ExportDialog(ctx, window)
        for key, name in (("csv", "all.csv"), ("notes", "notes.md"), ("anki", "all.apkg")):
            record(f"export {key} ({len(bank.questions)} questions)",
                   lambda key=key, name=name: print(dialog.export_to(key, scratch / name), file=sys.stderr),
                   lambda: True)
        newest = backups.list_backups(controller.backup_dir)[0].path
        RestoreDialog.exec = lambda self: QDialog.DialogCode.Accepted  # type: ignore[method-assign]
        RestoreDialog.chosen = lambda self: newest  # type: ignore[method-assign]
        record("restore a backup", controller.restore_from_backup, lambda: True, repeats=2)
        count = QUICK_ROWS if args.quick else args.rows
        deck = questions_csv(scratch / "deck.csv", count)
        record(f"import a CSV of {count:,} questions", lambda: controller.import_questions(False, deck),
               lambda: controller.import_worker is None, repeats=1)
        window.close()
        store.close()
    print(f"# UI-thread gaps ({machine()}; load average {load_average()})\n")
    print(table(("work", "runs", "took ms (median)", "longest UI gap ms (median)", "(max)",
                 "longest UI-thread CPU between ticks ms (median)", "(max)", "froze (> 1 frame)?"),
                rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
