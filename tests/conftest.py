"""Test-wide isolation: Qt offscreen, and never the real user data folder."""

from __future__ import annotations

import os
import sys
import time
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from desktop.core.bank import Bank

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["TZ"] = "UTC"  # "today" and local times are deterministic in tests
if hasattr(time, "tzset"):  # not on Windows, whose CI runners keep UTC anyway
    time.tzset()

REPO = Path(__file__).resolve().parent.parent


@cache
def bundled_bank() -> Bank:
    """The bundled bank, parsed once per test process (a Bank and its questions are frozen: tests only read it)."""
    from desktop.core.bank import load_bank
    from desktop.paths import content_dir

    return load_bank(content_dir())

# Bytecode caches (gitignored __pycache__), even if the shell sets PYTHONDONTWRITEBYTECODE: without them every
# xdist worker re-runs pytest's assertion rewriting on every test module (~7 s a worker, each run), and every
# app or CLI a test starts recompiles the source it imports. Installed apps run from bytecode too.
sys.dont_write_bytecode = False
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)


@pytest.fixture(autouse=True)
def isolated_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data folder, and platform folders (data, config, cache) point into tmp too."""
    data = tmp_path / "data"
    monkeypatch.setenv("MLCOACH_DATA_DIR", str(data))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    if sys.platform == "darwin":  # ~/Library/Application Support
        monkeypatch.setenv("HOME", str(tmp_path / "home"))
    if sys.platform == "win32":  # %LOCALAPPDATA%, through platformdirs' override
        monkeypatch.setenv("WIN_PD_OVERRIDE_LOCAL_APPDATA", str(tmp_path / "local-appdata"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    return data
