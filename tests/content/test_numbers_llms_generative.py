"""Recompute the worked numbers in the generative-model questions of content/llms-genai/.

Covers diffusion (forward process, objectives, samplers, guidance, latent diffusion),
flow matching, CLIP, vision-language models, FID and the generator-family comparison.
Each test reads one question file, checks that the number appears in it as written,
and recomputes it from first principles (standard library only).
"""

from __future__ import annotations

import math
import random
from fractions import Fraction

from tests.content.numbers import close, for_category

read, stated = for_category("llms-genai")


def linear_betas(start: float, end: float, steps: int) -> list[float]:
    return [start + (end - start) * i / (steps - 1) for i in range(steps)]


def cumulative_alpha_bars(betas: list[float]) -> list[float]:
    out, prod = [], 1.0
    for b in betas:
        prod *= 1 - b
        out.append(prod)
    return out


def normal_logpdf(x: float, mean: float, var: float) -> float:
    return -0.5 * math.log(2 * math.pi * var) - (x - mean) ** 2 / (2 * var)


# --- ddpm-forward-process-closed-form -------------------------------------------------


def test_alpha_bar_for_a_four_step_linear_schedule():
    qid = "ddpm-forward-process-closed-form"
    stated(
        qid,
        r"$\beta = 0.1, 0.2, 0.3, 0.4$ gives $\bar\alpha_t = 0.9, 0.72, 0.504, 0.3024$",
        r"$\sqrt{0.3024} \approx 0.55$",
        r"$\sqrt{0.6976} \approx 0.84$",
        "ᾱ_4 = 0.3024",
    )
    betas = [Fraction(1, 10) * k for k in range(1, 5)]
    assert betas == linear_betas(Fraction(1, 10), Fraction(4, 10), 4)
    bars, prod = [], Fraction(1)
    for b in betas:
        prod *= 1 - b
        bars.append(prod)
    assert bars == [Fraction("0.9"), Fraction("0.72"), Fraction("0.504"), Fraction("0.3024")]
    assert 1 - bars[-1] == Fraction("0.6976")
    close(math.sqrt(bars[-1]), "0.55")
    close(math.sqrt(1 - bars[-1]), "0.84")


def test_ddpm_linear_schedule_ends_near_pure_noise():
    qid = "ddpm-forward-process-closed-form"
    stated(qid, r"from $10^{-4}$ to 0.02 over 1,000 steps", r"$\bar\alpha_T \approx 4.0 \times 10^{-5}$")
    alpha_bar_T = cumulative_alpha_bars(linear_betas(1e-4, 0.02, 1000))[-1]
    close(alpha_bar_T * 1e5, "4.0")
    assert math.sqrt(alpha_bar_T) < 0.01  # the residual signal is under 1% of x_0


def test_noise_variances_compose():
    qid = "ddpm-forward-process-closed-form"
    stated(qid, r"$\alpha_2(1-\alpha_1) + (1-\alpha_2) = 1-\alpha_1\alpha_2$")
    rng = random.Random(0)
    for _ in range(100):
        a1, a2 = rng.random(), rng.random()
        assert math.isclose(a2 * (1 - a1) + (1 - a2), 1 - a1 * a2)


