"""Run every coding-from-scratch reference solution in a `## Code` section against independently known answers.

Each such question's `## Code` block is executed in a fresh namespace and its functions are
checked on small deterministic inputs: hand-computed numbers, closed forms, NumPy's own
routines (lstsq, svd, eigh) or a brute-force reference written here. Coding exercises (## Starter,
## Solution, ## Tests) carry their own tests instead: tests/content/test_exercises.py runs them.
"""

from __future__ import annotations

import ast
import io
import itertools
import math
from collections import Counter
from collections.abc import Callable
from contextlib import redirect_stdout
from pathlib import Path

import numpy as np
import pytest

from desktop.core.bank import Question, parse_question

CATEGORY = "coding-from-scratch"
FOLDER = Path(__file__).resolve().parents[2] / "content" / CATEGORY
FILES = sorted(FOLDER.glob("*.md"))
ALL_IDS = [p.stem for p in FILES]


def load(qid: str) -> Question:
    path = FOLDER / f"{qid}.md"
    question, problems = parse_question(path.read_text(encoding="utf-8"), str(path), folder=CATEGORY)
    assert not problems, "\n".join(map(str, problems))
    assert question is not None
    return question


IDS = [qid for qid in ALL_IDS if not load(qid).is_exercise]  # the questions with a ## Code section


def run(qid: str) -> dict:
    """Exec the question's code in a fresh namespace; it must print nothing."""
    namespace: dict = {"__name__": f"solution_{qid.replace('-', '_')}"}
    out = io.StringIO()
    with redirect_stdout(out):
        exec(compile(load(qid).code, f"{qid}.md", "exec"), namespace)
    assert out.getvalue() == ""
    return namespace


def close(actual, expected, tol=1e-9) -> None:
    np.testing.assert_allclose(np.asarray(actual, dtype=float), np.asarray(expected, dtype=float), rtol=tol, atol=tol)


# ----------------------------------------------------------------- linear models


def check_linear_regression(ns: dict) -> None:
    # y = 1 + 2x exactly: both solvers must return intercept 1, slope 2.
    X = np.array([[0.0], [1.0], [2.0], [3.0]])
    y = np.array([1.0, 3.0, 5.0, 7.0])
    close(ns["fit_normal_equation"](X, y), [1.0, 2.0])
    close(ns["fit_gradient_descent"](X, y), [1.0, 2.0], tol=1e-7)

    # Noisy, two features: gradient descent, normal equation and lstsq agree.
    X = np.array([[0.5, -1.0], [1.5, 0.3], [-0.7, 0.8], [0.2, 0.1], [1.1, -0.4], [-1.3, -0.9]])
    y = np.array([1.2, 2.9, -0.4, 0.8, 2.1, -1.5])
    Xb = np.hstack([np.ones((len(X), 1)), X])
    reference = np.linalg.lstsq(Xb, y, rcond=None)[0]
    close(ns["fit_normal_equation"](X, y), reference)
    close(ns["fit_gradient_descent"](X, y, lr=0.1, n_iters=20_000), reference, tol=1e-7)

    # The gradient agrees with a hand-computed value: w = 0 gives grad = -2/n X^T y.
    loss, grad = ns["mse_and_gradient"](np.zeros(3), Xb, y)
    close(loss, np.mean(y**2))
    close(grad, -2.0 / len(y) * Xb.T @ y)


def _newton_logistic(X: np.ndarray, y: np.ndarray, l2: float, steps: int = 50) -> np.ndarray:
    """Independent reference: Newton's method on [b, w] (bias unpenalized)."""
    Xb = np.hstack([np.ones((len(X), 1)), X])
    theta = np.zeros(Xb.shape[1])
    penalty = np.diag([0.0] + [l2] * X.shape[1])
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(Xb @ theta)))
        grad = Xb.T @ (p - y) / len(y) + penalty @ theta
        hess = (Xb.T * (p * (1 - p))) @ Xb / len(y) + penalty
        theta -= np.linalg.solve(hess, grad)
    return theta


