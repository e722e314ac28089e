"""Issue 19: SIGKILL the real app mid-interview, launch it again: it opens on the offer to resume, Enter resumes
with the answer back, and Ctrl+Q then asks before quitting (Alt+P: pause and quit).

Real keystrokes on a real X server (xdotool), a real SIGKILL, and the database read between the launches.
"""

from __future__ import annotations

import signal
import subprocess
import time
from pathlib import Path

import pytest

from desktop.core.interview_status import Status
from desktop.core.store import DB_NAME, Store
from tests.e2e.x11 import find_window, start_app, until, xdotool

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("prepared_bank_cache")]  # launches read the prepared bank

TYPED = "bias is error from wrong assumptions"


def launch(data: Path, display: str, title: str) -> tuple[subprocess.Popen[bytes], str]:
    app, window = start_app(data, display, title)
    time.sleep(0.5)
    return app, window


def status(data: Path) -> tuple[Status, str]:
    store = Store.open(data / DB_NAME)
    try:
        log = store.interview_store
        (summary,) = log.summaries()
        return summary.status, log.answers(summary.id)[0].answer
    finally:
        store.close()


def test_a_killed_interview_is_offered_at_the_next_launch_and_resumes(isolated_data: Path, x_display: str) -> None:
    app, _window = launch(isolated_data, x_display, "Browse — ML Interview Coach")
    try:
        for keys in ("ctrl+3", "Return", "ctrl+Return"):  # Mock interview, the default preset, done thinking
            xdotool(x_display, "key", keys)
            time.sleep(0.3)
        xdotool(x_display, "type", "--delay", "30", TYPED)
        assert until(lambda: status(isolated_data) == (Status.RUNNING, TYPED), timeout_s=1.5)  # the bar is 1 s
        app.send_signal(signal.SIGKILL)
        app.wait(timeout=10)
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
    assert status(isolated_data) == (Status.RUNNING, TYPED)  # what the dead app left behind

    # The next launch opens on Mock interview, where the resume is offered, whatever mode was last used.
    app, _window = launch(isolated_data, x_display, "Mock interview — ML Interview Coach")
    try:
        assert status(isolated_data) == (Status.INTERRUPTED, TYPED)  # not "running" for ever
        xdotool(x_display, "key", "Return")  # the offer has the focus: Enter resumes it
        assert until(lambda: status(isolated_data)[0] is Status.RUNNING, timeout_s=5)  # held by this app again
        xdotool(x_display, "key", "ctrl+q")  # asks first …
        find_window(x_display, "Quit during an interview", visible_only=True)
        assert app.poll() is None
        xdotool(x_display, "key", "alt+p")  # … Pause and quit
        assert app.wait(timeout=15) == 0
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
    assert status(isolated_data) == (Status.PAUSED, TYPED)
