"""Instructions to the first complete frame: the app against a bare PySide6 window, counted, not timed.

    python -m benchmarks.instructions [--runs N] [--before TREE] [--imports] [--quick]

Each program runs under valgrind's callgrind, which counts every instruction the process executes (all
threads): the app from spawn to its first complete paint (benchmarks/first_paint.py's hook, with the bank
loaded, on a data folder that one launch has already prepared), the bare window (benchmarks/bare_window.py)
from spawn to its exit after its first frame. On this shared virtual machine wall and CPU times move by a
third with the other agents' load, and it has no hardware counters for `perf`; an instruction count moves
by 0-9 % between runs of the same code (the two threads interleave differently), whatever the load. So this
is how a start-up change of several per cent is told from the noise (the median of `--runs`, alternating);
benchmarks/visual_ready.py's wall-clock figure is still the budget (shared/DESIGN.md). Instructions are not
time (a cache miss costs more than an add), but most of these are the Python interpreter's. `--before TREE`
adds the app from another commit's files (`git archive COMMIT | tar -x -C TREE`). `--imports` adds a floor: a
process that only imports the modules the app has loaded at its first complete paint, in the order it loaded
them, and builds nothing (docs/performance.md, "Issue 23: the floor"). Under valgrind a launch
takes about 40 s. `--quick` (python -m benchmarks --quick) counts `python -c pass` and then `true`: it checks the
plumbing (valgrind runs the interpreter, its count is read, a second program gets its row and its ratio) and
measures nothing. (It counted `python -c pass` twice: 1.7 s of CPU a count under valgrind, against 0.2 s.)
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.common import REPO, load_average, machine, median, offscreen_env, table
from benchmarks.first_paint import CPU_TIMES, at_first_paint

TIMEOUT_S = 600
BARE = "bare PySide6 window"
IMPORTS = "the app's imports alone (nothing built)"


def count(command: list[str], cwd: Path) -> int:
    """Instructions the program executed, every thread, as callgrind counts them."""
    env = offscreen_env()
    env["PYTHONHASHSEED"] = "0"  # the same set and dict orders each run
    with tempfile.TemporaryDirectory(prefix="mlcoach-instructions-") as tmp:
        out = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={tmp}/callgrind.out",
                              *command], cwd=cwd, env=env, capture_output=True, text=True, timeout=TIMEOUT_S)
    found = re.search(r"Collected : (\d+)", out.stderr)
    if found is None:
        raise RuntimeError(f"{command[:3]}: callgrind reported no count\n{out.stderr[-2000:]}")
    return int(found.group(1))


def app_to_first_paint(tree: Path) -> list[str]:
    return [sys.executable, "-c", at_first_paint(CPU_TIMES, tree)]


def modules_at_first_paint(tree: Path) -> list[str]:
    """The modules the app has loaded at its first complete paint, in the order it loaded them: from its second
    launch on one data folder, as every launch after the first (the first one also prepares the bank cache)."""
    report = 'print("modules", " ".join(name for name in sys.modules if name != "__main__"), flush=True)'
    with tempfile.TemporaryDirectory(prefix="mlcoach-instructions-modules-") as data:
        for _ in range(2):
            out = subprocess.run([sys.executable, "-c", at_first_paint(report, tree), "--data-dir", data], cwd=tree,
                                 env=offscreen_env(), capture_output=True, text=True, timeout=120)
    line = next((x for x in out.stdout.splitlines() if x.startswith("modules ")), None)
    if line is None:
        raise RuntimeError(f"{tree}: no first paint reported\n{out.stderr[-2000:]}")
    return line.split()[1:]


def imports_alone(tree: Path) -> list[str]:
    """A process that imports what the app from `tree` has loaded at its first paint, and nothing else."""
    script = (f"import importlib, sys\nsys.path.insert(0, {str(tree)!r})\n"
              f"for name in {modules_at_first_paint(tree)!r}:\n    importlib.import_module(name)\n")
    return [sys.executable, "-c", script]


def measure(programs: dict[str, list[str]], trees: dict[str, Path], runs: int) -> dict[str, list[int]]:
    counts: dict[str, list[int]] = {label: [] for label in programs}
    with tempfile.TemporaryDirectory(prefix="mlcoach-instructions-data-") as tmp:
        for number, (label, command) in enumerate(programs.items()):
            if label != BARE:
                # One launch first, uncounted: it writes the bytecode caches and the bank cache later launches read.
                command.extend(["--data-dir", str(Path(tmp) / f"data-{number}")])
                subprocess.run(command, cwd=trees.get(label, REPO), env=offscreen_env(), capture_output=True,
                               timeout=120)
        for _ in range(runs):  # alternating, like the timed benchmarks
            for label, command in programs.items():
                counts[label].append(count(command, trees.get(label, REPO)))
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--before", type=Path, help="also count the app from this source tree (an earlier commit)")
    parser.add_argument("--imports", action="store_true",
                        help="also count a process that only imports what the app has loaded at its first paint")
    parser.add_argument("--quick", action="store_true", help="count `python -c pass` and `true`: checks it works")
    args = parser.parse_args(argv)
    if shutil.which("valgrind") is None:
        print("instructions: skipped, it needs valgrind (apt-get install valgrind)")
        return 0
    if args.quick:
        programs = {"python -c pass": [sys.executable, "-c", "pass"],
                    "true, a second program": [shutil.which("true") or "/bin/true"]}
        counts = {label: [count(command, REPO)] for label, command in programs.items()}
    else:
        programs = {BARE: [sys.executable, str(REPO / "benchmarks" / "bare_window.py")],
                    "app, to its first complete paint": app_to_first_paint(REPO)}
        trees: dict[str, Path] = {}
        if args.before is not None:
            label = f"app from {args.before.name}, to its first complete paint"
            programs[label] = app_to_first_paint(args.before.resolve())
            trees[label] = args.before.resolve()
        if args.imports:
            programs[IMPORTS] = imports_alone(REPO)
        counts = measure(programs, trees, args.runs)
    base = median(next(iter(counts.values())))
    print(f"# Instructions to the first complete frame ({machine()}; load average {load_average()}, which this "
          "count does not depend on)\n")
    print(table(("program", "runs", "instructions, median (millions)", "fewest", "most", "vs the first"),
                [(label, len(n), f"{median(n) / 1e6:,.0f}", f"{min(n) / 1e6:,.0f}", f"{max(n) / 1e6:,.0f}",
                  f"{median(n) / base:.2f} ×") for label, n in counts.items()]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
