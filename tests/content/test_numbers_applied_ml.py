"""Recompute every worked number stated in content/applied-ml/.

Each test reads one question file, checks that the number appears in it as
written, and recomputes that number from first principles (standard library only).
"""

from __future__ import annotations

import math
import random

from tests.content.numbers import close, for_category

text, stated = for_category("applied-ml")





def test_tf_idf_plain_and_smoothed():
    qid = "tf-idf-weighting"
    stated(qid, "1,000 documents", "appears in 10 of them", "3 times",
           "ln 100 ≈ 4.61", "3 × 4.61 ≈ 13.8", "idf = ln 1 = 0",
           "idf ≈ 5.51", "about 16.5", "3 × ln 100 ≈ 13.8")
    n_docs, df, tf = 1000, 10, 3
    idf = math.log(n_docs / df)
    close(idf, "4.61")
    close(tf * idf, "13.8")
    assert math.log(n_docs / n_docs) == 0.0  # a term in every document
    smooth_idf = math.log((1 + n_docs) / (1 + df)) + 1
    close(smooth_idf, "5.51")
    close(tf * smooth_idf, "16.5")
    # the smoothed variant gives a term present in every document idf 1, not 0
    assert math.log((1 + n_docs) / (1 + n_docs)) + 1 == 1.0


def test_perplexity_worked_example():
    qid = "language-model-perplexity"
    stated(qid, "0.5, 0.25, 0.1 and 0.2", "≈ 1.498 nats", "e^1.498 ≈ 4.47",
           "the product is 0.0025", "about 0.2236", "1/0.2236 ≈ 4.47", "perplexity ≈ 4.47")
    probs = [0.5, 0.25, 0.1, 0.2]
    mean_nll = -sum(math.log(p) for p in probs) / len(probs)
    close(mean_nll, "1.498")
    ppl = math.exp(mean_nll)
    close(ppl, "4.47")
    product = math.prod(probs)
    assert math.isclose(product, 0.0025)
    geo_mean = product ** (1 / len(probs))
    close(geo_mean, "0.2236")
    close(1 / geo_mean, "4.47")
    assert math.isclose(ppl, 1 / geo_mean)
    # uniform guessing over V tokens gives perplexity exactly V
    vocab = 50
    assert math.isclose(math.exp(-math.log(1 / vocab)), vocab)


def test_top_p_and_top_k_example():
    qid = "decoding-greedy-beam-sampling"
    stated(qid, "0.5, 0.3, 0.15 and 0.05", "p = 0.9 keeps three tokens",
           "(0.5 + 0.3 + 0.15 = 0.95)", "k = 2 keeps two")
    probs = sorted([0.5, 0.3, 0.15, 0.05], reverse=True)
    kept, mass = [], 0.0
    for p in probs:  # smallest prefix whose mass reaches p = 0.9
        kept.append(p)
        mass += p
        if mass >= 0.9 - 1e-12:
            break
    assert len(kept) == 3
    assert math.isclose(mass, 0.95)
    assert len(probs[:2]) == 2
    # temperature keeps the ranking of tokens
    logits = [2.0, 1.0, 0.5, -1.0]
    for temperature in (0.5, 1.0, 2.0):
        z = [math.exp(logit / temperature) for logit in logits]
        soft = [v / sum(z) for v in z]
        assert soft == sorted(soft, reverse=True)


def test_over_differenced_white_noise_autocorrelation():
    stated("stationarity-differencing-arima", "lag-1 autocorrelation −0.5")
    # analytically: d_t = e_t - e_{t-1}; Var = 2s^2, Cov(d_t, d_{t-1}) = -s^2
    assert -1 / 2 == -0.5
    rng = random.Random(0)
    e = [rng.gauss(0, 1) for _ in range(200_001)]
    d = [e[t] - e[t - 1] for t in range(1, len(e))]
    mean = sum(d) / len(d)
    var = sum((x - mean) ** 2 for x in d) / len(d)
    cov = sum((d[t] - mean) * (d[t - 1] - mean) for t in range(1, len(d))) / len(d)
    assert abs(cov / var - (-0.5)) < 0.01


def test_seasonal_naive_index():
    stated("forecasting-naive-baselines", "k = \\left\\lfloor \\frac{h-1}{m} \\right\\rfloor", "m = 7")
    m, T = 7, 100
    for h in range(1, 30):
        k = (h - 1) // m
        source = T + h - m * (k + 1)
        assert T - m < source <= T  # always an observed value from the last season
        assert (source - (T + h)) % m == 0  # same position in the seasonal cycle
