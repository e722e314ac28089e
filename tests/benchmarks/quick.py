"""`python -m benchmarks --quick`, in parts: each test file runs some of the benchmarks, so that xdist (which hands
a whole file to one worker) runs them side by side instead of 13 scripts one after another on one worker.
test_benchmarks_run.py checks that the parts together are every benchmark."""

from __future__ import annotations

import shutil
import subprocess
import sys

from tests.conftest import REPO

# Each benchmark (its module): the start of its heading, and rows its table must print.
EXPECTED: dict[str, tuple[str, tuple[str, ...]]] = {
    "visual_ready": ("Launch to visually complete", ()),
    "instructions": ("Instructions to the first complete frame", ()),
    "startup": ("Start-up", ("bare PySide6 window", "app --smoke-test (source)")),
    "bank_size": ("Bank size", ("| 30 ", "longest UI-thread gap")),
    "search": ("Search as you type", ("no filter",)),
    "memory": ("Memory", ("bare PySide6 window", "peak RSS")),
    "note_save": ("Note autosave while typing", ("empty database", "20 notes, 100 reviews")),
    "keypoints": ("Key-point suggestions", ("300-word answer, 6 key points",)),
    "exercise_run": ("Running a coding exercise", ("bare `python -c pass` child", "exercise run (source)")),
    "pdf_export": ("PDF export of the whole bank", ("| cheat-sheet ",)),
    "editor_run": ("Ctrl+Enter to results shown in the editor",
                   ("Ctrl+Enter → results shown in the panel", "longest UI-thread gap")),
    "year_of_use": ("A year of use", ("Opening Progress", "backups kept")),
    "ui_gaps": ("UI-thread gaps", ("back up now", "export anki", "restore a backup", "import a CSV of 30 questions")),
}
if shutil.which("Xvfb"):  # launch to visually complete watches a private X server
    EXPECTED["visual_ready"] = (EXPECTED["visual_ready"][0], ("app, fresh data folder", "budget ≤ 1.5 ×"))
    EXPECTED["year_of_use"] = (EXPECTED["year_of_use"][0],
                               (*EXPECTED["year_of_use"][1], "app, fresh data folder", "budget ≤ 1.2 ×"))
if shutil.which("valgrind"):  # instructions are counted by callgrind
    EXPECTED["instructions"] = (EXPECTED["instructions"][0], ("| python -c pass ", "| true, a second program "))

# The parts, one a test file, of about the same CPU time (5-7 s each on a 2-core VM).
LAUNCHES = ("visual_ready", "instructions", "startup", "memory")
YEAR = ("note_save", "year_of_use", "ui_gaps")
WORK = ("bank_size", "search", "keypoints", "exercise_run", "pdf_export", "editor_run")
PARTS = (LAUNCHES, YEAR, WORK)


def run_quick(modules: tuple[str, ...]) -> None:
    """Run these benchmarks as `python -m benchmarks --quick` does, and check each prints its heading and rows."""
    result = subprocess.run([sys.executable, "-m", "benchmarks", "--quick", *modules], cwd=REPO,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    out = result.stdout
    assert "Machine: " in out
    starts = []
    for module in modules:
        heading = f"## {EXPECTED[module][0]}"
        assert heading in out, heading
        starts.append(out.index(heading))
    assert starts == sorted(starts)  # in the runner's order, so each section ends where the next begins
    for module, start, end in zip(modules, starts, [*starts[1:], len(out)], strict=True):
        section = out[start:end]
        for row in EXPECTED[module][1]:
            assert row in section, (module, row)
