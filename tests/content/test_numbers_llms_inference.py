"""Recompute every worked number stated in the LLM inference and serving questions
of content/llms-genai/ (KV cache, GQA, paging, FlashAttention, roofline, serving
metrics, quantization, speculative decoding, sampling).

Each test reads one question file, checks that the number the answer states is
really there, and recomputes it from first principles (standard library only).
"""

from __future__ import annotations

import math
import random
from fractions import Fraction

from tests.content.numbers import close, for_category

read, stated = for_category("llms-genai")

KIB, MIB, GIB = 2**10, 2**20, 2**30


def kv_bytes(layers: int, kv_heads: int, head_dim: int, tokens: int = 1, batch: int = 1, nbytes: int = 2) -> int:
    """2 (keys and values) · layers · KV heads · head dim · tokens · batch · bytes per value."""
    return 2 * layers * kv_heads * head_dim * tokens * batch * nbytes


# --- KV cache -------------------------------------------------------------------------

def test_kv_cache_llama2_7b_per_token_and_per_sequence():
    stated("kv-cache-memory", "2 · 32 · 32 · 128 · 2 = 524,288 bytes", "**512 KiB per token**",
           "A 4,096-token sequence therefore needs 2 GiB", "a batch of 8 such sequences needs 16 GiB",
           "512 KiB per token, 2 GiB at 4,096 tokens")
    per_token = kv_bytes(layers=32, kv_heads=32, head_dim=128)
    assert per_token == 524_288
    assert per_token == 512 * KIB
    assert kv_bytes(32, 32, 128, tokens=4096) == 2 * GIB
    assert kv_bytes(32, 32, 128, tokens=4096, batch=8) == 16 * GIB


def test_kv_cache_batch_exceeds_the_weights():
    stated("kv-cache-memory", "roughly 13.5 GB of weights")
    llama2_7b_params = 6.74e9  # published parameter count of Llama-2-7B
    weights_gb = llama2_7b_params * 2 / 1e9  # fp16
    close(weights_gb, "13.5")
    assert kv_bytes(32, 32, 128, tokens=4096, batch=8) > llama2_7b_params * 2


# --- MQA / GQA ------------------------------------------------------------------------

def test_gqa_llama3_8b_cache_is_a_quarter():
    stated("grouped-query-attention-kv-heads", "2 · 32 · 8 · 128 · 2 bytes = **128 KiB per token**",
           "a quarter of the 512 KiB", "takes 1 GiB instead of 4 GiB", "cut the cache 32-fold")
    gqa = kv_bytes(layers=32, kv_heads=8, head_dim=128)
    mha = kv_bytes(layers=32, kv_heads=32, head_dim=128)
    mqa = kv_bytes(layers=32, kv_heads=1, head_dim=128)
    assert gqa == 128 * KIB and mha == 512 * KIB
    assert Fraction(gqa, mha) == Fraction(1, 4) == Fraction(8, 32)
    assert kv_bytes(32, 8, 128, tokens=8192) == 1 * GIB
    assert kv_bytes(32, 32, 128, tokens=8192) == 4 * GIB
    assert mha // mqa == 32


# --- PagedAttention -------------------------------------------------------------------

def test_paged_attention_last_block_waste():
    stated("paged-attention-vllm", "16 tokens by default", "a 1,000-token sequence uses 63 blocks and wastes 8 slots")
    b, n = 16, 1000
    blocks = math.ceil(n / b)
    assert blocks == 63
    assert blocks * b - n == 8
    # the waste is always below one block, whatever the length
    for n in range(1, 5000):
        waste = b * math.ceil(n / b) - n
        assert 0 <= waste < b


# --- FlashAttention -------------------------------------------------------------------

def online_attention(scores: list[float], values: list[list[float]], block: int) -> tuple[list[float], float]:
    """One query row, processed block by block with the update the answer states."""
    m, ell = -math.inf, 0.0
    o = [0.0] * len(values[0])
    for start in range(0, len(scores), block):
        s_blk = scores[start:start + block]
        v_blk = values[start:start + block]
        m_new = max(m, max(s_blk))
        scale = math.exp(m - m_new) if m != -math.inf else 0.0
        ell = scale * ell + sum(math.exp(s - m_new) for s in s_blk)
        o = [scale * oi + sum(math.exp(s - m_new) * v[i] for s, v in zip(s_blk, v_blk)) for i, oi in enumerate(o)]
        m = m_new
    return [oi / ell for oi in o], m + math.log(ell)


