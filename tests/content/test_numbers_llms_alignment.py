"""Recompute the worked numbers in the llms-genai questions on adapting and aligning LLMs.

Each test reads one question file, checks that the number the answer states is
really there, and recomputes it from first principles (standard library only).
"""

from __future__ import annotations

import itertools
import math
import random
from fractions import Fraction

from tests.content.numbers import close, for_category

read, stated = for_category("llms-genai")


def sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


# Llama 2 7B: d_model 4096, FFN 11008, 32 layers, vocabulary 32,000, full multi-head attention.
D, FF, LAYERS, VOCAB = 4096, 11008, 32, 32_000


def llama2_7b_parameters() -> int:
    attention = 4 * D * D  # q, k, v, o
    mlp = 3 * D * FF  # gate, up, down
    norms = 2 * D
    return LAYERS * (attention + mlp + norms) + 2 * VOCAB * D + D  # + embeddings, output head, final norm


def test_rlhf_small_instructgpt_beat_a_model_over_100_times_larger():
    stated("rlhf-three-stages", "1.3B-parameter", "175B", "more than 100 times larger")
    assert Fraction(175, 1) / Fraction(13, 10) > 100


def test_reward_gap_of_one_means_73_percent():
    stated("reward-model-bradley-terry", "A gap of 1 in reward means a predicted 73% preference")
    assert round(100 * sigmoid(1.0)) == 73
    # Bradley-Terry only sees differences: shifting both rewards changes nothing
    assert math.isclose(sigmoid((5.0 + 3.0) - (4.0 + 3.0)), sigmoid(1.0))


def test_ranking_4_to_9_responses_gives_up_to_36_pairs():
    stated("reward-model-bradley-terry", "rank 4 to 9 responses per prompt, giving up to 36 pairs")
    pairs = {k: math.comb(k, 2) for k in range(4, 10)}
    assert max(pairs.values()) == 36
    assert pairs[4] == 6


def best_of_n_kl(n: int, m: int) -> float:
    """KL(best-of-n || reference) for a uniform reference over m outcomes with distinct rewards."""
    kl = 0.0
    for k in range(1, m + 1):
        p = (k / m) ** n - ((k - 1) / m) ** n  # probability the best of n samples has rank k
        if p > 0:
            kl += p * math.log(p * m)
    return kl


def test_best_of_n_kl_bound():
    stated("ppo-kl-penalty-reward-hacking", "at most log n − (n − 1)/n, about 1.84 nats for n = 16")
    n = 16
    bound = math.log(n) - (n - 1) / n
    close(bound, "1.84")
    for m in (10, 100, 10_000):
        assert best_of_n_kl(n, m) <= bound + 1e-12
    assert bound - best_of_n_kl(n, 10_000) < 0.01  # tight when outcomes are many


def dpo_loss(beta: float, logp_w: float, ref_w: float, logp_l: float, ref_l: float) -> float:
    margin = beta * (logp_w - ref_w) - beta * (logp_l - ref_l)
    return -math.log(sigmoid(margin))


def test_dpo_loss_starts_at_log_2():
    stated("dpo-direct-preference-optimisation", "log 2 ≈ 0.693")
    # policy == reference: every log-ratio is zero, whatever the responses' probabilities
    loss = dpo_loss(0.1, -42.0, -42.0, -17.0, -17.0)
    close(loss, "0.693")
    assert math.isclose(loss, math.log(2))
    # a positive margin lowers it
    assert dpo_loss(0.1, -40.0, -42.0, -19.0, -17.0) < loss


