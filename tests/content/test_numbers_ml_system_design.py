"""Recompute the worked numbers in content/ml-system-design/ (standard library only).

Each test reads one question file, checks that the number appears in it as
written, and recomputes that number from first principles.
"""

from __future__ import annotations

import math

from tests.content.numbers import for_category

read, stated = for_category("ml-system-design")




def test_latency_budget_split_and_per_candidate_time():
    qid = "latency-budget-and-model-compression"
    stated(
        qid,
        "100 ms at p99 goes 10 ms to network and serialisation, 20 ms to fetching features, "
        "10 ms to candidate retrieval and 60 ms to ranking 500 candidates",
        "That is 0.12 ms per candidate",
    )
    network, features, retrieval, ranking = 10, 20, 10, 60
    assert network + features + retrieval + ranking == 100
    assert math.isclose(ranking / 500, 0.12)


def test_int8_quantisation_memory():
    qid = "latency-budget-and-model-compression"
    stated(qid, "a quarter of the memory of fp32", "300M parameters shrink from 1.2 GB to 300 MB")
    params = 300e6
    fp32_bytes, int8_bytes = 4, 1
    assert int8_bytes / fp32_bytes == 0.25
    assert math.isclose(params * fp32_bytes / 1e9, 1.2)  # GB
    assert math.isclose(params * int8_bytes / 1e6, 300)  # MB


def test_fan_out_tail_latency():
    qid = "latency-budget-and-model-compression"
    stated(qid, "waiting on 20 shards", "slow 1% of the time, about 18% of requests")
    p_any_slow = 1 - 0.99**20
    assert round(p_any_slow * 100) == 18


def test_funnel_full_catalogue_cost():
    qid = "sizing-a-retrieval-ranking-funnel"
    stated(qid, "100 million items", "1 microsecond per item would need 100 seconds")
    assert math.isclose(100e6 * 1e-6, 100)


def test_funnel_stage_sizes():
    qid = "sizing-a-retrieval-ranking-funnel"
    stated(
        qid,
        "0.2 ms of compute per item and gets 60 ms, it can score 300 candidates",
        "10 microseconds per item then cuts 2,000 retrieved candidates to those 300 in 20 ms",
        r"\frac{60\ \text{ms}}{0.2\ \text{ms}} = 300",
    )
    assert math.isclose(60 / 0.2, 300)
    assert math.isclose(2000 * 10e-6 * 1e3, 20)  # ms


def test_psi_example():
    qid = "monitoring-models-with-delayed-labels"
    stated(qid, "four bins held 25% each", "10%, 20%, 30% and 40%, PSI ≈ 0.23", "0.1 to 0.25 as a moderate shift")
    expected = [0.25] * 4
    actual = [0.10, 0.20, 0.30, 0.40]
    psi = sum((a - e) * math.log(a / e) for a, e in zip(actual, expected))
    assert round(psi, 2) == 0.23
    assert 0.1 < psi < 0.25  # the "moderate shift" band the answer places it in
    assert math.isclose(sum(actual), 1.0) and math.isclose(sum(expected), 1.0)
