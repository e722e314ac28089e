"""Recompute the worked numbers in the LLM-foundations questions of content/llms-genai/.

Each test reads one question file, checks that the number is printed as stated,
and recomputes it from first principles (standard library only).
"""

from __future__ import annotations

import math
import random
import re
from fractions import Fraction

from tests.content.numbers import close, for_category

read, stated = for_category("llms-genai")


# ---------------------------------------------------------------- helpers

def gpt2_params(d: int, layers: int, vocab: int, n_ctx: int) -> dict[str, int]:
    """GPT-2: biases everywhere, two LayerNorms per block, tied embeddings, learned positions."""
    ln = 2 * d
    attn = d * 3 * d + 3 * d + d * d + d  # fused qkv projection + output projection
    mlp = d * 4 * d + 4 * d + 4 * d * d + d
    block = attn + mlp + 2 * ln
    parts = {
        "block": block,
        "blocks": layers * block,
        "wte": vocab * d,
        "wpe": n_ctx * d,
        "ln_f": ln,
    }
    parts["total"] = parts["blocks"] + parts["wte"] + parts["wpe"] + parts["ln_f"]
    return parts


def llama_params(d: int, layers: int, vocab: int, ffn: int, n_heads: int, n_kv: int, tied: bool) -> dict[str, int]:
    """Llama-style: no biases, RMSNorm gains only, SwiGLU MLP, grouped-query attention."""
    head = d // n_heads
    attn = d * d + 2 * d * (n_kv * head) + d * d  # q, k, v, o
    mlp = 3 * d * ffn
    block = attn + mlp + 2 * d
    embed = vocab * d * (1 if tied else 2)
    total = layers * block + embed + d  # + final norm
    return {"attn": attn, "mlp": mlp, "block": block, "embed": embed, "total": total}


LLAMA2_7B = llama_params(4096, 32, 32_000, 11_008, 32, 32, tied=False)
LLAMA3_8B = llama_params(4096, 32, 128_256, 14_336, 32, 8, tied=False)
LLAMA32_1B = llama_params(2048, 16, 128_256, 8_192, 32, 8, tied=True)


