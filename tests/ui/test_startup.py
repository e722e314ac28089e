"""Start-up shape: the window can appear before the bank is loaded, and fills in when it arrives."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from desktop.core.bank import Bank
from desktop.core.search import SearchIndex
from desktop.core.store import DB_NAME, Store
from desktop.ui.bank_loader import BankLoader
from desktop.ui.context import AppContext
from desktop.ui.main_window import MainWindow


def loading_window(qtbot, data: Path) -> tuple[MainWindow, AppContext]:  # type: ignore[no-untyped-def]
    """A furnished window whose bank has not arrived yet, as at every launch."""
    data.mkdir(parents=True, exist_ok=True)
    ctx = AppContext(bank=Bank((), ()), index=SearchIndex(), store=Store.open(data / DB_NAME),
                     settings=QSettings(str(data / "s.ini"), QSettings.Format.IniFormat),
                     data_dir=data, status=lambda _m: None)
    window = MainWindow(ctx, ready=False)
    qtbot.addWidget(window)
    window.show()
    return window, ctx


def test_window_shows_first_and_builds_its_mode_when_the_bank_arrives(qtbot, sample_bank, isolated_data) -> None:  # type: ignore[no-untyped-def]
    window, ctx = loading_window(qtbot, isolated_data)
    assert not window.ready and window.current_mode() is None
    assert not window.export_action.isEnabled()  # nothing that needs the bank works before it is there
    assert not window.mode_menu.menuAction().isVisible()  # no untitled gap in the menu bar while loading
    window.switch_to("quiz")  # a switch asked for while loading is remembered
    loader = BankLoader(lambda _breathe: sample_bank, {"decision-tree": "my note"})
    with qtbot.waitSignal(loader.loaded, timeout=5000):
        loader.loaded.connect(window.bank_loaded)
        loader.start()
    assert window.ready and window.current_key == "quiz"
    assert window.mode_menu.menuAction().isVisible() and window.mode_menu.title() == "&Quiz"
    assert ctx.index.search("my note") == ["decision-tree"]  # notes were indexed on the loader thread
    assert window.export_action.isEnabled()
    window.close()
    loader.wait(timeout_s=5)  # as the app does at exit: its later warm-up must not run into other tests


def test_the_loader_starts_before_the_notes_and_reads_the_bank_it_prepared_last_time(qtbot, sample_bank, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Issue 23: the bank is parsed and indexed once; later launches read it from a cache file."""
    from desktop.core.bank import load_bank
    from desktop.core.bank_cache import CacheFiles

    root = Path(sample_bank.questions[0].path).parent.parent
    files = CacheFiles(tmp_path / "data" / "cache" / "bank.cache", tmp_path / "user-cache" / "bank.cache")
    parsed: list[int] = []

    def parse(breathe) -> Bank:  # type: ignore[no-untyped-def]
        parsed.append(1)
        return load_bank(root, (), breathe)

    arrived: list[tuple[Bank, SearchIndex]] = []
    for launch in (1, 2):
        arrived.clear()
        loader = BankLoader(parse, cache=lambda: ([root], files))
        loader.loaded.connect(lambda bank, index: arrived.append((bank, index)))
        loader.start()
        qtbot.wait(50)
        assert arrived == []  # it waits for the notes, however quickly the bank is ready
        loader.add_notes({"random-forest": f"launch {launch} note"}, keep=True)
        qtbot.waitUntil(lambda: arrived != [], timeout=5000)
        bank, index = arrived[0]
        assert bank == sample_bank
        assert index.search(f"launch {launch}") == ["random-forest"]
        loader.wait(timeout_s=5)
    assert parsed == [1]  # the second launch read the cache the first one wrote
    assert files.shared is not None and files.shared.is_file()


