"""Recompute the worked numbers in content/regularization-optimization/ (standard library only)."""

import itertools
import math

from tests.content.numbers import for_category

read, _ = for_category("regularization-optimization")



def soft_threshold(w: float, lam: float) -> float:
    return math.copysign(max(abs(w) - lam, 0.0), w)


def test_lasso_soft_threshold_vs_ridge_shrinkage():
    text = read("why-l1-gives-sparsity")
    for stated in ("2.0 and 0.3", "\\lambda = 0.5", "1.5 and 0", "1.33 and 0.2", "1 + \\lambda"):
        assert stated in text
    lam = 0.5
    assert soft_threshold(2.0, lam) == 1.5
    assert soft_threshold(0.3, lam) == 0.0
    assert round(2.0 / (1 + lam), 2) == 1.33
    assert math.isclose(0.3 / (1 + lam), 0.2)


def test_soft_threshold_minimises_the_orthonormal_lasso_objective():
    # 1/2 (w - w_ols)^2 + lam |w|, checked on a fine grid
    lam = 0.5
    for w_ols in (2.0, 0.3, -0.7, -2.0):
        grid = [i / 10000 for i in range(-30000, 30001)]
        best = min(grid, key=lambda w: 0.5 * (w - w_ols) ** 2 + lam * abs(w))
        assert math.isclose(best, soft_threshold(w_ols, lam), abs_tol=1e-4)


def test_learning_rate_stability_on_a_quadratic():
    text = read("choosing-the-learning-rate")
    for stated in ("a = 4", "\\eta = 0.1", "by 0.6", "\\eta = 0.6", "−1.4", "the limit is 0.5"):
        assert stated in text
    a = 4
    assert math.isclose(1 - 0.1 * a, 0.6)
    assert math.isclose(1 - 0.6 * a, -1.4)
    assert 2 / a == 0.5
    w = 1.0
    for _ in range(50):
        w *= 1 - 0.1 * a
    assert abs(w) < 1e-10
    w = 1.0
    for _ in range(50):
        w *= 1 - 0.6 * a
    assert abs(w) > 1e6


def test_cosine_schedule_values():
    text = read("learning-rate-schedules")
    for stated in ("\\eta_{\\max} = 0.1", "\\eta_{\\min} = 0", "T = 100", "step 25", "0.0854", "step 50 has 0.05"):
        assert stated in text

    def cosine(t, eta_max=0.1, eta_min=0.0, T=100):
        return eta_min + 0.5 * (eta_max - eta_min) * (1 + math.cos(math.pi * t / T))

    assert round(cosine(25), 4) == 0.0854
    assert math.isclose(cosine(50), 0.05)
    assert math.isclose(cosine(0), 0.1) and math.isclose(cosine(100), 0.0, abs_tol=1e-15)


def test_linear_warmup_value():
    text = read("learning-rate-warmup")
    for stated in ("3 \\times 10^{-4}", "2000 steps", "step 500", "7.5 \\times 10^{-5}"):
        assert stated in text
    assert math.isclose(3e-4 * min(1, 500 / 2000), 7.5e-5)


def test_momentum_effective_step():
    text = read("momentum-and-nesterov")
    for stated in ("\\mu = 0.9", "ten times"):
        assert stated in text
    mu, eta, g = 0.9, 1.0, 1.0
    v = 0.0
    for _ in range(1000):
        v = mu * v - eta * g
    assert math.isclose(-v, eta * g / (1 - mu))
    assert round(1 / (1 - mu)) == 10


def test_adagrad_effective_rate_after_100_steps():
    text = read("adagrad-and-rmsprop")
    for stated in ("constant size 1", "after 100 steps", "\\eta/10", "stays near $\\eta$"):
        assert stated in text
    G = sum(1.0**2 for _ in range(100))
    assert math.isclose(1 / math.sqrt(G), 1 / 10)
    for rho in (0.9, 0.99):
        v = 0.0
        for _ in range(100):
            v = rho * v + (1 - rho) * 1.0**2
        # without bias correction v is still below 1 for rho = 0.99 after 100 steps,
        # so the effective rate 1/sqrt(v) stays within a small factor of eta
        assert 1 <= 1 / math.sqrt(v) < 1.3


