"""`mlcoach` from a terminal, given what users give it: options in odd places, odd paths, a folder in use."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.store import DB_NAME, Store
from tests.e2e.test_cli import mlcoach

pytestmark = pytest.mark.e2e


def test_read_only_is_kept_by_import_and_export(tmp_path: Path, isolated_data: Path,
                                                prepared_bank_cache: Path) -> None:
    """`mlcoach --read-only import deck.csv` imported the deck and made a backup, and `--read-only export` made
    a data folder where there was none: --read-only promises to open the data "without changing it"."""
    src = tmp_path / "cards.csv"
    src.write_text("question,answer,category\nWhat is a widget?,A small thing.,Gadgets\n", encoding="utf-8")
    fresh = mlcoach("--read-only", "export", "notes", str(tmp_path / "fresh.md"), env_data=isolated_data)
    assert fresh.returncode == 0, fresh.stderr
    assert "Wrote 0 notes" in fresh.stdout and not isolated_data.exists()  # nothing made

    isolated_data.mkdir(parents=True)
    store = Store.open(isolated_data / DB_NAME)
    store.note_store.save_note("bias-variance-tradeoff", "decompose the error")
    store.close()
    before = {p.name: p.read_bytes() for p in isolated_data.iterdir() if p.is_file()}
    refused = mlcoach("--read-only", "import", str(src), env_data=isolated_data)
    assert refused.returncode == 2 and "nothing was imported" in refused.stderr
    assert not (isolated_data / "decks").exists() and not (isolated_data / "backups").exists()
    exported = mlcoach("--read-only", "export", "notes", str(tmp_path / "notes.md"), env_data=isolated_data)
    assert exported.returncode == 0, exported.stderr
    assert "decompose the error" in (tmp_path / "notes.md").read_text(encoding="utf-8")  # the data is read
    assert (isolated_data / DB_NAME).read_bytes() == before[DB_NAME]
    assert not (isolated_data / "backups").exists()

    imported = mlcoach("import", str(src), env_data=isolated_data)  # without it, the same import goes in
    assert imported.returncode == 0, imported.stderr
    assert (isolated_data / "decks" / "cards").is_dir()


def test_an_import_while_the_window_is_open_says_the_window_shows_it_after_a_restart(
        tmp_path: Path, isolated_data: Path, prepared_bank_cache: Path) -> None:
    """`mlcoach import` with the app open on the same folder said only "Imported 1 question": the open window,
    which read its bank at start, never showed the deck, and the user took the import for a failure."""
    from desktop.ui.single_instance import InstanceLock

    src = tmp_path / "cards.csv"
    src.write_text("question,answer,category\nWhat is a widget?,A small thing.,Gadgets\n", encoding="utf-8")
    window = InstanceLock(isolated_data)  # what the running app holds for as long as it runs
    assert window.held
    try:
        result = mlcoach("import", str(src), env_data=isolated_data)
    finally:
        window.close()
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].startswith("Imported 1 question as the deck 'cards'.")
    assert f"ML Interview Coach is open on {isolated_data}: quit it and start it again" in result.stdout
    closed = mlcoach("import", str(src), env_data=isolated_data)  # the window closed: nothing to add
    assert closed.returncode == 0 and "is open on" not in closed.stdout
