"""Which key points a typed answer covers: an offline suggestion the user confirms. No Qt, no model.

A key point counts as covered when the answer states enough of what is *distinctive* about it, in
one place. Both texts are normalised first (keypoint_text: case, dashes and minus signs, LaTeX and
Unicode Greek, formula spacing, abbreviations, British spellings, stems). Each word of a point is
weighted by how rare it is among all the bank's key points (an IDF computed once), so "overlapping"
or "dendrogram" decide and "model" or "data" barely count. A point is covered when, within one
sentence of the answer, the words found carry at least `THRESHOLD` of the point's weight; a word
the answer negates ("is not linear") or turns round ("lower bias" for "higher bias") counts
against it. A formula in the point whose normalised form appears in the answer covers it outright.
docs/keypoint-matching.md has the method and its measured precision and recall.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from desktop.core import keypoint_text as kt
from desktop.core.stemmer import stem
from desktop.core.typos import Speller

if TYPE_CHECKING:
    from desktop.core.bank import Question

# Tuned on tests/core/data/keypoint_pairs_dev.yaml only (docs/keypoint-matching.md has the numbers).
THRESHOLD = 0.34  # share of a point's weight one sentence of the answer must state
IDF_POWER = 1.5  # rarer words decide more than in plain IDF
WINDOW = 1  # sentences of the answer read together: one, so scattered words do not add up
NEGATION_REACH = 1  # a "not" negates the next word ("does not overfit"), not the rest of the clause
CONTRADICTION = 0.5  # a word the answer negates where the point asserts it (or the reverse) counts against
UNDIRECTED = 0.25  # a word the point gives a direction ("higher bias") said without one
TURNED = 1.0  # ... and a direction turned round ("lower bias" for "higher bias") counts against in full
# Words that appear in many points weigh little anyway; these weigh little even where they are rare.
GENERIC = frozenset(stem(w) for w in """
model data use make give get need way thing method approach case help work usual often good well also just
like show mean set kind lot sure ideal actual simpli basic act become call come go take put say tell try turn
hold keep seem let look
""".split())
GENERIC_FACTOR = 0.3
SYMBOL_FACTOR = 0.5  # single letters and bare numbers: real evidence, but easily shared by accident


@dataclass(frozen=True)
class TermWeights:
    """Document frequencies of word forms over a collection of key points, and a speller that brings
    an answer's typos back to the words those points use."""

    points: int
    frequency: Mapping[str, int] = field(default_factory=dict)
    speller: Speller = field(default_factory=lambda: Speller(()))

    @classmethod
    def from_points(cls, points: Iterable[str], breathe: Callable[[], None] | None = None) -> TermWeights:
        counts: Counter[str] = Counter()
        spelled: Counter[str] = Counter()
        n = 0
        for point in points:
            n += 1
            counts.update({kt.base(w) for w in kt.words(point)} - kt.NEGATIONS - kt.BOUNDARIES)
            spelled.update(set(kt.surface_words(point)))
            if breathe is not None:
                breathe()
        return cls(n, dict(counts), Speller(spelled))

    def weight(self, term: str) -> float:
        idf = math.log((self.points + 1) / (self.frequency.get(term, 0) + 0.5))
        if term in GENERIC:
            idf *= GENERIC_FACTOR
        elif len(term) == 1 or term.replace(".", "").isdigit():
            idf *= SYMBOL_FACTOR
        return float(max(idf, 0.05) ** IDF_POWER)


_loaded: TermWeights | None = None  # from the bank the app loaded (see warm)


def warm(questions: Iterable[Question], breathe: Callable[[], None] | None = None) -> None:
    """Weigh the words of the loaded bank's key points and rubric items (the user's own decks too).
    A worker thread calls this once the bank is loaded: it takes about 0.3 s of CPU for the bundled
    bank, which the first review would otherwise spend on the UI thread."""
    global _loaded
    weights = TermWeights.from_points((p for q in questions for p in (*q.key_points, *q.rubric)), breathe)
    weights.speller.prepare()
    kt.forget()  # the bank's points need not stay cached; a review normalises its few again
    _loaded = weights


