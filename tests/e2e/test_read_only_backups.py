"""A backups folder the user cannot write, tried as a real non-root user (root ignores permissions): File → Back
up now and File → Restore from backup… say so, instead of 'unable to open database file' (as if the user's
database were broken) and 'is damaged and cannot be restored' for every backup; and a backup in the older plain
format is still listed (it went missing: reading it needed a file beside it that the folder had no room for)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.core import backup_copy, backups
from desktop.core.store import DB_NAME, Store
from tests.conftest import REPO
from tests.e2e.test_read_only_user import as_user_python, test_user  # noqa: F401 (a fixture)
from tests.ui.conftest import CATEGORIES, question

pytestmark = pytest.mark.e2e


def test_a_read_only_backups_folder_is_named_as_the_reason_not_a_broken_database(test_user: str) -> None:  # noqa: F811
    base = Path("/tmp") / f"mlcoach-ro-backups-{os.getpid()}"  # pytest's tmp_path is private to root
    data, bank = base / "data", base / "bank"
    (bank / "optimization").mkdir(parents=True)
    (bank / "categories.yaml").write_text(CATEGORIES, encoding="utf-8")
    (bank / "optimization" / "gradient-descent.md").write_text(
        question("gradient-descent", "optimization", "How does gradient descent work?", "Downhill."), encoding="utf-8")
    data.mkdir()
    try:
        store = Store.open(data / DB_NAME)
        store.note_store.save_note("gradient-descent", "in both backups")
        folder = data / backups.BACKUP_DIR
        backups.make_backup(store, folder)  # compressed, as this version makes them
        backup_copy.write(data / DB_NAME, folder / "mlcoach-20200101-120000-000001.db")  # plain, as older ones did
        store.note_store.save_note("gradient-descent", "typed since")
        store.close()
        for path in (base, bank, *bank.rglob("*")):
            os.chmod(path, 0o755 if path.is_dir() else 0o644)
        os.chmod(data, 0o777)  # the data folder can be written, its backups folder not
        for path in data.iterdir():
            if path.is_file():
                os.chmod(path, 0o666)
        for path in folder.iterdir():
            os.chmod(path, 0o444)
        os.chmod(folder, 0o555)
        site = next(p for p in sys.path if p.endswith("site-packages"))
        env = {"PATH": "/usr/bin:/bin", "HOME": str(base), "QT_QPA_PLATFORM": "offscreen",
               "PYTHONPATH": f"{site}:{REPO}"}
        result = subprocess.run(["setpriv", f"--reuid={test_user}", f"--regid={test_user}", "--clear-groups",
                                 *as_user_python(), str(REPO / "tests" / "e2e" / "read_only_backups_child.py"),
                                 str(data), str(bank)], cwd=base, env=env, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr[-2000:]
        told = dict(line.split(": ", 1) for line in result.stdout.splitlines() if ": " in line)
        assert told["backup"] == f"Backup failed: the backups folder {folder} cannot be written to (permission denied)"
        for row in ("restore 0", "restore 1"):  # the compressed backup, then the older plain one
            assert told[row] == (f"2 listed / Nothing was changed: the backups folder {folder} cannot be written to "
                                 "(permission denied), so your data as it is now could not be kept first"), told
        assert told["note"] == "typed since"
        assert "damaged" not in result.stdout and "unable to open" not in result.stdout
    finally:
        for path in (data, data / backups.BACKUP_DIR):
            if path.exists():
                os.chmod(path, 0o755)
        shutil.rmtree(base, ignore_errors=True)
