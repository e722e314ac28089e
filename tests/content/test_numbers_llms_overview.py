"""Recompute the worked numbers in the llms-genai overview questions: what an LLM is
and how it is built, and how a pretraining corpus is built from a web crawl.

Each test reads one question file, checks that the number is printed there,
and recomputes it from first principles (standard library only).
"""

from __future__ import annotations

import itertools
from fractions import Fraction

from tests.content.numbers import close, for_category

read, stated = for_category("llms-genai")


# --- what-is-a-large-language-model ----------------------------------------

def test_deepseek_v3_compute_split_by_stage():
    qid = "what-is-a-large-language-model"
    stated(qid, "2.664M of its 2.788M H800 GPU-hours, about 96%", "context extension 119K",
           "post-training only 5K, under 0.2%")
    pretrain, context, post = 2_664_000, 119_000, 5_000
    total = 2_788_000
    assert pretrain + context + post == total  # the three stages make up the reported total
    close(100 * pretrain / total, "96")
    assert 100 * post / total < 0.2
    # context extension (a mid-training step) still costs far more than all of post-training
    assert context / post > 20


# --- llm-pretraining-data-pipeline -----------------------------------------

def lsh_candidate_probability(s: float, bands: int, rows: int) -> float:
    """A pair becomes a candidate if all `rows` MinHash values agree in at least one band."""
    return 1 - (1 - s**rows) ** bands


def test_minhash_collision_probability_is_jaccard():
    """Over all orderings of a small universe, the minimum elements agree with probability J."""
    stated("llm-pretraining-data-pipeline", "P\\left[\\min h(A) = \\min h(B)\\right] = J(A, B)")
    universe = range(6)
    a, b = {0, 1, 2, 3}, {2, 3, 4}
    agree = total = 0
    for order in itertools.permutations(universe):
        rank = {x: i for i, x in enumerate(order)}
        total += 1
        agree += min(a, key=rank.get) == min(b, key=rank.get)
    assert Fraction(agree, total) == Fraction(len(a & b), len(a | b)) == Fraction(2, 5)


def test_fineweb_lsh_bands_catch_near_duplicates():
    qid = "llm-pretraining-data-pipeline"
    stated(qid, "14 bands of 8 hashes", "Jaccard similarity 0.8 with probability about 0.92",
           "a pair at 0.5 only about 0.05", "word 5-grams")
    bands, rows = 14, 8
    assert bands * rows == 112  # hash functions per document
    close(lsh_candidate_probability(0.8, bands, rows), "0.92")
    close(lsh_candidate_probability(0.5, bands, rows), "0.05")
    # the S-curve's midpoint sits near (1/b)^(1/r), about 0.72
    threshold = (1 / bands) ** (1 / rows)
    close(threshold, "0.72")
    assert lsh_candidate_probability(0.6, bands, rows) < 0.5 < lsh_candidate_probability(0.8, bands, rows)
    # the probability rises monotonically with similarity
    probs = [lsh_candidate_probability(s / 10, bands, rows) for s in range(11)]
    assert probs == sorted(probs) and probs[0] == 0 and probs[-1] == 1

