"""Recompute the worked numbers in the LLM evaluation, safety and reasoning questions
of content/llms-genai/.

Each test reads one question file, checks that the number is printed there, and
recomputes it from first principles (standard library only).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from fractions import Fraction
from itertools import combinations

from tests.content.numbers import close, for_category

read, stated = for_category("llms-genai")


# --- hallucination: scoring incentives -------------------------------------------------

def expected_score(p: Fraction, wrong_penalty: Fraction) -> Fraction:
    """Answer: +1 if right, -penalty if wrong; abstaining scores 0."""
    return p - (1 - p) * wrong_penalty


def test_binary_grading_rewards_guessing():
    stated("llm-hallucination-causes", "20% chance of being right scores 0.2 in expectation", "abstaining scores 0")
    assert expected_score(Fraction(1, 5), Fraction(0)) == Fraction(2, 10)
    # with no penalty, any guess with p > 0 beats abstaining
    for p in (Fraction(1, 100), Fraction(1, 5), Fraction(1, 2)):
        assert expected_score(p, Fraction(0)) > 0


def test_confidence_threshold_penalty():
    stated("detecting-mitigating-llm-hallucination", "$t/(1-t)$", "$t = 0.75$", "costs 3 points", "$0.5 - 0.5 \\cdot 3 = -1$")
    t = Fraction(3, 4)
    penalty = t / (1 - t)
    assert penalty == 3
    assert expected_score(Fraction(1, 2), penalty) == -1
    # answering pays exactly when confidence exceeds t
    for i in range(1, 100):
        p = Fraction(i, 100)
        score = expected_score(p, penalty)
        assert (score > 0) == (p > t)
        assert (score == 0) == (p == t)


# --- BLEU ------------------------------------------------------------------------------

def ngrams(tokens: list[str], n: int) -> Counter:
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def modified_precision(candidate: list[str], references: list[list[str]], n: int) -> Fraction:
    cand = ngrams(candidate, n)
    clipped = 0
    for gram, count in cand.items():
        max_ref = max(ngrams(ref, n)[gram] for ref in references)
        clipped += min(count, max_ref)
    return Fraction(clipped, sum(cand.values()))


def brevity_penalty(c: int, r: int) -> float:
    return 1.0 if c > r else math.exp(1 - r / c)


def test_bleu_clipping():
    stated("bleu-rouge-generation-metrics", '"the the the the"', "two \"the\"s gets 2/4, not 4/4")
    candidate = "the the the the".split()
    reference = "the cat sat on the red mat".split()  # contains two "the"s
    assert reference.count("the") == 2
    assert modified_precision(candidate, [reference], 1) == Fraction(2, 4)
    # unclipped precision would be 4/4
    assert sum(1 for w in candidate if w in reference) / len(candidate) == 1


def test_bleu2_worked_example():
    text = read("bleu-rouge-generation-metrics")
    ref_text, cand_text = re.search(r'reference "([^"]+)" \(7 tokens\), candidate "([^"]+)" \(6 tokens\)', text).groups()
    reference, candidate = ref_text.split(), cand_text.split()
    assert (len(reference), len(candidate)) == (7, 6)
    stated("bleu-rouge-generation-metrics", "$p_1 = 1$", "4 of 5 bigrams", "$p_2 = 0.8$", "exp(1 − 7/6) ≈ 0.846",
           "√0.8 ≈ 0.757", "about 0.757")
    p1 = modified_precision(candidate, [reference], 1)
    p2 = modified_precision(candidate, [reference], 2)
    assert p1 == 1
    assert p2 == Fraction(4, 5)
    assert ("the", "mat") not in ngrams(reference, 2)
    bp = brevity_penalty(len(candidate), len(reference))
    close(bp, "0.846")
    bleu2 = bp * math.exp(0.5 * math.log(p1) + 0.5 * math.log(p2))
    close(bleu2, "0.757")
    # a candidate longer than the reference is not penalised
    assert brevity_penalty(8, 7) == 1.0


# --- benchmark noise -------------------------------------------------------------------

def test_benchmark_standard_error():
    stated("llm-benchmark-contamination-saturation", "90.5% and B 89.8% on 1,000 questions", "about 0.95 points",
           "0.7-point gap")
    n = 1000
    se_points = 100 * math.sqrt(0.9 * 0.1 / n)
    close(se_points, "0.95")
    for p in (0.905, 0.898):
        assert 0.9 < 100 * math.sqrt(p * (1 - p) / n) < 1.0
    se_diff = 100 * math.sqrt(0.905 * 0.095 / n + 0.898 * 0.102 / n)
    assert (90.5 - 89.8) / se_diff < 1  # well under one standard error of the difference


# --- pass@k ----------------------------------------------------------------------------

def pass_at_k(n: int, c: int, k: int) -> Fraction:
    if n - c < k:
        return Fraction(1)
    return 1 - Fraction(math.comb(n - c, k), math.comb(n, k))


def test_pass_at_k_worked_numbers():
    stated("pass-at-k-code-generation", "n = 10, c = 3", "1 − 7/10 = 0.3", "C(7, 5) = 21", "C(10, 5) = 252",
           "1 − 21/252 ≈ 0.917", "1 − 0.7^5 ≈ 0.832")
    assert pass_at_k(10, 3, 1) == Fraction(3, 10)
    assert math.comb(7, 5) == 21 and math.comb(10, 5) == 252
    close(float(pass_at_k(10, 3, 5)), "0.917")
    close(1 - (1 - 3 / 10) ** 5, "0.832")
    # direct enumeration: share of 5-subsets of the 10 samples containing a pass
    samples = [True] * 3 + [False] * 7
    subsets = list(combinations(range(10), 5))
    hits = sum(any(samples[i] for i in s) for s in subsets)
    assert Fraction(hits, len(subsets)) == pass_at_k(10, 3, 5)
    # product form used in the Formula section
    prod = Fraction(1)
    for i in range(10 - 3 + 1, 10 + 1):
        prod *= 1 - Fraction(5, i)
    assert prod == Fraction(21, 252)
    # n - c < k gives exactly 1
    assert pass_at_k(10, 8, 5) == 1


def test_pass_at_k_unbiased_and_plug_in_biased_low():
    n, k = 10, 5
    for p in (Fraction(1, 10), Fraction(3, 10), Fraction(1, 2)):
        true = 1 - (1 - p) ** k
        binom = [math.comb(n, c) * p**c * (1 - p) ** (n - c) for c in range(n + 1)]
        unbiased = sum(w * pass_at_k(n, c, k) for c, w in enumerate(binom))
        plug_in = sum(w * (1 - (1 - Fraction(c, n)) ** k) for c, w in enumerate(binom))
        assert unbiased == true
        assert plug_in < true


# --- LLM judge agreement ---------------------------------------------------------------

def test_judge_kappa():
    stated("llm-as-a-judge", "0.6² + 0.4² = 0.52", "85% raw agreement is only κ ≈ 0.69")
    p_e = 0.6**2 + 0.4**2
    close(p_e, "0.52")
    kappa = (0.85 - p_e) / (1 - p_e)
    close(kappa, "0.69")


# --- Elo / Bradley-Terry ---------------------------------------------------------------

def elo_expected(r_a: float, r_b: float) -> float:
    return 1 / (1 + 10 ** ((r_b - r_a) / 400))


def test_elo_win_probabilities():
    stated("elo-bradley-terry-llm-arena", "$1/(1 + 10^{-0.25}) \\approx 0.64$", "10:1 odds, about 0.91")
    close(elo_expected(1600, 1500), "0.64")
    e400 = elo_expected(1900, 1500)
    assert math.isclose(e400 / (1 - e400), 10)
    close(e400, "0.91")
    # Bradley-Terry in natural-log units gives the same probability
    beta_gap = 100 * math.log(10) / 400
    assert math.isclose(1 / (1 + math.exp(-beta_gap)), elo_expected(1600, 1500))


def test_elo_update():
    stated("elo-bradley-terry-llm-arena", "$K = 32$", "$32 \\times 0.36 \\approx 11.5$")
    k = 32
    gain = k * (1 - elo_expected(1600, 1500))
    close(gain, "11.5")
    close(1 - elo_expected(1600, 1500), "0.36")


# --- red-teaming -----------------------------------------------------------------------

def test_repeated_attack_success():
    stated("llm-red-teaming-guardrails", "works 1% of the time", "100 tries", "1 − 0.99^100 ≈ 0.63")
    close(1 - 0.99**100, "0.63")


# --- majority voting -------------------------------------------------------------------

def majority_correct(p: Fraction, n: int) -> Fraction:
    return sum(math.comb(n, k) * p**k * (1 - p) ** (n - k) for k in range(n // 2 + 1, n + 1))


def test_majority_of_five():
    stated("reasoning-models-test-time-compute", "5 independent samples are each right with p = 0.6",
           "probability ≈ 0.683", "0.3456 + 0.2592 + 0.07776 \\approx 0.683", "p = 0.4 gives 0.317")
    p = Fraction(3, 5)
    terms = [math.comb(5, k) * p**k * (1 - p) ** (5 - k) for k in (3, 4, 5)]
    assert terms == [Fraction("0.3456"), Fraction("0.2592"), Fraction("0.07776")]
    close(float(majority_correct(p, 5)), "0.683")
    close(float(majority_correct(Fraction(2, 5), 5)), "0.317")
    # voting amplifies whichever side of one half p lies on
    assert majority_correct(p, 5) > p
    assert majority_correct(Fraction(2, 5), 5) < Fraction(2, 5)
