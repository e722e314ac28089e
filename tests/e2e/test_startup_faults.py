"""The real app under a real X server, at the awkward moments of start-up (issue 13).

- Ctrl+Q as soon as the window appears, before it is furnished, must exit cleanly, not leave a
  windowless process holding the data folder.
- A second launch while the first is stopped (SIGSTOP) must not claim to have brought a window
  forward: it says the first is not responding and offers to wait or open read-only.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.core.store import DB_NAME, Store
from tests.conftest import REPO
from tests.e2e.x11 import app_env, find_window, xdotool

pytestmark = pytest.mark.e2e


def launch(data: Path, display: str, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "desktop", *extra], cwd=REPO,
                            env=app_env(data, DISPLAY=display, QT_QPA_PLATFORM="xcb"),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def first_window(display: str, name: str = "ML Interview Coach") -> str:
    return find_window(display, name, visible_only=True)


@pytest.mark.parametrize("delay_s", [0.0, 0.05, 0.15, 0.4])
def test_ctrl_q_at_any_moment_of_start_up_exits_cleanly(isolated_data: Path, x_display: str, delay_s: float) -> None:
    app = launch(isolated_data, x_display)
    try:
        window = first_window(x_display)  # the bare first frame, before menus and the bank
        xdotool(x_display, "windowfocus", "--sync", window)  # real key events (XTEST), as a user's
        time.sleep(delay_s)
        xdotool(x_display, "key", "ctrl+q")  # to the focused window, as a keyboard does
        app.wait(timeout=20)
    except pytest.fail.Exception:
        if app.poll() is None:
            app.kill()
        out, err = app.communicate()  # why no window came, and no pipe left open to warn in a later test
        pytest.fail(f"no window (exit code {app.returncode}); the app said:\n{out[-1500:]}\n{err[-3000:]}")
    finally:
        if app.poll() is None:
            app.kill()
            app.communicate()
            pytest.fail(f"Ctrl+Q {delay_s * 1000:.0f} ms after the window appeared left the process running")
    _out, err = app.communicate()
    assert app.returncode == 0, err


@pytest.mark.usefixtures("prepared_bank_cache")
def test_a_second_launch_while_the_first_is_stopped_says_so_and_can_open_read_only(
        isolated_data: Path, x_display: str) -> None:
    isolated_data.mkdir(parents=True)
    store = Store.open(isolated_data / DB_NAME)
    store.note_store.save_note("bias-variance-tradeoff", "written before the hang")
    store.close()
    first = launch(isolated_data, x_display)
    second: subprocess.Popen[str] | None = None
    try:
        first_window(x_display, "Browse — ML Interview Coach")  # fully started: it listens for later launches
        first.send_signal(signal.SIGSTOP)
        second = launch(isolated_data, x_display)
        dialog = first_window(x_display, "not responding")
        xdotool(x_display, "windowfocus", "--sync", dialog)
        xdotool(x_display, "key", "Return")  # the default button: Open read-only
        windows = xdotool(x_display, "search", "--sync", "--name", "Browse — ML Interview Coach").splitlines()
        deadline = time.monotonic() + 20
        while len(windows) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
            windows = xdotool(x_display, "search", "--name", "Browse — ML Interview Coach").splitlines()
        assert len(windows) == 2, "the second launch never opened its own window"
        assert second.poll() is None
    finally:
        if second is not None:
            second.terminate()
            out, _err = second.communicate(timeout=20)
        first.send_signal(signal.SIGCONT)
        first.terminate()
        first.communicate(timeout=20)
    assert "not responding" in out and "brought its window forward" not in out
    assert Store.open(isolated_data / DB_NAME).note_store.note("bias-variance-tradeoff") == "written before the hang"
