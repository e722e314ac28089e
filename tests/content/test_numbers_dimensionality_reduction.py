"""Recompute the worked numbers in content/dimensionality-reduction/ (standard library only)."""

import math

from tests.content.numbers import for_category

read, _ = for_category("dimensionality-reduction")



def test_unstandardised_income_dominates_first_component():
    text = read("centring-and-scaling-before-pca")
    for stated in ("USD 20,000", "12 years", "at least 99.9999%", "4 \\times 10^{8}", "144", "> 0.999999"):
        assert stated in text
    income_var, age_var = 20_000**2, 12**2
    assert income_var == 4 * 10**8 and age_var == 144
    # The largest eigenvalue is at least the largest diagonal entry of the covariance,
    # and the eigenvalues sum to the trace, so the first ratio is at least this bound.
    bound = income_var / (income_var + age_var)
    assert bound > 0.999999
    # A correlated case for illustration: the exact top eigenvalue of a 2x2 covariance.
    cov = 0.5 * 20_000 * 12  # correlation 0.5
    tr, det = income_var + age_var, income_var * age_var - cov**2
    lam1 = tr / 2 + math.sqrt(tr**2 / 4 - det)
    assert lam1 / tr >= bound


def test_explained_variance_ratios_and_component_counts():
    text = read("explained-variance-choosing-components")
    eigenvalues = [2.4, 1.5, 0.9, 0.6, 0.36, 0.24]
    assert "2.4, 1.5, 0.9, 0.6, 0.36 and 0.24" in text
    assert "They sum to 6" in text
    assert math.isclose(sum(eigenvalues), 6.0)
    ratios = [round(100 * v / sum(eigenvalues)) for v in eigenvalues]
    assert ratios == [40, 25, 15, 10, 6, 4]
    assert "40%, 25%, 15%, 10%, 6% and 4%" in text
    cumulative = [sum(ratios[: i + 1]) for i in range(len(ratios))]
    assert cumulative == [40, 65, 80, 90, 96, 100]
    assert "40%, 65%, 80%, 90%, 96% and 100%" in text

    def keep(threshold):
        return next(k for k, c in enumerate(cumulative, start=1) if c >= threshold)

    assert keep(90) == 4 and "90% keeps 4 components" in text
    assert keep(95) == 5 and "95% keeps 5" in text
    assert sum(v > 1 for v in eigenvalues) == 2 and "above 1" in text and ": 2 here" in text


def test_johnson_lindenstrauss_dimension():
    text = read("random-projections-johnson-lindenstrauss")
    assert "about 7,900 dimensions for 10,000 points at ε = 0.1" in text
    n, eps = 10_000, 0.1
    k = 4 * math.log(n) / (eps**2 / 2 - eps**3 / 3)
    assert 7_894 < k < 7_895
    assert round(k, -2) == 7_900
