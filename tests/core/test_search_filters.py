"""The tag, Bookmarked and Has notes filters run inside SQLite: a filtered search lists exactly what the whole
ranking filtered afterwards lists (what search did before), and past RANK_AT_MOST it is ranked by tiers as a
category of the same questions would be."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core import search
from desktop.core.bank import Question
from desktop.core.search import Filter, SearchIndex
from tests.core.test_search import q

WORDS = ("gradient descent variance bias kernel margin tree split forest boosting attention softmax entropy "
         "regularization regularisation norm batch precision recall cluster centroid").split()
TAGS = ("ML", "ML::basics", "ML::basics::loss", "ml::Deep", "MLOps", "stats", "Stats::tests", "optimization",
        "ünïcode", "a:b")
QUERIES = ("gradient", "grad", "g", "gradient desc", "bias variance", "b v", "tree", "forest tree", "norm",
           "regularisation", "regularize", "precision recall", "cluster", "c", "gradeint", "noted", "zzzqx",
           "ml", "basics", "stats", "number", "k means")


def synthetic_bank(size: int = 60, seed: int = 3) -> tuple[list[Question], dict[str, str], set[str]]:
    """Questions with random words and tags (nested ones, in several cases), notes on some, bookmarks on some."""
    rng = random.Random(seed)
    questions = [q(f"q{i:03d}", f"{' '.join(rng.choices(WORDS, k=rng.randint(2, 5)))} number {i}?",
                   " ".join(rng.choices(WORDS, k=rng.randint(5, 30))), category=f"c{i % 4}",
                   difficulty=("easy", "medium", "hard")[i % 3], tags=tuple(rng.sample(TAGS, rng.randint(0, 3))))
                 for i in range(size)]
    notes = {x.id: f"noted {' '.join(rng.choices(WORDS, k=6))}" for x in questions if rng.random() < 0.35}
    bookmarks = {x.id for x in questions if rng.random() < 0.3}
    return questions, notes, bookmarks


QUESTIONS, NOTES, BOOKMARKS = synthetic_bank()
ID_SETS = {"none": None, "notes": set(NOTES), "bookmarks": BOOKMARKS, "both": set(NOTES) & BOOKMARKS,
           "empty": set(), "unknown ids too": {*BOOKMARKS, "not-a-question"}}


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    idx = SearchIndex()
    idx.add(QUESTIONS, NOTES)
    return idx


filters = st.builds(
    Filter,
    category=st.sampled_from([None, "c0", "c3", "nowhere"]),
    difficulty=st.sampled_from([None, "easy", "hard"]),
    tag=st.sampled_from([None, "ML", "ml", "ML::basics", "ml::deep", "Stats", "MLOps", "ünïcode", "a", "a:b", "M"]),
    only_ids=st.sampled_from(list(ID_SETS.values())),
)


@settings(max_examples=300, deadline=None)
@given(text=st.sampled_from(QUERIES), where=filters, limit=st.sampled_from([None, 1, 3, 10]))
def test_a_filtered_search_lists_what_filtering_every_match_afterwards_lists(
        index: SearchIndex, text: str, where: Filter, limit: int | None) -> None:
    by_id = {x.id: x for x in QUESTIONS}
    every = index.search(text)  # 60 questions: every match scored, as the filtered search was before
    wanted = [qid for qid in every if where.accepts(by_id[qid])]
    assert index.search(text, where, limit) == wanted[:limit]
    assert index.count_elsewhere(text, where) == (len(every) - len(wanted) if where != Filter() else 0)


@pytest.mark.parametrize("only", list(ID_SETS), ids=list(ID_SETS))
@pytest.mark.parametrize("tag", [None, "ML", "stats", "ml::basics"])
def test_past_rank_at_most_a_filter_is_ranked_by_tiers_as_a_category_of_the_same_questions(
        monkeypatch: pytest.MonkeyPatch, index: SearchIndex, tag: str | None, only: str) -> None:
    monkeypatch.setattr(search, "RANK_AT_MOST", 4)
    where = Filter(tag=tag, only_ids=ID_SETS[only])
    # The same bank, the filter's questions in a category of their own: ranked the way every category is.
    same = SearchIndex()
    same.add([Question(**{**vars(x), "category": "in" if where.accepts(x) else "out"}) for x in QUESTIONS], NOTES)
    for text in QUERIES:
        assert index.search(text, where) == same.search(text, Filter(category="in")), text
        assert index.search(text, where, limit=5) == same.search(text, Filter(category="in"), limit=5), text


def test_the_tag_filter_takes_in_nested_tags_ignoring_case_and_nothing_that_only_starts_alike() -> None:
    idx = SearchIndex()
    idx.add([q("top", "Loss", tags=("ML",)), q("nested", "Loss too", tags=("ml::Basics::loss",)),
             q("alike", "Loss again", tags=("MLOps", "ml:")), q("none", "Loss, no tag")])
    assert idx.search("loss", Filter(tag="ml")) == idx.search("loss", Filter(tag="ML"))
    assert sorted(idx.search("loss", Filter(tag="ML"))) == ["nested", "top"]
    assert idx.search("loss", Filter(tag="ML::basics")) == ["nested"]
    assert idx.search("loss", Filter(tag="ML", only_ids={"top", "alike"})) == ["top"]
    assert idx.count_elsewhere("loss", Filter(tag="mlops")) == 3


def test_a_snapshot_keeps_the_tags_and_a_changed_id_set_is_seen() -> None:
    idx = SearchIndex()
    idx.add(QUESTIONS, NOTES)
    restored = SearchIndex.restore(QUESTIONS, idx.snapshot())
    for where in (Filter(tag="ML"), Filter(only_ids=BOOKMARKS), Filter(tag="stats", only_ids=set(NOTES))):
        assert restored.search("gradient", where) == idx.search("gradient", where)
    marked = set(BOOKMARKS)
    first = restored.search("gradient", Filter(only_ids=marked))
    marked.add(next(qid for qid in restored.search("gradient") if qid not in marked))  # a bookmark added in place
    assert len(restored.search("gradient", Filter(only_ids=marked))) == len(first) + 1
