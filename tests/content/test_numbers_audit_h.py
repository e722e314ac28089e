"""Audit H: recompute worked numbers and formulas in applied-ml/ and data-and-features/
that no other numbers test checked (standard library only)."""

from __future__ import annotations

import math
from fractions import Fraction

from tests.content.numbers import close, for_category, numbers_in, nums

read_applied, stated_applied = for_category("applied-ml")
read_data, stated_data = for_category("data-and-features")


def test_hashing_collision_rate_at_ten_times_the_buckets():
    stated_data(
        "hashing-trick",
        "with ten times as many buckets as values, about 9.5% of values still share one",
        "1-\\left(1-\\frac{1}{m}\\right)^{n-1}",
    )
    n = 100_000
    m = 10 * n
    p_shared = 1 - (1 - 1 / m) ** (n - 1)
    close(100 * p_shared, "9.5")
    assert math.isclose(p_shared, 1 - math.exp(-0.1), rel_tol=1e-4)


def test_lag_and_rolling_window_use_only_values_known_at_the_origin():
    stated_applied(
        "lag-rolling-features-time-leakage",
        "For a 7-day-ahead forecast",
        "the nearest usable lag is 7 days before the target",
        "\\sum_{j=h}^{h+w-1} y_{t-j}",
    )
    y = [float(v * v % 13) for v in range(60)]  # any series
    h, w, t = 7, 5, 40  # horizon, window, target index
    origin = t - h
    used = [t - j for j in range(h, h + w)]
    assert max(used) == origin  # nearest value is h steps before the target
    assert all(i <= origin for i in used) and len(used) == w
    feature = sum(y[i] for i in used) / w
    # the same as a trailing window of w values ending at the origin
    assert math.isclose(feature, sum(y[origin - w + 1 : origin + 1]) / w)
    # an unshifted trailing window at the target row would include y_t itself
    unshifted = list(range(t - w + 1, t + 1))
    assert t in unshifted and max(unshifted) > origin


def test_als_closed_form_counts_the_penalty_once_per_rating():
    text = read_applied("matrix-factorization-als-vs-sgd")
    assert "p_u = \\left(Q_u^\\top Q_u + \\lambda n_u I\\right)^{-1} Q_u^\\top r_u" in text
    # user u rated 3 items; item vectors are fixed (k = 2)
    q = [(Fraction(1), Fraction(2)), (Fraction(-1), Fraction(1)), (Fraction(3), Fraction(0))]
    r = [Fraction(4), Fraction(1), Fraction(5)]
    lam, n_u = Fraction(1, 2), len(r)
    a11 = sum(v[0] * v[0] for v in q) + lam * n_u
    a12 = sum(v[0] * v[1] for v in q)
    a22 = sum(v[1] * v[1] for v in q) + lam * n_u
    b1 = sum(v[0] * ri for v, ri in zip(q, r))
    b2 = sum(v[1] * ri for v, ri in zip(q, r))
    det = a11 * a22 - a12 * a12
    p = ((a22 * b1 - a12 * b2) / det, (a11 * b2 - a12 * b1) / det)
    # gradient of sum_i [(r_i - p.q_i)^2 + lam(|p|^2 + |q_i|^2)] with respect to p is zero
    grad = [
        sum(-2 * (ri - (p[0] * v[0] + p[1] * v[1])) * v[c] + 2 * lam * p[c] for v, ri in zip(q, r))
        for c in range(2)
    ]
    assert grad == [0, 0]


def test_balanced_class_weights_equalise_class_totals():
    text = read_data("class-imbalance-strategies")
    assert "w_k = \\frac{n}{K\\,n_k}" in text
    counts = [990, 10]
    n, k = sum(counts), len(counts)
    weights = [Fraction(n, k * c) for c in counts]
    totals = [w * c for w, c in zip(weights, counts)]
    assert totals[0] == totals[1] == Fraction(n, k)
    assert weights[1] / weights[0] == 99  # inverse proportion to class frequency


def test_box_cox_special_cases():
    text = read_data("log-and-box-cox-transforms")
    assert "$\\lambda = 0$ gives the log and $\\lambda = 1$ only shifts the data" in text

    def box_cox(y: float, lam: float) -> float:
        return math.log(y) if lam == 0 else (y**lam - 1) / lam

    for y in (0.3, 1.0, 7.5, 120.0):
        assert math.isclose(box_cox(y, 1e-8), box_cox(y, 0), abs_tol=1e-6)  # continuous at 0
        assert math.isclose(box_cox(y, 1), y - 1)
    # lognormal mean exp(mu + sigma^2 / 2) exceeds the median exp(mu)
    mu, sigma = 1.0, 0.8
    steps = 200_000
    lo, hi = mu - 10 * sigma, mu + 10 * sigma
    dx = (hi - lo) / steps
    mean = sum(
        math.exp(x) * math.exp(-((x - mu) ** 2) / (2 * sigma**2)) / (sigma * math.sqrt(2 * math.pi)) * dx
        for x in (lo + (i + 0.5) * dx for i in range(steps))
    )
    assert math.isclose(mean, math.exp(mu + sigma**2 / 2), rel_tol=1e-6)
    assert mean > math.exp(mu)


def test_hourly_season_lengths():
    text = read_applied("forecasting-naive-baselines")
    daily, weekly = nums(numbers_in(text, "{} for the daily cycle and {} for the weekly one"))
    hours_per_day, days_per_week = 24, 7
    assert daily == hours_per_day
    assert weekly == hours_per_day * days_per_week
