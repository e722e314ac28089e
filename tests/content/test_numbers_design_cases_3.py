"""Recompute the worked numbers in four ml-system-design cases (standard library only):
design-eta-prediction, design-visual-search, design-demand-forecasting and
design-query-autocomplete.

Each test reads a sentence from the question file with its numbers left open
(`parts`), so it fails if the sentence is missing, and then recomputes every
result in it from the inputs printed beside it: editing one part of a sum or a
product without its total makes the test fail.
"""

from __future__ import annotations

import math

from tests.content.numbers import close, for_category, num, numbers_in, nums

read, stated = for_category("ml-system-design")

SECONDS_PER_DAY = 24 * 60 * 60

def parts(question_id: str, template: str) -> list[str]:
    return numbers_in(read(question_id), template, question_id)


# --- design-eta-prediction -------------------------------------------------------------

ETA = "design-eta-prediction"


def test_eta_prediction_volume_and_qps():
    (trips,) = nums(parts(ETA, "Assume {}M trips a day."))
    sessions, views, from_views = nums(parts(ETA, "{}M app sessions × {} ETA views = {}M"))
    per_trip, trips_again, per_trip_again, from_dispatch = nums(
        parts(ETA, "dispatch scoring {} candidate drivers per trip, {}M × {} = {}M")
    )
    minutes, trips_third, updates, from_trips = nums(
        parts(ETA, "in-trip updates once a minute over an average {}-minute trip, {}M × {} = {}M")
    )
    total_printed, avg, peak_factor, peak = parts(
        ETA, "That is {}M predictions a day ≈ {}k QPS on average; at a {}× peak ≈ {}k QPS"
    )
    assert sessions * views == from_views
    assert trips_again == trips_third == trips and per_trip_again == per_trip
    assert trips * per_trip == from_dispatch
    assert updates == minutes / 1  # one update a minute
    assert trips * updates == from_trips
    total = from_views + from_dispatch + from_trips
    assert total == num(total_printed)
    average = total * 1e6 / SECONDS_PER_DAY
    close(average / 1e3, avg)
    close(num(peak_factor) * average / 1e3, peak)
    # the peak reappears where the LLM is ruled out of the hot path
    assert parts(ETA, "numeric inputs, {}k QPS") == [peak]


def test_eta_label_volume():
    (trips,) = nums(parts(ETA, "Assume {}M trips a day."))
    per_day, days, total = nums(parts(ETA, "{}M labels a day, so {} days ≈ {}M trips"))
    assert per_day == trips  # one label per completed trip
    assert per_day * days == total


def test_eta_segment_speed_table():
    bucket_minutes, days, per_day, buckets = nums(
        parts(ETA, "per {}-minute bucket of the week: {} × {} = {} buckets")
    )
    assert days == 7
    assert per_day == 24 * 60 / bucket_minutes
    assert days * per_day == buckets
    segments, width, segments_again, buckets_again, width_again, gigabytes = parts(
        ETA, "for a {}M-segment graph at {} bytes per value that is {}M × {} × {} bytes ≈ {} GB"
    )
    assert (segments, width, num(buckets_again)) == (segments_again, width_again, buckets)
    close(num(segments) * 1e6 * buckets * num(width) / 1e9, gigabytes)


def test_eta_latency_budget_and_cores():
    *stages, total = nums(
        parts(
            ETA,
            "{} ms network + {} ms routing + {} ms features + {} ms model + "
            "{} ms post-processing and slack = {} ms",
        )
    )
    assert sum(stages) == total
    assert nums(parts(ETA, "the budget is {} ms at p99 per call")) == [total]
    assert nums(parts(ETA, "and a {} ms model budget")) == [stages[3]]
    core_ms, peak_k, cores, with_headroom, headroom = nums(
        parts(ETA, "costs about {} ms of one core (a conservative figure), {}k QPS needs about {} cores, "
                   "{} with {}× headroom")
    )
    (peak_printed,) = nums(parts(ETA, "at a 3× peak ≈ {}k QPS"))
    assert peak_k == peak_printed
    busy_cores = peak_k * 1e3 * core_ms / 1e3  # predictions per second × core-seconds each
    assert math.isclose(busy_cores, cores)
    assert math.isclose(headroom * busy_cores, with_headroom)


def test_eta_p90_calibration_and_quantile():
    # "about 90% of trips should arrive before it": the 0.9 head is the P90
    (tau,) = nums(parts(ETA, "plus a {} quantile head"))
    (share,) = nums(parts(ETA, "about {}% of trips should arrive before it"))
    assert math.isclose(100 * tau, share)


# --- design-visual-search --------------------------------------------------------------

VS = "design-visual-search"


