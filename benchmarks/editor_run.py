"""Ctrl+Enter to results shown, in the app: the editor's whole path, against the runner alone.

    QT_QPA_PLATFORM=offscreen python -m benchmarks.editor_run [--runs 15]

Budget (DESIGN.md): under 1 s from Ctrl+Enter to results for a typical NumPy exercise, and no gap on
the UI thread over one frame (16.7 ms) during a run. Timed here, in a real main window on Browse with
the bundled softmax/cross-entropy exercise's solution in the editor: the key press (through the window's
shortcut), the code saved, the child started on a worker thread, the tests, the result recorded in the
store and drawn in the results panel, and one repaint. The baseline, in the same run and alternating
with it so a loaded machine slows both alike: ExerciseRunner.run() alone, called directly. A 1 ms timer
on the UI thread records the longest gap between its beats while the app waits for each result.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import median, percentile, study_window, table

EXERCISE = "implement-softmax-cross-entropy"


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} / {five:.2f} / {fifteen:.2f}"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--quick", action="store_true",
                        help="one run, no warm-up: checks it works, measures nothing (python -m benchmarks --quick)")
    args = parser.parse_args(argv)
    if args.quick:
        args.runs = 1
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import QElapsedTimer, Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from desktop.core.bank import load_bank
    from desktop.core.exercises import ExerciseRunner
    from desktop.paths import content_dir
    from desktop.ui import theme

    app = QApplication.instance() or QApplication(sys.argv[:1])
    theme.apply(app, "light")
    data = Path(tempfile.mkdtemp(prefix="mlcoach-bench-"))
    bank = load_bank(content_dir())
    question = bank.get(EXERCISE)
    assert question is not None and question.is_exercise
    window = study_window(bank, data)
    window.resize(1360, 820)
    window.show()
    window.activateWindow()
    browse = window.mode("browse")
    browse.open_question(EXERCISE)  # type: ignore[attr-defined]
    panel = browse.exercise  # type: ignore[attr-defined]
    panel.editor.setPlainText(question.solution)
    panel.editor.setFocus()
    for _ in range(10):
        app.processEvents()

    gap = QElapsedTimer()
    longest = [0.0]

    def beat() -> None:
        if gap.isValid():
            longest[0] = max(longest[0], gap.nsecsElapsed() / 1e6)
        gap.restart()

    beats = QTimer(interval=1)
    beats.timeout.connect(beat)

    def in_app() -> tuple[float, float]:
        """Ctrl+Enter to results drawn; and the longest UI-thread gap meanwhile (ms)."""
        shown: list[float] = []
        panel.ran.connect(lambda _r: shown.append(time.perf_counter()))
        longest[0] = 0.0
        gap.invalidate()
        beats.start()
        started = time.perf_counter()
        QTest.keyClick(panel.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        while not shown:
            app.processEvents()
            time.sleep(0.0005)
        panel.results.repaint()  # drawn, not just updated
        done = time.perf_counter()
        beats.stop()
        panel.ran.disconnect()
        assert panel.last_result is not None and panel.last_result.ok, panel.last_result
        return (done - started) * 1000, longest[0]

    def direct() -> float:
        started = time.perf_counter()
        result = ExerciseRunner.for_question(question, question.solution).run()
        assert result.ok, result.message
        return (time.perf_counter() - started) * 1000

    load_before = load()
    if not args.quick:
        in_app()  # warm-up: disk caches, NumPy's first import
        direct()
    app_ms: list[float] = []
    gaps: list[float] = []
    direct_ms: list[float] = []
    for _ in range(args.runs):
        ms, worst = in_app()
        app_ms.append(ms)
        gaps.append(worst)
        direct_ms.append(direct())
    load_after = load()
    window.close()

    base = median(direct_ms)
    rows = [("ExerciseRunner.run() alone (baseline)", len(direct_ms), median(direct_ms), min(direct_ms),
             percentile(direct_ms, 95), "1.00×"),
            ("Ctrl+Enter → results shown in the panel", len(app_ms), median(app_ms), min(app_ms),
             percentile(app_ms, 95), f"{median(app_ms) / base:.2f}×")]
    print(f"{EXERCISE}: {question.tests.count('def test_')} tests, solution code; "
          f"load average (1/5/15 min) {load_before} before, {load_after} after\n")
    print(table(["path", "runs", "median ms", "min ms", "p95 ms", "vs runner alone"], rows))
    print(f"\nlongest UI-thread gap while waiting for a result: median {median(gaps):.1f} ms, "
          f"worst {max(gaps):.1f} ms (a frame is 16.7 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
