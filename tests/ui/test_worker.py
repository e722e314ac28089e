"""Work off the UI thread (desktop/ui/worker.py) hands the GIL back to the UI thread quickly while it runs."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QWidget

from desktop.core.threads import HANDOVER_S
from desktop.ui.worker import Worker, run_with_progress


def test_an_export_or_restore_runs_with_the_quick_handover_and_leaves_the_usual_one(qtbot) -> None:  # type: ignore[no-untyped-def]
    parent = QWidget()
    qtbot.addWidget(parent)
    usual = sys.getswitchinterval()
    during = run_with_progress(lambda _cancelled: sys.getswitchinterval(), "Exporting…", parent, "Export")
    assert during == HANDOVER_S < usual
    assert sys.getswitchinterval() == usual


def test_a_backup_or_import_worker_too_even_when_it_fails(qtbot) -> None:  # type: ignore[no-untyped-def]
    usual = sys.getswitchinterval()
    seen: list[float] = []

    def job(_cancelled):  # type: ignore[no-untyped-def]
        seen.append(sys.getswitchinterval())
        raise OSError("the disk is full")

    worker = Worker(job, "backup")
    with qtbot.waitSignal(worker.failed):
        worker.start()
    worker.wait()
    assert seen == [HANDOVER_S] and sys.getswitchinterval() == usual


@pytest.mark.parametrize("fails", [False, True])
def test_an_owner_hears_of_the_result_only_once_the_thread_has_ended(qtbot, monkeypatch, fails: bool) -> None:  # type: ignore[no-untyped-def]
    """The thread holds the worker (its target is the worker's method). An owner that dropped the worker as soon
    as it heard of the result left the last reference to the thread, which destroyed the QObject there: holding
    Qt's signal mutex, it waited for the GIL the UI thread held while waiting for that mutex (a CI run hung so,
    a key pressed in Browse the moment an import ended). A thread slow to return after emitting must be waited for."""
    import time

    real_run = Worker._run

    def slow_to_return(self: Worker) -> None:
        real_run(self)
        time.sleep(0.2)  # descheduled right after emitting, as a loaded machine may do

    monkeypatch.setattr(Worker, "_run", slow_to_return)

    def job(_cancelled):  # type: ignore[no-untyped-def]
        if fails:
            raise OSError("the disk is full")
        return "imported"

    worker = Worker(job, "import")
    alive_when_heard: list[bool] = []
    (worker.failed if fails else worker.done).connect(
        lambda _value: alive_when_heard.append(worker.worker_thread is not None and worker.worker_thread.is_alive()))
    with qtbot.waitSignal(worker.failed if fails else worker.done, timeout=5000):
        worker.start()
    qtbot.waitUntil(lambda: bool(alive_when_heard), timeout=5000)
    assert alive_when_heard == [False]