def check_logistic_regression(ns: dict) -> None:
    sigmoid, log_loss = ns["sigmoid"], ns["log_loss"]
    with np.errstate(over="raise", divide="raise", invalid="raise"):  # the stable sigmoid must not overflow
        close(sigmoid(np.array([-1000.0, 0.0, 1000.0])), [0.0, 0.5, 1.0])
    close(sigmoid(np.array([np.log(3.0)])), [0.75])
    close(sigmoid(np.array([-2.0, 2.0])).sum(), 1.0)  # sigma(-z) = 1 - sigma(z)

    close(log_loss([1, 0], [0.5, 0.5]), math.log(2.0))
    close(log_loss([1, 0], [0.8, 0.1]), -(math.log(0.8) + math.log(0.9)) / 2)
    assert math.isclose(log_loss([1], [0.0], eps=1e-12), -math.log(1e-12))  # clipped, not inf

    # Non-separable data: gradient descent must reach the optimum Newton's method finds.
    rng = np.random.default_rng(10)
    X = rng.normal(size=(30, 2))
    y = (rng.random(30) < 1.0 / (1.0 + np.exp(-(X @ np.array([1.0, -0.5]) + 0.3)))).astype(float)
    for l2 in (0.0, 0.1):
        w, b = ns["fit_logistic_regression"](X, y, lr=0.5, n_iters=20_000, l2=l2)
        reference = _newton_logistic(X, y, l2)
        close(np.r_[b, w], reference, tol=1e-6)
    close(ns["predict_proba"](X[:2], w, b), 1.0 / (1.0 + np.exp(-(X[:2] @ w + b))))


def check_kmeans(ns: dict) -> None:
    blobs = [
        np.array([[0.0, 0.0], [0.4, 0.1], [0.1, 0.5], [-0.2, 0.2]]),
        np.array([[10.0, 10.0], [10.3, 9.8], [9.9, 10.4]]),
        np.array([[-8.0, 9.0], [-8.5, 9.2], [-7.7, 8.6], [-8.1, 9.5], [-8.3, 8.9]]),
    ]
    X = np.vstack(blobs)
    truth = np.repeat([0, 1, 2], [len(b) for b in blobs])
    for seed in range(5):
        centers, labels, inertia = ns["kmeans"](X, 3, seed=seed)
        # Same partition as the blobs, up to renaming clusters.
        pairs = set(zip(truth.tolist(), labels.tolist(), strict=True))
        assert len(pairs) == 3 and len({p[1] for p in pairs}) == 3
        for t, c in pairs:
            close(centers[c], blobs[t].mean(axis=0))
        brute = sum(np.sum((b - b.mean(axis=0)) ** 2) for b in blobs)
        close(inertia, brute)

    # Fixed-point property on harder data: every point sits with its nearest centre,
    # and every centre is the mean of its points.
    rng = np.random.default_rng(1)
    X = rng.normal(size=(40, 2))
    centers, labels, inertia = ns["kmeans"](X, 4, seed=3)
    d2 = ((X[:, None, :] - centers[None, :, :]) ** 2).sum(axis=2)
    close(d2[np.arange(len(X)), labels], d2.min(axis=1))
    for j in range(4):
        close(centers[j], X[labels == j].mean(axis=0))
    close(inertia, d2.min(axis=1).sum())
    # Reproducible with the same seed.
    close(ns["kmeans"](X, 4, seed=3)[0], centers)

    # k = 1 puts the single centre at the mean.
    close(ns["kmeans"](X, 1)[0], [X.mean(axis=0)])

    # k-means++ never picks an already chosen point while unchosen distinct points remain.
    Y = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]])
    seeds = ns["kmeans_plus_plus"](Y, 3, np.random.default_rng(0))
    assert {tuple(row) for row in seeds.tolist()} == {tuple(row) for row in Y.tolist()}

    # More clusters than distinct points forces empty clusters: no NaN, zero inertia.
    D = np.array([[0.0, 0.0], [0.0, 0.0], [0.0, 0.0], [4.0, 4.0]])
    centers, labels, inertia = ns["kmeans"](D, 3, seed=0)
    assert np.all(np.isfinite(centers)) and labels.shape == (4,)
    close(inertia, 0.0)


def _knn_brute(X_train, y_train, X_test, k):
    out = []
    for x in X_test:
        dists = [math.dist(x, t) for t in X_train]
        nearest = sorted(range(len(X_train)), key=lambda i: dists[i])[:k]
        counts = Counter(y_train[i] for i in nearest)
        best = max(counts.values())
        out.append(min(label for label, c in counts.items() if c == best))
    return out


