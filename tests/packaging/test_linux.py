"""The Linux package's pieces: Depends from the bundle, copyright, changelog, man page, AppStream
metadata and the menu entry's window class. `make package-check` checks the same in the real .deb."""

from __future__ import annotations

import argparse
import os
import re
import runpy
import shutil
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from desktop.app import build_parser
from tests.conftest import REPO
from tests.packaging.test_installers import tool

LINUX = REPO / "packaging" / "linux"
METAINFO = REPO / "resources" / "dev.mlcoach.ml_interview_coach.metainfo.xml"
DESKTOP = REPO / "resources" / "ml-interview-coach.desktop"
VERSION = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def test_appstream_metadata_validates_and_names_this_release_and_the_menu_entry() -> None:
    result = subprocess.run([tool("appstreamcli"), "validate", "--no-net", "--pedantic", str(METAINFO)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "W:" not in result.stdout and "E:" not in result.stdout, result.stdout
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("project_license") == "MIT" and root.findtext("metadata_license") == "CC0-1.0"
    assert root.findtext("launchable") == DESKTOP.name
    assert root.find("releases/release").get("version") == VERSION  # the newest release comes first
    assert root.findtext("provides/binary") == "mlcoach"


def test_the_debian_changelog_parses_and_its_newest_entry_is_this_version() -> None:
    changelog = LINUX / "changelog"
    fields = subprocess.run([tool("dpkg-parsechangelog"), "-l", str(changelog)], capture_output=True, text=True,
                            check=True).stdout
    assert f"Version: {VERSION}\n" in fields and "Source: ml-interview-coach\n" in fields
    release = ET.parse(METAINFO).getroot().find("releases/release")
    date = subprocess.run(["date", "-u", "-d", re.search(r"^Date: (.+)$", fields, re.M).group(1), "+%Y-%m-%d"],
                          capture_output=True, text=True, check=True).stdout.strip()
    assert release.get("date") == date  # one release, one date, in both


def rendered(page: Path) -> str:
    shown = subprocess.run([tool("man"), "--warnings", "-l", str(page)], capture_output=True, text=True,
                           env={**os.environ, "MANWIDTH": "80", "LC_ALL": "C.UTF-8"}, timeout=60)
    assert shown.returncode == 0 and shown.stderr == "", shown.stderr
    return " ".join(shown.stdout.split())


def test_the_man_page_renders_and_documents_everything_mlcoach_help_does(tmp_path: Path) -> None:
    """Both come from desktop.app.build_parser(): a new option shows up in the man page by itself."""
    page = tmp_path / "mlcoach.1"
    subprocess.run([sys.executable, str(LINUX / "manpage.py"), str(page)], check=True, timeout=60)
    text = rendered(page)
    parser = build_parser()
    commands = runpy.run_path(str(LINUX / "manpage.py"))["commands"](parser)
    helps = [parser.format_help(), *(command.format_help() for _, command, _ in commands)]
    options = {o for h in helps for o in re.findall(r"(?<![\w-])(--[a-z][a-z-]+)", h)}
    assert {"--data-dir", "--theme", "--read-only", "--smoke-test", "--category", "--weakest", "--name"} <= options
    for name in [*options, *(name for name, _, _ in commands), "MLCOACH_DATA_DIR", "ml-interview-coach"]:
        assert name in text, name
    # A help text in the man page is the one --help prints. (argparse lists a parser's options only in
    # _actions; format_help() wraps the texts, so they cannot be read back from it whole.)
    for action in parser._actions:
        if action.help and action.help != argparse.SUPPRESS and "%" not in action.help:
            assert " ".join(action.help.split())[1:40] in text, action.help


def test_nested_commands_are_documented_and_hidden_options_are_not(tmp_path: Path) -> None:
    """A command with its own subcommands (like `mlcoach exercise run`) gets a section for each; an option
    hidden from --help (argparse.SUPPRESS) stays out of the man page too."""
    parser = argparse.ArgumentParser(prog="mlcoach")
    parser.add_argument("--internal-flag", help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command")
    exercise = sub.add_parser("exercise", help="list the coding exercises, or run your code against one")
    actions = exercise.add_subparsers(dest="action", required=True)
    actions.add_parser("list", help="every coding exercise")
    run = actions.add_parser("run", help="run FILE against exercise ID's hidden tests")
    run.add_argument("file", help="your code")
    run.add_argument("--json", action="store_true", help="print the results as JSON")
    page = tmp_path / "nested.1"
    page.write_text(runpy.run_path(str(LINUX / "manpage.py"))["render"](parser), encoding="utf-8")
    text = rendered(page)
    for expected in ("mlcoach exercise run [-h] [--json] file", "exercise list Every coding exercise.",
                     "exercise run Run FILE against exercise ID's hidden tests.", "--json Print the results as JSON."):
        assert expected in text, expected
    assert "internal" not in text


def test_the_desktop_entry_names_the_class_the_window_really_has(tmp_path: Path) -> None:
    """StartupWMClass must equal the WM_CLASS class of the app's window (xprop under Xvfb), or docks
    show a second, generic icon for the running app."""
    wanted = re.search(r"^StartupWMClass=(.+)$", DESKTOP.read_text(encoding="utf-8"), re.M).group(1)
    result = subprocess.run([str(LINUX / "window_class.sh"), sys.executable, "-m", "desktop", "--data-dir",
                             str(tmp_path / "data")], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == wanted == "ML Interview Coach"


def stand_in_bundle(tmp_path: Path) -> Path:
    """A bundle shaped like PyInstaller's: an ELF launcher needing a library the bundle carries (xz and
    liblzma), and the notices the spec writes."""
    bundle = tmp_path / "ml-interview-coach"
    (bundle / "_internal").mkdir(parents=True)
    xz = shutil.which("xz") or "/usr/bin/xz"
    shutil.copy(xz, bundle / "mlcoach")
    needed = subprocess.run(["ldd", xz], capture_output=True, text=True, check=True).stdout
    liblzma = re.search(r"liblzma\.so\.5 => (\S+)", needed).group(1)
    shutil.copy(Path(liblzma).resolve(), bundle / "_internal" / "liblzma.so.5")
    subprocess.run([sys.executable, str(REPO / "packaging" / "third_party_notices.py"),
                    str(bundle / "_internal" / "THIRD_PARTY_NOTICES.txt")], check=True, timeout=120)
    return bundle


@pytest.fixture(scope="module")
def deb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp_path = tmp_path_factory.mktemp("deb")
    result = subprocess.run([str(LINUX / "build_deb.sh"), str(stand_in_bundle(tmp_path)), str(tmp_path / "out")],
                            capture_output=True, text=True, env={**os.environ, "PYTHON": sys.executable}, timeout=600)
    assert result.returncode == 0, result.stderr
    return next((tmp_path / "out").glob("ml-interview-coach_*.deb"))


def test_depends_comes_from_the_bundle_and_not_from_what_it_carries(deb: Path) -> None:
    depends = subprocess.run(["dpkg-deb", "--field", str(deb), "Depends"], capture_output=True, text=True,
                             check=True).stdout.strip()
    assert re.fullmatch(r"libc6 \(>= 2\.\d+\)", depends), depends  # xz needs libc6; liblzma5 is in the bundle


def test_the_deb_carries_docs_man_page_metainfo_and_menu_entry(deb: Path) -> None:
    files = subprocess.run(["dpkg-deb", "--contents", str(deb)], capture_output=True, text=True, check=True).stdout
    for path in ("./opt/ml-interview-coach/mlcoach", "./usr/bin/mlcoach -> /opt/ml-interview-coach/mlcoach",
                 "./usr/share/applications/ml-interview-coach.desktop",
                 "./usr/share/icons/hicolor/256x256/apps/ml-interview-coach.png",
                 "./usr/share/icons/hicolor/scalable/apps/ml-interview-coach.svg",
                 "./usr/share/metainfo/dev.mlcoach.ml_interview_coach.metainfo.xml",
                 "./usr/share/man/man1/mlcoach.1.gz",
                 "./usr/share/doc/ml-interview-coach/copyright", "./usr/share/doc/ml-interview-coach/changelog.gz",
                 "./usr/share/doc/ml-interview-coach/THIRD_PARTY_NOTICES.txt.gz"):
        assert path in files, path
    assert files.splitlines()[0].startswith("drwxr-xr-x root/root")  # the package root, not mktemp's 0700
    assert next((deb.parent).glob("ml-interview-coach-*-linux-*.tar.gz")).stat().st_size > 0


def test_the_copyright_file_is_machine_readable_and_covers_the_bundle(deb: Path, tmp_path: Path) -> None:
    from debian.copyright import Copyright

    subprocess.run(["dpkg-deb", "-x", str(deb), str(tmp_path)], check=True)
    with (tmp_path / "usr/share/doc/ml-interview-coach/copyright").open(encoding="utf-8") as f:
        parsed = Copyright(f, strict=True)

    def licence(path: str) -> str:
        return parsed.find_files_paragraph(path).license.synopsis

    assert licence("opt/ml-interview-coach/_internal/desktop/app.pyc") == "Expat"  # the app: MIT
    assert licence("usr/share/applications/ml-interview-coach.desktop") == "Expat"
    assert licence("opt/ml-interview-coach/_internal/PySide6/Qt/lib/libQt6Core.so.6") == "LGPL-3.0-only"
    assert licence("opt/ml-interview-coach/_internal/json/decoder.pyc") == "PSF-2.0"  # the standard library
    assert licence("opt/ml-interview-coach/_internal/yaml/loader.pyc") == "MIT"
    assert licence("opt/ml-interview-coach/_internal/ziamath/fonts/STIXTwoMath-Regular.ttf") == "OFL-1.1"
    qt = parsed.find_files_paragraph("opt/ml-interview-coach/_internal/PySide6/QtCore.abi3.so")
    assert "The Qt Company" in qt.copyright and "/usr/share/common-licenses/LGPL-3" in qt.license.text
