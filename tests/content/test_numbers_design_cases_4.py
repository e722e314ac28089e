"""Recompute the worked numbers in four ml-system-design questions (standard library only):
design-spam-detection, design-notification-ranking, embedding-versioning-and-backfills and
llm-evaluation-pipeline-in-production.

Each test reads a sentence from the question file with its numbers left open
(`parts`), so it fails if the sentence is missing, and then recomputes every
result in it from the inputs printed beside it: editing one part of a sum or a
product without its total makes the test fail.
"""

from __future__ import annotations

import math
from statistics import NormalDist

from tests.content.numbers import close, for_category, num, numbers_in, nums

read, stated = for_category("ml-system-design")

SECONDS_PER_DAY = 24 * 60 * 60

def parts(question_id: str, template: str) -> list[str]:
    return numbers_in(read(question_id), template, question_id)


# --- design-spam-detection -------------------------------------------------------------

SPAM = "design-spam-detection"


def spam_volumes() -> dict[str, float]:
    mailboxes, per_box, daily, avg, factor, peak = parts(
        SPAM,
        "{}M mailboxes × {} inbound messages a day = {}B messages a day ≈ {}k messages/s on average; "
        "at a {}× peak ≈ {}k/s",
    )
    return {
        "mailboxes": num(mailboxes) * 1e6,
        "per_box": num(per_box),
        "daily": num(daily) * 1e9,
        "avg": avg,
        "factor": num(factor),
        "peak": peak,
    }


def test_spam_traffic_and_qps():
    v = spam_volumes()
    assert v["mailboxes"] * v["per_box"] == v["daily"]
    average = v["daily"] / SECONDS_PER_DAY
    close(average / 1e3, v["avg"])
    close(v["factor"] * average / 1e3, v["peak"])


def test_spam_funnel_after_connection_checks():
    v = spam_volumes()
    assert "Assume half is abuse." in read(SPAM)
    rejected_pct, scored, scored_rate, legit, spam = parts(
        SPAM,
        "Connection-time checks reject or defer {}% of all messages, nearly all of it spam, "
        "so {}B messages a day ≈ {}k/s reach content scoring: about {}B legitimate and {}B spam",
    )
    remaining = v["daily"] * (1 - num(rejected_pct) / 100)
    assert math.isclose(remaining, num(scored) * 1e9)
    close(remaining / SECONDS_PER_DAY / 1e3, scored_rate)
    legitimate = v["daily"] / 2  # "half is abuse", and connection checks reject only spam
    spam_left = v["daily"] / 2 - v["daily"] * num(rejected_pct) / 100
    assert math.isclose(legitimate, num(legit) * 1e9)
    assert math.isclose(spam_left, num(spam) * 1e9)
    assert math.isclose(legitimate + spam_left, remaining)


def test_spam_false_positive_and_miss_volumes():
    v = spam_volumes()
    (legit,) = nums(parts(SPAM, "about {}B legitimate and"))
    (spam,) = nums(parts(SPAM, "B legitimate and {}B spam"))
    fpr, misfiled, target, misfiled_target = nums(
        parts(
            SPAM,
            "A false-positive rate of {}% would put {}M legitimate messages a day into spam folders, "
            "so the target is nearer {}%, {}k a day",
        )
    )
    assert math.isclose(legit * 1e9 * fpr / 100, misfiled * 1e6)
    assert math.isclose(legit * 1e9 * target / 100, misfiled_target * 1e3)
    catch, missed, per_box = nums(
        parts(SPAM, "a {}% catch rate still leaves {}M spam messages in inboxes, {} per mailbox per day")
    )
    missed_count = spam * 1e9 * (1 - catch / 100)
    assert math.isclose(missed_count, missed * 1e6)
    assert math.isclose(missed_count / v["mailboxes"], per_box)
    # the pitfall repeats the 0.1% figure
    assert parts(SPAM, "here {}% misfiles {}M legitimate messages a day") == [
        parts(SPAM, "A false-positive rate of {}%")[0],
        parts(SPAM, "would put {}M legitimate messages")[0],
    ]