def check_knn(ns: dict) -> None:
    knn = ns["knn_predict"]
    X_train = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [5.0, 5.0], [6.0, 5.0], [5.0, 6.0]])
    y_train = np.array([0, 0, 0, 1, 1, 1])
    X_test = np.array([[0.2, 0.3], [5.4, 5.3], [2.0, 2.0]])
    assert knn(X_train, y_train, X_test, k=3).tolist() == [0, 1, 0]
    assert knn(X_train, y_train, X_test, k=1).tolist() == [0, 1, 0]

    # String labels work, and the result matches a brute-force loop.
    rng = np.random.default_rng(2)
    X_train = rng.normal(size=(30, 3))
    y_train = rng.choice(np.array(["cat", "dog", "eel"]), size=30)
    X_test = rng.normal(size=(10, 3))
    for k in (1, 3, 5):
        assert knn(X_train, y_train, X_test, k=k).tolist() == _knn_brute(X_train, y_train.tolist(), X_test, k)

    close(ns["pairwise_sq_dists"](np.array([[0.0, 0.0]]), np.array([[3.0, 4.0], [1.0, 1.0]])), [[25.0, 2.0]])


def _gini_brute(labels) -> float:
    n = len(labels)
    return 1.0 - sum((c / n) ** 2 for c in Counter(labels).values())


def check_decision_stump(ns: dict) -> None:
    best_stump, predict = ns["best_stump"], ns["predict_stump"]
    stump = best_stump(np.array([[1.0], [2.0], [3.0], [4.0]]), np.array([0, 0, 1, 1]))
    assert stump["feature"] == 0 and stump["left_class"] == 0 and stump["right_class"] == 1
    close(stump["threshold"], 2.5)
    close(stump["impurity"], 0.0)
    close(ns["gini"]([2, 2]), 0.5)

    # Brute force over every feature and every midpoint between distinct values.
    rng = np.random.default_rng(4)
    X = rng.integers(0, 6, size=(25, 3)).astype(float)  # repeated values on purpose
    y = (X[:, 1] + rng.normal(scale=1.5, size=25) > 2.5).astype(int) + (X[:, 2] > 4)
    candidates = []
    for j in range(3):
        values = np.unique(X[:, j])
        for lo, hi in itertools.pairwise(values):
            t = (lo + hi) / 2
            left, right = y[X[:, j] <= t], y[X[:, j] > t]
            score = (len(left) * _gini_brute(left.tolist()) + len(right) * _gini_brute(right.tolist())) / len(y)
            candidates.append((score, j, t))
    best_score, best_j, best_t = min(candidates, key=lambda c: c[0])
    assert sum(1 for c in candidates if abs(c[0] - best_score) < 1e-12) == 1, "test data should have one best split"
    stump = best_stump(X, y)
    close(stump["impurity"], best_score)
    assert stump["feature"] == best_j
    close(stump["threshold"], best_t)
    predictions = predict(stump, X)
    mask = X[:, best_j] <= best_t
    assert Counter(y[mask].tolist()).most_common(1)[0][0] == stump["left_class"]
    assert set(predictions[mask].tolist()) == {stump["left_class"]}

    # Integer sample weights act like duplicated rows.
    w = rng.integers(1, 4, size=25)
    weighted = best_stump(X, y, sample_weight=w)
    duplicated = best_stump(np.repeat(X, w, axis=0), np.repeat(y, w))
    close(weighted["impurity"], duplicated["impurity"])
    assert weighted["feature"] == duplicated["feature"]
    close(weighted["threshold"], duplicated["threshold"])

    # No split exists when every feature is constant.
    assert best_stump(np.ones((4, 2)), np.array([0, 1, 0, 1])) is None


# ---------------------------------------------------------------- neural networks


def check_two_layer_network(ns: dict) -> None:
    params = ns["init_params"](4, 6, 3, seed=0)
    rng = np.random.default_rng(5)
    X = rng.normal(size=(7, 4))
    y = np.array([0, 1, 2, 1, 0, 2, 2])
    loss, grads = ns["loss_and_grads"](params, X, y)
    assert set(grads) == set(params)
    for name in params:
        assert grads[name].shape == params[name].shape

    # Zero output weights give uniform predictions: loss = log(C).
    flat = {**params, "W2": np.zeros_like(params["W2"])}
    close(ns["forward"](flat, X, y)[0], math.log(3.0))

    # Numerical gradient check, written independently of the solution.
    h = 1e-5
    for name in params:
        numeric = np.zeros_like(params[name])
        for idx in np.ndindex(params[name].shape):
            shifted = {k: v.copy() for k, v in params.items()}
            shifted[name][idx] += h
            up = ns["forward"](shifted, X, y)[0]
            shifted[name][idx] -= 2 * h
            down = ns["forward"](shifted, X, y)[0]
            numeric[idx] = (up - down) / (2 * h)
        analytic = grads[name]
        rel = np.linalg.norm(analytic - numeric) / (np.linalg.norm(analytic) + np.linalg.norm(numeric))
        assert rel < 1e-6, (name, rel)

    # Deterministic initialization and He scaling.
    close(ns["init_params"](4, 6, 3, seed=0)["W1"], params["W1"])
    big = ns["init_params"](200, 300, 2, seed=1)["W1"]
    assert abs(big.std() - math.sqrt(2 / 200)) < 0.01


