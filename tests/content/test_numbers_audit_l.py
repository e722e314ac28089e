"""Audit L: the few numbers in behavioural stories (behavioral-career/) that follow from others
printed beside them (standard library only). Most story numbers are illustrative inputs; these
tests pin only what is derived from, or bounded by, the story's own figures."""

from __future__ import annotations

import random
from fractions import Fraction

from tests.content.numbers import for_category, num, numbers_in

read, stated = for_category("behavioral-career")


def test_lead_scoring_random_baseline():
    qid = "explaining-results-to-non-technical-stakeholders"
    text = read(qid)
    called, model_share, random_share = (
        Fraction(int(num(x)), 100)
        for x in numbers_in(
            text,
            "calls the top {}% of leads by score, they reach about {}% of the deals that will close, "
            "against {}% if they pick at random",
            qid,
        )
    )
    # Calling k of N leads at random reaches D*k/N of the D closing deals in expectation
    # (hypergeometric mean), so the random share equals the share of leads called.
    n_leads, n_deals = 1000, 50
    k = int(called * n_leads)
    expected_reached = Fraction(n_deals * k, n_leads)
    assert expected_reached / n_deals == random_share, (expected_reached / n_deals, random_share)
    rng = random.Random(0)
    leads = [1] * n_deals + [0] * (n_leads - n_deals)
    trials = 4000
    mean = sum(sum(rng.sample(leads, k)) for _ in range(trials)) / trials / n_deals
    assert abs(mean - float(random_share)) < 0.01, mean
    # The model must beat random and cannot reach more than all the deals.
    assert random_share < model_share <= 1


def test_complaint_fall_within_addressed_share():
    qid = "when-ml-was-not-the-answer"
    text = read(qid)
    (addressed,) = numbers_in(text, "{}% came from three causes", qid)
    (fall,) = numbers_in(text, "Complaints fell {}% within a month", qid)
    # Fixing the three main causes cannot remove more complaints than those causes produced.
    assert 0 < num(fall) <= num(addressed), (fall, addressed)
