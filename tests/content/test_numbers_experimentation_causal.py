"""Recompute every worked number stated in content/experimentation-causal/.

Each test reads one question file, checks that the number the answer states
is really there, and recomputes it from first principles (standard library only).
"""

from __future__ import annotations

import math
import random
from fractions import Fraction
from statistics import NormalDist

from tests.content.numbers import close, for_category

read, stated = for_category("experimentation-causal")
Z = NormalDist()


def chi2_sf_1df(x: float) -> float:
    """Upper tail of a chi-squared variable with one degree of freedom."""
    return math.erfc(math.sqrt(x / 2))


def beta_fn(a: int, b: int) -> Fraction:
    """B(a, b) for positive integers, exactly: (a-1)!(b-1)!/(a+b-1)!."""
    return Fraction(math.factorial(a - 1) * math.factorial(b - 1), math.factorial(a + b - 1))


def log_beta(a: float, b: float) -> float:
    return math.lgamma(a) + math.lgamma(b) - math.lgamma(a + b)


def prob_b_beats_a(a_a: int, b_a: int, a_b: int, b_b: int) -> float:
    """P(p_B > p_A) for independent Beta(a_a, b_a) and Beta(a_b, b_b), integer a_b.

    Closed form: sum_{i=0}^{a_b-1} B(a_a+i, b_a+b_b) / ((b_b+i) B(1+i, b_b) B(a_a, b_a)),
    each term in logs (lgamma is accurate to ~1e-12 here, far below the 2-3 printed digits).
    """
    log_b_a = log_beta(a_a, b_a)
    return sum(
        math.exp(log_beta(a_a + i, b_a + b_b) - math.log(b_b + i) - log_beta(1 + i, b_b) - log_b_a)
        for i in range(a_b)
    )


def expected_shortfall(a_x: int, b_x: int, a_y: int, b_y: int) -> float:
    """E[max(X - Y, 0)] for independent X ~ Beta(a_x, b_x), Y ~ Beta(a_y, b_y), in closed form.

    E[X 1{X>Y}] = E[X] P(X+ > Y) with X+ ~ Beta(a_x+1, b_x), because x f_{a,b}(x) = a/(a+b) f_{a+1,b}(x);
    likewise E[Y 1{X>Y}] = E[Y] P(X > Y+).
    """
    mean_x, mean_y = a_x / (a_x + b_x), a_y / (a_y + b_y)
    return mean_x * prob_b_beats_a(a_y, b_y, a_x + 1, b_x) - mean_y * prob_b_beats_a(a_y + 1, b_y, a_x, b_x)


def beta_pdf(x: float, a: float, b: float, log_b: float) -> float:
    if x <= 0.0 or x >= 1.0:
        return 0.0
    return math.exp((a - 1) * math.log(x) + (b - 1) * math.log(1 - x) - log_b)


def compare_by_quadrature(a_x, b_x, a_y, b_y, lo: float, hi: float, steps: int) -> tuple[float, float]:
    """(P(X > Y), E[max(X - Y, 0)]) by quadrature, independently of the closed forms above.

    Uses P(X>Y) = ∫ f_X(x) F_Y(x) dx and E[max(X-Y,0)] = ∫ f_X(x) [x F_Y(x) - ∫_0^x y f_Y(y) dy] dx,
    with running trapezoid sums over [lo, hi], which must hold all but a negligible part of both densities.
    """
    log_bx, log_by = log_beta(a_x, b_x), log_beta(a_y, b_y)
    h = (hi - lo) / steps
    prob = shortfall = cdf_y = partial_mean_y = 0.0
    prev_x = prev_fy = 0.0
    for i in range(steps + 1):
        x = lo + i * h
        fy = beta_pdf(x, a_y, b_y, log_by)
        if i:
            cdf_y += h * (fy + prev_fy) / 2
            partial_mean_y += h * (x * fy + prev_x * prev_fy) / 2
        weight = (h / 2 if i in (0, steps) else h) * beta_pdf(x, a_x, b_x, log_bx)
        prob += weight * cdf_y
        shortfall += weight * (x * cdf_y - partial_mean_y)
        prev_x, prev_fy = x, fy
    return prob, shortfall


# ------------------------------------------------------------------ CUPED