def check_numerical_gradient(ns: dict) -> None:
    numerical_gradient, gradient_check = ns["numerical_gradient"], ns["gradient_check"]
    # ((x+h)^3 - (x-h)^3) / 2h = 3x^2 + h^2 exactly.
    close(numerical_gradient(lambda x: float(np.sum(x**3)), np.array([2.0]), h=1e-3), [12.0 + 1e-6], tol=1e-8)

    # Works on matrices and leaves the input untouched.
    A = np.array([[1.0, -2.0], [0.5, 3.0]])
    before = A.copy()
    close(numerical_gradient(lambda M: float(np.sum(np.sin(M))), A), np.cos(A), tol=1e-8)
    close(A, before)

    def lse(v):
        return float(np.log(np.sum(np.exp(v))))

    def lse_grad(v):
        return np.exp(v) / np.sum(np.exp(v))

    ok, err = gradient_check(lse, lse_grad, np.array([0.3, -1.2, 2.0]))
    assert ok and err < 1e-8
    ok, err = gradient_check(lse, lambda v: 1.01 * lse_grad(v), np.array([0.3, -1.2, 2.0]))
    assert not ok and err > 1e-3  # a 1% error is caught

    close(ns["relative_error"]([0.0, 0.0], [0.0, 0.0]), 0.0)
    close(ns["relative_error"]([1.0, 0.0], [0.0, 0.0]), 1.0)


def check_minibatch_sgd(ns: dict) -> None:
    sgd, grad = ns["minibatch_sgd"], ns["linear_mse_grad"]
    rng = np.random.default_rng(6)
    X = rng.normal(size=(20, 3))
    w_true = np.array([1.5, -2.0, 0.5])
    y = X @ w_true

    # Batch size n, no momentum: exactly full-batch gradient descent.
    w = np.zeros(3)
    for _ in range(5):
        w = w - 0.05 * (2.0 / len(y)) * X.T @ (X @ w - y)
    close(sgd(grad, np.zeros(3), X, y, lr=0.05, batch_size=len(y), n_epochs=5), w, tol=1e-12)

    # Noise-free data: every batch gradient vanishes at w_true, so SGD recovers it.
    w0 = np.zeros(3)
    close(sgd(grad, w0, X, y, lr=0.05, batch_size=4, n_epochs=300), w_true, tol=1e-6)
    close(sgd(grad, w0, X, y, lr=0.02, batch_size=4, n_epochs=300, momentum=0.9), w_true, tol=1e-6)
    close(w0, np.zeros(3))  # the caller's array is not modified

    # Same seed, same result; each epoch visits every row exactly once, partial batch included.
    close(sgd(grad, w0, X, y, batch_size=6, seed=3), sgd(grad, w0, X, y, batch_size=6, seed=3), tol=0)
    seen: list[list[int]] = []

    def recording_grad(w, xb, yb):
        seen.append(xb[:, 0].astype(int).tolist())
        return np.zeros_like(w)

    rows = np.arange(10, dtype=float)[:, None]
    sgd(recording_grad, np.zeros(1), rows, np.zeros(10), batch_size=4, n_epochs=2)
    assert [len(b) for b in seen] == [4, 4, 2, 4, 4, 2]
    assert sorted(sum(seen[:3], [])) == list(range(10))
    assert sorted(sum(seen[3:], [])) == list(range(10))
    assert sum(seen[:3], []) != sum(seen[3:], [])  # reshuffled every epoch


# ------------------------------------------------------------ data and metrics


