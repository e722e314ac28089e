"""The bank's quality bar, as checks a test (and a writer) can run.

    python -m tests.content.quality [content/CATEGORY ...]

Format problems are the loader's job (`python -m desktop.core.bank check`);
this adds the editorial rules: answer length, key-point count, pitfalls,
follow-ups with hints, formulas that typeset, reference code where required.
"""

from __future__ import annotations

import difflib
import re
import sys
from functools import cache
from pathlib import Path

from desktop.core.bank import Question, load_bank
from desktop.core.markup import math_spans, plain_text

ANSWER_WORDS = (60, 200)
KEY_POINTS = (3, 6)
WALKTHROUGH_WORDS = (600, 1200)  # a system-design case: the 45-minute round, in order
RUBRIC_ITEMS = (5, 8)
TITLE_SIMILARITY = 0.86  # difflib ratio of normalised titles above which two are near-duplicates


def word_count(markdown: str) -> int:
    return len(plain_text(markdown).split())


# Formulas already known to typeset with these exact library versions (sha256 of the LaTeX, one a
# line): typesetting all of them takes most of a minute, and a formula's result cannot change until
# its text or a library does. Anything not listed is typeset for real; refresh the list with
#     python -m tests.content.quality --remember
KNOWN_GOOD = Path(__file__).with_name("formulas_known_good.txt")


def _typesetters() -> str:
    from importlib.metadata import version

    return f"ziamath {version('ziamath')}, latex2mathml {version('latex2mathml')}"


@cache
def _known_good() -> frozenset[str]:
    try:
        header, *hashes = KNOWN_GOOD.read_text(encoding="utf-8").splitlines()
    except (OSError, ValueError):
        return frozenset()
    return frozenset(hashes) if header == _typesetters() else frozenset()


def _digest(latex: str) -> str:
    import hashlib

    return hashlib.sha256(latex.encode()).hexdigest()


@cache
def formula_problem(latex: str) -> str | None:
    """None if ziamath typesets `latex` fully; else what went wrong."""
    if _digest(latex) in _known_good():
        return None
    return typeset_problem(latex)


def typeset_problem(latex: str) -> str | None:
    import latex2mathml.converter
    import ziamath

    ziamath.config.svg2 = False
    try:
        mathml = latex2mathml.converter.convert(latex)
        ziamath.Math.fromlatex(latex).svg()
    except Exception as exc:
        return f"does not typeset ({type(exc).__name__}: {exc})"
    leftover = re.findall(r">([^<]*\\[^<]*)<", mathml)
    if leftover:
        return f"unknown LaTeX command left as raw text: {leftover[0]!r}"
    return None


def all_text(q: Question) -> str:
    parts = [q.title, q.answer, q.formula, q.walkthrough, *q.key_points, *q.pitfalls, *q.rubric]
    parts += [f"{f.question} {f.hint}" for f in q.follow_ups]
    return "\n\n".join(parts)


def question_problems(q: Question) -> list[str]:
    found: list[str] = []
    words = word_count(q.answer)
    if not ANSWER_WORDS[0] <= words <= ANSWER_WORDS[1]:
        found.append(f"answer has {words} words; the bar is {ANSWER_WORDS[0]}-{ANSWER_WORDS[1]}")
    if not KEY_POINTS[0] <= len(q.key_points) <= KEY_POINTS[1]:
        found.append(f"{len(q.key_points)} key points; the bar is {KEY_POINTS[0]}-{KEY_POINTS[1]}")
    if not q.pitfalls:
        found.append("no Pitfalls section")
    if not q.follow_ups:
        found.append("no Follow-ups section")
    for f in q.follow_ups:
        if not f.hint:
            found.append(f"follow-up without a hint after ' — ': {f.question!r}")
    if q.category == "coding-from-scratch" and not q.reference_code.strip():
        found.append("coding questions need a reference solution (## Solution in an exercise, else ## Code)")
    if "$" in q.formula and not math_spans(q.formula):
        found.append("Formula section has '$' but no complete $$…$$ formula")
    for span in math_spans(all_text(q)):
        problem = formula_problem(span.latex)
        if problem:
            found.append(f"formula {span.latex!r} {problem}")
    if "case-study" in q.tags:
        words = word_count(q.walkthrough)
        if not WALKTHROUGH_WORDS[0] <= words <= WALKTHROUGH_WORDS[1]:
            found.append(f"case-study walkthrough has {words} words; the bar is {WALKTHROUGH_WORDS[0]}-{WALKTHROUGH_WORDS[1]}")
        if not RUBRIC_ITEMS[0] <= len(q.rubric) <= RUBRIC_ITEMS[1]:
            found.append(f"case-study rubric has {len(q.rubric)} items; the bar is {RUBRIC_ITEMS[0]}-{RUBRIC_ITEMS[1]}")
    elif q.walkthrough or q.rubric:
        found.append("only case studies (tag case-study) have a Walkthrough and a Rubric")
    if len(q.tags) < 2:
        found.append("give at least two tags a user would filter by")
    return found


