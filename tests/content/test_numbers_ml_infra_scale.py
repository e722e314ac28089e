"""Recompute every worked number stated in content/ml-infra-scale/.

Each test reads one question file, checks that the number the answer states is
really there (as printed), and recomputes it from first principles with the
standard library: floating-point formats are decoded from their bit patterns,
the ring all-reduce and the pipeline schedule are simulated, and the
checkpoint-interval optimum is found by a scan rather than taken from the formula.
"""

from __future__ import annotations

import math
import struct
from fractions import Fraction

from tests.content.numbers import close, for_category

read, stated = for_category("ml-infra-scale")

GB = 1e9


# --- floating-point helpers ------------------------------------------------------------

def to_fp16(x: float) -> float:
    """Round to IEEE half precision (struct's 'e' rounds to nearest even)."""
    return struct.unpack("<e", struct.pack("<e", x))[0]


def to_fp32(x: float) -> float:
    return struct.unpack("<f", struct.pack("<f", x))[0]


def to_bf16(x: float) -> float:
    """Round a float to bfloat16: keep the top 16 bits of the fp32 pattern, round to nearest even."""
    bits = struct.unpack("<I", struct.pack("<f", x))[0]
    lsb = (bits >> 16) & 1
    bits = (bits + 0x7FFF + lsb) & 0xFFFF0000
    return struct.unpack("<f", struct.pack("<I", bits))[0]


def minifloat_values(exp_bits: int, man_bits: int, ocp_e4m3: bool = False) -> list[float]:
    """All finite non-negative values of a small float format, decoded from every bit pattern.

    IEEE-like formats reserve the all-ones exponent for inf/NaN; OCP E4M3 keeps it for
    numbers and reserves only mantissa all-ones there as NaN (no infinities).
    """
    bias = 2 ** (exp_bits - 1) - 1
    values = []
    for e in range(2**exp_bits):
        for m in range(2**man_bits):
            if e == 2**exp_bits - 1 and (not ocp_e4m3 or m == 2**man_bits - 1):
                continue  # inf / NaN patterns
            if e == 0:
                values.append(m / 2**man_bits * 2.0 ** (1 - bias))  # subnormal
            else:
                values.append((1 + m / 2**man_bits) * 2.0 ** (e - bias))
    return sorted(values)


# --- 1. fp16 vs bf16 --------------------------------------------------------------------

def test_fp16_and_bf16_ranges_and_spacing():
    qid = "fp16-vs-bf16-mixed-precision"
    stated(qid, "largest value of 65,504", "$2^{-10} \\approx 0.001$", "$2^{-7} \\approx 0.008$",
           "smallest subnormal of about $6 \\times 10^{-8}$",
           "\\left(2 - 2^{-10}\\right) \\cdot 2^{15} = 65{,}504",
           "2^{-10} \\approx 0.00098", "2^{-7} \\approx 0.0078")
    fp16 = minifloat_values(5, 10)
    assert fp16[-1] == 65_504 == (2 - 2**-10) * 2**15
    assert to_fp16(65_504.0) == 65_504
    smallest_subnormal = fp16[1]
    assert smallest_subnormal == 2**-24
    assert round(smallest_subnormal / 1e-8) == 6  # about 6e-8
    # relative spacing just above 1.0
    assert to_fp16(1 + 2**-10) - 1 == 2**-10
    close(2**-10, "0.001")
    close(2**-10, "0.00098")
    assert to_bf16(1 + 2**-7) - 1 == 2**-7
    close(2**-7, "0.008")
    close(2**-7, "0.0078")
    # bf16 keeps fp32's range
    assert to_bf16(3.0e38) > 1e38


def test_loss_scaling_rescues_an_underflowing_gradient():
    qid = "fp16-vs-bf16-mixed-precision"
    stated(qid, "a factor such as $2^{16}$", "A gradient of $10^{-8}$ becomes 0 in fp16",
           "about $6.6 \\times 10^{-4}$")
    assert to_fp16(1e-8) == 0.0
    scaled = to_fp16(1e-8 * 2**16)
    assert scaled > 0
    close(scaled / 1e-4, "6.6")
    # unscaling in fp32 recovers the gradient to within fp16 rounding
    assert abs(scaled / 2**16 - 1e-8) / 1e-8 < 1e-3
    # bf16 represents it directly
    assert to_bf16(1e-8) > 0


