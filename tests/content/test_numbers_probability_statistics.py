"""Recompute every worked number in content/probability-statistics/.

Each test reads the question file, checks that the stated number appears in
it, and recomputes that number from first principles (standard library only).
"""

from __future__ import annotations

import itertools
import math
import random
from fractions import Fraction
from statistics import NormalDist

import pytest

from tests.content.numbers import for_category

text, stated = for_category("probability-statistics")
Z = NormalDist()




def chi2_sf_1df(x: float) -> float:
    """Upper tail of a chi-squared variable with one degree of freedom."""
    return math.erfc(math.sqrt(x / 2))


# ----------------------------------------------------------------- probability


def test_pairwise_but_not_mutually_independent() -> None:
    stated("conditional-probability-independence", "1/4", "1/8")
    outcomes = list(itertools.product("HT", repeat=2))
    p = Fraction(1, len(outcomes))
    events = {
        "A": {o for o in outcomes if o[0] == "H"},
        "B": {o for o in outcomes if o[1] == "H"},
        "C": {o for o in outcomes if o[0] == o[1]},
    }
    prob = {k: p * len(v) for k, v in events.items()}
    for a, b in itertools.combinations(events, 2):
        joint = p * len(events[a] & events[b])
        assert joint == Fraction(1, 4) == prob[a] * prob[b]
    triple = p * len(events["A"] & events["B"] & events["C"])
    assert triple == Fraction(1, 4)
    assert prob["A"] * prob["B"] * prob["C"] == Fraction(1, 8)


def test_normal_mass_within_one_two_three_sd() -> None:
    stated("normal-exponential-uniform", "68%", "95%", "99.7%")
    within = [Z.cdf(k) - Z.cdf(-k) for k in (1, 2, 3)]
    assert round(within[0] * 100) == 68
    assert round(within[1] * 100) == 95
    assert round(within[2] * 100, 1) == 99.7


def test_poisson_no_arrival_in_ten_minutes() -> None:
    stated("normal-exponential-uniform", "6 per hour", "10 minutes", "0.37")
    lam_t = 6 * (10 / 60)
    assert lam_t == pytest.approx(1.0)
    assert round(math.exp(-lam_t), 2) == 0.37


def test_uniform_mean_and_variance() -> None:
    stated("normal-exponential-uniform", "$(a+b)/2$", "$(b-a)^2/12$")
    a, b, steps = 2.0, 5.0, 200_000
    xs = [a + (b - a) * (i + 0.5) / steps for i in range(steps)]  # midpoint rule
    mean = sum(xs) / steps
    var = sum((x - mean) ** 2 for x in xs) / steps
    assert mean == pytest.approx((a + b) / 2)
    assert var == pytest.approx((b - a) ** 2 / 12, rel=1e-6)


def test_two_dice_mean_and_variance() -> None:
    stated("expectation-variance-rules", "3.5", "35/12", "mean 7", "35/6", "5.83")
    faces = [Fraction(k) for k in range(1, 7)]
    mean = sum(faces) / 6
    var = sum((f - mean) ** 2 for f in faces) / 6
    assert mean == Fraction(7, 2) and var == Fraction(35, 12)
    sums = [a + b for a in faces for b in faces]
    m2 = sum(sums) / 36
    v2 = sum((s - m2) ** 2 for s in sums) / 36
    assert m2 == 7 and v2 == Fraction(35, 6)
    assert round(float(v2), 2) == 5.83


def test_expected_fixed_points_of_a_random_permutation() -> None:
    stated("expectation-variance-rules", "expectation is 1")
    for n in range(1, 7):
        perms = list(itertools.permutations(range(n)))
        total = sum(sum(p[i] == i for i in range(n)) for p in perms)
        assert Fraction(total, len(perms)) == 1


def test_correlated_mean_variance_formula() -> None:
    stated("expectation-variance-rules", r"$\rho\sigma^2 + (1-\rho)\sigma^2/n$")
    sigma2, rho, n = 2.0, 0.3, 7
    cov = [[sigma2 if i == j else rho * sigma2 for j in range(n)] for i in range(n)]
    var_mean = sum(map(sum, cov)) / n**2
    assert var_mean == pytest.approx(rho * sigma2 + (1 - rho) * sigma2 / n)


def test_correlation_squared() -> None:
    stated("covariance-vs-correlation", "0.9", "0.81")
    assert round(0.9**2, 2) == 0.81


