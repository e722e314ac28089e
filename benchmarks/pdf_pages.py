"""Check that a change to the PDF export leaves the pages as they were: the whole bundled bank, both layouts.

    python -m benchmarks.pdf_pages --before TREE [--category ID]

TREE is an earlier commit's files (`git archive COMMIT | tar -x -C TREE`). Each layout is exported from
TREE and from this tree, here both with nothing stored (every question rendered) and with the questions'
HTML read back from that first export's store. Every page is compared by its text (pypdf's
extract_text) and by its drawing (a hash of its content stream: every glyph, line and colour, in order).
Exits 1 if any page differs. Slow: pypdf takes minutes to read the text of 540 pages.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from benchmarks.common import REPO, offscreen_env, table

LAYOUTS = ("full", "cheat-sheet")
CHILD = REPO / "benchmarks" / "pdf_child.py"


def export(tree: Path, layout: str, fragments: str, out: Path, category: str | None) -> list[dict[str, str]]:
    args = [sys.executable, str(CHILD), str(tree), layout, str(out.with_suffix(".pdf")), "--fragments", fragments,
            "--pages", str(out.with_suffix(".json"))]
    if category:
        args += ["--category", category]
    subprocess.run(args, cwd=tree, env=offscreen_env(), check=True, capture_output=True, timeout=1800)
    pages: list[dict[str, str]] = json.loads(out.with_suffix(".json").read_text())
    return pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, required=True, help="the source tree to compare with")
    parser.add_argument("--category", help="only this category (a quick check)")
    args = parser.parse_args(argv)
    rows, same = [], True
    with tempfile.TemporaryDirectory(prefix="mlcoach-pages-") as name:
        tmp = Path(name)
        for layout in LAYOUTS:
            store = tmp / f"{layout}.cache"
            with ThreadPoolExecutor(2) as pool:  # the first two are independent: one core each
                before = pool.submit(export, args.before.resolve(), layout, "none", tmp / f"{layout}-before",
                                     args.category)
                first = pool.submit(export, REPO, layout, f"cold:{store}", tmp / f"{layout}-first", args.category)
                results = {"before": before.result(), "first export": first.result()}
            results["prepared"] = export(REPO, layout, f"warm:{store}", tmp / f"{layout}-prepared", args.category)
            old = results["before"]
            for way in ("first export", "prepared"):
                new = results[way]
                texts = sum(a["text"] != b["text"] for a, b in zip(old, new, strict=False))
                drawings = sum(a["drawing"] != b["drawing"] for a, b in zip(old, new, strict=False))
                same = same and len(old) == len(new) and texts == 0 and drawings == 0
                rows.append((layout, way, len(old), len(new), texts, drawings))
    print(table(("layout", "this tree", "pages before", "pages now", "pages whose text differs",
                 "pages drawn differently"), rows))
    print("identical" if same else "DIFFERENT")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
