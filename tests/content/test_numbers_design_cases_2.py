"""Recompute the worked numbers in five ml-system-design case studies (standard library only):
social feed ranking, ad click-through prediction, video recommender, harmful-content
moderation and "people you may know".

Each test reads one question file, checks that the number appears in it as written,
and recomputes that number from first principles.
"""

from __future__ import annotations

import itertools
import math
import random
import re
from fractions import Fraction

from tests.content.numbers import close, for_category

read, stated = for_category("ml-system-design")

SECONDS_PER_DAY = 24 * 60 * 60


def qps(per_day: float) -> float:
    return per_day / SECONDS_PER_DAY


def binary_entropy(p: float) -> float:
    """In nats."""
    return -(p * math.log(p) + (1 - p) * math.log(1 - p))


def stage_times(snippet: str) -> list[int]:
    """The millisecond figures of a latency budget, in the order the text gives them."""
    return [int(m) for m in re.findall(r"(\d+) ms", snippet)]


def budget_adds_up(question_id: str, snippet: str, total_first: bool = True) -> None:
    """The snippet is in the file and its per-stage times sum to its stated total."""
    stated(question_id, snippet)
    times = stage_times(snippet)
    assert len(times) >= 3
    total, stages = (times[0], times[1:]) if total_first else (times[-1], times[:-1])
    assert sum(stages) == total, (stages, total)


def undo_downsampling(p: float, w: float) -> float:
    """Prediction p from a model trained with negatives kept at rate w -> true-rate estimate."""
    return p / (p + (1 - p) / w)


# --- design-social-feed-ranking ---------------------------------------------------------

FEED = "design-social-feed-ranking"


def test_feed_traffic():
    stated(
        FEED,
        "300M daily users × 15 feed requests = 4.5B requests/day ≈ 52k QPS average; "
        "with a 2.5× evening peak that is about 130k QPS",
        "A page shows about 10 posts, so 45B impressions/day",
    )
    requests = 300e6 * 15
    assert math.isclose(requests, 4.5e9)
    assert round(qps(requests) / 1e3) == 52
    assert round(2.5 * qps(requests) / 1e3, -1) == 130
    assert math.isclose(requests * 10, 45e9)


def test_feed_latency_budget_and_funnel():
    budget_adds_up(
        FEED,
        "Server-side latency budget 250 ms at p99: candidate sources 40 ms in parallel, feature fetch 30 ms, "
        "light ranker 20 ms, heavy ranker 100 ms, re-ranking and integrity checks 20 ms, network and overhead 40 ms",
    )
    stated(
        FEED,
        "about 2,500 candidates, 500 after the light ranker, 50 ordered by the re-ranker, 10 shown",
        "cuts 2,500 to 500",
    )
    funnel = [2500, 500, 50, 10]
    assert all(a > b for a, b in itertools.pairwise(funnel))


def test_feed_heavy_ranker_throughput():
    stated(FEED, "130k × 500 = 65M candidates per second", "65M scores per second")
    peak = 2.5 * qps(300e6 * 15)
    assert math.isclose(130e3 * 500, 65e6)
    assert round(peak * 500 / 1e6) == 65


def test_feed_training_rows_after_downsampling():
    stated(
        FEED,
        "If 3% of impressions get any action, keeping every positive and 10% of negatives gives "
        "1.35B + 4.37B ≈ 5.7B rows/day; at 1 KB per row that is about 5.7 TB/day",
    )
    impressions = 45e9
    positives = 0.03 * impressions
    negatives_kept = 0.10 * (impressions - positives)
    close(positives / 1e9, "1.35")
    close(negatives_kept / 1e9, "4.37")
    rows = positives + negatives_kept
    close(rows / 1e9, "5.7")
    close(rows * 1e3 / 1e12, "5.7")  # TB at 1 KB per row


# --- design-ad-click-through-prediction ---------------------------------------------------

ADS = "design-ad-click-through-prediction"


def test_ads_traffic_and_throughput():
    stated(
        ADS,
        "300M daily users × 30 ad requests = 9B ad requests/day ≈ 104k QPS average; peak 2× ≈ 208k QPS",
        "208k × 200 ≈ 42M predictions per second at peak",
        "42M predictions per second",
    )
    requests = 300e6 * 30
    assert math.isclose(requests, 9e9)
    assert round(qps(requests) / 1e3) == 104
    assert round(2 * qps(requests) / 1e3) == 208
    assert round(208e3 * 200 / 1e6) == 42


