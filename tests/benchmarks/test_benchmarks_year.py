"""The benchmarks on a data folder of a year's use (autosave, Progress, backups, UI-thread gaps) run once on tiny
inputs so they never rot: one part of `python -m benchmarks --quick` (tests/benchmarks/quick.py)."""

from __future__ import annotations

import pytest

from tests.benchmarks.quick import YEAR, run_quick

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("prepared_bank_cache")]  # launches read the prepared bank


def test_the_year_of_use_benchmarks_run_on_a_small_folder_and_print_their_tables() -> None:
    run_quick(YEAR)
