"""Recompute every worked number stated in content/evaluation-metrics/.

Each test reads one question file, checks that the number appears in it as
written, and recomputes that number from first principles (standard library only).
"""

from __future__ import annotations

import math

from tests.content.numbers import close, for_category

text, stated = for_category("evaluation-metrics")





def auc_by_pairs(pos: list[float], neg: list[float]) -> float:
    total = sum(1.0 if p > n else 0.5 if p == n else 0.0 for p in pos for n in neg)
    return total / (len(pos) * len(neg))


def auc_by_trapezoid(pos: list[float], neg: list[float]) -> float:
    scored = sorted([(s, 1) for s in pos] + [(s, 0) for s in neg], reverse=True)
    tpr = fpr = area = 0.0
    i = 0
    while i < len(scored):
        j = i
        tp = fp = 0
        while j < len(scored) and scored[j][0] == scored[i][0]:
            tp += scored[j][1]
            fp += 1 - scored[j][1]
            j += 1
        new_tpr, new_fpr = tpr + tp / len(pos), fpr + fp / len(neg)
        area += (new_fpr - fpr) * (tpr + new_tpr) / 2
        tpr, fpr, i = new_tpr, new_fpr, j
    return area


# ------------------------------------------------------------------ classification


def test_accuracy_under_class_imbalance():
    stated("accuracy-under-class-imbalance", "99% accuracy", "50%")
    prevalence = 0.01
    accuracy_always_negative = 1 - prevalence
    assert math.isclose(accuracy_always_negative, 0.99)
    balanced = 0.5 * (0 / 1 + 1.0)  # recall on positives 0, on negatives 1
    assert balanced == 0.5


def test_precision_recall_f1_worked_example():
    qid = "precision-recall-f1-worked-example"
    stated(qid, "0.97", "40/50 = 0.80", "40/60 ≈ 0.667", "≈ 0.727", "80/110", "930/940 ≈ 0.989", "(0.733)", "120/1060 ≈ 0.113")
    tp, fp, fn, tn = 40, 10, 20, 930
    assert (tp + tn) / (tp + fp + fn + tn) == 0.97
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    assert precision == 0.8
    close(recall, "0.667")
    f1 = 2 * precision * recall / (precision + recall)
    assert math.isclose(f1, 2 * tp / (2 * tp + fp + fn)) and math.isclose(f1, 80 / 110)
    close(f1, "0.727")
    close(tn / (tn + fp), "0.989")
    close((precision + recall) / 2, "0.733")
    # flag all 1,000 cases: every actual positive is a TP, every negative an FP
    tp_all, fp_all, fn_all = tp + fn, fp + tn, 0
    assert (tp_all, fp_all) == (60, 940)
    f1_all = 2 * tp_all / (2 * tp_all + fp_all + fn_all)
    assert math.isclose(f1_all, 120 / 1060)
    close(f1_all, "0.113")
    # doubling true negatives leaves F1 unchanged (TN is not in the formula) but raises accuracy
    tn_doubled = 2 * tn
    assert math.isclose(2 * tp / (2 * tp + fp + fn), f1)
    assert (tp + tn_doubled) / (tp + fp + fn + tn_doubled) > 0.97


def test_sensitivity_specificity_base_rate():
    stated("sensitivity-and-specificity", "about 9%", "99 true positives against 999 false positives")
    population, prevalence, sens, spec = 100_000, 1 / 1000, 0.99, 0.99
    sick = population * prevalence
    true_pos = sens * sick
    false_pos = (1 - spec) * (population - sick)
    assert round(true_pos) == 99 and round(false_pos) == 999
    close(true_pos / (true_pos + false_pos) * 100, "9")


def test_roc_auc_inverted_scores():
    stated("roc-curve-and-auc", "1 − 0.3 = 0.7")
    pos, neg = [0.2, 0.35, 0.6], [0.5, 0.7, 0.9, 0.4]
    auc = auc_by_pairs(pos, neg)
    flipped = auc_by_pairs([-s for s in pos], [-s for s in neg])
    assert math.isclose(auc + flipped, 1.0)
    assert math.isclose(1 - 0.3, 0.7)