def check_train_test_split_kfold(ns: dict) -> None:
    split, kfold = ns["train_test_split_indices"], ns["kfold_indices"]
    train, test = split(10, test_size=0.25, seed=0)
    assert len(test) == 3 and len(train) == 7  # ceil(2.5) = 3
    assert sorted(np.r_[train, test].tolist()) == list(range(10))
    a, b = split(10, test_size=0.25, seed=0)
    assert a.tolist() == train.tolist() and b.tolist() == test.tolist()

    folds = kfold(10, k=3, shuffle=False)
    assert [val.tolist() for _, val in folds] == [[0, 1, 2, 3], [4, 5, 6], [7, 8, 9]]
    assert folds[1][0].tolist() == [0, 1, 2, 3, 7, 8, 9]
    for n, k in [(10, 3), (7, 7), (23, 5)]:
        folds = kfold(n, k=k, seed=1)
        assert len(folds) == k
        sizes = [len(val) for _, val in folds]
        assert max(sizes) - min(sizes) <= 1
        all_val = np.concatenate([val for _, val in folds])
        assert sorted(all_val.tolist()) == list(range(n))  # each row validated once
        for train, val in folds:
            assert not set(train.tolist()) & set(val.tolist())
            assert len(train) + len(val) == n
    for bad in [(5, 1), (3, 4)]:
        with pytest.raises(ValueError):
            kfold(*bad)


def check_precision_recall_f1(ns: dict) -> None:
    prf = ns["precision_recall_f1"]
    y_true = [1, 1, 1, 0, 0, 0, 1, 0]
    y_pred = [1, 0, 1, 1, 0, 0, 0, 0]
    # TP = 2, FP = 1, FN = 2, TN = 3.
    close(prf(y_true, y_pred), [2 / 3, 1 / 2, 4 / 7])
    close(prf(y_true, y_pred, positive=0), [3 / 5, 3 / 4, 2 / 3])
    close(prf([1, 0, 1], [0, 0, 0]), [0.0, 0.0, 0.0])  # no predicted positives: 0, not NaN

    cm, labels = ns["confusion_matrix"](["a", "b", "c", "a", "c", "c"], ["a", "c", "c", "b", "c", "a"])
    assert labels.tolist() == ["a", "b", "c"]
    assert cm.tolist() == [[1, 1, 0], [0, 0, 1], [1, 0, 2]]

    # Rows a: [2, 1, 0], b: [0, 1, 1], c: [0, 0, 1]; precision from columns, recall from rows.
    truth, guess = ["a", "a", "a", "b", "b", "c"], ["a", "b", "a", "b", "c", "c"]
    labels, precision, recall, f1 = ns["per_class_scores"](truth, guess)
    assert labels.tolist() == ["a", "b", "c"]
    close(precision, [1.0, 1 / 2, 1 / 2])
    close(recall, [2 / 3, 1 / 2, 1.0])
    close(f1, [4 / 5, 1 / 2, 2 / 3])
    close(ns["macro_f1"](truth, guess), (4 / 5 + 1 / 2 + 2 / 3) / 3)
    for c, p, r, f in zip(labels, precision, recall, f1, strict=True):  # agrees with the binary function
        close(prf(truth, guess, positive=c), [p, r, f])


def _auc_pairs(y, s) -> float:
    pos = [v for v, t in zip(s, y, strict=True) if t == 1]
    neg = [v for v, t in zip(s, y, strict=True) if t == 0]
    wins = sum(1.0 if p > q else 0.5 if p == q else 0.0 for p in pos for q in neg)
    return wins / (len(pos) * len(neg))


def check_roc_auc(ns: dict) -> None:
    auc = ns["roc_auc"]
    close(auc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]), 0.75)
    close(auc([0, 1], [0.2, 0.9]), 1.0)
    close(auc([1, 0], [0.2, 0.9]), 0.0)
    close(auc([0, 1, 0, 1], [0.5, 0.5, 0.5, 0.5]), 0.5)
    close(auc([0, 1, 1], [0.3, 0.3, 0.9]), 0.75)  # one tie counts half
    close(ns["average_ranks"]([10, 20, 20, 5]), [2.0, 3.5, 3.5, 1.0])
    with pytest.raises(ValueError):
        auc([1, 1], [0.1, 0.2])

    rng = np.random.default_rng(7)
    y = rng.integers(0, 2, size=60)
    s = rng.integers(0, 8, size=60) / 8.0  # many ties
    close(auc(y, s), _auc_pairs(y.tolist(), s.tolist()))
    close(auc(y.astype(bool), s), _auc_pairs(y.tolist(), s.tolist()))
    close(auc(y, np.exp(3 * s)), auc(y, s))  # invariant to increasing transforms


