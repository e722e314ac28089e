"""PDF export of the whole bundled bank: time and file size, full and cheat-sheet layouts.

    python -m benchmarks.pdf_export [--runs 3] [--category ID]

Each run is a fresh process (offscreen Qt, bytecode caches allowed, as an installed app runs): it
loads the bank, then times `write_pdf` alone, as File → Export… runs it in an app whose bank is
already loaded (also shown: the whole process, as `mlcoach export pdf` runs). The layouts alternate.
Wall time on a shared machine depends on what else runs, so each row also gives the CPU time the
export used and the load average around the run. Budget: whole bank ≤ 5 s and ≤ 5 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import REPO, median, offscreen_env, table

LAYOUTS = ("full", "cheat-sheet")
BUDGET_S, BUDGET_MB = 5.0, 5.0


def child(layout: str, out: str, category: str | None) -> None:
    """Runs in the measured process: prints one JSON line."""
    start_cpu, start = time.process_time(), time.perf_counter()
    from PySide6.QtGui import QGuiApplication

    from desktop.core.bank import load_bank
    from desktop.paths import content_dir
    from desktop.ui.pdf_export import write_pdf

    _app = QGuiApplication([sys.argv[0]])
    bank = load_bank(content_dir())
    questions = [q for q in bank.questions if category in (None, q.category)]
    cpu0, t0 = time.process_time(), time.perf_counter()
    write_pdf(Path(out), bank, questions, {}, layout=layout)
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - t0
    from pypdf import PdfReader

    pages = len(PdfReader(out).pages)
    print(json.dumps({"wall": wall, "cpu": cpu, "process_wall": time.perf_counter() - start,
                      "process_cpu": time.process_time() - start_cpu, "questions": len(questions),
                      "pages": pages, "bytes": Path(out).stat().st_size}))


def measure(layout: str, category: str | None) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="mlcoach-pdf-") as tmp:
        args = [sys.executable, "-m", "benchmarks.pdf_export", "--child", layout, str(Path(tmp) / "out.pdf")]
        if category:
            args += ["--category", category]
        load_before = os.getloadavg()[0]
        result = subprocess.run(args, cwd=REPO, env=offscreen_env(), capture_output=True, text=True, timeout=600,
                                check=False)
        if result.returncode != 0:
            raise RuntimeError(result.stderr[-2000:])
        figures: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
        figures["load"] = max(load_before, os.getloadavg()[0])
        return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--category", help="only this category (a quick check)")
    parser.add_argument("--child", nargs=2, metavar=("LAYOUT", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child[0], args.child[1], args.category)
        return 0
    runs: dict[str, list[dict[str, float]]] = {layout: [] for layout in LAYOUTS}
    measure(LAYOUTS[0], args.category)  # warm-up: bytecode and font caches, as on any later launch
    for _ in range(args.runs):
        for layout in LAYOUTS:
            runs[layout].append(measure(layout, args.category))
    rows = []
    for layout, results in runs.items():
        wall, cpu = [r["wall"] for r in results], [r["cpu"] for r in results]
        size_mb = results[-1]["bytes"] / 1e6
        met = median(wall) <= BUDGET_S and size_mb <= BUDGET_MB
        rows.append((layout, f"{results[-1]['questions']:,}", int(results[-1]["pages"]), len(results),
                     f"{median(wall):.2f}", f"{min(wall):.2f}", f"{median(cpu):.2f}",
                     f"{median([r['process_wall'] for r in results]):.2f}",
                     f"{size_mb:.2f}", " / ".join(f"{r['load']:.1f}" for r in results), "yes" if met else "NO"))
    print(table(("layout", "questions", "pages", "runs", "export wall s (median)", "min s", "export CPU s (median)",
                 "whole process s", "size MB", "load average", "≤ 5 s and ≤ 5 MB?"), rows))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
