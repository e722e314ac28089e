"""Start-up: launch to main window shown, for the app and a bare PySide6 window, alternating runs.

    python -m benchmarks.startup [--runs N]

Each run is a fresh process, timed from spawn until it prints `window-shown` (after
show() and one processEvents()); the bare window prints the same line, so the
difference is what the app adds before its window appears. The app's first frame is
its bare main window; "furnished" is when it prints `window-furnished` (menus, mode
bar and style sheet in place and painted). It then loads the bank on a worker thread;
"until ready" is spawn to exit of the smoke test, which waits for the bank and the
first mode. The frozen bundle
(build/dist/ml-interview-coach/mlcoach) is included when it exists.
Budgets: app ≤ 1.3× the bare window; frozen ≤ 1.1× the source launch.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import REPO, median, offscreen_env, table

FROZEN = REPO / "build" / "dist" / "ml-interview-coach" / "mlcoach"


Run = tuple[float, float | None, float]  # seconds to window shown, to furnished (app only), to exit


def timed(cmd: list[str], env: dict[str, str]) -> Run:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert proc.stdout is not None
    shown = furnished = None
    for line in proc.stdout:
        if line.startswith("window-shown") and shown is None:
            shown = time.perf_counter() - start
        elif line.startswith("window-furnished") and furnished is None:
            furnished = time.perf_counter() - start
    if proc.wait() != 0 or shown is None:
        raise RuntimeError(f"{cmd} failed or never showed its window")
    return shown, furnished, time.perf_counter() - start


def run(runs: int, warm_up: bool = True) -> dict[str, list[Run]]:
    data = Path(tempfile.mkdtemp(prefix="mlcoach-bench-"))
    commands = {
        "bare PySide6 window": [sys.executable, str(REPO / "benchmarks" / "bare_window.py")],
        "app --smoke-test (source)": [sys.executable, "-m", "desktop", "--smoke-test", "--data-dir", str(data)],
    }
    env = offscreen_env()
    if FROZEN.exists():
        frozen = [str(FROZEN), "--smoke-test", "--data-dir", str(data)]
        try:
            timed(frozen, env)
            commands["app --smoke-test (frozen bundle)"] = frozen
        except RuntimeError:
            print(f"(skipping {FROZEN}: it did not start the way this source does; rebuild it with make package)")
    for cmd in commands.values() if warm_up else ():  # warm the file cache so the first measured run is not special
        timed(cmd, env)
    times: dict[str, list[Run]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, cmd in commands.items():  # alternate, so drifting machine load hits all alike
            times[name].append(timed(cmd, env))
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--quick", action="store_true",
                        help="one run, no warm-up: checks it works, measures nothing (python -m benchmarks --quick)")
    args = parser.parse_args(argv)
    times = run(1, warm_up=False) if args.quick else run(args.runs)
    shown = {name: [s for s, _f, _e in values] for name, values in times.items()}
    base = median(shown["bare PySide6 window"])
    source = median(shown["app --smoke-test (source)"])
    rows = []
    for name, values in times.items():
        m = median(shown[name])
        ratio = f"{m / base:.2f}× bare" + (f", {m / source:.2f}× source" if "frozen" in name else "")
        furnished = [f for _s, f, _e in values if f is not None]
        ready = median([e for _s, _f, e in values])
        rows.append((name, len(values), f"{m * 1000:.0f}", f"{min(shown[name]) * 1000:.0f}", ratio,
                     f"{median(furnished) * 1000:.0f}" if furnished else "–", f"{ready * 1000:.0f}"))
    print(table(("launch", "runs", "window shown, median ms", "min ms", "ratio", "furnished, median ms",
                 "until ready, median ms"), rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
