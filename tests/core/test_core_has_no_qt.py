"""desktop/core must stay pure Python: no Qt import, directly or through a dependency."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import desktop.core
from tests.conftest import REPO


def test_importing_every_core_module_loads_no_qt() -> None:
    modules = [f"desktop.core.{m.name}" for m in pkgutil.iter_modules(desktop.core.__path__)]
    assert "desktop.core.bank" in modules
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "qt = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'PyQt')))\n"
        "print(','.join(qt))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"desktop.core pulled in Qt: {out.stdout}"
