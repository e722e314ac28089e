"""Typing that never pauses, then SIGKILL mid-keystroke: what was typed a second before is on disk.

Issue 13: 25 of 25 kills during steady typing (a key every ~165 ms) lost everything typed, because
the autosave waited for a pause that never came. Real keystrokes on a real X server (xdotool), a
real SIGKILL, and the database read after the process is gone.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from desktop.core.store import DB_NAME, Store
from tests.e2e.x11 import start_app, xdotool

# A 1 s bar: run alone, not beside other tests. Launches read the prepared bank, as any but the first does.
pytestmark = [pytest.mark.e2e, pytest.mark.serial, pytest.mark.usefixtures("prepared_bank_cache")]

KEY_DELAY_MS = 165
TYPE_FOR_S = 3.0  # then at least 10 keys were sent over a second before the kill
BUDGET_S = 1.0  # DESIGN.md: on disk within 1 s of a keystroke
TEXT = "steadytypingwithoutanypausewhatsoeverisstillsaved" * 2


def type_then_kill(data: Path, display: str, before_typing: list[tuple[str, ...]]) -> str:
    """Launch, do `before_typing` (xdotool commands), type TEXT steadily and SIGKILL mid-typing.

    Returns the shortest text that must be on disk: what was typed BUDGET_S before the kill.
    """
    app, _window = start_app(data, display, "Browse — ML Interview Coach")
    typist = None
    try:
        for command in before_typing:
            xdotool(display, *command)
        time.sleep(0.5)
        typist = subprocess.Popen(["xdotool", "type", "--delay", str(KEY_DELAY_MS), TEXT],
                                  env={**os.environ, "DISPLAY": display})
        started = time.monotonic()
        time.sleep(TYPE_FOR_S)
        app.send_signal(signal.SIGKILL)
        killed_after = time.monotonic() - started
        app.wait(timeout=10)
    finally:
        if typist is not None:
            typist.kill()
            typist.wait()
        if app.poll() is None:
            app.kill()
    assert app.returncode == -signal.SIGKILL
    # xdotool may run late, never early: count only keys that had certainly been sent by then
    surely_typed = int((killed_after - BUDGET_S) * 1000 / KEY_DELAY_MS) - 2
    assert surely_typed >= 10
    return TEXT[:surely_typed]


def test_a_note_typed_without_pausing_survives_sigkill(isolated_data: Path, x_display: str) -> None:
    must_have = type_then_kill(isolated_data, x_display, [("key", "ctrl+e")])
    notes = Store.open(isolated_data / DB_NAME).note_store.notes()
    assert len(notes) == 1
    saved = next(iter(notes.values()))
    assert saved.startswith(must_have), f"on disk {saved!r}, but {must_have!r} was typed over a second earlier"


def test_an_interview_answer_typed_without_pausing_survives_sigkill(isolated_data: Path, x_display: str) -> None:
    must_have = type_then_kill(isolated_data, x_display, [("key", "ctrl+3"), ("key", "Return")])
    store = Store.open(isolated_data / DB_NAME)
    interviews = store.interview_store.summaries()
    assert len(interviews) == 1
    saved = store.interview_store.answers(interviews[0].id)[0].answer
    assert saved.startswith(must_have), f"on disk {saved!r}, but {must_have!r} was typed over a second earlier"
