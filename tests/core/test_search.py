from __future__ import annotations

from desktop.core.bank import FollowUp, Question
from desktop.core.search import Filter, SearchIndex, fts_query, query_terms


def q(qid: str, title: str, answer: str = "An answer.", category: str = "fundamentals",
      difficulty: str = "easy", tags: tuple[str, ...] = ()) -> Question:
    return Question(id=qid, category=category, difficulty=difficulty, title=title, answer=answer,
                    key_points=("a point",), tags=tags, follow_ups=(FollowUp("Why?", "hint"),))


def index() -> SearchIndex:
    idx = SearchIndex()
    idx.add([
        q("gd", "How does gradient descent work?", "Steps downhill along the negative gradient.",
          category="optimization", difficulty="medium", tags=("optimization",)),
        q("l1l2", "L1 versus L2 regularization", "L1 gives sparse weights; gradient of |w| is constant.",
          category="optimization", tags=("regularization",)),
        q("trees", "How does a decision tree split?", "Greedy splits by impurity.", tags=("classic",)),
        q("naive", "Naïve Bayes assumptions", "Conditional independence of features."),
    ])
    return idx


def test_query_words_become_required_prefixes() -> None:
    assert query_terms("Grad  DESC!") == ("grad", "desc")
    assert fts_query("grad desc") == '"grad"* "desc"*'
    assert fts_query('"; DROP') == '"drop"*'  # punctuation can never break the MATCH syntax
    assert fts_query("   ") == ""


def test_prefixes_match_as_you_type() -> None:
    idx = index()
    assert idx.search("grad") == ["gd", "l1l2"]  # title hit ranks above a body hit
    assert idx.search("gradient desc") == ["gd"]
    assert idx.search("spars") == ["l1l2"]


def test_empty_query_lists_everything_in_bank_order() -> None:
    assert index().search("") == ["gd", "l1l2", "trees", "naive"]


def test_diacritics_are_folded() -> None:
    assert index().search("naive") == ["naive"]


def test_filters_combine_with_the_query() -> None:
    idx = index()
    assert idx.search("", Filter(category="optimization")) == ["gd", "l1l2"]
    assert idx.search("grad", Filter(difficulty="easy")) == ["l1l2"]
    assert idx.search("", Filter(tag="classic")) == ["trees"]
    assert idx.search("", Filter(only_ids={"naive", "gd"})) == ["gd", "naive"]
    assert idx.search("zzz") == []


def test_tags_are_searchable_and_limit_applies() -> None:
    idx = index()
    assert idx.search("regularization") == ["l1l2"]
    assert len(idx.search("", limit=2)) == 2


def test_notes_join_the_index() -> None:
    idx = index()
    assert idx.search("mnemonic") == []
    idx.set_note("trees", "My mnemonic: split where impurity drops most")
    assert idx.search("mnemonic") == ["trees"]


def test_limit_keeps_the_best_ranked_and_filters_run_before_it() -> None:
    idx = index()
    assert idx.search("grad", limit=1) == ["gd"]
    assert idx.search("grad", Filter(category="optimization"), limit=1) == ["gd"]
    assert idx.search("grad", Filter(difficulty="easy"), limit=5) == ["l1l2"]  # filtered in SQL, then limited
    assert idx.search("grad", Filter(tag="regularization"), limit=1) == ["l1l2"]  # filtered in Python, then limited
