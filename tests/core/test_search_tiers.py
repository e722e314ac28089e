"""A query matching more questions than bm25 may score (RANK_AT_MOST) is ranked tier by tier; what
Browse asks for each keystroke besides the search (the count elsewhere, snippets) stays right."""

from __future__ import annotations

import pytest

from desktop.core import search
from desktop.core.search import Filter, SearchIndex
from tests.core.test_search import bank_like, q


def crowded() -> SearchIndex:
    """Thirty questions that all mention gradients; few hold "gradient descent" in their title."""
    questions = [q(f"body-{i:02d}", f"Question {i} about something else",
                   "The gradient descends; descent follows the gradient.", category=f"c{i % 3}")
                 for i in range(24)]
    questions += [
        q("title-words", "Why is the descent of a gradient slow?", "Because.", category="c0"),
        q("title-phrase", "How does gradient descent work?", "Steps downhill.", category="c0"),
        q("tag-words", "Momentum", "Speeds it up.", tags=("gradient", "descent"), category="c1"),
        q("title-phrase-long", "Gradient descent versus Newton's method for gradient descent", "Curvature.",
          category="c2"),
        q("one-word", "A gradient alone", "Nothing about the other word.", category="c1"),
        q("elsewhere", "Learning rates", "Too big and gradient descent diverges.", category="c2"),
    ]
    idx = SearchIndex()
    idx.add(questions)
    return idx


@pytest.fixture
def few_scored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search, "RANK_AT_MOST", 4)


@pytest.mark.usefixtures("few_scored")
def test_too_many_matches_rank_phrase_titles_then_title_words_then_the_rest() -> None:
    idx = crowded()
    ids = idx.search("gradient desc", limit=10)
    assert set(ids[:2]) == {"title-phrase", "title-phrase-long"}  # the title holds the phrase
    assert set(ids[2:4]) == {"title-words", "tag-words"}  # every word in the title or tags
    assert len(ids) == 10 and all(i not in ids[:4] for i in ids[4:])
    everything = idx.search("gradient desc")  # unlimited (Browse): every match, by the same tiers
    assert set(idx.search("gradient desc", limit=100)) == set(everything) and len(everything) == 29
    assert everything[:10] == ids  # the first of them are what a limit would give
    assert "one-word" not in everything


@pytest.mark.usefixtures("few_scored")
def test_a_tier_too_large_to_score_keeps_bank_order_and_the_category_filter() -> None:
    idx = crowded()
    assert idx.search("gradient", limit=3) == ["title-words", "title-phrase", "tag-words"]  # 6 titles/tags: > 4
    assert idx.search("desc", Filter(category="c0"), limit=3)[0] == "title-phrase"  # c0 has 10 questions: > 4
    assert all(qid in {f"body-{i:02d}" for i in range(0, 24, 3)} | {"title-words", "title-phrase"}
               for qid in idx.search("desc", Filter(category="c0"), limit=100))


def test_a_small_bank_is_scored_as_a_whole_whatever_the_limit() -> None:
    idx = crowded()  # 30 questions, fewer than RANK_AT_MOST: bank order never shows through
    assert idx.search("gradient", limit=6) == idx.search("gradient")[:6]
    assert idx.search("gradient", limit=2) == ["title-phrase-long", "one-word"]  # bm25: two "gradient"s, short


def test_matches_elsewhere_are_counted_for_a_corrected_typo_too() -> None:
    idx = bank_like()
    assert idx.count_elsewhere("gradeint", Filter(tag="clustering")) == 1  # "gradient": one question, hidden
    assert idx.count_elsewhere("variance", Filter(category="nowhere")) == 2
    assert idx.count_elsewhere("qwzxv", Filter(category="nowhere")) == 0


def test_snippets_are_made_only_where_the_title_does_not_show_every_word() -> None:
    idx = bank_like()
    snippets = idx.snippets(["gd", "kmeans", "reg"], "gradient against")
    assert list(snippets) == ["gd"] and "against" in snippets["gd"] and "[" not in snippets["gd"]
    assert idx.snippets(["gd"], "gradient descent") == {}  # the title already says it