def test_cuped_variance_factor_and_sample_size():
    stated("cuped-variance-reduction", "$\\rho = 0.6$", "$\\rho^2 = 0.36$", "36%", "10,000", "6,400", "\\sqrt{0.64} = 0.8")
    rho = 0.6
    factor = 1 - rho**2
    assert math.isclose(factor, 0.64)
    assert round((1 - factor) * 100) == 36
    assert round(10_000 * factor) == 6_400  # n is proportional to the variance
    assert math.isclose(math.sqrt(factor), 0.8)


def test_cuped_theta_minimises_variance_on_simulated_data():
    text = read("cuped-variance-reduction")
    assert "\\mathrm{var}(Y)\\,(1-\\rho^2)" in text
    # Simulated users whose sample correlation is made exactly 0.6 (noise orthogonalised against x),
    # so the 0.64 factor is checked to rounding error rather than to sampling error.
    rng = random.Random(7)
    n, rho = 2_000, 0.6
    xs = [rng.gauss(0, 1) for _ in range(n)]
    es = [rng.gauss(0, 1) for _ in range(n)]

    def centre_and_scale(v):
        m = sum(v) / n
        c = [a - m for a in v]
        s = math.sqrt(sum(a * a for a in c) / n)
        return [a / s for a in c]

    xs = centre_and_scale(xs)
    es = centre_and_scale(es)
    proj = sum(x * e for x, e in zip(xs, es)) / n
    es = centre_and_scale([e - proj * x for x, e in zip(xs, es)])
    ys = [rho * x + math.sqrt(1 - rho**2) * e for x, e in zip(xs, es)]

    mx, my = sum(xs) / n, sum(ys) / n
    cov = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / n
    var_x = sum((x - mx) ** 2 for x in xs) / n
    var_y = sum((y - my) ** 2 for y in ys) / n
    theta = cov / var_x

    def var_adj(t: float) -> float:
        adj = [y - t * x for x, y in zip(xs, ys)]
        m = sum(adj) / n
        return sum((a - m) ** 2 for a in adj) / n

    r = cov / math.sqrt(var_x * var_y)
    assert math.isclose(r, rho, rel_tol=1e-9)
    assert math.isclose(var_adj(theta), var_y * (1 - r**2), rel_tol=1e-9)
    assert math.isclose(var_adj(theta) / var_y, 0.64, rel_tol=1e-9)
    assert var_adj(theta) < min(var_adj(theta - 0.1), var_adj(theta + 0.1))


# ------------------------------------------------------- other variance reduction


def test_triggered_analysis_dilution_costs_tenfold_traffic():
    stated("variance-reduction-stratification-capping-triggering", "10% trigger", "diluted tenfold", "10 times the traffic")
    f = Fraction(1, 10)  # share of users who trigger
    # n per arm to detect effect d with per-user variance s2 is proportional to s2 / d^2
    triggered_users_needed = Fraction(1)  # ∝ s2 / delta^2, in units of s2/delta^2
    traffic_triggered = triggered_users_needed / f  # all users must arrive to collect them
    traffic_all_users = triggered_users_needed / f**2  # effect diluted to f * delta
    assert traffic_all_users / traffic_triggered == 10


def test_law_of_total_variance_behind_stratification():
    text = read("variance-reduction-stratification-capping-triggering")
    assert "\\mathbb{E}\\left[\\mathrm{var}(Y \\mid S)\\right] + \\mathrm{var}\\left(\\mathbb{E}[Y \\mid S]\\right)" in text
    strata = {"a": [1, 2, 3, 6], "b": [10, 12, 14, 16]}
    pooled = [y for ys in strata.values() for y in ys]

    def pvar(v):
        m = Fraction(sum(v), len(v))
        return sum((Fraction(y) - m) ** 2 for y in v) / len(v)

    weights = {k: Fraction(len(v), len(pooled)) for k, v in strata.items()}
    within = sum(weights[k] * pvar(v) for k, v in strata.items())
    means = {k: Fraction(sum(v), len(v)) for k, v in strata.items()}
    grand = Fraction(sum(pooled), len(pooled))
    between = sum(weights[k] * (means[k] - grand) ** 2 for k in strata)
    assert pvar(pooled) == within + between
    assert within < pvar(pooled)