def test_adam_bias_correction_first_step():
    text = read("adam-optimizer-bias-correction")
    for stated in ("m_1 = 0.1g", "v_1 = 0.001g^2", "3.16", "0.632", "t = 1000"):
        assert stated in text
    beta1, beta2 = 0.9, 0.999
    for g in (0.02, -5.0, 300.0):
        m1 = (1 - beta1) * g
        v1 = (1 - beta2) * g * g
        assert math.isclose(m1, 0.1 * g)
        assert math.isclose(v1, 0.001 * g * g)
        uncorrected = m1 / math.sqrt(v1)
        assert round(abs(uncorrected), 2) == 3.16
        assert math.copysign(1, uncorrected) == math.copysign(1, g)
        corrected = (m1 / (1 - beta1)) / math.sqrt(v1 / (1 - beta2))
        assert math.isclose(corrected, math.copysign(1, g))
    assert round(1 - beta2**1000, 3) == 0.632


def test_hessian_memory_for_1e8_parameters():
    text = read("newton-method-and-lbfgs")
    for stated in ("d = 10^8", "4 \\times 10^{16}", "40 petabytes"):
        assert stated in text
    d = 10**8
    nbytes = d * d * 4
    assert nbytes == 4 * 10**16
    assert nbytes / 10**15 == 40


def test_condition_number_and_step_count():
    text = read("conditioning-and-feature-scaling")
    for stated in ("standard deviations 1 and 100", "\\mathrm{diag}(1, 10^4)", "\\kappa = 10^4", "1000-fold", "69 000 steps"):
        assert stated in text
    variances = (1.0**2, 100.0**2)
    kappa = max(variances) / min(variances)
    assert kappa == 10**4
    steps = math.log(1e-3) / math.log(1 - 1 / kappa)
    assert 68500 < steps < 69500
    # with eta = 1 / lambda_max the slow direction really needs that many steps
    eta = 1 / max(variances)
    err, t = 1.0, 0
    while err > 1e-3:
        err *= 1 - eta * min(variances)
        t += 1
    assert abs(t - 69000) < 500


def test_label_smoothing_targets_and_logit_gap():
    text = read("label-smoothing-regularization")
    for stated in ("K = 10", "\\varepsilon = 0.1", "0.91", "0.01", "\\ln 91 \\approx 4.51"):
        assert stated in text
    K, eps = 10, 0.1
    true_target = 1 - eps + eps / K
    other_target = eps / K
    assert math.isclose(true_target, 0.91)
    assert math.isclose(other_target, 0.01)
    assert math.isclose(true_target + (K - 1) * other_target, 1.0)
    gap = math.log(true_target / other_target)
    assert round(gap, 2) == 4.51
    # a softmax with that logit gap reproduces the smoothed target exactly
    logits = [gap] + [0.0] * (K - 1)
    z = sum(math.exp(x) for x in logits)
    assert math.isclose(math.exp(gap) / z, true_target)


def test_ridge_bias_variance_at_lambda_one():
    text = read("regularization-bias-variance-effect")
    for stated in ("\\lambda = 1", "halved", "a quarter"):
        assert stated in text
    lam = 1.0
    assert 1 / (1 + lam) == 0.5
    assert 1 / (1 + lam) ** 2 == 0.25

    def mse(lam, w, sigma2):
        return (lam**2 * w**2 + sigma2) / (1 + lam) ** 2

    # the follow-up's claim: lambda = sigma^2 / w^2 minimises the coefficient's MSE
    w, sigma2 = 2.0, 3.0
    grid = [i / 1000 for i in range(0, 5001)]
    best = min(grid, key=lambda lam: mse(lam, w, sigma2))
    assert math.isclose(best, sigma2 / w**2, abs_tol=1e-3)
    assert mse(best, w, sigma2) < mse(0.0, w, sigma2)


def test_input_dropout_equals_data_dependent_ridge():
    """Exact expectation over all masks of inverted dropout on the inputs."""
    text = read("dropout-as-regularization")
    assert "\\frac{p}{1-p}" in text
    X = [[1.0, -2.0, 0.5], [0.3, 1.5, -1.0]]
    y = [0.7, -1.2]
    w = [0.4, -0.3, 1.1]
    p = 0.25
    d = len(w)
    expected = 0.0
    for i, row in enumerate(X):
        for mask in itertools.product((0, 1), repeat=d):
            prob = math.prod((1 - p) if m else p for m in mask)
            pred = sum(m * x * wj / (1 - p) for m, x, wj in zip(mask, row, w))
            expected += prob * (y[i] - pred) ** 2
    plain = sum((yi - sum(x * wj for x, wj in zip(row, w))) ** 2 for yi, row in zip(y, X))
    penalty = p / (1 - p) * sum(w[j] ** 2 * sum(row[j] ** 2 for row in X) for j in range(d))
    assert math.isclose(expected, plain + penalty)
