"""What every mode is handed: the bank, the search index, settings and a way to talk to the user."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings

from desktop.core.bank import Bank
from desktop.core.search import SearchIndex
from desktop.core.store import Store


@dataclass
class AppContext:
    bank: Bank
    index: SearchIndex
    settings: QSettings
    store: Store
    data_dir: Path
    status: Callable[[str], None]  # a quiet status-bar message
