"""Where imported decks live in the data folder. Its own small module: the bank loader lists the decks at
every launch, and importing the importer (CSV, Anki, YAML readers) only to do that cost the start-up ~10 ms."""

from __future__ import annotations

from pathlib import Path

DECKS_DIR = "decks"


def deck_roots(data_dir: Path) -> list[Path]:
    """Imported decks, in the order they were added (names sort by import)."""
    root = data_dir / DECKS_DIR
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
