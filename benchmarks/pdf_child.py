"""One PDF export of the whole bundled bank, in a fresh process, from any source tree (for pdf_export.py and
pdf_pages.py). Run as a script, so the tree's own `desktop` is imported, not this one's:

    python benchmarks/pdf_child.py TREE LAYOUT OUT [--fragments none|cold:FILE|warm:FILE] [--category ID]
        [--pages JSON]

--fragments: `none` renders every question (as any tree before the fragment cache did); `cold:FILE` renders
them and saves them in FILE (a first export); `warm:FILE` reads FILE (read-only, as a package ships it).
Prints one JSON line: times, pages, size; --pages also writes each page's text and drawing to JSON.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path
from typing import Any


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("tree")
    parser.add_argument("layout")
    parser.add_argument("out")
    parser.add_argument("--fragments", default="none")
    parser.add_argument("--category")
    parser.add_argument("--pages")
    args = parser.parse_args()
    start_cpu, start = time.process_time(), time.perf_counter()
    sys.path.insert(0, args.tree)
    from PySide6.QtGui import QGuiApplication

    from desktop.core.bank import load_bank
    from desktop.paths import content_dir
    from desktop.ui.pdf_export import write_pdf

    _app = QGuiApplication([sys.argv[0]])
    bank = load_bank(content_dir())
    questions = [q for q in bank.questions if args.category in (None, q.category)]
    cpu0, t0 = time.process_time(), time.perf_counter()
    if args.fragments == "none":
        write_pdf(Path(args.out), bank, questions, {}, layout=args.layout)
    else:
        from desktop.core.fragment_cache import Fragments
        from desktop.ui.pdf_content import fragments_code

        mode, _, file = args.fragments.partition(":")
        fragments = Fragments(fragments_code(), Path(file)) if mode == "cold" else \
            Fragments(fragments_code(), None, [Path(file)])
        write_pdf(Path(args.out), bank, questions, {}, layout=args.layout, fragments=fragments)
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - t0
    from pypdf import PdfReader

    reader = PdfReader(args.out)
    if args.pages:
        pages = [{"text": page.extract_text(), "drawing": _drawing(page)} for page in reader.pages]
        Path(args.pages).write_text(json.dumps(pages))
    print(json.dumps({"wall": wall, "cpu": cpu, "process_wall": time.perf_counter() - start,
                      "process_cpu": time.process_time() - start_cpu, "questions": len(questions),
                      "pages": len(reader.pages), "bytes": Path(args.out).stat().st_size}))


def _drawing(page: Any) -> str:
    """A hash of the page's content stream (not `if contents`: an empty-keyed stream object is falsy)."""
    contents = page.get_contents()
    return hashlib.blake2b(contents.get_data() if contents is not None else b"", digest_size=12).hexdigest()


if __name__ == "__main__":
    main()
