"""The installer files are checked as far as this machine allows.

The real PyInstaller build, .deb and .tar.gz are built and smoke-tested by
`make package-check` (CI runs it); these tests check the pieces quickly.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from desktop.ui.modes import MODES
from tests.conftest import REPO


def tool(name: str) -> str:
    found = shutil.which(name) or shutil.which(name, path=str(Path(sys.executable).parent))
    if found is None:
        pytest.fail(f"{name} is needed: run scripts/bootstrap.sh --test (it installs it)")
    return found


def test_release_workflow_passes_actionlint() -> None:
    workflows = sorted((REPO / ".github" / "workflows").glob("*.yml"))
    assert workflows
    result = subprocess.run([tool("actionlint"), *map(str, workflows)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_release_workflow_builds_and_smoke_tests_on_three_systems() -> None:
    text = (REPO / ".github" / "workflows" / "release.yml").read_text(encoding="utf-8")
    for needle in ("tags:", "ubuntu-", "windows-", "macos-", "--smoke-test", "build_deb.sh", "check_package.sh",
                   "installer.nsi", "make_dmg.sh", "action-gh-release"):
        assert needle in text, needle


def test_macos_dmg_script_is_valid_and_refuses_a_non_app(tmp_path: Path) -> None:
    script = REPO / "packaging" / "macos" / "make_dmg.sh"
    assert subprocess.run(["bash", "-n", str(script)]).returncode == 0
    result = subprocess.run(["bash", str(script), str(tmp_path), str(tmp_path / "out"), "arm64"], capture_output=True,
                            text=True)
    assert result.returncode == 1 and "not an app bundle" in result.stderr
    assert "-macos-$arch.dmg" in script.read_text(encoding="utf-8")  # Apple Silicon and Intel builds side by side
    spec = (REPO / "packaging" / "mlcoach.spec").read_text(encoding="utf-8")
    assert "BUNDLE(" in spec and "app.icns" in spec and "CFBundleShortVersionString" in spec


def test_the_spec_bundles_every_registered_mode() -> None:
    spec = (REPO / "packaging" / "mlcoach.spec").read_text(encoding="utf-8")
    for mode in MODES:
        assert f'"{mode.target.split(":")[0]}"' in spec, f"{mode.key} is imported lazily and must be a hidden import"
    assert '(str(ROOT / "content"), "content")' in spec and '(str(ROOT / "resources"), "resources")' in spec


def test_desktop_entry_is_valid() -> None:
    result = subprocess.run([tool("desktop-file-validate"), str(REPO / "resources" / "ml-interview-coach.desktop")],
                            capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout


def test_pip_install_gives_an_app_that_finds_its_bank_and_resources(tmp_path: Path) -> None:
    """Issue 16: the wheel carried neither content/ nor resources/. Build it, install it into a fresh
    venv (no source tree on the path), and start the installed app's smoke test from elsewhere."""
    import venv

    wheels = tmp_path / "wheels"
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
                            "-w", str(wheels), str(REPO)], capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr[-2000:]
    target = tmp_path / "venv"
    venv.create(target, with_pip=False)
    py = target / "bin" / "python"
    wheel = next(wheels.glob("ml_interview_coach-*.whl"))
    with zipfile.ZipFile(wheel) as archive:  # the licence travels with the wheel (issue 22)
        names = archive.namelist()
        info = next(n for n in names if n.endswith(".dist-info/METADATA"))
        metadata = archive.read(info).decode()
        entry_points = archive.read(info.replace("METADATA", "entry_points.txt")).decode()
    assert "License-Expression: MIT" in metadata and "License-File: LICENSE" in metadata
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert "mlcoach = desktop.app:main" in entry_points and "mlcoach-cli = desktop.app:main" in entry_points
    installed = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target",
                                str(tmp_path / "site"), str(wheel)], capture_output=True, text=True, timeout=300)
    assert installed.returncode == 0, installed.stderr[-2000:]
    deps = next(p for p in sys.path if p.endswith("site-packages"))  # PySide6 & co. from this venv
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen",
           "MLCOACH_DATA_DIR": str(tmp_path / "data"), "PYTHONPATH": f"{tmp_path / 'site'}:{deps}"}
    where = subprocess.run([str(py), "-c", "import desktop, desktop.paths as p; print(desktop.__file__); "
                            "print(p.content_dir()); print(p.resource('icons', 'app.svg').is_file())"],
                           cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    lines = where.stdout.split()
    assert lines[0].startswith(str(tmp_path / "site")), where.stderr  # the installed copy, not the source tree
    assert lines[1] == str(tmp_path / "site" / "desktop" / "bundled_content") and lines[2] == "True"
    smoke = subprocess.run([str(py), "-m", "desktop", "--smoke-test"], cwd=tmp_path, env=env,
                           capture_output=True, text=True, timeout=120)
    assert smoke.returncode == 0, smoke.stderr[-2000:]
    assert "smoke-test: ok" in smoke.stdout and " 0 problems" in smoke.stdout
    for script in ("mlcoach", "mlcoach-cli"):  # the installed entry points themselves, as a user starts them
        started = subprocess.run([str(tmp_path / "site" / "bin" / script), "--smoke-test"], cwd=tmp_path, env=env,
                                 capture_output=True, text=True, timeout=120)
        assert started.returncode == 0 and "smoke-test: ok" in started.stdout, started.stderr[-2000:]


def test_the_wheel_lists_every_package_of_the_app() -> None:
    """pyproject.toml names the packages one by one (two are mapped from content/ and resources/):
    a new subpackage left off the list would be missing from `pip install .`."""
    import tomllib

    listed = set(tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    on_disk = {".".join(p.parent.relative_to(REPO).parts) for p in (REPO / "desktop").rglob("__init__.py")}
    assert on_disk <= listed, sorted(on_disk - listed)


def test_the_bundle_carries_numpy_and_what_exercises_import_and_keeps_qt_out_of_their_child() -> None:
    """Coding exercises run in the frozen app's own executable (`mlcoach --run-exercise`): NumPy is a runtime
    dependency, the spec bundles it and every module an exercise may import, and the PySide6 run-time hook
    (which imports QtCore at every launch) is kept out of the child. `make package-check` runs them for real."""
    import tomllib

    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert any(dep.startswith("numpy") for dep in project["dependencies"])
    spec = (REPO / "packaging" / "mlcoach.spec").read_text(encoding="utf-8")
    assert '"numpy", "numpy.testing", *STDLIB_FOR_EXERCISES' in spec
    excludes = spec.split("excludes=[", 1)[1].split("]", 1)[0]
    assert '"numpy"' not in excludes
    assert "a.scripts = [app_only_qt_hook(entry) for entry in a.scripts]" in spec
    check = (REPO / "packaging" / "check_package.sh").read_text(encoding="utf-8")
    assert "exercise run" in check and "child-imports-no-qt" in check
