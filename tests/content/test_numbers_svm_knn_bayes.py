"""Recompute the worked numbers in content/svm-knn-bayes/ (standard library only)."""

import math

from tests.content.numbers import for_category

read, _ = for_category("svm-knn-bayes")



def dot(a, b):
    return sum(x * y for x, y in zip(a, b))


def test_margin_width_from_weights():
    text = read("svm-hard-vs-soft-margin")
    for stated in ("$w = (3, 4)$", "$\\lVert w \\rVert = 5$", "$2/5 = 0.4$"):
        assert stated in text
    norm = math.hypot(3, 4)
    assert norm == 5
    assert 2 / norm == 0.4


def test_hinge_and_logistic_loss_values():
    text = read("svm-hinge-loss")
    assert "$m = 2, 0.5, -1$" in text
    assert "gives 0, 0.5 and 2" in text
    assert "gives 0.127, 0.474 and 1.313" in text
    margins = (2, 0.5, -1)
    assert [max(0, 1 - m) for m in margins] == [0, 0.5, 2]
    logistic = [round(math.log(1 + math.exp(-m)), 3) for m in margins]
    assert logistic == [0.127, 0.474, 1.313]


def test_polynomial_kernel_equals_explicit_feature_map():
    text = read("svm-kernel-trick")
    for stated in ("$x = (1, 2)$", "$z = (3, 1)$", "$x^\\top z = 5$", "the kernel is 25", "$9 + 12 + 4 = 25$", "171,700"):
        assert stated in text
    x, z = (1, 2), (3, 1)

    def phi(v):
        return (v[0] ** 2, math.sqrt(2) * v[0] * v[1], v[1] ** 2)

    assert dot(x, z) == 5
    assert dot(x, z) ** 2 == 25
    assert math.isclose(dot(phi(x), phi(z)), 25)
    assert [round(a * b, 9) for a, b in zip(phi(x), phi(z))] == [9, 12, 4]
    # monomials of degree exactly 3 in 100 variables
    assert math.comb(100 + 3 - 1, 3) == 171_700


def test_rbf_similarity_for_two_gammas():
    text = read("svm-rbf-gamma-and-c-tuning")
    for stated in ("squared distance 2", "$\\gamma = 0.1$ gives similarity 0.819", "$\\gamma = 10$ gives about $2 \\times 10^{-9}$"):
        assert stated in text
    assert round(math.exp(-0.1 * 2), 3) == 0.819
    assert round(math.exp(-10 * 2) * 1e9) == 2


def test_balanced_class_weights():
    text = read("svm-imbalance-and-probabilities")
    for stated in ("990 negatives and 10 positives", "about 0.505", "50 for the positives"):
        assert stated in text
    n, k = 1000, 2
    w_neg, w_pos = n / (k * 990), n / (k * 10)
    assert round(w_neg, 3) == 0.505
    assert w_pos == 50
    assert math.isclose(w_neg * 990, w_pos * 10)  # equal total weight per class


def test_kernel_matrix_memory():
    text = read("svm-large-datasets")
    assert "$10^{12}$ entries, about 8 TB in float64" in text
    entries = 1_000_000**2
    assert entries == 10**12
    assert entries * 8 / 1e12 == 8


def test_knn_regression_plain_and_weighted():
    text = read("k-nearest-neighbors")
    for stated in ("targets 10, 12 and 20", "distances 1, 1 and 2", "plain average is 14", "$(10 + 12 + 10)/2.5 = 12.8$"):
        assert stated in text
    targets, distances = (10, 12, 20), (1, 1, 2)
    assert sum(targets) / 3 == 14
    weights = [1 / d for d in distances]
    assert weights == [1, 1, 0.5]
    assert sum(w * y for w, y in zip(weights, targets)) == 10 + 12 + 10
    assert math.isclose(sum(w * y for w, y in zip(weights, targets)) / sum(weights), 12.8)


def test_brute_force_knn_operation_count():
    text = read("knn-search-cost-and-speedups")
    assert "a million queries against a million points means $10^{12}$ distance computations" in text
    assert 10**6 * 10**6 == 10**12


def test_naive_bayes_parameter_count():
    text = read("naive-bayes-naive-assumption")
    assert "With 30 binary features" in text and "$2^{30} - 1$, over a billion" in text and "naive Bayes needs 30" in text
    assert 2**30 - 1 > 1_000_000_000


def test_double_counting_a_correlated_feature():
    text = read("naive-bayes-why-it-works")
    for stated in ("prior odds 1:1", "likelihood ratio is 3", "posterior is 0.75", "$3 \\times 3$", "reports 0.9"):
        assert stated in text

    def posterior(odds):
        return odds / (1 + odds)

    assert posterior(1 * 3) == 0.75
    assert math.isclose(posterior(1 * 3 * 3), 0.9)


def test_laplace_smoothing_example():
    text = read("naive-bayes-laplace-smoothing")
    for stated in ("$N = 200$", "$V = 50$", "$0/200 = 0$", "$(0 + 1)/(200 + 50) = 0.004$", "$9/200 = 0.045$", "$10/250 = 0.04$"):
        assert stated in text
    n_tokens, vocab, alpha = 200, 50, 1
    assert (0 + alpha) / (n_tokens + alpha * vocab) == 0.004
    assert 9 / n_tokens == 0.045
    assert (9 + alpha) / (n_tokens + alpha * vocab) == 0.04
    # smoothed estimates still sum to one over any counts that total N
    counts = [9, 0] + [191 // 48] * 47 + [191 - (191 // 48) * 47]
    assert len(counts) == vocab and sum(counts) == n_tokens
    assert math.isclose(sum((c + alpha) / (n_tokens + alpha * vocab) for c in counts), 1)