# ------------------------------------------------------------- sequential tests


def crossing_probability(bounds: list[float], h: float = 0.1) -> float:
    """P(|Z_k| > b_k at some look k) under H0, for equally spaced looks, by numerical integration.

    Z_k = S_k / sqrt(k), with S_k a sum of k independent N(0, 1) increments. The density of S_k
    on the paths still inside the boundaries is propagated look by look (the Armitage-McPherson-Rowe
    recursion), each integral by Simpson's rule on a grid of step about h: at h = 0.1 the result
    agrees with h = 0.025 to about 3e-7.
    """
    def phi(x: float) -> float:
        return math.exp(-x * x / 2) / math.sqrt(2 * math.pi)

    grid = density = weights = None
    for k, b in enumerate(bounds, start=1):
        half = b * math.sqrt(k)  # the boundary on the S_k scale
        n = 2 * math.ceil(half / h)  # an even number of Simpson intervals
        step = 2 * half / n
        new_grid = [-half + i * step for i in range(n + 1)]
        if density is None:
            new_density = [phi(s) for s in new_grid]
        else:
            weighted = [w * f for w, f in zip(weights, density)]
            new_density = [sum(wf * phi(s - u) for wf, u in zip(weighted, grid)) for s in new_grid]
        weights = [step / 3 * (1 if i in (0, n) else 4 if i % 2 else 2) for i in range(n + 1)]
        grid, density = new_grid, new_density
    return 1 - sum(w * f for w, f in zip(weights, density))


def _paths(n_paths: int, looks: int = 5) -> list[list[float]]:
    rng = random.Random(2026)
    out = []
    for _ in range(n_paths):
        s, zs = 0.0, []
        for k in range(1, looks + 1):
            s += rng.gauss(0, 1)
            zs.append(s / math.sqrt(k))
        out.append(zs)
    return out


def _crossing_rate(paths: list[list[float]], bounds: list[float]) -> float:
    hits = sum(any(abs(z) > b for z, b in zip(zs, bounds)) for zs in paths)
    return hits / len(paths)


def test_group_sequential_boundaries_keep_alpha_at_five_percent():
    stated(
        "sequential-testing-alpha-spending-msprt",
        "about 14%",
        "4.56, 3.23, 2.63, 2.28 and 2.04",
        "2.41 at every look",
        "about 0.0056 of the 0.05",
    )
    # a single look is exact: P(|Z| > 1.96) = 0.05, which checks the integrator's normalisation
    assert math.isclose(crossing_probability([1.96]), 2 - 2 * Z.cdf(1.96), abs_tol=1e-6)
    # five unadjusted looks
    naive = crossing_probability([1.96] * 5)
    assert round(naive * 100) == 14
    # classic O'Brien-Fleming: c * sqrt(K / k) with c = 2.040 (Jennison and Turnbull's constant)
    obf = [2.040 * math.sqrt(5 / k) for k in range(1, 6)]
    assert [round(b, 2) for b in obf] == [4.56, 3.23, 2.63, 2.28, 2.04]
    assert abs(crossing_probability(obf) - 0.05) < 0.0002
    # and the constant that gives exactly 0.05 rounds to 2.04: alpha is too big below, too small above
    def obf_alpha(c: float) -> float:
        return crossing_probability([c * math.sqrt(5 / k) for k in range(1, 6)])

    assert obf_alpha(2.035) > 0.05 > obf_alpha(2.045)
    # Pocock: constant 2.413, and the exact constant rounds to 2.41 as printed
    assert abs(crossing_probability([2.413] * 5) - 0.05) < 0.0002
    assert crossing_probability([2.405] * 5) > 0.05 > crossing_probability([2.415] * 5)
    # an O'Brien-Fleming shape anchored at 1.96 would overshoot: the adjustment is needed
    assert crossing_probability([1.96 * math.sqrt(5 / k) for k in range(1, 6)]) > 0.055
    # Monte Carlo cross-check of the integrator: 10,000 seeded paths, within 4 standard errors
    paths = _paths(10_000)
    for bounds in ([1.96] * 5, obf):
        exact = crossing_probability(bounds)
        se = math.sqrt(exact * (1 - exact) / len(paths))
        assert abs(_crossing_rate(paths, bounds) - exact) < 4 * se


