"""The Windows version resource of mlcoach.exe and mlcoach-cli.exe (Explorer: Properties → Details).

The PyInstaller spec loads this file with runpy and passes the file `write_version_file(...)` writes
to EXE(version=...). It is PyInstaller's text format (what `pyi-grab_version` prints), written as
text because PyInstaller's own classes need `pefile`, which is installed only on Windows.
"""

from __future__ import annotations

import re
from pathlib import Path

LANGUAGE, CODEPAGE = 0x0409, 1200  # US English, Unicode: what Explorer looks up first
COPYRIGHT = "Copyright (c) 2026 The ML Interview Coach contributors. MIT licence."


def numeric(version: str) -> tuple[int, int, int, int]:
    """'0.1.0' -> (0, 1, 0, 0); a pre-release suffix ('1.2.0rc1') keeps only its numbers."""
    parts = [int(re.sub(r"\D.*", "", part) or 0) for part in version.split(".")[:4]]
    parts += [0] * (4 - len(parts))
    return parts[0], parts[1], parts[2], parts[3]


def version_text(version: str, description: str, filename: str) -> str:
    numbers = numeric(version)
    strings = {
        "CompanyName": "The ML Interview Coach contributors",
        "FileDescription": description,
        "FileVersion": version,
        "InternalName": filename.removesuffix(".exe"),
        "LegalCopyright": COPYRIGHT,
        "OriginalFilename": filename,
        "ProductName": "ML Interview Coach",
        "ProductVersion": version,
    }
    table = ",\n          ".join(f"StringStruct({key!r}, {value!r})" for key, value in strings.items())
    return f"""# UTF-8
VSVersionInfo(
  ffi=FixedFileInfo(filevers={numbers}, prodvers={numbers}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([
      StringTable('{LANGUAGE:04x}{CODEPAGE:04x}', [
          {table}])]),
    VarFileInfo([VarStruct('Translation', [{LANGUAGE}, {CODEPAGE}])])
  ]
)
"""


def write_version_file(out: Path, version: str, description: str, filename: str) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(version_text(version, description, filename), encoding="utf-8")
    return out