def test_ads_latency_budget():
    budget_adds_up(
        ADS,
        "Latency 100 ms at p99: retrieval and targeting 20 ms, feature fetch 15 ms, light model 10 ms, "
        "heavy pCTR and pCVR 35 ms, auction, pacing and policy 5 ms, network 15 ms",
    )


def test_ads_label_volumes_and_downsampled_rows():
    stated(
        ADS,
        "One ad slot per request at 1% CTR gives 90M clicks/day; if 5% of clicks convert, 4.5M conversions/day",
        "Keeping all clicks and 10% of non-clicks gives 90M + 891M ≈ 981M training rows/day",
    )
    impressions = 9e9
    clicks = 0.01 * impressions
    assert math.isclose(clicks, 90e6)
    assert math.isclose(0.05 * clicks, 4.5e6)
    kept_negatives = 0.10 * (impressions - clicks)
    assert math.isclose(kept_negatives, 891e6)
    assert math.isclose(clicks + kept_negatives, 981e6)


def test_ads_calibration_changes_the_winner_and_the_price():
    stated(
        ADS,
        "ad A bids USD 2.00 per click with a true CTR of 1.5% (USD 0.030 expected per impression)",
        "ad B bids USD 1.00 at 2.5% (USD 0.025)",
        "If the model over-predicts B by 30%, B scores USD 0.0325 and wrongly wins",
        "0.025 / 0.015 ≈ USD 1.67",
    )
    score_a = Fraction(200, 100) * Fraction(15, 1000)
    score_b = Fraction(100, 100) * Fraction(25, 1000)
    assert score_a == Fraction(30, 1000) and score_b == Fraction(25, 1000)
    assert score_a > score_b  # A truly deserves the slot
    inflated_b = Fraction(100, 100) * Fraction(25, 1000) * Fraction(13, 10)
    assert inflated_b == Fraction(325, 10000)
    assert inflated_b > score_a  # B now wins
    # second-price per click: the least A could bid and still beat B
    price_a = score_b / Fraction(15, 1000)
    close(float(price_a), "1.67")
    assert price_a * Fraction(15, 1000) >= score_b


def test_ads_conversion_errors_compound():
    stated(ADS, "20% over on both pCTR and pCVR gives 1.2 × 1.2 = 1.44, a 44% over-bid")
    factor = Fraction(12, 10) * Fraction(12, 10)
    assert factor == Fraction(144, 100)
    assert round(float(factor - 1) * 100) == 44


def test_ads_normalised_entropy_example():
    stated(ADS, "At a 1% base rate the entropy is 0.056 nats, so a log loss of 0.0504 is NE 0.90")
    h = binary_entropy(0.01)
    close(h, "0.056")
    close(0.0504 / h, "0.90")
    # a constant prediction at the base rate scores NE = 1 by construction
    labels = [1] * 1 + [0] * 99
    log_loss = -sum(math.log(0.01) if y else math.log(0.99) for y in labels) / len(labels)
    assert math.isclose(log_loss / h, 1.0)


def test_ads_conversion_delay_share_arrived():
    stated(ADS, "With exponential delays of mean 1 day only $1 - e^{-1}$ ≈ 63% have arrived after 24 hours")
    assert round((1 - math.exp(-1)) * 100) == 63
    # the same by simulation of exponential delays with mean 1 day
    rng = random.Random(0)
    delays = [rng.expovariate(1.0) for _ in range(200_000)]
    share = sum(d <= 1.0 for d in delays) / len(delays)
    assert abs(share - (1 - math.exp(-1))) < 0.005


def test_ads_embedding_table_size():
    stated(ADS, "1B IDs × 64 dimensions × 4 bytes = 256 GB")
    assert math.isclose(1e9 * 64 * 4 / 1e9, 256)


def test_ads_undo_negative_downsampling():
    stated(
        ADS,
        r"$q = p/(p + (1-p)/w)$",
        r"a true 1% CTR trained at $w = 0.1$ shows as about 9.2% before correction",
    )
    true_ctr, w = 0.01, 0.1
    seen = true_ctr / (true_ctr + (1 - true_ctr) * w)  # positive share after dropping 90% of negatives
    close(seen * 100, "9.2")
    assert math.isclose(undo_downsampling(seen, w), true_ctr)


