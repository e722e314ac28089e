"""Numbers from the third-reader audit of content/deep-architectures/ and content/neural-networks/
that the categories' own numbers tests did not yet recompute.

Each test reads the question file, checks the number or constant is printed as stated, and
recomputes it from first principles with the standard library.
"""

from __future__ import annotations

import math
import random
from fractions import Fraction

from tests.content.numbers import for_category, sigmoid, softmax

read_deep, stated_deep = for_category("deep-architectures")
read_nn, stated_nn = for_category("neural-networks")


# ------------------------------------------------------------ deep-architectures


def test_feed_forward_share_of_an_encoder_block():
    stated_deep(
        "transformer-encoder-decoder",
        "hidden width about four times the model width",
        "about two-thirds of an encoder block's parameters (8d² of 12d² at a 4d hidden width)",
    )
    for d in (256, 512, 768, 1024):
        attention = 4 * d * d  # W_Q, W_K, W_V, W_O
        ffn = d * (4 * d) + (4 * d) * d  # up and down projections
        assert ffn == 8 * d * d and attention + ffn == 12 * d * d
        assert Fraction(ffn, attention + ffn) == Fraction(2, 3)
        # a decoder block with cross-attention as well is only half feed-forward
        assert Fraction(ffn, 2 * attention + ffn) == Fraction(1, 2)


def test_attention_overtakes_linear_layers_at_several_times_d():
    stated_deep("attention-quadratic-cost", "the $n^2$ term takes over once $n$ is several times $d$")
    # per layer: projections 8 n d^2 and MLP 16 n d^2 FLOPs, scores and weighted sum 4 n^2 d
    def linear(n: int, d: int) -> int:
        return 24 * n * d * d

    def quadratic(n: int, d: int) -> int:
        return 4 * n * n * d

    for d in (512, 1024, 4096):
        assert quadratic(d, d) < linear(d, d)  # at n = d the linear layers still dominate
        crossover = 6 * d
        assert quadratic(crossover, d) == linear(crossover, d)
        assert quadratic(8 * d, d) > linear(8 * d, d)


def test_gan_optimal_discriminator_constants():
    stated_deep("gan-objective-mode-collapse", "$2\\,\\mathrm{JS}(p_{\\text{data}} \\,\\|\\, p_g) - \\log 4$", "constant at log 2")

    def kl(p: list[float], q: list[float]) -> float:
        return sum(a * math.log(a / b) for a, b in zip(p, q) if a > 0)

    def js(p: list[float], q: list[float]) -> float:
        m = [(a + b) / 2 for a, b in zip(p, q)]
        return (kl(p, m) + kl(q, m)) / 2

    def value_at_optimal_d(p: list[float], q: list[float]) -> float:
        total = 0.0
        for a, b in zip(p, q):
            d_star = a / (a + b) if a + b > 0 else 0.5
            if a > 0:
                total += a * math.log(d_star)
            if b > 0:
                total += b * math.log(1 - d_star)
        return total

    p_data = [0.1, 0.4, 0.3, 0.2, 0.0]
    for p_g in ([0.25, 0.25, 0.25, 0.25, 0.0], [0.0, 0.1, 0.2, 0.3, 0.4], p_data):
        assert math.isclose(value_at_optimal_d(p_data, p_g), 2 * js(p_data, p_g) - math.log(4), abs_tol=1e-12)
    # the minimum, at p_g = p_data, is -log 4
    assert math.isclose(value_at_optimal_d(p_data, p_data), -math.log(4))
    # disjoint supports: JS is log 2 however far apart they are
    p = [0.5, 0.5, 0.0, 0.0, 0.0, 0.0]
    for start in (2, 3, 4):
        q = [0.5 if i in (start, start + 1) else 0.0 for i in range(6)]
        assert sum(q) == 1 and all(a * b == 0 for a, b in zip(p, q))
        assert math.isclose(js(p, q), math.log(2))


def test_vae_gaussian_kl_closed_form():
    stated_deep(
        "vae-elbo",
        "\\frac{1}{2}\\left(\\mu^2 + \\sigma^2 - 1 - \\log \\sigma^2\\right)",
    )

    def normal_pdf(x: float, mu: float, sigma: float) -> float:
        return math.exp(-((x - mu) ** 2) / (2 * sigma**2)) / (sigma * math.sqrt(2 * math.pi))

    for mu, sigma in ((0.0, 1.0), (1.5, 0.5), (-0.7, 2.0)):
        closed = 0.5 * (mu**2 + sigma**2 - 1 - math.log(sigma**2))
        # numerical integral of q log(q / p) on a fine grid
        lo, hi, steps = mu - 12 * sigma, mu + 12 * sigma, 20_000
        h = (hi - lo) / steps
        numeric = 0.0
        for i in range(steps + 1):
            x = lo + i * h
            q = normal_pdf(x, mu, sigma)
            if q > 0:
                weight = 0.5 if i in (0, steps) else 1.0
                numeric += weight * q * math.log(q / normal_pdf(x, 0.0, 1.0)) * h
        assert math.isclose(numeric, closed, abs_tol=1e-6), (mu, sigma, numeric, closed)


