from __future__ import annotations

import sys
from pathlib import Path

import pytest

from desktop import paths


def test_source_tree_holds_content_and_resources() -> None:
    assert (paths.content_dir() / "categories.yaml").is_file()
    assert paths.resource("icons", "app.svg").is_file()


def test_frozen_bundle_is_found_under_meipass(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.content_dir() == tmp_path / "content"
    assert paths.resource("icons", "app.svg") == tmp_path / "resources" / "icons" / "app.svg"


def test_data_dir_prefers_flag_then_environment_then_platform(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(tmp_path / "from-env"))
    assert paths.user_data_dir(tmp_path / "from-flag") == (tmp_path / "from-flag").resolve()
    assert paths.user_data_dir() == (tmp_path / "from-env").resolve()
    monkeypatch.delenv(paths.DATA_DIR_ENV)
    platform_dir = paths.user_data_dir()
    assert platform_dir.name == "ml-interview-coach"
    assert str(platform_dir).startswith(str(tmp_path))  # conftest points XDG_DATA_HOME into tmp