def check_pca(ns: dict) -> None:
    pca = ns["pca"]
    # Points on the line y = x: one component along (1, 1)/sqrt(2) explains everything.
    line = np.array([[0.0, 0.0], [1.0, 1.0], [2.0, 2.0], [3.0, 3.0]])
    model = pca(line, 1)
    close(model["components"], [[1 / math.sqrt(2), 1 / math.sqrt(2)]])
    close(model["explained_variance_ratio"], [1.0])
    close(model["explained_variance"], [np.var(line.sum(axis=1) / math.sqrt(2), ddof=1)])

    rng = np.random.default_rng(8)
    X = rng.normal(size=(50, 4)) @ np.array([[3.0, 0, 0, 0], [1.0, 2.0, 0, 0], [0, 0.5, 1.0, 0], [0, 0, 0.2, 0.3]])
    model = pca(X, 4)
    # Against the covariance matrix's eigendecomposition.
    eigvals, eigvecs = np.linalg.eigh(np.cov(X, rowvar=False))
    eigvals, eigvecs = eigvals[::-1], eigvecs[:, ::-1]
    close(model["explained_variance"], eigvals)
    close(np.abs(np.sum(model["components"] * eigvecs.T, axis=1)), np.ones(4))  # same axes up to sign
    close(model["components"] @ model["components"].T, np.eye(4))
    close(model["explained_variance_ratio"].sum(), 1.0)
    # Against numpy's SVD scores, and exact reconstruction with all components.
    U, S, _ = np.linalg.svd(X - X.mean(axis=0), full_matrices=False)
    close(np.abs(model["scores"]), np.abs(U * S))
    close(ns["pca_reconstruct"](model, model["scores"]), X)
    close(ns["pca_transform"](model, X), model["scores"])
    # Sign convention: the largest-magnitude loading of each component is positive.
    comps = model["components"]
    assert np.all(comps[np.arange(4), np.abs(comps).argmax(axis=1)] > 0)


def check_gaussian_naive_bayes(ns: dict) -> None:
    fit, proba, predict = ns["fit_gaussian_nb"], ns["predict_proba"], ns["predict"]
    X = np.array([[1.0, 2.0], [2.0, 1.0], [3.0, 3.0], [6.0, 5.0], [7.0, 8.0], [8.0, 6.0], [7.0, 7.0]])
    y = np.array([0, 0, 0, 1, 1, 1, 1])
    model = fit(X, y, var_smoothing=0.0)
    close(model["means"], [[2.0, 2.0], [7.0, 6.5]])
    close(model["variances"], [[2 / 3, 2 / 3], [0.5, 1.25]])
    close(np.exp(model["log_priors"]), [3 / 7, 4 / 7])

    # Brute-force posterior with explicit densities.
    def density(x, mu, var):
        return math.exp(-((x - mu) ** 2) / (2 * var)) / math.sqrt(2 * math.pi * var)

    queries = np.array([[2.5, 2.0], [5.0, 4.5], [6.5, 6.0]])
    expected = []
    for q in queries:
        joint = []
        for c, prior in [(0, 3 / 7), (1, 4 / 7)]:
            rows = X[y == c]
            like = prior
            for j in range(2):
                like *= density(q[j], rows[:, j].mean(), rows[:, j].var())
            joint.append(like)
        expected.append([v / sum(joint) for v in joint])
    close(proba(model, queries), expected, tol=1e-9)
    assert predict(model, queries).tolist() == np.argmax(expected, axis=1).tolist()

    # Far-away points: densities underflow in linear space but log space stays finite.
    far = proba(model, np.array([[500.0, -400.0]]))
    assert np.all(np.isfinite(far)) and math.isclose(far.sum(), 1.0)

    # Default smoothing adds var_smoothing * max feature variance; a class-constant feature is fine.
    Z = np.array([[1.0, 0.0], [1.0, 1.0], [3.0, 2.0], [4.0, 3.0]])
    labels = np.array(["a", "a", "b", "b"])
    smooth = fit(Z, labels)
    close(smooth["variances"][0, 0], 1e-9 * Z.var(axis=0).max(), tol=1e-15)
    assert predict(smooth, Z).tolist() == labels.tolist()


