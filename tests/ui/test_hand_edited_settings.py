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


@pytest.mark.parametrize(("written", "shown", "used"), [("1.33", "133%", 1.33), ("3", "150%", 1.5), ("0.2", "90%", 0.9)])
def test_a_hand_edited_text_size_is_kept_within_what_settings_offers_and_shown_as_it_is(
        qtbot, sample_bank, isolated_data: Path, written: str, shown: str, used: float) -> None:  # type: ignore[no-untyped-def]
    """README: text size 90 % to 150 %. A size the list does not offer is shown as it is, not as 90 %: choosing
    90 % then really makes the text 90 %."""
    from desktop.core.settings import TEXT_SCALE
    from desktop.ui.settings_dialog import SettingsDialog
    from tests.ui.conftest import _window

    isolated_data.mkdir(parents=True, exist_ok=True)
    (isolated_data / "settings.ini").write_text(f"[view]\ntext_scale={written}\n", encoding="utf-8")
    window = _window(qtbot, sample_bank, isolated_data, active=False)
    assert window.ctx.prefs.get(TEXT_SCALE) == used
    dialog = SettingsDialog(window.ctx, window.set_theme, window.set_text_scale, window.settings_changed, window)
    qtbot.addWidget(dialog)
    assert dialog.text_size.currentText() == shown
    chosen: list[float] = []
    window.set_text_scale = chosen.append  # type: ignore[method-assign]
    dialog = SettingsDialog(window.ctx, window.set_theme, window.set_text_scale, window.settings_changed, window)
    qtbot.addWidget(dialog)
    dialog.text_size.setCurrentIndex(dialog.text_size.findText("90%"))
    assert chosen == ([] if shown == "90%" else [0.9])