def test_simulated_chain_matches_the_closed_form():
    """Run the four noising steps and compare with N(sqrt(abar) x0, 1 - abar)."""
    qid = "ddpm-forward-process-closed-form"
    stated(qid, "ᾱ_t + (1 − ᾱ_t) = 1, so unit-variance data stays unit-variance")
    betas = [Fraction(1, 10) * k for k in range(1, 5)]
    alpha_bar = 1 - betas[0]
    for b in betas[1:]:
        alpha_bar *= 1 - b
    # Exact: each step maps (squared mean coefficient, variance) to ((1 - b) m2, (1 - b) var + b).
    m2, var = Fraction(1), Fraction(0)
    for b in betas:
        m2, var = (1 - b) * m2, (1 - b) * var + b
    assert (m2, var) == (alpha_bar, 1 - alpha_bar)
    # Variance-preserving: from unit-variance data the marginal variance stays 1 at every step.
    v = Fraction(1)
    for b in betas:
        v = (1 - b) * v + b
        assert v == 1
    # Monte Carlo with a fixed seed: tolerances are four standard errors of the estimates,
    # SE(mean) = sqrt(var / n) and SE(sample variance) = var * sqrt(2 / (n - 1)) for a Gaussian.
    rng = random.Random(1)
    x0, n = 1.5, 10_000
    steps = [(math.sqrt(1 - b), math.sqrt(b)) for b in map(float, betas)]
    finals = []
    for _ in range(n):
        x = x0
        for keep, noise in steps:
            x = keep * x + noise * rng.gauss(0, 1)
        finals.append(x)
    mean = sum(finals) / n
    sample_var = sum((x - mean) ** 2 for x in finals) / (n - 1)
    true_var = float(1 - alpha_bar)
    assert abs(mean - math.sqrt(alpha_bar) * x0) < 4 * math.sqrt(true_var / n)
    assert abs(sample_var - true_var) < 4 * true_var * math.sqrt(2 / (n - 1))


# --- diffusion-noise-prediction-objective ---------------------------------------------


def test_epsilon_x0_and_v_losses_differ_by_snr_weights():
    qid = "diffusion-noise-prediction-objective"
    stated(
        qid,
        r"$v = \sqrt{\bar\alpha_t}\,\epsilon - \sqrt{1-\bar\alpha_t}\,x_0$",
        r"\lVert \epsilon - \hat\epsilon \rVert^2 = \mathrm{SNR}(t)\,\lVert x_0 - \hat x_0 \rVert^2",
        r"\lVert v - \hat v \rVert^2 = \left(1 + \mathrm{SNR}(t)\right)\lVert x_0 - \hat x_0 \rVert^2",
    )
    rng = random.Random(2)
    for _ in range(200):
        abar = rng.uniform(0.01, 0.99)
        a, s = math.sqrt(abar), math.sqrt(1 - abar)
        x0, eps, x0_hat = rng.gauss(0, 1), rng.gauss(0, 1), rng.gauss(0, 1)
        xt = a * x0 + s * eps
        # any one prediction at fixed x_t determines the others
        eps_hat = (xt - a * x0_hat) / s
        v, v_hat = a * eps - s * x0, a * eps_hat - s * x0_hat
        snr = abar / (1 - abar)
        assert math.isclose((eps - eps_hat) ** 2, snr * (x0 - x0_hat) ** 2, rel_tol=1e-9, abs_tol=1e-12)
        assert math.isclose((v - v_hat) ** 2, (1 + snr) * (x0 - x0_hat) ** 2, rel_tol=1e-9, abs_tol=1e-12)
        assert math.isclose(a * xt - s * v, x0, abs_tol=1e-12)  # x_0 recovered from v


def test_score_of_the_noising_kernel_is_scaled_noise():
    qid = "diffusion-noise-prediction-objective"
    stated(qid, r"$-\epsilon/\sqrt{1-\bar\alpha_t}$")
    rng = random.Random(3)
    for _ in range(50):
        abar = rng.uniform(0.05, 0.95)
        x0, eps = rng.gauss(0, 1), rng.gauss(0, 1)
        xt = math.sqrt(abar) * x0 + math.sqrt(1 - abar) * eps
        h = 1e-5
        mean, var = math.sqrt(abar) * x0, 1 - abar
        score = (normal_logpdf(xt + h, mean, var) - normal_logpdf(xt - h, mean, var)) / (2 * h)
        assert math.isclose(score, -eps / math.sqrt(1 - abar), rel_tol=1e-5, abs_tol=1e-7)


def test_tweedie_estimate_inverts_the_forward_process():
    qid = "diffusion-noise-prediction-objective"
    stated(qid, r"$\hat x_0 = (x_t - \sqrt{1-\bar\alpha_t}\,\hat\epsilon)/\sqrt{\bar\alpha_t}$")
    abar, x0, eps = 0.3024, 0.7, -1.2
    xt = math.sqrt(abar) * x0 + math.sqrt(1 - abar) * eps
    assert math.isclose((xt - math.sqrt(1 - abar) * eps) / math.sqrt(abar), x0)


