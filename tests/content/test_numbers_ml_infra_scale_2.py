"""Recompute the worked numbers in the second batch of content/ml-infra-scale/ questions.

Each test reads one question file, checks that a number is printed as the answer
states it, and recomputes it from first principles with the standard library:
collectives are simulated chunk by chunk, the spot-training optimum is found by a
scan, and PSI is summed bin by bin.
"""

from __future__ import annotations

import math
import struct

from tests.content.numbers import close, for_category

read, stated = for_category("ml-infra-scale")

GB = 1e9
MB = 1e6


# --- collectives ------------------------------------------------------------------------


def ring_reduce_scatter_all_gather(n: int, chunk: int) -> tuple[int, int]:
    """Simulate a ring reduce-scatter then all-gather on n ranks, each with n chunks.

    Returns (bytes sent per rank in the reduce-scatter, bytes sent in the all-gather)
    and checks that every rank ends with the full sum.
    """
    data = [[float(r * n + c) for c in range(n)] for r in range(n)]
    total = [sum(data[r][c] for r in range(n)) for c in range(n)]
    acc = [row[:] for row in data]
    sent_rs = [0] * n
    for step in range(n - 1):
        msgs = []
        for r in range(n):
            c = (r - step) % n
            msgs.append(((r + 1) % n, c, acc[r][c]))
            sent_rs[r] += chunk
        for dst, c, v in msgs:
            acc[dst][c] += v
    # rank r now owns the full sum of chunk (r + 1) % n
    for r in range(n):
        assert acc[r][(r + 1) % n] == total[(r + 1) % n]
    sent_ag = [0] * n
    for step in range(n - 1):
        msgs = []
        for r in range(n):
            c = (r + 1 - step) % n
            msgs.append(((r + 1) % n, c, acc[r][c]))
            sent_ag[r] += chunk
        for dst, c, v in msgs:
            acc[dst][c] = v
    assert all(acc[r] == total for r in range(n))
    assert len(set(sent_rs)) == 1 and len(set(sent_ag)) == 1
    return sent_rs[0], sent_ag[0]