def test_visual_catalogue_and_qps():
    listings, per_listing, images = nums(parts(VS, "{}M listings × {} images = {}M catalogue images"))
    assert listings * per_listing == images
    assert "200 million catalogue images" in read(VS)  # the title's figure
    assert images * 1e6 == 200e6
    daily, avg, factor, peak = parts(
        VS, "{}M visual searches a day ≈ {} QPS on average; at a {}× peak ≈ {} QPS"
    )
    average = num(daily) * 1e6 / SECONDS_PER_DAY
    close(average, avg)
    close(num(factor) * average, peak)


def test_visual_rater_hours():
    photos, top, raters, judgements, seconds, hours = nums(
        parts(
            VS,
            "{} query photos × top {} results × {} raters = {} judgements; "
            "at {} seconds each that is about {} rater-hours",
        )
    )
    assert photos * top * raters == judgements
    assert round(judgements * seconds / 3600) == hours


def test_visual_reembedding_cost():
    per_gpu, images, gpu_seconds, gpu_hours = parts(
        VS, "at an assumed {} images per second per GPU, {}M images take {} GPU-seconds ≈ {} GPU-hours"
    )
    (catalogue,) = nums(parts(VS, "= {}M catalogue images"))
    assert num(images) == catalogue
    seconds = num(images) * 1e6 / num(per_gpu)
    assert seconds == num(gpu_seconds)
    close(seconds / 3600, gpu_hours)
    # "a few hours on a few dozen GPUs": 24 to 48 GPUs finish in 1 to 3 hours
    assert 1 < seconds / 3600 / 48 < seconds / 3600 / 24 < 3


def test_visual_latency_budget():
    *stages, total = nums(
        parts(
            VS,
            "{} ms decode and resize, {} ms detection, {} ms embedding (GPU with dynamic batching), "
            "{} ms ANN fan-out, {} ms metadata and filters, {} ms re-ranking, "
            "{} ms dedup and business rules = {} ms",
        )
    )
    assert sum(stages) == total
    assert nums(parts(VS, "the server budget is {} ms at p99")) == [total]
    assert nums(parts(VS, "collapse duplicates: about {} ms at p99")) == [total]


def test_visual_index_memory_and_shards():
    dim, f32_width, f32_bytes, f32_total, count = parts(
        VS, "float32 vectors take {} × {} = {} bytes, {} GB for {}M"
    )
    int8_bytes, m, two, m_again, id_bytes, links, neighbours, per_vector, count_again, total = parts(
        VS,
        "int8 takes {} bytes, and HNSW links at M = {} add about {} × {} × {} = {} bytes "
        "({} four-byte neighbour ids on the bottom layer; upper layers add little), "
        "so {} bytes × {}M ≈ {} GB",
    )
    n = num(count) * 1e6
    assert num(count_again) == num(count)
    assert num(dim) * num(f32_width) == num(f32_bytes)
    close(n * num(f32_bytes) / 1e9, f32_total)
    assert num(int8_bytes) == num(dim) * 1  # one byte per dimension
    # bottom layer of HNSW keeps 2M neighbour ids of 4 bytes each
    assert m == m_again and num(two) == 2 and num(id_bytes) == 4
    assert num(neighbours) == 2 * num(m)
    assert num(neighbours) * num(id_bytes) == num(links)
    assert num(int8_bytes) + num(links) == num(per_vector)
    index_gb = n * num(per_vector) / 1e9
    close(index_gb, total)
    (per_shard,) = parts(VS, "Eight shards hold {} GB each")
    (fan_out,) = nums(parts(VS, "each query fans out to all {} and"))
    assert fan_out == 8
    close(index_gb / fan_out, per_shard)
    assert "int8 vectors cut memory fourfold against float32" in read(VS)
    assert num(f32_bytes) / num(int8_bytes) == 4
    wide, narrow = nums(parts(VS, "{} against {} dimensions (half the vector memory"))
    assert wide == num(dim) and narrow / wide == 0.5


def test_visual_replicas_and_tail():
    per_replica, peak_again, per_replica_again, ratio, shards, replicas, servers = parts(
        VS,
        "if one replica sustains about {} QPS at the target recall, the peak needs {} / {} ≈ {}, "
        "three replicas per shard, plus a fourth so a failure or a deploy leaves headroom: {} × {} = {} servers",
    )
    (peak,) = parts(VS, "at a 3× peak ≈ {} QPS")
    assert peak_again == peak and per_replica_again == per_replica
    needed = num(peak) / num(per_replica)
    close(needed, ratio)
    assert math.ceil(needed) == 3  # "three replicas per shard"
    assert num(replicas) == math.ceil(needed) + 1  # plus one spare
    assert num(shards) == 8
    assert num(shards) * num(replicas) == num(servers)
    slow, base, power, share = parts(
        VS, "if each shard is slow {}% of the time, 1 − {}^{} ≈ {}% of queries"
    )
    assert math.isclose(num(base), 1 - num(slow) / 100)
    assert num(power) == num(shards)
    close(100 * (1 - num(base) ** num(power)), share)


