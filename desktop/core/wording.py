"""Small helpers for the words the app shows, so "1 note" never reads "1 notes"."""

from __future__ import annotations

import math


def count(n: int, singular: str, plural: str | None = None) -> str:
    """`count(1, "note")` is "1 note"; `count(3, "note")` is "3 notes"; pass `plural` for irregular words."""
    word = singular if n == 1 else plural if plural is not None else f"{singular}s"
    return f"{n:,} {word}"


def clock_text(seconds: float) -> str:
    """0:07, 2:30, 1:02:03; below zero (overtime) as +0:12."""
    sign = "+" if seconds < 0 else ""
    whole = math.ceil(seconds) if seconds >= 0 else math.floor(-seconds)
    h, rest = divmod(int(whole), 3600)
    m, s = divmod(rest, 60)
    return f"{sign}{h}:{m:02d}:{s:02d}" if h else f"{sign}{m}:{s:02d}"


DIFFICULTIES = ("easy", "medium", "hard")  # here, in a light module: settings read them before the bank loads


def difficulty_name(difficulty: str) -> str:
    """How a difficulty reads everywhere it shows (lists, headers, filters): "Easy", never "easy"."""
    return difficulty.capitalize()
