"""Recompute the worked numbers in the topic-gap questions.

These questions span four categories (deep-architectures, fundamentals,
evaluation-metrics, applied-ml). Each test reads one question file, checks that
the number the answer states is really there, and recomputes it from first
principles with the standard library only.
"""

from __future__ import annotations

import math
from fractions import Fraction

from tests.content.numbers import close, for_category

read_deep, stated_deep = for_category("deep-architectures")
read_fund, stated_fund = for_category("fundamentals")
read_eval, stated_eval = for_category("evaluation-metrics")
read_applied, stated_applied = for_category("applied-ml")


# ------------------------------------------------------------ deep-architectures


def box_iou(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> float:
    """Boxes as (x1, y1, x2, y2)."""
    w = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    h = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = w * h
    area = lambda r: (r[2] - r[0]) * (r[3] - r[1])  # noqa: E731
    return inter / (area(a) + area(b) - inter)


def test_iou_worked_examples():
    stated_deep(
        "iou-and-non-maximum-suppression",
        "from (0, 0) to (10, 10)",
        "from (2, 0) to (12, 10)",
        "8 × 10 = 80",
        "100 + 100 − 80 = 120",
        "80/120 ≈ 0.67",
        "25/175 ≈ 0.14",
        "leaves 80% covered but already drops IoU to 0.67",
    )
    a = (0, 0, 10, 10)
    shifted_right = (2, 0, 12, 10)
    close(box_iou(a, shifted_right), "0.67")
    assert math.isclose(box_iou(a, shifted_right), 80 / 120)
    shifted_diag = (5, 5, 15, 15)
    assert math.isclose(box_iou(a, shifted_diag), 25 / 175)
    close(box_iou(a, shifted_diag), "0.14")
    # the pitfall: the share of A that B covers is 80%, far above the IoU
    area_a = (a[2] - a[0]) * (a[3] - a[1])
    inter = box_iou(a, shifted_right) * (2 * area_a) / (1 + box_iou(a, shifted_right))
    close(100 * inter / area_a, "80")
    assert box_iou(a, shifted_right) < inter / area_a
    # the max(0, ·) clamp: disjoint boxes have IoU 0, not a positive overlap
    assert box_iou(a, (20, 20, 30, 30)) == 0
    # scale invariance: the same relative shift at 10x the size gives the same IoU
    assert math.isclose(box_iou((0, 0, 100, 100), (20, 0, 120, 100)), box_iou(a, shifted_right))


def test_nms_keeps_one_box_per_object():
    def nms(boxes, scores, thr):
        order = sorted(range(len(boxes)), key=lambda i: -scores[i])
        keep = []
        while order:
            best = order.pop(0)
            keep.append(best)
            order = [i for i in order if box_iou(boxes[best], boxes[i]) <= thr]
        return keep

    boxes = [(0, 0, 10, 10), (2, 0, 12, 10), (50, 50, 60, 60)]
    scores = [0.9, 0.8, 0.7]
    assert nms(boxes, scores, 0.5) == [0, 2]  # the 0.67-overlap duplicate goes
    assert nms(boxes, scores, 0.7) == [0, 1, 2]  # a higher threshold keeps it


def interpolated_ap(hits: list[bool], n_gt: int) -> tuple[list[Fraction], list[Fraction], Fraction]:
    tp = 0
    precision, recall = [], []
    for k, hit in enumerate(hits, start=1):
        tp += hit
        precision.append(Fraction(tp, k))
        recall.append(Fraction(tp, n_gt))
    # area under the precision envelope (all-point interpolation)
    ap, prev_r = Fraction(0), Fraction(0)
    for i, r in enumerate(recall):
        if r > prev_r:
            ap += (r - prev_r) * max(precision[i:])
            prev_r = r
    return precision, recall, ap


def test_detection_ap_worked_example():
    stated_deep(
        "object-detection-map",
        "TP, FP, TP, TP give precision 1, 1/2, 2/3, 3/4 at recall 1/3, 1/3, 2/3, 1",
        "AP = 1/3 · 1 + 2/3 · 0.75 ≈ 0.83",
        "ten thresholds, 0.50 to 0.95 in steps of 0.05",
        "101 recall points",
    )
    precision, recall, ap = interpolated_ap([True, False, True, True], n_gt=3)
    assert precision == [1, Fraction(1, 2), Fraction(2, 3), Fraction(3, 4)]
    assert recall == [Fraction(1, 3), Fraction(1, 3), Fraction(2, 3), 1]
    assert ap == Fraction(1, 3) * 1 + Fraction(2, 3) * Fraction(3, 4)
    close(float(ap), "0.83")
    # without interpolation the dip at rank 2 would cost area: 0.806 < 0.833
    raw = Fraction(1, 3) * 1 + Fraction(1, 3) * Fraction(2, 3) + Fraction(1, 3) * Fraction(3, 4)
    assert raw < ap
    # COCO-style 101-point sampling agrees to two decimals
    envelope = lambda r: max((p for p, rc in zip(precision, recall) if rc >= r), default=0)  # noqa: E731
    coco = sum(envelope(Fraction(i, 100)) for i in range(101)) / 101
    close(float(coco), "0.83")
    # ten IoU thresholds 0.50, 0.55, ..., 0.95
    thresholds = [round(0.50 + 0.05 * i, 2) for i in range(10)]
    assert thresholds[0] == 0.50 and thresholds[-1] == 0.95 and len(thresholds) == 10
    # VOC 2007: 11 recall points 0, 0.1, ..., 1
    assert "11 recall points, 0, 0.1, …, 1" in read_deep("object-detection-map")
    voc_points = [Fraction(i, 10) for i in range(11)]
    assert len(voc_points) == 11 and voc_points[0] == 0 and voc_points[-1] == 1
    voc07 = sum(envelope(r) for r in voc_points) / 11
    assert abs(float(voc07) - float(ap)) < 0.05  # a coarser approximation of the same area


def test_appending_low_confidence_boxes_never_lowers_ap():
    text = read_deep("object-detection-map")
    assert "never lower AP" in text
    base = [True, False, True, False]
    _, _, ap_base = interpolated_ap(base, n_gt=3)
    for tail in ([False], [True], [False, True], [False, False, False]):
        _, _, ap_more = interpolated_ap(base + tail, n_gt=3)
        assert ap_more >= ap_base


def test_focal_loss_down_weighting():
    stated_deep("one-stage-vs-two-stage-detectors", "γ = 2", "p_t = 0.9", "(1 − 0.9)² = 0.01, a hundredfold")
    gamma, p_t = 2, 0.9
    factor = (1 - p_t) ** gamma
    close(factor, "0.01")
    ce = -math.log(p_t)
    focal = -factor * math.log(p_t)
    assert math.isclose(ce / focal, 100)


def test_mae_visible_tokens():
    stated_deep("self-supervised-vision-collapse", "hide 75% of patches", "16×16 patches on a 224×224 image", "49 of 196 tokens")
    patches = (224 // 16) ** 2
    assert patches == 196
    visible = patches * (1 - 0.75)
    assert visible == 49


def test_gcn_edge_weight():
    stated_deep("gnn-message-passing-and-over-smoothing", "degree 3 and a leaf", "degrees 4 and 2", "1/√8 ≈ 0.35")
    deg_hub, deg_leaf = 3 + 1, 1 + 1  # self-loops add one to each degree
    assert (deg_hub, deg_leaf) == (4, 2)
    weight = 1 / math.sqrt(deg_hub * deg_leaf)
    assert math.isclose(weight, 1 / math.sqrt(8))
    close(weight, "0.35")


def test_gcn_over_smoothing_converges():
    """Repeated normalised averaging on a small connected graph makes rows proportional to sqrt(degree)."""
    edges = [(0, 1), (1, 2), (2, 3), (1, 3), (3, 4)]
    n = 5
    adj = [[1 if i == j else 0 for j in range(n)] for i in range(n)]
    for i, j in edges:
        adj[i][j] = adj[j][i] = 1
    deg = [sum(row) for row in adj]
    norm = [[adj[i][j] / math.sqrt(deg[i] * deg[j]) for j in range(n)] for i in range(n)]
    h = [[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [3.0, -1.0], [-2.0, 0.5]]
    for _ in range(200):
        h = [[sum(norm[i][k] * h[k][c] for k in range(n)) for c in range(2)] for i in range(n)]
    # every node's feature vector divided by sqrt(degree) is now the same
    scaled = [[v / math.sqrt(deg[i]) for v in h[i]] for i in range(n)]
    for row in scaled[1:]:
        for a, b in zip(row, scaled[0]):
            assert math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def test_graphsage_fanout_cap():
    stated_deep("gnn-scaling-and-link-prediction", "fanouts 25 and 10", "25 + 25 × 10 = 275", "average degree 200", "40,200")
    fanouts = [25, 10]
    sampled = sum(math.prod(fanouts[: k + 1]) for k in range(len(fanouts)))
    assert sampled == 275
    degree = 200
    full = sum(degree ** (k + 1) for k in range(2))
    assert full == 40_200
    assert f"{full:,}" in read_deep("gnn-scaling-and-link-prediction")


# ------------------------------------------------------------------ fundamentals


def test_discount_horizon_and_constant_reward():
    stated_fund("mdp-and-bellman-equation", "100 steps for $\\gamma = 0.99$", "1/(1 − 0.9) = 10")
    assert math.isclose(1 / (1 - 0.99), 100)
    # the geometric series of a constant reward of 1 converges to 1/(1 − γ)
    value = sum(0.9**k for k in range(2000))
    close(value, "10")
    # and it satisfies the Bellman equation V = 1 + γV
    assert math.isclose(1 + 0.9 * 10, 10)


def test_value_iteration_solves_bellman_optimality():
    """Two-state MDP: the Bellman optimality iteration converges to the closed form."""
    gamma = 0.9
    # state 0: 'stay' gives 1 and stays; 'go' gives 0 and moves to 1. State 1: 'stay' gives 2 forever.
    v = [0.0, 0.0]
    for _ in range(1000):
        v = [max(1 + gamma * v[0], 0 + gamma * v[1]), 2 + gamma * v[1]]
    assert math.isclose(v[1], 2 / (1 - gamma))
    assert math.isclose(v[0], max(1 / (1 - gamma), gamma * 2 / (1 - gamma)))


def test_q_learning_vs_sarsa_step():
    stated_fund(
        "q-learning-vs-sarsa",
        "$Q(s, a) = 2$, learning rate 0.1, $\\gamma = 0.9$, reward 1",
        "1 + 0.9 · 3 = 3.7",
        "2 + 0.1 · 1.7 = 2.17",
        "1 + 0.9 · 1 = 1.9",
        "becomes 1.99",
    )
    q, alpha, gamma, r = 2.0, 0.1, 0.9, 1.0
    next_values = {"greedy": 3.0, "explored": 1.0}
    q_target = r + gamma * max(next_values.values())
    sarsa_target = r + gamma * next_values["explored"]
    close(q_target, "3.7")
    close(q_target - q, "1.7")
    close(q + alpha * (q_target - q), "2.17")
    close(sarsa_target, "1.9")
    close(q + alpha * (sarsa_target - q), "1.99")


def ppo_clip(ratio: float, adv: float, eps: float = 0.2) -> float:
    return min(ratio * adv, max(1 - eps, min(ratio, 1 + eps)) * adv)


def test_ppo_clipped_objective():
    stated_fund("policy-gradients-reinforce-to-ppo", "$\\epsilon = 0.2$, advantage 2 and ratio 1.5", "2.4 rather than 3.0")
    close(ppo_clip(1.5, 2.0), "2.4")
    close(1.5 * 2.0, "3.0")
    # beyond the clip the objective is flat in the ratio: no gradient to push further
    assert math.isclose(ppo_clip(1.5, 2.0), ppo_clip(1.7, 2.0))
    # negative advantage, ratio grown: the min keeps the unclipped, larger penalty
    assert "keeps the unclipped, larger penalty" in read_fund("policy-gradients-reinforce-to-ppo")
    assert math.isclose(ppo_clip(1.5, -1.0), -1.5)
    # negative advantage, ratio already shrunk below 1 − ε: clipped, flat
    assert math.isclose(ppo_clip(0.5, -1.0), ppo_clip(0.6, -1.0))


def test_baseline_leaves_policy_gradient_unbiased():
    """Exact expectation over a softmax policy: sum_a pi(a) * dlog pi(a)/dtheta_k * b = 0."""
    logits = [0.3, -1.2, 2.0, 0.5]
    z = sum(math.exp(x) for x in logits)
    pi = [math.exp(x) / z for x in logits]
    baseline = 7.5
    for k in range(len(logits)):
        # d log pi(a) / d logit_k = 1[a == k] − pi(k)
        expectation = sum(pi[a] * ((a == k) - pi[k]) * baseline for a in range(len(logits)))
        assert abs(expectation) < 1e-12


# ------------------------------------------------------------ evaluation-metrics


def test_split_conformal_quantile_index():
    stated_eval(
        "split-conformal-prediction",
        "n = 1,000 and α = 0.1",
        "⌈900.9⌉ = 901st smallest",
        "about 0.901 here",
        "k = ⌈8.1⌉ = 9 exceeds n",
        "at least 9 points for 90% coverage",
    )
    alpha = Fraction(1, 10)
    n = 1000
    k = math.ceil((n + 1) * (1 - alpha))
    assert (n + 1) * (1 - alpha) == Fraction(9009, 10)
    assert k == 901
    # with continuous scores, P(test score <= k-th smallest of n) = k / (n + 1) exactly
    coverage = Fraction(k, n + 1)
    assert 1 - alpha <= coverage <= 1 - alpha + Fraction(1, n + 1)
    close(float(1 - alpha + Fraction(1, n + 1)), "0.901")
    # too few calibration points: the index runs past n
    assert math.ceil(9 * (1 - alpha)) == 9 > 8
    smallest_n = next(m for m in range(1, 100) if math.ceil((m + 1) * (1 - alpha)) <= m)
    assert smallest_n == 9


def test_split_conformal_coverage_by_rank_argument():
    """Enumerate the rank of the test score among n + 1 exchangeable scores."""
    alpha = Fraction(1, 10)
    for n in (9, 19, 50, 99):
        k = math.ceil((n + 1) * (1 - alpha))
        # the test score is equally likely to take each of the n + 1 ranks; covered iff rank <= k
        covered = sum(1 for rank in range(1, n + 2) if rank <= k)
        coverage = Fraction(covered, n + 1)
        assert coverage >= 1 - alpha
        assert coverage <= 1 - alpha + Fraction(1, n + 1)


def entropy(ps: list[float]) -> float:
    return -sum(p * math.log(p) for p in ps if p > 0)


def test_ensemble_uncertainty_split():
    stated_eval(
        "aleatoric-vs-epistemic-uncertainty",
        "predict 0.9 and 0.1",
        "ln 2 ≈ 0.693 nats",
        "(entropy 0.325)",
        "0.368 nats is disagreement",
    )
    members = [[0.9, 0.1], [0.1, 0.9]]
    mean = [sum(m[c] for m in members) / len(members) for c in range(2)]
    assert mean == [0.5, 0.5]
    total = entropy(mean)
    close(total, "0.693")
    aleatoric = sum(entropy(m) for m in members) / len(members)
    close(aleatoric, "0.325")
    close(total - aleatoric, "0.368")
    # two members that both say 0.5: the same total, all aleatoric
    agree = [[0.5, 0.5], [0.5, 0.5]]
    assert math.isclose(sum(entropy(m) for m in agree) / 2, total)


def test_fairness_worked_example():
    stated_eval(
        "fairness-metrics-impossibility",
        "base rate 0.5, group B 0.2",
        "TPR 0.8 and precision 0.8",
        "FPR is 0.20 in A but 0.05 in B",
        "selection rates are 0.5 versus 0.2",
    )

    def from_counts(size: int, base_rate: Fraction, tpr: Fraction, ppv: Fraction) -> tuple[Fraction, Fraction]:
        positives = size * base_rate
        tp = positives * tpr
        predicted_pos = tp / ppv
        fp = predicted_pos - tp
        fpr = fp / (size - positives)
        return fpr, predicted_pos / size

    def chouldechova(p: Fraction, ppv: Fraction, tpr: Fraction) -> Fraction:
        return p / (1 - p) * (1 - ppv) / ppv * tpr

    tpr = ppv = Fraction(4, 5)
    for p, fpr_shown, sel_shown in ((Fraction(1, 2), "0.20", "0.5"), (Fraction(1, 5), "0.05", "0.2")):
        fpr, selection = from_counts(1000, p, tpr, ppv)
        assert fpr == chouldechova(p, ppv, tpr)
        close(float(fpr), fpr_shown)
        close(float(selection), sel_shown)
        # the selection-rate identity from the Formula section
        assert selection == p * tpr + (1 - p) * fpr


# ------------------------------------------------------------------- applied-ml


def test_unigram_power_flattening_and_logq():
    stated_applied("negative-sampling-strategies", "a 9:1 frequency ratio becomes about 5.2:1", "ln 100 ≈ 4.6")
    close(9**0.75, "5.2")
    # the ratio of sampling probabilities after the 0.75 power
    f = [0.09, 0.01]
    weights = [x**0.75 for x in f]
    close(weights[0] / weights[1], "5.2")
    q_popular, q_rare = 0.01, 0.0001
    extra = (-math.log(q_rare)) - (-math.log(q_popular))
    close(extra, "4.6")
    assert math.isclose(extra, math.log(100))


def test_logq_corrected_sampled_softmax_is_unbiased_in_expectation():
    """With the correction, the expected sampled-softmax normaliser matches the full one.

    E_{j~Q}[exp(s_j - log Q_j)] = sum_j Q_j * exp(s_j) / Q_j = sum_j exp(s_j).
    """
    scores = [2.0, 0.5, -1.0, 1.5]
    q = [0.6, 0.25, 0.05, 0.10]
    corrected = sum(qj * math.exp(sj - math.log(qj)) for sj, qj in zip(scores, q))
    full = sum(math.exp(s) for s in scores)
    assert math.isclose(corrected, full)
    uncorrected = sum(qj * math.exp(sj) for sj, qj in zip(scores, q))
    assert not math.isclose(uncorrected * len(scores), full)


def test_noisy_test_labels_distort_accuracy():
    stated_applied(
        "training-with-noisy-labels",
        "20% of test labels flipped",
        "truly 90% accurate",
        "0.9 · 0.8 + 0.1 · 0.2 = 74%",
        "a perfect one 80%",
    )
    eta = Fraction(1, 5)

    def measured(a: Fraction) -> Fraction:
        # enumerate (prediction correct?, label flipped?) in binary classification
        total = Fraction(0)
        for correct, p_correct in ((True, a), (False, 1 - a)):
            for flipped, p_flip in ((True, eta), (False, 1 - eta)):
                agrees = correct != flipped
                total += p_correct * p_flip * agrees
        return total

    close(float(measured(Fraction(9, 10)) * 100), "74")
    close(float(measured(Fraction(1)) * 100), "80")
