"""Recompute the worked numbers in content/validation-tuning/ (standard library only)."""

import math
from collections import Counter
from statistics import NormalDist, mean, stdev

from tests.content.numbers import for_category

read, _ = for_category("validation-tuning")



def simpson(f, lo, hi, steps=20_000):
    h = (hi - lo) / steps
    total = f(lo) + f(hi)
    total += sum((4 if i % 2 else 2) * f(lo + i * h) for i in range(1, steps))
    return total * h / 3


def test_leave_one_out_majority_classifier_scores_zero():
    text = read("choosing-k-and-leave-one-out")
    assert "0% accuracy for a classifier that is 50% accurate" in text
    labels = [0] * 10 + [1] * 10
    correct = 0
    for i, held_out in enumerate(labels):
        training = labels[:i] + labels[i + 1 :]
        majority = Counter(training).most_common(1)[0][0]
        correct += majority == held_out
    assert correct == 0
    # On fresh data from the same balanced population, any constant guess is right half the time.
    assert Counter(labels)[0] / len(labels) == 0.5


def test_stratified_versus_random_fold_positives():
    text = read("stratified-k-fold")
    for stated in ("1,000 rows with 20 positives (2%)", "5 folds of 200", "exactly 4 positives",
                   "mean 4", "about 20% of the time", "none about 1% of the time"):
        assert stated in text
    N, K, n = 1000, 20, 200
    assert K / N == 0.02 and K // (N // n) == 4

    def pmf(x):
        return math.comb(K, x) * math.comb(N - K, n - x) / math.comb(N, n)

    assert math.isclose(sum(x * pmf(x) for x in range(K + 1)), K * n / N)
    assert round(sum(pmf(x) for x in range(3)), 2) == 0.20
    assert round(pmf(0), 2) == 0.01


def test_nested_cv_fit_count():
    text = read("nested-cross-validation")
    assert "5 outer folds, 5 inner folds and 20 configurations, 505 fits" in text
    k_out, k_in, m = 5, 5, 20
    assert k_out * (k_in * m + 1) == 505


def test_validation_overfitting_size():
    text = read("overfitting-the-validation-set")
    for stated in ("about 1.26 points", "about 2.25 standard errors", "roughly 2.8 points",
                   "\\approx 0.0126", "\\approx 2.25"):
        assert stated in text
    se = math.sqrt(0.8 * 0.2 / 1000)
    assert round(100 * se, 2) == 1.26 and round(se, 4) == 0.0126
    z = NormalDist()
    m = 50
    expected_max = simpson(lambda x: x * m * z.pdf(x) * z.cdf(x) ** (m - 1), -10, 10)
    assert round(expected_max, 2) == 2.25
    assert round(100 * se * expected_max, 1) == 2.8


def test_random_search_hit_probability():
    text = read("grid-vs-random-search")
    for stated in ("1 - 0.95^{60} \\approx 0.95", "9 trials but tests only 3 distinct", "about 90% of trials land above 0.1"):
        assert stated in text
    assert round(1 - 0.95**60, 2) == 0.95
    assert len({lr for lr in range(3) for _ in range(3)}) == 3
    assert round((1 - 0.1) / (1 - 0.0001), 2) == 0.90


def test_successive_halving_budget():
    text = read("successive-halving-hyperband")
    for stated in ("81 configurations at 1 epoch, 27 at 3, 9 at 9, 3 at 27 and 1 at 81",
                   "Each rung costs 81 epochs", "405 epochs", "6,561", "about 6% of the cost"):
        assert stated in text
    eta, configs, budget, rungs = 3, 81, 1, []
    while configs >= 1:
        rungs.append((configs, budget))
        configs, budget = configs // eta, budget * eta
        if configs == 0:
            break
    assert rungs == [(81, 1), (27, 3), (9, 9), (3, 27), (1, 81)]
    assert all(c * b == 81 for c, b in rungs)
    total = sum(c * b for c, b in rungs)
    assert total == 405 and 81 * 81 == 6561
    assert round(100 * total / 6561) == 6


def test_corrected_paired_t_test():
    text = read("comparing-models-with-cross-validation")
    for stated in ("0.012, 0.018, 0.004, 0.020 and 0.006", "mean 0.012", "about 0.0071",
                   "\\approx 3.79", "2.776", "0.2 + 0.25 = 0.45", "t \\approx 2.53"):
        assert stated in text
    d = [0.012, 0.018, 0.004, 0.020, 0.006]
    k = len(d)
    assert math.isclose(mean(d), 0.012)
    s = stdev(d)
    assert round(s, 4) == 0.0071
    t_naive = mean(d) / (s / math.sqrt(k))
    assert round(t_naive, 2) == 3.79
    # 5-fold: each test fold is 1/5 of the data and each training set 4/5, so n_test/n_train = 1/4.
    factor = 1 / k + (1 / 5) / (4 / 5)
    assert math.isclose(factor, 0.45)
    t_corrected = mean(d) / math.sqrt(factor * s**2)
    assert round(t_corrected, 2) == 2.53

    # Two-sided 5% critical value of Student's t with 4 degrees of freedom.
    nu = 4
    c = math.gamma((nu + 1) / 2) / (math.sqrt(nu * math.pi) * math.gamma(nu / 2))

    def upper_tail(t):
        return simpson(lambda x: c * (1 + x * x / nu) ** (-(nu + 1) / 2), t, 2_000, steps=200_000)

    assert math.isclose(upper_tail(2.776), 0.025, abs_tol=2e-5)
    assert upper_tail(t_naive) < 0.025 < upper_tail(t_corrected)