def test_obrien_fleming_spending_function_at_half_information():
    text = read("sequential-testing-alpha-spending-msprt")
    assert "2 - 2\\,\\Phi\\left(\\frac{z_{1-\\alpha/2}}{\\sqrt{t}}\\right)" in text
    z = Z.inv_cdf(0.975)

    def spend(t: float) -> float:
        return 2 - 2 * Z.cdf(z / math.sqrt(t))

    assert round(spend(0.5), 4) == 0.0056
    assert math.isclose(spend(1.0), 0.05, abs_tol=1e-9)
    # "close to, not equal to, the classic ones": at the first of five equal looks the spending
    # function's boundary is Phi^{-1}(1 - spend(0.2)/2) = 1.96/sqrt(0.2), against the classic 4.56
    assert "close to, not equal to, the classic ones" in text
    first = Z.inv_cdf(1 - spend(0.2) / 2)
    assert math.isclose(first, z / math.sqrt(0.2), rel_tol=1e-6)
    assert 0.1 < 2.040 * math.sqrt(5) - first < 0.3


def bernoulli_crossing_probability(statistic, p0: float, n_steps: int, level: float) -> float:
    """P_H0(statistic(n, k) >= level for some n <= n_steps), exactly.

    Data are Bernoulli(p0) conversions and k counts them among the first n, so every path is a
    walk on the (n, k) lattice: a dynamic programme carries the probability of each state on the
    paths that have not crossed yet, with no sampling error.
    """
    alive, crossed = [1.0], 0.0
    for n in range(1, n_steps + 1):
        nxt = [0.0] * (n + 1)
        for k, mass in enumerate(alive):
            nxt[k] += mass * (1 - p0)
            nxt[k + 1] += mass * p0
        for k in range(n + 1):
            if nxt[k] and statistic(n, k) >= level:
                crossed += nxt[k]
                nxt[k] = 0.0
        alive = nxt
    assert math.isclose(crossed + sum(alive), 1.0, rel_tol=1e-9)
    return crossed


def test_ville_inequality_for_likelihood_ratio_martingales():
    """A likelihood ratio, plain or mixed over effects (the mSPRT), crosses 1/alpha under H0 w.p. <= alpha."""
    text = read("sequential-testing-alpha-spending-msprt")
    assert "\\Lambda_n \\ge \\frac{1}{\\alpha}" in text
    alpha, p0, n_steps = 0.05, 0.10, 400
    a, b = 1, 9  # mixing density h: Beta(1, 9) over the conversion rate, with mean p0

    def log_mixture_lr(n: int, k: int) -> float:
        return log_beta(a + k, b + n - k) - log_beta(a, b) - k * math.log(p0) - (n - k) * math.log(1 - p0)

    def log_simple_lr(n: int, k: int, p1: float = 0.15) -> float:
        return k * math.log(p1 / p0) + (n - k) * math.log((1 - p1) / (1 - p0))

    # the mixture ratio has mean one under H0, exactly (here after 20 users)
    q, m = Fraction(1, 10), 20
    assert float(q) == p0

    def mixture_lr(k: int) -> Fraction:
        return beta_fn(a + k, b + m - k) / beta_fn(a, b) / (q**k * (1 - q) ** (m - k))

    assert sum(math.comb(m, k) * q**k * (1 - q) ** (m - k) * mixture_lr(k) for k in range(m + 1)) == 1
    for log_lr in (log_mixture_lr, log_simple_lr):
        p = bernoulli_crossing_probability(log_lr, p0, n_steps, math.log(1 / alpha))
        assert 0.01 < p <= alpha  # Ville's bound holds, and is not vacuous here
    # the contrast: a plain |z| > 1.96 test repeated every 50 users crosses far more often than alpha
    def naive_z(n: int, k: int) -> float:
        if n % 50:
            return -math.inf
        z = (k / n - p0) / math.sqrt(p0 * (1 - p0) / n)
        return abs(z) - 1.96

    assert bernoulli_crossing_probability(naive_z, p0, n_steps, 0.0) > 2 * alpha


# ------------------------------------------------------------------ interference