def llama_ffn_width(d: int, multiple_of: int = 256) -> int:
    """Llama's rule: 2/3 of 4d, rounded up to a multiple."""
    hidden = int(2 * (4 * d) / 3)
    return multiple_of * ((hidden + multiple_of - 1) // multiple_of)


def rope_periods(d_head: int, base: float) -> list[float]:
    return [2 * math.pi * base ** (2 * i / d_head) for i in range(d_head // 2)]


# ---------------------------------------------------------------- pretraining objectives

def test_masked_lm_targets_per_sequence():
    stated("pretraining-objectives-clm-mlm-span-corruption", "about 77 of 512", "15% of tokens with a mean span length of 3")
    assert round(Fraction(15, 100) * 512) == 77
    # a causal LM gets a target at every position: over six times as many
    assert 512 / 77 > 6


# ---------------------------------------------------------------- tokenizer training

def test_gpt2_vocabulary_composition():
    stated("bpe-wordpiece-unigram-tokenizer-training", "50,257 tokens are 256 bytes, 50,000 merges and one end-of-text token")
    assert 2**8 + 50_000 + 1 == 50_257


def test_wordpiece_and_bpe_pick_different_first_merges():
    stated(
        "bpe-wordpiece-unigram-tokenizer-training",
        "scores 200/800,000 = 1/4,000",
        "scores 50/3,000 = 1/60",
        'WordPiece merges "qu" first while BPE merges "er"',
    )
    pairs = {("e", "r"): (200, 1_000, 800), ("q", "u"): (50, 50, 60)}
    wordpiece = {p: Fraction(ab, a * b) for p, (ab, a, b) in pairs.items()}
    assert wordpiece[("e", "r")] == Fraction(1, 4_000)
    assert wordpiece[("q", "u")] == Fraction(1, 60)
    assert max(wordpiece, key=wordpiece.get) == ("q", "u")
    assert max(pairs, key=lambda p: pairs[p][0]) == ("e", "r")


# ---------------------------------------------------------------- vocabulary size

def test_vocabulary_embedding_parameter_counts():
    qid = "vocabulary-size-trade-offs"
    stated(qid, "131,072,000 parameters per matrix", "about 262M for both", "under 4% of 6.74B")
    stated(qid, "525,336,576 per matrix", "about 1.05B for both", "about 13% of 8.03B")
    assert 32_000 * 4096 == 131_072_000
    assert round(LLAMA2_7B["embed"] / 1e6) == 262
    assert LLAMA2_7B["embed"] / LLAMA2_7B["total"] < 0.04
    close(LLAMA2_7B["total"] / 1e9, "6.74")
    assert 128_256 * 4096 == 525_336_576
    close(LLAMA3_8B["embed"] / 1e9, "1.05")
    close(LLAMA3_8B["total"] / 1e9, "8.03")
    assert round(100 * LLAMA3_8B["embed"] / LLAMA3_8B["total"]) == 13


def test_vocabulary_compression_and_logits_memory():
    qid = "vocabulary-size-trade-offs"
    stated(qid, "from 3.17 to 3.94 characters per token, about 20% fewer tokens", "about 33.6 GB")
    fewer = 1 - 3.17 / 3.94
    assert round(fewer, 1) == 0.2
    logits_bytes = 8 * 8192 * 128_256 * 4  # fp32
    close(logits_bytes / 1e9, "33.6")


def test_tied_embedding_share_of_small_model():
    stated("vocabulary-size-trade-offs", "about 263M of 1.24B parameters, over a fifth")
    assert LLAMA32_1B["embed"] == 128_256 * 2048
    assert round(LLAMA32_1B["embed"] / 1e6) == 263
    close(LLAMA32_1B["total"] / 1e9, "1.24")
    assert LLAMA32_1B["embed"] / LLAMA32_1B["total"] > 0.2


# ---------------------------------------------------------------- tokenization artefacts

def test_digit_grouping_left_and_right():
    stated("tokenization-artefacts-llm-failures", "turning 1234567 into 123|456|7", "(1|234|567)")
    number = "1234567"
    left = re.findall(r"\d{1,3}", number)  # greedy from the left, like a {1,3} digit regex
    right = [g[::-1] for g in re.findall(r"\d{1,3}", number[::-1])][::-1]
    assert "|".join(left) == "123|456|7"
    assert "|".join(right) == "1|234|567"
    assert "|".join(right).replace("|", ",") == f"{int(number):,}"


# ---------------------------------------------------------------- RMSNorm / SwiGLU

def test_swiglu_hidden_width_and_parameters():
    qid = "rmsnorm-swiglu-modern-llm-block"
    stated(qid, "uses 11,008, $8d/3$ rounded up to a multiple of 256")
    stated(qid, "$3 \\times 4096 \\times 11{,}008 = 135{,}266{,}304$", "$2 \\times 4096 \\times 16{,}384 = 134{,}217{,}728$")
    stated(qid, "three 4d matrices cost 12d² per layer, not 8d²")
    d = 4096
    assert llama_ffn_width(d) == 11_008
    assert 8 * d / 3 < 11_008 and 11_008 % 256 == 0 and 8 * d / 3 > 11_008 - 256
    assert 3 * d * 11_008 == 135_266_304
    assert 2 * d * 4 * d == 134_217_728
    assert 3 * d * (4 * d) == 12 * d * d
    assert 2 * d * (4 * d) == 8 * d * d


def test_rmsnorm_rescales_without_centring():
    # RMSNorm output has unit root mean square; the mean is not removed
    x = [3.0, 5.0, 7.0, 9.0]
    rms = math.sqrt(sum(v * v for v in x) / len(x))
    y = [v / rms for v in x]
    assert math.isclose(math.sqrt(sum(v * v for v in y) / len(y)), 1.0)
    assert sum(y) / len(y) > 0.5


# ---------------------------------------------------------------- parameter count

def test_gpt2_small_parameter_count():
    qid = "transformer-parameter-count-gpt2"
    stated(qid, "= 84,934,656", "exactly 7,087,872", "85,054,464 in all")
    stated(qid, "50,257 × 768 = 38,597,376", "1,024 × 768 = 786,432", "Final LayerNorm: 1,536", "The total is 124,439,808")
    p = gpt2_params(768, 12, 50_257, 1_024)
    assert 12 * 12 * 768**2 == 84_934_656
    assert p["block"] == 7_087_872 == 12 * 768**2 + 13 * 768
    assert p["blocks"] == 85_054_464
    assert p["wte"] == 38_597_376
    assert p["wpe"] == 786_432
    assert p["ln_f"] == 1_536
    assert p["total"] == 124_439_808


def test_gpt2_embedding_share_and_mlp_share():
    stated("transformer-parameter-count-gpt2", "Embeddings are about 32% of GPT-2 small", "two-thirds of each block")
    p = gpt2_params(768, 12, 50_257, 1_024)
    assert round(100 * (p["wte"] + p["wpe"]) / p["total"]) == 32
    d = 768
    attn_weights = d * 3 * d + d * d
    mlp_weights = d * 4 * d + 4 * d * d
    assert Fraction(mlp_weights, attn_weights + mlp_weights) == Fraction(2, 3)


def test_llama2_7b_and_gqa_follow_ups():
    qid = "transformer-parameter-count-gpt2"
    stated(qid, "6,738,415,616", "uses 4,096 × 1,024 for each")
    assert LLAMA2_7B["total"] == 6_738_415_616
    assert 8 * (4096 // 32) == 1_024


def test_gpt2_adam_memory():
    stated("transformer-parameter-count-gpt2", "about 16 bytes per parameter", "about 2.0 GB before activations")
    bytes_per_param = 2 + 2 + 4 + 4 + 4  # bf16 weights and grads, fp32 master, two fp32 moments
    assert bytes_per_param == 16
    close(gpt2_params(768, 12, 50_257, 1_024)["total"] * bytes_per_param / 1e9, "2.0")


# ---------------------------------------------------------------- FLOPs

def test_attention_share_of_flops():
    qid = "transformer-flops-per-token"
    stated(qid, "it is $T/(12d)$", "about 8% for Llama 2 7B", "2.7 times the weight FLOPs at 131,072 tokens")
    layers, d = 32, 4096

    def ratio(t: int) -> float:
        return (2 * layers * t * d) / (24 * layers * d * d)

    stated(qid, "about $2LTd$ forward FLOPs per token averaged over a causal sequence", "charges every query for all $T$ keys, doubling this")
    # per layer, a query at position t does q.k for t keys and mixes t values: 2td + 2td FLOPs
    t_len = 4096
    causal_mean = sum(4 * t * d for t in range(1, t_len + 1)) / t_len
    assert math.isclose(causal_mean, 2 * (t_len + 1) * d)  # ≈ 2Td per layer
    full = 4 * t_len * d  # every query charged for all T keys (PaLM's 12LHQT training term / 3)
    assert math.isclose(full / causal_mean, 2, rel_tol=1e-3)
    assert math.isclose(ratio(4096), 4096 / (12 * d))
    assert round(100 * ratio(4096)) == 8
    close(ratio(131_072), "2.7")
    # against the exact parameter count the share is the same to the stated precision
    assert round(100 * 2 * layers * 4096 * d / (2 * LLAMA2_7B["total"])) == 8


def test_llama2_training_budget_and_mfu():
    qid = "transformer-flops-per-token"
    stated(qid, "6 × 6.74B × 2T tokens ≈ 8.1e22 FLOPs", "184,320 A100-hours", "about 122 TFLOP/s per GPU", "39% of the 312 TFLOP/s")
    flops = 6 * LLAMA2_7B["total"] * 2e12
    close(flops / 1e22, "8.1")
    per_gpu = flops / (184_320 * 3600)
    close(per_gpu / 1e12, "122")
    assert round(100 * per_gpu / 312e12) == 39


def test_decode_reads_all_weights():
    stated("transformer-flops-per-token", "reads about 14 GB per token")
    assert round(7e9 * 2 / 1e9) == 14
    assert round(LLAMA2_7B["total"] * 2 / 1e9) == 13  # the exact 6.74B model: 13.5 GB, "about 14"
    close(LLAMA2_7B["total"] * 2 / 1e9, "13.5")


def test_backward_costs_twice_forward():
    # one linear layer y = W x with W of shape (m, n): forward m*n MACs,
    # backward needs dL/dx = W^T g (m*n MACs) and dL/dW = g x^T (m*n MACs)
    m, n = 7, 5
    forward = 2 * m * n
    backward = 2 * (m * n) + 2 * (m * n)
    assert backward == 2 * forward
    assert forward + backward == 6 * (m * n)


# ---------------------------------------------------------------- RoPE and ALiBi

def test_rope_periods():
    qid = "rope-alibi-relative-position-mechanics"
    stated(qid, "with base 10,000 and $d_{head} = 128$ the fastest turns 1 radian per token")
    stated(qid, "a period of about 6.3 tokens", "a period of about 54,000 tokens")
    assert 10_000 ** (-2 * 0 / 128) == 1  # theta_0 = 1 radian per token
    periods = rope_periods(128, 10_000)
    close(periods[0], "6.3")
    assert round(periods[-1], -3) == 54_000


def test_rope_score_depends_only_on_offset():
    stated("rope-alibi-relative-position-mechanics", "depends on position only through $n - m$")
    rng = random.Random(0)
    d = 8
    q = [rng.gauss(0, 1) for _ in range(d)]
    k = [rng.gauss(0, 1) for _ in range(d)]

    def rotate(v: list[float], pos: int) -> list[float]:
        out = []
        for i in range(d // 2):
            a = pos * 10_000 ** (-2 * i / d)
            x, y = v[2 * i], v[2 * i + 1]
            out += [x * math.cos(a) - y * math.sin(a), x * math.sin(a) + y * math.cos(a)]
        return out

    def score(m: int, n: int) -> float:
        return sum(a * b for a, b in zip(rotate(q, m), rotate(k, n)))

    assert math.isclose(score(3, 10), score(103, 110), abs_tol=1e-9)
    assert math.isclose(score(0, 7), score(50, 57), abs_tol=1e-9)
    assert not math.isclose(score(0, 7), score(0, 8), abs_tol=1e-6)


def test_alibi_slopes():
    stated("rope-alibi-relative-position-mechanics", "(for 8 heads: 1/2, 1/4, …, 1/256)", "2^(−8k/H) for head k of H")
    heads = 8
    slopes = [Fraction(1, 2 ** (8 * h // heads)) for h in range(1, heads + 1)]
    assert slopes[0] == Fraction(1, 2) and slopes[1] == Fraction(1, 4) and slopes[-1] == Fraction(1, 256)
    assert all(math.isclose(float(s), 2 ** (-8 * h / heads)) for h, s in enumerate(slopes, start=1))


# ---------------------------------------------------------------- context extension

def test_pairs_without_a_full_turn():
    stated("context-length-extension-rope-scaling", "the slowest 18 of 64 pairs have periods longer than 4,096 tokens")
    periods = rope_periods(128, 10_000)
    slow = [i for i, p in enumerate(periods) if p > 4096]
    assert len(periods) == 64
    assert len(slow) == 18
    assert slow == list(range(46, 64))


def test_position_interpolation_mapping():
    stated("context-length-extension-rope-scaling", "extending 2,048 to 32,768 ($s = 16$) maps position 30,000 to 1,875")
    s = Fraction(32_768, 2_048)
    assert s == 16
    assert Fraction(30_000) / s == 1_875


def test_ntk_aware_base():
    stated("context-length-extension-rope-scaling", "10,000 becomes about 167,000 at $s = 16$")
    d, b, s = 128, 10_000, 16
    b_new = b * s ** (d / (d - 2))
    assert round(b_new, -3) == 167_000
    theta = [b ** (-2 * i / d) for i in range(d // 2)]
    theta_new = [b_new ** (-2 * i / d) for i in range(d // 2)]
    assert math.isclose(theta_new[0], theta[0])  # fastest pair unchanged
    assert math.isclose(theta_new[-1], theta[-1] / s)  # slowest interpolated by s


# ---------------------------------------------------------------- next-token prediction

def test_nats_to_bits():
    stated("why-next-token-prediction-works", "A mean loss of 2.0 nats per token is about 2.89 bits per token")
    close(2.0 / math.log(2), "2.89")


def test_embedding_share_gpt2_versus_llama2():
    stated("transformer-parameter-count-gpt2", "almost a third of this small model but under 4% of Llama 2 7B")
    p = gpt2_params(768, 12, 50_257, 1_024)
    assert 0.3 < (p["wte"] + p["wpe"]) / p["total"] < Fraction(1, 3)
    assert LLAMA2_7B["embed"] / LLAMA2_7B["total"] < 0.04
