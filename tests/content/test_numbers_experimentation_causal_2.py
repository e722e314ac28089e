"""Recompute the worked numbers of the second batch of content/experimentation-causal/ questions.

Each test reads one question file, checks that the number the answer states is really
there, and recomputes it from first principles (standard library only).
"""

from __future__ import annotations

import hashlib
import math
import random
from fractions import Fraction
from statistics import NormalDist

from tests.content.numbers import close, for_category

read, stated = for_category("experimentation-causal")
Z = NormalDist()


def two_sided_p(z: float) -> float:
    return 2 * (1 - Z.cdf(abs(z)))


# ------------------------------------------------------- instrumental variables


def test_wald_estimate_recovers_the_complier_effect():
    qid = "instrumental-variables-wald-late"
    stated(qid, "40% among emailed users and 10% among the rest", "5.6 against 5.0", "0.6", "0.3", "2 sessions", "the 30%")
    # A population of principal strata. Shares are fixed by the adoption rates: with no defiers,
    # always-takers adopt whatever Z is (10%), compliers adopt only if emailed (40% - 10% = 30%).
    p_adopt_z1, p_adopt_z0 = Fraction(40, 100), Fraction(10, 100)
    share = {"always": p_adopt_z0, "complier": p_adopt_z1 - p_adopt_z0}
    share["never"] = 1 - share["always"] - share["complier"]
    assert share["complier"] == Fraction(30, 100)
    # Untreated outcomes differ by stratum (confounding); effects differ too (heterogeneity).
    y0 = {"always": Fraction(7), "complier": Fraction(5)}
    effect = {"always": Fraction(3), "complier": Fraction(2), "never": Fraction(-1)}  # never-takers' effect is never seen
    # never-takers' baseline chosen so the unemailed mean is 5.0, as in the answer
    y0["never"] = (Fraction(5) - share["always"] * (y0["always"] + effect["always"]) - share["complier"] * y0["complier"]) / share["never"]

    def mean_outcome(z: int) -> Fraction:
        treated = {"always": True, "complier": z == 1, "never": False}
        return sum(share[s] * (y0[s] + (effect[s] if treated[s] else 0)) for s in share)

    def adoption(z: int) -> Fraction:
        return share["always"] + (share["complier"] if z == 1 else 0)

    assert mean_outcome(0) == Fraction(5)
    assert mean_outcome(1) == Fraction(56, 10)
    itt = mean_outcome(1) - mean_outcome(0)
    first_stage = adoption(1) - adoption(0)
    assert itt == Fraction(6, 10) and first_stage == Fraction(3, 10)
    wald = itt / first_stage
    assert wald == 2 == effect["complier"]  # the LATE, not the always-takers' 3
    # the naive adopters-versus-rest comparison among the emailed is confounded and far from 2
    adopters = (share["always"] * (y0["always"] + effect["always"]) + share["complier"] * (y0["complier"] + effect["complier"])) / adoption(1)
    naive = adopters - y0["never"]
    assert abs(naive - 2) > 1


def test_exclusion_violation_is_amplified_by_the_first_stage():
    stated("instrumental-variables-wald-late", "$0.06 / 0.3 = 0.2$")
    direct, first_stage = Fraction(6, 100), Fraction(3, 10)
    # a direct effect of the email adds to the reduced form only, so the ratio moves by direct/first_stage
    biased = (Fraction(6, 10) + direct) / first_stage
    assert biased - 2 == direct / first_stage == Fraction(2, 10)


# ---------------------------------------------------------- collider / Berkson


