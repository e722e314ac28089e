"""Numbers from the third-reader audit of content/probability-statistics/, content/evaluation-metrics/
and content/validation-tuning/ that the categories' own numbers tests did not yet recompute.

Each test reads the question file, checks the number is printed as stated, and recomputes it from
first principles with the standard library.
"""

from __future__ import annotations

import math

from tests.content.numbers import close, for_category

read_eval, stated_eval = for_category("evaluation-metrics")
read_prob, stated_prob = for_category("probability-statistics")


def test_cost_threshold_with_costs_counted_relative_to_the_correct_decision():
    stated_eval(
        "cost-optimal-decision-threshold",
        "missing a fraud costs USD 500 more than catching it (review included)",
        "a needless review costs USD 20",
        "20/520 ≈ 0.038",
    )
    # Full cost table: every flagged case is reviewed (USD 20), a missed fraud loses the amount.
    review, fraud_loss = 20.0, 520.0  # a caught fraud costs the review; missing it costs 500 more
    c_tp, c_fp, c_fn, c_tn = review, review, fraud_loss, 0.0
    assert c_fn - c_tp == 500
    general = (c_fp - c_tn) / ((c_fp - c_tn) + (c_fn - c_tp))
    close(general, "0.038")
    assert math.isclose(general, 20 / 520)
    # at that probability flagging and not flagging cost the same in expectation
    p = general
    assert math.isclose(p * c_tp + (1 - p) * c_fp, p * c_fn + (1 - p) * c_tn)
    # plugging the raw review cost in as if a caught fraud were free would give 20/540 instead
    assert not math.isclose(c_fp / (c_fp + c_fn), general)


def kl_bits(p: list[float], q: list[float]) -> float:
    return sum(a * math.log2(a / b) for a, b in zip(p, q) if a > 0)


def test_jensen_shannon_bounded_by_one_bit():
    stated_prob("entropy-kl-divergence", "bounded by 1 bit")

    def js(p: list[float], q: list[float]) -> float:
        m = [(a + b) / 2 for a, b in zip(p, q)]
        return (kl_bits(p, m) + kl_bits(q, m)) / 2

    # disjoint supports reach the bound exactly; anything else stays below it
    assert math.isclose(js([1.0, 0.0], [0.0, 1.0]), 1.0)
    grid = [i / 20 for i in range(21)]
    worst = max(js([a, 1 - a], [b, 1 - b]) for a in grid for b in grid)
    assert math.isclose(worst, 1.0)
    assert js([0.5, 0.5], [0.9, 0.1]) < 1.0


def test_covariance_grows_a_hundredfold_from_metres_to_centimetres():
    stated_prob("covariance-vs-correlation", "grows a hundredfold")
    heights_m = [1.62, 1.75, 1.80, 1.68, 1.91]
    weights = [58.0, 72.0, 80.0, 65.0, 90.0]

    def cov(x: list[float], y: list[float]) -> float:
        mx, my = sum(x) / len(x), sum(y) / len(y)
        return sum((a - mx) * (b - my) for a, b in zip(x, y)) / (len(x) - 1)

    heights_cm = [100 * h for h in heights_m]
    assert math.isclose(cov(heights_cm, weights) / cov(heights_m, weights), 100)


def test_per_case_threshold_when_every_flag_pays_the_review():
    stated_eval("cost-optimal-decision-threshold", "t = C_FP/a per case")
    review = 20.0
    for amount in (40.0, 100.0, 520.0, 5_000.0):
        # full cost table: flagging always pays the review; not flagging loses the amount on a fraud
        c_tp, c_fp, c_fn, c_tn = review, review, amount, 0.0
        general = (c_fp - c_tn) / ((c_fp - c_tn) + (c_fn - c_tp))
        assert math.isclose(general, review / amount)
        p = general
        assert math.isclose(p * c_tp + (1 - p) * c_fp, p * c_fn + (1 - p) * c_tn)
    # larger transactions get lower thresholds
    assert review / 5_000.0 < review / 100.0
