"""Shared bits for the benchmark scripts: percentiles, a table printer, what machine this is."""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.core.bank import Bank
    from desktop.ui.main_window import MainWindow

REPO = Path(__file__).resolve().parent.parent
# Qt's offscreen platform with a 1920×1080 screen: its own default screen is 800×800, where the main window
# would open shrunk to fit (as on a small laptop). Tests and benchmarks want the usual default size.
OFFSCREEN = f"offscreen:configfile={Path(__file__).resolve().parent / 'offscreen_screen.json'}"


def offscreen_platform(current: str | None) -> str:
    """`current` QT_QPA_PLATFORM, with plain "offscreen" (or nothing) made the large offscreen screen."""
    return OFFSCREEN if current in (None, "", "offscreen") else current


@cache
def bundled_bank() -> Bank:
    """The bundled bank, parsed once per process, for scripts that use it several times but do not time the parse."""
    from desktop.core.bank import load_bank
    from desktop.paths import content_dir

    return load_bank(content_dir())


def percentile(values: Sequence[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A Markdown table (it reads in a terminal and pastes into docs/performance.md)."""
    cells = [[str(h) for h in headers]] + [[f"{c:.2f}" if isinstance(c, float) else str(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = ["| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |" for row in cells]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(next(x for x in Path("/proc/meminfo").read_text().splitlines() if x.startswith("MemTotal")).split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, StopIteration, ValueError):
        pass
    return (f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} cores{mem}, "
            f"Python {platform.python_version()}, PySide6 {pyside_version()}")


def pyside_version() -> str:
    """PySide6's version, from its installed metadata if it has any: importing it loads Qt (about 0.15 s of CPU, in
    a child process so that this one stays without Qt), and every benchmark prints the machine."""
    from importlib.metadata import PackageNotFoundError, version

    for name in ("PySide6", "PySide6-Essentials"):  # the whole of it, or the part the app needs
        try:
            return version(name)
        except PackageNotFoundError:
            pass
    return subprocess.run([sys.executable, "-c", "import PySide6; print(PySide6.__version__)"],
                          capture_output=True, text=True).stdout.strip()


def load_average() -> str:
    """The 1, 5 and 15 minute load averages, to print beside every figure measured on a shared machine."""
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


def offscreen_env(**extra: str) -> dict[str, str]:
    """The environment a launch is measured in: offscreen Qt, and bytecode caches allowed.

    Installed apps run from compiled bytecode (pip writes .pyc files, the frozen bundle carries
    them), so a PYTHONDONTWRITEBYTECODE left in a developer's shell would make every launch
    recompile our modules and measure something no user sees.
    """
    env = {**os.environ, "QT_QPA_PLATFORM": offscreen_platform(os.environ.get("QT_QPA_PLATFORM"))}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(extra)
    return env


def study_window(bank: Bank, data: Path) -> MainWindow:
    """The real main window over `bank`, its data and settings in `data`, the first-run plan question already
    answered, not yet shown: what a benchmark or a test's child process drives as a user would."""
    from PySide6.QtCore import QSettings

    from desktop.core.search import SearchIndex
    from desktop.core.store import DB_NAME, Store
    from desktop.ui.context import AppContext
    from desktop.ui.main_window import MainWindow

    index = SearchIndex()
    index.add(bank.questions)
    settings = QSettings(str(data / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("plan/asked", True)
    ctx = AppContext(bank=bank, index=index, settings=settings, store=Store.open(data / DB_NAME), data_dir=data,
                     status=lambda _m: None)
    return MainWindow(ctx)
