"""What the Windows build needs, checked as far as Linux allows: the command line without a console,
the console twin in the spec, the exe's version resource, and the NSIS installer (compiled with
makensis; the release workflow installs and uninstalls it on Windows)."""

from __future__ import annotations

import os
import runpy
import subprocess
import sys
import tomllib
import types
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.packaging.test_installers import tool

WINDOWED = """
import sys
sys.stdout = sys.stderr = None  # how a windowed Windows program (mlcoach.exe, pythonw) starts
from desktop.app import main
code = main(sys.argv[1:-1])  # the last argument says where to record the exit code
open(sys.argv[-1] + ".exit", "w").write(str(code))
"""


def run_windowed(tmp_path: Path, *args: str) -> tuple[int, str]:
    marker = tmp_path / "marker"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "MLCOACH_DATA_DIR": str(tmp_path / "data")}
    result = subprocess.run([sys.executable, "-c", WINDOWED, *args, str(marker)], cwd=REPO, env=env,
                            capture_output=True, text=True, timeout=120)
    exit_file = Path(str(marker) + ".exit")
    return result.returncode, exit_file.read_text() if exit_file.exists() else "no exit code: it crashed"


def test_export_pdf_without_stdout_or_stderr_writes_the_file_and_exits_0(tmp_path: Path) -> None:
    """Issue 22: `mlcoach export pdf` in the windowed build crashed at sys.stderr.isatty()."""
    pdf = tmp_path / "sheet.pdf"
    code, recorded = run_windowed(tmp_path, "export", "pdf", str(pdf), "--bookmarked", "--data-dir",
                                  str(tmp_path / "data"))
    assert (code, recorded) == (0, "0")
    assert pdf.read_bytes()[:5] == b"%PDF-"


@pytest.mark.parametrize("args", [["check-content"], ["export", "notes", "NOTES", "--category", "nope"]])
def test_every_cli_command_keeps_its_exit_code_without_a_console(tmp_path: Path, args: list[str]) -> None:
    args = [str(tmp_path / "notes.md") if a == "NOTES" else a for a in args]
    code, recorded = run_windowed(tmp_path, *args)
    expected = "0" if args[0] == "check-content" else "2"  # an unknown category is a usage error
    assert (code, recorded) == (0, expected)


def test_the_spec_builds_a_console_twin_for_the_command_line_on_windows() -> None:
    spec = (REPO / "packaging" / "mlcoach.spec").read_text(encoding="utf-8")
    assert 'name="mlcoach-cli", console=True' in spec and "COLLECT(*executables" in spec
    assert 'version=version_file("mlcoach.exe")' in spec and 'version=version_file("mlcoach-cli.exe")' in spec
    scripts = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert scripts["mlcoach-cli"] == "desktop.app:main"  # pip's console twin of the gui-script


def test_the_launcher_holds_the_mutex_the_installer_looks_for() -> None:
    launcher = (REPO / "packaging" / "launcher.py").read_text(encoding="utf-8")
    installer = (REPO / "packaging" / "windows" / "installer.nsi").read_text(encoding="utf-8")
    assert 'CreateMutexW(None, False, "ml-interview-coach-running")' in launcher
    assert '"ml-interview-coach-running"' in installer


def test_the_version_file_is_one_pyinstaller_reads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    version_info = runpy.run_path(str(REPO / "packaging" / "windows" / "version_info.py"))
    assert version_info["numeric"]("0.1.0") == (0, 1, 0, 0) and version_info["numeric"]("1.2.0rc1") == (1, 2, 0, 0)
    path = version_info["write_version_file"](tmp_path / "v.txt", "1.2.3", "ML Interview Coach", "mlcoach-cli.exe")
    # PyInstaller's reader imports Windows-only helpers at the top; they are not used to parse the text.
    monkeypatch.setitem(sys.modules, "pefile", types.ModuleType("pefile"))
    import PyInstaller.compat

    monkeypatch.setattr(PyInstaller.compat, "win32api", None, raising=False)
    monkeypatch.delitem(sys.modules, "PyInstaller.utils.win32.versioninfo", raising=False)
    from PyInstaller.utils.win32 import versioninfo

    info = versioninfo.load_version_info_from_text_file(str(path))
    raw = info.toRaw()
    for text in ("ProductVersion", "1.2.3", "OriginalFilename", "mlcoach-cli.exe", "ML Interview Coach"):
        assert text.encode("utf-16-le") in raw, text
    assert (info.ffi.fileVersionMS, info.ffi.fileVersionLS) == (1 << 16 | 2, 3 << 16)  # 1.2.3.0


