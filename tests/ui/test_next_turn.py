"""next_turn: work split into steps lets the event loop's timers and paints in between the steps, and a step
whose widget is gone by then is dropped."""

from __future__ import annotations

import itertools
import time

from PySide6.QtCore import QObject, Qt, QTimer

from desktop.ui.application import next_turn


def test_steps_run_in_turns_of_their_own_with_due_timers_between_them(qtbot) -> None:  # type: ignore[no-untyped-def]
    log: list[str] = []
    ticker = QTimer(interval=1)  # as the UI's own timers (and the ui_gaps probe) tick
    ticker.setTimerType(Qt.TimerType.PreciseTimer)
    ticker.timeout.connect(lambda: log.append("tick"))
    context = QObject()

    def step(n: int) -> None:
        end = time.perf_counter() + 0.003  # each step keeps the UI thread a moment, so a tick is due after it
        while time.perf_counter() < end:
            pass
        log.append(f"step {n}")
        if n < 4:
            next_turn(context, lambda: step(n + 1))

    ticker.start()
    next_turn(context, lambda: step(1))
    qtbot.waitUntil(lambda: "step 4" in log)
    ticker.stop()
    steps = [i for i, entry in enumerate(log) if entry.startswith("step")]
    assert all("tick" in log[a:b] for a, b in itertools.pairwise(steps))  # never two steps in one pass


def test_a_step_whose_widget_is_gone_is_dropped_and_turns_count(qtbot) -> None:  # type: ignore[no-untyped-def]
    ran: list[str] = []
    gone, kept = QObject(), QObject()
    next_turn(gone, lambda: ran.append("gone"))
    next_turn(kept, lambda: ran.append("two turns on"), turns=2)
    next_turn(kept, lambda: ran.append("next turn"))
    gone.deleteLater()
    qtbot.waitUntil(lambda: len(ran) == 2)
    qtbot.wait(20)
    assert ran == ["next turn", "two turns on"]