def test_selection_on_a_collider_erases_the_score_signal():
    qid = "collider-selection-bias-berksons-paradox"
    stated(qid, "2% (both high)", "6% (high $S$ only)", "4% (high $H$ only)", "20% (both low)",
           "default at 4%, low scores at 12%, a threefold gap", "both groups default at 4%")
    default = {("hi", "hi"): Fraction(2, 100), ("hi", "lo"): Fraction(6, 100),
               ("lo", "hi"): Fraction(4, 100), ("lo", "lo"): Fraction(20, 100)}  # keyed (S, H)
    share = {cell: Fraction(1, 4) for cell in default}  # S and H independent, each high for half

    def approved(cell) -> bool:
        return "hi" in cell  # approve anyone high on either

    def rate(s: str, only_approved: bool) -> Fraction:
        cells = [c for c in default if c[0] == s and (approved(c) or not only_approved)]
        mass = sum(share[c] for c in cells)
        return sum(share[c] * default[c] for c in cells) / mass

    assert rate("hi", False) == Fraction(4, 100)
    assert rate("lo", False) == Fraction(12, 100)
    assert rate("lo", False) / rate("hi", False) == 3
    assert rate("hi", True) == rate("lo", True) == Fraction(4, 100)
    # P(H high | S low, approved) = 1, against 0.5 in the population: conditioning made S and H dependent
    approved_low = [c for c in default if c[0] == "lo" and approved(c)]
    assert sum(share[c] for c in approved_low if c[1] == "hi") / sum(share[c] for c in approved_low) == 1
    assert sum(share[c] for c in default if c == ("lo", "hi")) / sum(share[c] for c in default if c[0] == "lo") == Fraction(1, 2)
    text = read(qid)
    assert "= 1 \\neq P(H = \\text{high} \\mid S = \\text{low}) = 0.5" in text
    assert "admits the 20% group" in text


# ------------------------------------------------------------------- A/A tests


def test_aa_false_positive_count_spread():
    qid = "aa-tests-platform-validation"
    stated(qid, "1,000 simulated A/A runs", "expect 50 significant", "about 6.9", "Seeing 80 is more than four standard deviations out")
    m, alpha = 1000, 0.05
    mean = m * alpha
    sd = math.sqrt(m * alpha * (1 - alpha))
    assert mean == 50
    close(sd, "6.9")
    assert (80 - mean) / sd > 4
    # exact binomial tail: 80 or more significant runs is essentially impossible for a sound pipeline
    tail = sum(math.comb(m, k) * alpha**k * (1 - alpha) ** (m - k) for k in range(80, m + 1))
    assert tail < 1e-4


def test_aa_p_values_uniform_when_the_variance_is_right():
    # a small simulation of the check the answer describes: a correct z-test gives ~5% false positives
    rng = random.Random(11)
    runs, n = 1000, 30
    hits = 0
    for _ in range(runs):
        a = [rng.gauss(0, 1) for _ in range(n)]
        b = [rng.gauss(0, 1) for _ in range(n)]
        z = (sum(a) / n - sum(b) / n) / math.sqrt(2 / n)
        hits += two_sided_p(z) < 0.05
    rate = hits / runs
    assert abs(rate - 0.05) < 4 * math.sqrt(0.05 * 0.95 / runs)


def test_aa_per_view_analysis_of_user_randomised_data_over_rejects():
    text = read("aa-tests-platform-validation")
    assert "per-page-view metric analysed as if views were independent" in text
    # users randomised, 5 correlated views each (rho = 0.5), views treated as independent:
    # the naive standard error is too small by sqrt(1 + 4 * 0.5) = sqrt(3), so far more than 5% reject
    rng = random.Random(3)
    runs, users, views, rho = 400, 20, 5, 0.5
    hits = 0
    for _ in range(runs):
        arms = []
        for _arm in range(2):
            obs = []
            for _u in range(users):
                u = rng.gauss(0, math.sqrt(rho))
                obs += [u + rng.gauss(0, math.sqrt(1 - rho)) for _ in range(views)]
            arms.append(obs)
        n = users * views
        z = (sum(arms[0]) / n - sum(arms[1]) / n) / math.sqrt(2 / n)  # per-view variance 1, wrongly independent
        hits += two_sided_p(z) < 0.05
    expected = 2 * (1 - Z.cdf(1.96 / math.sqrt(1 + (views - 1) * rho)))
    assert expected > 0.2
    assert abs(hits / runs - expected) < 4 * math.sqrt(expected * (1 - expected) / runs)