def test_a_failing_load_is_reported_not_swallowed(qtbot) -> None:  # type: ignore[no-untyped-def]
    def broken(_breathe) -> Bank:  # type: ignore[no-untyped-def]
        raise OSError("content folder is missing")

    loader = BankLoader(broken, {})
    with qtbot.waitSignal(loader.failed, timeout=5000) as failed:
        loader.start()
    assert "content folder is missing" in failed.args[0]
    loader.wait(timeout_s=5)


def test_the_bare_frame_shows_first_in_the_remembered_colours_then_furnishes(qtbot, sample_bank, isolated_data) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QColor, QPalette
    from PySide6.QtWidgets import QApplication

    from desktop.core.settings import Settings
    from desktop.ui import theme

    isolated_data.mkdir(parents=True, exist_ok=True)
    settings = QSettings(str(isolated_data / "s.ini"), QSettings.Format.IniFormat)
    app = QApplication.instance()
    theme.apply(app, "dark", settings)  # the last session ended dark…
    theme.apply(app, "light")  # …and without settings, nothing is remembered
    theme.first_frame(app, Settings(settings))
    assert QApplication.palette().color(QPalette.ColorRole.Window).name() == theme.DARK.window

    # Nothing remembered (the first launch): the palette the app starts with, the platform's, decides.
    first_run = QSettings(str(isolated_data / "first.ini"), QSettings.Format.IniFormat)
    for platform_window, expected in (("#303030", theme.DARK), ("#ececec", theme.LIGHT)):
        platform = QPalette()
        platform.setColor(QPalette.ColorRole.Window, QColor(platform_window))
        app.setPalette(platform)
        theme.first_frame(app, Settings(first_run))
        assert QApplication.palette().color(QPalette.ColorRole.Window).name() == expected.window
    settings.setValue("view/theme", "light")  # a chosen theme needs no memory…
    theme.first_frame(app, Settings(settings))
    assert QApplication.palette().color(QPalette.ColorRole.Window).name() == theme.LIGHT.window
    theme.first_frame(app, Settings(settings), override="dark")  # …and --theme wins over it
    assert QApplication.palette().color(QPalette.ColorRole.Window).name() == theme.DARK.window
    settings.setValue("view/theme", "system")
    theme.first_frame(app, Settings(settings))

    window = MainWindow(settings=settings)
    qtbot.addWidget(window)
    window.show()
    assert not window.furnished and window.menuBar().actions() == []
    window.save_pending()  # the error reporter may call this before furnish(); it must not fail

    ctx = AppContext(bank=sample_bank, index=SearchIndex(), store=Store.open(isolated_data / DB_NAME),
                     settings=settings, data_dir=isolated_data, status=lambda _m: None)
    window.furnish(ctx)
    assert window.furnished and window.current_key == "browse"
    assert window.windowTitle() == "Browse — ML Interview Coach"
    assert [a.text() for a in window.menuBar().actions()][:2] == ["&File", "&View"]
    theme.apply(app, "light")
    window.close()


