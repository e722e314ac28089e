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


def bank_like() -> SearchIndex:
    """Titles the way the bank writes them, and the searches that went wrong (issue 17)."""
    idx = SearchIndex()
    idx.add([
        q("estimator-bias-variance-mse", "How does an estimator's MSE split into bias and variance?",
          "The variance of the estimator plus its squared bias.", tags=("estimation",)),
        q("precision-and-recall-at-k", "What are precision@k and recall@k?", "Of the top k results, how many.",
          tags=("ranking", "metrics")),
        q("bias-variance-tradeoff", "What is the bias-variance tradeoff?", "Simple models underfit, complex overfit.",
          tags=("generalization",)),
        q("kmeans", "How does k-means clustering work?", "Assign to the nearest centroid, move centroids.",
          tags=("clustering",)),
        q("tsne", "How do you read a t-SNE plot?", "Distances between clusters mean little.",
          tags=("visualization",)),
        q("bn", "What does batch normalization do?", "Normalises activations per mini-batch.",
          tags=("normalization",)),
        q("reg", "What is regularization?", "A penalty on complexity; regularise to generalise.",
          tags=("regularization",)),
        q("gd", "How does gradient descent work?", "Steps against the gradient.", tags=("optimization",)),
        q("rf", "How does a random forest work?", "Bagged trees with random features.", tags=("ensembles",)),
        q("overfitting", "What is overfitting?", "Memorising noise.", tags=("generalization",)),
    ])
    return idx


def test_a_title_holding_the_whole_phrase_comes_first() -> None:
    assert bank_like().search("bias variance")[0] == "bias-variance-tradeoff"


def test_names_written_several_ways_find_the_same_question() -> None:
    idx = bank_like()
    for query in ("kmeans", "k-means", "k means"):
        assert idx.search(query)[:1] == ["kmeans"], query
    assert idx.search("kmeans") != ["precision-and-recall-at-k"]
    for query in ("tsne", "t-SNE", "t-sne"):
        assert idx.search(query)[:1] == ["tsne"], query
    assert idx.search("batchnorm")[:1] == ["bn"]


def test_a_one_letter_word_is_not_a_prefix_of_everything() -> None:
    assert len(bank_like().search("k-means")) == 1  # "k" no longer matches every word starting with k


def test_british_and_american_spellings_and_stems_meet() -> None:
    idx = bank_like()
    assert idx.search("regularisation") == idx.search("regularization") == idx.search("regularize")
    assert "reg" in idx.search("regularisation")
    assert "bn" in idx.search("normalisation")


def test_a_typo_falls_back_to_the_closest_words() -> None:
    idx = bank_like()
    assert idx.search("gradeint")[:1] == ["gd"]
    assert idx.search("overfiting")[:1] == ["overfitting"]
    assert idx.search("random forrest")[:1] == ["rf"]
    assert idx.search("qwzxv") == []  # nothing close: still nothing


def test_matches_hidden_by_a_filter_are_counted_and_snippets_mark_the_match() -> None:
    idx = bank_like()
    assert idx.count_elsewhere("variance", Filter(tag="clustering")) == 2
    assert idx.count_elsewhere("variance", Filter()) == 0
    snippet = idx.snippet("gd", "against")
    assert "[against]" in snippet


def test_a_snippet_shows_the_answer_or_the_note_never_the_indexed_aliases() -> None:
    idx = bank_like()
    idx.set_note("rf", "remember: bagging decorrelates")
    assert idx.snippet("kmeans", "kmeans") == ""  # matched only through the joined name: nothing to show
    assert "[decorrelates]" in idx.snippet("rf", "decorrelates")
    assert "[centroid]" in idx.snippet("kmeans", "centroid")


def test_a_long_pasted_note_gets_its_snippet_without_fts5s_quadratic_snippet() -> None:
    """snippet() scores a fragment at each match against every other: a 1 MB note matching a two-letter
    prefix on every line took 2-4 s a keystroke. A long text is snippeted by long_snippet instead."""
    import time

    from desktop.core.search import FTS_SNIPPET_AT_MOST, long_snippet

    idx = index()
    line = "lorem ipsum dolor sit amet, momentum and more words\n"
    idx.set_note("trees", line * (1_000_000 // len(line)))
    started = time.perf_counter()
    snippet = idx.snippet("trees", "lo")
    assert time.perf_counter() - started < 0.5  # ~5 ms; FTS5's snippet took 2-4 s
    assert snippet.startswith("[lorem] ipsum dolor sit") and snippet.endswith("…")
    assert idx.snippets(["trees"], "mom") == {"trees": "lorem ipsum dolor sit amet, momentum and more words lorem ipsum dolor…"}
    assert long_snippet("Before it, Regularization helps a lot", "regularisation", 4) == (
        "Before it, \x01Regularization\x02 helps…")  # a British query finds the American spelling, as the index does
    short = "a short note on momentum"
    assert len(short) <= FTS_SNIPPET_AT_MOST
    idx.set_note("naive", short)
    assert idx.snippet("naive", "moment") == "a short note on [momentum]"  # short texts: FTS5's own snippet


def test_a_word_typed_letter_by_letter_never_loses_its_question_midway() -> None:
    """The index holds stems ("bagging" as "bag"): typing on past the stem ("baggin", "averagi", "impuri") found
    nothing until the word was finished, so the list emptied and came back as the user typed."""
    idx = SearchIndex()
    idx.add([q("ens", "Why do ensembles help?", "Bagging reduces variance by averaging decorrelated trees; "
               "each split lowers the impurity. Normalization and regularization follow.")])
    idx.set_note("ens", "bagging is bootstrap aggregating")
    for word in ("bagging", "averaging", "decorrelated", "impurity", "normalization", "regularization",
                 "bootstrap", "aggregating"):
        for end in range(3, len(word) + 1):
            assert idx.search(word[:end]) == ["ens"], word[:end]
            assert idx.search(f"variance {word[:end]}") == ["ens"], word[:end]
    assert fts_query("random baggin") == '"random"* AND ("baggin"* OR "bag")'  # the stem it runs past
    assert fts_query("model") == '"model"*'  # a whole word ending in e, l or n is not taken for more
    assert fts_query("categor") == '"categor"*'  # a prefix short of its stem needs nothing more
    assert idx.search("bagpipe") == []  # the stems are exact matches, not prefixes: no new noise
