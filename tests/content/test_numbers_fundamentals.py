"""Recompute the worked numbers quoted in content/fundamentals/."""

import math

from tests.content.numbers import for_category

read, _ = for_category("fundamentals")



def test_curse_of_dimensionality_edge_lengths():
    text = read("curse-of-dimensionality")
    # Edge of a sub-cube holding 10% of uniform points in the unit hypercube: 0.1 ** (1/d).
    assert "0.1 in one dimension" in text
    assert 0.1 ** (1 / 1) == 0.1
    assert "about 0.79 in ten dimensions" in text
    assert round(0.1 ** (1 / 10), 2) == 0.79
    assert "0.98 in a hundred" in text
    assert round(0.1 ** (1 / 100), 2) == 0.98
    assert "needs 79% of each axis" in text
    assert round(100 * 0.1 ** (1 / 10)) == 79


def test_bayes_error_worked_example():
    text = read("bayes-error-rate")
    assert "$0.5 \\times 0.1 + 0.5 \\times 0.4 = 0.25$" in text
    etas = [0.9, 0.6]  # P(y=1|x) on two equally likely halves of the input space
    errors = [min(eta, 1 - eta) for eta in etas]
    assert [round(e, 10) for e in errors] == [0.1, 0.4]
    assert "wrong 10% of the time on the first half and 40% on the second" in text
    assert math.isclose(sum(0.5 * e for e in errors), 0.25)


def test_pac_realizable_sample_size():
    text = read("pac-sample-complexity")
    assert "$|\\mathcal H| = 10^6$, $\\varepsilon = 0.05$ and $\\delta = 0.05$" in text
    size, eps, delta = 10**6, 0.05, 0.05
    m = (math.log(size) + math.log(1 / delta)) / eps
    assert "at least 337" in text
    assert math.ceil(m) == 337


def test_pac_agnostic_sample_size():
    text = read("pac-sample-complexity")
    size, eps, delta = 10**6, 0.05, 0.05
    m = math.log(2 * size / delta) / (2 * eps**2)
    assert "at least 3,501" in text
    assert math.ceil(m) == 3501


def test_bic_penalty_exceeds_aic_from_n_8():
    text = read("occams-razor-model-complexity")
    assert "from n = 8 on" in text
    # BIC charges ln n per parameter, AIC charges 2: ln n > 2 exactly when n >= 8.
    assert math.log(7) < 2 < math.log(8)
    assert min(n for n in range(1, 100) if math.log(n) > 2) == 8