def test_dpo_closed_form_optimum_and_cancelling_partition_function():
    text = read("dpo-loss-derivation")
    assert "\\pi^*(y \\mid x) = \\frac{1}{Z(x)}" in text
    assert "+ \\beta \\log Z(x)" in text
    rng = random.Random(7)
    beta, size = 0.5, 6
    ref = [rng.random() + 0.1 for _ in range(size)]
    ref = [p / sum(ref) for p in ref]
    reward = [rng.uniform(-2, 2) for _ in range(size)]

    def objective(pi: list[float]) -> float:
        expected = sum(p * r for p, r in zip(pi, reward))
        kl = sum(p * math.log(p / q) for p, q in zip(pi, ref))
        return expected - beta * kl

    z = sum(q * math.exp(r / beta) for q, r in zip(ref, reward))
    best = [q * math.exp(r / beta) / z for q, r in zip(ref, reward)]
    # the optimum's value is beta log Z, and random policies never beat it
    assert math.isclose(objective(best), beta * math.log(z))
    for _ in range(500):
        other = [rng.random() + 1e-3 for _ in range(size)]
        other = [p / sum(other) for p in other]
        assert objective(other) <= objective(best) + 1e-12
    # objective = beta log Z - beta KL(pi || pi*)
    probe = [1 / size] * size
    kl_to_best = sum(p * math.log(p / b) for p, b in zip(probe, best))
    assert math.isclose(objective(probe), beta * math.log(z) - beta * kl_to_best)
    # reparameterised reward: beta log(pi*/ref) + beta log Z recovers r, and Z cancels in differences
    implicit = [beta * math.log(b / q) for b, q in zip(best, ref)]
    for r, h in zip(reward, implicit):
        assert math.isclose(r, h + beta * math.log(z))
    for i in range(size):
        for j in range(size):
            assert math.isclose(sigmoid(reward[i] - reward[j]), sigmoid(implicit[i] - implicit[j]))


def test_ipo_target_versus_dpo_on_a_deterministic_pair():
    text = read("preference-optimisation-variants")
    assert "\\left(h_\\theta - \\frac{1}{2\\tau}\\right)^2" in text
    tau = 0.1
    ipo = lambda h: (h - 1 / (2 * tau)) ** 2  # noqa: E731
    dpo = lambda h: -math.log(sigmoid(h))  # noqa: E731
    margins = [0.5 * k for k in range(1, 41)]
    # IPO's loss has a finite minimiser; DPO's keeps falling as the margin grows
    assert min(margins, key=ipo) == 1 / (2 * tau)
    assert all(dpo(a) > dpo(b) for a, b in itertools.pairwise(margins))


def group_advantages(rewards: list[float], sample_std: bool = False) -> list[float]:
    g = len(rewards)
    mean = sum(rewards) / g
    var = sum((r - mean) ** 2 for r in rewards) / (g - 1 if sample_std else g)
    std = math.sqrt(var)
    return [0.0 if std == 0 else (r - mean) / std for r in rewards]


def test_grpo_group_normalised_advantages():
    stated("rlvr-grpo-advantages", "$G = 8$ with two correct answers", "mean 0.25",
           "population standard deviation about 0.433", "+1.73", "−0.58")
    rewards = [1.0, 1.0] + [0.0] * 6
    mean = sum(rewards) / len(rewards)
    std = math.sqrt(sum((r - mean) ** 2 for r in rewards) / len(rewards))
    close(mean, "0.25")
    close(std, "0.433")
    adv = group_advantages(rewards)
    close(adv[0], "1.73")
    close(adv[-1], "-0.58")
    assert math.isclose(adv[0], math.sqrt(3))  # 0.75 / sqrt(0.1875)
    assert abs(sum(adv)) < 1e-12  # advantages in a group sum to zero
    # all right or all wrong: nothing to learn
    assert group_advantages([1.0] * 8) == [0.0] * 8
    assert group_advantages([0.0] * 8) == [0.0] * 8
    # the sample standard deviation (torch's default, used by TRL) gives slightly smaller advantages
    stated("rlvr-grpo-advantages", "with the sample std, which TRL uses, +1.62 and −0.54")
    sample = group_advantages(rewards, sample_std=True)
    close(sample[0], "1.62")
    close(sample[-1], "-0.54")
    assert sample[0] < adv[0]
    assert math.isclose(sample[0] / adv[0], math.sqrt(7 / 8))  # ratio sqrt((G - 1) / G)


def lora_params(r: int, d: int, k: int) -> int:
    return r * (d + k)


