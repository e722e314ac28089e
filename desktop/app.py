"""Composition root: command line, paths, bank, search index, Qt application, main window.

    mlcoach [--data-dir PATH] [--theme system|light|dark] [--smoke-test]
    mlcoach check-content [DIR]
    mlcoach exercise list | run ID FILE [--json]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from desktop import APP_ID, APP_NAME, __version__
from desktop.console import ensure_std_streams
from desktop.core.export_formats import FORMATS, PDF_LAYOUTS
from desktop.core.settings import THEMES
from desktop.paths import DATA_DIR_ENV, content_dir, shipped_bank_cache, user_cache_dir, user_data_dir

if TYPE_CHECKING:
    from desktop.core.bank import Bank

SMOKE_TEST_TIMEOUT_MS = 60_000
# How long start-up waits for the bank before it lets the window paint "Loading…": the loader reads it
# from a cache in a few tens of ms, and then the next paint is the finished window (docs/performance.md).
BANK_WAIT_S = 0.3


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


HIDDEN_COMMANDS = ("prepare-bank",)  # the package step: left out of --help and of an unknown command's choices


class CommandLine(argparse.ArgumentParser):
    """argparse, but an unknown command's "choose from" list leaves the hidden commands out, as --help does."""

    def error(self, message: str) -> NoReturn:
        for name in HIDDEN_COMMANDS:
            message = message.replace(f", {name!r}", "").replace(f"{name!r}, ", "")
        super().error(message)


def build_parser() -> argparse.ArgumentParser:
    """The whole command line: `mlcoach --help` and the man page (packaging/linux/manpage.py) both come from it."""
    # --data-dir works before or after a subcommand; SUPPRESS keeps a subcommand from resetting it.
    shared = CommandLine(add_help=False)
    shared.add_argument("--data-dir", metavar="PATH", default=argparse.SUPPRESS,
                        help=f"where your notes and progress live (or set {DATA_DIR_ENV})")
    parser = CommandLine(prog="mlcoach", description=f"{APP_NAME}: practise ML interviews offline.",
                         parents=[shared])
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--theme", choices=THEMES, help="override the saved theme for this run")
    parser.add_argument("--read-only", action="store_true",
                        help="open your data without changing it (notes typed are kept on screen only)")
    parser.add_argument("--smoke-test", action="store_true",
                        help="build and show the main window, load the bank, process events, exit 0")
    sub = parser.add_subparsers(dest="command", metavar="{check-content,export,import,exercise}")
    check = sub.add_parser("check-content", help="validate a question folder; exit 1 on any problem")
    check.add_argument("dir", nargs="?", help="folder with categories.yaml (default: the bundled bank)")
    export = sub.add_parser("export", parents=[shared],
                            help="write notes (Markdown), csv, an Anki deck (.apkg) or a printable PDF")
    export.add_argument("format", choices=FORMATS)
    export.add_argument("file", help="where to write it")
    export.add_argument("--category", help="only this category (its id, e.g. fundamentals)")
    export.add_argument("--bookmarked", action="store_true", help="only bookmarked questions")
    export.add_argument("--weakest", type=positive_int, metavar="N", help="only the N weakest studied questions")
    export.add_argument("--layout", choices=PDF_LAYOUTS,
                        help="pdf: every section of each question (full, the default) or a two-column cheat-sheet "
                             "of titles, key points, formulas and your notes")
    export.add_argument("--no-bom", action="store_true",
                        help="csv: leave out the UTF-8 byte-order mark (spreadsheets need it; some scripts do not)")
    imp = sub.add_parser("import", parents=[shared],
                         help="add your own questions: a folder in the bank's format, a CSV, or an Anki deck")
    imp.add_argument("path", help="a folder of question files, a .csv (question, answer, category, …), an Anki "
                                  "deck (.apkg) or Anki's Notes in Plain Text (.txt); importing it again updates it")
    imp.add_argument("--name", help="the deck's name (default: from the file or folder name)")
    exercise = sub.add_parser("exercise", parents=[shared],
                              help="list the coding exercises, or run your code against one")
    actions = exercise.add_subparsers(dest="action", required=True)
    actions.add_parser("list", parents=[shared], help="every coding exercise: id, difficulty, kind and title")
    run = actions.add_parser("run", parents=[shared], help="run FILE against exercise ID's hidden tests; exit 0 when "
                             "all pass, 1 when any fails or a limit is hit, 2 on a usage error")
    run.add_argument("id", help="the exercise's id (see `mlcoach exercise list`)")
    run.add_argument("file", help="your code (a .py file), or - to read it from standard input")
    run.add_argument("--json", action="store_true", help="print the results as JSON")
    # The package step (see core.bank_cache), hidden: with no help= argparse leaves a command out of --help,
    # where help=SUPPRESS would print "==SUPPRESS==" as its description (Python 3.11).
    prepare = sub.add_parser(HIDDEN_COMMANDS[0])
    prepare.add_argument("file", nargs="?", help="where to write it (default: where this app looks for it)")
    return parser


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if args.command is not None and extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")  # only the GUI passes options on to Qt
    if not hasattr(args, "data_dir"):
        args.data_dir = None
    return args


