"""Run every benchmark and print its table:  python -m benchmarks  (or: make bench).

    python -m benchmarks --quick    # tiny inputs and few runs: checks they work, measures nothing
"""

from __future__ import annotations

import sys

from benchmarks import bank_size, editor_run, exercise_run, keypoints, memory, note_save, pdf_export, search, startup
from benchmarks.common import machine


def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    print(f"Machine: {machine()}\n")
    steps = (
        ("Start-up (launch to main window shown)", startup.main, ["--runs", "1" if quick else "15"]),
        ("Bank size (load and index; UI-thread stalls)", bank_size.main,
         ["--sizes", "30", "--repeats", "1"] if quick else []),
        ("Search as you type", search.main, ["--size", "60"] if quick else []),
        ("Memory (peak RSS)", memory.main, ["--runs", "1" if quick else "5"]),
        ("Note autosave while typing (cost per save)", note_save.main,
         ["--notes", "20", "--reviews", "100", "--saves", "10"] if quick else []),
        ("Key-point suggestions (per review answer)", keypoints.main, ["--runs", "5"] if quick else []),
        ("Running a coding exercise (run to results)", exercise_run.main, ["--runs", "1" if quick else "15"]),
        ("PDF export of the whole bank", pdf_export.main,
         ["--runs", "1", "--category", "fundamentals"] if quick else []),
        ("Ctrl+Enter to results shown in the editor", editor_run.main, ["--runs", "1" if quick else "15"]),
    )
    for title, run, args in steps:
        print(f"## {title}\n")
        run(args)
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
