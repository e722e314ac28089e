"""Recompute the worked numbers in the llms-genai questions on scaling laws,
mixture of experts, SFT, distillation, prompting and structured output.

Each test reads one question file, checks that the number is printed there,
and recomputes it from first principles (standard library only).
"""

from __future__ import annotations

import math
from fractions import Fraction

from tests.content.numbers import close, for_category

read, stated = for_category("llms-genai")


def train_flops(n_params: float, tokens: float) -> float:
    """C ≈ 6ND: 2 FLOPs per parameter per token forward, 4 backward."""
    return 6 * n_params * tokens


def chinchilla_optimal(compute: float, tokens_per_param: float = 20) -> tuple[float, float]:
    """Solve C = 6 N D with D = r N."""
    n = math.sqrt(compute / (6 * tokens_per_param))
    return n, tokens_per_param * n


# --- kaplan-vs-chinchilla-scaling-laws -------------------------------------

def test_kaplan_vs_chinchilla_tenfold_compute_split():
    stated("kaplan-vs-chinchilla-scaling-laws", "C^{0.73}", "C^{0.27}", "about 5.4×", "about 1.9×", "about 3.2× each")
    close(10 ** 0.73, "5.4")
    close(10 ** 0.27, "1.9")
    close(10 ** 0.5, "3.2")


def test_kaplan_vs_chinchilla_token_ratios():
    stated("kaplan-vs-chinchilla-scaling-laws", "175B parameters, 300B tokens, about 1.7 tokens per parameter",
           "Chinchilla (70B, 1.4T tokens)", "Gopher (280B, 300B tokens)", "roughly **20 tokens per parameter**")
    close(300e9 / 175e9, "1.7")
    assert 1.4e12 / 70e9 == 20
    chinchilla, gopher = train_flops(70e9, 1.4e12), train_flops(280e9, 300e9)
    # "roughly the same compute": the 6ND estimates agree within 20%
    assert abs(chinchilla - gopher) / gopher < 0.2
    assert 5e23 < gopher < chinchilla < 6e23


# --- compute-optimal-model-size-from-flops ---------------------------------

def test_compute_optimal_for_1e23_flops():
    qid = "compute-optimal-model-size-from-flops"
    stated(qid, "C \\approx 120N^2", "2.9 \\times 10^{10}", "**29B parameters**", "577$B tokens",
           "6 \\times 2.89 \\times 10^{10} \\times 5.77 \\times 10^{11}")
    n, d = chinchilla_optimal(1e23)
    assert math.isclose(120 * n**2, train_flops(n, 20 * n))
    close(n / 1e10, "2.9")
    close(n / 1e10, "2.89")
    close(n / 1e9, "29")
    close(d / 1e9, "577")
    close(d / 1e11, "5.77")
    assert math.isclose(train_flops(n, d), 1e23)
    # the rounded figures as printed still multiply back to about 1e23
    close(train_flops(2.89e10, 5.77e11) / 1e23, "1.0")


def test_compute_optimal_gpu_hours():
    qid = "compute-optimal-model-size-from-flops"
    stated(qid, "989 TFLOP/s", "40%", "about 70,000 GPU-hours", "just under 3 days on 1,024 GPUs")
    seconds = 1e23 / (0.40 * 989e12)
    gpu_hours = seconds / 3600
    assert 69_000 < gpu_hours < 71_000
    days = gpu_hours / 1024 / 24
    assert 2.8 < days < 3.0


def test_compute_optimal_scaling_and_pitfall():
    qid = "compute-optimal-model-size-from-flops"
    stated(qid, "4× compute means 2× parameters and 2× tokens", "understates training compute threefold")
    n1, d1 = chinchilla_optimal(1e23)
    n4, d4 = chinchilla_optimal(4e23)
    assert math.isclose(n4 / n1, 2) and math.isclose(d4 / d1, 2)
    assert train_flops(1, 1) / (2 * 1 * 1) == 3


def test_compute_optimal_follow_ups():
    qid = "compute-optimal-model-size-from-flops"
    stated(qid, "5.9 \\times 10^{23}", "1.4T / 70B = 20", "about 2.9 epochs")
    close(train_flops(70e9, 1.4e12) / 1e23, "5.9")
    n, _ = chinchilla_optimal(train_flops(70e9, 1.4e12))
    assert math.isclose(n, 70e9)
    _, d = chinchilla_optimal(1e23)
    close(d / 200e9, "2.9")


# --- overtraining-past-chinchilla-optimal -----------------------------------

def test_llama3_8b_overtraining():
    qid = "overtraining-past-chinchilla-optimal"
    stated(qid, "6 \\times 8 \\times 10^9 \\times 1.5 \\times 10^{13} = 7.2 \\times 10^{23}",
           "roughly 1,875 tokens per parameter", "about 77B parameters on 1.55T tokens", "almost 10×")
    c = train_flops(8e9, 15e12)
    assert math.isclose(c, 7.2e23)
    assert 15e12 / 8e9 == 1875
    n, d = chinchilla_optimal(c)
    close(n / 1e9, "77")
    close(d / 1e12, "1.55")
    # serving cost per token is 2N, so the ratio is the ratio of sizes
    ratio = (2 * n) / (2 * 8e9)
    assert 9.5 < ratio < 10


