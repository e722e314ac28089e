"""Every benchmark runs once on a tiny input so they never rot. Times are not asserted here:
the suite runs on noisy machines; budgets are measured with `make bench` (docs/performance.md)."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from tests.conftest import REPO

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("prepared_bank_cache")]  # launches read the prepared bank


def test_all_benchmarks_run_on_tiny_inputs_and_print_their_tables() -> None:
    result = subprocess.run([sys.executable, "-m", "benchmarks", "--quick"], cwd=REPO, capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    out = result.stdout
    for heading in ("Launch to visually complete", "Instructions to the first complete frame", "Start-up", "Bank size", "Search as you type", "Memory",
                    "Note autosave while typing", "Key-point suggestions", "Running a coding exercise",
                    "PDF export of the whole bank", "Ctrl+Enter to results shown in the editor", "A year of use",
                    "UI-thread gaps"):
        assert f"## {heading}" in out
    for row in ("bare PySide6 window", "app --smoke-test (source)", "| 30 ", "no filter", "peak RSS",
                "empty database", "20 notes, 100 reviews", "300-word answer, 6 key points",
                "bare `python -c pass` child", "exercise run (source)", "| cheat-sheet ",
                "Ctrl+Enter → results shown in the panel", "longest UI-thread gap", "Opening Progress",
                "backups kept", "back up now", "export anki", "restore a backup", "import a CSV of 30 questions"):
        assert row in out, row
    if shutil.which("Xvfb"):  # launch to visually complete watches a private X server
        assert "app, fresh data folder" in out and "budget ≤ 1.5 ×" in out and "budget ≤ 1.2 ×" in out
    if shutil.which("valgrind"):  # instructions are counted by callgrind
        assert "| python -c pass " in out and "| true, a second program " in out
    assert "Machine: " in out


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
