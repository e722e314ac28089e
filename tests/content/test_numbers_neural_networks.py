"""Recompute the worked numbers stated in content/neural-networks/."""

from __future__ import annotations

import math

from tests.content.numbers import for_category, sigmoid, softmax

read, _ = for_category("neural-networks")


def test_backprop_worked_example() -> None:
    text = read("backprop-worked-example")
    x, w1, w2, y = 2.0, 0.5, 3.0, 1.0

    def loss(a: float, b: float) -> float:
        h = max(0.0, a * x)
        return 0.5 * (b * h - y) ** 2

    z = w1 * x
    h = max(0.0, z)
    y_hat = w2 * h
    assert (z, h, y_hat, loss(w1, w2)) == (1.0, 1.0, 3.0, 2.0)
    assert "$z = w_1 x = 1$" in text and "$\\hat{y} = 3$" in text
    assert "$L = \\frac{1}{2}(3 - 1)^2 = 2$" in text

    d_yhat = y_hat - y
    d_w2 = d_yhat * h
    d_h = d_yhat * w2
    d_z = d_h * (1.0 if z > 0 else 0.0)
    d_w1 = d_z * x
    assert (d_yhat, d_w2, d_h, d_z, d_w1) == (2.0, 2.0, 6.0, 6.0, 12.0)
    for stated in ("= 2$", "2 \\cdot h = 2$", "2 \\cdot w_2 = 6$", "6 \\cdot 1 = 6$", "6 \\cdot x = 12$"):
        assert stated in text

    # Finite-difference check: nudging w1 by 1e-4 changes L by about 12e-4.
    eps = 1e-4
    assert "$10^{-4}$" in text and "$12 \\times 10^{-4}$" in text
    assert math.isclose((loss(w1 + eps, w2) - loss(w1, w2)) / eps, 12.0, rel_tol=1e-3)
    assert math.isclose((loss(w1, w2 + eps) - loss(w1, w2)) / eps, 2.0, rel_tol=1e-3)

    # Follow-up: w1 = -0.5 switches the ReLU off, so both gradients are 0.
    assert "$w_1 = -0.5$" in text and "$z = -1$" in text
    assert max(0.0, -0.5 * x) == 0.0 and -0.5 * x == -1.0

    # Follow-up: one SGD step with learning rate 0.1.
    lr = 0.1
    new_w1, new_w2 = w1 - lr * d_w1, w2 - lr * d_w2
    assert math.isclose(new_w1, -0.7) and math.isclose(new_w2, 2.8)
    assert "$-0.7$" in text and "2.8" in text and new_w1 * x < 0


def test_sigmoid_derivative_values() -> None:
    text = read("sigmoid-tanh-saturation")
    d = lambda z: sigmoid(z) * (1 - sigmoid(z))  # noqa: E731
    assert "0.25" in text and d(0.0) == 0.25
    assert "about 0.0066 at $z = 5$" in text
    assert round(d(5.0), 4) == 0.0066
    # tanh'(0) = 1 and tanh(z) = 2 sigma(2z) - 1
    assert "peaks at 1" in text
    assert math.isclose(1 - math.tanh(0.0) ** 2, 1.0)
    for z in (-2.0, 0.3, 1.7):
        assert math.isclose(math.tanh(z), 2 * sigmoid(2 * z) - 1)


def test_softmax_example() -> None:
    text = read("softmax-function")
    assert "(2, 1, 0)" in text and "(0.665, 0.245, 0.090)" in text
    p = softmax([2.0, 1.0, 0.0])
    assert [f"{v:.3f}" for v in p] == ["0.665", "0.245", "0.090"]
    # Shift invariance, and e^1000 overflows a float.
    assert softmax([1002.0, 1001.0, 1000.0]) == softmax([2.0, 1.0, 0.0])
    try:
        math.exp(1000)
        overflowed = False
    except OverflowError:
        overflowed = True
    assert overflowed and "$e^{1000}$ overflows" in text


def test_xavier_he_standard_deviations() -> None:
    text = read("xavier-he-initialization")
    he = math.sqrt(2 / 512)
    glorot = math.sqrt(2 / (512 + 512))
    assert "$\\sqrt{2/512} = 0.0625$" in text and he == 0.0625
    assert "about 0.0442" in text and round(glorot, 4) == 0.0442
    # Glorot in a ReLU stack with n_in = n_out halves the variance per layer.
    n = 512
    assert math.isclose(n * (2 / (n + n)) * 0.5, 0.5)
    # Uniform(-a, a) has variance a^2 / 3, so a = sqrt(6 / (n_in + n_out)).
    a = math.sqrt(6 / (n + n))
    assert math.isclose(a**2 / 3, 2 / (n + n))