def test_a_bare_frame_closed_before_it_is_furnished_just_closes(qtbot, isolated_data) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(settings=QSettings(str(isolated_data / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    assert window.close()
    assert not window.isVisible()


def test_the_first_frame_imports_nothing_heavy() -> None:
    """The start-up budget depends on this: the database, the bank and the backups load after the first paint."""
    import subprocess
    import sys

    from tests.conftest import REPO

    code = ("import sys, desktop.app, desktop.ui.main_window, desktop.ui.theme, desktop.ui.single_instance; "
            "print(sorted(m for m in ('sqlite3', 'json', 'desktop.core.store', 'desktop.core.backups', "
            "'desktop.core.bank', 'desktop.core.search', 'desktop.ui.context', 'yaml') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60, check=True)
    assert out.stdout.strip() == "[]"


def test_the_first_complete_screen_leaves_out_what_it_does_not_show(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Issue 23: at the launch's first complete paint no QStyle has been wrapped (PySide would create its 11 enum
    classes), the File menu's data controller and the importer are not loaded; and the app is still in Fusion."""
    import os
    import subprocess
    import sys

    from benchmarks.first_paint import at_first_paint
    from tests.conftest import REPO

    code = at_first_paint("""
from PySide6 import QtWidgets
left_out = ['QStyle' not in vars(QtWidgets), 'desktop.ui.data_controller' not in sys.modules,
            'desktop.core.importer' not in sys.modules]
app = QtWidgets.QApplication.instance()
app.setStyleSheet('')  # style() is the style sheet's own style while one is set
print(left_out, app.style().name(), flush=True)
""")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", code, "--data-dir", str(tmp_path / "data"), "-style=Windows"],
                         cwd=REPO, env=env, capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "[True, True, True] fusion", out.stderr[-2000:]


def test_keys_pressed_before_the_bank_arrives_are_replayed_not_lost(qtbot, sample_bank, isolated_data) -> None:  # type: ignore[no-untyped-def]
    """Issue 13: Ctrl+F and a query typed in the first half second did nothing."""
    from PySide6.QtCore import Qt

    window, _ctx = loading_window(qtbot, isolated_data)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # no search box exists yet
    qtbot.keyClicks(window, "tree")
    index = SearchIndex()
    index.add(sample_bank.questions)
    window.bank_loaded(sample_bank, index)
    browse = window.mode("browse")
    assert browse.search.text() == "tree"
    assert browse.visible_ids() == ["decision-tree", "random-forest"]
    qtbot.keyClicks(browse.search, "s")  # and once ready, keys go straight where they belong
    assert browse.search.text() == "trees"
    window.close()


def test_the_first_complete_paint_is_the_finished_window(qtbot, sample_bank, isolated_data, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Issue 23: once the bank is in, the very next paint shows the status count and the plan panel laid
    out, and only after that paint does the Ctrl-shortcut filter start (it would slow that paint down)."""
    from PySide6.QtCore import QEvent, QObject

    from desktop.ui.shortcut_first import ShortcutFirst

    window, ctx = loading_window(qtbot, isolated_data)
    qtbot.waitExposed(window)
    seen: list[str] = []

    class Paints(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and obj is window:
                status, panel = window.plan.status, window.plan.panel
                seen.append(f"paint: {status.text()!r} fits={status.width() >= status.sizeHint().width()} "
                            f"panel={panel is not None and panel.height() > 0}")
            return False

    paints = Paints()
    window.installEventFilter(paints)
    monkeypatch.setattr(ShortcutFirst, "install", lambda _self: seen.append("filter"))
    window.bank_loaded(sample_bank, ctx.index)
    assert window.plan.status.text().startswith("Today: ")  # counted now, not in a later frame
    qtbot.waitUntil(lambda: "filter" in seen, timeout=5000)
    window.removeEventFilter(paints)
    assert seen[0].startswith("paint: 'Today: ") and "fits=True panel=True" in seen[0], seen
    assert seen.index("filter") > 0  # after the first complete paint
    window.close()


def test_after_paint_work_waits_for_a_paint_and_never_for_ever(qtbot, isolated_data) -> None:  # type: ignore[no-untyped-def]
    from desktop.ui import after_paint

    window, _ctx = loading_window(qtbot, isolated_data)
    qtbot.waitExposed(window)
    qtbot.wait(50)  # the first paint is over
    ran: list[str] = []
    window.after_paint.add(lambda: ran.append("after a paint"))
    qtbot.wait(30)
    assert ran == []  # idle, but nothing painted since
    window.update()
    qtbot.waitUntil(lambda: ran == ["after a paint"], timeout=2000)

    hidden, _ = loading_window(qtbot, isolated_data / "hidden")
    hidden.hide()
    hidden.after_paint.add(lambda: ran.append("hidden: at once"))  # nothing will be painted
    qtbot.waitUntil(lambda: "hidden: at once" in ran, timeout=1000)

    window.showMinimized()
    window.after_paint.add(lambda: ran.append("at most a second"))
    qtbot.waitUntil(lambda: "at most a second" in ran, timeout=after_paint.AT_MOST_MS + 2000)
    window.close()
    hidden.close()