def test_spam_threshold_from_cost_ratio():
    fp_cost, fn_cost, numerator, denominator, threshold = parts(
        SPAM, "at a cost ratio of {} to {} that is {}/{} ≈ {}"
    )
    assert num(numerator) == num(fp_cost)
    assert num(denominator) == num(fp_cost) + num(fn_cost)
    close(num(fp_cost) / (num(fp_cost) + num(fn_cost)), threshold)


def test_spam_report_labels():
    share, missed, labels = nums(parts(SPAM, "If {}% of the {}M missed spam messages are reported, that is {}k labels a day"))
    (missed_again,) = nums(parts(SPAM, "still leaves {}M spam messages in inboxes"))
    assert missed == missed_again
    assert math.isclose(missed * 1e6 * share / 100, labels * 1e3)


def test_spam_smoothed_reputation():
    prior_k, prior_n, k, n, k2, a, n2, ab, smoothed, raw = parts(
        SPAM,
        "with a prior of {} complaint per {} messages, a sender with {} complaints on {} messages "
        "scores ({} + {})/({} + {}) ≈ {}%, not {}%",
    )
    alpha = num(prior_k)
    alpha_plus_beta = num(prior_n)  # Beta(1, 999): prior mean 1/1,000, worth 1,000 messages
    assert num(k2) == num(k) and num(n2) == num(n)
    assert num(a) == alpha and num(ab) == alpha_plus_beta
    close(100 * (num(k) + alpha) / (num(n) + alpha_plus_beta), smoothed)
    close(100 * num(k) / num(n), raw)


def test_spam_encoder_gpus():
    per_gpu, rate, gpus_avg, gpus_peak = parts(
        SPAM,
        "At an assumed {} messages per second per GPU for a 6-layer encoder on 256 tokens, "
        "{}k/s needs about {} GPUs on average and {} at peak",
    )
    (scored_rate,) = parts(SPAM, "B messages a day ≈ {}k/s reach content scoring")
    assert rate == scored_rate
    v = spam_volumes()
    average_gpus = num(rate) * 1e3 / num(per_gpu)
    assert round(average_gpus) == num(gpus_avg)
    assert round(v["factor"] * average_gpus) == num(gpus_peak)
    (scored,) = parts(SPAM, "so {}B messages a day ≈")
    assert "too slow and costly for " + scored + "B messages a day" in read(SPAM)


def test_spam_latency_budget():
    *stages, total = nums(
        parts(
            SPAM,
            "{} ms IP reputation and rate limit at connection, {} ms SPF, DKIM and DMARC with cached DNS, "
            "{} ms MIME parsing and normalisation, {} ms feature fetch, {} ms URL reputation, "
            "{} ms encoder, {} ms tree model and policy, {} ms logging = {} ms",
        )
    )
    assert sum(stages) == total
    assert nums(parts(SPAM, "the per-message budget is {} ms at p99")) == [total]


# --- design-notification-ranking -------------------------------------------------------

NOTIF = "design-notification-ranking"


def test_notification_candidates_and_sends():
    users, per_user, daily, avg, peak, factor = parts(
        NOTIF,
        "{}M users × {} candidates a day = {}B candidates a day ≈ {}k/s on average, ≈ {}k/s at a {}× evening peak",
    )
    assert num(users) * 1e6 * num(per_user) == num(daily) * 1e9
    average = num(daily) * 1e9 / SECONDS_PER_DAY
    close(average / 1e3, avg)
    close(num(factor) * average / 1e3, peak)
    sends_per_user, sends, dropped = nums(
        parts(NOTIF, "The target is about {} sends per user a day, {}M sends, so {}% of candidates are dropped")
    )
    assert num(users) * sends_per_user == sends
    assert math.isclose(100 * (1 - sends * 1e6 / (num(daily) * 1e9)), dropped)
    assert parts(NOTIF, "out of the decision path at {}k/s") == [peak]
    assert parts(NOTIF, "I assume a social app with {}M users who allow push") == [users]


def test_notification_state_store():
    users, kb, gb = nums(parts(NOTIF, "{}M users × {} KB = {} GB, sharded"))
    assert math.isclose(users * 1e6 * kb * 1e3 / 1e9, gb)