def test_overtraining_break_even():
    qid = "overtraining-past-chinchilla-optimal"
    stated(qid, "3 \\times 10^{23} / (2 \\times 3.5 \\times 10^{10}) \\approx 4.3")
    extra_training = 3e23
    saving_per_token = 2 * (70e9 - 35e9)
    assert math.isclose(saving_per_token, 2 * 3.5e10)
    close(extra_training / saving_per_token / 1e12, "4.3")


# --- mixture-of-experts-moe-layer --------------------------------------------

MIXTRAL = dict(d=4096, layers=32, head_dim=128, heads=32, kv_heads=8, ffn=14_336, vocab=32_000, experts=8, top_k=2)


def mixtral_params(active: bool) -> dict[str, int]:
    m = MIXTRAL
    attention = m["d"] * m["heads"] * m["head_dim"] * 2 + m["d"] * m["kv_heads"] * m["head_dim"] * 2
    expert = 3 * m["d"] * m["ffn"]  # SwiGLU: gate, up and down projections
    used = m["top_k"] if active else m["experts"]
    per_layer = attention + used * expert + m["d"] * m["experts"] + 2 * m["d"]  # router + two norms
    embeddings = 2 * m["vocab"] * m["d"] + m["d"]  # untied input/output + final norm
    return {
        "attention": m["layers"] * attention,
        "experts": m["layers"] * used * expert,
        "embeddings": embeddings,
        "total": m["layers"] * per_layer + embeddings,
        "expert": expert,
    }


def test_mixtral_total_and_active_parameters():
    qid = "mixture-of-experts-moe-layer"
    stated(qid, "3 \\times 4096 \\times 14{,}336 \\approx 176", "about 45.1B", "about 1.3B", "embeddings 0.26B",
           "**46.7B total**", "about **12.9B active**", "It is not 56B")
    full, active = mixtral_params(active=False), mixtral_params(active=True)
    close(full["expert"] / 1e6, "176")
    close(full["experts"] / 1e9, "45.1")
    close(full["attention"] / 1e9, "1.3")
    close(full["embeddings"] / 1e9, "0.26")
    close(full["total"] / 1e9, "46.7")
    close(active["total"] / 1e9, "12.9")
    # naive 8 × 7B would double-count the shared attention and embeddings
    assert full["total"] < MIXTRAL["experts"] * 7e9


# --- expert-routing-load-balancing -------------------------------------------

def test_expert_capacity_example():
    qid = "expert-routing-load-balancing"
    stated(qid, "4,096 tokens, 64 experts, top-1 and factor 1.25, capacity is 80")
    capacity = Fraction(125, 100) * Fraction(1 * 4096, 64)
    assert capacity == 80


def test_aux_loss_equals_alpha_when_uniform():
    qid = "expert-routing-load-balancing"
    stated(qid, "It equals $\\alpha$ under uniform routing")
    for experts in (8, 64, 256):
        f = p = Fraction(1, experts)
        assert experts * sum(f * p for _ in range(experts)) == 1
    # collapse: every token on expert 0 with router probability 0.9 gives E·0.9, far above 1
    experts = 64
    f = [1.0] + [0.0] * (experts - 1)
    p = [0.9] + [0.1 / (experts - 1)] * (experts - 1)
    assert experts * sum(fi * pi for fi, pi in zip(f, p)) > 50


# --- chat-template-loss-masking-packing --------------------------------------

def test_padding_waste_without_packing():
    qid = "chat-template-loss-masking-packing"
    stated(qid, "average 512 tokens but rows are padded to 2,048, 75% of the compute")
    assert (1 - Fraction(512, 2048)) * 100 == 75


# --- llm-distillation-logit-sequence-on-policy -------------------------------

def test_teacher_logit_storage():
    qid = "llm-distillation-logit-sequence-on-policy"
    stated(qid, "128,000-token vocabulary in 16-bit floats is 256 KB per position",
           "2.56 PB", "192 bytes per position, 1.92 TB")
    per_position = 128_000 * 2
    assert per_position == 256_000  # 256 KB (decimal)
    close(per_position * 10e9 / 1e15, "2.56")
    top_k = 32 * (4 + 2)
    assert top_k == 192
    close(top_k * 10e9 / 1e12, "1.92")


# --- in-context-learning-few-shot-cot ------------------------------------------

def test_number_of_demonstration_orderings():
    stated("in-context-learning-few-shot-cot", "8! = 40,320 orderings")
    from itertools import permutations

    assert sum(1 for _ in permutations(range(8))) == 40_320


# --- structured-output-constrained-decoding --------------------------------------

def test_probability_of_some_parse_failure():
    stated("structured-output-constrained-decoding", "1% failure rate, 1,000 calls", "probability 99.996%")
    p = 1 - (1 - 0.01) ** 1000
    close(p * 100, "99.996")