def test_visual_dedup_and_pq_storage():
    bits, count, hash_bytes, gigabytes = parts(VS, "a {}-bit perceptual hash per image ({}M × {} bytes = {} GB)")
    assert num(bits) / 8 == num(hash_bytes)
    close(num(count) * 1e6 * num(hash_bytes) / 1e9, gigabytes)
    code_bytes, vectors, pq_gb = parts(VS, "whose {}-byte codes would fit {}M vectors in {} GB")
    close(num(vectors) * 1e6 * num(code_bytes) / 1e9, pq_gb)


# --- design-demand-forecasting ---------------------------------------------------------

DF = "design-demand-forecasting"


def test_forecast_volume_and_storage():
    stores, skus, series = nums(parts(DF, "{} stores × {} SKUs = {}M store-SKU series"))
    assert stores * skus == series * 1e6
    horizon, series_again, horizon_again, forecasts, quantiles, numbers, gigabytes, width = nums(
        parts(
            DF,
            "A {}-day daily horizon gives {}M × {} = {}M forecasts per nightly run; with {} quantiles "
            "that is {}B numbers, about {} GB at {} bytes each",
        )
    )
    assert (series_again, horizon_again) == (series, horizon)
    assert series * horizon == forecasts
    assert math.isclose(forecasts * 1e6 * quantiles, numbers * 1e9)
    assert math.isclose(numbers * 1e9 * width / 1e9, gigabytes)
    series_third, days, rows = parts(DF, "Two years of daily history is {}M × {} ≈ {}B rows")
    assert num(series_third) == series
    assert num(days) == 2 * 365
    close(series * 1e6 * num(days) / 1e9, rows)


def test_forecast_wape_example():
    *values, errors, actual_sum, wape = parts(
        DF, "for actuals {}, {}, {} and forecasts {}, {}, {} it is {} / {} ≈ {}%"
    )
    actual, forecast = nums(values[:3]), nums(values[3:])
    abs_errors = sum(abs(a - f) for a, f in zip(actual, forecast))
    assert abs_errors == num(errors)
    assert sum(abs(a) for a in actual) == num(actual_sum)
    close(100 * abs_errors / sum(actual), wape)
    assert 0 in actual  # "MAPE is undefined at the zero"


def test_forecast_critical_ratio_and_protection_period():
    under, over, under_again, under_third, over_again, ratio, lead, review, protection = nums(
        parts(
            DF,
            "with USD {} of margin lost per unit short and USD {} of holding and waste per unit left over, "
            "the target quantile is {} / ({} + {}) = {}, taken of total demand over a {}-day lead time "
            "plus a {}-day review period, {} days in all",
        )
    )
    assert under_again == under_third == under and over_again == over
    assert under / (under + over) == ratio
    assert lead + review == protection


def test_forecast_batch_window():
    lands, leaves, window_hours = nums(
        parts(DF, "Sales close at midnight, data lands by {} a.m., orders leave at {} a.m.: a {}-hour window")
    )
    assert leaves - lands == window_hours
    start, *stages, pipeline, deadline = nums(
        parts(
            DF,
            "A nightly batch from {} a.m.: {} minutes of data validation, {} of feature building, "
            "{} of scoring, {} of reconciliation and quantile assembly, {} to publish to replenishment: "
            "{} minutes, an hour of slack before {} a.m.",
        )
    )
    assert (start, deadline) == (lands, leaves)
    assert sum(stages) == pipeline
    assert window_hours * 60 - pipeline == 60  # "an hour of slack"


def test_forecast_scoring_cost():
    rate, rows, models, predictions, core_seconds, minutes, cores = nums(
        parts(
            DF,
            "at an assumed {} rows per second per core, {}M rows × {} quantile models = {}B predictions "
            "take {} core-seconds, about {} minutes on {} cores",
        )
    )
    (forecasts,) = nums(parts(DF, "= {}M forecasts per nightly run"))
    (quantiles,) = nums(parts(DF, "with {} quantiles that is"))
    assert rows == forecasts and models == quantiles
    assert math.isclose(rows * 1e6 * models, predictions * 1e9)
    assert math.isclose(predictions * 1e9 / rate, core_seconds)
    wall_minutes = core_seconds / cores / 60
    assert round(wall_minutes) == minutes
    (scoring_slot,) = nums(parts(DF, "{} of scoring,"))
    assert wall_minutes < scoring_slot