def _cosine_brute(queries, items, k):
    out_idx, out_sim = [], []
    for q in queries:
        sims = []
        for v in items:
            nq, nv = math.hypot(*q), math.hypot(*v)
            sims.append(0.0 if nq == 0 or nv == 0 else float(np.dot(q, v)) / (nq * nv))
        order = sorted(range(len(items)), key=lambda i: -sims[i])[:k]
        out_idx.append(order)
        out_sim.append([sims[i] for i in order])
    return out_idx, out_sim


def check_cosine_top_k(ns: dict) -> None:
    top_k = ns["cosine_top_k"]
    items = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [-1.0, 0.0]])
    idx, sims = top_k(np.array([[2.0, 0.0]]), items, 2)
    assert idx.tolist() == [[0, 2]]
    close(sims, [[1.0, 1 / math.sqrt(2)]])
    # k larger than the catalogue returns everything, best first.
    idx, sims = top_k(np.array([[2.0, 0.0]]), items, 10)
    assert idx.tolist() == [[0, 2, 1, 3]]
    close(sims, [[1.0, 1 / math.sqrt(2), 0.0, -1.0]])

    rng = np.random.default_rng(9)
    queries, items = rng.normal(size=(5, 3)), rng.normal(size=(12, 3))
    items[4] = 0.0  # a zero vector scores 0, never NaN
    idx, sims = top_k(queries, items, 4)
    ref_idx, ref_sims = _cosine_brute(queries, items, 4)
    assert idx.tolist() == ref_idx
    close(sims, ref_sims)
    assert np.all(np.isfinite(ns["normalize_rows"](items)))


CHECKS: dict[str, Callable[[dict], None]] = {
    "implement-linear-regression-gradient-descent": check_linear_regression,
    "implement-logistic-regression": check_logistic_regression,
    "implement-kmeans": check_kmeans,
    "implement-knn-classifier": check_knn,
    "implement-decision-stump": check_decision_stump,
    "implement-two-layer-network-backprop": check_two_layer_network,
    "implement-train-test-split-kfold": check_train_test_split_kfold,
    "implement-precision-recall-f1": check_precision_recall_f1,
    "implement-roc-auc": check_roc_auc,
    "implement-minibatch-sgd": check_minibatch_sgd,
    "implement-pca-svd": check_pca,
    "implement-gaussian-naive-bayes": check_gaussian_naive_bayes,
    "implement-numerical-gradient-check": check_numerical_gradient,
    "implement-cosine-similarity-top-k": check_cosine_top_k,
}


def test_every_question_has_a_check() -> None:
    assert ALL_IDS, f"no questions found in {FOLDER}"
    assert set(IDS) <= set(CHECKS), f"no check for {sorted(set(IDS) - set(CHECKS))}"
    exercises = sorted(set(CHECKS) & (set(ALL_IDS) - set(IDS)))
    assert not exercises, (f"{exercises} are now exercises, proved by their own tests in tests/content/"
                           "test_exercises.py: remove their checks here")
    assert set(CHECKS) <= set(ALL_IDS), f"checks for questions that do not exist: {sorted(set(CHECKS) - set(ALL_IDS))}"


@pytest.mark.parametrize("qid", IDS)
def test_reference_solution(qid: str) -> None:
    if qid not in CHECKS:
        pytest.fail(f"{qid} has no check in CHECKS")
    CHECKS[qid](run(qid))


@pytest.mark.parametrize("qid", IDS)
def test_code_is_plain_numpy_functions(qid: str) -> None:
    """Only `import numpy as np`, function definitions and constants at top level; Code is the last section."""
    question = load(qid)
    tree = ast.parse(question.code)
    functions = [node for node in tree.body if isinstance(node, ast.FunctionDef)]
    assert functions, "the Code section should define at least one function"
    for node in tree.body:
        if isinstance(node, ast.Import):
            assert [(a.name, a.asname) for a in node.names] == [("numpy", "np")]
        elif isinstance(node, ast.ImportFrom):
            pytest.fail(f"unexpected import from {node.module}")
        elif isinstance(node, ast.Expr | ast.Assign):  # docstrings and constants only: no side effects
            assert isinstance(node.value, ast.Constant), ast.dump(node)[:80]
        else:
            assert isinstance(node, ast.FunctionDef), ast.dump(node)[:80]
    text = (FOLDER / f"{qid}.md").read_text(encoding="utf-8")
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings[-1] == "## Code"
    assert text.count("```python") == 1