def current_weights() -> TermWeights:
    """The loaded bank's weights once `warm` has run, else the bundled bank's."""
    return _loaded or bank_weights()


@cache
def bank_weights() -> TermWeights:
    """Weights from every key point and rubric item of the bundled bank, read from its files once."""
    from desktop.paths import content_dir  # the one place that knows where the bank is

    return TermWeights.from_points(points_of(path.read_text(encoding="utf-8")
                                             for path in sorted(content_dir().glob("*/*.md"))))


_SECTION = re.compile(r"^## (?:Key points|Rubric)\s*$(.*?)(?=^## |\Z)", re.M | re.S)
_BULLET = re.compile(r"^\s*[-*]\s+(.+)$", re.M)


def _bullets_of(markdown: str) -> str:
    return "\n".join(b for section in _SECTION.findall(markdown) for b in _BULLET.findall(section))


def points_of(markdown_files: Iterable[str]) -> list[str]:
    """The key points and rubric items in the given question files' text (one item per entry)."""
    return [line for text in markdown_files for line in _bullets_of(text).splitlines()]


NEGATED = "!"  # the mark of a word said under a negation; "+" and "-" mark a direction, "" none

Marks = Mapping[str, frozenset[str]]  # a word -> how it was said


@dataclass(frozen=True)
class _Answer:
    windows: tuple[Marks, ...]  # the words of each window of sentences, with how they were said
    symbols: str  # the whole answer, normalised, without spaces: where formulas are looked for


def _read(answer: str, weights: TermWeights) -> _Answer:
    per_sentence = [_marks(s) for s in kt.sentences(answer, weights.speller)]
    windows = []
    for i in range(len(per_sentence)):
        merged: dict[str, set[str]] = {}
        for marks in per_sentence[i:i + WINDOW]:
            for word, how in marks.items():
                merged.setdefault(word, set()).update(how)
        windows.append({word: frozenset(how) for word, how in merged.items()})
    return _Answer(tuple(windows), kt.whole(answer))


def _marks(sentence: Sequence[str]) -> dict[str, frozenset[str]]:
    """Each word of a sentence (without its direction) and how it was said: negated, or up, down or plainly."""
    out: dict[str, set[str]] = {}
    last_negation = -NEGATION_REACH - 1
    for i, form in enumerate(sentence):
        if form in kt.BOUNDARIES:
            last_negation = -NEGATION_REACH - 1
        elif form in kt.NEGATIONS:
            last_negation = i
        else:
            word = kt.base(form)
            how = NEGATED if i - last_negation <= NEGATION_REACH else form[: len(form) - len(word)]
            for said in _number_forms(word):
                out.setdefault(said, set()).add(how)
    return {word: frozenset(how) for word, how in out.items()}


def _denials(sentence: Sequence[str]) -> list[str]:
    """Words a point denies inside a clause ("the curve does not pick a threshold"), not those of a
    contrast that opens one ("associations, not causal effects", "; no k needed")."""
    return [kt.base(sentence[i + 1]) for i in range(len(sentence) - 1)
            if sentence[i] in kt.NEGATIONS and i > 0 and sentence[i - 1] not in kt.BOUNDARIES
            and sentence[i + 1] not in kt.BOUNDARIES and sentence[i + 1] not in kt.NEGATIONS]


def _number_forms(term: str) -> set[str]:
    """0.667 is also said 0.67; a number with fewer decimals is only itself."""
    whole, _, decimals = term.partition(".")
    forms = {term}
    if whole.isdigit() and decimals.isdigit() and len(decimals) >= 3:
        forms.add(f"{float(term):.2f}".rstrip("0").rstrip("."))
    return forms


