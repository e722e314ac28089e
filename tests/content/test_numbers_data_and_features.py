"""Recompute the worked numbers in content/data-and-features/ (standard library only)."""

from __future__ import annotations

import math
import random
import statistics

from tests.content.numbers import for_category

read, _ = for_category("data-and-features")



def test_mean_imputation_shrinks_variance_to_observed_fraction():
    text = read("mean-imputation-and-multiple-imputation")
    assert "with 30% missing" in text and "about 70% of the observed variance" in text
    rng = random.Random(0)
    observed = [rng.gauss(10, 3) for _ in range(700)]
    mean = statistics.fmean(observed)
    imputed = observed + [mean] * 300  # 30% of 1,000 rows missing
    ratio = statistics.pvariance(imputed) / statistics.pvariance(observed)
    assert math.isclose(ratio, 0.70, rel_tol=1e-9)


def test_target_encoding_smoothing_example():
    text = read("target-encoding-leakage")
    assert "$(3 + 1)/(4 + 10) \\approx 0.29$" in text and "instead of 0.75" in text
    n_c, positives, prior, m = 4, 3, 0.10, 10
    smoothed = (positives + m * prior) / (n_c + m)
    assert round(smoothed, 2) == 0.29
    assert positives / n_c == 0.75


def test_hashing_collision_probability():
    text = read("hashing-trick")
    assert "100,000 distinct values into $2^{20}$" in text and "about 9% of the time" in text
    n, m = 100_000, 2**20
    p_shared = 1 - (1 - 1 / m) ** (n - 1)
    assert round(p_shared * 100) == 9
    assert 0.085 < p_shared < 0.095


def test_undersampling_correction_and_cost_threshold():
    text = read("resampling-distorts-probabilities")
    assert "$\\beta = 0.1$" in text and "$0.05/0.55 \\approx 0.091$" in text
    beta, p_s = 0.1, 0.5
    p = beta * p_s / (beta * p_s - p_s + 1)
    assert math.isclose(p, 0.05 / 0.55)
    assert round(p, 3) == 0.091
    # the odds form gives the same answer
    odds = beta * p_s / (1 - p_s)
    assert math.isclose(odds / (1 + odds), p)
    assert "costs 9 times a false alarm, that threshold is 0.1" in text
    c_fp, c_fn = 1, 9
    assert math.isclose(c_fp / (c_fp + c_fn), 0.1)


def test_class_weight_odds_shift():
    # weighting positives by w in log loss: minimiser q of -w*p*log(q) - (1-p)*log(1-q)
    # is q = w*p / (w*p + 1 - p), i.e. odds(q) = w * odds(p)
    text = read("resampling-distorts-probabilities")
    assert "multiplies the predicted odds by $w$" in text
    w, p = 5.0, 0.2
    q = w * p / (w * p + 1 - p)
    assert math.isclose(q / (1 - q), w * p / (1 - p))

    def loss(x: float) -> float:
        return -w * p * math.log(x) - (1 - p) * math.log(1 - x)

    assert loss(q) < loss(q - 1e-3) and loss(q) < loss(q + 1e-3)


def test_feature_cross_width():
    text = read("feature-crosses")
    assert "1,000-level feature with a 24-level one yields 24,000 columns" in text
    assert 1000 * 24 == 24_000


def test_cyclical_hours_need_cosine_too():
    text = read("date-time-features")
    assert "hours 3 and 9 both give about 0.71" in text
    s3 = math.sin(2 * math.pi * 3 / 24)
    s9 = math.sin(2 * math.pi * 9 / 24)
    assert round(s3, 2) == round(s9, 2) == 0.71
    c3 = math.cos(2 * math.pi * 3 / 24)
    c9 = math.cos(2 * math.pi * 9 / 24)
    assert c3 > 0 > c9  # the cosine tells them apart


def test_split_sizes_and_standard_errors():
    text = read("sizing-and-stratifying-splits")
    assert "standard error is 0.003" in text and "about ±0.6 points" in text
    se_10k = math.sqrt(0.9 * 0.1 / 10_000)
    assert math.isclose(se_10k, 0.003)
    assert round(1.96 * se_10k * 100, 1) == 0.6
    assert "on 1,000 examples it is about ±1.9 points" in text
    se_1k = math.sqrt(0.9 * 0.1 / 1_000)
    assert round(1.96 * se_1k * 100, 1) == 1.9
    assert "about 0.95 points" in text
    assert round(se_1k * 100, 2) == 0.95
    assert "10,000 rows at 0.5% prevalence hold only 50 positives" in text
    assert round(10_000 * 0.005) == 50


def test_all_negative_classifier_accuracy():
    text = read("class-imbalance-strategies")
    assert "With 99% negatives" in text and "scores 99% accuracy" in text
    labels = [0] * 990 + [1] * 10
    accuracy = sum(1 for y in labels if y == 0) / len(labels)
    assert accuracy == 0.99


def test_modified_z_score_constant():
    text = read("outliers-detection-and-treatment")
    assert "0.6745" in text
    # 0.6745 = the 75th percentile of the standard normal, so MAD/0.6745 estimates sigma
    assert round(statistics.NormalDist().inv_cdf(0.75), 4) == 0.6745


def _nearest_centroid_cv(x, y, folds, select_inside, n_keep):
    """Accuracy of k-fold CV with a nearest-centroid classifier on top-correlated features."""

    def top_features(rows):
        ys = [y[i] for i in rows]
        my = statistics.fmean(ys)
        scores = []
        for j in range(len(x[0])):
            col = [x[i][j] for i in rows]
            mc = statistics.fmean(col)
            cov = sum((a - mc) * (b - my) for a, b in zip(col, ys))
            sc = math.sqrt(sum((a - mc) ** 2 for a in col))
            scores.append((abs(cov) / sc, j))
        return [j for _, j in sorted(scores, reverse=True)[:n_keep]]

    everyone = list(range(len(y)))
    leaky = None if select_inside else top_features(everyone)
    correct = 0
    for k in range(folds):
        test = [i for i in everyone if i % folds == k]
        train = [i for i in everyone if i % folds != k]
        feats = top_features(train) if select_inside else leaky
        centroids = {}
        for label in (0, 1):
            members = [i for i in train if y[i] == label]
            centroids[label] = [statistics.fmean(x[i][j] for i in members) for j in feats]
        for i in test:
            dist = {
                label: sum((x[i][j] - c) ** 2 for j, c in zip(feats, cent))
                for label, cent in centroids.items()
            }
            correct += min(dist, key=dist.get) == y[i]
    return correct / len(y)


def test_feature_selection_outside_cv_looks_far_better_than_chance():
    text = read("preprocessing-inside-cross-validation")
    assert "50 samples, 5,000 features of pure noise" in text and "the 100 features" in text
    rng = random.Random(1)
    n, p = 50, 5000
    x = [[rng.gauss(0, 1) for _ in range(p)] for _ in range(n)]
    y = [0] * 25 + [1] * 25
    rng.shuffle(y)
    leaky = _nearest_centroid_cv(x, y, folds=5, select_inside=False, n_keep=100)
    honest = _nearest_centroid_cv(x, y, folds=5, select_inside=True, n_keep=100)
    assert leaky > 0.8  # "far above 50%"
    assert honest < 0.7  # near chance; the labels are pure noise