def test_vanishing_sigmoid_product() -> None:
    text = read("vanishing-exploding-gradients")
    assert "$0.25^{10} \\approx 9.5 \\times 10^{-7}$" in text
    assert f"{0.25**10:.1e}" == "9.5e-07"


def test_gradient_clipping_scale() -> None:
    text = read("gradient-clipping")
    assert "$c = 5$" in text and "norm 50 is multiplied by 0.1" in text
    g = [30.0, 40.0]  # norm 50
    norm = math.hypot(*g)
    scale = min(1.0, 5 / norm)
    assert norm == 50.0 and scale == 0.1
    assert math.isclose(math.hypot(*(scale * v for v in g)), 5.0)


def test_inverted_dropout_scale() -> None:
    text = read("dropout-train-vs-inference")
    p = 0.2
    assert "$p = 0.2$" in text and "multiplied by 1.25" in text
    assert math.isclose(1 / (1 - p), 1.25)
    # Expected value is preserved: keep with prob 1 - p, scale by 1 / (1 - p).
    h = 3.7
    assert math.isclose((1 - p) * h / (1 - p) + p * 0.0, h)


def test_cross_entropy_vs_mse_gradients() -> None:
    text = read("cross-entropy-vs-mse")
    y, p = 1.0, 0.01
    ce_grad = p - y
    mse_grad = (p - y) * p * (1 - p)
    assert "$y = 1$ and $p = 0.01$" in text
    assert "$-0.99$" in text and math.isclose(ce_grad, -0.99)
    assert "about $-0.0098$" in text and round(mse_grad, 4) == -0.0098
    assert "a hundred times smaller" in text and round(ce_grad / mse_grad) == 101
    # Check both formulas against finite differences in the logit z.
    z = math.log(p / (1 - p))
    eps = 1e-6
    ce = lambda t: -(y * math.log(sigmoid(t)) + (1 - y) * math.log(1 - sigmoid(t)))  # noqa: E731
    mse = lambda t: 0.5 * (sigmoid(t) - y) ** 2  # noqa: E731
    assert math.isclose((ce(z + eps) - ce(z - eps)) / (2 * eps), ce_grad, rel_tol=1e-5)
    assert math.isclose((mse(z + eps) - mse(z - eps)) / (2 * eps), mse_grad, rel_tol=1e-5)


def test_softmax_cross_entropy_gradient() -> None:
    text = read("softmax-cross-entropy-gradient")
    assert "$p = (0.7, 0.2, 0.1)$" in text and "$(-0.3, 0.2, 0.1)$" in text
    p = [0.7, 0.2, 0.1]
    y = [1.0, 0.0, 0.0]
    grad = [pi - yi for pi, yi in zip(p, y)]
    assert [round(g, 10) for g in grad] == [-0.3, 0.2, 0.1]
    assert math.isclose(sum(grad), 0.0, abs_tol=1e-12)
    # Finite differences on logits whose softmax is p.
    z = [math.log(v) for v in p]
    loss = lambda zs: -sum(t * math.log(q) for t, q in zip(y, softmax(zs)))  # noqa: E731
    eps = 1e-6
    for j in range(3):
        up = z.copy()
        down = z.copy()
        up[j] += eps
        down[j] -= eps
        assert math.isclose((loss(up) - loss(down)) / (2 * eps), grad[j], abs_tol=1e-6)


def test_loss_at_initialization() -> None:
    text = read("debugging-network-not-training")
    assert "about 2.30 for 10 classes" in text and f"{math.log(10):.2f}" == "2.30"
    assert "$\\ln 1000 \\approx 6.91$" in text and f"{math.log(1000):.2f}" == "6.91"
    # Uniform predictions over C classes give cross-entropy ln C.
    assert math.isclose(-math.log(softmax([0.0] * 10)[3]), math.log(10))


def test_batch_size_noise() -> None:
    text = read("mini-batch-size-effects")
    assert "from 32 to 128 examples halves the noise at four times the compute" in text
    assert math.sqrt(32 / 128) == 0.5 and 128 / 32 == 4


def test_embedding_parameter_count() -> None:
    text = read("embedding-layer-training")
    assert "50,000 IDs with 300 dimensions is 15 million weights" in text
    assert 50_000 * 300 == 15_000_000