def test_monte_carlo_digit_costs_100_times_samples() -> None:
    stated("law-of-large-numbers", "100 times")
    # error ~ 1/sqrt(n): ten times smaller error needs n multiplied by 10**2
    n = 1_000
    assert 1 / math.sqrt(100 * n) == pytest.approx((1 / math.sqrt(n)) / 10)


def p_shared_birthday(n: int) -> float:
    p_distinct = 1.0
    for k in range(n):
        p_distinct *= (365 - k) / 365
    return 1 - p_distinct


def test_birthday_problem() -> None:
    stated("birthday-problem", "50.7%", "47.6%", "253 pairs", "253 other people", "0.69")
    assert round(p_shared_birthday(23) * 100, 1) == 50.7
    assert round(p_shared_birthday(22) * 100, 1) == 47.6
    assert min(n for n in range(1, 100) if p_shared_birthday(n) > 0.5) == 23
    assert math.comb(23, 2) == 253
    assert round(253 / 365, 2) == 0.69
    assert 1 - math.exp(-23 * 22 / 730) == pytest.approx(0.5, abs=0.001)
    # matching one given birthday with probability >= 1/2
    assert min(n for n in range(1, 1000) if 1 - (364 / 365) ** n >= 0.5) == 253


def test_coupon_collector_six_faces() -> None:
    stated("birthday-problem", "14.7")
    expected = 6 * sum(Fraction(1, k) for k in range(1, 7))
    assert expected == Fraction(147, 10)


# ----------------------------------------------------------------- inference


def test_bayes_disease_test() -> None:
    stated("bayes-rule-base-rates", "495", "585", "15.4%", "0.0585", "0.154", "3.3:1", "77%", "= 18")
    prev, sens, spec = 0.01, 0.90, 0.95
    sick, healthy = 10_000 * prev, 10_000 * (1 - prev)
    true_pos, false_pos = sick * sens, healthy * (1 - spec)
    assert (true_pos, false_pos, true_pos + false_pos) == pytest.approx((90, 495, 585))
    evidence = sens * prev + (1 - spec) * (1 - prev)
    assert evidence == pytest.approx(0.0585)
    posterior = sens * prev / evidence
    assert round(posterior, 3) == 0.154
    assert round(posterior * 100, 1) == 15.4
    lr = sens / (1 - spec)
    assert lr == pytest.approx(18)
    odds2 = (90 / 495) * lr
    assert round(odds2, 1) == 3.3
    assert round(odds2 / (1 + odds2) * 100) == 77


def test_mle_and_map_for_three_heads() -> None:
    stated("mle-vs-map-coin", "1.0", "0.8", "5/7", "0.71")
    h, n, alpha, beta = 3, 3, 2, 2
    assert Fraction(h, n) == 1
    assert Fraction(h + alpha - 1, n + alpha + beta - 2) == Fraction(4, 5)
    posterior_mean = Fraction(h + alpha, n + alpha + beta)
    assert posterior_mean == Fraction(5, 7)
    assert round(float(posterior_mean), 2) == 0.71
    # the MAP really is the mode of theta^(h+alpha-1) (1-theta)^(n-h+beta-1)
    grid = [i / 10_000 for i in range(1, 10_000)]
    mode = max(grid, key=lambda t: t ** (h + alpha - 1) * (1 - t) ** (n - h + beta - 1))
    assert mode == pytest.approx(0.8, abs=1e-4)


def mse_of_variance_divisor(c: float, n: int) -> float:
    """MSE / sigma^4 of c * sum((x - xbar)^2) for normal data (SS ~ sigma^2 chi^2_{n-1})."""
    return 2 * (n - 1) * c**2 + (c * (n - 1) - 1) ** 2


def test_variance_divisors_mse() -> None:
    stated("estimator-bias-variance-mse", "dividing by $n+1$ minimises MSE")
    stated("sample-variance-n-minus-1", "$n+1$")
    for n in range(2, 60):
        by_n, by_n1 = mse_of_variance_divisor(1 / n, n), mse_of_variance_divisor(1 / (n - 1), n)
        assert by_n < by_n1
        best = min((mse_of_variance_divisor(1 / d, n), d) for d in range(1, 3 * n))[1]
        assert best == n + 1


