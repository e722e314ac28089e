"""A restore on a full disk says so: the backup it could not unpack was called 'damaged'."""

from __future__ import annotations

import contextlib
import errno
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.core import backup_copy, backups
from desktop.core.store import DB_NAME, Store, StoreError


def test_a_backup_that_cannot_be_unpacked_for_want_of_room_is_not_called_damaged(tmp_path: Path,
                                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store.open(tmp_path / DB_NAME)
    store.note_store.save_note("q", "kept")
    folder = tmp_path / backups.BACKUP_DIR
    backup = backups.make_backup(store, folder)
    store.note_store.save_note("q", "typed since")

    @contextlib.contextmanager
    def disk_full(path: Path) -> Iterator[Path]:
        raise OSError(errno.ENOSPC, "No space left on device", str(path) + ".unpacked.partial")
        yield path  # (a generator, as the real one)

    monkeypatch.setattr(backup_copy, "unpacked", disk_full)
    with pytest.raises(StoreError) as raised:
        backups.restore_file(tmp_path / DB_NAME, backup, folder)
    assert str(raised.value) == f"{backup.name} could not be unpacked (No space left on device)"
    assert "damaged" not in str(raised.value)
    assert store.note_store.note("q") == "typed since"
