"""core.threads: how work on a worker thread leaves room for the UI thread."""

from __future__ import annotations

import sys
import threading

from desktop.core.threads import HANDOVER_S, quick_handover


def test_the_gil_changes_hands_quickly_while_any_worker_runs_and_as_usual_after_the_last() -> None:
    usual = sys.getswitchinterval()
    assert usual > HANDOVER_S  # (Python's default, 5 ms)
    first_inside, second_done = threading.Event(), threading.Event()
    seen: list[float] = []

    def second() -> None:  # another worker, overlapping the first one
        first_inside.wait()
        with quick_handover():
            seen.append(sys.getswitchinterval())
        second_done.set()

    other = threading.Thread(target=second)
    other.start()
    with quick_handover():
        seen.append(sys.getswitchinterval())
        first_inside.set()
        second_done.wait()
        seen.append(sys.getswitchinterval())  # the other one ended: still quick, this one runs on
    other.join()
    assert seen == [HANDOVER_S, HANDOVER_S, HANDOVER_S]
    assert sys.getswitchinterval() == usual


def test_a_failing_worker_leaves_the_usual_interval() -> None:
    usual = sys.getswitchinterval()
    try:
        with quick_handover():
            raise ValueError("the import failed")
    except ValueError:
        pass
    assert sys.getswitchinterval() == usual
