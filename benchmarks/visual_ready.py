"""Launch to visually complete, as a user sees it: the app against a bare PySide6 window, alternating.

    python -m benchmarks.visual_ready [--runs N] [--data-dir PATH]

Each run starts the program under a private Xvfb server and grabs the screen every few
milliseconds from this process (QScreen.grabWindow on the same display) until nothing has
changed for a while. "Visually complete" is the earliest moment after which every frame is one
of the final frames — so a blinking text cursor, which flips between two frames for ever, does
not count as still drawing. Timed from spawn. The bare window (benchmarks/bare_window.py
--stay) is a QMainWindow with nothing in it: complete as soon as it is shown.
Budget (shared/DESIGN.md): the app visually complete ≤ 1.5 × the bare window.
`--data-dir` measures a launch on an existing data folder (e.g. a year of use, see
benchmarks/year_of_use.py); by default a fresh one per run.
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
from pathlib import Path

from benchmarks.common import REPO, machine, median, table

SCREEN = "1600x1000x24"
SETTLE_S = 3.0  # nothing new for this long: the launch is over (a loaded machine can pause 1-2 s)
TIMEOUT_S = 20.0
GRAB_PAUSE_S = 0.005  # between grabs, so watching does not starve the program being watched
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


def frames_until_settled(screen, proc: subprocess.Popen[bytes], start: float) -> list[tuple[float, str]]:  # type: ignore[no-untyped-def]
    """(seconds since spawn, hash of the screen) for every grab, until the screen settles."""
    frames: list[tuple[float, str]] = []
    last_change = time.perf_counter()
    previous = ""
    changes = 0
    while True:
        now = time.perf_counter()
        image = screen.grabWindow(0).toImage()
        if SAVE_LAST is not None:
            image.save(str(SAVE_LAST))
        digest = hashlib.blake2b(bytes(image.constBits()), digest_size=16).hexdigest()
        frames.append((now - start, digest))
        if digest != previous:
            changes += previous != ""  # the first grab is the empty screen
            previous = digest
            last_change = now
        if changes and now - last_change > SETTLE_S:
            return frames
        if now - start > TIMEOUT_S or proc.poll() is not None:
            return frames
        time.sleep(GRAB_PAUSE_S)


def visually_complete(frames: list[tuple[float, str]]) -> float:
    end = frames[-1][0]
    final = {h for t, h in frames if t >= end - FINAL_WINDOW_S}
    blank = frames[0][1]
    complete = end
    for t, h in reversed(frames):
        if h not in final or h == blank:
            break
        complete = t
    return complete


def one_launch(cmd: list[str], display: str, screen) -> float:  # type: ignore[no-untyped-def]
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    env.pop("QT_SCALE_FACTOR", None)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        frames = frames_until_settled(screen, proc, start)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    if len({h for _t, h in frames}) < 2:
        raise RuntimeError(f"{cmd[-1]} never drew anything")
    return visually_complete(frames)


def run(runs: int, data_dir: Path | None) -> dict[str, list[float]]:
    xvfb, display = start_xvfb()
    os.environ["DISPLAY"] = display
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    screen = app.primaryScreen()  # type: ignore[union-attr]
    bare = [sys.executable, str(REPO / "benchmarks" / "bare_window.py"), "--stay"]
    times: dict[str, list[float]] = {"bare PySide6 window": [], "app": []}
    try:
        for _ in range(runs):
            times["bare PySide6 window"].append(one_launch(bare, display, screen))
            folder = data_dir or Path(tempfile.mkdtemp(prefix="mlcoach-visual-"))
            try:
                times["app"].append(one_launch([sys.executable, "-m", "desktop", "--data-dir", str(folder)],
                                               display, screen))
            finally:
                if data_dir is None:
                    shutil.rmtree(folder, ignore_errors=True)
    finally:
        xvfb.terminate()
        xvfb.wait()
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--save-last", type=Path, help="write the last frame of each launch here (PNG)")
    args = parser.parse_args(argv)
    global SAVE_LAST
    SAVE_LAST = args.save_last
    if shutil.which("Xvfb") is None:
        print("visual_ready: needs Xvfb (apt-get install xvfb)", file=sys.stderr)
        return 2
    times = run(args.runs, args.data_dir)
    bare = median(times["bare PySide6 window"])
    rows = [(label, len(t), f"{median(t) * 1000:.0f}", f"{min(t) * 1000:.0f}", f"{median(t) / bare:.2f} ×")
            for label, t in times.items()]
    print(f"# launch to visually complete ({machine()})")
    print(table(("program", "runs", "median ms", "min ms", "vs bare"), rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
