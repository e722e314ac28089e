"""An exception nothing catches: the note is saved, the traceback logged, the user told."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.ui.error_report import LOG_NAME, ErrorReporter


def raised(message: str) -> ValueError:
    try:
        raise ValueError(message)
    except ValueError as exc:
        return exc


def visible_boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]


@pytest.fixture
def reporter(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[ErrorReporter, list[str]]:
    saved: list[str] = []
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # install() must not outlive the test
    found = ErrorReporter(tmp_path, lambda: saved.append("saved"), smoke_test=False)
    found.install()
    return found, saved


def test_saves_the_note_logs_the_traceback_and_tells_the_user_once(qtbot, tmp_path: Path, reporter) -> None:
    found, saved = reporter
    exc = raised("the slot broke")
    sys.excepthook(type(exc), exc, exc.__traceback__)
    sys.excepthook(type(exc), exc, exc.__traceback__)  # a second failure must not stack a second dialog

    assert saved == ["saved", "saved"]
    log = (tmp_path / LOG_NAME).read_text(encoding="utf-8")
    assert log.count("ValueError: the slot broke") == 2
    assert "Traceback" in log
    boxes = visible_boxes()
    assert len(boxes) == 1
    assert "ValueError: the slot broke" in boxes[0].informativeText()
    assert str(tmp_path / LOG_NAME) in boxes[0].informativeText()
    boxes[0].accept()
    assert visible_boxes() == []
    exc = raised("later, another")  # once the user closed the message, a new failure is told again
    sys.excepthook(type(exc), exc, exc.__traceback__)
    (box,) = visible_boxes()
    assert "ValueError: later, another" in box.informativeText()
    box.accept()


def test_a_failing_save_does_not_hide_the_report(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken_save() -> None:
        raise OSError("disk gone")

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    ErrorReporter(tmp_path, broken_save, smoke_test=False).install()
    exc = raised("first")
    sys.excepthook(type(exc), exc, exc.__traceback__)
    assert "ValueError: first" in (tmp_path / LOG_NAME).read_text(encoding="utf-8")
    [box] = visible_boxes()
    assert "could not be saved" in box.text()  # never claim a save that failed
    box.accept()


def test_under_smoke_test_it_fails_the_run_instead_of_asking(qtbot, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    codes: list[int] = []
    monkeypatch.setattr(QApplication.instance(), "exit", codes.append)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    ErrorReporter(tmp_path, lambda: None, smoke_test=True).install()
    exc = raised("broken")
    sys.excepthook(type(exc), exc, exc.__traceback__)
    assert codes == [1]
    assert visible_boxes() == []


def test_the_log_keeps_its_newest_half_once_it_grows_past_the_limit(tmp_path: Path) -> None:
    from desktop.ui.error_report import LOG_LIMIT, write_log

    for i in range(LOG_LIMIT // 200 + 50):
        write_log(tmp_path, raised(f"error number {i:06d} " + "x" * 100))
    text = (tmp_path / LOG_NAME).read_text(encoding="utf-8")
    assert len(text.encode()) <= LOG_LIMIT + 2000
    assert text.startswith("--- ")  # cut at an entry, never mid-traceback
    assert f"error number {LOG_LIMIT // 200 + 49:06d}" in text  # the newest is always kept
    assert "error number 000000" not in text