def test_elbo_term_is_a_weighted_noise_error():
    """KL between the Gaussian posterior and the model step, both with variance sigma^2."""
    qid = "diffusion-noise-prediction-objective"
    stated(qid, r"\frac{\beta_t^2}{2\sigma_t^2\,\alpha_t\,(1-\bar\alpha_t)}")
    betas = linear_betas(1e-4, 0.02, 1000)
    bars = cumulative_alpha_bars(betas)
    rng = random.Random(4)
    for t in (1, 10, 500, 999):  # 0-based index; step t uses bars[t - 1] as the previous level
        beta, alpha, abar, abar_prev = betas[t], 1 - betas[t], bars[t], bars[t - 1]
        sigma2 = beta
        x0, eps, eps_hat = rng.gauss(0, 1), rng.gauss(0, 1), rng.gauss(0, 1)
        xt = math.sqrt(abar) * x0 + math.sqrt(1 - abar) * eps
        posterior_mean = (
            math.sqrt(abar_prev) * beta / (1 - abar) * x0 + math.sqrt(alpha) * (1 - abar_prev) / (1 - abar) * xt
        )
        model_mean = (xt - beta / math.sqrt(1 - abar) * eps_hat) / math.sqrt(alpha)
        kl = (posterior_mean - model_mean) ** 2 / (2 * sigma2)
        weight = beta**2 / (2 * sigma2 * alpha * (1 - abar))
        assert math.isclose(kl, weight * (eps - eps_hat) ** 2, rel_tol=1e-6)


def test_simple_loss_down_weights_low_noise_steps():
    qid = "diffusion-noise-prediction-objective"
    stated(qid, "down-weights the easy low-noise steps")
    betas = linear_betas(1e-4, 0.02, 1000)
    bars = cumulative_alpha_bars(betas)
    weights = [b / (2 * (1 - b) * (1 - ab)) for b, ab in zip(betas, bars)]  # sigma_t^2 = beta_t
    # the ELBO concentrates its weight on the first, low-noise steps; the simple loss weights all equally
    assert weights[0] > 40 * max(weights[100:])
    elbo_share_first_1pc = sum(weights[:10]) / sum(weights)
    uniform_share_first_1pc = 10 / 1000
    assert elbo_share_first_1pc > 10 * uniform_share_first_1pc


# --- ddpm-vs-ddim-sampling ------------------------------------------------------------


def test_ddim_step_subsequence_speedup():
    qid = "ddpm-vs-ddim-sampling"
    stated(qid, "50 of 1,000 is 20 times fewer calls", "50 of 1,000 timesteps means 20× fewer network calls")
    full = list(range(999, -1, -1))
    stride = 1000 // 50
    subsequence = full[::stride]  # 999, 979, ..., 19: one network call per visited timestep
    assert len(subsequence) == 50 and len(full) / len(subsequence) == 20


def ddim_step(xt, eps_hat, abar_t, abar_s, eta, z):
    x0_hat = (xt - math.sqrt(1 - abar_t) * eps_hat) / math.sqrt(abar_t)
    sigma = eta * math.sqrt((1 - abar_s) / (1 - abar_t)) * math.sqrt(1 - abar_t / abar_s)
    return math.sqrt(abar_s) * x0_hat + math.sqrt(1 - abar_s - sigma**2) * eps_hat + sigma * z, sigma


def test_deterministic_ddim_with_exact_noise_stays_on_the_marginal():
    bars = cumulative_alpha_bars(linear_betas(1e-4, 0.02, 1000))
    x0, eps = 0.8, -0.4
    for t, s in ((999, 979), (500, 480), (100, 0)):
        xt = math.sqrt(bars[t]) * x0 + math.sqrt(1 - bars[t]) * eps
        xs, sigma = ddim_step(xt, eps, bars[t], bars[s], eta=0.0, z=0.0)
        assert sigma == 0.0
        assert math.isclose(xs, math.sqrt(bars[s]) * x0 + math.sqrt(1 - bars[s]) * eps, rel_tol=1e-9)