def test_sample_variance_expectation_exhaustive() -> None:
    stated("sample-variance-n-minus-1", r"(n-1)\sigma^2")
    population = [Fraction(v) for v in (0, 1, 5)]
    mu = sum(population) / 3
    sigma2 = sum((v - mu) ** 2 for v in population) / 3
    for n in (2, 3, 4):
        samples = list(itertools.product(population, repeat=n))
        total = Fraction(0)
        for s in samples:
            xbar = sum(s) / n
            total += sum((x - xbar) ** 2 for x in s)
        assert total / len(samples) == (n - 1) * sigma2


def test_chi_squared_two_by_two() -> None:
    stated("chi-squared-test", "115", "885", "4.42", "0.035")
    table = [[100, 900], [130, 870]]
    total = sum(map(sum, table))
    rows = [sum(r) for r in table]
    cols = [table[0][j] + table[1][j] for j in range(2)]
    stat = 0.0
    for i in range(2):
        for j in range(2):
            expected = rows[i] * cols[j] / total
            stat += (table[i][j] - expected) ** 2 / expected
    assert cols[0] * rows[0] / total == 115 and cols[1] * rows[0] / total == 885
    assert round(stat, 2) == 4.42
    assert stat == pytest.approx(2 * 225 / 115 + 2 * 225 / 885)
    assert round(chi2_sf_1df(stat), 3) == 0.035
    # equals the squared pooled two-proportion z statistic
    p = 230 / 2000
    z = (0.13 - 0.10) / math.sqrt(p * (1 - p) * (1 / 1000 + 1 / 1000))
    assert z**2 == pytest.approx(stat)


def test_permutation_monte_carlo_error() -> None:
    stated("permutation-test", "10,000 shuffles", "0.002")
    assert round(math.sqrt(0.05 * 0.95 / 10_000), 3) == 0.002


def test_wald_interval_for_120_of_1000() -> None:
    stated("confidence-interval-worked", "0.0103", "0.020", "10.0%", "14.0%", "[0.100, 0.140]", "1.96")
    p, n = 120 / 1000, 1000
    se = math.sqrt(p * (1 - p) / n)
    z = Z.inv_cdf(0.975)
    assert round(z, 2) == 1.96
    assert round(se, 4) == 0.0103
    assert round(z * se, 3) == 0.020
    assert round(p - z * se, 3) == 0.100 and round(p + z * se, 3) == 0.140


def test_wald_interval_goes_negative() -> None:
    stated("confidence-interval-worked", "2 conversions out of 50", "−0.014")
    p, n = 2 / 50, 50
    lower = p - 1.96 * math.sqrt(p * (1 - p) / n)
    assert round(lower, 3) == -0.014


def test_sample_ratio_mismatch() -> None:
    stated("ab-test-design", "50,600", "49,400", r"$\chi^2 = 14.4$", "0.00015")
    observed, expected = (50_600, 49_400), 50_000
    stat = sum((o - expected) ** 2 / expected for o in observed)
    assert stat == pytest.approx(14.4)
    assert round(chi2_sf_1df(stat), 5) == 0.00015


def test_family_wise_error_of_twenty_tests() -> None:
    stated("multiple-testing-correction", "64%", "0.95^{20}")
    assert round((1 - 0.95**20) * 100) == 64


def test_benjamini_hochberg_example() -> None:
    stated("multiple-testing-correction", "0.001, 0.008, 0.039, 0.040, 0.20", "rejects four", "rejects two")
    pvals, q = sorted([0.001, 0.008, 0.039, 0.040, 0.20]), 0.05
    m = len(pvals)
    passing = [i for i in range(1, m + 1) if pvals[i - 1] <= i / m * q]
    k = max(passing)
    assert k == 4
    assert 3 not in passing  # 0.039 fails its own threshold but is rejected (step-up)
    assert sum(p <= q / m for p in pvals) == 2


def test_simpsons_paradox_numbers() -> None:
    stated("simpsons-paradox", "95%", "90%", "50%", "40%", "345/600 = 57.5%", "490/600 ≈ 81.7%")
    a = {"mild": (95, 100), "severe": (250, 500)}
    b = {"mild": (450, 500), "severe": (40, 100)}
    for g in ("mild", "severe"):
        assert a[g][0] / a[g][1] > b[g][0] / b[g][1]
    assert [round(100 * s / n) for s, n in a.values()] == [95, 50]
    assert [round(100 * s / n) for s, n in b.values()] == [90, 40]
    pooled_a = sum(s for s, _ in a.values()) / sum(n for _, n in a.values())
    pooled_b = sum(s for s, _ in b.values()) / sum(n for _, n in b.values())
    assert round(pooled_a * 100, 1) == 57.5 and round(pooled_b * 100, 1) == 81.7
    assert pooled_a < pooled_b