# ------------------------------------------------------------------ interleaving


def team_draft(ranker_a: list[str], ranker_b: list[str], k: int, rng: random.Random) -> list[tuple[str, str]]:
    """Team-draft interleaving as described: per round a coin flip picks who goes first;
    each adds its highest-ranked item not yet shown, tagged with its team."""
    shown: list[tuple[str, str]] = []
    seen: set[str] = set()

    def pick(team: str, ranking: list[str]) -> None:
        for item in ranking:
            if item not in seen:
                seen.add(item)
                shown.append((item, team))
                return

    while len(shown) < k:
        order = [("A", ranker_a), ("B", ranker_b)]
        if rng.random() < 0.5:
            order.reverse()
        for team, ranking in order:
            if len(shown) < k:
                pick(team, ranking)
    return shown


def test_team_draft_sign_test():
    qid = "interleaving-team-draft-rankers"
    stated(qid, "1,000 queries", "A wins 540 and B 460", "$z = 40/\\sqrt{250} \\approx 2.53$", "$p \\approx 0.011$")
    w_a, w_b = 540, 460
    n = w_a + w_b
    z = (w_a - n / 2) / math.sqrt(n / 4)
    assert w_a - n / 2 == 40 and n / 4 == 250
    close(z, "2.53")
    close(two_sided_p(z), "0.011")
    # the exact binomial (sign) test agrees to the printed precision's order
    exact = 2 * sum(math.comb(n, k) for k in range(w_a, n + 1)) / 2**n
    assert 0.01 < exact < 0.014


def test_team_draft_balances_teams_and_an_aa_interleave_splits_evenly():
    rng = random.Random(5)
    a = [f"d{i}" for i in range(20)]
    b = [f"d{i}" for i in (1, 0, 3, 2, 5, 4, 7, 6, 9, 8, 11, 10, 13, 12, 15, 14, 17, 16, 19, 18)]
    for _ in range(200):
        merged = team_draft(a, b, 10, rng)
        teams = [t for _, t in merged]
        assert abs(teams.count("A") - teams.count("B")) <= 1  # teams stay balanced within one item
        assert len({item for item, _ in merged}) == 10
    # A ranker against itself with position-biased random clicks: wins split about 50/50
    wins = {"A": 0, "B": 0}
    for _ in range(4000):
        merged = team_draft(a, a, 10, rng)
        credit = {"A": 0, "B": 0}
        for pos, (_, team) in enumerate(merged):
            if rng.random() < 0.5 / (pos + 1):
                credit[team] += 1
        if credit["A"] != credit["B"]:
            wins[max(credit, key=credit.get)] += 1
    total = wins["A"] + wins["B"]
    assert abs(wins["A"] / total - 0.5) < 4 * math.sqrt(0.25 / total)


# ---------------------------------------------------------------- CausalImpact


def test_causal_impact_effect_and_interval():
    qid = "causalimpact-bayesian-structural-time-series"
    stated(qid, "52,000 sign-ups", "forecast of 48,000", "45,500 to 50,500", "effect of 4,000", "about 8.3%", "1,500 to 6,500")
    actual, forecast, lo, hi = 52_000, 48_000, 45_500, 50_500
    assert actual - forecast == 4_000
    close(100 * (actual - forecast) / forecast, "8.3")
    # actual is observed, so the effect's interval is actual minus the forecast interval, reversed
    assert (actual - hi, actual - lo) == (1_500, 6_500)