def test_notification_uplift_example():
    casual_send, casual_no, casual_gain = nums(
        parts(NOTIF, "A casual user at {} with the send and {} without gains {} sessions")
    )
    heavy_send, heavy_no, heavy_gain = nums(parts(NOTIF, "a heavy user at {} against {} gains only {}"))
    assert math.isclose(casual_send - casual_no, casual_gain)
    assert math.isclose(heavy_send - heavy_no, heavy_gain)
    assert heavy_send > casual_send and heavy_gain < casual_gain  # higher open rate, lower uplift
    sessions, rate, cost, net = nums(
        parts(
            NOTIF,
            "If an opt-out costs {} future sessions and happens after {} of sends, the expected cost is "
            "{} sessions, so the casual user's candidate nets {}",
        )
    )
    assert math.isclose(sessions * rate, cost)
    assert math.isclose(casual_gain - cost, net)


def test_notification_exploration_cost():
    share, uplift, withheld, sends, lost = nums(
        parts(
            NOTIF,
            "so {}% of would-be sends are randomly withheld; at an average uplift of {} sessions per send, "
            "withholding {}M of {}M sends costs about {}M sessions a day",
        )
    )
    (daily_sends,) = nums(parts(NOTIF, "sends per user a day, {}M sends"))
    assert sends == daily_sends
    assert math.isclose(sends * share / 100, withheld)
    assert math.isclose(withheld * uplift, lost)


def test_notification_holdout_sensitivity():
    (holdout,) = nums(parts(NOTIF, "a holdout of {}M users who get no optional pushes"))
    retention, others, var, n_h, n_t, se = parts(
        NOTIF,
        "With 28-day retention near {}, the standard error of the difference against the other {}M is "
        "√({} × (1/{}M + 1/{}M)) ≈ {}",
    )
    others = num(others)
    (users,) = nums(parts(NOTIF, "I assume a social app with {}M users"))
    p = num(retention)
    assert math.isclose(p * (1 - p), num(var))
    assert num(n_h) == holdout and num(n_t) == others
    assert holdout + others == users
    standard_error = math.sqrt(p * (1 - p) * (1 / (holdout * 1e6) + 1 / (others * 1e6)))
    close(standard_error, se)
    z_sum, se_again, mde = parts(
        NOTIF, "the minimum detectable effect at 5% significance and 80% power is {} × {} ≈ {} percentage points"
    )
    nd = NormalDist()
    close(nd.inv_cdf(0.975) + nd.inv_cdf(0.80), z_sum)
    assert se_again == se
    close(100 * num(z_sum) * standard_error, mde)


def test_notification_latency_budget():
    *stages, total = nums(
        parts(
            NOTIF,
            "{} ms to produce and enqueue, {} ms queueing, {} ms feature fetch, {} ms scoring, "
            "{} ms scheduler checks (caps, duplicates, quiet hours), {} ms handoff to APNs or FCM = {} ms",
        )
    )
    assert sum(stages) == total
    (target_s,) = nums(parts(NOTIF, "inside the {} s target"))
    assert nums(parts(NOTIF, "are decided within {} s of the event")) == [target_s]
    assert total < target_s * 1000


def test_notification_baseline_cap_matches_target():
    (cap,) = nums(parts(NOTIF, "at most {} optional pushes a day"))
    (target,) = nums(parts(NOTIF, "The target is about {} sends per user a day"))
    assert cap == target


# --- embedding-versioning-and-backfills ------------------------------------------------

EMB = "embedding-versioning-and-backfills"


def test_embedding_backfill_cost():
    chunks, per_chunk, tokens, usd, price, gpu_hours, rate = parts(
        EMB,
        "{}M chunks × {} tokens = {}B tokens, USD {} at an assumed USD {} per million tokens, "
        "or about {} GPU-hours self-hosted at an assumed {} tokens per second per GPU "
        "for a model near {}M parameters",
    )[:7]
    total_tokens = num(chunks) * 1e6 * num(per_chunk)
    assert total_tokens == num(tokens) * 1e9
    assert math.isclose(total_tokens / 1e6 * num(price), num(usd))
    assert round(total_tokens / num(rate) / 3600) == num(gpu_hours)


