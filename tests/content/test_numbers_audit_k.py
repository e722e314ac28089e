"""Audit K: recompute the worked numbers printed in the prose of coding exercises
(coding-from-scratch/) that the exercises' own tests do not pin (standard library only)."""

from __future__ import annotations

import math
from statistics import NormalDist

from tests.content.numbers import close, for_category, numbers_in, nums

read, stated = for_category("coding-from-scratch")


def test_ndcg_worked_example():
    text = read("implement-ndcg-at-k")
    dcg, idcg, ndcg = nums(numbers_in(
        text, "DCG@3 = 1 + 7/log₂3 ≈ {} and IDCG@3 = 7 + 3/log₂3 + 1/2 ≈ {}, so NDCG@3 ≈ {}.", "ndcg"
    ))
    gains = [2**g - 1 for g in (1, 3, 0, 2)]
    assert gains == [1, 7, 0, 3]
    d = sum(g / math.log2(i + 2) for i, g in enumerate(gains[:3]))
    ideal = sorted(gains, reverse=True)
    i = sum(g / math.log2(k + 2) for k, g in enumerate(ideal[:3]))
    close(d, str(dcg))
    close(i, str(idcg))
    close(d / i, str(ndcg))
    stated("implement-ndcg-at-k", "divided by $\\log_2 4 = 2$", "NDCG@3 ≈ 0.577")


def test_tfidf_worked_example():
    text = read("implement-tf-idf-vectorizer")
    idf_cat, idf_dog = nums(numbers_in(text, "idf(cat) = ln(4/3) + 1 ≈ {}, idf(dog) = ln 2 + 1 ≈ {}.", "tf-idf"))
    close(math.log(4 / 3) + 1, str(idf_cat))
    close(math.log(2) + 1, str(idf_dog))
    stated("implement-tf-idf-vectorizer", "idf(the) = ln(4/4) + 1 = 1")
    norm, x0, x2 = nums(numbers_in(
        text, "with norm ≈ {}, so its row is ≈ ({}, 0, {})", "tf-idf"
    ))
    a = math.log(4 / 3) + 1
    n = math.hypot(a, 1.0)
    close(n, f"{norm:.4f}")
    close(a / n, f"{x0:.4f}")
    close(1 / n, f"{x2:.4f}")


def test_two_proportion_z_test_and_sample_sizes():
    qid = "implement-two-proportion-z-test-and-sample-size"
    text = read(qid)
    pooled, se, z, p = nums(numbers_in(
        text, "gives $\\hat p = {}$, SE ≈ {}, $z \\approx {}$, $p \\approx {}$", qid
    ))
    p_hat = (200 + 260) / 4000
    close(p_hat, f"{pooled:.3f}")
    s = math.sqrt(p_hat * (1 - p_hat) * (1 / 2000 + 1 / 2000))
    close(s, f"{se:.5f}")
    zz = (260 / 2000 - 200 / 2000) / s
    close(zz, f"{z:.3f}")
    close(math.erfc(zz / math.sqrt(2)), f"{p:.4f}")

    factor, variance, thousands, rest, n_unpooled, n_pooled = numbers_in(
        text, "${} \\times {} / 0.0001 \\approx {}{,}{}$, so {} per arm. With the pooled variance in the null term it is {};", qid
    )
    n_float = thousands + rest  # printed as 14{,}748.05 in LaTeX
    za, zb = NormalDist().inv_cdf(0.975), NormalDist().inv_cdf(0.8)
    close((za + zb) ** 2, factor)
    var = 0.10 * 0.90 + 0.11 * 0.89
    close(var, variance)
    n = (za + zb) ** 2 * var / 0.01**2
    close(n, n_float.replace(",", ""))
    assert math.ceil(n) == int(n_unpooled.replace(",", ""))
    pbar = 0.105
    n_p = (za * math.sqrt(2 * pbar * (1 - pbar)) + zb * math.sqrt(var)) ** 2 / 0.01**2
    assert math.ceil(n_p) == int(n_pooled.replace(",", ""))

    # Pitfall: a +10% relative lift used as an absolute delta of 0.10 (10% -> 20%).
    wrong, right = numbers_in(text, "using 0.10 gives {} per arm instead of {}", qid)
    assert math.ceil((za + zb) ** 2 * (0.09 + 0.2 * 0.8) / 0.10**2) == int(wrong)
    assert right == n_unpooled


def test_welford_spacing_of_doubles_near_1e18():
    stated("implement-welford-online-variance", "the squares are around $10^{18}$, where adjacent doubles are 128 apart")
    assert math.ulp(1e18) == 128.0
    # Adding delta^2 instead of delta * (x - new mean) overstates the step by n / (n - 1).
    stated("implement-welford-online-variance", "overstates it by a factor $n/(n-1)$ per step")
    for n, delta in ((2, 3.0), (5, -1.5), (10, 0.25)):
        correct = delta * (delta - delta / n)
        assert math.isclose(delta**2 / correct, n / (n - 1))


def test_thompson_probability_matching_example():
    stated(
        "implement-thompson-sampling-bernoulli-bandit",
        "with Beta(2, 1) against Beta(1, 1) the first arm is chosen with probability 2/3",
    )
    # X ~ Beta(2, 1) has density 2x; Y ~ U(0, 1): P(X > Y) = integral of 2x * x dx over [0, 1] = 2/3.
    steps = 100_000
    prob = sum(2 * x * x for x in ((k + 0.5) / steps for k in range(steps))) / steps
    assert math.isclose(prob, 2 / 3, rel_tol=1e-8)


def test_rank_versus_dense_rank_example():
    stated(
        "sql-top-products-per-category",
        "revenues 100, 100, 80, 50 get ranks 1, 1, 3, 4; DENSE_RANK gives 1, 1, 2, 3",
    )
    revenues = [100, 100, 80, 50]
    rank = [1 + sum(r > v for r in revenues) for v in revenues]
    dense = [1 + len({r for r in revenues if r > v}) for v in revenues]
    assert rank == [1, 1, 3, 4] and dense == [1, 1, 2, 3]


def test_sessionize_sqlite_text_subtraction_and_julianday():
    stated("sql-sessionize-events", "where only the leading year parses as a number")
    import sqlite3

    con = sqlite3.connect(":memory:")
    try:
        diff = con.execute("SELECT '2026-05-01 09:40:00' - '2026-05-01 09:10:00'").fetchone()[0]
        assert diff == 0  # both texts read as 2026
        secs = con.execute(
            "SELECT CAST(strftime('%s', '2026-05-01 09:40:00') AS INTEGER)"
            " - CAST(strftime('%s', '2026-05-01 09:10:00') AS INTEGER)"
        ).fetchone()[0]
        assert secs == 1800
        monday = con.execute("SELECT date('2026-03-08', '-6 days', 'weekday 1')").fetchone()[0]
        assert monday == "2026-03-02"  # retention cohorts: Sunday signup joins the previous Monday
    finally:
        con.close()


def test_central_difference_error_term():
    stated("implement-numerical-gradient-check", "leaving $h^2f'''(x)/6$")
    # f = x^3: f''' = 6, so the central difference overshoots 3x^2 by exactly h^2.
    x, h = 2.0, 1e-2
    est = ((x + h) ** 3 - (x - h) ** 3) / (2 * h)
    assert math.isclose(est - 3 * x * x, h * h * 6 / 6, rel_tol=1e-6)
