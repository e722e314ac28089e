"""Fixtures for the end-to-end tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.e2e.x11 import x_server


@pytest.fixture
def x_display() -> Iterator[str]:
    """A fresh Xvfb display for one test."""
    yield from x_server()