def normalise_title(title: str) -> str:
    title = re.sub(r"[^a-z0-9 ]", " ", title.lower())
    stop = {"what", "is", "the", "a", "an", "how", "do", "does", "you", "of", "and", "in", "to", "can", "explain", "why", "would", "your"}
    return " ".join(w for w in title.split() if w not in stop)


def near_duplicate_titles(questions: list[Question]) -> list[tuple[str, str, float]]:
    import numpy as np

    titles = [(q.id, normalise_title(q.title)) for q in questions]
    # difflib's quick_ratio() is an upper bound on ratio(): the characters two titles share, counted for
    # every pair at once here, leave the exact, slow ratio() to the few pairs that could pass.
    shared = np.zeros((len(titles), len(titles)))
    for char in {c for _id, title in titles for c in title}:
        count = np.array([title.count(char) for _id, title in titles])
        shared += np.minimum.outer(count, count)
    lengths = np.array([len(title) for _id, title in titles], dtype=float)
    total = np.add.outer(lengths, lengths)
    quick = np.divide(2.0 * shared, total, out=np.ones_like(total), where=total > 0)  # as difflib computes it
    pairs = []
    for i, j in np.argwhere(np.triu(quick >= TITLE_SIMILARITY, k=1)):
        (a_id, a), (b_id, b) = titles[i], titles[j]
        ratio = difflib.SequenceMatcher(None, a, b).ratio()
        if ratio >= TITLE_SIMILARITY:
            pairs.append((a_id, b_id, round(ratio, 2)))
    return pairs


def remember(root: Path) -> int:
    """Typeset every formula of the bank for real and record the ones that pass."""
    good = sorted({_digest(span.latex) for q in load_bank(root).questions for span in math_spans(all_text(q))
                   if typeset_problem(span.latex) is None})
    KNOWN_GOOD.write_text("\n".join([_typesetters(), *good]) + "\n", encoding="utf-8")
    print(f"{len(good)} formulas typeset with {_typesetters()}: {KNOWN_GOOD}")
    return 0


def main(argv: list[str]) -> int:
    root = Path("content")
    if "--remember" in argv:
        return remember(root)
    bank = load_bank(root)
    for problem in bank.problems:
        print(problem)
    wanted = {Path(a).name for a in argv}
    bad = len(bank.problems)
    for q in bank.questions:
        if wanted and q.category not in wanted:
            continue
        for problem in question_problems(q):
            print(f"{q.path}: {problem}")
            bad += 1
    for a, b, ratio in near_duplicate_titles(list(bank.questions)):
        print(f"near-duplicate titles ({ratio}): {a} ~ {b}")
        bad += 1
    counts: dict[str, int] = {}
    for q in bank.questions:
        counts[q.category] = counts.get(q.category, 0) + 1
    print("counts:", ", ".join(f"{c}={n}" for c, n in sorted(counts.items())))
    print("OK" if not bad else f"{bad} problem(s)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
