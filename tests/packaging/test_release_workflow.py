"""The release workflow and the macOS signing script, checked as far as Linux allows (actionlint checks
the workflow's syntax in test_installers.py; the runs themselves happen on GitHub)."""

from __future__ import annotations

import os
import plistlib
import subprocess
from pathlib import Path
from typing import Any

import yaml

from tests.conftest import REPO

WORKFLOW = REPO / ".github" / "workflows" / "release.yml"
SIGN = REPO / "packaging" / "macos" / "sign_and_notarize.sh"
SECRETS = ("MACOS_CERTIFICATE", "MACOS_CERTIFICATE_PASSWORD", "MACOS_SIGNING_IDENTITY", "APPLE_ID", "APPLE_TEAM_ID",
           "APPLE_APP_PASSWORD")


def jobs() -> dict[str, Any]:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]


def test_unit_tests_run_on_windows_and_macos_before_anything_is_built() -> None:
    test = jobs()["test"]
    systems = test["strategy"]["matrix"]["os"]
    assert any(s.startswith("windows-") for s in systems) and any(s.startswith("macos-") for s in systems)
    commands = " ".join(step.get("run", "") for step in test["steps"])
    assert "pytest" in commands and "tests/core" in commands and "tests/ui" in commands
    assert test["env"]["QT_QPA_PLATFORM"] == "offscreen"
    assert jobs()["build"]["needs"] == "test"


def test_macos_is_built_natively_for_apple_silicon_and_for_intel() -> None:
    builds = {b["name"]: b["os"] for b in jobs()["build"]["strategy"]["matrix"]["include"]}
    assert builds["macos-arm64"] == "macos-15" and builds["macos-x86_64"] == "macos-15-intel"
    assert {"linux-x86_64", "windows-x86_64"} <= set(builds)


def test_linux_is_built_on_the_oldest_base_the_readme_names() -> None:
    builds = {b["name"]: b["os"] for b in jobs()["build"]["strategy"]["matrix"]["include"]}
    assert builds["linux-x86_64"] == "ubuntu-22.04"  # glibc 2.35: what the .deb's Depends then says
    readme = " ".join((REPO / "README.md").read_text(encoding="utf-8").split())
    assert "Ubuntu 22.04 or newer, Debian 12 or newer" in readme and "glibc 2.35 or newer" in readme


def test_macos_steps_sign_and_notarize_with_every_secret_they_need() -> None:
    steps = [s for s in jobs()["build"]["steps"] if "sign_and_notarize.sh" in s.get("run", "")]
    assert len(steps) == 2  # the app, then the .dmg
    for step in steps:
        assert step["if"] == "runner.os == 'macOS'"
        assert {name: f"${{{{ secrets.{name} }}}}" for name in SECRETS} == step["env"]
    assert '"$(uname -m)"' in steps[1]["run"]  # one .dmg per architecture, named after it


def test_windows_steps_check_the_console_twin_the_installer_and_the_uninstaller() -> None:
    script = "\n".join(s.get("run", "") for s in jobs()["build"]["steps"] if s.get("if") == "runner.os == 'Windows'")
    for needle in ("mlcoach-cli.exe", "VersionInfo", "makensis", '"/S"', "HKCU:", "HKLM:", "-ne 3",
                   "my-own-file.txt,Uninstall.exe"):
        assert needle in script, needle


def run_sign(tmp_path: Path, **secrets: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in SECRETS} | secrets
    return subprocess.run(["bash", str(SIGN), "app", str(tmp_path / "ML Interview Coach.app")], env=env,
                          capture_output=True, text=True, timeout=60)


def test_without_the_secrets_signing_is_skipped_with_a_clear_warning(tmp_path: Path) -> None:
    result = run_sign(tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("::warning title=Unsigned macOS build::Not signing or notarizing")
    assert all(name in result.stdout for name in SECRETS) and "signed, notarized" not in result.stdout


def test_with_only_some_secrets_signing_fails_and_names_the_missing_ones(tmp_path: Path) -> None:
    result = run_sign(tmp_path, APPLE_ID="me@example.com", APPLE_TEAM_ID="ABCDE12345")
    assert result.returncode == 1
    assert "missing: MACOS_CERTIFICATE MACOS_CERTIFICATE_PASSWORD MACOS_SIGNING_IDENTITY APPLE_APP_PASSWORD" in result.stderr


def test_the_hardened_runtime_gets_one_exception_only() -> None:
    entitlements = plistlib.loads((REPO / "packaging" / "macos" / "entitlements.plist").read_bytes())
    assert entitlements == {"com.apple.security.cs.allow-unsigned-executable-memory": True}
    script = SIGN.read_text(encoding="utf-8")
    for needle in ("--options runtime", "--timestamp", "notarytool submit", "--wait", "stapler staple",
                   "spctl --assess"):
        assert needle in script, needle


def test_the_app_declares_the_macos_version_its_qt_needs() -> None:
    spec = (REPO / "packaging" / "mlcoach.spec").read_text(encoding="utf-8")
    assert '"LSMinimumSystemVersion": "13.0"' in spec
    assert "macOS 13" in (REPO / "README.md").read_text(encoding="utf-8")