def test_ads_fake_negative_correction():
    stated(ADS, "so the learned rate is $p/(1+p)$; invert with $p = q/(1-q)$")
    n, p = Fraction(1000), Fraction(3, 100)
    negatives, positives = n, p * n  # every click once as a negative, converters again as positives
    q = positives / (negatives + positives)
    assert q == p / (1 + p)
    assert q / (1 - q) == p


# --- design-video-recommender --------------------------------------------------------------

VIDEO = "design-video-recommender"


def test_video_traffic():
    stated(
        VIDEO,
        "200M daily users × 15 feed requests = 3B requests/day ≈ 34.7k QPS average; peak 3× ≈ 104k QPS",
        "Ten videos per request is 30B impressions/day",
    )
    requests = 200e6 * 15
    assert math.isclose(requests, 3e9)
    close(qps(requests) / 1e3, "34.7")
    assert round(3 * qps(requests) / 1e3) == 104
    assert math.isclose(requests * 10, 30e9)


def test_video_index_memory():
    stated(
        VIDEO,
        "500M embeddings × 256 dimensions × 2 bytes = 256 GB in fp16; "
        "product quantisation to 32 bytes per vector gives 16 GB",
    )
    assert math.isclose(500e6 * 256 * 2 / 1e9, 256)
    assert math.isclose(500e6 * 32 / 1e9, 16)


def test_video_latency_and_throughput():
    budget_adds_up(
        VIDEO,
        "Latency 150 ms at p99: candidate generation 30 ms in parallel, feature fetch 20 ms, light ranker 15 ms, "
        "heavy ranker 50 ms, re-ranking 10 ms, network and overhead 25 ms",
    )
    stated(
        VIDEO,
        "Funnel: about 3,000 candidates, 500 after the light ranker, 100 into the re-ranker, 10 shown",
        "104k × 500 = 52M candidates per second",
        "scoring 52M candidates a second",
    )
    funnel = [3000, 500, 100, 10]
    assert all(a > b for a, b in itertools.pairwise(funnel))
    peak = 3 * qps(200e6 * 15)
    assert round(peak * funnel[1] / 1e6) == 52
    assert math.isclose(104e3 * 500, 52e6)


def test_video_exploration_budget():
    stated(VIDEO, "5M × 200 = 1B impressions/day, about 3.3% of the 30B")
    explore = 5e6 * 200
    assert math.isclose(explore, 1e9)
    close(explore / 30e9 * 100, "3.3")


def test_video_click_rate_uncertainty_after_200_impressions():
    stated(VIDEO, "After 200 impressions a 5% click rate has a standard error of about 1.5 points (95% interval ±3.0)")
    se = math.sqrt(0.05 * 0.95 / 200)
    close(se * 100, "1.5")
    close(1.96 * se * 100, "3.0")


def test_video_watch_time_favours_length():
    stated(VIDEO, "a 20-minute video half-watched beats a 1-minute video watched twice")
    assert 20 * 0.5 > 1 * 2


# --- design-harmful-content-moderation -----------------------------------------------------

MOD = "design-harmful-content-moderation"


def test_moderation_volume():
    stated(
        MOD,
        "500M new posts/day ≈ 5.8k posts/s average; peak 3× ≈ 17k/s",
        "If 5% are videos, that is 25M videos a day; sampling one frame per second from an average "
        "60-second video gives 1.5B frames/day ≈ 17k frames/s",
    )
    close(qps(500e6) / 1e3, "5.8")
    assert round(3 * qps(500e6) / 1e3) == 17
    videos = 0.05 * 500e6
    assert math.isclose(videos, 25e6)
    frames = videos * 60
    assert math.isclose(frames, 1.5e9)
    assert round(qps(frames) / 1e3) == 17


def test_moderation_review_capacity():
    stated(
        MOD,
        "5,000 reviewers × 6 productive hours × 50 decisions/hour = 1.5M decisions/day",
        "If the classifiers flagged 1% of posts, 5M items, the queue would need 3.3× that capacity",
        "capped at 1.5M decisions a day",
    )
    capacity = 5000 * 6 * 50
    assert capacity == 1_500_000
    flagged = 0.01 * 500e6
    assert math.isclose(flagged, 5e6)
    close(flagged / capacity, "3.3")