def test_flashattention_online_softmax_is_exact():
    text = read("flashattention-online-softmax")
    assert "\\ell^{(j)} = e^{m^{(j-1)} - m^{(j)}}\\,\\ell^{(j-1)} + \\sum_{c \\in j} e^{s_c - m^{(j)}}" in text
    assert "o^{(j)} = e^{m^{(j-1)} - m^{(j)}}\\,o^{(j-1)} + \\sum_{c \\in j} e^{s_c - m^{(j)}}\\, v_c" in text
    assert "m^{(T)} + \\log \\ell^{(T)}" in text
    rng = random.Random(0)
    for n, d, block in [(7, 3, 2), (64, 4, 16), (100, 2, 7), (33, 5, 33)]:
        scores = [rng.gauss(0, 5) for _ in range(n)]
        values = [[rng.gauss(0, 1) for _ in range(d)] for _ in range(n)]
        out, lse = online_attention(scores, values, block)
        mx = max(scores)
        z = sum(math.exp(s - mx) for s in scores)
        direct = [sum(math.exp(s - mx) / z * v[i] for s, v in zip(scores, values)) for i in range(d)]
        assert all(math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12) for a, b in zip(out, direct))
        assert math.isclose(lse, mx + math.log(z), rel_tol=1e-12)
    # without the running max the exponentials overflow: fp16's largest finite value,
    # (2 - 2**-10) * 2**15 = 65504, is already exceeded by e^11.1 (but not by e^11.0)
    stated("flashattention-online-softmax", "fp16 already at $e^{11.1}$")
    fp16_max = (2 - 2**-10) * 2**15
    assert fp16_max == 65504
    assert math.exp(11.1) > fp16_max > math.exp(11.0)
    assert round(math.log(fp16_max), 1) == 11.1


# --- Prefill vs decode roofline -------------------------------------------------------

def test_decode_roofline_7b_on_an_a100():
    stated("prefill-vs-decode-roofline", "312 TFLOP/s of dense fp16 and 2.039 TB/s", "near 153 FLOPs per byte",
           "reading 14 GB of weights at 2.039 TB/s takes about 6.9 ms", "14 GFLOPs take 45 µs",
           "**about 146 tokens/s**", "at most about 146 tokens/s on an A100",
           "ridge near 153 FLOPs per byte", "\\frac{2.039 \\times 10^{12}}{7 \\times 10^{9} \\cdot 2} \\approx 146")
    # A100 80 GB SXM data sheet: 312 TFLOP/s dense fp16/bf16 tensor, 2,039 GB/s HBM2e
    params, bytes_per, bandwidth, peak = 7e9, 2, 2.039e12, 312e12
    close(peak / bandwidth, "153")
    weight_bytes = params * bytes_per
    assert weight_bytes == 14e9
    step_s = weight_bytes / bandwidth
    close(step_s * 1e3, "6.9")
    flops = 2 * params
    assert flops == 14e9
    close(flops / peak * 1e6, "45")
    close(bandwidth / weight_bytes, "146")
    # batch-1 arithmetic intensity is about 1 FLOP per byte, far below the ridge
    assert flops / weight_bytes == 1
    assert flops / weight_bytes < peak / bandwidth / 100


def test_prefill_and_int4_follow_up():
    stated("prefill-vs-decode-roofline", "a 1,000-token prompt needs about 14 TFLOPs, roughly 45 ms at peak",
           "3.5 GB per step, lifts the ceiling towards 580 tokens/s", "about 153 sequences")
    peak, bandwidth = 312e12, 2.039e12
    flops = 2 * 7e9 * 1000
    assert flops == 14e12
    close(flops / peak * 1e3, "45")
    int4_bytes = 7e9 * 4 / 8
    assert int4_bytes == 3.5e9
    assert round(bandwidth / int4_bytes, -1) == 580
    # intensity ≈ batch size (2NB FLOPs over 2N bytes), so compute binds near the ridge point
    batch = round(peak / bandwidth)
    assert batch == 153
    assert math.isclose((2 * 7e9 * batch) / (7e9 * 2), batch)
    assert (2 * 7e9 * batch) / (7e9 * 2) < peak / bandwidth < (2 * 7e9 * (batch + 1)) / (7e9 * 2)


# --- Serving metrics ------------------------------------------------------------------

def test_end_to_end_latency_and_aggregate_throughput():
    stated("llm-serving-metrics-batching", "TTFT 200 ms, TPOT 30 ms and 401 output tokens, 12.2 s",
           "64 streams at 30 ms each give about 2,130 tokens/s")
    ttft, tpot, n = 0.200, 0.030, 401
    close(ttft + (n - 1) * tpot, "12.2")
    aggregate = 64 / tpot
    assert round(aggregate, -1) == 2130


# --- Quantization ---------------------------------------------------------------------

