"""settings.ini can be edited by hand: whatever is in it, the app starts and says what it could not use."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from desktop.ui.main_window import DEFAULT_SIZE, MainWindow


@pytest.mark.parametrize("geometry", ["garbage", "1, 2, 3", "@ByteArray(not a geometry)"])
def test_a_hand_edited_window_geometry_opens_the_window_at_its_default_size(qtbot, isolated_data: Path,  # type: ignore[no-untyped-def]
                                                                            geometry: str) -> None:
    isolated_data.mkdir(parents=True, exist_ok=True)
    ini = isolated_data / "settings.ini"
    ini.write_text(f"[window]\ngeometry={geometry}\n", encoding="utf-8")
    window = MainWindow(settings=QSettings(str(ini), QSettings.Format.IniFormat))  # the bare frame run_gui shows first
    qtbot.addWidget(window)
    window.show()
    assert (window.width(), window.height()) == DEFAULT_SIZE