def main(argv: Sequence[str] | None = None) -> int:
    ensure_std_streams()  # before anything prints: a windowed Windows build has no stdout or stderr
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parse_args(argv)
    if args.command == "check-content":
        from desktop.core.bank import check

        return check(Path(args.dir) if args.dir else content_dir())
    if args.command == "prepare-bank":
        from desktop.core.bank import load_bank
        from desktop.core.bank_cache import build, shared_name

        out = Path(args.file) if args.file else shipped_bank_cache() or user_cache_dir() / shared_name([content_dir()])
        bank = load_bank(content_dir())  # parsed once, for both files
        return build(bank, content_dir(), out) or _prepare_pdf(bank, out.parent)
    if args.command in ("export", "import", "exercise"):
        from desktop import cli

        return {"export": cli.export, "import": cli.import_deck, "exercise": cli.exercise}[args.command](args)
    return run_gui(args, argv)


def _prepare_pdf(bank: Bank, folder: Path) -> int:
    """The bank's questions as HTML for a PDF export, in both layouts, beside the prepared bank (ui.pdf_content)."""
    from desktop.core.fragment_cache import FILE_NAME
    from desktop.ui.pdf_content import prepare_fragments

    path = folder / FILE_NAME
    prepared = prepare_fragments(bank, path)
    if prepared is None:
        print(f"could not write {path}", file=sys.stderr)
        return 1
    print(f"{prepared.rendered + prepared.kept} PDF fragments in {path}: {prepared.rendered} rendered, "
          f"{prepared.kept} already current")
    return 0


def first_screen_imports(code_background: str) -> Callable[[], None]:
    """What the loader thread does while it waits for the notes: the first screen's Markdown parser and
    code colours, ready before the UI thread needs them (about 40 ms it would otherwise spend there)."""

    def warm_up() -> None:
        from desktop.core import markup

        markup.warm(code_background)

    return warm_up