def test_segmented_regression_recovers_level_and_slope_change():
    text = read("causalimpact-bayesian-structural-time-series")
    assert "\\beta_2 D_t + \\beta_3 (t - t_0)\\,D_t" in text
    # noiseless series with a level jump of 5 and a slope change of 0.5 at t0 = 20: least squares
    # on the four-column design recovers them exactly (normal equations solved with Fractions)
    t0 = 20
    rows, ys = [], []
    for t in range(40):
        d = 1 if t >= t0 else 0
        rows.append([Fraction(1), Fraction(t), Fraction(d), Fraction((t - t0) * d)])
        ys.append(Fraction(10) + Fraction(3, 10) * t + 5 * d + Fraction(1, 2) * (t - t0) * d)
    xtx = [[sum(r[i] * r[j] for r in rows) for j in range(4)] for i in range(4)]
    xty = [sum(r[i] * y for r, y in zip(rows, ys)) for i in range(4)]
    # Gauss-Jordan elimination
    aug = [[*row, v] for row, v in zip(xtx, xty)]
    for c in range(4):
        piv = next(r for r in range(c, 4) if aug[r][c] != 0)
        aug[c], aug[piv] = aug[piv], aug[c]
        aug[c] = [v / aug[c][c] for v in aug[c]]
        for r in range(4):
            if r != c:
                aug[r] = [a - aug[r][c] * b for a, b in zip(aug[r], aug[c])]
    beta = [aug[i][4] for i in range(4)]
    assert beta == [10, Fraction(3, 10), 5, Fraction(1, 2)]


# ------------------------------------------------------------ overlapping layers


def test_layers_multiply_capacity():
    qid = "overlapping-experiments-layers-interactions"
    stated(qid, "100 concurrent tests would get 1% of users each", "Ten layers of ten experiments, each taking 10% of its layer",
           "100 tests with 10% of traffic apiece, ten times")
    tests = 100
    exclusive_share = Fraction(1, tests)
    assert exclusive_share == Fraction(1, 100)
    layers, per_layer = 10, 10
    assert layers * per_layer == tests
    layered_share = Fraction(1, per_layer)
    assert layered_share == Fraction(10, 100)
    assert layered_share / exclusive_share == 10


def test_independent_salted_hashes_make_layers_independent():
    buckets = 100

    def bucket(user: int, salt: str) -> int:
        return int(hashlib.sha256(f"{salt}:{user}".encode()).hexdigest(), 16) % buckets

    users = range(4_000)
    in_a = [bucket(u, "layer-ui") < 50 for u in users]  # experiment A: treatment on half of layer 1
    in_b = [bucket(u, "layer-ranking") < 50 for u in users]  # experiment B: treatment on half of layer 2
    both = sum(a and b for a, b in zip(in_a, in_b))
    share_b_given_a = both / sum(in_a)
    assert abs(share_b_given_a - 0.5) < 4 * math.sqrt(0.25 / sum(in_a))  # B balanced across A's arms
    # the same salt in both layers would correlate them completely
    same = [bucket(u, "layer-ui") < 50 for u in users]
    assert all(a == s for a, s in zip(in_a, same))


# ------------------------------------------------------------ subgroup analysis


def test_subgroup_significance_and_bonferroni():
    qid = "subgroup-analysis-heterogeneous-effects-pitfalls"
    stated(qid, "lift of 3.0% with standard error 1.2%", "$z = 2.5$", "$p \\approx 0.012$", "$p < 0.0025$", "20 segments")
    z = 3.0 / 1.2
    assert math.isclose(z, 2.5)
    p = two_sided_p(z)
    close(p, "0.012")
    bonferroni = 0.05 / 20
    assert math.isclose(bonferroni, 0.0025)
    assert p > bonferroni
    # one false positive expected across 20 true-null segments
    assert math.isclose(20 * 0.05, 1.0)


