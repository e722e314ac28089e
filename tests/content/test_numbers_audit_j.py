"""Audit J: recompute the worked numbers that the Answer prose of coding exercises prints
(coding-from-scratch/). Their Tests check the code; these check the sentences (standard library only)."""

from __future__ import annotations

import math
import sys
from fractions import Fraction

from tests.content.numbers import close, for_category, numbers_in, nums

read, stated = for_category("coding-from-scratch")


def test_ece_worked_example_is_one_seventh():
    text = read("implement-expected-calibration-error")
    stated(
        "implement-expected-calibration-error",
        "`np.linspace(0, 1, 11)[7]` is 0.7000000000000001",
        "(2·0.35 + 3/15 + 2·0.05)/7 = 1/7 ≈ 0.143",
    )
    assert 7 * (1 / 10) == 0.7000000000000001 > 0.7  # linspace's edge i is i * step, step = 1/10
    assert math.floor(0.7 * 10) == 7  # while floor(p * B) puts 0.7 in bin 7
    bins = {0: ([0.1, 0.2], [0, 1]), 2: ([0.5, 0.6, 0.7], [0, 1, 1]), 3: ([0.9, 1.0], [1, 1])}
    for b, (ps, _) in bins.items():
        assert all(min(math.floor(p * 4), 3) == b for p in ps)
    gaps = {b: abs(Fraction(sum(ys), len(ys)) - sum(Fraction(str(p)) for p in ps) / len(ps)) for b, (ps, ys) in bins.items()}
    assert gaps == {0: Fraction(35, 100), 2: Fraction(1, 15), 3: Fraction(5, 100)}
    ece = sum(len(bins[b][0]) * gaps[b] for b in bins) / 7
    assert ece == Fraction(1, 7)
    close(float(ece), "0.143")
    g0, g2 = nums(numbers_in(text, "labels 0, 1 give a gap of {}; 0.5, 0.6, 0.7 with labels 0, 1, 1 give $|2/3 - {}| = 1/15$"))
    assert (g0, g2) == (0.35, 0.6)


def test_map_at_k_worked_example():
    text = read("implement-map-at-k")
    total, ap, mp = nums(numbers_in(text, "the sum {} divided by $\\min(5, 4) = 4$ is AP ≈ {}. A second query whose only relevant item sits at rank 2 scores 0.5, so MAP@5 ≈ {}."))
    ranking, relevant = ["a", "x", "b", "y", "c"], {"a", "b", "c", "d"}
    hits, s = 0, Fraction(0)
    for i, item in enumerate(ranking, start=1):
        if item in relevant:
            hits += 1
            s += Fraction(hits, i)
    assert s == 1 + Fraction(2, 3) + Fraction(3, 5)
    close(float(s), str(total))
    close(float(s / 4), str(ap))
    close(float((s / 4 + Fraction(1, 2)) / 2), str(mp))


def test_bigram_worked_perplexity():
    stated(
        "implement-bigram-language-model",
        "$P(\\text{the} \\mid \\langle s\\rangle) = 3/8$",
        "$P(\\text{cat} \\mid \\text{the}) = 2/8$",
        "$P(\\text{sat} \\mid \\text{cat}) = 2/7$",
        "$P(\\langle/s\\rangle \\mid \\text{sat}) = 3/8$",
        "$(3584/36)^{1/4} \\approx 3.159$",
    )
    # |V| = {the, cat, dog, sat, </s>, <unk>} = 6; c(<s>) = c(the) = c(sat) = 2, c(cat) = 1; k = 1.
    probs = [Fraction(2 + 1, 2 + 6), Fraction(1 + 1, 2 + 6), Fraction(1 + 1, 1 + 6), Fraction(2 + 1, 2 + 6)]
    assert probs == [Fraction(3, 8), Fraction(2, 8), Fraction(2, 7), Fraction(3, 8)]
    assert 1 / math.prod(probs) == Fraction(3584, 36)
    close((3584 / 36) ** 0.25, "3.159")


def test_softmax_overflow_and_clipping_numbers():
    stated(
        "debug-softmax-cross-entropy-overflow",
        "overflows above about $e^{709.78}$",
        "caps a huge loss at about 27.6 for `eps=1e-12`",
        "logits (1000, 0) with label 1 give a loss of exactly 1000",
    )
    close(math.log(sys.float_info.max), "709.78")
    close(-math.log(1e-12), "27.6")
    # log-softmax of (1000, 0) at index 1: 0 - (1000 + log(1 + e^-1000)) = -1000 in float64
    assert -(0.0 - (1000.0 + math.log1p(math.exp(-1000.0)))) == 1000.0


def test_log_two_at_zero_weights():
    stated("debug-logistic-regression-training-loop", "exactly $\\log 2\\approx 0.693$")
    close(math.log(2), "0.693")


def test_clip_temperature_scale():
    stated("implement-infonce-in-batch-negatives", "CLIP starts at $1/0.07 \\approx 14$ and allows up to 100")
    close(1 / 0.07, "14")
    # with tau = 0.01 a cosine score of 1 becomes 100, and e^100 exceeds float32's maximum
    stated("implement-infonce-in-batch-negatives", "with $\\tau = 0.01$ the scores reach 100 and float32 overflows")
    assert math.exp(100) > 3.4028235e38
