"""The real app, started as a subprocess, the way a user (or a package) starts it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.e2e


def run_app(*args: str, data_dir: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "MLCOACH_DATA_DIR": str(data_dir)}
    return subprocess.run([sys.executable, "-m", "desktop", *args], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=timeout)


def test_smoke_test_shows_the_window_and_later_launches_read_the_prepared_bank_a_damaged_one_parsed_again(
        tmp_path: Path, isolated_data: Path) -> None:
    """The first launch on a fresh folder builds and shows the window, exits 0 and keeps its state in the folder
    chosen. Issue 23: the bank parsed and indexed at one launch is reused by the next; never a wrong one."""
    first = run_app("--smoke-test", data_dir=isolated_data)
    assert first.returncode == 0, first.stderr
    loaded = re.search(r"smoke-test: ok: \d+ questions, 0 problems", first.stdout)
    assert loaded, first.stdout
    assert (isolated_data / "settings.ini").is_file()  # state went to the folder we chose, nowhere else
    cached = list((tmp_path / "xdg-cache" / "ml-interview-coach").glob("bank-*.cache"))
    assert len(cached) == 1  # written into the user's cache folder (conftest points it into tmp)
    second = run_app("--smoke-test", data_dir=isolated_data)
    assert loaded[0] in second.stdout, second.stderr
    data = cached[0].read_bytes()
    cached[0].write_bytes(data[: len(data) // 3])  # cut short, as by a full disk
    third = run_app("--smoke-test", data_dir=isolated_data)
    assert loaded[0] in third.stdout, third.stderr
    from desktop.core.bank_cache import BankCache
    from desktop.paths import content_dir

    assert BankCache([content_dir()]).read(cached[0]) is not None  # parsed again and rewritten whole


@pytest.mark.usefixtures("prepared_bank_cache")
def test_data_dir_flag_wins_over_environment(tmp_path: Path, isolated_data: Path) -> None:
    flagged = tmp_path / "flagged"
    result = run_app("--smoke-test", "--data-dir", str(flagged), data_dir=isolated_data)
    assert result.returncode == 0, result.stderr
    assert (flagged / "settings.ini").is_file()
    assert not (isolated_data / "settings.ini").exists()


def test_check_content_reports_path_line_and_fails_on_a_bad_bank(tmp_path: Path, isolated_data: Path) -> None:
    bank = tmp_path / "deck"
    (bank / "basics").mkdir(parents=True)
    (bank / "categories.yaml").write_text("- id: basics\n  title: Basics\n", encoding="utf-8")
    (bank / "basics" / "broken.md").write_text(
        "---\nid: broken\ncategory: basics\ndifficulty: impossible\n---\n# Q?\n\n## Answer\nA.\n\n## Key points\n- k\n",
        encoding="utf-8",
    )
    result = run_app("check-content", str(bank), data_dir=isolated_data)
    assert result.returncode == 1
    assert f"{bank / 'basics' / 'broken.md'}:4: difficulty must be one of" in result.stdout


def test_check_content_passes_the_bundled_bank(isolated_data: Path) -> None:
    result = run_app("check-content", data_dir=isolated_data)
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("OK:")


@pytest.mark.usefixtures("prepared_bank_cache")
def test_smoke_test_exits_even_when_its_output_is_closed(isolated_data: Path) -> None:
    """`mlcoach --smoke-test | head -1` once hung for ever: the last print raised in a slot and nothing exited."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "MLCOACH_DATA_DIR": str(isolated_data)}
    proc = subprocess.Popen([sys.executable, "-m", "desktop", "--smoke-test"], cwd=REPO, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    assert proc.stdout.readline().startswith("window-shown")
    proc.stdout.close()
    try:
        proc.wait(timeout=60)
    finally:
        proc.kill()
        assert proc.stderr is not None
        proc.stderr.close()
    assert proc.returncode == 1  # the lost output is a failure, reported as one
    assert "BrokenPipeError" in (isolated_data / "errors.log").read_text(encoding="utf-8")


@pytest.mark.usefixtures("prepared_bank_cache")
def test_a_hand_edited_settings_file_with_bad_values_still_starts(isolated_data: Path) -> None:
    isolated_data.mkdir(parents=True, exist_ok=True)
    (isolated_data / "settings.ini").write_text(
        "[view]\ntext_scale=nan\ntheme=purple\n[quiz]\nretention=1.5\nnew_per_day=99999999999999999999\n"
        "pass_fail=maybe\n[interview]\nthink_s=abc\n[progress]\ninterview_date=soon\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "desktop", "--smoke-test"], cwd=REPO,
                            env={**os.environ, "MLCOACH_DATA_DIR": str(isolated_data), "QT_QPA_PLATFORM": "offscreen"},
                            capture_output=True, text=True, timeout=90)
    assert result.returncode == 0, result.stderr
    assert "smoke-test: ok" in result.stdout
