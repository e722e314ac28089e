"""Running a coding exercise: from "run" to the results, for a typical NumPy exercise.

    python -m benchmarks.exercise_run [--runs 15] [--bundle build/dist/ml-interview-coach]

Budget (DESIGN.md): under 1 s from Ctrl+Enter to results, from source and from the frozen bundle.
Timed here: ExerciseRunner.run() for the bundled softmax/cross-entropy exercise's solution (7 tests),
i.e. writing the job, starting the child, importing NumPy, the tests, reading the results and
cleaning up. Baselines in the same run, launched the same way: a bare `python -c pass` child and one
that only imports NumPy. The frozen bundle is measured too when it has been built (`make package`).
Launches alternate so a noisy machine slows all of them alike.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.common import REPO, median, percentile, table

EXERCISE = "implement-softmax-cross-entropy"
BUNDLE = REPO / "build" / "dist" / "ml-interview-coach"


def timed(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    return (time.perf_counter() - started) * 1000


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--bundle", type=Path, default=BUNDLE, help="a built one-folder bundle (optional)")
    parser.add_argument("--quick", action="store_true",
                        help="one run, no warm-up: checks it works, measures nothing (python -m benchmarks --quick)")
    args = parser.parse_args(argv)
    if args.quick:
        args.runs = 1

    from desktop import RUN_EXERCISE_FLAG
    from desktop.core.bank import load_bank
    from desktop.core.exercises import ExerciseRunner
    from desktop.paths import content_dir

    question = load_bank(content_dir()).get(EXERCISE)
    assert question is not None and question.is_exercise, f"{EXERCISE} is not an exercise in the bank"

    def exercise(command: list[str] | None) -> Callable[[], None]:
        def run() -> None:
            result = ExerciseRunner.for_question(question, question.solution, command).run()
            assert result.ok, result.message

        return run

    launches: dict[str, Callable[[], object]] = {
        "bare `python -c pass` child": lambda: subprocess.run([sys.executable, "-c", "pass"], check=True),
        "`python -c 'import numpy'` child": lambda: subprocess.run([sys.executable, "-c", "import numpy"], check=True),
        "exercise run (source)": exercise(None),
    }
    executable = args.bundle / "mlcoach"
    if executable.is_file():
        launches["exercise run (frozen bundle)"] = exercise([str(executable), RUN_EXERCISE_FLAG])
    for run in launches.values() if not args.quick else ():  # warm-up: disk caches, NumPy's first import
        timed(run)
    times: dict[str, list[float]] = {name: [] for name in launches}
    for _ in range(args.runs):
        for name, run in launches.items():
            times[name].append(timed(run))
    bare = median(times["bare `python -c pass` child"])
    rows = [(name, len(ms), median(ms), min(ms), percentile(ms, 95), f"{median(ms) / bare:.1f}×")
            for name, ms in times.items()]
    print(f"{EXERCISE}: {question.tests.count('def test_')} tests, solution code\n")
    print(table(["launch", "runs", "median ms", "min ms", "p95 ms", "vs bare child"], rows))
    if not executable.is_file():
        print(f"\n(no frozen bundle at {args.bundle}: `make package` builds one)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
