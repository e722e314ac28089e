"""File → Restore from backup…: pick a backup by date and what it holds."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.backups import BackupInfo
from desktop.ui.widgets.dialogs import fit_to_window


class RestoreDialog(QDialog):
    def __init__(self, backups: list[BackupInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Restore from backup")
        fit_to_window(self, parent, QSize(520, 380))
        intro = QLabel(
            "Choose a backup to restore. Your notes and bookmarks as they are now are backed up first, "
            "so restoring can itself be undone from this list."
        )
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("backupList")
        self.list.setAccessibleName("Backups")
        for info in backups:
            item = QListWidgetItem(info.describe())
            item.setData(Qt.ItemDataRole.UserRole, str(info.path))
            self.list.addItem(item)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = self.buttons.addButton("Restore", QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.list.currentRowChanged.connect(lambda row: self.restore_button.setEnabled(row >= 0))
        self.list.itemDoubleClicked.connect(lambda _i: self.accept())
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.buttons)
        if not backups:
            self.list.addItem("No backups yet. File → Back up now makes one.")
            self.list.setEnabled(False)
        elif self.list.count():
            self.list.setCurrentRow(0)

    def chosen(self) -> Path | None:
        item = self.list.currentItem()
        data = item.data(Qt.ItemDataRole.UserRole) if item else None
        return Path(data) if data else None
