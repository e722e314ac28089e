"""Where things live: bundled files (source tree or frozen bundle) and the user's data.

This is the one place that knows how to find `content/` and `resources/`.
"""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path

from desktop import APP_ID

DATA_DIR_ENV = "MLCOACH_DATA_DIR"


def bundled(name: str) -> Path:
    """The bundled folder `name` ("content" or "resources"), wherever the app runs from:

    - a PyInstaller bundle: `sys._MEIPASS/<name>`, where the spec puts it;
    - an installed wheel (`pip install .`): the package data `desktop/bundled_<name>`;
    - the source tree: `<name>/` at the repository root, next to the `desktop` package.
    """
    if getattr(sys, "frozen", False) and hasattr(sys, "_MEIPASS"):
        return Path(sys._MEIPASS) / name
    installed = _package_folder() / f"bundled_{name}"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parent.parent / name


@cache  # start-up asks for icons and the bank several times
def _package_folder() -> Path:
    # The package's own folder: what importlib.resources.files("desktop") answers for a package on disk
    # (the only kind there is: a frozen bundle is handled above), without importing it (~7 ms).
    return Path(__file__).resolve().parent


def content_dir() -> Path:
    return bundled("content")


def resources_dir() -> Path:
    return bundled("resources")


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def shipped_bank_cache() -> Path | None:
    """The bank prepared at packaging time (core.bank_cache), which only a frozen bundle carries."""
    if getattr(sys, "frozen", False) and hasattr(sys, "_MEIPASS"):
        return Path(sys._MEIPASS) / "bank-cache" / "bank.cache"
    return None


def user_cache_dir() -> Path:
    """Where the app keeps what it can always make again (a prepared bank): the platform's cache folder."""
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_ID, appauthor=False))


def user_data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The user's data folder: --data-dir, then $MLCOACH_DATA_DIR, then the platform's."""
    chosen = override or os.environ.get(DATA_DIR_ENV)
    if chosen:
        return Path(chosen).expanduser().resolve()
    import platformdirs  # only needed on this path

    return Path(platformdirs.user_data_dir(APP_ID, appauthor=False))
