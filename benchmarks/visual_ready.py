"""Launch to visually complete, as a user sees it: the app against a bare PySide6 window, alternating.

    python -m benchmarks.visual_ready [--runs N] [--data-dir PATH] [--baseline bare|fresh] [--before TREE]
                                      [--frozen EXE] [--quick]

Each run starts the program under a private Xvfb server and grabs the screen every few
milliseconds from this process (QScreen.grabWindow on the same display) until nothing has
changed for a while. "Visually complete" is the earliest moment after which every frame is one
of the final frames — so a blinking text cursor, which flips between two frames for ever, does
not count as still drawing. Timed from spawn. The bare window (benchmarks/bare_window.py
--stay) is a QMainWindow with nothing in it: complete as soon as it is shown.
Budget (shared/DESIGN.md): the app visually complete ≤ 1.5 × the bare window.
`--data-dir` measures a launch on an existing data folder (e.g. a year of use, see
benchmarks/year_of_use.py); by default a fresh one per run. `--baseline fresh` compares with the app
on a fresh folder instead of the bare window. `--before TREE` adds the app as an earlier commit had it
(`git archive COMMIT | tar -x -C TREE`), so a change is measured against its past in one run. `--frozen EXE`
adds the installed app as users start it (`build/dist/ml-interview-coach/mlcoach` after `make package`). Each row
also gives the CPU time the program had used when it was complete (all threads, from /proc): on a
shared machine it varies far less than wall time. `--quick` (python -m benchmarks --quick, and the test
suite) launches each program once, with no warm-up launch, a short settle and fewer grabs: it checks the
script works and measures nothing.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from benchmarks.common import REPO, load_average, machine, median, offscreen_env, table

SCREEN = "1600x1000x24"
SETTLE_S = 3.0  # nothing new for this long: the launch is over (a loaded machine can pause 1-2 s)
QUICK_SETTLE_S = 0.5  # --quick measures nothing, so a pause mistaken for the end costs nothing
TIMEOUT_S = 20.0
GRAB_PAUSE_S = 0.005  # between grabs, so watching does not starve the program being watched
QUICK_GRAB_PAUSE_S = 0.05  # --quick: a tenth of the grabs (each copies and hashes the whole screen)
SAVE_LAST: Path | None = None  # --save-last: where to write the last frame grabbed, to look at
FINAL_WINDOW_S = 1.2  # the frames seen in this last stretch are "the final frames" (a caret blinks at 0.5 s)


def start_xvfb() -> tuple[subprocess.Popen[bytes], str]:
    for number in range(120, 160):
        if not Path(f"/tmp/.X11-unix/X{number}").exists() and not Path(f"/tmp/.X{number}-lock").exists():
            display = f":{number}"
            proc = subprocess.Popen(["Xvfb", display, "-screen", "0", SCREEN, "-nolisten", "tcp"],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            for _ in range(100):
                if Path(f"/tmp/.X11-unix/X{number}").exists():
                    return proc, display
                time.sleep(0.02)
            proc.kill()
    raise RuntimeError("could not start Xvfb")


class Frame(NamedTuple):
    at: float  # seconds since spawn
    digest: str  # hash of the screen
    cpu: float  # CPU seconds the program had used (all its threads), as far as the OS says; nan if unknown


class Launch(NamedTuple):
    complete: float  # seconds from spawn to visually complete
    cpu: float  # CPU seconds the program had used by then: steadier than wall time on a busy machine


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process, all threads (Linux /proc; 10 ms steps); nan elsewhere."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def frames_until_settled(screen, proc: subprocess.Popen[bytes], start: float,  # type: ignore[no-untyped-def]
                          settle_s: float = SETTLE_S, grab_pause_s: float = GRAB_PAUSE_S) -> list[Frame]:
    """Every grab, until the screen settles."""
    frames: list[Frame] = []
    last_change = time.perf_counter()
    previous = ""
    changes = 0
    while True:
        now = time.perf_counter()
        cpu = cpu_seconds(proc.pid)  # read before the grab: the frame shows at least what was drawn by then
        image = screen.grabWindow(0).toImage()
        if SAVE_LAST is not None:
            image.save(str(SAVE_LAST))
        digest = hashlib.blake2b(bytes(image.constBits()), digest_size=16).hexdigest()
        frames.append(Frame(now - start, digest, cpu))
        if digest != previous:
            changes += previous != ""  # the first grab is the empty screen
            previous = digest
            last_change = now
        if changes and now - last_change > settle_s:
            return frames
        if now - start > TIMEOUT_S or proc.poll() is not None:
            return frames
        time.sleep(grab_pause_s)


def visually_complete(frames: list[Frame]) -> Frame:
    """The first frame after which every frame is one of the final ones (a caret blinks between two)."""
    end = frames[-1].at
    final = {f.digest for f in frames if f.at >= end - FINAL_WINDOW_S}
    blank = frames[0].digest
    complete = frames[-1]
    for frame in reversed(frames):
        if frame.digest not in final or frame.digest == blank:
            break
        complete = frame
    return complete


def one_launch(cmd: list[str], display: str, screen, settle_s: float = SETTLE_S,  # type: ignore[no-untyped-def]
               grab_pause_s: float = GRAB_PAUSE_S) -> Launch:
    env = offscreen_env(DISPLAY=display, QT_QPA_PLATFORM="xcb")  # with bytecode caches, as installed
    env.pop("QT_SCALE_FACTOR", None)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        frames = frames_until_settled(screen, proc, start, settle_s, grab_pause_s)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    if len({f.digest for f in frames}) < 2:
        raise RuntimeError(f"{cmd[-1]} never drew anything")
    complete = visually_complete(frames)
    return Launch(complete.at, complete.cpu)


Command = list[str] | Callable[[], list[str]]  # a callable makes the command afresh for each launch


def alternate(programs: dict[str, Command], runs: int, warm_up: bool = True, settle_s: float = SETTLE_S,
              grab_pause_s: float = GRAB_PAUSE_S) -> dict[str, list[Launch]]:
    """Launch each program `runs` times, taking turns, under one private X server (after one unmeasured
    launch of each, so the file cache and the app's prepared bank are as they are on any later start)."""
    xvfb, display = start_xvfb()
    os.environ["DISPLAY"] = display
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    screen = app.primaryScreen()  # type: ignore[union-attr]
    launches: dict[str, list[Launch]] = {label: [] for label in programs}
    try:
        for turn in range(runs + warm_up):
            for label, command in programs.items():
                launch = one_launch(command() if callable(command) else command, display, screen, settle_s,
                                    grab_pause_s)
                if turn >= warm_up:
                    launches[label].append(launch)
    finally:
        xvfb.terminate()
        xvfb.wait()
    return launches


def bare_window() -> list[str]:
    return [sys.executable, str(REPO / "benchmarks" / "bare_window.py"), "--stay"]


def app(data_dir: Path, tree: Path | None = None) -> list[str]:
    """The app from this source tree, or from `tree` (another commit's files, e.g. `git archive` output)."""
    if tree is None:
        return [sys.executable, "-m", "desktop", "--data-dir", str(data_dir)]
    boot = f"import sys; sys.path.insert(0, {str(tree)!r}); from desktop.app import main; sys.exit(main())"
    return [sys.executable, "-c", boot, "--data-dir", str(data_dir)]


BARE, FRESH = "bare PySide6 window", "app, fresh data folder"
BUDGETS = {BARE: 1.5, FRESH: 1.2}  # shared/DESIGN.md: vs a bare window; a year of use vs a fresh folder


def run(runs: int, data_dir: Path | None, baseline: str = BARE, before: Path | None = None,
        quick: bool = False, frozen: Path | None = None) -> dict[str, list[Launch]]:
    """The app (on `data_dir`, else a fresh folder each launch) against `baseline`, alternating; with
    `before`, the app from that source tree too, and with `frozen`, that bundle's executable, on fresh folders."""
    with tempfile.TemporaryDirectory(prefix="mlcoach-visual-") as tmp:
        fresh = iter(range(10**6))

        def fresh_app(tree: Path | None = None) -> list[str]:
            return app(Path(tmp) / f"fresh-{next(fresh)}", tree)

        programs: dict[str, Command] = {BARE: bare_window()} if baseline == BARE else {FRESH: fresh_app}
        programs[f"app on {data_dir.name}" if data_dir else FRESH] = app(data_dir) if data_dir else fresh_app
        if before is not None:
            programs[f"app from {before.name}, fresh data folder"] = lambda: fresh_app(before)
        if frozen is not None:
            programs["frozen bundle, fresh data folder"] = lambda: [str(frozen), *fresh_app()[-2:]]
        if quick:
            return alternate(programs, 1, warm_up=False, settle_s=QUICK_SETTLE_S, grab_pause_s=QUICK_GRAB_PAUSE_S)
        return alternate(programs, runs)


def rows(launches: dict[str, list[Launch]], baseline: str) -> list[tuple[object, ...]]:
    """Table rows: wall time to visually complete, and the CPU time the program had used by then."""
    base = median([x.complete for x in launches[baseline]])
    base_cpu = median([x.cpu for x in launches[baseline]])
    out: list[tuple[object, ...]] = []
    for label, runs in launches.items():
        wall, cpu = [x.complete for x in runs], [x.cpu for x in runs]
        out.append((label, len(runs), f"{median(wall) * 1000:.0f}", f"{min(wall) * 1000:.0f}",
                    f"{median(wall) / base:.2f} ×", f"{median(cpu) * 1000:.0f}", f"{median(cpu) / base_cpu:.2f} ×"))
    return out


HEADERS = ("program", "runs", "median ms", "min ms", "vs the first", "CPU ms by then", "CPU vs the first")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--baseline", choices=("bare", "fresh"), default="bare",
                        help="compare with a bare PySide6 window, or with the app on a fresh data folder")
    parser.add_argument("--before", type=Path, help="also launch the app from this source tree (an earlier commit)")
    parser.add_argument("--frozen", type=Path, help="also launch this frozen bundle's executable")
    parser.add_argument("--save-last", type=Path, help="write the last frame of each launch here (PNG)")
    parser.add_argument("--quick", action="store_true", help="one launch each, no warm-up: checks it works")
    args = parser.parse_args(argv)
    global SAVE_LAST
    SAVE_LAST = args.save_last
    if shutil.which("Xvfb") is None:
        print("visual_ready: skipped, it needs Xvfb (apt-get install xvfb)")
        return 0
    baseline = BARE if args.baseline == "bare" else FRESH
    launches = run(args.runs, args.data_dir, baseline, args.before, args.quick, args.frozen)
    print(f"# Launch to visually complete ({machine()}; load average {load_average()})\n")
    print(table(HEADERS, rows(launches, baseline)))
    other = list(launches)[1]
    ratio = median([x.complete for x in launches[other]]) / median([x.complete for x in launches[baseline]])
    budget = BUDGETS[baseline]
    print(f"\n{other}: {ratio:.2f} × the {baseline} (budget ≤ {budget} ×: {'met' if ratio <= budget else 'NOT met'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
