"""Shared helpers for the tests that recompute the bank's worked numbers.

Each test_numbers_<category>.py binds these to its own folder:

    read, stated = for_category("trees-and-ensembles")
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

CONTENT = Path(__file__).resolve().parents[2] / "content"


def for_category(category: str) -> tuple[Callable[[str], str], Callable[..., None]]:
    folder = CONTENT / category

    def read(question_id: str) -> str:
        return (folder / f"{question_id}.md").read_text(encoding="utf-8")

    def stated(question_id: str, *snippets: str) -> None:
        """Each snippet (a number as the answer prints it) appears in the question file."""
        body = read(question_id)
        for snippet in snippets:
            assert snippet in body, f"{question_id}: expected to find {snippet!r}"

    return read, stated


def close(value: float, shown: str) -> None:
    """`value` rounds to the number as printed in the file."""
    decimals = len(shown.split(".")[1]) if "." in shown else 0
    assert round(value, decimals) == float(shown), (value, shown)
