"""Recompute the worked numbers in five ml-system-design case studies (standard library only):
payment fraud detection, product search ranking, a RAG document assistant, an LLM
customer-support agent, and LLM serving under cost and latency targets.

Each test finds a sentence in the question file with `parts`, which returns the numbers it
prints (inputs and results alike), and recomputes every result from the inputs as printed.
A changed input with a stale result, or a stale input with a changed result, fails.
"""

from __future__ import annotations

import math
from fractions import Fraction

from tests.content.numbers import close, for_category, numbers_in

read, stated = for_category("ml-system-design")

SECONDS_PER_DAY = 24 * 60 * 60
SECONDS_PER_HOUR = 60 * 60


def parts(question_id: str, template: str) -> list[str]:
    """The numbers (commas removed) filling each {} of `template`, which must appear in the file."""
    return [group.replace(",", "") for group in numbers_in(read(question_id), template, question_id)]


def nums(question_id: str, template: str) -> list[float]:
    return [float(x) for x in parts(question_id, template)]


# --- design-payment-fraud-detection ---------------------------------------------------------

FRAUD = "design-payment-fraud-detection"
FRAUD_TRAFFIC = (
    "{}M payments a day is {} / {} ≈ {} payments per second on average; with a {}× peak at lunchtime and "
    "sales events, about {} per second. At a fraud rate of {}%, that is {} fraudulent payments a day"
)


def test_fraud_traffic_and_fraud_count():
    millions, per_day, seconds, avg, peak_x, peak, rate_pct, frauds = nums(FRAUD, FRAUD_TRAFFIC)
    assert millions * 1e6 == per_day
    assert seconds == SECONDS_PER_DAY
    assert round(per_day / seconds) == avg
    assert round(peak_x * per_day / seconds, -1) == peak
    assert math.isclose(per_day * rate_pct / 100, frauds)


def test_fraud_latency_budget_and_lookups():
    total, *stages = nums(
        FRAUD,
        "{} ms at p99: {} ms for network and logging, {} ms for feature lookups, {} ms for the model, "
        "{} ms for rules and the decision, and {} ms of headroom",
    )
    assert sum(stages) == total
    lookups, reads = nums(
        FRAUD, "At about {} key lookups per payment, the online store serves about {} reads per second at peak"
    )
    peak = nums(FRAUD, FRAUD_TRAFFIC)[5]
    assert lookups * peak == reads


def test_fraud_review_capacity():
    analysts, minutes, per_case, reviews, pct = parts(
        FRAUD, "{} analysts × {} minutes ÷ {} minutes per case = {} reviews a day, only {}% of payments"
    )
    assert float(analysts) * float(minutes) / float(per_case) == float(reviews)
    per_day = nums(FRAUD, FRAUD_TRAFFIC)[1]
    close(100 * float(reviews) / per_day, pct)


def test_fraud_cost_threshold_by_amount():
    stated(FRAUD, r"\text{decline if } p > \frac{C + mA}{C + mA + A + F}")
    c, m, f, num_small, den_small, shown_small, small, num_large, den_large, shown_large, large = parts(
        FRAUD,
        "With $C$ = USD {}, $m = {}$ and $F$ = USD {}, the threshold is {}/{} ≈ {} for a USD {} payment "
        "but {}/{} ≈ {} for a USD {} one",
    )
    c, m, f = Fraction(c), Fraction(m), Fraction(f)

    def threshold(amount: Fraction) -> tuple[Fraction, Fraction]:
        false_decline = c + m * amount
        return false_decline, false_decline + amount + f

    for num, den, shown, amount in (
        (num_small, den_small, shown_small, small),
        (num_large, den_large, shown_large, large),
    ):
        top, bottom = threshold(Fraction(amount))
        assert (top, bottom) == (Fraction(num), Fraction(den))
        close(float(top / bottom), shown)
        # the break-even point: expected costs of approving and declining are equal
        p = top / bottom
        assert p * (Fraction(amount) + f) == (1 - p) * top
    assert Fraction(int(num_large), int(den_large)) < Fraction(int(num_small), int(den_small))  # declined sooner


def test_fraud_exploration_weight():
    pct, cap, rate, weight = nums(
        FRAUD, "approve a random {}% of would-be declines under USD {} and weight each by 1/{} = {}"
    )
    assert rate == pct / 100
    assert round(1 / rate) == weight
    assert cap > 0