def test_moderation_upload_latency():
    budget_adds_up(
        MOD,
        "hash lookup 10 ms, text and image classifiers in parallel within 100 ms, "
        "decision and logging 20 ms, 130 ms in total",
        total_first=False,
    )


def test_moderation_prevalence_sample_size():
    stated(
        MOD,
        r"to estimate a prevalence of 0.05% within ±20% at 95% confidence needs "
        r"$n = 1.96^2 (1-p) / (0.2^2\,p)$ ≈ 192k labelled views",
    )
    p, rel, z = 0.0005, 0.20, 1.96
    n = z**2 * (1 - p) / (rel**2 * p)
    assert round(n / 1e3) == 192
    # the interval this n buys is ±20% of p, as claimed
    half_width = z * math.sqrt(p * (1 - p) / n)
    assert math.isclose(half_width / p, rel)
    # and the general formula agrees with the Wald interval algebra it comes from
    assert math.isclose(n, z**2 * p * (1 - p) / (rel * p) ** 2)


# --- design-people-you-may-know ---------------------------------------------------------------

PYMK = "design-people-you-may-know"


def test_pymk_graph_size():
    stated(
        PYMK,
        "because a user's friends have above-average degree (the friendship paradox)",
        "1B × 200 / 2 = 100B undirected edges",
        "200B × 8 bytes = 1.6 TB of adjacency lists",
        "200 × 200 = 40,000 paths per user",
    )
    edges = 1e9 * 200 / 2
    assert math.isclose(edges, 100e9)
    assert math.isclose(2 * edges * 8 / 1e12, 1.6)
    assert 200 * 200 == 40_000
    # friendship paradox: with the same mean degree, spread-out degrees give more two-hop paths per user.
    # Paths from u = sum over friends w of deg(w); summed over u that is sum of deg(w)^2.
    even = [200] * 1000
    spread = [50] * 500 + [350] * 500
    assert sum(even) == sum(spread)
    assert sum(d * d for d in even) / len(even) == 40_000
    assert sum(d * d for d in spread) / len(spread) > 40_000


def test_pymk_traffic_storage_and_throughput():
    stated(
        PYMK,
        "300M daily users × 5 suggestion requests = 1.5B requests/day ≈ 17.4k QPS average; peak 3× ≈ 52k QPS",
        "1B × 300 × 12 bytes = 3.6 TB",
        "52k × 300 ≈ 15.6M candidate scores per second",
    )
    requests = 300e6 * 5
    assert math.isclose(requests, 1.5e9)
    close(qps(requests) / 1e3, "17.4")
    assert round(3 * qps(requests) / 1e3) == 52
    assert 8 + 4 == 12
    assert math.isclose(1e9 * 300 * 12 / 1e12, 3.6)
    close(52e3 * 300 / 1e6, "15.6")


def test_pymk_latency_budget():
    budget_adds_up(
        PYMK,
        "Latency 100 ms at p99: candidate fetch 15 ms, feature fetch 25 ms, ranking 300 candidates 40 ms, "
        "privacy filters and re-ranking 10 ms, network 10 ms",
    )


def test_pymk_connection_rate_per_impression():
    stated(PYMK, "if 2% of impressions lead to a request and 40% of requests are accepted, 0.8% of impressions")
    assert Fraction(2, 100) * Fraction(40, 100) == Fraction(8, 1000)


def test_pymk_cluster_design_effect():
    stated(
        PYMK,
        "with clusters of 1,000 users and intra-cluster correlation 0.01 the design effect is 1 + 999 × 0.01 ≈ 11",
        "roughly 11 times the users",
    )
    m, rho = 1000, 0.01
    de = 1 + (m - 1) * rho
    assert round(de) == 11


def test_pymk_adamic_adar_discounts_hubs():
    stated(
        PYMK,
        "a shared connection with 5,000 friends is weak evidence; one with 50 counts about twice as much "
        "(1/ln 50 ≈ 0.26 against 1/ln 5,000 ≈ 0.12)",
        "resource allocation's 1/degree discounts hubs far harder",
    )
    small, hub = 1 / math.log(50), 1 / math.log(5000)
    close(small, "0.26")
    close(hub, "0.12")
    assert round(small / hub) == 2  # "about twice as much"
    # resource allocation (1/degree) separates the two by a factor of 100, not 2
    assert math.isclose((1 / 50) / (1 / 5000), 100)