def test_cluster_design_effect_doubles_sample():
    stated("interference-marketplace-network-experiments", "clusters of 51 users", "correlation 0.02 double")
    m, icc = 51, 0.02
    design_effect = 1 + (m - 1) * icc
    assert math.isclose(design_effect, 2.0)


# ------------------------------------------------------------------ metric drop


def test_mix_shift_explains_a_five_percent_drop():
    stated("metric-drop-investigation", "2% and desktop at 6%", "from 50% to 55%", "from 4.0% to 3.8%", "a 5% drop")
    rate = {"mobile": Fraction(2, 100), "desktop": Fraction(6, 100)}
    before = {"mobile": Fraction(50, 100), "desktop": Fraction(50, 100)}
    after = {"mobile": Fraction(55, 100), "desktop": Fraction(45, 100)}
    overall_before = sum(before[k] * rate[k] for k in rate)
    overall_after = sum(after[k] * rate[k] for k in rate)
    assert overall_before == Fraction(4, 100)
    assert overall_after == Fraction(38, 1000)
    assert (overall_before - overall_after) / overall_before == Fraction(5, 100)
    # decomposition: the change is all mix, no rate change
    mix = sum((after[k] - before[k]) * rate[k] for k in rate)
    assert mix == overall_after - overall_before


# ---------------------------------------------------------------------- SRM


def test_sample_ratio_mismatch_chi_squared():
    stated("sample-ratio-mismatch", "50,000", "48,800", "49,400", "600^2", "14.57", "0.00013", "50.6%", "49.4%")
    observed = (50_000, 48_800)
    n = sum(observed)
    expected = n / 2
    assert expected == 49_400
    assert observed[0] - expected == 600
    chi2 = sum((o - expected) ** 2 / expected for o in observed)
    close(chi2, "14.57")
    p = chi2_sf_1df(chi2)
    close(p, "0.00013")
    assert p < 0.001
    assert round(100 * observed[0] / n, 1) == 50.6
    assert round(100 * observed[1] / n, 1) == 49.4


# ----------------------------------------------------------- Thompson vs UCB


def test_ucb1_scores():
    stated("thompson-sampling-vs-ucb", "$t = 120$", "12 of 100", "3 of 20", "0.12 + 0.309 = 0.429", "0.15 + 0.692 = 0.842")
    t = 120
    bonus_a = math.sqrt(2 * math.log(t) / 100)
    bonus_b = math.sqrt(2 * math.log(t) / 20)
    close(bonus_a, "0.309")
    close(bonus_b, "0.692")
    close(12 / 100 + bonus_a, "0.429")
    close(3 / 20 + bonus_b, "0.842")
    assert 3 / 20 + bonus_b > 12 / 100 + bonus_a


def test_thompson_posteriors_and_selection_probability():
    stated("thompson-sampling-vs-ucb", "Beta(13, 89)", "Beta(4, 18)", "0.127 and 0.182", "\\approx 0.72", "about 72%")
    a_a, b_a = 1 + 12, 1 + 100 - 12
    a_b, b_b = 1 + 3, 1 + 20 - 3
    assert (a_a, b_a, a_b, b_b) == (13, 89, 4, 18)
    close(a_a / (a_a + b_a), "0.127")
    close(a_b / (a_b + b_b), "0.182")
    p = prob_b_beats_a(a_a, b_a, a_b, b_b)
    close(p, "0.72")
    # exact rational form of the same sum, and an independent quadrature
    exact = sum(
        beta_fn(a_a + i, b_a + b_b) / ((b_b + i) * beta_fn(1 + i, b_b) * beta_fn(a_a, b_a)) for i in range(a_b)
    )
    assert math.isclose(p, float(exact), rel_tol=1e-9)
    by_quadrature, _ = compare_by_quadrature(a_b, b_b, a_a, b_a, 0.0, 1.0, 4_000)
    assert math.isclose(p, by_quadrature, abs_tol=1e-5)
    # Thompson's own rule, simulated: draw from both posteriors, play the larger draw.
    # 10,000 seeded draws; the tolerance is 4 binomial standard errors (about 0.018).
    rng = random.Random(5)
    draws = 10_000
    wins = sum(rng.betavariate(a_b, b_b) > rng.betavariate(a_a, b_a) for _ in range(draws))
    assert abs(wins / draws - p) < 4 * math.sqrt(p * (1 - p) / draws)


