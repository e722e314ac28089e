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


def test_modules_imported_after_the_ui_are_not_read_for_pyside_features(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """PySide's import hook reads each new module's source to see whether it uses PySide (for its optional
    `__feature__` switches, which the app does not use): 35-110 ms of a launch. desktop.ui turns it off."""
    import inspect

    import desktop.ui  # noqa: F401  # what every launch imports first

    read: list[object] = []
    monkeypatch.setattr(inspect, "getsource", lambda module: read.append(module) or "")
    (tmp_path / "module_with_pyside_in_it.py").write_text("import PySide6\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "module_with_pyside_in_it", raising=False)
    exec("import module_with_pyside_in_it")  # an import statement: the hook sits on builtins.__import__
    assert "module_with_pyside_in_it" in sys.modules
    assert read == []
