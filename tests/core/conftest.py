from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.scheduler import SpacedRepetition
from desktop.core.store import DB_NAME, Store
from tests.core.fakes import T0, FakeClock


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(T0)


@pytest.fixture
def sr(tmp_path: Path, clock: FakeClock) -> SpacedRepetition:
    """Spaced repetition over a fresh store, on the fake clock."""
    return SpacedRepetition(Store.open(tmp_path / DB_NAME, clock), clock=clock)