# ---------------------------------------------------------------- propensity


HEAVY_LIGHT = [
    # (stratum size, propensity, mean if treated, mean if control)
    (100, Fraction(8, 10), 10, 8),
    (100, Fraction(2, 10), 4, 3),
]


def _units():
    """Expand the table into (e, T, Y) rows."""
    rows = []
    for size, e, y1, y0 in HEAVY_LIGHT:
        n_t = int(size * e)
        rows += [(e, 1, y1)] * n_t + [(e, 0, y0)] * (size - n_t)
    return rows


def test_ipw_worked_example():
    stated(
        "propensity-score-weighting",
        "$8.8 - 4.0 = 4.8$",
        "(800/0.8 + 80/0.2)/200 = 7.0",
        "(160/0.2 + 240/0.8)/200 = 5.5",
        "an effect of 1.5",
        "effects 2 and 1",
    )
    rows = _units()
    n = len(rows)
    assert n == 200
    treated = [y for _, t, y in rows if t]
    control = [y for _, t, y in rows if not t]
    naive_t = Fraction(sum(treated), len(treated))
    naive_c = Fraction(sum(control), len(control))
    assert (naive_t, naive_c, naive_t - naive_c) == (Fraction(88, 10), 4, Fraction(48, 10))
    ipw_t = sum(Fraction(y) / e for e, t, y in rows if t) / n
    ipw_c = sum(Fraction(y) / (1 - e) for e, t, y in rows if not t) / n
    assert ipw_t == 7 and ipw_c == Fraction(11, 2)
    assert ipw_t - ipw_c == Fraction(3, 2)
    true_ate = sum(Fraction(size, n) * (y1 - y0) for size, _, y1, y0 in HEAVY_LIGHT)
    assert true_ate == ipw_t - ipw_c


def test_clipping_caps_weights():
    stated("propensity-score-weighting", "[0.05, 0.95]", "at 20")
    lo, hi = Fraction(5, 100), Fraction(95, 100)
    assert max(1 / lo, 1 / (1 - hi)) == 20


# ------------------------------------------------------------------- AIPW


def _aipw(rows, mu1, mu0, e_hat) -> Fraction:
    total = Fraction(0)
    for e, t, y in rows:
        m1, m0, eh = mu1(e), mu0(e), e_hat(e)
        total += m1 - m0 + t * (y - m1) / eh - (1 - t) * (y - m0) / (1 - eh)
    return total / len(rows)


def test_aipw_double_robustness_on_the_ipw_table():
    stated("doubly-robust-aipw-estimator", "reduces exactly to IPW")
    rows = _units()
    true_mu1 = {Fraction(8, 10): 10, Fraction(2, 10): 4}
    true_mu0 = {Fraction(8, 10): 8, Fraction(2, 10): 3}
    right_mu1, right_mu0 = true_mu1.__getitem__, true_mu0.__getitem__

    def zero(_e):
        return Fraction(0)

    def right_e(e):
        return e

    def wrong_e(_e):
        return Fraction(1, 2)

    def wrong_mu(_e):
        return Fraction(5)

    # wrong (zero) outcome model, right propensities: equals IPW = 1.5
    assert _aipw(rows, zero, zero, right_e) == Fraction(3, 2)
    # right outcome model, wrong propensities: still 1.5
    assert _aipw(rows, right_mu1, right_mu0, wrong_e) == Fraction(3, 2)
    # both wrong: biased
    assert _aipw(rows, wrong_mu, zero, wrong_e) != Fraction(3, 2)


# --------------------------------------------------------------------- DiD


def test_difference_in_differences_two_by_two():
    stated("difference-in-differences", "from 200 to 260", "from 150 to 180", "(260 - 200) - (180 - 150) = 30", "+60", "+30")
    treated_pre, treated_post, control_pre, control_post = 200, 260, 150, 180
    assert treated_post - treated_pre == 60
    assert control_post - control_pre == 30
    assert (treated_post - treated_pre) - (control_post - control_pre) == 30
    # same answer from the saturated regression Y = a + b Treat + g Post + tau Treat*Post
    a = control_pre
    b = treated_pre - control_pre
    g = control_post - control_pre
    tau = treated_post - (a + b + g)
    assert tau == 30


