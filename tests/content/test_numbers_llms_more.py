"""Recompute every worked number stated in the further llms-genai questions:
state-space models, context parallelism, watermarking, model merging, synthetic
data, prompt caching, speech recognition, semantic IDs, tool use and inference cost.

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

KIB, MIB, GIB = 2**10, 2**20, 2**30


# --- state-space models ---------------------------------------------------------------

def test_mamba_state_is_constant_and_small():
    stated("state-space-models-mamba", "64 layers, inner width 5,120, state size 16",
           "64 · 5,120 · 16 ≈ 5.2 million values", "(20 MiB in fp32)",
           "64 \\cdot 5120 \\cdot 16 \\approx 5.2 \\times 10^{6}")
    d_model, expand, layers, d_state = 2560, 2, 64, 16  # Mamba-2.8B configuration
    d_inner = expand * d_model
    assert d_inner == 5120
    values = layers * d_inner * d_state
    close(values / 1e6, "5.2")
    assert values * 4 == 20 * MIB  # fp32, 4 bytes a value


def test_similar_size_transformer_kv_cache():
    stated("state-space-models-mamba", "32 layers of width 2,560, as in Pythia-2.8B",
           "320 KiB of KV cache per token", "about 30.5 GiB at 100,000 tokens")
    layers, width, fp16 = 32, 2560, 2  # Pythia-2.8B shape
    # a Transformer block (attention + MLP, about 12 d^2) has about as many weights as two Mamba blocks
    assert math.isclose(12 * layers * width**2 / 1e9, 2.5, rel_tol=0.02)
    per_token = 2 * layers * width * fp16  # keys and values, full multi-head attention
    assert per_token == 320 * KIB
    close(per_token * 100_000 / GIB, "30.5")
    # the recurrent fp32 state is over a thousand times smaller at that length
    assert per_token * 100_000 / (64 * 5120 * 16 * 4) > 1000


def test_jamba_one_attention_layer_in_eight():
    stated("state-space-models-mamba", "one attention layer in every eight")
    attention, mamba = 1, 7  # Jamba's 1:7 attention-to-Mamba ratio
    assert Fraction(attention, attention + mamba) == Fraction(1, 8)


def test_linear_recurrence_is_associative_so_a_scan_works():
    """h_t = a_t h_{t-1} + b_t composes as (a, b) pairs; a tree reduction gives the same state."""
    stated("state-space-models-mamba", "a parallel scan computes it in logarithmic depth")
    rng = random.Random(0)
    steps = [(rng.uniform(0.5, 1.0), rng.uniform(-1, 1)) for _ in range(64)]
    h = 0.0
    for a, b in steps:
        h = a * h + b

    def combine(first, second):
        a1, b1 = first
        a2, b2 = second
        return a2 * a1, a2 * b1 + b2

    level = steps
    depth = 0
    while len(level) > 1:
        level = [combine(level[i], level[i + 1]) for i in range(0, len(level), 2)]
        depth += 1
    assert math.isclose(level[0][1], h, rel_tol=1e-12)
    assert depth == math.log2(len(steps))


# --- context parallelism ----------------------------------------------------------------

def test_ring_attention_overlap_threshold():
    stated("context-parallelism-ring-attention", "989 TFLOP/s dense BF16", "450 GB/s each way",
           "about 2,200 tokens per GPU", "about 20,000 over 50 GB/s InfiniBand",
           "\\frac{989 \\times 10^{12}}{450 \\times 10^{9}} \\approx 2200")
    flops, nvlink, infiniband = 989e12, 450e9, 50e9
    d = 4096
    for c in (1024, 8192):
        compute = 4 * c * c * d  # QK^T and PV, 2c^2d FLOPs each
        sent = 2 * c * d * 2  # keys and values, fp16
        assert compute / sent == c  # FLOPs per byte equals the chunk length
    assert round(flops / nvlink, -2) == 2200
    assert round(flops / infiniband, -3) == 20_000


def test_online_softmax_merge_is_exact():
    rng = random.Random(1)
    scores = [rng.uniform(-5, 5) for _ in range(12)]
    values = [rng.uniform(-1, 1) for _ in range(12)]
    full = sum(math.exp(s) * v for s, v in zip(scores, values)) / sum(math.exp(s) for s in scores)
    blocks = [range(0, 4), range(4, 8), range(8, 12)]
    parts = []
    for blk in blocks:
        m_j = max(scores[i] for i in blk)
        l_j = sum(math.exp(scores[i] - m_j) for i in blk)
        o_j = sum(math.exp(scores[i] - m_j) * values[i] for i in blk) / l_j
        parts.append((m_j, l_j, o_j))
    m = max(p[0] for p in parts)
    merged = sum(math.exp(mj - m) * lj * oj for mj, lj, oj in parts) / sum(math.exp(mj - m) * lj for mj, lj, _ in parts)
    assert math.isclose(merged, full, rel_tol=1e-12)


def test_zigzag_sharding_balances_causal_work():
    stated("context-parallelism-ring-attention", "one early and one late chunk")
    g = 4
    chunks = 2 * g
    work = [i + 1 for i in range(chunks)]  # causal: chunk i attends to i + 1 chunks
    contiguous = [work[2 * r] + work[2 * r + 1] for r in range(g)]
    zigzag = [work[r] + work[chunks - 1 - r] for r in range(g)]
    assert len(set(zigzag)) == 1
    assert max(contiguous) / min(contiguous) > 4


# --- watermarking -------------------------------------------------------------------------

def test_green_list_z_score():
    stated("llm-text-watermarking-detection", "$\\gamma = 0.25$ and $T = 200$", "chance predicts 50 green tokens",
           "$\\sqrt{37.5} \\approx 6.12$", "finding 90 gives $z \\approx 6.53$", "a threshold of 4",
           "\\frac{90 - 50}{\\sqrt{37.5}} \\approx 6.53")
    gamma, t, green = Fraction(1, 4), 200, 90
    mean = gamma * t
    var = t * gamma * (1 - gamma)
    assert mean == 50 and var == Fraction(75, 2)
    close(math.sqrt(var), "6.12")
    close((green - mean) / math.sqrt(var), "6.53")


def test_z_threshold_false_positive_rate():
    stated("llm-text-watermarking-detection", "about 3 in 100,000")
    tail = 0.5 * math.erfc(4 / math.sqrt(2))
    close(tail * 100_000, "3")


def test_detector_false_positive_count():
    stated("llm-text-watermarking-detection", "1% false-positive rate flags about 100 of 10,000 honest essays")
    assert Fraction(1, 100) * 10_000 == 100


# --- model merging -------------------------------------------------------------------------

def ties_merge(values: list[float]) -> float:
    elected = 1 if sum(values) > 0 else -1
    agreeing = [v for v in values if v * elected > 0]
    return sum(agreeing) / len(agreeing)


def test_ties_sign_election_example():
    stated("model-merging-task-arithmetic", "+0.5, −0.2 and −0.2 the plain mean is 0.033", "TIES elects + and keeps 0.5")
    values = [0.5, -0.2, -0.2]
    close(sum(values) / len(values), "0.033")
    assert ties_merge(values) == 0.5


def test_dare_rescaling_preserves_expectation():
    stated("model-merging-task-arithmetic", "even 90%", "rescales the survivors by $1/(1-p)$",
           "dividing the survivors by 0.1", "shrinks the update tenfold")
    p = Fraction(9, 10)
    delta = Fraction(3, 1000)
    expected = (1 - p) * delta / (1 - p) + p * 0
    assert expected == delta
    assert 1 - p == Fraction(1, 10)
    assert (1 - p) * delta == delta / 10  # without rescaling the expected update is a tenth
    rng = random.Random(2)
    deltas = [rng.uniform(-1, 1) for _ in range(200_000)]
    kept = [d / 0.1 if rng.random() < 0.1 else 0.0 for d in deltas]
    assert abs(sum(kept) - sum(deltas)) / len(deltas) < 0.01


# --- synthetic data ------------------------------------------------------------------------

def test_rejection_sampling_yield():
    stated("synthetic-data-llm-training", "pass rate of 0.2 and $k = 8$, 83% of problems",
           "1 - 0.8^{8} \\approx 0.83", "175 seed tasks", "ROUGE-L above 0.7", "about 52,000 instructions")
    p, k = 0.2, 8
    close(1 - (1 - p) ** k, "0.83")
    close(100 * (1 - (1 - p) ** k), "83")
    # a problem the model never solves yields nothing, whatever k
    assert 1 - (1 - 0.0) ** 64 == 0


# --- prompt caching -------------------------------------------------------------------------

PRICE, WRITE, READ = Fraction(3, 10**6), Fraction(5, 4), Fraction(1, 10)
PREFIX, NEW, REQUESTS = 10_000, 500, 1_000


def test_prompt_caching_uncached_cost():
    stated("prompt-caching-prefix-reuse", "USD 3 per million input tokens", "10.5 million tokens, USD 31.50")
    tokens = REQUESTS * (PREFIX + NEW)
    assert tokens == 10_500_000
    assert tokens * PRICE == Fraction(3150, 100)


def test_prompt_caching_cached_cost():
    stated("prompt-caching-prefix-reuse", "one write (USD 0.04)", "999 reads (USD 3.00)",
           "the new tokens (USD 1.50)", "about USD 4.53, 86% less",
           "1.25 \\cdot 10^4 + 0.1 \\cdot 999 \\cdot 10^4 + 1000 \\cdot 500")
    write = PREFIX * WRITE * PRICE
    reads = (REQUESTS - 1) * PREFIX * READ * PRICE
    new = REQUESTS * NEW * PRICE
    close(float(write), "0.04")
    close(float(reads), "3.00")
    close(float(new), "1.50")
    total = write + reads + new
    close(float(total), "4.53")
    uncached = REQUESTS * (PREFIX + NEW) * PRICE
    close(float(100 * (1 - total / uncached)), "86")


def test_cache_write_pays_back_on_first_reuse():
    stated("prompt-caching-prefix-reuse", "the 0.25 premium is recovered by the 0.9 saved")
    assert Fraction(1, 4) == WRITE - 1
    assert Fraction(9, 10) == 1 - READ
    # one write plus one read beats two uncached passes
    assert WRITE + READ < 2


# --- speech recognition ----------------------------------------------------------------------

def word_edits(ref: list[str], hyp: list[str]) -> int:
    prev = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        cur = [i]
        for j, h in enumerate(hyp, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (r != h)))
        prev = cur
    return prev[-1]


def test_wer_worked_example():
    text = read("speech-recognition-whisper-wer")
    ref = "the cat sat on the mat near the front door"
    hyp = "the cat sat in the mat near front door today"
    assert f'"{ref}" (10 words)' in text and f'"{hyp}"' in text
    stated("speech-recognition-whisper-wer", "WER = 3/10 = 30%", "\\frac{1 + 1 + 1}{10} = 0.30")
    r, h = ref.split(), hyp.split()
    assert len(r) == 10
    assert word_edits(r, h) == 3
    assert Fraction(word_edits(r, h), len(r)) == Fraction(3, 10)


def test_wer_can_exceed_one():
    stated("speech-recognition-whisper-wer", "WER can exceed 100%")
    assert word_edits(["yes"], ["no", "no", "no"]) / 1 > 1


def test_whisper_frames_and_positions():
    stated("speech-recognition-whisper-wer", "16 kHz", "25 ms frames every 10 ms", "so 3,000 frames",
           "1,500 encoder positions", "50 encoder positions a second")
    sample_rate, hop, window, seconds = 16_000, 160, 400, 30
    assert hop / sample_rate == 0.010 and window / sample_rate == 0.025
    frames = seconds * sample_rate // hop
    assert frames == 3000
    assert frames // 2 == 1500  # second convolution has stride 2
    assert 1500 / seconds == 50


def test_encodec_token_rate():
    stated("speech-recognition-whisper-wer", "75 frames a second", "8 residual codebooks of 1,024 entries",
           "600 tokens a second at 6 kbps")
    sample_rate, stride = 24_000, 320
    frame_rate = sample_rate // stride
    assert frame_rate == 75
    assert frame_rate * 8 == 600
    assert frame_rate * 8 * math.log2(1024) == 6000


# --- semantic IDs -----------------------------------------------------------------------------

def test_semantic_id_capacity():
    stated("llm-embeddings-semantic-ids", "$256^3 \\approx 16.8$ million IDs from 768 code embeddings",
           "256^3 = 16{,}777{,}216")
    assert 256**3 == 16_777_216
    close(256**3 / 1e6, "16.8")
    assert 3 * 256 == 768


def test_residual_quantisation_reconstructs_with_shrinking_residuals():
    rng = random.Random(3)
    dim = 4
    # each codebook holds a zero codeword, so picking the nearest code can never enlarge the residual
    codebooks = [[[0.0] * dim] + [[rng.gauss(0, 1.0 / (level + 1)) for _ in range(dim)] for _ in range(255)]
                 for level in range(3)]
    z = [rng.gauss(0, 1) for _ in range(dim)]
    residual = list(z)
    norms = [math.sqrt(sum(x * x for x in residual))]
    approx = [0.0] * dim
    for book in codebooks:
        code = min(book, key=lambda e: sum((r - x) ** 2 for r, x in zip(residual, e)))
        residual = [r - x for r, x in zip(residual, code)]
        approx = [a + x for a, x in zip(approx, code)]
        norms.append(math.sqrt(sum(x * x for x in residual)))
    assert all(b <= a for a, b in itertools.pairwise(norms))
    assert norms[-1] < norms[0]
    assert all(math.isclose(a + r, x) for a, r, x in zip(approx, residual, z))


# --- inference cost ---------------------------------------------------------------------------

REQ_PER_DAY, N_IN, N_OUT = 2_000_000, 2_000, 250
P_IN, P_OUT = Fraction(20, 100), Fraction(80, 100)  # USD per million tokens
GPU_HOUR, HOURS_PER_MONTH = Fraction(5, 2), 24 * 30


def test_api_cost():
    stated("llm-inference-cost-build-vs-buy", "4 billion input and 0.5 billion output tokens daily",
           "USD 0.0006 a request, USD 1,200 a day, USD 36,000 a month",
           "6 \\times 10^{7} \\cdot \\frac{2000 \\cdot 0.2 + 250 \\cdot 0.8}{10^{6}} = 36{,}000")
    assert REQ_PER_DAY * N_IN == 4 * 10**9
    assert REQ_PER_DAY * N_OUT == 5 * 10**8
    per_request = (N_IN * P_IN + N_OUT * P_OUT) / 10**6
    assert per_request == Fraction(6, 10_000)
    assert per_request * REQ_PER_DAY == 1200
    assert per_request * REQ_PER_DAY * 30 == 36_000
    assert REQ_PER_DAY * 30 == 6 * 10**7


def test_self_hosted_gpu_count_and_cost():
    stated("llm-inference-cost-build-vs-buy", "23.1 requests/s", "a 2× peak is 46.3", "10 such requests/s",
           "the peak needs 5 GPUs, 6 with a spare", "USD 2.50 per GPU-hour", "USD 10,800 a month",
           "USD 0.00018 a request at 39% average", "\\left\\lceil \\frac{46.3}{10} \\right\\rceil + 1 = 6")
    avg = REQ_PER_DAY / 86_400
    close(avg, "23.1")
    peak = 2 * avg
    close(peak, "46.3")
    gpus = math.ceil(peak / 10)
    assert gpus == 5
    fleet = gpus + 1
    monthly = fleet * GPU_HOUR * HOURS_PER_MONTH
    assert monthly == 10_800
    per_request = monthly / (REQ_PER_DAY * 30)
    assert per_request == Fraction(18, 100_000)
    close(100 * avg / (fleet * 10), "39")


def test_build_vs_buy_comparison():
    stated("llm-inference-cost-build-vs-buy", "The GPUs cost 30% of the API bill", "say USD 12,000 a month",
           "the saving shrinks to about USD 13,000", "two GPUs for redundancy cost USD 3,600, the entire API bill")
    api = 36_000
    gpus = 6 * GPU_HOUR * HOURS_PER_MONTH
    assert Fraction(gpus, api) == Fraction(3, 10)
    saving = api - (gpus + 12_000)
    assert saving == 13_200
    assert round(saving, -3) == 13_000
    tenth_api = Fraction(api, 10)
    two_gpus = 2 * GPU_HOUR * HOURS_PER_MONTH
    assert two_gpus == 3600 == tenth_api