def test_fraud_downsampling_and_recalibration():
    days, payments_b, frauds_m, keep_pct, kept_m, ratio = nums(
        FRAUD,
        "{} days of data is {}B payments with {}M frauds; keeping {}% of legitimate payments leaves about {}M, "
        "a ratio near 1:{}",
    )
    per_day, rate_pct = nums(FRAUD, FRAUD_TRAFFIC)[1], nums(FRAUD, FRAUD_TRAFFIC)[6]
    payments = days * per_day
    frauds = payments * rate_pct / 100
    assert math.isclose(payments, payments_b * 1e9)
    assert math.isclose(frauds, frauds_m * 1e6)
    kept_legit = (payments - frauds) * keep_pct / 100
    assert round(kept_legit / 1e6) == kept_m
    assert round(kept_legit / frauds) == ratio

    stated(FRAUD, r"p = \frac{r\,p_s}{r\,p_s + 1 - p_s}")
    p_s, shown, r = parts(FRAUD, "a sampled score of {} is about {} at $r = {}$")
    r, p_s = float(r), float(p_s)
    assert r == keep_pct / 100
    p = r * p_s / (r * p_s + 1 - p_s)
    close(p, shown)
    # the same as multiplying the sampled odds by r
    assert math.isclose(p / (1 - p), r * p_s / (1 - p_s))


# --- design-product-search-ranking ----------------------------------------------------------

SEARCH = "design-product-search-ranking"
SEARCH_TRAFFIC = "{}M searches a day is {} / {} ≈ {} queries per second; with a {}× evening peak, about {}."


def test_search_traffic_and_latency_budget():
    millions, per_day, seconds, avg, peak_x, peak = nums(SEARCH, SEARCH_TRAFFIC)
    assert millions * 1e6 == per_day
    assert seconds == SECONDS_PER_DAY
    assert round(per_day / seconds, -1) == avg
    assert round(peak_x * per_day / seconds, -2) == peak
    (llm_qps,) = nums(SEARCH, "it does not run per query at {} queries per second")
    assert llm_qps == peak

    total, understand, retrieve, features, rank, candidates, rerank, network = nums(
        SEARCH,
        "The server gets {} ms at p99: {} ms for query understanding, {} ms for retrieval (lexical and embedding "
        "in parallel), {} ms for features, {} ms for ranking about {} candidates, {} ms for re-ranking and "
        "business rules, and {} ms for network and headroom",
    )
    assert understand + retrieve + features + rank + rerank + network == total
    # two retrievers of about 500 items each feed the ranker
    (per_retriever,) = nums(SEARCH, "each returns about {} items")
    assert 2 * per_retriever == candidates
    assert "fast on 1,000 candidates" in read(SEARCH)


def test_search_embedding_index_size():
    (items_m,) = nums(SEARCH, "I would assume a marketplace of {}M items")
    dims, items_m2, dims2, width, gb = nums(
        SEARCH, "Item embeddings of {} dimensions in fp16 take {}M × {} × {} bytes = {} GB"
    )
    fp16_bytes = 16 // 8
    assert (items_m2, dims2, width) == (items_m, dims, fp16_bytes)
    assert math.isclose(items_m * 1e6 * dims * width / 1e9, gb)


def test_search_impression_rows():
    (page,) = nums(SEARCH, "each page of {} results logs impressions")
    searches_m, page2, rows_b = nums(SEARCH, "{}M × {} = {}B impression rows a day")
    assert page2 == page
    assert searches_m == nums(SEARCH, SEARCH_TRAFFIC)[0]
    assert math.isclose(searches_m * 1e6 * page, rows_b * 1e9)


def test_search_position_bias_weight():
    stated(SEARCH, r"w = \frac{1}{\theta_k}", r"\theta_k \cdot \gamma_{q,d}")
    position, theta, theta2, weight = parts(
        SEARCH, "if position {} is examined {} as often as position 1, its clicks get weight 1/{} = {}"
    )
    assert theta2 == theta and int(position) > 1
    close(float(1 / Fraction(theta)), weight)