def test_log_loss_numbers():
    stated("log-loss-confident-mistakes", "−ln 0.9 ≈ 0.105", "−ln 0.01 ≈ 4.61", "about 44 times", "ln 2 ≈ 0.693")
    good, bad = -math.log(0.9), -math.log(0.01)
    close(good, "0.105")
    close(bad, "4.61")
    close(bad / good, "44")
    base_rate = 0.5
    entropy = -(base_rate * math.log(base_rate) + (1 - base_rate) * math.log(1 - base_rate))
    close(entropy, "0.693")


def f_beta(p: float, r: float, beta: float) -> float:
    return (1 + beta**2) * p * r / (beta**2 * p + r)


def test_f1_and_f_beta():
    stated("f1-harmonic-mean-and-f-beta", "arithmetic mean of 0.51", "F1 of about 0.04", "F1 ≈ 0.615", "F2 ≈ 0.714", "F0.5 ≈ 0.541")
    close((1.0 + 0.02) / 2, "0.51")
    close(f_beta(1.0, 0.02, 1), "0.04")
    close(f_beta(0.5, 0.8, 1), "0.615")
    close(f_beta(0.5, 0.8, 2), "0.714")
    close(f_beta(0.5, 0.8, 0.5), "0.541")


def test_threshold_for_ten_to_one_costs():
    stated("choosing-a-classification-threshold", "1/11 ≈ 0.09")
    c_fp, c_fn = 1.0, 10.0
    t = c_fp / (c_fp + c_fn)
    assert math.isclose(t, 1 / 11)
    close(t, "0.09")


def test_cost_optimal_threshold():
    stated("cost-optimal-decision-threshold", "USD 500", "USD 20", "20/520 ≈ 0.038", "about 3.8%")
    c_fn, c_fp = 500.0, 20.0
    t = c_fp / (c_fp + c_fn)
    close(t, "0.038")
    close(t * 100, "3.8")
    # at exactly t the two expected costs are equal
    assert math.isclose(t * c_fn, (1 - t) * c_fp)


def test_roc_vs_pr_precision_under_prevalence():
    stated("roc-auc-vs-pr-auc-under-imbalance", "TPR 0.9 and FPR 0.05", "about 0.667", "about 0.154", "0.667 at 10% prevalence, 0.154 at 1%")

    def precision(tpr: float, fpr: float, pi: float) -> float:
        return tpr * pi / (tpr * pi + fpr * (1 - pi))

    close(precision(0.9, 0.05, 0.10), "0.667")
    close(precision(0.9, 0.05, 0.01), "0.154")


def test_auc_as_ranking_probability():
    stated("auc-as-ranking-probability", "0.9, 0.7, 0.4", "0.8, 0.3, 0.2", "7 correct pairs out of 9", "AUC ≈ 0.778")
    pos, neg = [0.9, 0.7, 0.4], [0.8, 0.3, 0.2]
    correct = sum(p > n for p in pos for n in neg)
    assert correct == 7
    auc = auc_by_pairs(pos, neg)
    close(auc, "0.778")
    assert math.isclose(auc, auc_by_trapezoid(pos, neg))
    # rank-sum shortcut from the follow-up
    ranked = sorted(pos + neg)
    rank_sum = sum(ranked.index(p) + 1 for p in pos)
    n_pos, n_neg = len(pos), len(neg)
    assert math.isclose((rank_sum - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg), auc)


def test_multiclass_averaging():
    stated("micro-macro-weighted-averaging", "0.95, 0.60 and 0.20", "1,000, 100 and 10", "macro F1 ≈ 0.583", "weighted F1 ≈ 0.912")
    f1s, support = [0.95, 0.60, 0.20], [1000, 100, 10]
    close(sum(f1s) / len(f1s), "0.583")
    close(sum(f * n for f, n in zip(f1s, support)) / sum(support), "0.912")