def test_deterministic_ddim_is_an_euler_step_in_the_noise_to_signal_ratio():
    """With xbar = x / sqrt(abar) and time sigma = sqrt(1 - abar) / sqrt(abar), the probability-flow
    ODE reads d xbar / d sigma = eps(x); one Euler step with the current eps is exactly DDIM (eta = 0)."""
    qid = "ddpm-vs-ddim-sampling"
    stated(qid, r"Euler step of the **probability-flow ODE** for $x_t/\sqrt{\bar\alpha_t}$, with $\sqrt{1-\bar\alpha_t}/\sqrt{\bar\alpha_t}$ (noise over signal) as time")
    bars = cumulative_alpha_bars(linear_betas(1e-4, 0.02, 1000))
    rng = random.Random(10)
    for t, s in ((999, 949), (600, 500), (200, 20)):
        xt, eps_hat = rng.gauss(0, 1), rng.gauss(0, 1)  # any model output, not the true noise
        ddim, _ = ddim_step(xt, eps_hat, bars[t], bars[s], eta=0.0, z=0.0)
        nsr_t, nsr_s = (math.sqrt((1 - bars[k]) / bars[k]) for k in (t, s))
        euler = (xt / math.sqrt(bars[t]) + (nsr_s - nsr_t) * eps_hat) * math.sqrt(bars[s])
        assert math.isclose(ddim, euler, rel_tol=1e-9, abs_tol=1e-12)
        assert nsr_t > nsr_s  # sampling runs the ODE towards a smaller noise-to-signal ratio


def test_eta_one_gives_the_ddpm_posterior_variance():
    qid = "ddpm-vs-ddim-sampling"
    stated(qid, "σ² becomes (1 − ᾱ_{t−1})/(1 − ᾱ_t) · β_t")
    betas = linear_betas(1e-4, 0.02, 1000)
    bars = cumulative_alpha_bars(betas)
    for t in (1, 50, 500, 999):
        _, sigma = ddim_step(0.0, 0.0, bars[t], bars[t - 1], eta=1.0, z=0.0)
        posterior_var = (1 - bars[t - 1]) / (1 - bars[t]) * betas[t]
        assert math.isclose(sigma**2, posterior_var, rel_tol=1e-9)


# --- classifier-free-guidance-scale ---------------------------------------------------


def test_guidance_conventions_differ_by_one():
    qid = "classifier-free-guidance-scale"
    stated(
        qid,
        r"$(1+w)\,\epsilon_c - w\,\epsilon_\varnothing$, so its $w$ is this one minus 1",
        "a scale of 7.5 here is 6.5 in the original paper's notation",
    )
    rng = random.Random(5)
    for _ in range(100):
        eps_c, eps_u = rng.gauss(0, 1), rng.gauss(0, 1)
        w = rng.uniform(0, 15)
        ours = eps_u + w * (eps_c - eps_u)
        w_paper = w - 1
        assert math.isclose(ours, (1 + w_paper) * eps_c - w_paper * eps_u, abs_tol=1e-12)
        assert math.isclose(eps_u + 1 * (eps_c - eps_u), eps_c)  # w = 1 is unguided
    # the stated pair: a Stable Diffusion scale of 7.5 and the paper's 6.5 give the same prediction
    stated(qid, "7.5 in the Stable Diffusion 1.5 pipeline")
    for eps_c, eps_u in ((0.3, -1.1), (2.0, 0.5)):
        assert math.isclose(eps_u + 7.5 * (eps_c - eps_u), (1 + 6.5) * eps_c - 6.5 * eps_u, abs_tol=1e-12)
        assert not math.isclose(eps_u + 7.5 * (eps_c - eps_u), (1 + 7.5) * eps_c - 7.5 * eps_u)