def test_search_ndcg_example():
    stated(SEARCH, r"\frac{2^{\mathrm{rel}_i} - 1}{\log_2(i + 1)}")
    *rels, dcg_shown, ideal_shown, ndcg_shown = parts(
        SEARCH, "For rels {}, {}, {}, {} at positions 1–4, DCG is about {} against an ideal {}, so NDCG ≈ {}"
    )
    rels = [int(rel) for rel in rels]

    def dcg(grades: list[int]) -> float:
        return sum((2**rel - 1) / math.log2(i + 1) for i, rel in enumerate(grades, start=1))

    ideal = sorted(rels, reverse=True)
    close(dcg(rels), dcg_shown)
    close(dcg(ideal), ideal_shown)
    close(dcg(rels) / dcg(ideal), ndcg_shown)


# --- design-rag-document-assistant ----------------------------------------------------------

RAG = "design-rag-document-assistant"
RAG_COST = (
    "at illustrative prices of USD {} per million input tokens and USD {} per million output tokens: "
    "{} system tokens + {} × {} chunk tokens + {} history tokens = {} input tokens and {} output tokens, "
    "so USD {} + USD {} = USD {} per question and about USD {} a day"
)
RAG_TRAFFIC = (
    "{} daily users asking {} questions each is {} questions a day; over an {}-hour working day that is "
    "{} / {} s ≈ {} questions per second, about {} at a {}× morning peak"
)


def test_rag_traffic():
    users, each, per_day, hours, per_day2, seconds, avg, peak, peak_x = parts(RAG, RAG_TRAFFIC)
    questions = int(users) * int(each)
    assert questions == int(per_day) == int(per_day2)
    assert int(hours) * SECONDS_PER_HOUR == int(seconds)
    close(questions / int(seconds), avg)
    assert round(float(peak_x) * questions / int(seconds)) == int(peak)


