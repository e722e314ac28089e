"""Memory: peak resident set size after start with the full bundled bank, against the bare window.

    python -m benchmarks.memory [--runs N]

Each program runs in its own wrapper process, which reads its one child's peak RSS
(getrusage RUSAGE_CHILDREN, ru_maxrss) after the child exits. The app runs --smoke-test,
which waits until the bank is loaded and Browse is built. Budget: ≤ 2× the bare window.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile

from benchmarks.common import REPO, median, offscreen_env, table

WRAPPER = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL, "
           "stderr=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def peak_kb(cmd: list[str]) -> int:
    out = subprocess.run([sys.executable, "-c", WRAPPER, *cmd], cwd=REPO, env=offscreen_env(),
                         capture_output=True, text=True, check=True)
    return int(out.stdout.strip())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    data = tempfile.mkdtemp(prefix="mlcoach-mem-")
    commands = {
        "bare PySide6 window": [sys.executable, str(REPO / "benchmarks" / "bare_window.py")],
        "app --smoke-test, full bank": [sys.executable, "-m", "desktop", "--smoke-test", "--data-dir", data],
    }
    peaks = {name: [peak_kb(cmd) for _ in range(args.runs)] for name, cmd in commands.items()}
    base = median(peaks["bare PySide6 window"])
    rows = [(name, len(v), f"{median(v) / 1024:.1f}", f"{median(v) / base:.2f}×") for name, v in peaks.items()]
    print(table(("program", "runs", "peak RSS, median MiB", "ratio to bare"), rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
