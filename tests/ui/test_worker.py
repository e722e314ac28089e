"""Work off the UI thread (desktop/ui/worker.py) hands the GIL back to the UI thread quickly while it runs."""

from __future__ import annotations

import sys

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
