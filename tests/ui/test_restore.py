"""File → Restore from backup…, end to end: the dialog lists compressed and older plain backups alike,
and restoring either brings the notes back (in the store, on screen and in search) after a safety copy."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog

from desktop.core import backup_copy, backups
from desktop.core.store import DB_NAME
from desktop.ui.widgets.restore_dialog import RestoreDialog


def choose_in_dialog(monkeypatch, wanted: Path) -> list[list[str]]:  # type: ignore[no-untyped-def]
    """Answer the restore dialog as a user would: pick the row for `wanted` and press Restore."""
    seen: list[list[str]] = []

    def exec_(self: RestoreDialog) -> QDialog.DialogCode:
        rows = [self.list.item(i) for i in range(self.list.count())]
        seen.append([r.text() for r in rows])
        self.list.setCurrentRow(next(i for i, r in enumerate(rows) if r.data(256) == str(wanted)))
        self.restore_button.click()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(RestoreDialog, "exec", exec_)
    return seen


def test_restore_from_a_compressed_backup_and_from_an_older_plain_one(make_window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    store, folder = window.ctx.store, window.data.backup_dir
    store.note_store.save_note("gradient-descent", "from the plain backup")
    old = folder / "mlcoach-20200101-120000-000001.db"  # how backups were named before compression
    backup_copy.write(window.ctx.data_dir / DB_NAME, old)
    store.note_store.save_note("gradient-descent", "from the compressed backup")
    window.data.back_up_now()
    qtbot.waitUntil(lambda: window.data.backup_worker is None)
    new = backups.backup_files(folder)[0].path
    assert new.name.endswith(".db.zst") and old.exists()
    store.note_store.save_note("gradient-descent", "typed after both")
    window.ctx.index.set_note("gradient-descent", "typed after both")

    seen = choose_in_dialog(monkeypatch, old)
    window.data.restore_from_backup()
    assert len(seen[0]) == 2 and all("1 note" in row for row in seen[0])  # both kinds listed, with what they hold
    assert store.note_store.note("gradient-descent") == "from the plain backup"
    browse = window.mode("browse")
    browse.search.setText("plain backup")
    assert browse.visible_ids() == ["gradient-descent"]  # search follows the restored note
    assert "Restored" in window.statusBar().currentMessage()

    choose_in_dialog(monkeypatch, new)
    window.data.restore_from_backup()
    assert store.note_store.note("gradient-descent") == "from the compressed backup"
    qtbot.waitUntil(lambda: not window.data.restore_steps)  # every mode shows the restored data
    safety = backups.backup_files(folder)[0].path  # each restore first kept the state it replaced
    with backup_copy.unpacked(safety) as plain:
        assert "plain backup" in plain.read_bytes().decode("utf-8", "replace")
    assert window.isEnabled()
    assert not [p.name for p in folder.iterdir() if "partial" in p.name]  # nothing unpacked left behind


def test_the_window_takes_no_input_until_every_mode_shows_the_restored_data_and_is_never_greyed_out(
        make_window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A busy dialog over the window takes the keys and shortcuts from the moment the restore begins until every
    mode shows the restored data: nothing is typed into a screen still showing the data it replaced. The window
    itself stays as it is (greying it out and back repainted all of it twice: benchmarks/ui_gaps.py)."""
    import time

    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest

    window = make_window()
    browse = window.mode("browse")
    browse.search.setFocus()
    qtbot.waitUntil(browse.search.hasFocus)
    window.data.back_up_now()
    qtbot.waitUntil(lambda: window.data.backup_worker is None)
    backup = backups.backup_files(window.data.backup_dir)[0].path
    keys = window.windowHandle()  # typed at the window, as the keyboard does (not sent to a widget directly)

    def type_at_window(text: str) -> None:
        for char in text:
            QTest.keyClick(keys, char)

    type_at_window("ab")
    assert browse.search.text() == "ab"

    restore_file = backups.restore_file

    def slow_restore(*args, **kwargs):  # type: ignore[no-untyped-def]
        time.sleep(0.3)  # (on the worker) as a year of data takes
        return restore_file(*args, **kwargs)

    monkeypatch.setattr(backups, "restore_file", slow_restore)
    enabled_while: list[bool] = []

    def while_the_worker_restores() -> None:
        enabled_while.append(window.isEnabled())
        type_at_window("cd")
        QTest.keyClick(keys, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)  # Progress: not now

    QTimer.singleShot(100, while_the_worker_restores)
    choose_in_dialog(monkeypatch, backup)
    window.data.restore_from_backup()
    assert enabled_while  # (typed while the worker restored)
    assert window.data.restore_steps  # the modes still to show the restored data, turn by turn
    enabled_while.append(window.isEnabled())
    type_at_window("ef")
    assert browse.search.text() == "ab" and window.current_key == "browse"
    qtbot.waitUntil(lambda: not window.data.restore_steps)
    assert enabled_while == [True, True]  # never greyed out
    qtbot.waitUntil(window.isActiveWindow)  # active again, the focus where it was: the user types on
    type_at_window("cd")
    assert browse.search.text() == "abcd"


