"""The Porter stemmer (M. F. Porter, 1980), so "regularizes", "regularization" and "regularized" meet.

Written out here rather than taken from `snowballstemmer`: that package's `__init__` imports all of
its 36 languages, about 300 ms on first use, and stems a word in about 40 µs; this one imports in
well under a millisecond and, cached, stems a repeated word in well under a microsecond. Words are
expected lower-case; British spellings should be folded to American before (search.fold_spelling).
"""

from __future__ import annotations

from functools import lru_cache

_VOWELS = frozenset("aeiou")


def _cv(word: str) -> str:
    """The word as consonants and vowels, 'c' and 'v'; y is a vowel after a consonant ("toy" is cvc)."""
    out: list[str] = []
    for i, ch in enumerate(word):
        vowel = ch in _VOWELS or (ch == "y" and i > 0 and out[-1] == "c")
        out.append("v" if vowel else "c")
    return "".join(out)


def _measure(stem: str) -> int:
    """m in [C](VC)^m[V]: how many vowel-consonant sequences the stem has."""
    return _cv(stem).count("vc") if stem else 0


def _has_vowel(stem: str) -> bool:
    return "v" in _cv(stem)


def _double_consonant(word: str) -> bool:
    return len(word) >= 2 and word[-1] == word[-2] and _cv(word)[-1] == "c"


def _cvc(word: str) -> bool:
    """Ends consonant-vowel-consonant, the last not w, x or y (as in 'hop', not 'snow')."""
    return len(word) >= 3 and _cv(word)[-3:] == "cvc" and word[-1] not in "wxy"


def _by_last_letter(rules: tuple[tuple[str, str], ...]) -> dict[str, tuple[tuple[str, str], ...]]:
    """Rules grouped by their suffix's last letter, longest first, so a word meets only its own few."""
    grouped: dict[str, list[tuple[str, str]]] = {}
    for rule in rules:
        grouped.setdefault(rule[0][-1], []).append(rule)
    return {k: tuple(sorted(v, key=lambda r: -len(r[0]))) for k, v in grouped.items()}


def _replace(word: str, rules: dict[str, tuple[tuple[str, str], ...]], min_measure: int) -> str:
    """The longest rule whose suffix ends the word decides: applied if the stem's measure is enough."""
    for suffix, replacement in rules.get(word[-1], ()):
        if word.endswith(suffix):
            stem = word[: len(word) - len(suffix)]
            return stem + replacement if _measure(stem) > min_measure else word
    return word


_STEP2 = _by_last_letter((
    ("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("izer", "ize"),
    ("bli", "ble"), ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous"),
    ("ization", "ize"), ("ation", "ate"), ("ator", "ate"), ("alism", "al"), ("iveness", "ive"),
    ("fulness", "ful"), ("ousness", "ous"), ("aliti", "al"), ("iviti", "ive"), ("biliti", "ble"),
    ("logi", "log"),
))
_STEP3 = _by_last_letter((
    ("icate", "ic"), ("ative", ""), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"), ("ful", ""),
    ("ness", ""),
))
_STEP4 = _by_last_letter(tuple((suffix, "") for suffix in (
    "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou",
    "ism", "ate", "iti", "ous", "ive", "ize",
)))


def _step1(word: str) -> str:
    if word.endswith("sses") or word.endswith("ies"):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    if word.endswith("eed"):
        return word[:-1] if _measure(word[:-3]) > 0 else word
    for suffix in ("ed", "ing"):
        if word.endswith(suffix) and _has_vowel(word[: -len(suffix)]):
            word = word[: -len(suffix)]
            if word.endswith(("at", "bl", "iz")):
                return word + "e"
            if _double_consonant(word) and word[-1] not in "lsz":
                return word[:-1]
            if _measure(word) == 1 and _cvc(word):
                return word + "e"
            return word
    return word


def _step4(word: str) -> str:
    for suffix, _ in _STEP4.get(word[-1], ()):
        if word.endswith(suffix):
            stem = word[: len(word) - len(suffix)]
            if suffix == "ion" and not stem.endswith(("s", "t")):
                return word
            return stem if _measure(stem) > 1 else word
    return word


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Porter stem of a lower-case word; words of one or two letters are left as they are."""
    if len(word) <= 2 or not word.isalpha():
        return word
    word = _step1(word)
    if word.endswith("y") and _has_vowel(word[:-1]):
        word = word[:-1] + "i"
    word = _replace(word, _STEP2, 0)
    word = _replace(word, _STEP3, 0)
    word = _step4(word)
    if word.endswith("e"):
        m = _measure(word[:-1])
        if m > 1 or (m == 1 and not _cvc(word[:-1])):
            word = word[:-1]
    if _measure(word) > 1 and _double_consonant(word) and word.endswith("l"):
        word = word[:-1]
    return word