def test_qlora_weight_memory_for_7b():
    stated("qlora-memory-budget", "3.5 GB of 4-bit weights versus 14 GB in BF16",
           "roughly 112 GB for full fine-tuning with Adam at about 16 bytes per parameter")
    n = 7 * 10**9
    assert n * 4 / 8 / 1e9 == 3.5
    assert n * 16 / 8 / 1e9 == 14
    # full fine-tuning: 16-bit weights and grads, 32-bit master weights and two Adam moments
    bytes_per_param = 2 + 2 + 4 + 4 + 4
    assert bytes_per_param == 16
    assert n * bytes_per_param / 1e9 == 112


def test_qlora_double_quantisation_saving():
    stated("qlora-memory-budget", "saving 0.373 bits per parameter, about 3 GB on a 65B model",
           "\\frac{32}{64} = 0.5", "\\approx 0.127")
    before = Fraction(32, 64)  # one fp32 scale per block of 64 weights
    after = Fraction(8, 64) + Fraction(32, 64 * 256)  # 8-bit scales, plus one fp32 per 256 of them
    close(float(before), "0.5")
    close(float(after), "0.127")
    close(float(before - after), "0.373")
    assert round(65e9 * float(before - after) / 8 / 1e9) == 3


def test_qlora_lora_rank_16_on_llama2_7b():
    stated("qlora-memory-budget", "39{,}976{,}960", "about 40.0M parameters, 0.59% of 6.74B",
           "that is about 0.64 GB")
    per_layer = 4 * lora_params(16, D, D) + 3 * lora_params(16, D, FF)  # q, k, v, o; gate, up, down
    total = LAYERS * per_layer
    assert total == 39_976_960
    close(total / 1e6, "40.0")
    base = llama2_7b_parameters()
    assert base == 6_738_415_616
    close(base / 1e9, "6.74")
    close(100 * total / base, "0.59")
    close(total * 16 / 1e9, "0.64")


def test_qlora_pitfall_overheads_and_65b_follow_up():
    stated("qlora-memory-budget", "6.48B linear weights (3.24 GB in 4 bits)", "about 0.1 GB of scales",
           "(32,000 × 4096 each) in 16 bits, about 0.5 GB: nearer 3.9 GB",
           "4-bit weights alone are 32.5 GB", "single 48 GB GPU")
    linear = LAYERS * (4 * D * D + 3 * D * FF)
    close(linear / 1e9, "6.48")
    linear_4bit = linear * 4 / 8  # bytes
    close(linear_4bit / 1e9, "3.24")
    scales = linear * (Fraction(8, 64) + Fraction(32, 64 * 256)) / 8  # bytes
    close(float(scales) / 1e9, "0.1")
    embed_and_head = 2 * VOCAB * D * 2  # two 16-bit matrices
    close(embed_and_head / 1e9, "0.5")
    norms = (2 * LAYERS + 1) * D * 2  # 16-bit RMSNorm gains
    total = linear_4bit + float(scales) + embed_and_head + norms
    close(total / 1e9, "3.9")
    assert linear + VOCAB * D * 2 + norms // 2 == llama2_7b_parameters()
    weights_65b = 65e9 * 4 / 8 / 1e9
    close(weights_65b, "32.5")
    assert weights_65b < 48


def test_ia3_prompt_tuning_and_adapter_counts():
    stated("peft-methods-compared", "32 \\times (4096 + 4096 + 11008) = 614{,}400",
           "only 614,400 parameters", "20 × 4096 = 81,920", "524,288 plus biases for d = 4096, m = 64")
    ia3 = LAYERS * (D + D + FF)  # l_k, l_v and l_ff per layer
    assert ia3 == 614_400
    assert ia3 / llama2_7b_parameters() < 1e-4  # under 0.01%
    assert 20 * D == 81_920
    d, m = 4096, 64
    assert 2 * d * m == 524_288
    # LoRA at rank 16 on the same model trains about 65 times more
    lora = LAYERS * (4 * lora_params(16, D, D) + 3 * lora_params(16, D, FF))
    assert 60 < lora / ia3 < 70
