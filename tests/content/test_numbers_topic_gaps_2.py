"""Recompute the worked numbers in the second batch of topic-gap questions.

These questions span four categories (deep-architectures, applied-ml,
neural-networks, evaluation-metrics). Each test reads one question file, checks
that the number the answer states is really there, and recomputes it from first
principles with the standard library only.
"""

from __future__ import annotations

import math
from fractions import Fraction
from itertools import product
from statistics import NormalDist

from tests.content.numbers import close, for_category

read_deep, stated_deep = for_category("deep-architectures")
read_applied, stated_applied = for_category("applied-ml")
read_nn, stated_nn = for_category("neural-networks")
read_eval, stated_eval = for_category("evaluation-metrics")


# ------------------------------------------------------------ deep-architectures


def vit_layer_flops(n: int, d: int, mlp_ratio: int = 4) -> int:
    """Forward FLOPs of one ViT encoder layer, 2 FLOPs per multiply-add."""
    qkv = 2 * n * d * (3 * d)
    scores = 2 * n * n * d  # Q K^T over all heads together
    weighted = 2 * n * n * d  # softmax(.) V
    out_proj = 2 * n * d * d
    mlp = 2 * n * d * (mlp_ratio * d) * 2
    return qkv + scores + weighted + out_proj + mlp