def test_70b_weight_memory_by_bit_width():
    stated("llm-quantization-weights-activations", "140 GB at 16 bits, 70 GB at 8, 35 GB at 4 (about 36 GB with group scales)",
           "one scale per group of, say, 128 weights")
    n = 70e9
    assert [n * bits / 8 / 1e9 for bits in (16, 8, 4)] == [140, 70, 35]
    bits_with_scales = 4 + Fraction(16, 128)  # a 16-bit scale shared by 128 weights
    assert bits_with_scales == Fraction(33, 8)
    close(n * float(bits_with_scales) / 8 / 1e9, "36")


def test_symmetric_quantization_round_trip_error():
    text = read("llm-quantization-weights-activations")
    assert "s = \\frac{\\max_i |w_i|}{2^{b-1} - 1}" in text
    rng = random.Random(1)
    w = [rng.gauss(0, 0.02) for _ in range(1024)]
    for b in (8, 4):
        s = max(abs(x) for x in w) / (2 ** (b - 1) - 1)
        q = [round(x / s) for x in w]
        assert max(abs(v) for v in q) <= 2 ** (b - 1) - 1
        assert max(abs(x - s * v) for x, v in zip(w, q)) <= s / 2 + 1e-15
    # one outlier far larger than the rest inflates the shared int8 scale, so the
    # ordinary values collapse onto a handful of levels
    with_outlier = [*w, 50 * max(abs(x) for x in w)]
    s = max(abs(x) for x in with_outlier) / (2**7 - 1)
    assert len({round(x / s) for x in w}) <= 7  # of 255 levels: |x / s| <= 127 / 50


def test_smoothquant_rescaling_is_exact():
    text = read("llm-quantization-weights-activations")
    assert "Y = \\left(X\\, \\mathrm{diag}(s)^{-1}\\right)\\left(\\mathrm{diag}(s)\\, W\\right)" in text
    rng = random.Random(2)
    X = [[Fraction(rng.randint(-9, 9)) for _ in range(3)] for _ in range(2)]
    W = [[Fraction(rng.randint(-9, 9)) for _ in range(2)] for _ in range(3)]
    s = [Fraction(3), Fraction(1, 2), Fraction(5)]
    Xs = [[x / s[j] for j, x in enumerate(row)] for row in X]
    Ws = [[w * s[j] for w in row] for j, row in enumerate(W)]
    def mm(A, B):
        return [[sum(A[i][k] * B[k][c] for k in range(len(B))) for c in range(len(B[0]))] for i in range(len(A))]
    assert mm(Xs, Ws) == mm(X, W)


# --- KV-memory tricks -----------------------------------------------------------------

def test_long_context_kv_numbers():
    stated("long-context-kv-memory-reduction", "128 KiB per token", "a 131,072-token sequence needs **16 GiB**",
           "halves the cache (8 GiB here)", "$W = 4096$, capping it at 512 MiB per sequence",
           "that keeps about 17 % of an all-global cache at 128K context")
    full = kv_bytes(32, 8, 128, tokens=131_072)
    assert kv_bytes(32, 8, 128) == 128 * KIB
    assert full == 16 * GIB
    assert kv_bytes(32, 8, 128, tokens=131_072, nbytes=1) == 8 * GIB
    # original Mistral 7B: 32 layers, 8 KV heads of width 128, window 4096
    assert kv_bytes(32, 8, 128, tokens=min(1_000_000, 4096)) == 512 * MIB
    # five 1,024-token local layers per global layer, at 128K = 131,072 tokens
    ratio = Fraction(1, 6) + Fraction(5, 6) * Fraction(1024, 131_072)
    assert round(float(ratio) * 100) == 17
    # the same ratio counted layer by layer: 60 layers, every sixth one global
    layers = ["global" if (i + 1) % 6 == 0 else "local" for i in range(60)]
    per_layer = [131_072 if kind == "global" else 1024 for kind in layers]
    assert Fraction(sum(per_layer), 60 * 131_072) == ratio


# --- Speculative decoding -------------------------------------------------------------

def emitted_distribution(p: list[Fraction], q: list[Fraction]) -> list[Fraction]:
    """Probability of emitting each token in one speculative step (draft x ~ q)."""
    beta = sum(min(pi, qi) for pi, qi in zip(p, q))
    residual = [max(Fraction(0), pi - qi) for pi, qi in zip(p, q)]
    norm = sum(residual)
    out = []
    for x in range(len(p)):
        accepted = q[x] * min(Fraction(1), p[x] / q[x]) if q[x] else Fraction(0)
        rejected = (1 - beta) * (residual[x] / norm if norm else 0)
        out.append(accepted + rejected)
    return out


