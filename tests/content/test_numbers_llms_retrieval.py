"""Recompute the worked numbers in the retrieval-and-agents questions of content/llms-genai/.

Each test reads one question file, checks that the number the answer states
is really there, and recomputes it from first principles (standard library only).
"""

from __future__ import annotations

import itertools
import math
import random
import statistics
from fractions import Fraction

from tests.content.numbers import close, for_category

read, stated = for_category("llms-genai")


def rrf(rankings: list[list[str]], k: int = 60) -> dict[str, float]:
    """Reciprocal rank fusion over ranked lists (rank 1 = best)."""
    scores: dict[str, float] = {}
    for ranking in rankings:
        for rank, doc in enumerate(ranking, start=1):
            scores[doc] = scores.get(doc, 0.0) + 1.0 / (k + rank)
    return scores


def test_rrf_agreement_beats_a_single_first_place():
    qid = "rag-retrieval-pipeline-design"
    stated(qid, "$k = 60$", "$1/64 + 1/65 \\approx 0.0310$", "$1/61 \\approx 0.0164$",
           "\\frac{1}{60 + 4} + \\frac{1}{60 + 5} \\approx 0.0310", "\\frac{1}{60 + 1} \\approx 0.0164")
    bm25 = ["b1", "b2", "b3", "both", "b5"]  # "both" ranked 4th by BM25
    dense = ["solo", "d2", "d3", "d4", "both"]  # "solo" 1st by dense only, "both" 5th
    scores = rrf([bm25, dense])
    close(scores["both"], "0.0310")
    close(scores["solo"], "0.0164")
    assert scores["both"] > scores["solo"]
    assert max(scores, key=scores.get) == "both"
    assert Fraction(1, 64) + Fraction(1, 65) == Fraction(129, 4160)


def test_rag_eval_recall_and_faithfulness():
    qid = "evaluating-rag-systems"
    stated(qid, "170 of 200 questions", "recall@5 is 0.85", "the other 30", "4 supported claims out of 5 score 0.8")
    hits = [True] * 170 + [False] * 30
    random.Random(0).shuffle(hits)
    assert len(hits) == 200
    assert sum(hits) / len(hits) == 0.85
    assert hits.count(False) == 30
    claims_supported = [True, True, True, True, False]
    assert sum(claims_supported) / len(claims_supported) == 0.8


def test_long_context_input_token_ratio():
    qid = "long-context-vs-rag"
    stated(qid, "200,000 tokens instead of 8,000", "25 times the input", "\\frac{200{,}000}{8{,}000} = 25")
    assert 200_000 / 8_000 == 25


def test_contrastive_batch_temperature_and_matryoshka():
    qid = "contrastive-training-of-embedding-models"
    stated(qid, "batch of 1,024 pairs", "the other 1,023 passages", "$\\tau = 0.05$", "$-20$ to $20$",
           "256 dimensions need a third of the storage of 768")
    batch = 1024
    assert batch - 1 == 1023
    tau = 0.05
    lo, hi = -1 / tau, 1 / tau  # cosine similarities lie in [-1, 1]
    assert round(lo) == -20 and round(hi) == 20
    assert Fraction(256, 768) == Fraction(1, 3)


def test_infonce_gradient_is_softmax_weight_over_tau():
    text = read("contrastive-training-of-embedding-models")
    assert "\\frac{\\partial L}{\\partial s(q, d_j^-)} = \\frac{p_j}{\\tau}" in text
    sims = [0.8, 0.6, 0.75, 0.1]  # positive first, then negatives
    tau, eps = 0.05, 1e-6

    def loss(s: list[float]) -> float:
        logits = [x / tau for x in s]
        m = max(logits)
        return -(logits[0] - m - math.log(sum(math.exp(z - m) for z in logits)))

    logits = [x / tau for x in sims]
    z = sum(math.exp(v - max(logits)) for v in logits)
    probs = [math.exp(v - max(logits)) / z for v in logits]
    for j in range(1, len(sims)):
        up = sims.copy()
        up[j] += eps
        down = sims.copy()
        down[j] -= eps
        numeric = (loss(up) - loss(down)) / (2 * eps)
        assert math.isclose(numeric, probs[j] / tau, rel_tol=1e-4)
    # lower temperature puts more of the negatives' weight on the hardest one (0.75)
    def hardest_share(t: float) -> float:
        w = [math.exp(s / t) for s in sims[1:]]
        return w[1] / sum(w)
    assert hardest_share(0.05) > hardest_share(0.5)