def test_embedding_throughput_is_plausible():
    rate, params = nums(parts(EMB, "at an assumed {} tokens per second per GPU for a model near {}M parameters"))
    # an encoder forward pass costs about 2 FLOPs per parameter per token; an A100 peaks at
    # 312 dense bf16 TFLOP/s, and the assumed rate must need well under half of that
    flops_per_second = 2 * params * 1e6 * rate
    assert flops_per_second < 0.5 * 312e12


def test_embedding_index_memory():
    vectors, dims, width, gb = parts(EMB, "{}M vectors × {} dimensions × {} bytes = {} GB for a float32 index")
    (chunks,) = parts(EMB, "{}M chunks ×")
    assert vectors == chunks
    assert num(width) == 4  # float32
    close(num(vectors) * 1e6 * num(dims) * num(width) / 1e9, gb)
    # int8 stores one byte per dimension against float32's four
    assert "int8 quantisation of the new index cuts it fourfold" in read(EMB)
    int8_gb = num(vectors) * 1e6 * num(dims) * 1 / 1e9
    assert math.isclose(num(gb) / int8_gb, 4)
    assert "twice that while both indexes serve" in read(EMB)


# --- llm-evaluation-pipeline-in-production ---------------------------------------------

EVAL = "llm-evaluation-pipeline-in-production"


def test_eval_pass_rate_noise():
    n, p, p_again, q, n_again, se, ci = parts(
        EVAL,
        "on {} items at a pass rate of {}, the standard error is √({} × {} / {}) ≈ {}, about ±{} points at 95%",
    )
    assert n == n_again and p == p_again
    assert math.isclose(1 - num(p), num(q))
    standard_error = math.sqrt(num(p) * (1 - num(p)) / num(n))
    close(standard_error, se)
    close(100 * 1.96 * standard_error, ci)
    rate, items, points = nums(parts(EVAL, "A pass rate of {}% on {} items carries about ±{} points of noise"))
    assert (rate / 100, items) == (num(p), num(n))
    assert round(100 * 1.96 * standard_error) == points


def test_eval_mcnemar_example():
    b, c, drop, b2, c2, total, chi2, critical = parts(
        EVAL,
        "if {} items newly fail and {} newly pass, the net drop is {} points and McNemar gives "
        "({} − {})² / {} ≈ {} > {}",
    )
    (n,) = nums(parts(EVAL, "on {} items at a pass rate"))
    assert (b2, c2) == (b, c)
    assert num(total) == num(b) + num(c)
    close(100 * (num(b) - num(c)) / n, drop)
    statistic = (num(b) - num(c)) ** 2 / (num(b) + num(c))
    close(statistic, chi2)
    # the 5% critical value of chi-squared with one degree of freedom is 1.96² ≈ 3.84
    close(NormalDist().inv_cdf(0.975) ** 2, critical)
    assert statistic > num(critical)
    # the exact binomial (sign) test on the discordant items agrees, and its rule of thumb holds
    (threshold,) = nums(parts(EVAL, "with fewer than about {} discordant items, use the exact binomial test"))
    discordant = int(num(b) + num(c))
    assert discordant >= threshold
    tail = sum(math.comb(discordant, k) for k in range(int(num(b)), discordant + 1)) / 2**discordant
    assert 2 * tail < 0.05
    # unpaired, the same drop would not be significant: z = drop / (√2 · SE) < 1.96
    (se,) = nums(parts(EVAL, "the standard error is √(0.85 × 0.15 / 500) ≈ {}"))
    unpaired_z = (num(b) - num(c)) / n / (math.sqrt(2) * se)
    assert unpaired_z < 1.96


def test_eval_online_cost():
    requests, rate, traces, per_trace, tokens, usd, price = parts(
        EVAL,
        "{}M requests a day sampled at {}% gives {} traces; at {} judge tokens each that is {}M tokens, "
        "about USD {} a day at an assumed USD {} per million tokens",
    )
    sampled = num(requests) * 1e6 * num(rate) / 100
    assert sampled == num(traces)
    assert sampled * num(per_trace) == num(tokens) * 1e6
    assert math.isclose(num(tokens) * num(price), num(usd))
    reviews, minutes, hours = parts(EVAL, "{} human reviews a week at {} minutes each take about {} hours")
    close(num(reviews) * num(minutes) / 60, hours)