def test_master_weights_small_update_is_lost_in_16_bits():
    qid = "fp16-vs-bf16-mixed-precision"
    stated(qid, "bf16 rounds away any added step below about 0.004",
           "a typical update of $10^{-4}$ is lost", "still costs about 16 bytes per parameter")
    # bf16 weights and grads, fp32 master weights, Adam m and v: bytes from bit widths
    assert sum(bits // 8 for bits in (16, 16, 32, 32, 32)) == 16
    half_spacing = 2**-7 / 2
    close(half_spacing, "0.004")
    assert to_bf16(1.0 + 0.99 * half_spacing) == 1.0
    assert to_bf16(1.0 + 1.01 * half_spacing) > 1.0
    assert to_bf16(1.0 + 1e-4) == 1.0
    assert to_bf16(1.0 - 1e-4) == 1.0
    assert to_fp16(1.0 + 1e-4) == 1.0  # fp16 loses it too
    assert to_fp32(1.0 + 1e-4) != 1.0  # fp32 master weights keep it


# --- 2. FP8 -----------------------------------------------------------------------------

def test_fp8_formats_maxima_and_precision():
    qid = "fp8-training-formats-scaling"
    stated(qid, "max 448", "(max 57,344)", "1.75 \\cdot 2^{8} = 448", "1.75 \\cdot 2^{15} = 57{,}344",
           "$2^{-9} \\approx 0.002$", "12.5% relative spacing near 1", "1.75 × 2^8 = 448")
    e4m3 = minifloat_values(4, 3, ocp_e4m3=True)
    e5m2 = minifloat_values(5, 2)
    assert e4m3[-1] == 448 == 1.75 * 2**8
    assert e5m2[-1] == 57_344 == 1.75 * 2**15
    # 480 would need the NaN pattern (exponent 1111, mantissa 111)
    assert 480 not in e4m3 and 1.875 * 2**8 == 480
    assert e4m3[1] == 2**-9
    close(2**-9, "0.002")
    above_one = next(v for v in e4m3 if v > 1)
    assert above_one - 1 == Fraction(1, 8) == 0.125
    assert next(v for v in e5m2 if v > 1) - 1 == 0.25  # E5M2 is coarser


def test_fp8_scale_and_peak_ratio():
    qid = "fp8-training-formats-scaling"
    stated(qid, "448/0.02 = 22,400", "about 1,979 TFLOP/s, twice BF16's 989")
    scale = Fraction(448) / Fraction(2, 100)
    assert scale == 22_400
    # the scaled amax lands exactly on the format maximum
    assert Fraction(2, 100) * scale == 448
    assert round(1979 / 989) == 2 and abs(1979 - 2 * 989) <= 2


# --- 3. Data parallelism and ring all-reduce -----------------------------------------------

def ring_all_reduce(grads: list[list[float]]) -> tuple[list[list[float]], list[int]]:
    """Simulate reduce-scatter then all-gather on a ring; return results and elements sent per rank."""
    n = len(grads)
    size = len(grads[0])
    assert size % n == 0
    chunk = size // n
    buf = [list(g) for g in grads]
    sent = [0] * n

    def sl(c: int) -> slice:
        return slice(c * chunk, (c + 1) * chunk)

    for step in range(n - 1):  # reduce-scatter
        msgs = []
        for r in range(n):
            c = (r - step) % n
            msgs.append(((r + 1) % n, c, buf[r][sl(c)]))
            sent[r] += chunk
        for dst, c, data in msgs:
            s = sl(c)
            buf[dst][s] = [a + b for a, b in zip(buf[dst][s], data, strict=True)]
    for step in range(n - 1):  # all-gather
        msgs = []
        for r in range(n):
            c = (r + 1 - step) % n
            msgs.append(((r + 1) % n, c, buf[r][sl(c)]))
            sent[r] += chunk
        for dst, c, data in msgs:
            buf[dst][sl(c)] = list(data)
    return buf, sent


def test_ring_all_reduce_volume_simulated():
    qid = "data-parallel-all-reduce"
    stated(qid, "Each GPU therefore sends $2(N-1)/N$ of the gradient bytes")
    for n in (2, 3, 4, 8):
        size = 24 * n
        grads = [[float(r * 1000 + i) for i in range(size)] for r in range(n)]
        out, sent = ring_all_reduce(grads)
        expected = [sum(g[i] for g in grads) for i in range(size)]
        assert all(row == expected for row in out)
        assert all(Fraction(s, size) == Fraction(2 * (n - 1), n) for s in sent)


def test_all_reduce_worked_example_and_global_batch():
    qid = "data-parallel-all-reduce"
    stated(qid, "has 2 GB to reduce", "$2 \\cdot 63/64 \\cdot 2 = 3.94$ GB", "about 79 ms per step",
           "4 × 8 × 64 = 2,048 sequences", "8.4M tokens at 4,096 tokens each", "50 GB/s per GPU (a 400 Gb/s link)")
    grad_bytes = 1e9 * 2  # bf16
    assert grad_bytes / GB == 2
    per_gpu = 2 * (64 - 1) / 64 * grad_bytes
    close(per_gpu / GB, "3.94")
    assert 400 / 8 == 50  # Gb/s -> GB/s
    close(per_gpu / 50e9 * 1e3, "79")
    global_batch = 4 * 8 * 64
    assert global_batch == 2048
    close(global_batch * 4096 / 1e6, "8.4")


# --- 4. Tensor vs pipeline parallelism -----------------------------------------------------

def gpipe_idle_fraction(p: int, m: int) -> Fraction:
    """Simulate a forward fill-drain pipeline: stage s runs micro-batch j at slot s + j."""
    busy = [set() for _ in range(p)]
    for s in range(p):
        for j in range(m):
            busy[s].add(s + j)
    total_slots = max(max(b) for b in busy) + 1
    idle = sum(total_slots - len(b) for b in busy)
    return Fraction(idle, p * total_slots)


def test_pipeline_bubble_fraction():
    qid = "tensor-vs-pipeline-parallelism"
    stated(qid, "3/11 = 27%", "3/35 = 8.6%", "\\frac{3}{11} \\approx 0.27")
    assert gpipe_idle_fraction(4, 8) == Fraction(3, 11)
    assert gpipe_idle_fraction(4, 32) == Fraction(3, 35)
    for p in (2, 4, 8):
        for m in (1, 4, 16):
            assert gpipe_idle_fraction(p, m) == Fraction(p - 1, m + p - 1)
    close(100 * 3 / 11, "27")
    close(100 * 3 / 35, "8.6")


def test_3d_parallel_layout():
    qid = "tensor-vs-pipeline-parallelism"
    stated(qid, "1,024 GPUs might run TP 8 × PP 8 × DP 16", "8 \\cdot 8 \\cdot 16 = 1024")
    assert 8 * 8 * 16 == 1024


# --- 5. ZeRO / FSDP --------------------------------------------------------------------------

def test_zero_stage_memory_per_gpu():
    qid = "zero-and-fsdp-sharding"
    stated(qid, "112 GB per GPU", "28 + 84/8 = 38.5 GB", "14 + 98/8 = 26.25 GB", "112/8 = 14 GB",
           "112, 38.5, 26.25 and 14 GB per GPU")
    psi, n = 7e9, 8
    weights, grads, optimiser = 2, 2, 4 + 4 + 4  # bytes per parameter
    replicated = (weights + grads + optimiser) * psi
    zero1 = (weights + grads) * psi + optimiser * psi / n
    zero2 = weights * psi + (grads + optimiser) * psi / n
    zero3 = (weights + grads + optimiser) * psi / n
    assert (weights + grads) * 7 == 28 and optimiser * 7 == 84
    assert weights * 7 == 14 and (grads + optimiser) * 7 == 98
    assert [round(x / GB, 2) for x in (replicated, zero1, zero2, zero3)] == [112, 38.5, 26.25, 14]


def test_zero3_communication_ratio():
    qid = "zero-and-fsdp-sharding"
    stated(qid, "about **1.5×** plain data parallelism")
    # per-GPU volume in units of (N-1)/N * model size: all-reduce = reduce-scatter + all-gather
    all_reduce = 1 + 1
    zero3 = 1 + 1 + 1  # all-gather for forward, all-gather for backward, reduce-scatter of grads
    assert Fraction(zero3, all_reduce) == Fraction(3, 2)


# --- 6. Training memory budget ----------------------------------------------------------------

def activation_bytes_per_layer(s: int, b: int, h: int) -> int:
    """Korthikanti et al. (2022): 34 sbh + 5 a s^2 b bytes; attention-score term dropped (FlashAttention)."""
    attention_block = 11 * s * b * h  # QKV input, Q and K, V, projection input, dropout mask
    mlp = 19 * s * b * h  # first linear input, GELU input and output, dropout mask
    norms = 4 * s * b * h
    return attention_block + mlp + norms


def test_bytes_per_parameter_and_7b_total():
    qid = "training-memory-budget"
    stated(qid, "**16 bytes per parameter**", "about **112 GB**", "only the 14 GB of bf16 weights",
           "(2 + 2 + 4 + 4 + 4)\\,\\Psi = 16\\,\\Psi = 16 \\times 7 \\times 10^{9}\\ \\text{bytes} = 112\\ \\text{GB}",
           "Adam's states alone are half the total", "18 bytes per parameter, 126 GB for 7B",
           "12 bytes per parameter")
    per_param = {"bf16 weights": 2, "bf16 grads": 2, "fp32 master": 4, "adam m": 4, "adam v": 4}
    total = sum(per_param.values())
    assert total == 16
    assert total * 7e9 / GB == 112
    assert 2 * 7e9 / GB == 14
    assert Fraction(per_param["adam m"] + per_param["adam v"], total) == Fraction(1, 2)
    fp32_grads = total - per_param["bf16 grads"] + 4
    assert fp32_grads == 18 and fp32_grads * 7 == 126
    sgd_momentum = 2 + 2 + 4 + 4
    assert sgd_momentum == 12


def test_activation_memory_worked_example():
    qid = "training-memory-budget"
    stated(qid, "about $34\\,sbh$ bytes per transformer layer",
           "one 4,096-token sequence that is about 18 GB", "a micro-batch of 8 needs about 146 GB",
           "that is $160\\,sbh$, nearly five times the rest")
    s, h, layers = 4096, 4096, 32
    per_layer = activation_bytes_per_layer(s, 1, h)
    assert per_layer == 34 * s * h
    close(per_layer * layers / GB, "18")
    close(activation_bytes_per_layer(s, 8, h) * layers / GB, "146")
    heads = 32
    score_term = 5 * heads * s / h  # 5as^2b expressed in units of sbh
    assert score_term == 160
    assert round(score_term / 34) == 5 and score_term / 34 < 5  # "nearly five times"


# --- 7. Activation checkpointing ------------------------------------------------------------

def test_recomputation_compute_and_memory():
    qid = "activation-checkpointing-recomputation"
    stated(qid, "from about $6N$ to $8N$ FLOPs per token, roughly **33% more compute**",
           "$34sbh \\approx 0.57$ GB per layer, 18 GB over 32 layers", "$2sbh \\approx 34$ MB each, about 1.1 GB in total",
           "\\frac{8N}{6N} \\approx 1.33")
    forward, backward = 2, 4  # FLOPs per parameter per token
    assert Fraction(2 * forward + backward, forward + backward) == Fraction(4, 3)
    close((2 * forward + backward) / (forward + backward), "1.33")
    s, h, layers = 4096, 4096, 32
    full = activation_bytes_per_layer(s, 1, h)
    close(full / GB, "0.57")
    close(full * layers / GB, "18")
    inputs = 2 * s * h  # one 16-bit tensor of shape (s, b, h)
    close(inputs / 1e6, "34")
    close(inputs * layers / GB, "1.1")
    assert inputs * layers + full < full * layers / 8  # checkpointed peak is a small fraction


def test_sqrt_checkpointing_memory():
    stated("activation-checkpointing-recomputation", "Checkpointing every $\\sqrt{L}$ layers cuts activation memory from $O(L)$ to $O(\\sqrt{L})$")
    for n_layers in (16, 64, 256, 1024):
        k = math.isqrt(n_layers)
        stored = n_layers // k + k  # checkpoints kept + one segment recomputed at a time
        assert stored == 2 * k
        assert stored <= 2 * math.sqrt(n_layers)


# --- 8. Arithmetic intensity and fusion ---------------------------------------------------------

def test_ridge_point_and_matmul_intensity():
    qid = "arithmetic-intensity-kernel-fusion"
    stated(qid, "about 989 TFLOP/s of dense BF16 over 3.35 TB/s, roughly 295 FLOPs per byte",
           "an intensity of $n/3$: about 1,365 at $n = 4096$", "\\frac{2n^3}{3 \\cdot 2n^2} = \\frac{n}{3}")
    close(989e12 / 3.35e12, "295")
    n = 4096
    flops = 2 * n**3
    bytes_moved = 3 * n * n * 2  # read A and B, write C, 2 bytes each
    assert Fraction(flops, bytes_moved) == Fraction(n, 3)
    assert int(flops / bytes_moved) == 1365
    assert flops / bytes_moved > 989e12 / 3.35e12  # compute-bound


def test_fusion_traffic_and_time():
    qid = "arithmetic-intensity-kernel-fusion"
    stated(qid, "cuts traffic from 1.2 GB to 0.4 GB, about 0.36 ms down to 0.12 ms")
    elements, nbytes, ops = 100e6, 2, 3
    unfused = ops * (elements * nbytes * 2)  # each op reads and writes the whole tensor
    fused = elements * nbytes * 2
    close(unfused / GB, "1.2")
    close(fused / GB, "0.4")
    close(unfused / 3.35e12 * 1e3, "0.36")
    close(fused / 3.35e12 * 1e3, "0.12")


def test_vocabulary_padding():
    stated("arithmetic-intensity-kernel-fusion", "pad a 50,257-token vocabulary to 50,304", "next multiple of 64")
    padded = -(-50_257 // 64) * 64
    assert padded == 50_304
    assert padded - 64 < 50_257 <= padded


# --- 9. MFU -------------------------------------------------------------------------------------

def test_mfu_hfu_and_attention_convention():
    qid = "model-flops-utilization-mfu"
    stated(qid, "$6 \\cdot 7 \\times 10^9 \\cdot 10^4 = 420$ TFLOP/s per GPU", "MFU ≈ **42.5%**",
           "an HFU of 56.6%", "lifts MFU to about 49%", "\\approx 0.425", "the missing 57.5% goes")
    n_params, tokens_per_s, peak = 7e9, 1e4, 989e12
    model = 6 * n_params * tokens_per_s
    close(model / 1e12, "420")
    close(100 * model / peak, "42.5")
    close(100 - 100 * model / peak, "57.5")
    close(100 * 8 * n_params * tokens_per_s / peak, "56.6")
    layers, seq, d = 32, 4096, 4096
    attention = 12 * layers * seq * d  # PaLM's per-token attention FLOPs
    close(100 * (6 * n_params + attention) * tokens_per_s / peak, "49")


def test_training_time_from_throughput():
    qid = "model-flops-utilization-mfu"
    stated(qid, "64 GPUs at 10,000 tokens/s each train on 1T tokens in about 18 days",
           "\\frac{10^{12}}{6.4 \\times 10^{5}}")
    cluster = 64 * 10_000
    assert cluster == 6.4e5
    close(1e12 / cluster / 86_400, "18")


# --- 10. Input pipeline -------------------------------------------------------------------------

def test_input_pipeline_sizing():
    qid = "input-pipeline-gpu-starvation"
    stated(qid, "Eight GPUs at 2,500 images/s each need 20,000 images/s",
           "about 2.2 GB/s of JPEGs at 110 KB each", "that is 80 worker processes",
           "\\frac{8 \\times 2500}{250} = 80")
    demand = 8 * 2500
    assert demand == 20_000
    close(demand * 110e3 / GB, "2.2")
    assert Fraction(demand, 250) == 80


# --- 11. Serving ---------------------------------------------------------------------------------

def test_littles_law_and_replica_count():
    qid = "model-serving-infrastructure"
    stated(qid, "2,000 requests/s at 50 ms each means 100 requests in flight",
           "5 replicas suffice at full load, or 8 at a 70% utilisation target",
           "\\frac{2000}{400 \\times 0.7} \\approx 7.1")
    assert math.isclose(2000 * 0.050, 100)
    assert 2000 / 400 == 5
    needed = 2000 / (400 * 0.7)
    close(needed, "7.1")
    assert math.ceil(needed) == 8


# --- 12. CI/CD --------------------------------------------------------------------------------

def test_accuracy_standard_error_gate():
    qid = "ci-cd-for-ml-models"
    stated(qid, "90% accuracy has a standard error of 0.3 points", "a 0.2-point gain means little",
           "\\sqrt{\\frac{0.9 \\times 0.1}{10{,}000}} = 0.003")
    se = math.sqrt(0.9 * 0.1 / 10_000)
    assert math.isclose(se, 0.003)
    assert se > 0.002  # the quoted gain is smaller than one standard error


# --- 14. Feature store ----------------------------------------------------------------------------

def test_feature_store_fanout_and_size():
    qid = "feature-store-materialization-freshness"
    stated(qid, "ranking 500 candidates per request at 2,000 requests/s means a million entity lookups per second",
           "100M users × 50 features × 8 bytes is 40 GB", "2000 \\times 500 = 10^{6}")
    assert 2000 * 500 == 10**6
    assert 100_000_000 * 50 * 8 == 40 * 10**9


# --- 15. Skew detection ---------------------------------------------------------------------------

def test_probability_a_rare_bug_is_logged():
    qid = "detecting-skew-with-feature-logging"
    stated(qid, "a bug affecting 0.1% of requests appears in at least one of 5,000 logged rows",
           "$1 - 0.999^{5000} \\approx 99.3\\%$", "\\approx 0.993")
    p_caught = 1 - (1 - 0.001) ** 5000
    close(100 * p_caught, "99.3")
    assert math.isclose(p_caught, 1 - math.exp(5000 * math.log1p(-0.001)))


# --- 16. Reproducibility --------------------------------------------------------------------------

def test_float32_addition_is_not_associative():
    qid = "training-run-reproducibility-determinism"
    stated(qid, "In fp32, $(10^8 + 1) - 10^8 = 0$, while $(10^8 - 10^8) + 1 = 1$",
           "between $2^{26}$ and $2^{27}$ fp32 values are 8 apart")
    big = to_fp32(1e8)
    assert big == 1e8  # exactly representable
    assert to_fp32(to_fp32(big + 1) - big) == 0.0
    assert to_fp32(to_fp32(big - big) + 1) == 1.0
    assert 2**26 <= 1e8 < 2**27
    spacing = 2.0 ** (26 - 23)
    assert spacing == 8
    assert to_fp32(big + spacing) - big == spacing
    assert to_fp32(big + spacing / 2 - 1) == big


# --- 17. Checkpointing and fault tolerance ----------------------------------------------------------

def waste(tau: float, c: float, m: float) -> float:
    return c / tau + tau / (2 * m)


def test_failure_rate_at_scale():
    qid = "checkpoint-interval-fault-tolerance"
    stated(qid, "once in 50,000 hours, a 16,384-GPU job sees about 7.9 failures a day, one every 3.05 hours",
           "419 unexpected interruptions in 54 days", "\\frac{50{,}000\\ \\text{h}}{16{,}384} \\approx 3.05\\ \\text{h}")
    gpus, mtbf_gpu_h = 16_384, 50_000
    close(gpus * 24 / mtbf_gpu_h, "7.9")
    close(mtbf_gpu_h / gpus, "3.05")
    # the assumption is the same order as Llama 3's reported rate
    assert 0.5 < (419 / 54) / (gpus * 24 / mtbf_gpu_h) < 2


def test_young_daly_interval_and_waste():
    qid = "checkpoint-interval-fault-tolerance"
    stated(qid, "$C = 60$ s and $M = 10{,}986$ s", "$\\tau^* \\approx 1{,}148$ s, about 19 minutes",
           "about 10.5% of time goes on checkpointing and rework", "to, say, 6 s: intervals of about 6 minutes and 3.3% lost")
    m = 50_000 * 3600 / 16_384
    close(m, "10986")
    for c, tau_shown, minutes, pct in ((60, "1148", "19", "10.5"), (6, None, "6", "3.3")):
        tau = math.sqrt(2 * c * m)
        if tau_shown:
            close(tau, tau_shown)
        close(tau / 60, minutes)
        close(100 * waste(tau, c, m), pct)
        assert math.isclose(waste(tau, c, m), math.sqrt(2 * c / m))
        # the closed form really is the minimum: scan intervals from 1 s to 5 hours
        best = min(range(1, 18_000), key=lambda t: waste(t, c, m))
        assert abs(best - tau) <= 1


def test_interval_shrinks_with_scale_and_checkpoint_size():
    qid = "checkpoint-interval-fault-tolerance"
    stated(qid, "the optimum shrinks as $1/\\sqrt{N}$", "about 14 bytes per parameter (gradients are not saved), 980 GB")
    tau = lambda n: math.sqrt(2 * 60 * 50_000 * 3600 / n)  # noqa: E731
    assert math.isclose(tau(1024) / tau(4096), 2)
    per_param = {"bf16 weights": 2, "fp32 master": 4, "adam m": 4, "adam v": 4}  # no gradients
    assert sum(per_param.values()) == 14
    close(sum(per_param.values()) * 70e9 / GB, "980")


# --- 18. Debugging at scale ---------------------------------------------------------------------------

def test_straggler_probability():
    qid = "debugging-large-distributed-training"
    stated(qid, "each of 1,000 GPUs has a 0.1% chance of a slow step, $1 - 0.999^{1000} \\approx 63\\%$",
           "1 - 0.999^{1000} \\approx 0.63", "about 100 steps before the spike")
    p = 1 - 0.999**1000
    close(100 * p, "63")
    assert math.isclose(p, 1 - math.exp(-1), rel_tol=0.001)
