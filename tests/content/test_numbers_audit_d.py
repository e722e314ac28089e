"""Checks for numbers and quantitative claims added or reworded by audit D in content/ml-system-design/
(standard library only). Each test reads the question file, asserts the claim as printed and recomputes it.
"""

from __future__ import annotations

import math

from tests.content.numbers import for_category, num, numbers_in

read, stated = for_category("ml-system-design")


def poisson_quantile(mean: float, q: float) -> int:
    """Smallest k with P(X <= k) >= q for X ~ Poisson(mean)."""
    k, pmf = 0, math.exp(-mean)
    cdf = pmf
    while cdf < q:
        k += 1
        pmf *= mean / k
        cdf += pmf
    return k


def binomial_quantile(n: int, p: float, q: float) -> int:
    cdf = 0.0
    for k in range(n + 1):
        cdf += math.comb(n, k) * p**k * (1 - p) ** (n - k)
        if cdf >= q:
            return k
    return n


def test_forecast_summed_p90_overstates_or_understates():
    qid = "design-demand-forecasting"
    stated(
        qid,
        "Summing store-level P90s to get a distribution-centre P90: it usually overstates it, "
        "and understates it for slow movers whose store-level P90 is zero",
    )
    # steady sellers: 10 stores, independent Poisson(20) demand; the summed P90s exceed the P90 of the total
    stores, mean = 10, 20.0
    assert stores * poisson_quantile(mean, 0.9) > poisson_quantile(stores * mean, 0.9)
    # slow movers: 100 stores that each sell one unit on 5% of days; each store's P90 is zero,
    # but the total over the stores has a positive P90, so the summed P90s understate it
    shops, p_sale = 100, 0.05
    assert binomial_quantile(1, p_sale, 0.9) == 0
    assert shops * binomial_quantile(1, p_sale, 0.9) < binomial_quantile(shops, p_sale, 0.9)


def test_serving_prefill_needs_fp8_activations():
    qid = "design-llm-serving-cost-latency"
    stated(
        qid,
        "That assumes FP8 activations as well as weights (W8A8), so the matrix multiplies run on the FP8 "
        "tensor cores; weight-only FP8 would compute in BF16, at half that peak.",
    )
    text = read(qid)
    (fp8_peak,) = numbers_in(text, "about {} TFLOP/s of dense FP8", qid)
    pct, effective = numbers_in(text, "at {}% of peak, {} TFLOP/s per GPU", qid)
    bf16_peak = num(fp8_peak) / 2  # H100 SXM: dense BF16 peak is half the dense FP8 peak
    assert round(num(pct) / 100 * num(fp8_peak), -1) == num(effective)
    # in BF16 the assumed effective rate would be about 100% of peak, which no kernel reaches
    assert num(effective) / bf16_peak > 0.99
