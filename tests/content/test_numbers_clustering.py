"""Recompute the worked numbers in content/clustering-unsupervised/ (standard library only)."""

import math

from tests.content.numbers import for_category

read, _ = for_category("clustering-unsupervised")



def sum_of_squares(points):
    mean = sum(points) / len(points)
    return sum((p - mean) ** 2 for p in points)


def test_kmeans_plus_plus_seeding_probabilities():
    text = read("kmeans-plus-plus-initialization")
    for stated in ("0, 1, 2 and 10", "0, 1, 4 and 100", "summing to 105", "$100/105 \\approx 0.952$",
                   "$4/105 \\approx 0.038$", "$1/105 \\approx 0.010$", "only a third of the time"):
        assert stated in text
    points, first = (0, 1, 2, 10), 0
    d2 = [(p - first) ** 2 for p in points]
    assert d2 == [0, 1, 4, 100]
    total = sum(d2)
    assert total == 105
    probs = {p: d / total for p, d in zip(points, d2)}
    assert round(probs[10], 3) == 0.952
    assert round(probs[2], 3) == 0.038
    assert round(probs[1], 3) == 0.010
    assert math.isclose(1 / len([p for p in points if p != first]), 1 / 3)


def test_silhouette_of_one_point():
    text = read("choosing-number-of-clusters")
    assert "With $a = 2$ and $b = 5$, $s = 3/5 = 0.6$" in text
    a, b = 2, 5
    assert (b - a) / max(a, b) == 0.6


def test_linkage_distances_and_ward_cost():
    text = read("hierarchical-linkage-criteria")
    for stated in ("$A = \\{0, 1\\}$", "$B = \\{4, 6\\}$", "4, 6, 3 and 5", "single linkage gives 3",
                   "complete 6", "average 4.5", "= 20.25", "from 2.5 to 22.75"):
        assert stated in text
    A, B = [0, 1], [4, 6]
    cross = [abs(a - b) for a in A for b in B]
    assert cross == [4, 6, 3, 5]
    assert min(cross) == 3 and max(cross) == 6 and sum(cross) / len(cross) == 4.5
    before = sum_of_squares(A) + sum_of_squares(B)
    after = sum_of_squares(A + B)
    assert before == 2.5 and after == 22.75
    mean_a, mean_b = sum(A) / 2, sum(B) / 2
    ward = len(A) * len(B) / (len(A) + len(B)) * (mean_a - mean_b) ** 2
    assert ward == 20.25 == after - before


def test_responsibilities_harden_as_variance_shrinks():
    text = read("kmeans-as-limit-of-gmm-em")
    for stated in ("squared distances 1 and 4", "responsibility 0.818", "$\\sigma^2 = 1$", "$1 - 3 \\times 10^{-7}$", "$\\sigma^2 = 0.1$"):
        assert stated in text

    def nearer(sigma2):
        near, far = math.exp(-1 / (2 * sigma2)), math.exp(-4 / (2 * sigma2))
        return near / (near + far)

    assert round(nearer(1.0), 3) == 0.818
    assert round((1 - nearer(0.1)) * 1e7) == 3


def test_gower_distance_example():
    text = read("clustering-categorical-mixed-data")
    for stated in ("aged 30 and 50", "span 40 years", "give 0.5", "$(0.5 + 1 + 0)/3 = 0.5$"):
        assert stated in text
    age = abs(30 - 50) / 40
    plan = 1  # basic vs premium: mismatch
    country = 0  # same country
    assert age == 0.5
    assert (age + plan + country) / 3 == 0.5


def test_isolation_forest_score():
    text = read("isolation-forest")
    for stated in ("256 points by default", "$c \\approx 10.2$", "$2^{-4/10.2} \\approx 0.76$", "scores 0.5"):
        assert stated in text

    def c(n, exact=False):
        harmonic = sum(1 / i for i in range(1, n)) if exact else math.log(n - 1) + 0.5772156649
        return 2 * harmonic - 2 * (n - 1) / n

    for exact in (False, True):
        c256 = c(256, exact)
        assert round(c256, 1) == 10.2
        assert round(2 ** (-4 / c256), 2) == 0.76
        assert 2 ** (-c256 / c256) == 0.5
    assert round(2 ** (-4 / 10.2), 2) == 0.76


def test_recall_interval_with_twenty_labelled_anomalies():
    text = read("anomaly-detection-evaluation-few-labels")
    for stated in ("With 20 labelled anomalies", "moves recall by 5 points", "catching 14 gives 0.7",
                   "from about 0.48 to 0.85"):
        assert stated in text
    n, caught, z = 20, 14, 1.959963984540054
    assert 100 / n == 5
    p = caught / n
    assert p == 0.7
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z / denom * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    assert round(centre - half, 2) == 0.48
    assert round(centre + half, 2) == 0.85