# --- the NSIS installer -------------------------------------------------------------------------

INSTALLER = REPO / "packaging" / "windows" / "installer.nsi"


def stand_in_bundle(root: Path) -> Path:
    bundle = root / "ml-interview-coach"
    for rel, text in {"mlcoach.exe": "gui", "mlcoach-cli.exe": "console", "_internal/python311.dll": "x",
                      "_internal/PySide6/plugins/platforms/qwindows.dll": "q", "_internal/odd$name.pyd": "$",
                      "_internal/LICENSE.txt": "MIT", "_internal/THIRD_PARTY_NOTICES.txt": "notices"}.items():
        (bundle / rel).parent.mkdir(parents=True, exist_ok=True)
        (bundle / rel).write_text(text, encoding="utf-8")
    return bundle


def test_the_installer_compiles_with_its_version_resource(tmp_path: Path) -> None:
    bundle = stand_in_bundle(tmp_path)
    result = subprocess.run([tool("makensis"), "-V2", "-DVERSION=1.2.3", f"-DBUNDLE={bundle}", f"-DOUTDIR={tmp_path}",
                             f"-DPYTHON={sys.executable}", "installer.nsi"], cwd=INSTALLER.parent,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "warning" not in (result.stdout + result.stderr).lower(), result.stdout
    setup = (tmp_path / "ml-interview-coach-1.2.3-windows-setup.exe").read_bytes()
    assert setup[:2] == b"MZ"
    for text in ("ProductVersion", "1.2.3", "FileDescription", "ML Interview Coach installer", "LegalCopyright"):
        assert text.encode("utf-16-le") in setup, text


def test_the_install_list_records_every_file_then_every_folder_deepest_first(tmp_path: Path) -> None:
    files = runpy.run_path(str(INSTALLER.parent / "bundle_files.py"))
    code = files["install_code"](stand_in_bundle(tmp_path), "0.1.0")
    recorded = [line.split('"')[1] for line in code.splitlines() if "!insertmacro RECORD" in line]
    assert recorded[:7] == ["mlcoach-cli.exe", "mlcoach.exe", "_internal\\LICENSE.txt",
                            "_internal\\THIRD_PARTY_NOTICES.txt", "_internal\\odd$$name.pyd", "_internal\\python311.dll",
                            "_internal\\PySide6\\plugins\\platforms\\qwindows.dll"]
    assert recorded[7:9] == ["LICENSE.txt", "THIRD_PARTY_NOTICES.txt"]  # also at the top, where people look
    assert recorded[9:] == ["_internal\\PySide6\\plugins\\platforms\\", "_internal\\PySide6\\plugins\\",
                            "_internal\\PySide6\\", "_internal\\"]
    assert sum(line.strip().startswith("File ") for line in code.splitlines()) == 9
    assert '!define VERSION_NUMERIC "0.1.0.0"' in code
    with pytest.raises(SystemExit, match=r"no mlcoach\.exe"):
        files["install_code"](tmp_path / "empty", "0.1.0")


def test_the_installer_asks_for_no_admin_rights_and_removes_only_what_it_wrote() -> None:
    script = INSTALLER.read_text(encoding="utf-8")
    code = "\n".join(line.split(";")[0] for line in script.splitlines())  # without comments
    assert "RequestExecutionLevel user" in code and "Highest" not in code and "MultiUser" not in code
    assert '"$PROGRAMFILES64\\${APPNAME}"' in code and "SetRegView 64" in code
    assert '"$LOCALAPPDATA\\Programs\\${APPNAME}"' in code
    assert "/r" not in code.replace("$\\r", "")  # no File /r, no RMDir /r: every file is listed and recorded
    assert code.count("Call CheckRunning") == 2 and code.count("Call un.CheckRunning") == 2
    assert "FileWriteUTF16LE $Manifest" in code and "FileReadUTF16LE $R0 $R1" in code