def _is_telling_number(term: str) -> bool:
    """A number that a worked example turns on: not 0, 1 or 2, which are said in passing."""
    try:
        return float(term) not in (0.0, 1.0, 2.0)
    except ValueError:
        return any(ch.isdigit() for ch in term) and "x" in term  # "7x7"


def _credit(wanted: str, said: frozenset[str]) -> float:
    """How much a word said in these ways counts towards a point that says it `wanted`'s way: in full when
    said the same way; UNDIRECTED of it when the point gives a direction the answer does not; not at all when the
    answer negates what the point asserts or turns its direction round (and -CONTRADICTION of it then)."""
    if wanted == NEGATED:
        return 1.0 if NEGATED in said else -CONTRADICTION
    if wanted in said:
        return 1.0
    if wanted and "" in said:
        return UNDIRECTED
    plainly = said - {NEGATED}
    if not wanted and plainly:
        return 1.0
    return -TURNED if wanted and plainly else -CONTRADICTION


def coverage(answer: str | _Answer, point: str, weights: TermWeights | None = None) -> float:
    """How much of the point the answer states, 0-1: the best window's share of the point's weight
    (1.0 when one of the point's formulas appears in the answer)."""
    weights = weights or current_weights()
    said = _read(answer, weights) if isinstance(answer, str) else answer
    if any(f in said.symbols for f in kt.formulas(point)):
        return 1.0
    wanted = {word: _one_way(how) for word, how in _marks(kt.words(point)).items()}
    terms = {word: weights.weight(word) for word in wanted}
    groups = _alternatives(kt.words(point))
    total = _grouped(groups, terms)
    if not total:
        return 0.0
    numbers = [word for word in wanted if _is_telling_number(word)]
    denied = _denials(kt.words(point))
    best = 0.0
    for window in said.windows:
        if numbers and not any(n in window for n in numbers):
            continue  # a worked example is stated only with one of its numbers
        if denied and not any(NEGATED in window.get(word, ()) for word in denied):
            continue  # a point that denies something is stated only by denying it too
        found = {word: weight * _credit(wanted[word], window[word]) for word, weight in terms.items() if word in window}
        best = max(best, _grouped(groups, found) / total)
    return best


def _alternatives(sentence: Sequence[str]) -> list[list[set[str]]]:
    """A point's words in groups of alternatives: "caused by overlapping classes: label noise or missing
    information" is [[caus overlap class]], [[label nois], [miss inform]]; an answer needs one of each."""
    groups: list[list[set[str]]] = [[set()]]
    seen: set[str] = set()  # a word said twice in a point counts once
    for form in sentence:
        if form == kt.OR:
            groups[-1].append(set())
        elif form == kt.BREAK:
            groups.append([set()])
        elif form not in kt.NEGATIONS:
            for said in _number_forms(kt.base(form)) - seen:
                groups[-1][-1].add(said)
                seen.add(said)
    return groups


def _grouped(groups: list[list[set[str]]], amounts: Mapping[str, float]) -> float:
    """The sum over groups of the best alternative's amount (each word's amount summed)."""
    return sum(max(sum(amounts.get(word, 0.0) for word in alternative) for alternative in group) for group in groups)


def _one_way(how: frozenset[str]) -> str:
    """A point says a word one way; if it says it several, a negation or a direction is what matters."""
    for mark in (NEGATED, "+", "-"):
        if mark in how:
            return mark
    return ""


def suggest_ticks(answer: str, key_points: Sequence[str], weights: TermWeights | None = None) -> list[bool]:
    """An offline guess at which key points a typed answer covers. Only a suggestion: the user confirms
    each tick. Empty or whitespace answers cover nothing."""
    if not answer.strip():
        return [False] * len(key_points)
    weights = weights or current_weights()
    said = _read(answer, weights)
    return [coverage(said, point, weights) >= THRESHOLD for point in key_points]
