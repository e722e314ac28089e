"""PDF export of the whole bundled bank: time and file size, full and cheat-sheet layouts.

    python -m benchmarks.pdf_export [--runs 3] [--category ID] [--before TREE] [--quick]

Each run is a fresh process (offscreen Qt, bytecode caches allowed, as an installed app runs,
benchmarks/pdf_child.py): it loads the bank, then times `write_pdf` alone, as File → Export… runs it in an
app whose bank is already loaded (also shown: the whole process, as `mlcoach export pdf` runs). Two ways
for this tree: "prepared", with the questions' HTML read from a file made beforehand (as a package ships
it with its prepared bank, and as the user's cache holds it after a first export), and "first export",
with nothing stored (every question rendered, then saved). `--before TREE` adds the export as an earlier
commit had it (`git archive COMMIT | tar -x -C TREE`), so a change is measured against its past in one
run. Layouts and ways alternate. Wall time on a shared machine depends on what else runs, so each row also
gives the CPU time the export used and the load average around the run. Budget: whole bank ≤ 5 s and ≤ 5 MB.
`--quick` (python -m benchmarks --quick, and the test suite) exports one category, the full layout the
prepared way and the cheat sheet as a first export, with no warm-up and only that category's HTML prepared:
it checks the script works and measures nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.common import REPO, median, offscreen_env, table

LAYOUTS = ("full", "cheat-sheet")
BUDGET_S, BUDGET_MB = 5.0, 5.0
CHILD = REPO / "benchmarks" / "pdf_child.py"
PREPARED, FIRST = "prepared", "first export"
QUICK_CATEGORY = "fundamentals"


def measure(tree: Path, layout: str, fragments: str, category: str | None, tmp: Path) -> dict[str, float]:
    args = [sys.executable, str(CHILD), str(tree), layout, str(tmp / "out.pdf"), "--fragments", fragments]
    if category:
        args += ["--category", category]
    load_before = os.getloadavg()[0]
    result = subprocess.run(args, cwd=tree, env=offscreen_env(), capture_output=True, text=True, timeout=600,
                            check=False)
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-2000:])
    figures: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    figures["load"] = max(load_before, os.getloadavg()[0])
    return figures


def prepare(tree: Path, path: Path, category: str | None = None) -> None:
    """The questions' HTML in both layouts, as `mlcoach prepare-bank` ships it (only `category`'s, if given)."""
    code = (f"import sys; sys.path.insert(0, {str(tree)!r}); from pathlib import Path; "
            "from desktop.core.bank import Bank, load_bank; from desktop.paths import content_dir; "
            "from desktop.ui.pdf_content import prepare_fragments; bank = load_bank(content_dir()); "
            f"category = {category!r}; "
            "bank = bank if category is None else Bank(bank.categories, tuple(bank.in_category(category))); "
            f"sys.exit(0 if prepare_fragments(bank, Path({str(path)!r})) else 1)")
    subprocess.run([sys.executable, "-c", code], cwd=tree, env=offscreen_env(), check=True, timeout=600)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--category", help="only this category (a quick check)")
    parser.add_argument("--before", type=Path, help="also export from this source tree (an earlier commit)")
    parser.add_argument("--quick", action="store_true", help=f"one run of {QUICK_CATEGORY!r}, no warm-up")
    args = parser.parse_args(argv)
    if args.quick:
        args.runs, args.category = 1, args.category or QUICK_CATEGORY
    with tempfile.TemporaryDirectory(prefix="mlcoach-pdf-") as name:
        tmp = Path(name)
        prepared = tmp / "prepared.cache"
        prepare(REPO, prepared, args.category if args.quick else None)
        ways = {PREPARED: (REPO, f"warm:{prepared}"), FIRST: (REPO, f"cold:{tmp / 'first.cache'}")}
        if args.before is not None:
            ways[f"before ({args.before.name})"] = (args.before.resolve(), "none")
        pairs = [(layout, way) for layout in LAYOUTS for way in ways]
        if args.quick:  # each layout once and each way once: every path runs, with half the processes
            pairs = list(zip(LAYOUTS, ways, strict=False))
        runs: dict[tuple[str, str], list[dict[str, float]]] = {pair: [] for pair in pairs}
        for tree, _ in {tree: None for tree, _ in ways.values()}.items():  # warm-up: bytecode and font caches
            if not args.quick:
                measure(tree, LAYOUTS[0], "none" if tree != REPO else ways[PREPARED][1], args.category, tmp)
        for _ in range(args.runs):
            for layout, way in pairs:
                tree, fragments = ways[way]
                (tmp / "first.cache").unlink(missing_ok=True)  # a first export finds nothing stored
                runs[(layout, way)].append(measure(tree, layout, fragments, args.category, tmp))
    rows = []
    for (layout, way), results in runs.items():
        wall, cpu = [r["wall"] for r in results], [r["cpu"] for r in results]
        size_mb = results[-1]["bytes"] / 1e6
        met = median(wall) <= BUDGET_S and size_mb <= BUDGET_MB
        rows.append((layout, way, f"{results[-1]['questions']:,}", int(results[-1]["pages"]), len(results),
                     f"{median(wall):.2f}", f"{min(wall):.2f}", f"{median(cpu):.2f}", f"{min(cpu):.2f}",
                     f"{median([r['process_wall'] for r in results]):.2f}",
                     f"{size_mb:.2f}", " / ".join(f"{r['load']:.1f}" for r in results), "yes" if met else "NO"))
    print(table(("layout", "code", "questions", "pages", "runs", "export wall s (median)", "min s",
                 "export CPU s (median)", "min CPU s", "whole process s", "size MB", "load average",
                 "≤ 5 s and ≤ 5 MB?"), rows))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
