"""Test-wide isolation: Qt offscreen, and never the real user data folder."""

from __future__ import annotations

import os
import sys
import time
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from benchmarks.common import offscreen_platform

if TYPE_CHECKING:
    from desktop.core.bank import Bank
    from desktop.core.search import SearchIndex

os.environ["QT_QPA_PLATFORM"] = offscreen_platform(os.environ.get("QT_QPA_PLATFORM"))  # before Qt loads
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


@cache
def _bundled_snapshot() -> bytes:
    from desktop.core.search import SearchIndex

    index = SearchIndex()
    index.add(bundled_bank().questions)
    return index.snapshot()


def bundled_index() -> SearchIndex:
    """A new search index of the bundled bank, each call its own (an index is mutable: notes are written into it),
    restored from a snapshot taken once per test process, as a launch restores the prepared bank's: indexing the
    bank anew costs about 0.2 s of CPU."""
    from desktop.core.search import SearchIndex

    return SearchIndex.restore(bundled_bank().questions, _bundled_snapshot())

# Bytecode caches (gitignored __pycache__), even if the shell sets PYTHONDONTWRITEBYTECODE: without them every
# xdist worker re-runs pytest's assertion rewriting on every test module (~7 s a worker, each run), and every
# app or CLI a test starts recompiles the source it imports. Installed apps run from bytecode too.
sys.dont_write_bytecode = False
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto` (make test) starts one worker more than there are cores: many tests spend a fifth of their time or
    more waiting (on an app they started, an X server, a timer), and a spare worker fills those waits. On 2 cores the
    parallel pass took 87-100 s with 3 workers against 105-147 s with 2, alternating on the same code."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return cores + 1


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


@pytest.fixture(scope="session")
def _prepared_bank_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled bank parsed and indexed once per test process, in the file a launch writes after its first
    parse (core.bank_cache), named for the bundled bank alone (a data folder with no decks)."""
    from desktop.core.bank_cache import BankCache, shared_name
    from desktop.paths import content_dir

    path = tmp_path_factory.mktemp("prepared-bank") / shared_name([content_dir()])
    assert BankCache([content_dir()]).write(path, bundled_bank(), _bundled_snapshot())
    return path


@pytest.fixture
def prepared_bank_cache(_prepared_bank_file: Path, isolated_data: Path) -> Path:
    """The user's cache folder holds the prepared bank, as after any launch but the very first: an app or CLI this
    test starts reads it instead of parsing and indexing the bank again (about 0.3-0.5 s of CPU a launch). Tests of
    the first launch, and of what a launch writes into the cache folder, do without it."""
    import shutil

    from desktop.paths import user_cache_dir

    folder = user_cache_dir()  # inside this test's tmp folder (isolated_data points XDG_CACHE_HOME there)
    folder.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy2(_prepared_bank_file, folder / _prepared_bank_file.name))
