"""The running QApplication, typed: `QApplication.instance()` may be None (or a QCoreApplication)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication


def qt_app() -> QApplication:
    app = QApplication.instance()
    assert isinstance(app, QApplication), "a QApplication must exist before any window is built"
    return app