# -------------------------------------------------------- synthetic control


def test_synthetic_control_placebo_p_value_floor():
    stated("synthetic-control-method", "With 19 donors", "$1/20 = 0.05$")
    donors = 19
    assert Fraction(1, donors + 1) == Fraction(5, 100)


# ------------------------------------------------------------------------ RD


def test_fuzzy_rd_wald_ratio():
    stated("regression-discontinuity-design", "jumps by 3", "from 20% to 80%", "$3/0.6 = 5$")
    jump_y = Fraction(3)
    jump_t = Fraction(80, 100) - Fraction(20, 100)
    assert jump_t == Fraction(6, 10)
    assert jump_y / jump_t == 5


# ---------------------------------------------------------------------- OPE


def test_epsilon_greedy_propensities_and_weight():
    stated("off-policy-evaluation-ips-dr", "$\\epsilon = 0.1$", "over 10 items", "probability 0.01", "weight 100")
    eps, k = Fraction(1, 10), 10
    non_greedy = eps / k
    greedy = 1 - eps + eps / k
    assert non_greedy == Fraction(1, 100)
    assert greedy + (k - 1) * non_greedy == 1
    assert 1 / non_greedy == 100  # target policy puts probability 1 on that item


def test_mean_importance_weight_is_one_and_snips_stays_in_range():
    stated("off-policy-evaluation-ips-dr", "$\\mathbb{E}[w] = 1$", "within the range of observed rewards")
    mu = [Fraction(91, 100)] + [Fraction(1, 100)] * 9
    pi = [Fraction(0)] * 5 + [Fraction(1, 5)] * 5
    assert sum(m * (p / m) for m, p in zip(mu, pi)) == 1
    rewards = [Fraction(r, 10) for r in (3, 9, 1, 4, 7, 2, 8, 5, 6, 0)]
    w = [p / m for m, p in zip(mu, pi)]
    snips = sum(wi * r for wi, r in zip(w, rewards)) / sum(w)
    assert min(rewards) <= snips <= max(rewards)


# ------------------------------------------------------------ Bayesian A/B


def test_bayesian_ab_posteriors_probability_and_expected_loss():
    stated(
        "bayesian-ab-testing-expected-loss",
        "200 of 2,000",
        "230 of 2,000",
        "Beta(201, 1801)",
        "Beta(231, 1771)",
        "\\approx 0.94",
        "\\approx 0.00027",
        "about 0.0153",
        "say 0.0005",
        "other 6%",
    )
    a_a, b_a = 1 + 200, 1 + 2_000 - 200
    a_b, b_b = 1 + 230, 1 + 2_000 - 230
    assert (a_a, b_a, a_b, b_b) == (201, 1801, 231, 1771)
    p = prob_b_beats_a(a_a, b_a, a_b, b_b)
    close(p, "0.94")
    assert round(100 * (1 - p)) == 6
    loss_ship_b = expected_shortfall(a_a, b_a, a_b, b_b)  # E[max(pA - pB, 0)]
    loss_keep_a = expected_shortfall(a_b, b_b, a_a, b_a)  # E[max(pB - pA, 0)]
    # cross-check the closed forms by quadrature; both posteriors lie well inside [0.05, 0.2]
    # (more than 7 standard deviations from either end)
    p_quad, keep_a_quad = compare_by_quadrature(a_b, b_b, a_a, b_a, 0.05, 0.2, 3_000)
    _, ship_b_quad = compare_by_quadrature(a_a, b_a, a_b, b_b, 0.05, 0.2, 3_000)
    assert math.isclose(p, p_quad, abs_tol=1e-5)
    assert math.isclose(loss_ship_b, ship_b_quad, abs_tol=1e-7)
    assert math.isclose(loss_keep_a, keep_a_quad, abs_tol=1e-7)
    close(loss_ship_b, "0.00027")
    close(loss_keep_a, "0.0153")
    assert loss_ship_b < 0.0005 < loss_keep_a
    # identity: E[max(B-A,0)] - E[max(A-B,0)] = E[B] - E[A]
    mean_diff = a_b / (a_b + b_b) - a_a / (a_a + b_a)
    assert math.isclose(loss_keep_a - loss_ship_b, mean_diff, abs_tol=1e-7)
