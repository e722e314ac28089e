"""Precision and recall of the key-point suggestions on the labelled pairs in tests/core/data/.

    .venv/bin/python -m tests.core.keypoint_eval            # dev, both held-out parts and all: the numbers
    .venv/bin/python -m tests.core.keypoint_eval dev --why  # and each dev pair it gets wrong

Each entry of a pairs file is one typed answer to a bank question; every point it lists is one
labelled pair. A suggestion is made the way the review makes it: `suggest_ticks(answer, points)`
with all of the question's review points, then read off for the labelled one.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from desktop.core.bank import Bank, load_bank
from desktop.core.interview_review import review_points
from desktop.core.keypoints import coverage, suggest_ticks

DATA = Path(__file__).parent / "data"
PARTS = {
    "dev": DATA / "keypoint_pairs_dev.yaml",  # tuned on
    "heldout": DATA / "keypoint_pairs_heldout.yaml",  # written before the matcher, never tuned on
    "heldout_typos": DATA / "keypoint_pairs_heldout_typos.yaml",  # written before typo tolerance, never tuned on
}


@dataclass(frozen=True)
class Pair:
    question_id: str
    category: str
    answer: str
    point: str
    covered: bool
    suggested: bool


@dataclass(frozen=True)
class Score:
    pairs: int
    positives: int
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def __str__(self) -> str:
        return (f"{self.pairs} pairs ({self.positives} covered): precision {self.precision:.3f}, "
                f"recall {self.recall:.3f} (tp {self.tp}, fp {self.fp}, fn {self.fn})")


@cache
def bank() -> Bank:
    return load_bank(Path(__file__).resolve().parents[2] / "content")


def entries(part: str) -> list[dict[str, object]]:
    loaded = yaml.safe_load(PARTS[part].read_text(encoding="utf-8"))
    assert isinstance(loaded, list)
    return loaded


def pairs(part: str) -> list[Pair]:
    out = []
    for entry in entries(part):
        q = bank().get(str(entry["question"]))
        assert q is not None, entry["question"]
        points = review_points(q)
        answer = str(entry["answer"])
        ticks = suggest_ticks(answer, points)
        for label, key in ((True, "covered"), (False, "not_covered")):
            for point in entry.get(key) or []:  # type: ignore[attr-defined]
                out.append(Pair(q.id, q.category, answer, point, label, ticks[points.index(point)]))
    return out


def score(found: list[Pair]) -> Score:
    tp = sum(p.covered and p.suggested for p in found)
    fp = sum(not p.covered and p.suggested for p in found)
    fn = sum(p.covered and not p.suggested for p in found)
    return Score(len(found), sum(p.covered for p in found), tp, fp, fn)


def main(argv: list[str]) -> int:
    why = "--why" in argv
    parts = [a for a in argv if not a.startswith("--")] or [*PARTS, "all"]
    for part in parts:
        found = [p for name in PARTS for p in pairs(name)] if part == "all" else pairs(part)
        print(f"{part:14} {score(found)}")
        if why and part == "dev":
            for p in found:
                if p.covered != p.suggested:
                    kind = "missed" if p.covered else "wrongly ticked"
                    print(f"  {kind} ({coverage(p.answer, p.point):.2f}) {p.question_id}: {p.point}\n"
                          f"      answer: {p.answer[:160]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