def test_speculative_worked_example():
    stated("speculative-decoding-exactness", "$p = (0.5, 0.3, 0.2)$", "$q = (0.2, 0.5, 0.3)$",
           "accepted with probability 0.7", "the totals return 0.5, 0.3 and 0.2")
    p = [Fraction(5, 10), Fraction(3, 10), Fraction(2, 10)]
    q = [Fraction(2, 10), Fraction(5, 10), Fraction(3, 10)]
    assert sum(min(a, b) for a, b in zip(p, q)) == Fraction(7, 10)
    residual = [max(Fraction(0), a - b) for a, b in zip(p, q)]
    assert [r / sum(residual) for r in residual] == [1, 0, 0]
    assert emitted_distribution(p, q) == p


def test_speculative_rule_is_exact_for_random_distributions():
    rng = random.Random(3)
    for _ in range(300):
        v = rng.randint(2, 6)
        p_raw = [rng.randint(0, 20) for _ in range(v)]
        q_raw = [rng.randint(1, 20) for _ in range(v)]  # a draft must cover every token
        if sum(p_raw) == 0:
            continue
        p = [Fraction(a, sum(p_raw)) for a in p_raw]
        q = [Fraction(a, sum(q_raw)) for a in q_raw]
        assert emitted_distribution(p, q) == p
        tv = sum(abs(a - b) for a, b in zip(p, q)) / 2
        assert sum(min(a, b) for a, b in zip(p, q)) == 1 - tv


def test_resampling_from_p_instead_of_residual_is_biased():
    p = [Fraction(5, 10), Fraction(3, 10), Fraction(2, 10)]
    q = [Fraction(2, 10), Fraction(5, 10), Fraction(3, 10)]
    beta = sum(min(a, b) for a, b in zip(p, q))
    wrong = [min(a, b) + (1 - beta) * a for a, b in zip(p, q)]
    assert wrong != p
    # the tokens the draft favoured (q > p) are over-weighted
    assert all((w > a) == (b > a) for w, a, b in zip(wrong, p, q))


def expected_tokens(alpha: float, k: int) -> float:
    return (1 - alpha ** (k + 1)) / (1 - alpha)


def test_speculative_expected_tokens_per_pass():
    stated("speculative-decoding-speedup", "With α = 0.8 and k = 4 that is (1 − 0.32768)/0.2 ≈ **3.36 tokens per pass**",
           "α = 0.8, k = 4: about 3.36 tokens per pass")
    assert math.isclose(0.8**5, 0.32768)
    close(expected_tokens(0.8, 4), "3.36")
    # the closed form matches enumerating the number of accepted drafts j = 0..k
    for alpha in (0.3, 0.5, 0.8, 0.95):
        for k in range(1, 9):
            by_cases = sum((j + 1) * alpha**j * (1 - alpha) for j in range(k)) + (k + 1) * alpha**k
            assert math.isclose(by_cases, expected_tokens(alpha, k))


def test_speculative_wall_clock_speedup():
    stated("speculative-decoding-speedup", "With c = 0.1, 3.36/1.4 ≈ 2.40×", "the best k here is 6, at about 2.47×",
           "At α = 0.5 the same set-up gives only 1.94 tokens per pass and 1.38×")

    def speedup(alpha: float, k: int, c: float) -> float:
        return expected_tokens(alpha, k) / (1 + k * c)

    close(speedup(0.8, 4, 0.1), "2.40")
    best_k = max(range(1, 30), key=lambda k: speedup(0.8, k, 0.1))
    assert best_k == 6
    close(speedup(0.8, 6, 0.1), "2.47")
    close(expected_tokens(0.5, 4), "1.94")
    close(speedup(0.5, 4, 0.1), "1.38")


# --- Sampling -------------------------------------------------------------------------

def test_min_p_cutoffs():
    stated("llm-sampling-settings-by-task", "with $p_{\\min} = 0.1$ the cut-off is 0.06 when the top token has 0.6, but 0.01 when it has 0.1")
    p_min = Fraction(1, 10)
    assert p_min * Fraction(6, 10) == Fraction(6, 100)
    assert p_min * Fraction(1, 10) == Fraction(1, 100)
    # the same rule keeps few tokens when peaked, many when flat
    peaked = [0.6, 0.2, 0.1, 0.05, 0.03, 0.02]
    flat = [0.1] * 10
    def keep(ps):
        return [x for x in ps if x >= 0.1 * max(ps)]
    assert len(keep(peaked)) == 3 and len(keep(flat)) == 10


def test_repetition_penalty_sign_handling():
    stated("llm-sampling-settings-by-task", "divides a seen token's logit by about 1.2 (libraries multiply negative logits instead)")
    theta = 1.2

    def penalised(z: float) -> float:
        return z / theta if z > 0 else z * theta

    for z in (3.0, 0.5, -0.5, -3.0):
        assert penalised(z) < z  # the penalty always lowers a seen token's logit
    # dividing a negative logit would raise it, making the repeated token more likely
    assert -3.0 / theta > -3.0
