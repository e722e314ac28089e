"""Every benchmark runs once on a tiny input so they never rot. Times are not asserted here:
the suite runs on noisy machines; budgets are measured with `make bench` (docs/performance.md).
`python -m benchmarks --quick` runs in three parts, this file's and two others' (tests/benchmarks/quick.py)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from benchmarks.__main__ import STEPS
from tests.benchmarks.quick import EXPECTED, PARTS, WORK, run_quick
from tests.conftest import REPO

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("prepared_bank_cache")]  # launches read the prepared bank


def test_the_parts_run_every_benchmark_once() -> None:
    every = [module for _title, module, _full, _quick in STEPS]
    assert len(every) == 13
    assert sorted(m for part in PARTS for m in part) == sorted(every) == sorted(EXPECTED)


def test_the_benchmarks_of_searching_exporting_and_running_code_run_on_tiny_inputs_and_print_their_tables() -> None:
    run_quick(WORK)


def test_the_search_benchmarks_time_browse_keystrokes_and_compare_with_a_commit() -> None:
    result = subprocess.run([sys.executable, "-m", "benchmarks.search", "--size", "60"], cwd=REPO,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    for row in ("| no filter ", "| category filter ", "| Browse keystroke, category "):
        assert row in result.stdout, row
    result = subprocess.run([sys.executable, "-m", "benchmarks.search_vs", "--rev", "HEAD", "--size", "60",
                             "--runs", "1"], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "| at HEAD " in result.stdout and "| now " in result.stdout and "load average" in result.stdout