def test_forecast_pinball_asymmetry():
    (tau,) = nums(parts(DF, "under-forecasting at the {} quantile"))
    actual, low, tau_low, gap_low, loss_low, high, tau_high, gap_high, loss_high = nums(
        parts(DF, "with actual {}, a forecast of {} costs {} × {} = {} and a forecast of {} only {} × {} = {}")
    )

    def pinball(y, q, t):
        return max(t * (y - q), (t - 1) * (y - q))

    assert math.isclose(tau_low, tau) and math.isclose(tau_high, 1 - tau)
    assert gap_low == actual - low and gap_high == high - actual
    assert math.isclose(pinball(actual, low, tau), loss_low)
    assert math.isclose(pinball(actual, high, tau), loss_high)
    assert "nine times less" in read(DF)
    assert math.isclose(loss_low / loss_high, 9)


# --- design-query-autocomplete ---------------------------------------------------------

QA = "design-query-autocomplete"


def test_autocomplete_qps():
    searches, per_search, requests, avg, factor, peak = parts(
        QA,
        "{}M searches a day. With a small client debounce, about {} suggestion requests per search: "
        "{}M requests a day ≈ {}k QPS on average; at a {}× peak ≈ {}k QPS",
    )
    assert num(searches) * num(per_search) == num(requests)
    average = num(requests) * 1e6 / SECONDS_PER_DAY
    close(average / 1e3, avg)
    close(num(factor) * average / 1e3, peak)
    # "10k QPS" where the per-keystroke LLM is ruled out is the same peak, rounded
    (llm_peak,) = nums(parts(QA, "A large LLM per keystroke at {}k QPS"))
    assert round(num(peak)) == llm_peak


def test_autocomplete_keystroke_interval():
    words, chars, interval = nums(
        parts(QA, "A typist at {} words a minute produces about {} characters a minute, one keystroke every {} ms")
    )
    assert words * 5 == chars  # the typing-speed convention: five characters a word
    assert math.isclose(60_000 / chars, interval)


def test_autocomplete_time_decay():
    half_life, searches, age, weight = nums(
        parts(QA, "with a {}-day half-life, {} searches {} days ago count as {}")
    )
    assert math.isclose(searches * 2 ** (-age / half_life), weight)
    # the Formula's exp(-ln 2 / h · Δt) is the same weight as 2^(-Δt / h)
    assert math.isclose(math.exp(-math.log(2) / half_life * age), 2 ** (-age / half_life))


def test_autocomplete_mrr_and_keystrokes_saved():
    rank_a, rank_b, rr_a, rr_b, count, mrr = nums(
        parts(QA, "rank {} at one prefix and rank {} at another give ({} + {}) / {} = {}")
    )
    assert (rr_a, rr_b) == (1 / rank_a, 1 / rank_b)
    assert count == 2
    assert (1 / rank_a + 1 / rank_b) / count == mrr
    length, typed, saved, length_again, percent = nums(
        parts(QA, "a {}-character query picked after {} characters saves {} of {}, {}%")
    )
    assert length_again == length and length - typed == saved
    assert round(100 * saved / length) == percent


def test_autocomplete_short_prefix_cache():
    longest, alphabet, a1, a2, a3, total = nums(
        parts(QA, "Prefixes of up to {} characters over {} letters and digits number at most {} + {}² + {}³ = {}")
    )
    assert alphabet == 26 + 10 and a1 == a2 == a3 == alphabet
    assert sum(alphabet**k for k in range(1, int(longest) + 1)) == total


def test_autocomplete_latency_budget():
    *stages, used, slack, budget = nums(
        parts(
            QA,
            "{} ms parse and normalise, {} ms prefix-index lookup, {} ms personal-history fetch, {} ms ranking, "
            "{} ms safety check and dedup, {} ms serialisation = {} ms, with {} ms of slack under {}",
        )
    )
    assert sum(stages) == used
    assert budget - used == slack
    assert nums(parts(QA, "so suggestions must return well within that: {} ms at p99 on the server")) == [budget]
    (interval,) = nums(parts(QA, "one keystroke every {} ms"))
    assert budget < interval


def test_autocomplete_index_memory():
    (pool,) = nums(parts(QA, "issued by at least 20 distinct users in the window, after normalising case, "
                             "whitespace and spelling: about {}M candidates"))
    candidates, length, prefixes, k, id_bytes, list_bytes, gigabytes = nums(
        parts(
            QA,
            "{}M candidates × {} characters on average give at most {}M distinct prefixes; top-{} lists of "
            "{}-byte ids take {} bytes each, so the lists need at most {} GB per replica",
        )
    )
    assert candidates == pool
    # each candidate adds at most one new prefix per character, so the total length bounds them
    assert candidates * length == prefixes
    assert k * id_bytes == list_bytes
    assert math.isclose(prefixes * 1e6 * list_bytes / 1e9, gigabytes)
