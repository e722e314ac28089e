"""Typed words brought back to a word the bank uses: "varience" to "variance", "rankng" to "ranking". No Qt.

A word the bank's key points never use, of five letters or more, is replaced by a bank word that
shares a one-letter deletion with it (so one letter added, dropped, changed or two swapped) and
begins with the same letter; among several, the one the most key points use. Looking up a word
costs a handful of dictionary probes (the deletion index of SymSpell), not a scan of the vocabulary.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

MIN_LENGTH = 5  # shorter words are too easily another real word ("form" / "from")


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


class Speller:
    """Corrections towards a vocabulary; compared by identity, so it can key a cache."""

    def __init__(self, word_counts: Counter[str] | Iterable[str]) -> None:
        self._counts = Counter(word_counts)
        self._index: dict[str, list[str]] | None = None  # built on the first unknown word

    def __contains__(self, word: str) -> bool:
        return word in self._counts

    def correct(self, word: str) -> str:
        """The vocabulary word `word` was probably meant to be, or `word` itself."""
        if len(word) < MIN_LENGTH or word in self._counts or not word.isalpha():
            return word
        return self._closest(word)

    @lru_cache(maxsize=4096)  # noqa: B019 - a speller lives as long as the bank it was built from
    def _closest(self, word: str) -> str:
        index = self._deletion_index()
        candidates = set(index.get(word, ()))  # a letter was added
        for shorter in _deletions(word):
            if shorter in self._counts:  # ... or one was dropped
                candidates.add(shorter)
            candidates.update(index.get(shorter, ()))  # ... changed, or two swapped
        candidates = {c for c in candidates if c[0] == word[0]}
        if not candidates:
            return word
        return max(sorted(candidates), key=lambda c: self._counts[c])

    def prepare(self) -> None:
        """Build the deletion index now (a worker thread can), not at the first unknown word."""
        self._deletion_index()

    def _deletion_index(self) -> dict[str, list[str]]:
        if self._index is None:
            index: dict[str, list[str]] = {}
            for known in self._counts:
                if len(known) >= MIN_LENGTH - 1 and known.isalpha():
                    for shorter in _deletions(known):
                        index.setdefault(shorter, []).append(known)
            self._index = index
        return self._index
