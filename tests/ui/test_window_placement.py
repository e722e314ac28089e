"""The first window fits the screen it opens on: a small laptop's screen shows all of it, status bar included."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QRect

from desktop.ui.main_window import DEFAULT_SIZE, first_geometry


@pytest.mark.parametrize("available", [QRect(0, 0, 1920, 1040), QRect(0, 0, 1366, 728), QRect(0, 0, 1024, 560),
                                       QRect(1920, 0, 1280, 984), QRect(0, 27, 1440, 873)])
def test_the_first_window_is_the_default_size_or_less_and_centred_on_the_free_area(available: QRect) -> None:
    shown = first_geometry(available)
    assert available.contains(shown)  # all of it on the screen, with room for the window manager's frame
    assert shown.width() == min(DEFAULT_SIZE[0], available.width() - 16)
    assert shown.height() == min(DEFAULT_SIZE[1], available.height() - 48)
    assert abs(shown.center().x() - available.center().x()) <= 1
    assert abs(shown.center().y() - available.center().y()) <= 1


def test_the_app_launched_on_a_1366_by_768_screen_opens_a_window_that_fits(tmp_path: Path) -> None:
    """The real app, on Qt's offscreen platform given a 1366×768 screen: before, it opened 1280×800."""
    from benchmarks.first_paint import at_first_paint
    from tests.conftest import REPO

    screen = tmp_path / "screen.json"
    screen.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768,
                                              "logicalDpiX": 96, "logicalDpiY": 96, "dpr": 1}]}), encoding="utf-8")
    code = at_first_paint("""
from PySide6.QtWidgets import QApplication, QMainWindow
window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMainWindow))
g = window.geometry()
print('geometry', g.x(), g.y(), g.width(), g.height(), flush=True)
""")
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={screen}"}
    out = subprocess.run([sys.executable, "-c", code, "--data-dir", str(tmp_path / "data")], cwd=REPO, env=env,
                         capture_output=True, text=True, timeout=60)
    line = next((x for x in out.stdout.splitlines() if x.startswith("geometry ")), None)
    assert line is not None, out.stderr[-2000:]
    x, y, width, height = map(int, line.split()[1:])
    assert (width, height) == (1280, 720)  # as wide as ever, 48 pixels short of the screen for the frame
    assert x >= 0 and y >= 0 and x + width <= 1366 and y + height <= 768
