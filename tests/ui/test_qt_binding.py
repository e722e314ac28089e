"""Guards against known faults in the Qt binding itself."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication


def test_process_events_does_not_leak_references_to_none(qapp) -> None:  # type: ignore[no-untyped-def]
    """PySide6 6.12.0 drops None's reference count on every processEvents() call; a few thousand
    calls (pytest-qt's waits make them) then kill the interpreter. pyproject.toml excludes it."""
    before = sys.getrefcount(None)
    for _ in range(500):
        QApplication.processEvents()
    assert sys.getrefcount(None) - before > -50