def test_vit_patch_embedding_and_token_counts():
    stated_deep(
        "vit-patch-size-resolution-cost",
        "16·16·3·768 = 589,824 weights plus 768 biases: 590,592 parameters",
        "14 × 14 = 196 patch tokens, 197 with [CLS]",
        "24 × 24 = 576 patches",
        "784 tokens and 16 times the scores",
        "49 of 196",
    )
    p, c, d = 16, 3, 768
    weights = p * p * c * d
    assert weights == 589_824
    assert weights + d == 590_592
    # a stride-P, kernel-P convolution touches each pixel exactly once: same map as the linear layer
    assert (224 - p) // p + 1 == 224 // p == 14
    tokens = lambda h, patch: (h // patch) ** 2  # noqa: E731
    assert tokens(224, 16) == 196 and tokens(224, 16) + 1 == 197
    assert tokens(384, 16) == 576
    assert tokens(224, 8) == 784
    assert Fraction(tokens(224, 8), tokens(224, 16)) ** 2 == 16
    # MAE keeps a quarter of the patches
    assert tokens(224, 16) * Fraction(1, 4) == 49


def test_vit_cost_at_higher_resolution():
    stated_deep(
        "vit-patch-size-resolution-cost",
        "about 8.6 times as many attention scores",
        "only about 3.2 times",
        "$N = 6d$, about 4,600 tokens",
        "24\\,N d^2 + 4\\,N^2 d",
    )
    d = 768
    # the closed form matches an operation-by-operation count
    for n in (197, 577, 4_608):
        assert vit_layer_flops(n, d) == 24 * n * d * d + 4 * n * n * d
    close((576 / 196) ** 2, "8.6")
    close((577 / 197) ** 2, "8.6")  # with [CLS] as well
    close(vit_layer_flops(577, d) / vit_layer_flops(197, d), "3.2")
    # quadratic term 4N^2 d equals linear term 24 N d^2 at N = 6d
    crossover = 6 * d
    assert 4 * crossover**2 * d == 24 * crossover * d * d
    assert crossover == 4_608 and round(crossover, -2) == 4_600
    # at 224 resolution attention scores are a small share of the layer's compute
    assert 4 * 197**2 * d / vit_layer_flops(197, d) < 0.05


def unet_output_size(n: int, depth: int = 4) -> int:
    """Original U-Net: two unpadded 3x3 convs per level, 2x pooling, 2x up-convolution."""
    for _ in range(depth):
        n = n - 4
        assert n % 2 == 0
        n //= 2
    n -= 4  # bottleneck
    for _ in range(depth):
        n = n * 2 - 4
    return n


def test_unet_sizes():
    stated_deep(
        "semantic-instance-panoptic-segmentation",
        "four 2× poolings take a 512×512 input to 32×32",
        "a 572×572 tile gave a 388×388 mask",
    )
    assert 512 // 2**4 == 32
    assert unet_output_size(572) == 388
    assert unet_output_size(572) < 572  # hence the cropping of encoder maps


def test_segmentation_iou_dice_pixel_accuracy():
    stated_deep(
        "segmentation-metrics-iou-dice",
        "10,000-pixel image with an 80-pixel tumour",
        "predicts 60 pixels, 40 of them correct",
        "IoU = 40 / (80 + 60 − 40) = 0.40",
        "Dice = 2·40 / (80 + 60) ≈ 0.57",
        "$2 \\cdot 0.4 / 1.4$",
        "9,940 / 10,000 = 99.4%",
        "20 false positives and 40 misses are only 60 pixels",
        "still score 99.2%",
    )
    total, truth, pred, overlap = 10_000, 80, 60, 40
    iou = Fraction(overlap, truth + pred - overlap)
    dice = Fraction(2 * overlap, truth + pred)
    assert iou == Fraction(2, 5)
    close(float(dice), "0.57")
    assert dice == 2 * iou / (1 + iou)
    fp, fn = pred - overlap, truth - overlap
    assert (fp, fn, fp + fn) == (20, 40, 60)
    assert total - fp - fn == 9_940
    close(100 * (total - fp - fn) / total, "99.4")
    close(100 * (total - truth) / total, "99.2")  # predict no tumour at all
    # Dice >= IoU for every overlap, with equality only at 0 and 1
    for k in range(0, 101):
        j = Fraction(k, 100)
        assert 2 * j / (1 + j) >= j


def normalise(values: list[float]) -> list[float]:
    mu = sum(values) / len(values)
    var = sum((v - mu) ** 2 for v in values) / len(values)
    return [(v - mu) / math.sqrt(var + 1e-5) for v in values]


def group_norm(x: list[list[list[float]]], groups: int) -> list[list[list[float]]]:
    """x[c][h*w] for one example, returned with the same layout (no affine)."""
    c = len(x)
    size = c // groups
    out = []
    for g in range(groups):
        block = [v for ch in x[g * size : (g + 1) * size] for row in ch for v in row]
        flat = iter(normalise(block))
        out += [[[next(flat) for _ in row] for row in ch] for ch in x[g * size : (g + 1) * size]]
    return out


def test_group_norm_special_cases():
    stated_deep(
        "choosing-batch-layer-group-norm",
        "256 channels in the default 32 groups gives 8 channels per group",
        "(G = 1)",
        "(G = C)",
    )
    assert 256 // 32 == 8
    # one example, 4 channels of 2x2
    x = [[[float((3 * c + 5 * i + 7 * j) % 11) for j in range(2)] for i in range(2)] for c in range(4)]
    # G = 1: layer norm over channels and space
    layer = normalise([v for ch in x for row in ch for v in row])
    gn1 = [v for ch in group_norm(x, 1) for row in ch for v in row]
    assert all(math.isclose(a, b) for a, b in zip(layer, gn1))
    # G = C: instance norm, each channel on its own
    instance = [v for ch in x for v in normalise([u for row in ch for u in row])]
    gnc = [v for ch in group_norm(x, 4) for row in ch for v in row]
    assert all(math.isclose(a, b) for a, b in zip(instance, gnc))


# ------------------------------------------------------------------- applied-ml


def test_sampled_metric_random_baseline():
    stated_applied(
        "sequential-recommenders-sasrec-bert4rec",
        "against 100 negatives, a random model's HR@10 is 10/101 ≈ 9.9%",
        "against a 50,000-item catalogue it is 0.02%",
    )
    # a random score puts the held-out item at each of the 101 ranks equally often
    hits = sum(1 for rank in range(1, 102) if rank <= 10)
    close(100 * hits / 101, "9.9")
    close(100 * 10 / 50_000, "0.02")


def test_dlrm_interactions_and_memory():
    stated_applied(
        "dlrm-embedding-tables-at-scale",
        "13 dense and 26 categorical features, that is 27 vectors and 27·26/2 = 351 dot products",
        "$10^9 \\cdot 128 \\cdot 4$ bytes = 512 GB",
        "one float per row: 4 GB",
        "100M buckets shrinks the table to 51.2 GB",
        "Adam would add two more copies",
    )
    dense, sparse = 13, 26
    vectors = sparse + 1  # the bottom MLP turns all dense features into one vector
    assert vectors == 27
    assert math.comb(vectors, 2) == 351
    rows, dim, fp32 = 10**9, 128, 4
    table = rows * dim * fp32
    assert table == 512 * 10**9
    assert rows * fp32 == 4 * 10**9  # row-wise Adagrad: one accumulator per row
    assert 3 * table == table + 2 * rows * dim * fp32  # Adam's two moments triple it
    hashed = 100 * 10**6 * dim * fp32
    close(hashed / 1e9, "51.2")
    assert hashed // 2 == 25_600_000_000  # fp16 halves it
    assert dense == 13


def test_robust_z_and_alert_volume():
    stated_applied(
        "time-series-anomaly-detection",
        "times 1.4826",
        "MAD of 4, σ̂ ≈ 5.93",
        "robust z ≈ 3.37",
        "0.27% of normal points",
        "1,440 minute-level points a day give about 3.9 false alerts",
        "about 3,900 across 1,000 metrics",
    )
    z = NormalDist()
    consistency = 1 / z.inv_cdf(0.75)  # MAD of a normal is 0.6745 sigma
    close(consistency, "1.4826")
    sigma = 1.4826 * 4
    close(sigma, "5.93")
    close(20 / sigma, "3.37")
    two_sided = 2 * (1 - z.cdf(3))
    close(100 * two_sided, "0.27")
    per_day = 24 * 60 * two_sided
    assert 24 * 60 == 1_440
    close(per_day, "3.9")
    assert round(per_day * 1_000, -2) == 3_900


def test_reranker_latency_budget():
    stated_applied(
        "cross-encoder-llm-reranker-vs-gbdt",
        "200 ms at p99: 15 ms for query understanding, 40 for retrieval, 25 for features",
        "GBDT on 1,000 candidates at 10 µs each, 10 ms",
        "0.5 ms per pair, it fits only on the top 100: 50 ms, leaving 60 ms",
        "All 1,000 would take 500 ms",
        "about 100 tokens at 20 ms each, needs 2 s",
    )
    gbdt_ms = Fraction(1_000 * 10, 1_000)
    assert gbdt_ms == 10
    ce_ms = 100 * Fraction(1, 2)
    assert ce_ms == 50
    used = 15 + 40 + 25 + gbdt_ms + ce_ms
    assert 200 - used == 60
    assert 1_000 * Fraction(1, 2) == 500
    assert 15 + 40 + 25 + gbdt_ms + 1_000 * Fraction(1, 2) > 200
    assert 100 * 20 == 2_000  # ms of decoding for the LLM


def levenshtein(a: str, b: str, transpositions: bool = False) -> int:
    """Edit distance; with transpositions, the optimal-string-alignment (Damerau) variant."""
    d = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        d[i][0] = i
    for j in range(len(b) + 1):
        d[0][j] = j
    for i, j in product(range(1, len(a) + 1), range(1, len(b) + 1)):
        cost = 0 if a[i - 1] == b[j - 1] else 1
        d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
        if transpositions and i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
            d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


def test_spelling_edit_distances():
    stated_applied(
        "search-query-understanding",
        '"ipohne" is one edit from "iphone" under Damerau–Levenshtein distance',
        "but two under plain Levenshtein",
    )
    assert levenshtein("ipohne", "iphone", transpositions=True) == 1
    assert levenshtein("ipohne", "iphone") == 2
    assert levenshtein("iphone", "iphone") == 0


# -------------------------------------------------------------- neural-networks


def test_mixup_and_cutmix_targets():
    stated_nn(
        "mixup-cutmix-calibration",
        "with $\\lambda = 0.7$ a cat–dog blend gets the target 0.7 cat, 0.3 dog",
        "a 112×112 patch in a 224×224 image covers 25%, so the target is 0.75 and 0.25",
    )
    lam = Fraction(7, 10)
    cat, dog = (1, 0), (0, 1)
    target = tuple(lam * a + (1 - lam) * b for a, b in zip(cat, dog))
    assert target == (Fraction(7, 10), Fraction(3, 10))
    area = Fraction(112 * 112, 224 * 224)
    assert area == Fraction(1, 4)
    assert (1 - area, area) == (Fraction(3, 4), Fraction(1, 4))
    # CutMix sizes the box so its area fraction is 1 - lambda: side = W * sqrt(1 - lambda)
    assert math.isclose(224 * math.sqrt(1 - 0.75), 112)


def test_pruning_rounds_and_sparse_storage():
    stated_nn(
        "lottery-ticket-and-structured-pruning",
        "$0.8^{10} \\approx 10.7\\%$",
        "4-byte value and a 4-byte index per non-zero, 50% sparsity saves nothing",
        "90% cuts storage 5 times",
        "keeps two of every four weights",
        "up to twice the peak throughput",
    )
    remaining = 1.0
    for _ in range(10):
        remaining *= 1 - 0.2  # prune 20% of what is left each round
    close(100 * remaining, "10.7")
    dense_bytes = 4
    sparse_bytes = lambda s: (1 - s) * (4 + 4)  # noqa: E731
    assert sparse_bytes(Fraction(1, 2)) == dense_bytes
    assert dense_bytes / sparse_bytes(Fraction(9, 10)) == 5
    # 2:4 keeps half the weights, so at most half the multiply-adds: a 2x ceiling on math throughput
    kept, group = 2, 4
    assert Fraction(kept, group) == Fraction(1, 2)
    assert Fraction(group, kept) == 2


# ----------------------------------------------------------- evaluation-metrics


def pinball(y: float, q: float, tau: float) -> float:
    return max(tau * (y - q), (tau - 1) * (y - q))


def crps_ensemble(members: list[float], y: float) -> float:
    n = len(members)
    spread = sum(abs(a - b) for a in members for b in members) / n**2
    return sum(abs(m - y) for m in members) / n - spread / 2


def crps_quantile_integral(members: list[float], y: float, steps: int = 60_000) -> float:
    """2 * integral over tau of the pinball loss of the empirical quantile function."""
    ordered = sorted(members)
    total = 0.0
    for i in range(steps):
        tau = (i + 0.5) / steps
        q = ordered[min(int(tau * len(ordered)), len(ordered) - 1)]
        total += pinball(y, q, tau)
    return 2 * total / steps


def test_pinball_and_crps():
    stated_eval(
        "crps-pinball-loss-interval-coverage",
        "an actual of 120 costs 0.9 × 20 = 18, an actual of 80 only 0.1 × 20 = 2",
        "9-to-1 asymmetry",
        "ensemble of 8, 10 and 12 and an actual of 11",
        "mean absolute error is 1.67",
        "over all 9 pairs, is 0.89, so CRPS ≈ 0.78",
        "A point forecast of 10 scores its absolute error, 1",
    )
    assert math.isclose(pinball(120, 100, 0.9), 18)
    assert math.isclose(pinball(80, 100, 0.9), 2)
    assert math.isclose(pinball(120, 100, 0.9) / pinball(80, 100, 0.9), 9)
    members, y = [8, 10, 12], 11
    close(sum(abs(m - y) for m in members) / 3, "1.67")
    assert len(list(product(members, members))) == 9
    close(sum(abs(a - b) for a, b in product(members, members)) / 9 / 2, "0.89")
    crps = crps_ensemble(members, y)
    assert math.isclose(crps, 7 / 9)
    close(crps, "0.78")
    # the same number from twice the pinball loss integrated over quantile levels
    assert abs(crps_quantile_integral(members, y) - crps) < 1e-3
    # a point forecast is a one-member ensemble: CRPS = absolute error
    assert crps_ensemble([10], y) == 1
    assert crps < crps_ensemble([10], y)
    # the 0.9-quantile minimises expected pinball loss over a discrete sample
    sample = list(range(1, 101))
    best = min(range(1, 101), key=lambda q: sum(pinball(v, q, 0.9) for v in sample))
    assert best in (90, 91)


def test_interval_coverage_shortfall():
    stated_eval(
        "crps-pinball-loss-interval-coverage",
        "An 80% interval that covers 68 of 100 days is 12 days short, 3 binomial standard deviations of 4 days",
    )
    n, p, covered = 100, 0.8, 68
    expected = n * p
    sd = math.sqrt(n * p * (1 - p))
    assert math.isclose(expected - covered, 12)
    assert math.isclose(sd, 4)
    assert math.isclose((expected - covered) / sd, 3)


def test_ips_weighted_dcg_example():
    stated_eval(
        "counterfactual-ranking-evaluation-ips",
        "clicks fall at position 1 ($\\theta = 1$) and position 4 ($\\theta = 0.25$)",
        "$1 + 1/\\log_2 5 \\approx 1.43$",
        "With weights 1 and 4",
        "$1 + 4 \\cdot 0.43 \\approx 2.72$",
        "$4 + 0.43 \\approx 4.43$",
    )
    discount = lambda rank: 1 / math.log2(rank + 1)  # noqa: E731
    theta = {1: 1.0, 4: 0.25}
    clicks_old = {"a": 1, "b": 4}  # document -> logged position
    new_rank = {"a": 4, "b": 1}
    naive_old = sum(discount(k) for k in clicks_old.values())
    naive_new = sum(discount(new_rank[d]) for d in clicks_old)
    close(naive_old, "1.43")
    assert math.isclose(naive_old, naive_new)  # the tie
    assert [1 / theta[k] for k in (1, 4)] == [1, 4]
    ips_old = sum(discount(k) / theta[k] for k in clicks_old.values())
    ips_new = sum(discount(new_rank[d]) / theta[clicks_old[d]] for d in clicks_old)
    close(ips_old, "2.72")
    close(ips_new, "4.43")
    assert ips_new > ips_old


def test_ips_is_unbiased_under_position_based_model():
    text = read_eval("counterfactual-ranking-evaluation-ips")
    assert "\\mathbb{E}\\left[\\frac{c}{\\theta_k}\\right] = \\gamma_d" in text
    # enumerate examination and relevance outcomes exactly
    for theta, gamma in ((Fraction(1, 4), Fraction(3, 5)), (Fraction(9, 10), Fraction(1, 7))):
        expected = Fraction(0)
        for examined, attracted in product((0, 1), repeat=2):
            p = (theta if examined else 1 - theta) * (gamma if attracted else 1 - gamma)
            click = examined * attracted
            expected += p * Fraction(click) / theta
        assert expected == gamma
        # the raw click rate is biased by the propensity
        assert theta * gamma != gamma
