"""`mlcoach export …` and `mlcoach import …`: the same work as the File menu, from a terminal."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from desktop.core import export as exports
from desktop.core import wording
from desktop.core.backups import BACKUP_DIR, make_backup, open_data
from desktop.core.bank import Bank, load_bank
from desktop.core.export_formats import PDF_LAYOUTS
from desktop.core.importer import ImportFailed, deck_roots, import_path
from desktop.core.scheduler import SpacedRepetition
from desktop.paths import content_dir, user_data_dir


def full_bank(data_dir: Path) -> Bank:
    """The bundled bank plus every imported deck."""
    return load_bank(content_dir(), deck_roots(data_dir))


def export(args: argparse.Namespace) -> int:
    data_dir = user_data_dir(args.data_dir)
    opened = open_data(data_dir)
    for message in opened.messages:
        print(message, file=sys.stderr)
    bank = full_bank(data_dir)
    sr = SpacedRepetition(opened.store)
    if args.category and bank.category(args.category) is None:
        ids = ", ".join(c.id for c in bank.categories)
        print(f"mlcoach: no category {args.category!r}; choose one of: {ids}", file=sys.stderr)
        return 2
    layout = getattr(args, "layout", None)
    if layout is not None and args.format != "pdf":
        print("mlcoach: --layout is for pdf exports", file=sys.stderr)
        return 2
    chosen = exports.select(bank, sr, exports.Selection(args.category, args.bookmarked, args.weakest))
    notes = opened.store.notes()
    path = Path(args.file).expanduser()
    try:
        exports.check_destination(path, data_dir)
    except exports.ExportRefused as exc:
        print(f"mlcoach: {exc}", file=sys.stderr)
        return 2
    try:
        if args.format == "notes":
            count = exports.write_notes(path, bank, notes, chosen)
            what = "note"
        elif args.format == "csv":
            count = exports.write_csv(path, bank, chosen, notes, sr, bom=not args.no_bom)
            what = "question"
        elif args.format == "anki":
            count = exports.write_anki(path, bank, chosen, notes)
            what = "card"
        else:
            count = _pdf(path, bank, chosen, notes, layout or PDF_LAYOUTS[0])
            what = "question"
    except OSError as exc:
        print(f"mlcoach: could not write {path}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"Wrote {wording.count(count, what)} to {path}")
    return 0


def _pdf(path: Path, bank: Bank, chosen: list, notes: dict[str, str], layout: str) -> int:
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # a terminal with no screen can still print
    from PySide6.QtGui import QGuiApplication

    from desktop.ui.pdf_export import write_pdf

    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    progress = _terminal_progress if sys.stderr.isatty() else None
    return write_pdf(path, bank, chosen, notes, progress=progress, layout=layout)


def _terminal_progress(step: str, done: int, total: int) -> None:
    """One line per step, rewritten in place as it goes."""
    print(f"\r{step}: {done}/{total}", end="\n" if done >= total else "", file=sys.stderr, flush=True)


def import_deck(args: argparse.Namespace) -> int:
    data_dir = user_data_dir(args.data_dir)
    opened = open_data(data_dir)
    if opened.store.read_only:
        print(f"mlcoach: {data_dir} cannot be written, so nothing can be imported", file=sys.stderr)
        return 1
    backup = make_backup(opened.store, data_dir / BACKUP_DIR)  # before anything changes
    try:
        result = import_path(Path(args.path).expanduser(), data_dir, full_bank(data_dir), args.name)
    except ImportFailed as exc:
        print(f"Nothing was imported:\n{exc}", file=sys.stderr)
        return 1
    print(f"{result.summary()} ({result.folder})")
    for old, new in result.renamed.items():
        print(f"  {old} was renamed {new}: the id was already taken")
    if result.left_out:
        print("Not imported: " + "; ".join(result.left_out))
    print(f"A backup was made first: {backup.name}")
    return 0
