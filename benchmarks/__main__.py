"""Run every benchmark and print its table:  python -m benchmarks  (or: make bench).

    python -m benchmarks --quick    # tiny inputs and few runs: checks they work, measures nothing
    python -m benchmarks [--quick] startup memory    # only these (the modules' names)

Each runs in a process of its own: some watch an X server, others use Qt offscreen, and a Qt
application cannot change platform once it exists.
"""

from __future__ import annotations

import subprocess
import sys

from benchmarks.common import REPO, load_average, machine

# (title, module, arguments for a full run, arguments for --quick)
STEPS: tuple[tuple[str, str, list[str], list[str]], ...] = (
    ("Launch to visually complete (under Xvfb)", "visual_ready", ["--runs", "9"], ["--quick"]),
    ("Instructions to the first complete frame (under valgrind)", "instructions", ["--runs", "3"], ["--quick"]),
    ("Start-up (launch to main window shown)", "startup", ["--runs", "15"], ["--quick"]),
    ("Bank size (load and index; UI-thread stalls)", "bank_size", [], ["--sizes", "30", "--repeats", "1"]),
    ("Search as you type", "search", [], ["--size", "60"]),
    ("Memory (peak RSS)", "memory", ["--runs", "5"], ["--runs", "1"]),
    ("Note autosave while typing (cost per save)", "note_save", [],
     ["--notes", "20", "--reviews", "100", "--saves", "10"]),
    ("Key-point suggestions (per review answer)", "keypoints", [], ["--runs", "5"]),
    ("Running a coding exercise (run to results)", "exercise_run", ["--runs", "15"], ["--quick"]),
    ("PDF export of the whole bank", "pdf_export", [], ["--quick"]),
    ("Ctrl+Enter to results shown in the editor", "editor_run", ["--runs", "15"], ["--quick"]),
    ("A year of use (launch, Progress, backups)", "year_of_use", [], ["--quick"]),
    ("UI-thread gaps during backup, export, restore and import", "ui_gaps", [], ["--quick"]),
)


def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    chosen = [a for a in argv if a != "--quick"]
    unknown = sorted(set(chosen) - {module for _title, module, _full, _quick in STEPS})
    if unknown:
        print(f"no such benchmark: {', '.join(unknown)}", file=sys.stderr)
        return 2
    print(f"Machine: {machine()}\n")
    failed = 0
    for title, module, full, short in STEPS:
        if chosen and module not in chosen:
            continue
        print(f"## {title}\n\nload average before: {load_average()}\n", flush=True)
        args = short if quick else full
        failed += subprocess.run([sys.executable, "-m", f"benchmarks.{module}", *args], cwd=REPO).returncode != 0
        print(flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