def test_collective_volumes_by_simulation():
    text = read("collective-operations-communication-costs")
    assert "$(N-1)M/N$" in text and "$2(N-1)M/N$" in text
    for n in (2, 4, 8, 16):
        chunk = 1000
        m = n * chunk
        rs, ag = ring_reduce_scatter_all_gather(n, chunk)
        assert rs == (n - 1) * m // n
        assert ag == (n - 1) * m // n
        assert rs + ag == 2 * (n - 1) * m // n  # all-reduce = reduce-scatter + all-gather
        # all-to-all: rank r's chunk c is meant for rank c; only chunks for other ranks travel
        outbox = {(r, c): chunk for r in range(n) for c in range(n)}
        sent = [sum(size for (src, dst), size in outbox.items() if src == r and dst != r) for r in range(n)]
        inbox = [[src for (src, dst) in outbox if dst == r] for r in range(n)]
        assert all(sorted(box) == list(range(n)) for box in inbox)  # a transpose, no reduction
        assert sent == [(n - 1) * m // n] * n


def test_moe_all_to_all_worked_example():
    stated("collective-operations-communication-costs", "16,384 tokens", "268 MB", "235 MB", "4.7 ms", "0.52 ms")
    tokens, top_k, hidden, bytes_bf16, ep = 16_384, 2, 4096, 2, 8
    buffer = tokens * top_k * hidden * bytes_bf16
    assert buffer == 268_435_456
    close(buffer / MB, "268")
    leaving = buffer * (ep - 1) / ep
    close(leaving / MB, "235")
    close(leaving / 50e9 * 1e3, "4.7")
    close(leaving / 450e9 * 1e3, "0.52")
    # InfiniBand at 400 Gb/s is 50 GB/s
    assert 400e9 / 8 == 50e9


# --- memory hierarchy and interconnects -------------------------------------------------


def test_interconnect_bandwidths_and_transfer_times():
    name = "gpu-memory-hierarchy-interconnects"
    stated(name, "Streaming 1 GB", "about 63 GB/s", "450 GB/s", "900 GB/s", "400 Gb/s, 50 GB/s", "0.3 ms", "2.2 ms", "20 ms", "a ninth")
    pcie5 = 32e9 * 16 * (128 / 130) / 8  # 32 GT/s per lane, 16 lanes, 128b/130b encoding
    close(pcie5 / GB, "63")
    nvlink_each_way = 18 * 25e9  # 18 NVLink 4 links of 25 GB/s per direction
    assert nvlink_each_way == 450e9 and 2 * nvlink_each_way == 900e9
    ib = 400e9 / 8
    assert ib == 50e9
    assert nvlink_each_way / ib == 9
    close(1 * GB / 3.35e12 * 1e3, "0.3")
    close(1 * GB / nvlink_each_way * 1e3, "2.2")
    close(1 * GB / ib * 1e3, "20")


def test_h100_sram_sizes():
    stated("gpu-memory-hierarchy-interconnects", "132 streaming multiprocessors", "256 KB register file")
    registers_per_sm = 65_536  # 32-bit registers
    assert registers_per_sm * 4 == 256 * 1024


# --- spot instances ---------------------------------------------------------------------


def useful_fraction(tau: float, c: float, m: float, r: float) -> float:
    return 1 - c / tau - (tau / 2 + r) / m


def test_spot_training_cost_example():
    name = "spot-instance-training"
    stated(name, "USD 40", "USD 16", "every 4 hours", "1 minute", "12 minutes", "about 22 minutes",
           "about 14%", "16 ÷ 0.859 ≈ USD 18.6", "53% cheaper")
    c, m, r = 1.0, 240.0, 12.0  # minutes
    # find the best interval by a scan, not by the formula
    grid = [t / 100 for t in range(100, 12_000)]
    best = max(grid, key=lambda t: useful_fraction(t, c, m, r))
    assert abs(best - math.sqrt(2 * c * m)) < 0.02
    close(best, "22")
    u = useful_fraction(math.sqrt(2 * c * m), c, m, r)
    close(u, "0.859")
    close((1 - u) * 100, "14")
    close(16 / u, "18.6")
    close((1 - 16 / u / 40) * 100, "53")
    # spot pays while the price ratio is below the useful fraction
    assert u > 16 / 40


def test_spot_formula_and_follow_up():
    name = "spot-instance-training"
    stated(name, r"\sqrt{2 \times 1 \times 240}", r"\frac{1}{21.9}", "10.95 + 12", "about every 3 hours")
    tau = math.sqrt(2 * 1 * 240)
    close(tau, "21.9")
    close(tau / 2, "10.95")
    nodes, per_node_mtbf_h = 8, 24
    assert per_node_mtbf_h / nodes == 3


# --- on-device deployment ---------------------------------------------------------------


def test_on_device_llm_size_and_decode_ceiling():
    name = "on-device-model-deployment"
    stated(name, "6 GB in fp16", "about 1.69 GB", "one fp16 scale per 32 weights", "60 GB/s", "near 36 tokens/s",
           "33 ms per frame", "quarter")
    params = 3e9
    assert params * 2 / GB == 6
    bits = 4 + 16 / 32
    assert bits == 4.5
    size = params * bits / 8
    close(size / GB, "1.69")
    close(60e9 / size, "36")
    close(1000 / 30, "33")
    int8_bytes, fp32_bytes = struct.calcsize("b"), struct.calcsize("f")
    assert params * int8_bytes / (params * fp32_bytes) == 1 / 4  # int8 takes a quarter of fp32


# --- batch inference --------------------------------------------------------------------


def test_batch_inference_sizing():
    name = "batch-inference-at-scale"
    stated(name, "400M rows", "4,000 rows/s", "100,000 GPU-seconds", "27.8 GPU-hours", "needs 8.7, so 9 GPUs",
           "about 28,000 rows/s", "2,000 partitions of 200,000 rows", "about 50 s", "27{,}800")
    rows, per_gpu, window_s, eff = 400e6, 4000, 4 * 3600, 0.8
    assert window_s == 14_400
    gpu_s = rows / per_gpu
    assert gpu_s == 100_000
    close(gpu_s / 3600, "27.8")
    need = rows / (per_gpu * window_s * eff)
    close(need, "8.7")
    assert math.ceil(need) == 9
    rate = rows / window_s
    assert round(rate, -3) == 28_000
    assert round(rate, -2) == 27_800
    assert rows == 2000 * 200_000
    assert 200_000 / per_gpu == 50


# --- experiment tracking and data versioning --------------------------------------------


def test_content_addressed_dedup():
    stated("experiment-tracking-data-versioning", "1% of a 500 GB dataset", "about 5 GB")
    files = 100_000
    size_each = 500 * GB / files
    stored = {f"file-{i}": f"hash-{i}" for i in range(files)}
    changed = {f"file-{i}": (f"hash-{i}-v2" if i % 100 == 0 else f"hash-{i}") for i in range(files)}
    new_objects = set(changed.values()) - set(stored.values())
    assert len(new_objects) * size_each / GB == 5


# --- multi-LoRA serving -----------------------------------------------------------------


def lora_params(layers: int, rank: int, shapes: list[tuple[int, int]]) -> int:
    return layers * sum(rank * (d_in + d_out) for d_in, d_out in shapes)


def test_multi_lora_adapter_memory():
    name = "multi-lora-adapter-serving"
    stated(name, "40.0M parameters", "80 MB in fp16", "8 GB", "1.35 TB", "13.5 GB", "39{,}976{,}960")
    d, ffn, layers, rank = 4096, 11_008, 32, 16
    shapes = [(d, d)] * 4 + [(d, ffn), (d, ffn), (ffn, d)]  # q, k, v, o, gate, up, down
    p = lora_params(layers, rank, shapes)
    assert p == 39_976_960
    assert p == layers * rank * (4 * 8192 + 3 * 15_104)
    close(p / 1e6, "40.0")
    adapter_bytes = 2 * p
    close(adapter_bytes / MB, "80")
    close(100 * adapter_bytes / GB, "8")
    base_params = 6.74e9  # Llama 2 7B
    close(base_params * 2 / GB, "13.5")
    close(100 * base_params * 2 / 1e12, "1.35")


def test_multi_lora_overheads():
    name = "multi-lora-adapter-serving"
    stated(name, "about 0.6% per token", "2.56 GB", "about 19%")
    p = 39_976_960
    base_params = 6.74e9
    close(2 * p / (2 * base_params) * 100, "0.6")
    extra = 32 * 80 * MB
    close(extra / GB, "2.56")
    close(extra / (13.5 * GB) * 100, "19")
    assert round(32 * 2 * p / (base_params * 2), 2) == 0.19


# --- monitoring -------------------------------------------------------------------------


def psi(actual: list[float], expected: list[float]) -> float:
    return sum((a - e) * math.log(a / e) for a, e in zip(actual, expected))


def kl(p: list[float], q: list[float]) -> float:
    return sum(x * math.log(x / y) for x, y in zip(p, q))


def test_psi_worked_example():
    name = "ml-monitoring-infrastructure"
    stated(name, "40%, 30%, 20% and 10%", "25%, 30%, 25% and 20%", "PSI ≈ 0.15", "0.151")
    e = [0.40, 0.30, 0.20, 0.10]
    a = [0.25, 0.30, 0.25, 0.20]
    value = psi(a, e)
    close(value, "0.151")
    assert 0.1 < value < 0.25  # the moderate band
    # the printed terms
    terms = [-0.15 * math.log(0.625), 0.0, 0.05 * math.log(1.25), 0.10 * math.log(2)]
    assert math.isclose(sum(terms), value)
    # PSI is the symmetrised KL divergence
    assert math.isclose(value, kl(a, e) + kl(e, a))


def test_alert_fatigue_arithmetic():
    stated("ml-monitoring-infrastructure", "two false alerts a day", "87% of days", "0.99^{200}")
    checks, rate = 200, 0.01
    assert checks * rate == 2
    close((1 - (1 - rate) ** checks) * 100, "87")