def test_rag_corpus_chunks_and_vectors():
    docs_m, doc_tokens, tokens_b, chunk_tokens, chunks_m = nums(
        RAG,
        "The corpus is {}M documents averaging {} tokens, {}B tokens, which at {}-token chunks is about {}M chunks",
    )
    tokens = docs_m * 1e6 * doc_tokens
    assert math.isclose(tokens, tokens_b * 1e9)
    assert math.isclose(tokens / chunk_tokens, chunks_m * 1e6)

    dims, chunks_m2, dims2, width, gb = nums(RAG, "At {} dimensions in fp32 the vectors take {}M × {} × {} bytes ≈ {} GB")
    assert (chunks_m2, dims2, width) == (chunks_m, dims, 32 // 8)
    assert round(chunks_m * 1e6 * dims * width / 1e9) == gb

    tokens_b2, price, usd = parts(RAG, "Embedding all {}B tokens once at USD {} per million costs about USD {}")
    assert float(tokens_b2) == tokens_b
    assert Fraction(tokens_b2) * 1_000 * Fraction(price) == Fraction(usd)  # 1B tokens = 1,000 million


def test_rag_latency_budget():
    total_s, rewrite, retrieve, rerank, candidates, ttft, out_tokens, speed, stream_s = nums(
        RAG,
        "first token within {} s at p95, as {} ms for rewriting the question with a small model, {} ms for "
        "filtered hybrid retrieval, {} ms for reranking {} candidates and {} ms for the LLM's time to first token; "
        "streaming {} tokens at {} tokens per second adds {} s",
    )
    assert math.isclose((rewrite + retrieve + rerank + ttft) / 1_000, total_s)
    assert math.isclose(out_tokens / speed, stream_s)
    # the reranker sees the fused top 50 of two retrievers' 50 each, and keeps the 8 chunks costed below
    per_retriever, fused, kept = nums(
        RAG,
        "each return {} chunks, both restricted by the user's groups inside the index (pre-filtering), fused "
        "with reciprocal rank fusion into one top {}; a **cross-encoder** reranks those and keeps about {},",
    )
    assert fused == candidates and fused <= 2 * per_retriever
    assert kept == nums(RAG, RAG_COST)[3] == nums(RAG, "rerank with a cross-encoder, keep about {} chunks")[0]
    assert nums(RAG, "streaming answers with about {} s to first token")[0] == total_s
    assert out_tokens == nums(RAG, RAG_COST)[7]


def test_rag_golden_set_composition():
    total, answerable, unanswerable, probes = nums(
        RAG,
        "golden set of {} questions sampled from pilot users and helpdesk tickets: {} answerable, each with an "
        "expert answer and its supporting passages; {} unanswerable from the corpus; and {} permission probes",
    )
    assert answerable + unanswerable + probes == total


def test_rag_cost_per_question():
    stated(RAG, r"\text{cost per question} = n_{\text{in}}\, c_{\text{in}} + n_{\text{out}}\, c_{\text{out}}")
    (price_in, price_out, system, k, chunk, history, n_in, n_out, usd_in, usd_out, usd_total, usd_day) = map(
        Fraction, parts(RAG, RAG_COST)
    )
    chunk_tokens = nums(
        RAG, "at {}-token chunks is about"
    )[0]
    assert chunk == int(chunk_tokens) == nums(RAG, "split on headings into chunks of about {} tokens")[0]
    assert system + k * chunk + history == n_in
    cost_in, cost_out = n_in * price_in / 10**6, n_out * price_out / 10**6
    assert (cost_in, cost_out) == (usd_in, usd_out)
    assert cost_in + cost_out == usd_total
    per_day = Fraction(parts(RAG, RAG_TRAFFIC)[2])
    assert (cost_in + cost_out) * per_day == usd_day

    # follow-up: input is 75% of the cost; the fixed prefix is only the system tokens
    pct, prefix, n_in2 = parts(
        RAG, "input is {}% of the cost, so route simple questions to a smaller generator"
    ) + parts(RAG, "only {} of {} input tokens")
    assert Fraction(pct) == 100 * cost_in / (cost_in + cost_out)
    assert (Fraction(prefix), Fraction(n_in2)) == (system, n_in)


# --- design-llm-customer-support-agent ------------------------------------------------------

AGENT = "design-llm-customer-support-agent"


def test_agent_traffic():
    conversations, turns_each, turns, turns2, seconds, avg, peak, peak_x = parts(
        AGENT,
        "{} conversations a day at about {} customer turns each is {} turns a day, {} / {} ≈ {} per second on "
        "average and about {} at a {}× peak",
    )
    total = int(conversations) * int(turns_each)
    assert total == int(turns) == int(turns2)
    assert int(seconds) == SECONDS_PER_DAY
    close(total / SECONDS_PER_DAY, avg)
    assert round(float(peak_x) * total / SECONDS_PER_DAY) == int(peak)

    assert "Each turn needs about two LLM calls" in read(AGENT)
    (calls,) = nums(AGENT, "so {} calls per conversation")
    assert calls == 2 * int(turns_each)


def test_agent_turn_latency_budget():
    total_s, *stages_ms = nums(
        AGENT,
        "within about {} s: {} ms of input checks, {} ms of knowledge-base retrieval, {} ms for the call that "
        "chooses a tool, {} ms for the tool, and {} ms to the reply's first token",
    )
    assert math.isclose(sum(stages_ms) / 1_000, total_s)


def test_agent_cost_per_conversation():
    stated(
        AGENT,
        r"N_{\text{calls}} \left( n_{\text{in}}\, c_{\text{in}} + n_{\text{out}}\, c_{\text{out}} \right)",
    )
    (price_in, price_out, calls, n_in, n_out, usd_in, usd_out, usd_total, prefix, usd_cached, pct, human) = parts(
        AGENT,
        "USD {} per million input tokens and USD {} per million output tokens, {} calls of {} input and {} output "
        "tokens cost USD {} + USD {} ≈ USD {} per conversation; if the {}-token fixed prefix is cached and billed "
        "at a tenth (discounts vary by provider), it falls to about USD {}, roughly {}% of an illustrative "
        "USD {} human contact",
    )
    price_in, price_out = Fraction(price_in) / 10**6, Fraction(price_out) / 10**6
    calls, n_in, n_out, prefix = int(calls), int(n_in), int(n_out), int(prefix)
    assert calls == nums(AGENT, "so {} calls per conversation")[0]
    cost_in = calls * n_in * price_in
    cost_out = calls * n_out * price_out
    assert (cost_in, cost_out) == (Fraction(usd_in), Fraction(usd_out))
    close(float(cost_in + cost_out), usd_total)

    cached_in = calls * (n_in - prefix + Fraction(prefix, 10)) * price_in
    cached_total = cached_in + cost_out
    close(float(cached_total), usd_cached)
    assert round(100 * cached_total / Fraction(human)) == int(pct)


def test_agent_replay_set_and_consistency():
    tickets, per_intent, intents = nums(AGENT, "replay {} historical tickets, {} for each of {} intents")
    assert per_intent * intents == tickets

    runs, p, p2, shown = parts(
        AGENT,
        "Each ticket runs {} times and I report τ-bench's pass^k, the share of tickets solved in every run: at {} "
        "success per independent run, all four succeed only {}⁴ ≈ {} of the time",
    )
    assert p2 == p and int(runs) == 4  # "all four", and the superscript ⁴
    close(float(p) ** int(runs), shown)
    stated(AGENT, rf"p^k = {p}^{runs} \approx {shown}")


# --- design-llm-serving-cost-latency --------------------------------------------------------

SERVE = "design-llm-serving-cost-latency"
SERVE_TRAFFIC = (
    "{}M requests a day is {} / {} ≈ {} per second on average; with a {}× daytime peak, about {}. A request "
    "averages {} input and {} output tokens, so the peak needs {} × {} = {} output tokens per second and "
    "{} × {} = {} input tokens per second"
)
SERVE_HARDWARE = (
    "an open-weights {}B dense model with grouped-query attention: {} layers, {} KV heads of width {}, like "
    "Llama 3 70B), on what hardware (H100 {} GB SXM: about {} TB/s of memory bandwidth and about {} TFLOP/s "
    "of dense FP8)"
)
SERVE_DECODE = (
    "each step reads {} GB of weights per GPU, {} GB / {} TB/s ≈ {} ms, plus the KV cache: at a batch of {} with "
    "{} tokens of context on average ({} prompt tokens plus half the output), {} × {} × {} bytes per GPU ≈ {} GB, "
    "another {} ms. That roofline of {} ms becomes about {} ms if kernels reach {}% of peak bandwidth, so a "
    "replica yields about {} / {} ≈ {} tokens per second"
)
SERVE_PREFILL = (
    "{} × {}B × {} = {} × 10¹⁴ FLOPs per request; at {}% of peak, {} TFLOP/s per GPU, that is about {} ms on a "
    "two-GPU replica"
)
GPUS_PER_REPLICA = 2


def serve_traffic() -> dict[str, float]:
    keys = (
        "millions per_day seconds avg peak_x peak n_in n_out peak_a n_out2 out_tps peak_b n_in2 in_tps"
    ).split()
    return dict(zip(keys, nums(SERVE, SERVE_TRAFFIC), strict=True))


def serve_hardware() -> dict[str, float]:
    keys = "params_b layers kv_heads head_dim gpu_gb bandwidth_tb fp8_tflops".split()
    return dict(zip(keys, nums(SERVE, SERVE_HARDWARE), strict=True))


def test_serving_hardware_and_model_as_published():
    hw = serve_hardware()
    # H100 SXM data sheet: 80 GB HBM3 at 3.35 TB/s, 1,979 dense FP8 TFLOP/s (3,958 with sparsity);
    # Llama 3 70B: 80 layers, 8 KV heads of 128 dimensions (64 query heads, d_model 8,192)
    assert hw == {
        "params_b": 70, "layers": 80, "kv_heads": 8, "head_dim": 128,
        "gpu_gb": 80, "bandwidth_tb": 3.35, "fp8_tflops": 1_979,
    }
    assert 64 * hw["head_dim"] == 8_192


def test_serving_traffic():
    t = serve_traffic()
    assert t["millions"] * 1e6 == t["per_day"]
    assert t["seconds"] == SECONDS_PER_DAY
    assert round(t["per_day"] / t["seconds"]) == t["avg"]
    assert round(t["peak_x"] * t["per_day"] / t["seconds"], -1) == t["peak"]
    assert t["peak_a"] == t["peak_b"] == t["peak"]
    assert (t["n_out2"], t["n_in2"]) == (t["n_out"], t["n_in"])
    assert t["peak"] * t["n_out"] == t["out_tps"]
    assert t["peak"] * t["n_in"] == t["in_tps"]


def test_serving_ttft_budget():
    (ttft_s,) = nums(SERVE, "TTFT under {} s, TPOT under")
    gateway, router, prefill, network, used, queue = nums(
        SERVE,
        "{} ms for the gateway and input safety check, {} ms for the router, about {} ms of prefill and {} ms "
        "of network, {} ms in all, leaving {} ms for queueing",
    )
    assert gateway + router + prefill + network == used
    assert ttft_s * 1_000 - used == queue
    (prefill_ms,) = nums(SERVE, "that is about {} ms on a two-GPU replica")
    assert round(prefill_ms, -1) == prefill  # "about 110 ms" is the 106 ms computed below


def test_serving_weights_and_kv_memory():
    hw = serve_hardware()
    fp8_gb, bf16_gb, per_gpu_gb = nums(
        SERVE, "FP8 weights**: {} GB instead of {} GB, so a replica needs two GPUs, {} GB each"
    )
    params = hw["params_b"] * 1e9
    assert math.isclose(params * 1 / 1e9, fp8_gb) and math.isclose(params * 2 / 1e9, bf16_gb)
    assert math.isclose(fp8_gb / GPUS_PER_REPLICA, per_gpu_gb)

    two, layers, heads, head_dim, width, kv_bytes, kib = nums(
        SERVE, "per token, {} × {} layers × {} heads × {} × {} bytes = {} bytes, {} KiB in BF16"
    )
    assert (two, layers, heads, head_dim, width) == (2, hw["layers"], hw["kv_heads"], hw["head_dim"], 16 // 8)
    assert two * layers * heads * head_dim * width == kv_bytes
    assert kv_bytes / 1024 == kib
    stated(SERVE, r"2 \cdot 80 \cdot 8 \cdot 128 \cdot 2 = 327{,}680")

    runtime, gpu, weights, runtime2, free, per_gpu_bytes, tokens, conversations, context = nums(
        SERVE,
        "With about {} GB per GPU for activations and runtime, {} − {} − {} = {} GB per GPU is left, which at "
        "{} bytes per token holds about {} tokens, roughly {} conversations of {} tokens",
    )
    assert (gpu, weights, runtime2) == (hw["gpu_gb"], per_gpu_gb, runtime)
    assert gpu - weights - runtime == free
    # each tensor-parallel GPU holds 4 of the 8 KV heads: half of every token's cache
    assert per_gpu_bytes == kv_bytes / GPUS_PER_REPLICA
    held = free * 1e9 / per_gpu_bytes
    assert round(held, -2) == tokens
    t = serve_traffic()
    assert context == t["n_in"] + t["n_out"]
    assert math.floor(held / context) == conversations


def test_serving_decode_step_roofline():
    hw = serve_hardware()
    t = serve_traffic()
    (weights_gb, weights_gb2, bw, weights_ms, batch, context, prompt, batch2, context2, per_gpu_bytes, kv_gb, kv_ms,
     roofline_ms, real_ms, efficiency_pct, batch3, real_s, tps) = nums(SERVE, SERVE_DECODE)
    bandwidth = hw["bandwidth_tb"] * 1e12
    assert weights_gb == weights_gb2 == hw["params_b"] / GPUS_PER_REPLICA  # FP8: 1 byte per parameter
    assert bw == hw["bandwidth_tb"]
    w_ms = weights_gb * 1e9 / bandwidth * 1e3
    close(w_ms, str(weights_ms))

    assert prompt == t["n_in"] and batch2 == batch3 == batch and context2 == context
    assert prompt + t["n_out"] / 2 == context
    kv_per_token = 2 * hw["layers"] * hw["kv_heads"] * hw["head_dim"] * 2
    assert per_gpu_bytes == kv_per_token / GPUS_PER_REPLICA
    kv_bytes = batch * context * per_gpu_bytes
    assert round(kv_bytes / 1e9) == kv_gb
    k_ms = kv_bytes / bandwidth * 1e3
    close(k_ms, str(kv_ms))
    close(w_ms + k_ms, str(roofline_ms))
    r_ms = (w_ms + k_ms) / (efficiency_pct / 100)
    close(r_ms, str(real_ms))
    close(r_ms / 1e3, str(real_s))
    assert round(batch / (r_ms / 1e3), -1) == tps

    (tpot_ms,) = nums(SERVE, "TPOT under {} ms")
    # the Answer's SLOs, the load-test target and the follow-up use the same figures
    assert nums(SERVE, "(TTFT) under {} s and time per output token (TPOT) under {} ms") == [
        nums(SERVE, "TTFT under {} s, TPOT under")[0], tpot_ms]
    assert nums(SERVE, "the real goodput that replaces the {} estimate")[0] == tps
    assert nums(SERVE, "Why does a batch of {} not cost {} times") == [batch, batch]
    assert nums(SERVE, "Loading {} GB of weights")[0] == hw["params_b"]  # FP8: 1 byte per parameter
    assert r_ms < tpot_ms  # leaves room for prefill chunks
    # the batch fits in the KV memory left on each GPU, with each sequence at its full length
    (runtime_gb,) = nums(SERVE, "With about {} GB per GPU for activations and runtime")
    free_gb = hw["gpu_gb"] - weights_gb - runtime_gb
    assert batch * (t["n_in"] + t["n_out"]) * per_gpu_bytes < free_gb * 1e9
    # and decode stays bandwidth-bound: FLOPs per weight byte (2 per parameter per sequence) sit below
    # the ridge point of peak FLOP/s over bandwidth
    assert 2 * batch < hw["fp8_tflops"] * 1e12 / bandwidth


def test_serving_prefill_time():
    hw = serve_hardware()
    t = serve_traffic()
    two, params_b, prompt, flops_e14, pct, effective_tflops, ms = nums(SERVE, SERVE_PREFILL)
    assert (two, params_b, prompt) == (2, hw["params_b"], t["n_in"])
    flops = two * params_b * 1e9 * prompt
    assert math.isclose(flops, flops_e14 * 1e14)
    assert round(pct / 100 * hw["fp8_tflops"], -1) == effective_tflops
    assert round(flops / (GPUS_PER_REPLICA * effective_tflops * 1e12) * 1e3) == ms


def test_serving_routing_cost():
    share_pct, small_b, num, den, big_share, small_share, num2, den2, shown = parts(
        SERVE,
        "if {}% of requests go to an {}B model and cost per token scaled with parameters, about {}/{} of the large "
        "one's, cost would fall to {} + {} × {}/{} ≈ {} of before",
    )
    share = Fraction(share_pct) / 100
    assert (Fraction(num), Fraction(den)) == (Fraction(small_b), Fraction(serve_hardware()["params_b"]))
    assert (num2, den2) == (num, den)
    assert (Fraction(big_share), Fraction(small_share)) == (1 - share, share)
    close(float(1 - share + share * Fraction(num) / Fraction(den)), shown)


def test_serving_gpu_count_and_daily_cost():
    t = serve_traffic()
    decode = nums(SERVE, SERVE_DECODE)
    prefill = nums(SERVE, SERVE_PREFILL)
    (out_tps, per_replica, replicas_shown, replicas, decode_gpus, peak, flops_e14, eff_tflops, prefill_gpus_shown,
     prefill_cached, decode_gpus2, prefill_cached2, busy, with_headroom, headroom_pct, replica_count) = parts(
        SERVE,
        "decode needs {} / {} ≈ {}, so {} replicas, {} GPUs; prefill needs {} × {} × 10¹⁴ FLOPs per second over "
        "{} TFLOP/s ≈ {} GPUs, or about {} if prefix caching serves half the input tokens; {} + {} = {} busy GPUs, "
        "about {} with {}% headroom, {} replicas",
    )
    assert float(out_tps) == t["out_tps"] and float(per_replica) == decode[-1] and float(peak) == t["peak"]
    assert float(flops_e14) == prefill[3] and float(eff_tflops) == prefill[5]

    ratio = t["out_tps"] / decode[-1]
    close(ratio, replicas_shown)
    assert math.ceil(ratio) == int(replicas)
    assert GPUS_PER_REPLICA * int(replicas) == int(decode_gpus) == int(decode_gpus2)

    prefill_gpus = t["peak"] * prefill[3] * 1e14 / (prefill[5] * 1e12)
    close(prefill_gpus, prefill_gpus_shown)
    assert round(prefill_gpus * 0.5) == int(prefill_cached) == int(prefill_cached2)  # half the input cached

    total = int(decode_gpus) + int(prefill_cached)
    assert total == int(busy)
    peak_gpus = total * (1 + float(headroom_pct) / 100)
    assert round(peak_gpus) == int(with_headroom)
    assert int(with_headroom) // GPUS_PER_REPLICA == int(replica_count)

    busy2, peak_x, factor, avg_gpus, gpu_hours, usd_day, usd_hour, usd_per_k = nums(
        SERVE,
        "the average would be {} / {} × {} ≈ {} GPUs, about {} GPU-hours a day, about USD {} at an illustrative "
        "USD {} per GPU-hour, or USD {} per 1,000 requests",
    )
    assert busy2 == total and peak_x == t["peak_x"] and factor == 1 + float(headroom_pct) / 100
    average = total / t["peak_x"] * factor
    assert round(average) == avg_gpus
    hours = average * 24
    assert round(hours, -2) == gpu_hours
    daily = hours * usd_hour
    assert round(daily, -2) == usd_day
    close(daily / (t["per_day"] / 1_000), str(usd_per_k))
