"""Where things live: bundled files (source tree or frozen bundle) and the user's data.

This is the one place that knows how to find `content/` and `resources/`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from desktop import APP_ID

DATA_DIR_ENV = "MLCOACH_DATA_DIR"


def bundle_root() -> Path:
    """The folder holding content/ and resources/.

    From source it is the repository root (next to the `desktop` package); in a
    PyInstaller bundle it is `sys._MEIPASS`, where the spec puts both folders.
    """
    if getattr(sys, "frozen", False) and hasattr(sys, "_MEIPASS"):
        return Path(sys._MEIPASS)
    return Path(__file__).resolve().parent.parent


def content_dir() -> Path:
    return bundle_root() / "content"


def resources_dir() -> Path:
    return bundle_root() / "resources"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def user_data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The user's data folder: --data-dir, then $MLCOACH_DATA_DIR, then the platform's."""
    chosen = override or os.environ.get(DATA_DIR_ENV)
    if chosen:
        return Path(chosen).expanduser().resolve()
    import platformdirs  # only needed on this path

    return Path(platformdirs.user_data_dir(APP_ID, appauthor=False))
