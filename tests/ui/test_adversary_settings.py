"""Settings (Ctrl+,) opened as a user opens it: the real dialog, driven from the keyboard."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from desktop.ui.settings_dialog import SettingsDialog

CTRL = Qt.KeyboardModifier.ControlModifier


def with_settings_open(qtbot, window, do: Callable[[SettingsDialog], None]) -> None:  # type: ignore[no-untyped-def]
    """Press Ctrl+, and run `do` on the dialog it opens (modal: from inside its event loop), then Esc."""
    ran: list[bool] = []

    def inside() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, SettingsDialog)
        try:
            do(dialog)
            ran.append(True)
        finally:
            qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    QTimer.singleShot(0, inside)
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Comma, CTRL)
    assert ran == [True]


def test_the_data_folder_is_shown_whole_when_the_window_has_room_for_it(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The dialog was sized without the folder's path (an elided label asks for no width), so even in a wide
    window a usual data folder showed as '/home/alexan…ew-coach': where the data is could only be read from a
    tooltip. The dialog now takes the path's width when the window has it."""
    window = make_window()
    window.resize(1360, 820)
    real = window.ctx.data_dir
    shown_path = "/home/alexandra.lee/.local/share/ml-interview-coach"  # only shown: put back before the window closes
    seen: dict[str, str] = {}

    def read(dialog: SettingsDialog) -> None:
        seen["shown"], seen["whole"] = dialog.folder.shown(), dialog.folder.text()
        seen["width"] = str(dialog.width())

    try:
        window.ctx.data_dir = Path(shown_path)
        with_settings_open(qtbot, window, read)
        assert seen["whole"] == shown_path
        assert seen["shown"] == shown_path, seen

        window.resize(760, 520)  # a small window: the dialog fits in it, the path shortened in the middle if need be
        with_settings_open(qtbot, window, read)
        assert int(seen["width"]) <= 760
    finally:
        window.ctx.data_dir = real
