"""Run as a non-root user by test_read_only_backups.py: the real main window over a data folder whose backups
folder the user cannot write; File → Back up now, then File → Restore from backup… of every listed backup, as a
user picks them (a row, then Restore). Prints what the user was told, one line each, for the test to read."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from benchmarks.common import study_window
from desktop.core.bank import load_bank
from desktop.ui.main_window import MainWindow
from desktop.ui.widgets.restore_dialog import RestoreDialog


def restore_row(window: MainWindow, row: int) -> list[str]:
    """File → Restore from backup…, the backup on `row` chosen and Restore pressed; what the user was told."""
    told: list[str] = []

    def pick() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, RestoreDialog):  # not open yet
            QTimer.singleShot(20, pick)
            return
        told.append(f"{dialog.list.count()} listed")
        dialog.list.setCurrentRow(row)
        dialog.restore_button.click()
        if dialog.isVisible():  # no such row: the dialog stays; said, not waited on for ever
            told.append("the dialog stayed open")
            dialog.reject()
            return
        QTimer.singleShot(20, read_answer)

    def read_answer() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            told.append(box.text())
            box.accept()
        else:
            QTimer.singleShot(20, read_answer)

    QTimer.singleShot(0, pick)
    window.restore_action.trigger()
    return told


def main(data: Path, bank_root: Path) -> None:
    app = QApplication(sys.argv[:1])
    bank = load_bank(bank_root)
    window = study_window(bank, data)
    window.show()
    for _ in range(20):
        app.processEvents()

    window.backup_action.trigger()
    while window.data.backup_worker is not None:
        app.processEvents()
    print("backup:", window.statusBar().currentMessage(), flush=True)

    rows = len(list(window.data.backup_dir.glob("mlcoach-*")))  # every backup the restore dialog lists
    for row in range(rows):
        told = restore_row(window, row)
        print(f"restore {row}:", " / ".join(told) or window.statusBar().currentMessage(), flush=True)
    print("note:", window.ctx.store.note_store.note("gradient-descent"), flush=True)
    window.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
