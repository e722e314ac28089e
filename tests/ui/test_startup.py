"""Start-up shape: the window can appear before the bank is loaded, and fills in when it arrives."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from desktop.core.bank import Bank
from desktop.core.search import SearchIndex
from desktop.core.store import DB_NAME, Store
from desktop.ui.bank_loader import BankLoader
from desktop.ui.context import AppContext
from desktop.ui.main_window import MainWindow


def test_window_shows_first_and_builds_its_mode_when_the_bank_arrives(qtbot, sample_bank, isolated_data) -> None:  # type: ignore[no-untyped-def]
    isolated_data.mkdir(parents=True, exist_ok=True)
    ctx = AppContext(bank=Bank((), ()), index=SearchIndex(), store=Store.open(isolated_data / DB_NAME),
                     settings=QSettings(str(isolated_data / "s.ini"), QSettings.Format.IniFormat),
                     data_dir=isolated_data, status=lambda _m: None)
    window = MainWindow(ctx, ready=False)
    qtbot.addWidget(window)
    window.show()
    assert not window.ready and window.current_mode() is None
    assert not window.export_action.isEnabled()  # nothing that needs the bank works before it is there
    window.switch_to("quiz")  # a switch asked for while loading is remembered
    loader = BankLoader(lambda _breathe: sample_bank, {"decision-tree": "my note"})
    with qtbot.waitSignal(loader.loaded, timeout=5000):
        loader.loaded.connect(window.bank_loaded)
        loader.start()
    assert window.ready and window.current_key == "quiz"
    assert ctx.index.search("my note") == ["decision-tree"]  # notes were indexed on the loader thread
    assert window.export_action.isEnabled()
    window.close()


def test_a_failing_load_is_reported_not_swallowed(qtbot) -> None:  # type: ignore[no-untyped-def]
    def broken(_breathe) -> Bank:  # type: ignore[no-untyped-def]
        raise OSError("content folder is missing")

    loader = BankLoader(broken, {})
    with qtbot.waitSignal(loader.failed, timeout=5000) as failed:
        loader.start()
    assert "content folder is missing" in failed.args[0]
