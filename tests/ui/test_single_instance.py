"""Who owns a data folder: an OS lock that a second launch sees taken, and that dies with its owner."""

from __future__ import annotations

import os
from pathlib import Path

from desktop.ui.single_instance import LOCK_NAME, InstanceLock, Owner, ask_running_instance


def test_the_first_launch_holds_the_folder_and_a_second_sees_it_taken(tmp_path: Path) -> None:
    first = InstanceLock(tmp_path / "data")
    assert first.held and first.usable
    assert (tmp_path / "data" / LOCK_NAME).read_text() == str(os.getpid())
    second = InstanceLock(tmp_path / "data")
    assert not second.held
    assert (tmp_path / "data" / LOCK_NAME).read_text() == str(os.getpid())  # the loser leaves the file alone
    first.close()


def test_the_lock_is_free_again_once_its_owner_is_gone(tmp_path: Path) -> None:
    first = InstanceLock(tmp_path)
    assert first.held
    first.close()  # what the OS does when the owning process ends, however it ends
    again = InstanceLock(tmp_path)
    assert again.held
    again.close()


def test_other_folders_are_independent(tmp_path: Path) -> None:
    mine = InstanceLock(tmp_path / "a")
    other = InstanceLock(tmp_path / "b")
    assert mine.held and other.held
    mine.close()
    other.close()


def test_a_lock_file_that_cannot_be_opened_does_not_stop_the_app(tmp_path: Path) -> None:
    (tmp_path / LOCK_NAME).mkdir()  # a directory where the lock file should be: open() fails, even for root
    lock = InstanceLock(tmp_path)
    assert lock.held and not lock.usable


def test_asking_a_folder_nobody_serves_gives_up_quickly(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert ask_running_instance(tmp_path, wait_s=0.3) is Owner.NONE


def test_a_file_system_that_cannot_lock_is_not_taken_for_a_rival(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import errno
    import fcntl

    def no_locks(_fd: int, _op: int) -> None:
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(fcntl, "flock", no_locks)
    lock = InstanceLock(tmp_path)
    assert lock.held and not lock.usable


def test_a_lock_held_elsewhere_is_reported_as_taken(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import errno
    import fcntl

    def taken(_fd: int, _op: int) -> None:
        raise BlockingIOError(errno.EWOULDBLOCK, "Resource temporarily unavailable")

    monkeypatch.setattr(fcntl, "flock", taken)
    lock = InstanceLock(tmp_path)
    assert not lock.held and lock.usable