def test_empirical_bayes_shrinkage():
    qid = "subgroup-analysis-heterogeneous-effects-pitfalls"
    stated(qid, "overall effect of 0.2%", "$\\sigma_\\tau = 0.5\\%$", "$0.25/(0.25 + 1.44) \\approx 0.15$", "shrinks to about 0.6%")
    overall, sigma_tau, est, se = 0.2, 0.5, 3.0, 1.2
    assert math.isclose(sigma_tau**2, 0.25) and math.isclose(se**2, 1.44)
    w = sigma_tau**2 / (sigma_tau**2 + se**2)
    close(w, "0.15")
    shrunk = overall + w * (est - overall)
    close(shrunk, "0.6")
    # the same number as the normal-normal posterior mean (precision weighting)
    posterior = (overall / sigma_tau**2 + est / se**2) / (1 / sigma_tau**2 + 1 / se**2)
    assert math.isclose(shrunk, posterior)


def test_interaction_needs_four_times_the_sample():
    text = read("subgroup-analysis-heterogeneous-effects-pitfalls")
    assert "twice the standard error of the overall effect" in text and "four times the sample" in text
    sigma2, n = Fraction(1), Fraction(1000)  # per-user variance, users per arm
    var_overall = sigma2 * (1 / n + 1 / n)
    var_half = sigma2 * (1 / (n / 2) + 1 / (n / 2))
    var_diff = 2 * var_half
    assert var_diff / var_overall == 4  # standard error twice as large
    # n needed scales with variance at a fixed effect: 4 times


# ------------------------------------------------------------ randomisation unit


def test_design_effect_and_deflated_z():
    qid = "randomization-unit-choice"
    stated(qid, "10 views per user", "intra-user correlation 0.1", "$1 + 9 \\times 0.1 = 1.9$", "$z = 1.96$", "about 1.42", "$p \\approx 0.16$")
    m, rho = 10, Fraction(1, 10)
    de = 1 + (m - 1) * rho
    assert de == Fraction(19, 10)
    # check the formula from the covariance matrix: var of a user's mean of m equicorrelated views
    cov_sum = sum(1 if i == j else rho for i in range(m) for j in range(m))  # unit variances
    assert cov_sum / m**2 == de / m
    z_true = 1.96 / math.sqrt(float(de))
    close(z_true, "1.42")
    close(two_sided_p(z_true), "0.16")


# ------------------------------------------------------------------- MDE / power


def test_minimum_detectable_effect_worked_example():
    qid = "minimum-detectable-effect-traffic-duration"
    stated(qid, "mean 5.00 and standard deviation 25", "1,000,000 users per arm", "\\approx 0.035", "about 0.099",
           "2.0% of the mean", "about 3.9 million per arm", "about 2.8")
    multiplier = Z.inv_cdf(0.975) + Z.inv_cdf(0.80)
    close(multiplier, "2.8")
    assert f"{multiplier:.2f}" == "2.80"
    sd, n, mean = 25, 1_000_000, 5.0
    se = sd * math.sqrt(2 / n)
    close(se, "0.035")
    mde = multiplier * se
    close(mde, "0.099")
    close(100 * mde / mean, "2.0")
    # n for a 1% MDE (0.05 absolute): n = 2 (multiplier * sd / delta)^2
    n_1pct = 2 * (multiplier * sd / (0.01 * mean)) ** 2
    assert round(n_1pct / 1e6, 1) == 3.9
    assert 3.9 < n_1pct / n < 4.0  # "four times the users", a little under because 2.0% is 1.98%


def test_sublinear_users_and_unequal_split():
    qid = "minimum-detectable-effect-traffic-duration"
    stated(qid, "40% more users", "a factor of 0.85, not 0.71", "about 2.8 times the total traffic")
    close(1 / math.sqrt(1.4), "0.85")
    close(1 / math.sqrt(2), "0.71")
    # total traffic N: variance factor 1/n_T + 1/n_C
    even = Fraction(1, 1) / Fraction(1, 2) + Fraction(1, 1) / Fraction(1, 2)  # 4/N
    skew = Fraction(1, 1) / Fraction(1, 10) + Fraction(1, 1) / Fraction(9, 10)  # 100/9 /N
    close(float(skew / even), "2.8")
