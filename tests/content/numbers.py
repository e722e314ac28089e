"""Shared helpers for the tests that recompute the bank's worked numbers.

Each test_numbers_<category>.py binds these to its own folder:

    read, stated = for_category("trees-and-ensembles")
"""

from __future__ import annotations

import math
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


# A number as the files print it: 47,988 or 0.625 or 21 (a trailing comma is not part of it).
NUMBER = r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"


def numbers_in(text: str, template: str, where: str = "") -> list[str]:
    """The numbers printed at each `{}` of `template`, which must occur in `text` as written.

    Tests read a sentence with its numbers left open and recompute every result from the inputs
    printed beside it, so editing one part of a sum without its total fails the test.
    """
    import re

    pattern = NUMBER.join(re.escape(piece) for piece in template.split("{}"))
    found = re.search(pattern, text)
    assert found, f"{where}: expected to find {template!r}"
    return list(found.groups())


def num(printed: str) -> float:
    return float(printed.replace(",", ""))


def nums(printed: list[str]) -> list[float]:
    return [num(p) for p in printed]


def sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


def softmax(z: list[float]) -> list[float]:
    """Max-shifted, so large logits do not overflow."""
    m = max(z)
    exps = [math.exp(v - m) for v in z]
    total = sum(exps)
    return [e / total for e in exps]