def test_a_damaged_compressed_backup_changes_nothing(make_window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    store = window.ctx.store
    store.note_store.save_note("gradient-descent", "safe")
    window.data.back_up_now()
    qtbot.waitUntil(lambda: window.data.backup_worker is None)
    bad = backups.backup_files(window.data.backup_dir)[0].path
    bad.write_bytes(bad.read_bytes()[:200])
    warnings: list[str] = []
    monkeypatch.setattr("desktop.ui.data_controller.QMessageBox.warning",
                        lambda _parent, title, text: warnings.append(f"{title}: {text}"))
    choose_in_dialog(monkeypatch, bad)
    window.data.restore_from_backup()
    assert warnings and warnings[0].startswith("Restore failed: Nothing was changed")
    assert store.note_store.note("gradient-descent") == "safe" and window.isEnabled()


def test_back_up_now_runs_off_the_ui_thread_and_closing_waits_for_it(make_window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import time

    write = backups.write_backup

    def slow_write(*args, **kwargs):  # type: ignore[no-untyped-def]
        time.sleep(0.3)  # as a year of data takes
        return write(*args, **kwargs)

    monkeypatch.setattr(backups, "write_backup", slow_write)
    window = make_window()
    window.ctx.store.note_store.save_note("gradient-descent", "backed up as the window closes")
    window.data.back_up_now()
    worker = window.data.backup_worker
    assert worker is not None and worker.worker_thread is not None  # back_up_now returned while it runs
    window.close()  # at once, before the worker has reported
    assert not worker.worker_thread.is_alive()
    [info] = backups.list_backups(window.data.backup_dir)
    assert info.notes == 1
    assert [p.suffix for p in window.data.backup_dir.iterdir()] == [".zst"]  # no work or journal files left


def test_restored_notes_and_bookmarks_show_in_browses_filters_search_and_marks(make_window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import threading

    from PySide6.QtCore import Qt

    from desktop.core.note_store import NoteStore

    window = make_window()
    browse = window.mode("browse")
    notes = window.ctx.store.note_store
    notes.save_note("gradient-descent", "momentum smooths the steps")
    notes.toggle_bookmark("random-forest")
    window.data.back_up_now()
    qtbot.waitUntil(lambda: window.data.backup_worker is None)
    backup = backups.backup_files(window.data.backup_dir)[0].path
    notes.save_note("gradient-descent", "")  # after the backup: the note cleared, another written, unbookmarked
    notes.save_note("decision-tree", "gini or entropy")
    notes.toggle_bookmark("random-forest")
    qtbot.mouseClick(browse.results.noted_only, Qt.MouseButton.LeftButton)  # "✎ Has notes" on
    assert browse.visible_ids() == ["decision-tree"]

    # Count what the UI thread reads from then on: the restore reads the notes once, on its worker.
    ui_reads: list[str] = []
    for name in ("notes", "bookmarks"):
        read = getattr(NoteStore, name)

        def counted(self, _read=read, _name=name):  # type: ignore[no-untyped-def]
            if threading.current_thread() is threading.main_thread():
                ui_reads.append(_name)
            return _read(self)

        monkeypatch.setattr(NoteStore, name, counted)
    choose_in_dialog(monkeypatch, backup)
    window.data.restore_from_backup()
    qtbot.waitUntil(lambda: not window.data.restore_steps)  # each mode in an event-loop turn of its own
    qtbot.waitUntil(lambda: browse.visible_ids() == ["gradient-descent"])  # the filter ran again over the notes
    assert browse.noted == {"gradient-descent"} and browse.bookmarks == {"random-forest"}
    assert window.ctx.index.search("momentum") == ["gradient-descent"]  # the search index has the restored note
    assert window.ctx.index.search("gini") == []
    assert ui_reads == []

    qtbot.mouseClick(browse.results.noted_only, Qt.MouseButton.LeftButton)  # off; "★ Bookmarked" on
    qtbot.mouseClick(browse.results.bookmarked_only, Qt.MouseButton.LeftButton)
    assert browse.visible_ids() == ["random-forest"]


def test_a_query_typed_before_a_restore_follows_the_restored_notes(make_window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    browse = window.mode("browse")
    notes = window.ctx.store.note_store
    notes.save_note("learning-rate", "warmup then cosine decay")
    window.data.back_up_now()
    qtbot.waitUntil(lambda: window.data.backup_worker is None)
    backup = backups.backup_files(window.data.backup_dir)[0].path
    notes.save_note("learning-rate", "")
    qtbot.keyClicks(browse.search, "cosine")
    qtbot.waitUntil(lambda: browse.visible_ids() == [])

    choose_in_dialog(monkeypatch, backup)
    window.data.restore_from_backup()
    qtbot.waitUntil(lambda: browse.visible_ids() == ["learning-rate"])
    assert browse.current_id() == "learning-rate" and browse.notes.text() == "warmup then cosine decay"


def test_the_status_bar_counts_the_restored_reviews_once_the_study_record_is_read(make_window, qtbot,
                                                                                  monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from desktop.core.scheduler import Grade

    window = make_window()
    status, record = window.plan.status, window.ctx.study_record
    status.refresh()
    before = status.text()
    window.data.back_up_now()
    qtbot.waitUntil(lambda: window.data.backup_worker is None)
    backup = backups.backup_files(window.data.backup_dir)[0].path
    window.ctx.scheduler.grade("gradient-descent", Grade.AGAIN)  # studied after the backup
    qtbot.waitUntil(lambda: status.text() != before)
    studied = status.text()

    reading = [True]  # the restore's warm-up still reading a year of reviews on its thread
    monkeypatch.setattr(record, "warming", lambda: reading[0])
    choose_in_dialog(monkeypatch, backup)
    window.data.restore_from_backup()
    qtbot.waitUntil(lambda: not window.data.restore_steps)
    qtbot.wait(100)
    assert status.text() == studied  # not counted yet: the UI thread does not wait for the reading
    reading[0] = False
    qtbot.waitUntil(lambda: status.text() == before)  # then the restored (unstudied) counts