def test_guidance_sharpens_towards_the_condition_in_a_gaussian_toy():
    """p(x) = N(0, 1), p(x | c) = N(1, 1): the guided score is that of p(x) p(c | x)^w = N(w, 1)."""
    qid = "classifier-free-guidance-scale"
    stated(qid, r"$p(x)\,p(c \mid x)^{w}$")
    for w in (1.0, 3.0, 7.5):
        for x in (-2.0, 0.0, 0.5, 4.0):
            score_uncond, score_cond = -x, -(x - 1)
            guided = score_uncond + w * (score_cond - score_uncond)
            assert math.isclose(guided, -(x - w), abs_tol=1e-12)


def guided_sampler_calls(steps: int, guided: bool) -> int:
    """Count denoiser evaluations of a sampler loop (conditional, plus unconditional if guided)."""
    calls = 0

    def model(x: float, cond: bool) -> float:
        nonlocal calls
        calls += 1
        return 0.1 * x + (0.2 if cond else 0.0)

    x = 1.0
    for _ in range(steps):
        eps_c = model(x, True)
        eps = eps_c
        if guided:
            eps_u = model(x, False)
            eps = eps_u + 7.5 * (eps_c - eps_u)
        x -= 0.01 * eps
    return calls


def test_guidance_doubles_network_evaluations():
    qid = "classifier-free-guidance-scale"
    stated(qid, "a 50-step sample takes 100 network evaluations")
    assert guided_sampler_calls(50, guided=True) == 100
    assert guided_sampler_calls(50, guided=False) == 50


# --- latent-diffusion-autoencoder-dit -------------------------------------------------


def test_latent_compression_factor():
    qid = "latent-diffusion-autoencoder-dit"
    stated(
        qid,
        "a 512×512×3 image (786,432 values) becomes a 64×64×4 latent (16,384 values), 48 times fewer",
        r"\frac{786{,}432}{16{,}384} = 48",
    )
    pixels, latent = 512 * 512 * 3, 64 * 64 * 4
    assert (pixels, latent) == (786_432, 16_384)
    assert pixels / latent == 48
    assert 512 // 64 == 8  # 8x downsampling per side


def test_latent_attention_positions_and_sixteen_channels():
    qid = "latent-diffusion-autoencoder-dit"
    stated(qid, "4,096 spatial positions instead of 262,144", "16-channel latents (12 times compression)")
    assert 64 * 64 == 4_096 and 512 * 512 == 262_144
    assert 512 * 512 * 3 / (64 * 64 * 16) == 12


