"""A real X server for end-to-end tests: keystrokes travel the same path as a user's."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO


def app_env(data_dir: Path, **extra: str) -> dict[str, str]:
    return {**os.environ, "MLCOACH_DATA_DIR": str(data_dir), **extra}


def x_server() -> Iterator[str]:
    """A real X server (Xvfb) so keystrokes travel the same path as a user's."""
    for tool in ("Xvfb", "xdotool"):
        if shutil.which(tool) is None:
            pytest.fail(f"{tool} is needed for this test: run scripts/bootstrap.sh --test (it installs it)")
    for _attempt in range(10):
        # A random display number, not the lowest free one (-displayfd alone): a server that takes the number another
        # has just given up could lose its socket file to that server's clean-up, and then no app could reach it
        # ("could not connect to display :0", seen with parallel workers). A number in use: Xvfb exits, try another.
        number = random.randrange(1000, 30000)
        read, write = os.pipe()
        server = subprocess.Popen(["Xvfb", f":{number}", "-displayfd", str(write), "-screen", "0", "1400x900x24",
                                   "-nolisten", "tcp"], pass_fds=(write,), stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        os.close(write)
        with os.fdopen(read) as pipe:
            ready = pipe.readline().strip()  # written once it listens; nothing if it exited
        if ready:
            break
        server.wait()
    else:
        pytest.fail("Xvfb did not start on any of ten display numbers")
    display = f":{ready}"
    try:
        yield display
    finally:
        server.terminate()
        server.wait(timeout=10)


def until(check: Callable[[], object], timeout_s: float, pause_s: float = 0.05) -> bool:
    """Poll `check` until it holds or `timeout_s` passes (instead of sleeping as long as it might take)."""
    deadline = time.monotonic() + timeout_s
    while not check():
        if time.monotonic() > deadline:
            return bool(check())
        time.sleep(pause_s)
    return True


def xdotool(display: str, *args: str) -> str:
    out = subprocess.run(["xdotool", *args], env={**os.environ, "DISPLAY": display},
                         capture_output=True, text=True, timeout=30, check=True)
    return out.stdout.strip()




def find_window(display: str, name: str, visible_only: bool = False, timeout_s: float = 30) -> str:
    """The first window whose title matches `name`, searched again until it is there. Not `search --sync`: a
    window that goes away while xdotool walks the tree (Qt makes and drops some while starting) ends the
    search with an X error (BadWindow), which once failed the package check."""
    args = ["search", *(["--onlyvisible"] if visible_only else []), "--name", name]
    found: list[str] = []

    def search() -> bool:
        try:
            found[:] = xdotool(display, *args).splitlines()
        except subprocess.CalledProcessError:  # nothing matched yet, or the X error above
            found.clear()
        return bool(found)

    if not until(search, timeout_s, pause_s=0.1):
        pytest.fail(f"no window named {name!r} within {timeout_s:.0f} s")
    return found[0]


def start_app(data_dir: Path, display: str, title: str) -> tuple[subprocess.Popen[bytes], str]:
    """Launch the app on `display` and focus its window once it is titled `title` (the title names the mode once
    it is built and usable). Its stderr goes to a file beside the data folder: when the window never comes, the
    failure says whether the app was still running and what it printed."""
    log = data_dir.parent / f"{data_dir.name}-app-stderr.txt"
    with log.open("ab") as stderr:
        app = subprocess.Popen([sys.executable, "-m", "desktop"], cwd=REPO, stdout=subprocess.DEVNULL, stderr=stderr,
                               env=app_env(data_dir, DISPLAY=display, QT_QPA_PLATFORM="xcb"))
    try:
        try:
            window = find_window(display, title)
        except pytest.fail.Exception as exc:
            state = "still running" if app.poll() is None else f"exited with {app.returncode}"
            printed = log.read_text(encoding="utf-8", errors="replace")[-3000:]
            pytest.fail(f"{exc}; the app was {state}; it printed on stderr:\n{printed}")
        xdotool(display, "windowfocus", "--sync", window)
    except BaseException:
        app.kill()
        app.wait()
        raise
    return app, window
