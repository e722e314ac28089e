"""Small helpers for the words the app shows, so "1 note" never reads "1 notes"."""

from __future__ import annotations


def count(n: int, singular: str, plural: str | None = None) -> str:
    """`count(1, "note")` is "1 note"; `count(3, "note")` is "3 notes"; pass `plural` for irregular words."""
    word = singular if n == 1 else plural if plural is not None else f"{singular}s"
    return f"{n:,} {word}"
