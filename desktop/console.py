"""Standard streams that are always there.

A windowed Windows program (the frozen mlcoach.exe, or the `mlcoach` that pip makes with pythonw)
starts with sys.stdout and sys.stderr set to None, so `sys.stderr.isatty()` or `.write()` would
crash it. They become the null device instead: the GUI loses nothing it could show, and the command
line has its own console program for output (mlcoach-cli.exe, or pip's `mlcoach-cli`).
"""

from __future__ import annotations

import os
import sys


def ensure_std_streams() -> None:
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 (open for the process's life)
