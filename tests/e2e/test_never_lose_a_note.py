"""The real app as a subprocess, in the ways users lose notes: kill, damaged file, second launch."""

from __future__ import annotations

import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from desktop.core.backups import BACKUP_DIR, make_backup
from desktop.core.store import DB_NAME, Store
from desktop.ui.single_instance import server_name
from tests.conftest import REPO
from tests.e2e.x11 import app_env, start_app, until, xdotool

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("prepared_bank_cache")]  # launches read the prepared bank


def test_a_note_typed_then_killed_with_sigkill_is_there_after_restart(isolated_data: Path, x_display: str) -> None:
    # The frame appears before the bank has loaded; the title names the mode once it is built and usable.
    app, window = start_app(isolated_data, x_display, "Browse — ML Interview Coach")
    try:
        xdotool(x_display, "key", "--window", window, "ctrl+e")
        xdotool(x_display, "type", "--delay", "15", "written just before a crash")

        def on_disk() -> bool:
            store = Store.open_read_only(isolated_data / DB_NAME)
            try:
                return "written just before a crash" in store.note_store.notes().values()
            finally:
                store.close()

        assert until(on_disk, timeout_s=1.5), "not on disk 1.5 s after the last key"  # the bar is 1 s
    finally:
        app.send_signal(signal.SIGKILL)
        app.wait(timeout=10)
    assert app.returncode == -signal.SIGKILL
    restart = subprocess.run([sys.executable, "-m", "desktop", "--smoke-test"], cwd=REPO,
                             env=app_env(isolated_data, QT_QPA_PLATFORM="offscreen"),
                             capture_output=True, text=True, timeout=60)
    assert restart.returncode == 0, restart.stderr
    assert "written just before a crash" in Store.open(isolated_data / DB_NAME).note_store.notes().values()


def test_a_garbage_database_is_kept_aside_and_the_backup_restored(isolated_data: Path) -> None:
    isolated_data.mkdir(parents=True)
    store = Store.open(isolated_data / DB_NAME)
    store.note_store.save_note("bias-variance-tradeoff", "from the backup")
    make_backup(store, isolated_data / BACKUP_DIR)
    store.close()
    for side in ("-wal", "-shm"):
        (isolated_data / (DB_NAME + side)).unlink(missing_ok=True)
    (isolated_data / DB_NAME).write_bytes(b"\x00garbage, not a database\xff" * 512)

    result = subprocess.run([sys.executable, "-m", "desktop", "--smoke-test"], cwd=REPO,
                            env=app_env(isolated_data, QT_QPA_PLATFORM="offscreen"),
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "damaged" in result.stderr and "restored" in result.stderr
    assert Store.open(isolated_data / DB_NAME).note_store.note("bias-variance-tradeoff") == "from the backup"
    kept = list(isolated_data.glob(f"{DB_NAME}.damaged-*"))
    assert len(kept) == 1 and kept[0].read_bytes().startswith(b"\x00garbage")


def test_a_second_launch_brings_the_first_forward_instead_of_opening_a_second_writer(isolated_data: Path) -> None:
    env = app_env(isolated_data, QT_QPA_PLATFORM="offscreen")
    first = subprocess.Popen([sys.executable, "-m", "desktop"], cwd=REPO, env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        # Qt's local server on Unix is a socket file in the temp folder; wait until it exists.
        socket = Path(tempfile.gettempdir()) / server_name(isolated_data)
        deadline = time.monotonic() + 30
        while not socket.exists() and time.monotonic() < deadline and first.poll() is None:
            time.sleep(0.1)
        assert socket.exists(), "the first instance never started listening"
        second = subprocess.run([sys.executable, "-m", "desktop"], cwd=REPO, env=env,
                                capture_output=True, text=True, timeout=60)
        assert second.returncode == 0
        assert "already running" in second.stdout
        assert first.poll() is None  # the first one is still there
    finally:
        first.terminate()
        first.wait(timeout=10)


def test_a_note_typed_then_sigterm_as_at_a_logout_is_saved_and_the_app_quits_cleanly(isolated_data: Path,
                                                                                      x_display: str) -> None:
    """SIGTERM (a logout, a shutdown, `kill PID`) used to end the app at once: the words typed within the
    autosave delay were lost, and neither the window's place nor the backup on quit was written."""
    app, window = start_app(isolated_data, x_display, "Browse — ML Interview Coach")
    try:
        xdotool(x_display, "key", "--window", window, "ctrl+e")
        xdotool(x_display, "type", "--delay", "5", "written as the session ended")
        time.sleep(0.1)  # the keys reach the app (X events and the signal would otherwise race)...
        app.send_signal(signal.SIGTERM)  # ...well inside the note's autosave delay (400 ms after the last key)
        app.wait(timeout=20)
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
    assert app.returncode == 0
    store = Store.open_read_only(isolated_data / DB_NAME)
    try:
        assert "written as the session ended" in store.note_store.notes().values()
    finally:
        store.close()
    assert "geometry" in (isolated_data / "settings.ini").read_text(encoding="utf-8")  # closed as Ctrl+Q does
