"""The project's licence and the third-party notices every bundle and installer carries."""

from __future__ import annotations

import re
import runpy
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO

NOTICES_SCRIPT = REPO / "packaging" / "third_party_notices.py"


@pytest.fixture(scope="module")
def notices_module() -> dict[str, Any]:
    return runpy.run_path(str(NOTICES_SCRIPT))


@pytest.fixture(scope="module")
def notices(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The notices for the runtime requirement closure, written by the script as a build would run it."""
    out = tmp_path_factory.mktemp("notices") / "THIRD_PARTY_NOTICES.txt"
    result = subprocess.run([sys.executable, str(NOTICES_SCRIPT), str(out)], capture_output=True, text=True,
                            cwd=REPO, timeout=120)
    assert result.returncode == 0, result.stderr
    return out.read_text(encoding="utf-8")


def section(notices: str, heading: str) -> str:
    rule = "=" * 78
    start = notices.index(f"{rule}\n{heading}\n{rule}\n")
    end = notices.find(f"\n{rule}\n", start + 2 * len(rule) + len(heading) + 3)
    return notices[start:] if end < 0 else notices[start:end]


def resolved(notices: str, text: str) -> str:
    """A section with each "(the same text as under X above)" replaced by X's section."""
    return re.sub(r"\(the same text as .+ under (.+) above\)", lambda m: section(notices, m.group(1)), text)


def test_the_project_is_mit_licensed_in_the_file_and_the_metadata() -> None:
    licence = (REPO / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("MIT License\n") and "Permission is hereby granted, free of charge" in licence
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "MIT" and project["license-files"] == ["LICENSE"]


def test_notices_cover_every_distribution_of_the_runtime_closure(notices_module: dict[str, Any], notices: str) -> None:
    closure = notices_module["runtime_closure"](notices_module["project_requirements"]())
    # The closure really is the app's: each direct dependency and what it pulls in (PySide6 -> shiboken6).
    for expected in ("pyside6-essentials", "shiboken6", "fsrs", "pyyaml", "ziamath", "genanki", "markdown-it-py"):
        assert expected in closure, expected
    assert notices_module["missing_from"](notices, closure) == []
    for key, dist in closure.items():
        if key == "ml-interview-coach":
            continue
        text = section(notices, f"{dist.metadata['Name']} {dist.version}")
        assert re.search(r"^Licence: \S", text, re.MULTILINE), key
        assert "not stated in its metadata" not in text, key
        assert "\n--- " in text and "there is no standard text" not in text, f"{key} has no licence text"


def test_qt_is_noticed_under_the_lgpl_with_where_to_get_its_source(notices: str) -> None:
    pyside = resolved(notices, section(notices, next(h for h in notices.splitlines()
                                                     if h.startswith("PySide6_Essentials "))))
    assert "used under LGPL-3.0-only" in pyside and "download.qt.io" in pyside
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in pyside and "GNU GENERAL PUBLIC LICENSE" in pyside


def test_the_math_font_ziamath_ships_is_noticed_under_the_ofl(notices: str) -> None:
    stix = resolved(notices, section(notices, next(h for h in notices.splitlines() if h.startswith("STIX Two Math "))))
    assert "Licence: OFL-1.1" in stix and "The STIX Fonts Project Authors" in stix
    assert "SIL OPEN FONT LICENSE" in stix and "ziamath/fonts/STIXTwoMath-Regular.ttf" in stix


def test_the_python_runtime_is_noticed(notices: str) -> None:
    runtime = section(notices, next(h for h in notices.splitlines() if h.startswith("Python 3.")))
    assert "Licence: PSF-2.0" in runtime and "PYTHON SOFTWARE FOUNDATION LICENSE" in runtime


def test_check_fails_for_notices_that_leave_a_distribution_out(tmp_path: Path, notices: str) -> None:
    heading = next(h for h in notices.splitlines() if h.startswith("PyYAML "))
    partial = tmp_path / "partial.txt"
    partial.write_text(notices.replace(f"\n{heading}\n", "\nsomething else\n"), encoding="utf-8")
    result = subprocess.run([sys.executable, str(NOTICES_SCRIPT), "--check", str(partial)], capture_output=True,
                            text=True, cwd=REPO, timeout=120)
    assert result.returncode == 1 and heading in result.stderr
    whole = tmp_path / "whole.txt"
    whole.write_text(notices, encoding="utf-8")
    ok = subprocess.run([sys.executable, str(NOTICES_SCRIPT), "--check", str(whole)], capture_output=True,
                        text=True, cwd=REPO, timeout=120)
    assert ok.returncode == 0, ok.stderr


def test_a_bundled_package_outside_the_requirements_gets_a_notice_too(notices_module: dict[str, Any]) -> None:
    """The spec passes the analysis's modules: a package a hook pulls in (here pytest) is noticed as well."""
    components = notices_module["collect"](modules=["pytest", "desktop.app", "json.decoder"])
    names = {c.name.lower() for c in components}
    assert "pytest" in names and "pyside6_essentials" in names
    assert "ml-interview-coach" not in names  # the app's own licence is LICENSE, not a third-party notice


def test_the_spec_ships_the_notices_and_the_licence_in_every_bundle() -> None:
    spec = (REPO / "packaging" / "mlcoach.spec").read_text(encoding="utf-8")
    assert "third_party_notices.py" in spec and '("THIRD_PARTY_NOTICES.txt", str(notices), "DATA")' in spec
    assert '("LICENSE.txt", str(ROOT / "LICENSE"), "DATA")' in spec