def test_kappa_and_mcc():
    stated("cohens-kappa-and-mcc", "kappa ≈ 0.712", "MCC ≈ 0.715", "0.05 · 0.06 + 0.95 · 0.94 = 0.896", "99% accuracy but a kappa of 0")
    tp, fp, fn, tn = 40, 10, 20, 930
    n = tp + fp + fn + tn
    p_o = (tp + tn) / n
    p_e = ((tp + fp) / n) * ((tp + fn) / n) + ((tn + fn) / n) * ((tn + fp) / n)
    assert math.isclose(p_o, 0.97)
    close(p_e, "0.896")
    close((p_o - p_e) / (1 - p_e), "0.712")
    mcc = (tp * tn - fp * fn) / math.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn))
    close(mcc, "0.715")
    # majority-class predictor on 99:1 data: kappa is zero
    p_o_const = 0.99
    p_e_const = 0.99 * 1.0 + 0.01 * 0.0
    assert math.isclose(p_o_const - p_e_const, 0.0, abs_tol=1e-12)


# ------------------------------------------------------------------- probabilities


def test_proper_scoring_rule_example():
    stated("proper-scoring-rules", "p = 0.7", "0.3 versus 0.42", "0.21 versus 0.30")
    p = 0.7

    def expected_abs(q: float) -> float:
        return p * (1 - q) + (1 - p) * q

    def expected_brier(q: float) -> float:
        return p * (1 - q) ** 2 + (1 - p) * q**2

    close(expected_abs(1.0), "0.3")
    close(expected_abs(0.7), "0.42")
    close(expected_brier(0.7), "0.21")
    close(expected_brier(1.0), "0.30")
    grid = [i / 1000 for i in range(1, 1000)]
    assert math.isclose(min(grid, key=expected_brier), p)
    log_loss = lambda q: -p * math.log(q) - (1 - p) * math.log(1 - q)  # noqa: E731
    assert math.isclose(min(grid, key=log_loss), p)


# ---------------------------------------------------------------------- regression


def test_mse_rmse_mae_example():
    stated("mse-rmse-mae-comparison", "0, 0, 0, 0 and 10", "MAE = 2", "RMSE = √20 ≈ 4.47", "4.47/2 = √5")
    residuals = [0, 0, 0, 0, 10]
    n = len(residuals)
    mae = sum(abs(r) for r in residuals) / n
    rmse = math.sqrt(sum(r * r for r in residuals) / n)
    assert mae == 2
    assert math.isclose(rmse, math.sqrt(20))
    close(rmse, "4.47")
    assert math.isclose(rmse / mae, math.sqrt(n))


def test_mape_examples():
    stated("mape-and-its-flaws", "Forecasting 2 when the actual is 1 is a 100% error", "missing 1,000 by 10 is 1%", "costs 50%", "costs 100%")

    def ape(actual: float, forecast: float) -> float:
        return abs(actual - forecast) / abs(actual) * 100

    assert ape(1, 2) == 100
    assert ape(1000, 1010) == 1
    assert ape(100, 50) == 50
    assert ape(50, 100) == 100


def test_adjusted_r_squared():
    stated("r-squared-and-adjusted-r-squared", "R² = 0.80, n = 50 and p = 10", "about 0.749")
    r2, n, p = 0.80, 50, 10
    close(1 - (1 - r2) * (n - 1) / (n - p - 1), "0.749")


