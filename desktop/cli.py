"""`mlcoach export …`, `mlcoach import …` and `mlcoach exercise …`: the same work as the app's menus and
the exercise editor, from a terminal."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from desktop.core import export as exports
from desktop.core import services
from desktop.core.backups import Opened, open_data
from desktop.core.bank import Bank, Question
from desktop.core.export_formats import PDF_LAYOUTS
from desktop.core.importer import ImportFailed
from desktop.core.store import DB_NAME, Store
from desktop.paths import user_data_dir


def export(args: argparse.Namespace) -> int:
    data_dir = user_data_dir(args.data_dir)
    path = Path(args.file).expanduser()
    try:  # before the data and the bank are read: a file that cannot be written to is refused at once
        exports.check_destination(path, data_dir)
    except exports.ExportRefused as exc:
        print(f"mlcoach: {exc}", file=sys.stderr)
        return 2
    if getattr(args, "read_only", False):  # read as it is: no folder made, nothing migrated or restored
        opened = Opened(Store.open_read_only(data_dir / DB_NAME))
    else:
        opened = open_data(data_dir)
    for message in opened.messages:
        print(message, file=sys.stderr)
    bank = services.load_bank(data_dir)
    if args.category and bank.category(args.category) is None:
        ids = ", ".join(c.id for c in bank.categories)
        print(f"mlcoach: no category {args.category!r}; choose one of: {ids}", file=sys.stderr)
        return 2
    layout = getattr(args, "layout", None)
    if layout is not None and args.format != "pdf":
        print("mlcoach: --layout is for pdf exports", file=sys.stderr)
        return 2
    selection = exports.Selection(args.category, args.bookmarked, args.weakest)
    try:
        if args.format == "pdf":
            message = _pdf(path, bank, opened.store, selection, layout or PDF_LAYOUTS[0])
        else:
            message = services.export(args.format, path, bank, opened.store, selection, bom=not args.no_bom)
    except exports.ExportRefused as exc:  # made read-only while the export ran
        print(f"mlcoach: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"mlcoach: {services.write_failed(path, exc)}", file=sys.stderr)
        return 1
    print(message)
    return 0


def _pdf(path: Path, bank: Bank, store: Store, selection: exports.Selection, layout: str) -> str:
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # a terminal with no screen can still print
    from PySide6.QtGui import QGuiApplication

    from desktop.ui.pdf_content import stored_fragments
    from desktop.ui.pdf_export import write_pdf

    chosen: list[Question] = services.choose(bank, store, selection)[0]
    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    progress = _terminal_progress if sys.stderr.isatty() else None
    n = write_pdf(path, bank, chosen, store.note_store.notes(), progress=progress, layout=layout,
                  fragments=stored_fragments())
    return services.written("pdf", n, path, layout)


def _terminal_progress(step: str, done: int, total: int) -> None:
    """One line per step, rewritten in place as it goes."""
    print(f"\r{step}: {done}/{total}", end="\n" if done >= total else "", file=sys.stderr, flush=True)


def import_deck(args: argparse.Namespace) -> int:
    if not str(args.path).strip():  # "" would be the current folder: whatever is in it, imported as a deck
        print("mlcoach: name the file or folder to import", file=sys.stderr)
        return 2
    if getattr(args, "read_only", False):  # --read-only promises the data is not changed: an import changes it
        print("mlcoach: --read-only leaves your data unchanged, so nothing was imported", file=sys.stderr)
        return 2
    data_dir = user_data_dir(args.data_dir)
    opened = open_data(data_dir)
    if opened.store.read_only:  # say why: the folder's permissions, a read-only file, a newer version…
        print("\n".join([*opened.messages, "mlcoach: nothing was imported"]), file=sys.stderr)
        return 1
    source = Path(args.path).expanduser()
    try:
        imported = services.import_with_backup(opened.store, data_dir, source, services.load_bank(data_dir), args.name)
    except services.BackupFailed as exc:
        print(f"mlcoach: {exc}", file=sys.stderr)
        return 1
    except ImportFailed as exc:
        print(f"Nothing was imported:\n{exc}", file=sys.stderr)
        return 1
    print("\n".join(imported.terminal_lines()))
    if _window_open_on(data_dir):  # it read its bank at start: the deck is on disk, not yet in that window
        print(f"ML Interview Coach is open on {data_dir}: quit it and start it again to see the deck there.")
    return 0


def _window_open_on(data_dir: Path) -> bool:
    """Whether the app's window holds the data folder right now (the lock a second launch finds taken)."""
    from desktop.ui.single_instance import InstanceLock  # Qt's core module, for this one check after an import

    lock = InstanceLock(data_dir)
    try:
        return lock.usable and not lock.held
    finally:
        lock.close()


def exercise(args: argparse.Namespace) -> int:
    """`exercise list`, or `exercise run ID FILE`: 0 when every test passes, 1 when any fails or a limit is
    hit, 2 on a usage error (an unknown id, a file that cannot be read)."""
    from desktop.core.exercises import ExerciseRunner

    bank = services.load_bank(user_data_dir(args.data_dir))
    exercises = [q for q in bank.questions if q.is_exercise]
    if args.action == "list":
        width = max((len(q.id) for q in exercises), default=2)
        print(f"{'ID':<{width}}  DIFFICULTY  KIND    TITLE")
        for q in exercises:
            print(f"{q.id:<{width}}  {q.difficulty:<10}  {q.exercise_kind or '':<6}  {q.title}")
        return 0
    question = bank.get(args.id)
    if question is None or not question.is_exercise:
        print(f"mlcoach: no coding exercise {args.id!r}; `mlcoach exercise list` shows them", file=sys.stderr)
        return 2
    try:
        code = sys.stdin.read() if args.file == "-" else Path(args.file).expanduser().read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        print(f"mlcoach: cannot read {args.file}: {reason}", file=sys.stderr)
        return 2
    try:
        result = ExerciseRunner.for_question(question, code).run()
    except KeyboardInterrupt:  # run() has killed the child and all it started
        print("Cancelled", file=sys.stderr)
        return 130
    if args.json:
        print(json.dumps({"id": question.id, **result.as_dict()}, indent=2))
        return 0 if result.ok else 1
    print(question.title)
    for test in result.tests:
        print(f"  {'PASS' if test.passed else 'FAIL'}  {test.name}  ({test.seconds:.3f} s)")
        for line in test.message.splitlines():
            print(f"        {line}")
    print(f"{result.message}  ({result.seconds:.2f} s)")
    if result.details:
        print(result.details)
    for name, text in (("printed", result.stdout), ("printed to stderr", result.stderr)):
        if text:
            print(f"\nYour code {name}:\n{text.rstrip()}")
    return 0 if result.ok else 1