def run_gui(args: argparse.Namespace, argv: list[str]) -> int:
    """Show the bare window first; then, while a worker thread reads the bank (from its prepared cache,
    core.bank_cache) and a second one checks the database, open the data and furnish the window; then
    build the first mode, so that the next paint is the complete window.

    DESIGN: launch to the window visually complete within 1.5 × a bare PySide6 window, and never block
    the UI. Before the first frame only the bare window's own imports run, plus the single-instance
    check; the database, the style sheet, the menus and the bank all come after it (docs/performance.md).
    """
    started = time.perf_counter()
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.core.settings import TEXT_SCALE, THEME, Settings
    from desktop.ui import theme
    from desktop.ui.main_window import MainWindow
    from desktop.ui.single_instance import InstanceLock, Owner, ask_running_instance, when_owner_hangs

    app = QApplication([sys.argv[0], *argv, *theme.FUSION_ARGS])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)

    data_dir = user_data_dir(args.data_dir)
    lock = InstanceLock(data_dir)
    read_only = bool(args.read_only)
    # Taken: the owner may still be starting up, so give it time to answer. Locks unusable here
    # (some network shares): knock once, as there is no other way to know.
    while not args.smoke_test and not (lock.held and lock.usable):
        owner = ask_running_instance(data_dir, wait_s=3.0 if lock.usable else 0.0)
        if owner is Owner.FORWARDED:
            print(f"{APP_NAME} is already running on {data_dir}; brought its window forward.")
            return 0
        if owner is Owner.NONE and not lock.usable:
            break  # nobody answered and locks cannot tell: run, as before locks existed
        # The folder's owner holds its lock but does not answer: stopped or hung.
        print(f"{APP_NAME} is already running on {data_dir} but is not responding.", flush=True)
        choice = when_owner_hangs(data_dir)
        if choice == "quit":
            return 1
        if choice == "read-only":
            read_only = True
            break
        lock = InstanceLock(data_dir)  # "wait": it may have ended meanwhile, freeing the folder
    settings = QSettings(str(data_dir / "settings.ini"), QSettings.Format.IniFormat)
    prefs = Settings(settings)  # a hand-edited value is reported in the status bar once it exists
    first_colors = theme.first_frame(app, prefs, args.theme)
    app.setWindowIcon(theme.app_icon())
    window = MainWindow(settings=settings)
    window.show()
    app.processEvents()
    shown_ms = (time.perf_counter() - started) * 1000
    if args.smoke_test:
        print(f"window-shown {shown_ms:.0f} ms", flush=True)  # the start-up benchmark reads this line

    from desktop.core.backups import READ_ONLY_BY_CHOICE, check_ahead, open_data, open_read_only, tidy_leftovers

    checked = None if read_only else check_ahead(data_dir)  # SQLite checks the file while we go on

    from desktop.core import services
    from desktop.core.bank import Bank
    from desktop.core.bank_cache import CacheFiles
    from desktop.ui.bank_loader import BankLoader

    def full_bank(breathe: Callable[[], None] | None = None) -> Bank:
        return services.load_bank(data_dir, breathe)

    def bank_cache() -> tuple[list[Path], CacheFiles]:  # on the loader thread, not before the window shows
        roots = services.bank_roots(data_dir)
        return roots, services.bank_cache(data_dir, roots)

    # The bank is read on a worker thread from here on, while this one opens the data and furnishes the
    # window; it waits for the notes (add_notes, below) before it delivers.
    loader = BankLoader(full_bank, cache=bank_cache, warm_up=first_screen_imports(first_colors.code_bg))
    loader.loaded.connect(lambda bank, index: on_loaded(bank, index))
    loader.failed.connect(lambda details: on_failed(details))
    loader.start()

    from desktop.core.search import SearchIndex
    from desktop.ui.context import AppContext
    from desktop.ui.error_report import ErrorReporter
    from desktop.ui.single_instance import InstanceServer

    ErrorReporter(data_dir, window.save_pending, args.smoke_test).install()
    if args.smoke_test:  # a smoke test that never finishes is a failure, not a hung CI job
        def timed_out() -> None:
            print("smoke-test: FAILED: timed out", flush=True)
            app.exit(2)

        QTimer.singleShot(SMOKE_TEST_TIMEOUT_MS, timed_out)
    opened = open_read_only(data_dir, READ_ONLY_BY_CHOICE) if read_only else open_data(data_dir, checked=checked)
    if lock.held and not read_only:  # only the folder's owner tidies what a killed backup or import left
        tidy_leftovers(data_dir)
    theme.set_text_scale(app, prefs.get(TEXT_SCALE))  # first: apply() then builds the one style sheet at that size
    theme.apply(app, args.theme or prefs.get(THEME), settings, in_fusion=True)

    ctx = AppContext(bank=Bank((), ()), index=SearchIndex(), settings=settings, store=opened.store,
                     data_dir=data_dir, status=lambda _m: None, load_bank=full_bank, typed_settings=prefs)
    loader.add_notes(opened.store.note_store.notes(), keep=not opened.store.read_only)
    window.furnish(ctx, ready=False)
    window.draw_icons()
    # No processEvents() here: when the bank arrives in time (it is usually read from a cache), the window's
    # next paint is the complete one, and a furnished-but-empty frame in between would only cost time.
    if args.smoke_test:
        print(f"window-furnished {(time.perf_counter() - started) * 1000:.0f} ms", flush=True)

    servers: list[InstanceServer] = []  # kept alive here

    def answer_later_launches() -> None:
        servers.append(InstanceServer(data_dir))
        servers[0].activate_requested.connect(window.bring_forward)

    def on_terminate() -> None:  # a logout, a shutdown or `kill` quits as Ctrl+Q does, saving what is typed
        from desktop.ui.terminate import close_on_terminate

        close_on_terminate(window, window.close_without_asking)

    window.after_paint.add(on_terminate)
    if lock.held and not read_only:  # only the folder's owner answers later launches
        # Once the first screen is painted (QtNetwork and the socket cost ~10 ms): a later launch that asks
        # meanwhile waits up to 3 s for the answer (ask_running_instance).
        window.after_paint.add(answer_later_launches)
    for message in opened.messages:
        print(message, file=sys.stderr)
        if not args.smoke_test:
            from PySide6.QtWidgets import QMessageBox

            box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, message, parent=window)
            box.open()  # not blocking: the app is usable behind it

    def on_loaded(bank: Bank, index: SearchIndex) -> None:
        if window.ready:
            return  # built already, from wait_loaded() below: this is the signal arriving after it
        for problem in bank.problems:
            print(problem, file=sys.stderr)
        window.bank_loaded(bank, index)
        window.after_paint.add(loader.shown)
        if args.smoke_test:
            QTimer.singleShot(0, finish)

    def on_failed(details: str) -> None:
        print(details, file=sys.stderr)
        window.show_status("The question bank could not be loaded. Your notes are safe; see the terminal for why.")
        if args.smoke_test:
            app.exit(1)

    def finish() -> None:
        app.processEvents()
        ok = window.isVisible() and window.ready and window.current_mode() is not None
        ready_ms = (time.perf_counter() - started) * 1000
        try:
            print(f"smoke-test: {'ok' if ok else 'FAILED'}: {len(ctx.bank.questions)} questions, "
                  f"{len(ctx.bank.problems)} problems, window shown in {shown_ms:.0f} ms, "
                  f"bank ready in {ready_ms:.0f} ms", flush=True)
        finally:  # exit even when stdout is gone (e.g. piped into `head`)
            window.close()
            app.exit(0 if ok else 1)

    arrived = loader.wait_loaded(timeout_s=BANK_WAIT_S)  # usually read from a cache by now, or nearly
    if arrived is not None:
        on_loaded(*arrived)
    app.aboutToQuit.connect(opened.store.close)
    # Closed (Ctrl+Q, the close button, a logout) while it was being furnished: that close already
    # saved what there was, and quit() before exec() is a no-op, so exec() would run with no window.
    code = app.exec() if window.isVisible() else 0
    opened.store.close()
    loader.wait(timeout_s=30)  # a thread still inside Qt while Python shuts down can hang the exit
    lock.close()
    return code