def test_bootstrap_distinct_share() -> None:
    stated("bootstrap-resampling", "63.2%", "0.368")
    assert round(math.exp(-1), 3) == 0.368
    assert round((1 - math.exp(-1)) * 100, 1) == 63.2
    left_out = (1 - 1 / 10_000) ** 10_000
    assert left_out == pytest.approx(math.exp(-1), abs=1e-4)


def entropy_bits(p: list[float]) -> float:
    return -sum(x * math.log2(x) for x in p if x > 0)


def kl_bits(p: list[float], q: list[float]) -> float:
    return sum(a * math.log2(a / b) for a, b in zip(p, q) if a > 0)


def test_entropy_and_kl_examples() -> None:
    stated("entropy-kl-divergence", "1 bit", "0.47 bits", "0.74", "0.53")
    fair, biased = [0.5, 0.5], [0.9, 0.1]
    assert entropy_bits(fair) == pytest.approx(1.0)
    assert round(entropy_bits(biased), 2) == 0.47
    assert round(kl_bits(fair, biased), 2) == 0.74
    assert round(kl_bits(biased, fair), 2) == 0.53
    # cross-entropy = entropy + KL
    cross = -sum(a * math.log2(b) for a, b in zip(fair, biased))
    assert cross == pytest.approx(entropy_bits(fair) + kl_bits(fair, biased))
    # Jensen-Shannon is bounded by 1 bit (reached for disjoint supports)
    m = [0.5, 0.5]
    assert 0.5 * kl_bits([1.0, 0.0], m) + 0.5 * kl_bits([0.0, 1.0], m) == pytest.approx(1.0)


# ----------------------------------------------------------------- experiments


def test_peeking_inflates_false_positives() -> None:
    stated("peeking-sequential-testing", "8% with two", "14% with five", "19% with ten")
    reps = 60_000
    crit = Z.inv_cdf(0.975)
    # z-statistic after k equal blocks of data is S_k / sqrt(k) for a random walk S_k
    rates = {}
    for looks in (2, 5, 10):
        rng = random.Random(looks)
        count = 0
        for _ in range(reps):
            total = 0.0
            for k in range(1, looks + 1):
                total += rng.gauss(0.0, 1.0)
                if abs(total) / math.sqrt(k) > crit:
                    count += 1
                    break
        rates[looks] = count / reps
    assert rates[2] == pytest.approx(0.083, abs=0.006)
    assert rates[5] == pytest.approx(0.142, abs=0.008)
    assert rates[10] == pytest.approx(0.193, abs=0.008)


def test_sample_size_for_ten_to_twelve_percent() -> None:
    stated(
        "sample-size-power-calculation",
        "1.960",
        "0.842",
        "7.85",
        "7.849",
        "0.1956",
        "3838.1",
        "3,838.1",
        "3,839 users per arm",
        "3,840",
        "(20%)",
    )
    p1, p2, delta = 0.10, 0.12, 0.02
    za, zb = Z.inv_cdf(0.975), Z.inv_cdf(0.80)
    assert (round(za, 3), round(zb, 3)) == (1.960, 0.842)
    factor = (za + zb) ** 2
    assert round(factor, 3) == 7.849 and round(factor, 2) == 7.85
    var_sum = p1 * (1 - p1) + p2 * (1 - p2)
    assert var_sum == pytest.approx(0.1956)
    n = factor * var_sum / delta**2
    assert round(n, 1) == 3838.1
    assert math.ceil(n) == 3839
    assert round(7.85 * 0.1956 / 0.0004) in range(3837, 3841)
    assert round(delta / p1 * 100) == 20
    # rule of thumb: 2 * (z_a + z_b)^2 is about 16
    assert round(2 * factor) == 16
    # halving the detectable effect quadruples n
    assert factor * var_sum / (delta / 2) ** 2 == pytest.approx(4 * n)


def test_prediction_and_tolerance_intervals_approach_the_spread_of_the_data():
    stated("confidence-interval-meaning", "about ±1.96σ for a normal population")
    z = NormalDist().inv_cdf(0.975)
    assert round(z, 2) == 1.96
    # half-widths in units of sigma: prediction z*sqrt(1 + 1/n) -> z; confidence z/sqrt(n) -> 0
    for n in (10, 100, 10_000):
        assert z < z * math.sqrt(1 + 1 / n) < z * 1.05 + 0.2
    assert z / math.sqrt(10_000) < 0.02
