"""A data folder the user cannot write, tried as a real non-root user (root ignores permissions)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.core.store import DB_NAME, Store
from tests.conftest import REPO

pytestmark = pytest.mark.e2e

USER = "mlcoach-tester"


def as_user_python() -> list[str]:
    """A Python the test user can run, with this venv's packages (the venv's own lives under /root)."""
    system = shutil.which("python3", path="/usr/bin:/usr/local/bin") or ""
    version = subprocess.run([system, "-c", "import sys; print(sys.version_info[:2])"], capture_output=True,
                             text=True).stdout.strip() if system else ""
    assert version == str(sys.version_info[:2]), f"need a system Python {sys.version_info[:2]} for the test user"
    return [system]


@pytest.fixture
def test_user() -> str:
    assert os.geteuid() == 0, "this test creates a user: run it as root (CI does)"
    if subprocess.run(["id", USER], capture_output=True).returncode != 0:
        subprocess.run(["useradd", "--no-create-home", "--shell", "/usr/sbin/nologin", USER], check=True)
    return USER


def test_a_read_only_data_folder_opens_and_says_so_for_a_normal_user(tmp_path: Path, test_user: str) -> None:
    base = Path("/tmp") / f"mlcoach-ro-{os.getpid()}"  # pytest's tmp_path is private to root
    data = base / "data"
    data.mkdir(parents=True)
    try:
        store = Store.open(data / DB_NAME)
        store.note_store.save_note("bias-variance-tradeoff", "readable, not writable")
        store.close()
        os.chmod(base, 0o755)
        for path in data.iterdir():
            os.chmod(path, 0o444)
        os.chmod(data, 0o555)  # owned by root: the test user can read it, never write it
        site = next(p for p in sys.path if p.endswith("site-packages"))
        env = {"PATH": "/usr/bin:/bin", "HOME": str(base), "QT_QPA_PLATFORM": "offscreen",
               "MLCOACH_DATA_DIR": str(data), "PYTHONPATH": f"{site}:{REPO}"}
        result = subprocess.run(["setpriv", f"--reuid={test_user}", f"--regid={test_user}", "--clear-groups",
                                 *as_user_python(), "-m", "desktop", "--smoke-test"],
                                cwd=base, env=env, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr[-2000:]
        assert "can't be written" in result.stderr and "smoke-test: ok" in result.stdout
        assert Store.open(data / DB_NAME).note_store.note("bias-variance-tradeoff") == "readable, not writable"
    finally:
        os.chmod(data, 0o755)
        shutil.rmtree(base, ignore_errors=True)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                    reason="runs the export as another user, which takes root to arrange")
def test_an_export_over_a_file_the_user_may_not_write_is_refused_though_the_folder_would_allow_it(
        test_user: str) -> None:
    """A file owned by someone else (rw-r--r--) in a folder anyone may write: a rename would replace it, so before
    the fix the export did, without a word. As the test user, not root, it is refused, and the file kept."""
    base = Path("/tmp") / f"mlcoach-ro-export-{os.getpid()}"  # pytest's tmp_path is private to root
    base.mkdir()
    try:
        base.chmod(0o777)  # no sticky bit: the folder lets anyone rename over the file
        theirs = base / "theirs.csv"
        theirs.write_text("someone else's file", encoding="utf-8")
        theirs.chmod(0o644)
        site = next(p for p in sys.path if p.endswith("site-packages"))
        env = {"PATH": "/usr/bin:/bin", "HOME": str(base), "QT_QPA_PLATFORM": "offscreen",
               "MLCOACH_DATA_DIR": str(base / "data"), "XDG_CACHE_HOME": str(base / "cache"),
               "PYTHONPATH": f"{site}:{REPO}"}

        def export_csv(target: Path) -> subprocess.CompletedProcess[str]:
            return subprocess.run(["setpriv", f"--reuid={test_user}", f"--regid={test_user}", "--clear-groups",
                                   *as_user_python(), "-m", "desktop", "export", "csv", str(target)],
                                  cwd=base, env=env, capture_output=True, text=True, timeout=120)

        refused = export_csv(theirs)
        assert refused.returncode != 0 and refused.stdout == ""
        assert f"{theirs} is read-only; choose another name or make it writable" in refused.stderr
        assert theirs.read_text(encoding="utf-8") == "someone else's file" and theirs.stat().st_uid == 0
        mine = base / "mine.csv"  # a new name in the same folder is written: the refusal was about that file
        written = export_csv(mine)
        assert written.returncode == 0, written.stderr[-2000:]
        assert "Wrote" in written.stdout and mine.stat().st_uid != 0
    finally:
        shutil.rmtree(base, ignore_errors=True)

