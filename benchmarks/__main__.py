"""Run every benchmark and print its table:  python -m benchmarks  (or: make bench).

    python -m benchmarks --quick    # tiny inputs and few runs: checks they work, measures nothing

Each runs in a process of its own: some watch an X server, others use Qt offscreen, and a Qt
application cannot change platform once it exists.
"""

from __future__ import annotations

import subprocess
import sys

from benchmarks.common import REPO, load_average, machine


def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    print(f"Machine: {machine()}\n")
    steps = (
        ("Launch to visually complete (under Xvfb)", "visual_ready", ["--quick"] if quick else ["--runs", "9"]),
        ("Instructions to the first complete frame (under valgrind)", "instructions",
         ["--quick"] if quick else ["--runs", "3"]),
        ("Start-up (launch to main window shown)", "startup", ["--quick"] if quick else ["--runs", "15"]),
        ("Bank size (load and index; UI-thread stalls)", "bank_size",
         ["--sizes", "30", "--repeats", "1"] if quick else []),
        ("Search as you type", "search", ["--size", "60"] if quick else []),
        ("Memory (peak RSS)", "memory", ["--runs", "1" if quick else "5"]),
        ("Note autosave while typing (cost per save)", "note_save",
         ["--notes", "20", "--reviews", "100", "--saves", "10"] if quick else []),
        ("Key-point suggestions (per review answer)", "keypoints", ["--runs", "5"] if quick else []),
        ("Running a coding exercise (run to results)", "exercise_run", ["--quick"] if quick else ["--runs", "15"]),
        ("PDF export of the whole bank", "pdf_export", ["--quick"] if quick else []),
        ("Ctrl+Enter to results shown in the editor", "editor_run", ["--quick"] if quick else ["--runs", "15"]),
        ("A year of use (launch, Progress, backups)", "year_of_use", ["--quick"] if quick else []),
        ("UI-thread gaps during backup, export, restore and import", "ui_gaps", ["--quick"] if quick else []),
    )
    failed = 0
    for title, module, args in steps:
        print(f"## {title}\n\nload average before: {load_average()}\n", flush=True)
        failed += subprocess.run([sys.executable, "-m", f"benchmarks.{module}", *args], cwd=REPO).returncode != 0
        print(flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