def test_huber_values():
    stated("huber-loss-vs-huber-metric", "δ = 1", "0.5 costs 0.125", "3 costs 2.5 instead of 4.5")

    def huber(r: float, delta: float) -> float:
        return 0.5 * r * r if abs(r) <= delta else delta * (abs(r) - 0.5 * delta)

    assert huber(0.5, 1) == 0.125 == 0.5 * 0.5**2
    assert huber(3, 1) == 2.5
    assert 0.5 * 3**2 == 4.5

    # Units: δ is in target units, so the value is in squared target units in BOTH regimes.
    stated("huber-loss-vs-huber-metric", "squared target units", "δ from 1 to 100", "multiplies the value by 10,000")
    scale = 100  # metres -> centimetres
    for r in (0.5, 3.0, -7.25):  # one residual in the quadratic region, two in the linear one
        assert math.isclose(huber(scale * r, scale * 1), scale**2 * huber(r, 1))
    assert scale**2 == 10_000
    # ... as for MSE, which RMSE's square root turns back into target units
    residuals = [0.5, 3.0, -7.25]
    mse = sum(r * r for r in residuals) / len(residuals)
    mse_cm = sum((scale * r) ** 2 for r in residuals) / len(residuals)
    assert math.isclose(mse_cm, scale**2 * mse) and math.isclose(math.sqrt(mse_cm), scale * math.sqrt(mse))
    # A root undoes only the quadratic part: sqrt(2 L) is |r| below δ but not above it.
    assert math.isclose(math.sqrt(2 * huber(0.5, 1)), 0.5)
    assert not math.isclose(math.sqrt(2 * huber(3, 1)), 3)


def test_huber_delta_efficiency():
    stated("huber-loss-vs-huber-metric", "1.345 times", "about 95% efficiency")
    k = 1.345
    phi = math.exp(-k * k / 2) / math.sqrt(2 * math.pi)
    inside = math.erf(k / math.sqrt(2))  # P(|Z| <= k)
    # Asymptotic efficiency of the Huber location estimate at the standard normal:
    # (E psi')^2 / E psi^2, with psi(z) = z clipped to [-k, k].
    e_psi_sq = (inside - 2 * k * phi) + k * k * (1 - inside)
    efficiency = inside**2 / e_psi_sq
    assert round(efficiency, 2) == 0.95


# ------------------------------------------------------------------------- ranking


def test_precision_and_recall_at_k():
    stated("precision-and-recall-at-k", "precision@5 = 2/5 = 0.4", "recall@5 = 2/8 = 0.25")
    relevant_total, hits, k = 8, 2, 5
    assert hits / k == 0.4
    assert hits / relevant_total == 0.25


def average_precision(relevant_ranks: list[int], n_relevant: int) -> float:
    ranks = sorted(relevant_ranks)
    return sum((i + 1) / rank for i, rank in enumerate(ranks)) / n_relevant


def test_map_and_mrr():
    stated("map-vs-mrr", "(1 + 2/3)/2 ≈ 0.833", "AP = 0.5", "MAP ≈ 0.667", "MRR = (1 + 0.5)/2 = 0.75")
    ap_a = average_precision([1, 3], 2)
    ap_b = average_precision([2], 1)
    close(ap_a, "0.833")
    assert ap_b == 0.5
    close((ap_a + ap_b) / 2, "0.667")
    assert (1 / 1 + 1 / 2) / 2 == 0.75


def dcg(relevances: list[int]) -> float:
    return sum((2**rel - 1) / math.log2(i + 2) for i, rel in enumerate(relevances))


def test_ndcg_worked_example():
    stated("ndcg-worked-example", "relevance 2, 3, 0, 1", "gains are 3, 7, 0, 1", "≈ 7.847", "≈ 9.393", "NDCG@4 ≈ 0.835", "about 0.993")
    ranked = [2, 3, 0, 1]
    assert [2**r - 1 for r in ranked] == [3, 7, 0, 1]
    ideal = sorted(ranked, reverse=True)
    assert ideal == [3, 2, 1, 0]
    close(dcg(ranked), "7.847")
    close(dcg(ideal), "9.393")
    close(dcg(ranked) / dcg(ideal), "0.835")
    close(dcg([3, 2, 0, 1]) / dcg(ideal), "0.993")
