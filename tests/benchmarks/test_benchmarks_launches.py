"""The benchmarks that launch programs (under Xvfb, valgrind, or to their first window) run once on tiny inputs so
they never rot: one part of `python -m benchmarks --quick` (tests/benchmarks/quick.py)."""

from __future__ import annotations

import pytest

from tests.benchmarks.quick import LAUNCHES, run_quick

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("prepared_bank_cache")]  # launches read the prepared bank


def test_the_launch_benchmarks_run_once_and_print_their_tables() -> None:
    run_quick(LAUNCHES)