def test_diffusion_closed_form_matches_the_chain():
    stated_deep(
        "diffusion-models",
        "1,000 in the original DDPM paper",
        "x_t = \\sqrt{\\bar\\alpha_t}\\, x_0 + \\sqrt{1-\\bar\\alpha_t}\\, \\epsilon",
        "\\bar\\alpha_t = \\prod_{s=1}^{t} (1 - \\beta_s)",
    )
    # DDPM's linear schedule from 1e-4 to 0.02 over T = 1000 steps
    T = 1000
    betas = [1e-4 + (0.02 - 1e-4) * t / (T - 1) for t in range(T)]
    # x_t = sqrt(1 - beta) x_{t-1} + sqrt(beta) eps: track x_0's coefficient and the noise variance
    coef, var = 1.0, 0.0
    alpha_bar = 1.0
    for beta in betas:
        coef *= math.sqrt(1 - beta)
        var = (1 - beta) * var + beta
        alpha_bar *= 1 - beta
        assert math.isclose(coef, math.sqrt(alpha_bar)) and math.isclose(var, 1 - alpha_bar)
    assert alpha_bar < 1e-4  # "essentially pure noise" at t = T


def test_sinusoidal_offset_is_a_linear_map():
    text = read_deep("positional-encoding")
    assert "the encoding of position $p + k$ is a linear function of that of $p$" in text
    d, k = 16, 5

    def pe(p: int) -> list[float]:
        out = []
        for i in range(d // 2):
            w = 1 / 10000 ** (2 * i / d)
            out += [math.sin(p * w), math.cos(p * w)]
        return out

    for p in (0, 3, 40, 977):
        shifted = pe(p + k)
        base = pe(p)
        for i in range(d // 2):
            w = 1 / 10000 ** (2 * i / d)
            s, c = base[2 * i], base[2 * i + 1]
            # a fixed rotation by k w, the same for every p
            assert math.isclose(shifted[2 * i], s * math.cos(k * w) + c * math.sin(k * w), abs_tol=1e-9)
            assert math.isclose(shifted[2 * i + 1], c * math.cos(k * w) - s * math.sin(k * w), abs_tol=1e-9)


def test_two_by_two_pooling_halves_the_map():
    stated_deep("cnn-pooling-layers", "a 2×2 pool with stride 2 halves the height and width")
    for n in (224, 112, 56, 32):
        assert (n - 2) // 2 + 1 == n // 2


# -------------------------------------------------------------- neural-networks


def test_xor_from_or_nand_and():
    text = read_nn("perceptron-xor")
    assert "one hidden unit computes OR, another computes NAND, and the output unit takes their AND" in text
    step = lambda v: 1 if v > 0 else 0  # noqa: E731
    unit_or = lambda a, b: step(a + b - 0.5)  # noqa: E731
    unit_nand = lambda a, b: step(-a - b + 1.5)  # noqa: E731
    unit_and = lambda a, b: step(a + b - 1.5)  # noqa: E731
    for a in (0, 1):
        for b in (0, 1):
            assert unit_and(unit_or(a, b), unit_nand(a, b)) == a ^ b
    # no single threshold unit works: a coarse grid of weights never gets all four points right
    grid = [x / 2 for x in range(-6, 7)]
    for w1 in grid:
        for w2 in grid:
            for bias in grid:
                assert any(step(w1 * a + w2 * b + bias) != a ^ b for a in (0, 1) for b in (0, 1))


def test_softmax_mass_and_two_class_sigmoid():
    stated_nn(
        "multi-class-vs-multi-label-outputs",
        "the probabilities sum to 1, so two present labels cannot both score near 1",
        "one sigmoid output is equivalent to a two-class softmax",
    )
    rng = random.Random(0)
    for _ in range(200):
        z = [rng.uniform(-8, 8) for _ in range(5)]
        p = softmax(z)
        assert math.isclose(sum(p), 1.0)
        top_two = sorted(p)[-2:]
        assert top_two[0] <= 0.5  # the runner-up can never exceed one half
        z1, z2 = rng.uniform(-6, 6), rng.uniform(-6, 6)
        assert math.isclose(softmax([z1, z2])[0], sigmoid(z1 - z2))
    stated_nn("softmax-function", "$p_1 = 1/(1 + e^{-(z_1 - z_2)}) = \\sigma(z_1 - z_2)$")


def test_composed_affine_maps_are_affine():
    stated_nn("why-nonlinear-activations", "W_2 (W_1 x + b_1) + b_2 = (W_2 W_1)\\,x + (W_2 b_1 + b_2)")
    rng = random.Random(1)
    mat = lambda r, c: [[rng.uniform(-1, 1) for _ in range(c)] for _ in range(r)]  # noqa: E731
    vec = lambda n: [rng.uniform(-1, 1) for _ in range(n)]  # noqa: E731
    matvec = lambda m, v: [sum(a * b for a, b in zip(row, v)) for row in m]  # noqa: E731
    w1, b1, w2, b2 = mat(4, 3), vec(4), mat(2, 4), vec(2)
    w = [[sum(w2[i][k] * w1[k][j] for k in range(4)) for j in range(3)] for i in range(2)]
    b = [u + v for u, v in zip(matvec(w2, b1), b2)]
    for _ in range(20):
        x = vec(3)
        layered = [u + v for u, v in zip(matvec(w2, [s + t for s, t in zip(matvec(w1, x), b1)]), b2)]
        single = [u + v for u, v in zip(matvec(w, x), b)]
        assert all(math.isclose(p, q, abs_tol=1e-12) for p, q in zip(layered, single))