def test_vector_memory_raw_pq_hnsw_and_int8():
    qid = "vector-search-hnsw-vs-ivf-pq"
    stated(qid, "100 million vectors × 768 dimensions × 4 bytes ≈ 307 GB", "96 sub-vectors of 8 dimensions",
           "96 bytes instead of 3,072", "32 times smaller", "about 9.6 GB", "about 256 bytes per vector",
           "roughly 26 GB more", "10^8 \\cdot 768 \\cdot 4 \\approx 307\\ \\text{GB}", "10^8 \\cdot 96 \\approx 9.6\\ \\text{GB}",
           "about 9.6 GB of codes", "$4\\sqrt{N}$ to $16\\sqrt{N}$", "$2^{18} = 262{,}144$ lists would hold about 380 vectors each",
           "768 bytes per vector or 76.8 GB")
    n, d, fp32 = 100_000_000, 768, 4
    raw = n * d * fp32
    assert round(raw / 1e9) == 307
    assert d * fp32 == 3072
    m = 96
    assert d // m == 8 and d % m == 0
    assert 2 ** 8 == 256  # one byte indexes a 256-centroid codebook
    assert d * fp32 // m == 32
    assert round(n * m / 1e9, 1) == 9.6
    # HNSW bottom layer: up to 2M neighbour ids of 4 bytes each
    M = 32
    links = 2 * M * 4
    assert links == 256
    assert round(n * links / 1e9) == 26
    # FAISS guideline at 10M-100M vectors: 2^18 inverted lists; vectors per list at N = 10^8
    nlist = 2 ** 18
    assert nlist == 262_144
    assert round(n / nlist, -1) == 380
    assert 16 * math.isqrt(n) < nlist  # the 4-16 sqrt(N) rule for small sets would give fewer lists
    assert round(n * d * 1 / 1e9, 1) == 76.8


def test_post_filter_candidates_needed():
    qid = "vector-database-filtered-search"
    stated(qid, "passes 2% of the corpus", "top-10 query needs about 500 candidates", "\\frac{10}{0.02} = 500")
    k, s = 10, Fraction(2, 100)
    n = k / s
    assert n == 500
    assert n * s == k  # expected survivors of n candidates
    # simulate independent filtering: about 10 survivors on average from 500 candidates
    rng = random.Random(1)
    trials = 4000
    mean = sum(sum(rng.random() < 0.02 for _ in range(500)) for _ in range(trials)) / trials
    assert abs(mean - 10) < 0.3


def test_compounding_step_errors():
    qid = "agent-failure-modes-and-guardrails"
    stated(qid, "$0.95^{20} \\approx 0.36$", "at 0.99 per step it is about 0.82", "about 36% of the time",
           "p^n = 0.95^{20} \\approx 0.36")
    close(0.95 ** 20, "0.36")
    close(0.99 ** 20, "0.82")
    assert round(100 * 0.95 ** 20) == 36
    assert math.isclose(math.prod([0.95] * 20), 0.95 ** 20)


def test_agent_history_tokens_grow_quadratically():
    qid = "agent-failure-modes-and-guardrails"
    stated(qid, "2{,}000 \\cdot 210 = 420{,}000", "$n = 20$", "$c = 2{,}000$", "420,000 in total rather than 40,000")
    n, c = 20, 2_000
    assert n * (n + 1) // 2 == 210
    assert sum(t * c for t in range(1, n + 1)) == 420_000
    assert n * c == 40_000


def pass_at_k(n: int, c: int, k: int) -> Fraction:
    return 1 - Fraction(math.comb(n - c, k), math.comb(n, k))


def pass_hat_k(n: int, c: int, k: int) -> Fraction:
    return Fraction(math.comb(c, k), math.comb(n, k))


def test_pass_at_k_versus_pass_hat_k():
    qid = "evaluating-llm-agents"
    stated(qid, "per-trial success of 0.8", "pass@4 ≈ 0.998", "pass^4 ≈ 0.41", "C(c, k)/C(n, k)",
           "100 tasks give a standard error of 0.05")
    p, k = 0.8, 4
    close(1 - (1 - p) ** k, "0.998")
    close(p ** k, "0.41")
    # the combinatorial estimators agree with brute-force enumeration of k-subsets of trials
    trials = [1] * 8 + [0] * 2
    subsets = list(itertools.combinations(range(len(trials)), k))
    any_pass = Fraction(sum(any(trials[i] for i in s) for s in subsets), len(subsets))
    all_pass = Fraction(sum(all(trials[i] for i in s) for s in subsets), len(subsets))
    assert any_pass == pass_at_k(10, 8, k)
    assert all_pass == pass_hat_k(10, 8, k) == Fraction(1, 3)
    # standard error of a success rate near 0.5 over 100 tasks
    assert math.isclose(math.sqrt(0.5 * 0.5 / 100), 0.05)
    # unpaired two-sample test of 0.5 vs 0.55, alpha = 0.05 two-sided, power 80%:
    # n per agent = (z_{0.975} + z_{0.8})^2 * (p1 q1 + p2 q2) / delta^2, about 1,600
    stated(qid, "with 80% power takes about 1,600 tasks per agent unpaired")
    z = statistics.NormalDist().inv_cdf
    n = (z(0.975) + z(0.8)) ** 2 * (0.5 * 0.5 + 0.55 * 0.45) / 0.05 ** 2
    assert round(n, -2) == 1_600


def test_pass_hat_k_over_tasks_is_at_least_mean_to_the_k():
    text = read("evaluating-llm-agents")
    assert "which is at least $(\\text{mean } p)^k$" in text
    assert "pass^k stays at pass^1" in text
    k = 4
    consistent = [1.0, 1.0, 0.0, 0.0, 1.0]  # tasks always pass or always fail
    mean = sum(consistent) / len(consistent)
    assert sum(p ** k for p in consistent) / len(consistent) == mean  # stays at pass^1
    rng = random.Random(2)
    for _ in range(200):
        ps = [rng.random() for _ in range(6)]
        m = sum(ps) / len(ps)
        assert sum(p ** k for p in ps) / len(ps) >= m ** k - 1e-12
