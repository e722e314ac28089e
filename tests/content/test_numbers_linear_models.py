"""Recompute the worked numbers in content/linear-models/ (standard library only)."""

import math

from tests.content.numbers import for_category

read, _ = for_category("linear-models")



def sigmoid(z: float) -> float:
    return 1 / (1 + math.exp(-z))


def logit(p: float) -> float:
    return math.log(p / (1 - p))


def normal_cdf(x: float) -> float:
    return 0.5 * (1 + math.erf(x / math.sqrt(2)))


def normal_pdf(x: float) -> float:
    return math.exp(-x * x / 2) / math.sqrt(2 * math.pi)


def test_log_target_coefficient_percentage():
    text = read("interpreting-linear-regression-coefficients")
    assert "0.05" in text and "5.1%" in text
    assert round(100 * (math.exp(0.05) - 1), 1) == 5.1
    # The 100 * beta shortcut is close for small beta.
    assert abs(100 * (math.exp(0.05) - 1) - 100 * 0.05) < 0.2


def test_threshold_shifts_logistic_boundary():
    text = read("logistic-regression-sigmoid-decision-boundary")
    assert "t = 0.8" in text and "\\ln 4 \\approx 1.39" in text
    assert math.isclose(logit(0.8), math.log(4))
    assert round(logit(0.8), 2) == 1.39
    assert logit(0.5) == 0.0
    assert math.isclose(sigmoid(math.log(4)), 0.8)


def test_squared_error_punishes_confident_correct_point():
    text = read("linear-regression-for-classification")
    assert "(3 - 1)^2 = 4" in text and "scored −1" in text
    assert (3 - 1) ** 2 == 4
    assert (-1 - 1) ** 2 == 4


def test_odds_ratio_and_baseline_dependence():
    text = read("logistic-regression-odds-ratios")
    for stated in ("0.7", "\\approx 2.01", "0.2 (odds 0.25)", "about 0.33", "0.5 (odds 1)", "about 0.67"):
        assert stated in text
    assert round(math.exp(0.7), 2) == 2.01
    assert round(math.exp(-0.7), 2) == 0.50  # "roughly halves"

    def doubled(p: float) -> float:
        odds = 2 * p / (1 - p)
        return odds / (1 + odds)

    assert math.isclose(0.2 / 0.8, 0.25)
    assert round(doubled(0.2), 2) == 0.33
    assert round(doubled(0.5), 2) == 0.67
    # Same probabilities to two decimals with the exact odds ratio e^0.7.
    assert round(sigmoid(logit(0.2) + 0.7), 2) == 0.33
    assert round(sigmoid(logit(0.5) + 0.7), 2) == 0.67


def test_cooks_distance_examples():
    text = read("leverage-influence-cooks-distance")
    for stated in ("residual of 2", "p = 2", "D = 2", "leverage 0.5", "0.041", "leverage 0.02"):
        assert stated in text

    def cooks(r: float, h: float, p: int) -> float:
        return r**2 / p * h / (1 - h)

    assert math.isclose(cooks(2, 0.5, 2), 2)
    assert round(cooks(2, 0.02, 2), 3) == 0.041
    # The residual form agrees: e^2 h / (p sigma^2 (1 - h)^2) with e = r * sigma * sqrt(1 - h).
    sigma, h, r, p = 1.7, 0.02, 2.0, 2
    e = r * sigma * math.sqrt(1 - h)
    assert math.isclose(e**2 * h / (p * sigma**2 * (1 - h) ** 2), cooks(r, h, p))


def test_vif_and_standard_error_inflation():
    text = read("multicollinearity-vif")
    assert "0.9" in text and "VIF of 10" in text and "3.16" in text
    vif = 1 / (1 - 0.9)
    assert math.isclose(vif, 10)
    assert round(math.sqrt(vif), 2) == 3.16


def test_polynomial_expansion_size():
    text = read("polynomial-and-interaction-terms")
    assert "66 for $d = 10$, $k = 2$" in text
    d, k = 10, 2
    assert math.comb(d + k, k) == 66
    # Constant + linear + squares + pairwise products.
    assert 1 + d + d + d * (d - 1) // 2 == 66


def test_unit_change_rescales_coefficient():
    text = read("rescaling-features-linear-regression")
    assert "$c = 100$" in text and "2.5 per metre" in text and "0.025 per centimetre" in text
    beta_m, c = 2.5, 100
    assert math.isclose(beta_m / c, 0.025)
    x_m = 1.73
    assert math.isclose(beta_m * x_m, (beta_m / c) * (c * x_m))


def test_poisson_rate_ratio():
    text = read("poisson-regression-count-data")
    assert "0.2" in text and "\\approx 1.22" in text and "22%" in text
    assert round(math.exp(0.2), 2) == 1.22
    assert round(100 * (math.exp(0.2) - 1)) == 22


def test_huber_efficiency_at_1_345():
    text = read("robust-and-quantile-regression")
    assert "1.345" in text and "95%" in text and "80%" in text
    k = 1.345
    inside = 2 * normal_cdf(k) - 1  # P(|Z| < k) = E[psi'(Z)]
    e_psi_sq = inside - 2 * k * normal_pdf(k) + k**2 * (1 - inside)
    efficiency = inside**2 / e_psi_sq
    assert round(efficiency, 2) == 0.95
    # Quantiles 0.1 and 0.9 bound a central 80% interval.
    assert math.isclose(0.9 - 0.1, 0.8)