def test_dit_token_count():
    qid = "latent-diffusion-autoencoder-dit"
    stated(qid, "2×2 patches giving 1,024 tokens at 64×64", r"\frac{64 \cdot 64}{2^2} = 1{,}024")
    p = 2
    assert (64 // p) * (64 // p) == 1_024


# --- flow-matching-rectified-flow -----------------------------------------------------


def test_one_dimensional_rectified_flow_example():
    qid = "flow-matching-rectified-flow"
    stated(
        qid,
        "noise x_0 = −1 and data x_1 = 2 give x_{0.25} = −0.25 and a target velocity of 3",
        "an Euler step of 0.75 with that velocity lands exactly on 2",
    )
    x0, x1, t = -1.0, 2.0, 0.25
    xt = (1 - t) * x0 + t * x1
    v = x1 - x0
    assert math.isclose(xt, -0.25) and v == 3
    assert math.isclose(xt + (1 - t) * v, x1)


def test_velocity_equals_data_prediction_form():
    qid = "flow-matching-rectified-flow"
    stated(qid, r"\frac{\mathbb{E}[x_1 \mid x_t = x] - x}{1-t}")
    rng = random.Random(6)
    for _ in range(100):
        x0, x1, t = rng.gauss(0, 1), rng.gauss(0, 3), rng.uniform(0, 0.99)
        xt = (1 - t) * x0 + t * x1
        assert math.isclose(x1 - x0, (x1 - xt) / (1 - t), rel_tol=1e-9, abs_tol=1e-9)


def test_euler_step_on_the_linear_path_equals_a_ddim_step():
    """Noise at t = 0, data at t = 1: x_t = t x1 + (1 - t) eps, so alpha_t = t and sigma_t = 1 - t."""
    qid = "flow-matching-rectified-flow"
    stated(qid, "($t$ and $1-t$ instead of", "an Euler step equals a DDIM step")
    rng = random.Random(11)
    for _ in range(100):
        t, s = sorted(rng.uniform(0.01, 0.99) for _ in range(2))  # move from t towards data at s > t
        xt, eps_hat = rng.gauss(0, 2), rng.gauss(0, 1)  # any model output
        x1_hat = (xt - (1 - t) * eps_hat) / t  # the data estimate consistent with x_t and eps_hat
        v_hat = x1_hat - eps_hat  # velocity = data minus noise
        euler = xt + (s - t) * v_hat
        ddim = s * x1_hat + (1 - s) * eps_hat  # re-noise the data estimate at level s with the same eps
        assert math.isclose(euler, ddim, rel_tol=1e-9, abs_tol=1e-9)


def marginal_velocity(x: float, t: float, data=(-1.0, 1.0)) -> float:
    """Exact E[x1 - x0 | x_t = x] for equal-weight point data and N(0, 1) noise."""
    weights = [math.exp(normal_logpdf(x, t * d, (1 - t) ** 2)) for d in data]
    total = sum(weights)
    return sum(w / total * (d - x) / (1 - t) for w, d in zip(weights, data))


def test_crossing_paths_average_to_zero_velocity():
    qid = "flow-matching-rectified-flow"
    stated(qid, "at t = 0.5 and x = 0 the pairs ask for velocities +2 and −2, which average to 0")
    t, x = 0.5, 0.0
    # the pairs passing through x = 0 at t = 0.5: x1 = +1 needs x0 = -1, and the reverse
    pair_targets = [x1 - (x - t * x1) / (1 - t) for x1 in (1.0, -1.0)]
    assert pair_targets == [2.0, -2.0]
    assert math.isclose(marginal_velocity(x, t), 0.0, abs_tol=1e-12)


def window_average_velocity(lo: float, hi: float, t: float, data=(-1.0, 1.0), panels: int = 200) -> float:
    """Exact E[x1 - x0 | lo < x_t < hi] by Simpson's rule over the density of x_t."""
    h = (hi - lo) / panels
    num = den = 0.0
    for k in range(panels + 1):
        x = lo + k * h
        weight = 1 if k in (0, panels) else (4 if k % 2 else 2)
        density = sum(math.exp(normal_logpdf(x, t * d, (1 - t) ** 2)) for d in data) / len(data)
        num += weight * density * marginal_velocity(x, t, data)
        den += weight * density
    return num / den


def test_per_pair_regression_recovers_the_marginal_velocity():
    """Averaging per-pair targets near a point estimates the marginal field (the shared minimiser)."""
    rng = random.Random(7)
    t, x_star, half_width = 0.5, 0.3, 0.1
    targets = []
    for _ in range(45_000):
        x0, x1 = rng.gauss(0, 1), (1.0 if rng.random() < 0.5 else -1.0)
        xt = (1 - t) * x0 + t * x1
        if abs(xt - x_star) < half_width:
            targets.append(x1 - x0)
    n = len(targets)
    estimate = sum(targets) / n
    se = math.sqrt(sum((y - estimate) ** 2 for y in targets) / (n - 1) / n)
    exact = marginal_velocity(x_star, t)
    assert math.isclose(exact, 2 * math.tanh(2 * x_star) - 2 * x_star, rel_tol=1e-12)  # closed form here
    assert 0.4 < exact < 0.55  # curved field: neither per-pair target (1.4 or -2.6)
    # the bin mean of per-pair targets is the minimiser over bin-constant fields; it equals the
    # density-weighted average of the marginal field over the bin, which is close to its centre value
    window = window_average_velocity(x_star - half_width, x_star + half_width, t)
    assert abs(window - exact) < 0.02  # bin-averaging bias, small next to the 4-SE tolerance
    assert 4 * se < 0.11  # as tight as a 0.1 tolerance: tells 0.47 from the per-pair targets or 0.6
    assert abs(estimate - window) < 4 * se


# --- clip-contrastive-image-text ------------------------------------------------------


def test_clip_negatives_per_batch():
    qid = "clip-contrastive-image-text"
    stated(qid, "CLIP used 32,768", "N² − N pairs: about 1.07 billion at N = 32,768, with 32,767 negatives in each row")
    n = 32_768
    assert n == 2**15
    close((n * n - n) / 1e9, "1.07")
    assert n - 1 == 32_767


def test_clip_temperature_and_unscaled_softmax():
    qid = "clip-contrastive-image-text"
    stated(qid, "a logit scale of 1/0.07 ≈ 14.3", "clipped at 100", "nearly uniform")
    close(1 / 0.07, "14.3")
    assert 1 / 0.07 < 100
    # without the temperature, logits lie in [-1, 1]: even the best case gives the positive a tiny share
    n = 32_768
    best_case = math.exp(1) / (math.exp(1) + (n - 1) * math.exp(-1))
    assert best_case < 1e-3
    assert math.isclose(1 / n, 3.05e-5, rel_tol=0.01)


def clip_loss(sim: list[list[float]], tau: float) -> float:
    n = len(sim)
    loss = 0.0
    for i in range(n):
        row = [sim[i][j] / tau for j in range(n)]
        col = [sim[j][i] / tau for j in range(n)]
        loss -= row[i] - math.log(sum(math.exp(r) for r in row))
        loss -= col[i] - math.log(sum(math.exp(c) for c in col))
    return loss / (2 * n)


def test_symmetric_loss_rewards_matched_pairs():
    qid = "clip-contrastive-image-text"
    stated(qid, r"-\frac{1}{2N}\sum_{i=1}^{N}")
    aligned = [[1.0 if i == j else 0.0 for j in range(4)] for i in range(4)]
    shuffled = [[1.0 if j == (i + 1) % 4 else 0.0 for j in range(4)] for i in range(4)]
    assert clip_loss(aligned, 0.07) < 1e-5
    assert clip_loss(shuffled, 0.07) > 10
    assert math.isclose(clip_loss([[0.0] * 4 for _ in range(4)], 0.07), math.log(4))  # chance level


# --- vision-language-model-image-tokens -----------------------------------------------


def test_image_token_count_at_336_pixels():
    qid = "vision-language-model-image-tokens"
    stated(qid, r"$(336/14)^2 = 24^2 = 576$", "24 × 24 = 576", "576, not 577")
    assert 336 % 14 == 0
    side = 336 // 14
    assert side == 24 and side * side == 576
    assert side * side + 1 == 577  # with a [CLS] token


def test_tiling_and_merging_token_counts():
    qid = "vision-language-model-image-tokens"
    stated(qid, "a 2×2 grid of 336-pixel tiles plus a global view costs 2,880 tokens", "2×2 merging turns 576 into 144")
    per_view = (336 // 14) ** 2
    assert (2 * 2 + 1) * per_view == 2_880
    assert per_view // (2 * 2) == 144 and per_view % 4 == 0


# --- fid-frechet-inception-distance ---------------------------------------------------


def fid_1d(mu_r: float, var_r: float, mu_g: float, var_g: float) -> float:
    return (mu_r - mu_g) ** 2 + var_r + var_g - 2 * math.sqrt(var_r * var_g)


def test_one_dimensional_fid_example():
    qid = "fid-frechet-inception-distance"
    stated(qid, "real N(0, 1) against generated N(1, 2²) gives 1 + 1 = 2", r"(\mu_r - \mu_g)^2 + (\sigma_r - \sigma_g)^2")
    assert math.isclose(fid_1d(0, 1, 1, 4), 2)
    rng = random.Random(8)
    for _ in range(100):
        mr, mg, sr, sg = rng.gauss(0, 2), rng.gauss(0, 2), rng.uniform(0.1, 3), rng.uniform(0.1, 3)
        assert math.isclose(fid_1d(mr, sr**2, mg, sg**2), (mr - mg) ** 2 + (sr - sg) ** 2, abs_tol=1e-9)


def test_fid_trace_term_vanishes_for_equal_full_covariances():
    """2x2 check: Tr sqrt(M) = sqrt(tr M + 2 sqrt(det M)) for M with non-negative eigenvalues."""
    a, b, d = 2.0, 0.7, 1.0  # a correlated covariance [[a, b], [b, d]]
    m = [[a * a + b * b, a * b + b * d], [b * a + d * b, b * b + d * d]]  # Sigma @ Sigma
    tr_m = m[0][0] + m[1][1]
    det_m = m[0][0] * m[1][1] - m[0][1] * m[1][0]
    tr_sqrt = math.sqrt(tr_m + 2 * math.sqrt(det_m))
    fid = 0 + (a + d) + (a + d) - 2 * tr_sqrt
    assert math.isclose(fid, 0.0, abs_tol=1e-12)


def expected_plug_in_fid_1d(n: int) -> float:
    """E[FID] for two size-n samples of N(0, 1) (true FID 0), unbiased variances.

    E[(m_r - m_g)^2] = 2/n, and E[(s_r - s_g)^2] = 2 - 2 c4(n)^2 with c4(n) = E[s] for the
    sample standard deviation: c4(n) = sqrt(2/(n-1)) Gamma(n/2) / Gamma((n-1)/2).
    """
    c4 = math.sqrt(2 / (n - 1)) * math.exp(math.lgamma(n / 2) - math.lgamma((n - 1) / 2))
    return 2 / n + 2 * (1 - c4 * c4)


def test_plug_in_fid_is_biased_upwards_at_small_sample_sizes():
    qid = "fid-frechet-inception-distance"
    stated(qid, "estimates from fewer images are systematically higher", "shrinks roughly like 1/N")
    small, large = expected_plug_in_fid_1d(50), expected_plug_in_fid_1d(500)
    assert small > large > 0
    assert 9.5 < small / large < 10.5  # about ten times smaller for ten times the samples
    for n in (50, 500, 5_000, 50_000):
        assert 2.99 < n * expected_plug_in_fid_1d(n) < 3.02  # bias close to 3/N: linear in 1/N

    # Monte Carlo check of the exact formula with a fixed seed; tolerance four standard errors.
    rng = random.Random(9)
    for n, reps in ((10, 400), (50, 400)):
        values = []
        for _ in range(reps):
            r = [rng.gauss(0, 1) for _ in range(n)]
            g = [rng.gauss(0, 1) for _ in range(n)]  # same distribution: true FID is 0
            mr, mg = sum(r) / n, sum(g) / n
            vr = sum((x - mr) ** 2 for x in r) / (n - 1)
            vg = sum((x - mg) ** 2 for x in g) / (n - 1)
            values.append(fid_1d(mr, vr, mg, vg))
        mean = sum(values) / reps
        se = math.sqrt(sum((v - mean) ** 2 for v in values) / (reps - 1) / reps)
        assert abs(mean - expected_plug_in_fid_1d(n)) < 4 * se
        assert 4 * se < 0.25 * expected_plug_in_fid_1d(n)  # tight enough to catch a wrong formula


# --- generative-model-families-tradeoffs ----------------------------------------------


def test_sampling_pass_counts():
    qid = "generative-model-families-tradeoffs"
    stated(qid, "1,024 passes for a 32×32 grid of image tokens", "50 guided steps cost 100")
    # autoregressive decoding with a KV cache: one forward pass per generated token, in raster order
    passes, generated = 0, []
    for row in range(32):
        for col in range(32):
            passes += 1
            generated.append((row, col))
    assert passes == len(generated) == 1_024
    assert guided_sampler_calls(50, guided=True) == 100
