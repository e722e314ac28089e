"""Recompute the worked numbers in content/trees-and-ensembles/ (standard library only)."""

import math

from tests.content.numbers import for_category

read, _ = for_category("trees-and-ensembles")



def gini(counts):
    n = sum(counts)
    return 1 - sum((c / n) ** 2 for c in counts)


def entropy(counts):
    n = sum(counts)
    return -sum((c / n) * math.log2(c / n) for c in counts if c)


def weighted(impurity, children):
    n = sum(sum(c) for c in children)
    return sum(sum(c) / n * impurity(c) for c in children)


def variance(values):
    mean = sum(values) / len(values)
    return sum((v - mean) ** 2 for v in values) / len(values)


def test_gini_and_information_gain_of_split():
    text = read("gini-impurity-vs-entropy")
    parent, children = (5, 5), [(4, 1), (1, 4)]
    for stated in ("0.5", "1 bit", "0.32", "0.18", "0.722", "0.278"):
        assert stated in text
    assert gini(parent) == 0.5
    assert entropy(parent) == 1.0
    assert round(gini((4, 1)), 2) == 0.32
    assert round(weighted(gini, children), 2) == 0.32
    assert round(gini(parent) - weighted(gini, children), 2) == 0.18
    assert round(entropy((4, 1)), 3) == 0.722
    assert round(entropy(parent) - weighted(entropy, children), 3) == 0.278


def test_regression_tree_variance_reduction():
    text = read("regression-tree-split-criterion")
    y = [2, 4, 6, 14, 16, 18]
    left, right = y[:3], y[3:]
    for stated in ("232", "38.67", "2.67", "reduction is 36"):
        assert stated in text
    assert sum(y) / len(y) == 10
    assert sum((v - 10) ** 2 for v in y) == 232
    assert round(variance(y), 2) == 38.67
    assert sum(left) / 3 == 4 and sum(right) / 3 == 16
    assert sum((v - 4) ** 2 for v in left) == 8
    assert round(variance(left), 2) == 2.67 and round(variance(right), 2) == 2.67
    child = 0.5 * variance(left) + 0.5 * variance(right)
    assert math.isclose(variance(y) - child, 36)


def test_out_of_bag_fraction():
    text = read("out-of-bag-error")
    for stated in ("0.368", "63.2%", "36.8%", "n = 1000"):
        assert stated in text
    assert round(math.exp(-1), 3) == 0.368
    assert round((1 - 1 / 1000) ** 1000, 3) == 0.368
    assert round(100 * (1 - math.exp(-1)), 1) == 63.2
    assert round(100 * math.exp(-1), 1) == 36.8


def test_adaboost_round():
    text = read("adaboost-how-it-works")
    eps = 0.2
    for stated in ("0.693", "= 2", "0.5", "0.4"):
        assert stated in text
    alpha = 0.5 * math.log((1 - eps) / eps)
    assert round(alpha, 3) == 0.693
    assert math.isclose(alpha, 0.5 * math.log(4))
    assert math.isclose(math.exp(alpha), 2) and math.isclose(math.exp(-alpha), 0.5)
    wrong, right = eps * math.exp(alpha), (1 - eps) * math.exp(-alpha)
    assert math.isclose(wrong, 0.4) and math.isclose(right, 0.4)
    assert math.isclose(wrong / (wrong + right), 0.5)


def test_weakest_link_alpha():
    text = read("cost-complexity-pruning")
    assert "0.10" in text and "0.16" in text and "0.03" in text
    g = (0.16 - 0.10) / (3 - 1)
    assert math.isclose(g, 0.03)
    # At alpha = g the collapsed node and the 3-leaf subtree cost the same.
    assert math.isclose(0.16 + g * 1, 0.10 + g * 3)


def test_bagged_variance_floor():
    text = read("why-bagging-reduces-variance")
    assert "0.307" in text and "0.3" in text
    sigma2, rho, b = 1.0, 0.3, 100
    var = rho * sigma2 + (1 - rho) * sigma2 / b
    assert math.isclose(var, 0.307)
    # Same value from the raw count: B variances plus B(B-1) covariances over B^2.
    assert math.isclose((b * sigma2 + b * (b - 1) * rho * sigma2) / b**2, var)
