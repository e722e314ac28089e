from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fsrs import Card, State

from desktop.core.scheduler import (
    LEARN_AHEAD,
    LEARNING_STEPS,
    RELEARNING_STEPS,
    Grade,
    SpacedRepetition,
    card_id,
    day_horizon,
    describe_interval,
    start_of_day,
)
from desktop.core.store import DB_NAME, Store
from tests.core.fakes import T0, FakeClock


def test_card_ids_are_stable_positive_integers() -> None:
    assert card_id("bias-variance-tradeoff") == card_id("bias-variance-tradeoff")
    assert card_id("a") != card_id("b")
    assert 0 < card_id("x") < 2**62


def test_a_new_card_graded_good_enters_learning_then_graduates_to_days(sr: SpacedRepetition, clock: FakeClock) -> None:
    assert sr.is_new("q") and sr.card("q") is None
    first = sr.grade("q", Grade.GOOD)
    assert first.state == State.Learning and first.due - T0 == timedelta(minutes=10)
    assert sr.due() == []
    clock.advance(minutes=10)
    assert sr.due() == ["q"]
    second = sr.grade("q", Grade.GOOD)
    assert second.state == State.Review
    assert second.due - clock() >= timedelta(days=1)


def test_again_comes_back_sooner_than_good_sooner_than_easy(sr: SpacedRepetition, clock: FakeClock) -> None:
    sr.grade("q", Grade.GOOD)
    clock.advance(minutes=10)
    sr.grade("q", Grade.GOOD)  # now in review
    clock.now = sr.card("q").due  # type: ignore[union-attr]
    preview = sr.preview("q")
    assert preview[Grade.AGAIN] < preview[Grade.HARD] < preview[Grade.GOOD] < preview[Grade.EASY]
    assert preview[Grade.AGAIN] <= timedelta(minutes=10)
    # the preview is exact: grading Good lands where the preview said
    after = sr.grade("q", Grade.GOOD)
    assert after.due - clock() == preview[Grade.GOOD]


def test_higher_desired_retention_means_shorter_intervals(tmp_path: Path, clock: FakeClock) -> None:
    intervals = {}
    for retention in (0.8, 0.95):
        sr = SpacedRepetition(Store.open(tmp_path / f"{retention}.db", clock), retention, clock)
        sr.grade("q", Grade.GOOD, now=T0)
        sr.grade("q", Grade.GOOD, now=T0 + timedelta(minutes=10))
        intervals[retention] = sr.card("q").due - (T0 + timedelta(minutes=10))  # type: ignore[union-attr]
    assert intervals[0.95] < intervals[0.8]
    with pytest.raises(ValueError):
        SpacedRepetition(Store.open(tmp_path / "x.db"), 1.5)


def test_undo_restores_the_exact_prior_card(sr: SpacedRepetition, clock: FakeClock) -> None:
    sr.grade("q", Grade.GOOD)
    clock.advance(minutes=10)
    sr.grade("q", Grade.GOOD)
    before = sr.store.review_log.card_json("q")
    clock.advance(days=3)
    sr.grade("q", Grade.AGAIN, duration_ms=4200)
    assert sr.store.review_log.card_json("q") != before
    assert sr.undo() == "q"
    assert sr.store.review_log.card_json("q") == before  # byte for byte
    assert Card.from_json(before).due == sr.card("q").due  # type: ignore[arg-type, union-attr]
    assert [r[1] for r in sr.store.review_log.reviews()] == [3, 3]  # the undone grade no longer counts


def test_undo_of_a_first_grade_makes_the_question_new_again(sr: SpacedRepetition) -> None:
    sr.grade("q", Grade.EASY)
    assert sr.undo() == "q"
    assert sr.is_new("q") and sr.undo() is None


def test_undo_refuses_a_review_of_another_question(sr: SpacedRepetition) -> None:
    sr.grade("a", Grade.GOOD)
    sr.grade("b", Grade.GOOD)
    assert sr.undo(expected="a") is None
    assert not sr.is_new("b")


def test_progress_survives_reopening_the_store(tmp_path: Path, clock: FakeClock) -> None:
    sr = SpacedRepetition(Store.open(tmp_path / DB_NAME, clock), clock=clock)
    sr.grade("q", Grade.GOOD, duration_ms=1500)
    sr.store.close()
    again = SpacedRepetition(Store.open(tmp_path / DB_NAME, clock), clock=clock)
    assert not again.is_new("q")
    assert again.store.review_log.reviews()[0][3] == 1500


def test_questions_first_seen_since_local_midnight(sr: SpacedRepetition, clock: FakeClock) -> None:
    sr.grade("a", Grade.GOOD)
    sr.grade("b", Grade.AGAIN)
    clock.advance(minutes=10)
    sr.grade("a", Grade.GOOD)  # a repeat, not new
    assert sr.store.review_log.first_reviewed_since(start_of_day(clock())) == {"a", "b"}
    clock.advance(days=1)
    assert sr.store.review_log.first_reviewed_since(start_of_day(clock())) == set()
    assert start_of_day(T0) == datetime(2026, 3, 2, tzinfo=UTC)


def test_retrievability_falls_with_time(sr: SpacedRepetition, clock: FakeClock) -> None:
    assert sr.retrievability("q") is None
    sr.grade("q", Grade.GOOD)
    clock.advance(minutes=10)
    sr.grade("q", Grade.GOOD)
    soon = sr.retrievability("q", clock() + timedelta(days=1))
    later = sr.retrievability("q", clock() + timedelta(days=30))
    assert soon is not None and later is not None and 1 >= soon > later > 0


@pytest.mark.parametrize(("delta", "label"), [
    (timedelta(seconds=30), "<1m"), (timedelta(minutes=5, seconds=30), "<6m"), (timedelta(minutes=10), "<10m"),
    (timedelta(minutes=20), "<20m"), (timedelta(minutes=21), "21m"), (timedelta(hours=5), "5h"),
    (timedelta(hours=23, minutes=59), "1d"),
    (timedelta(days=3), "3d"), (timedelta(days=45), "1.5mo"), (timedelta(days=60), "2mo"), (timedelta(days=800), "2.2y"),
])
def test_interval_labels(delta: timedelta, label: str) -> None:
    assert describe_interval(delta) == label


def test_recall_chance_counts_part_days(sr: SpacedRepetition, clock: FakeClock) -> None:
    sr.grade("q", Grade.AGAIN)
    card = sr.card("q")
    assert card is not None
    assert sr.retrievability("q", clock() + timedelta(hours=20)) == 1.0  # fsrs: whole days, so "100 %"
    assert 0.5 < sr.recall_chance(card, clock() + timedelta(hours=20)) < 0.9
    assert sr.recall_chance(card, clock()) == 1.0
    assert sr.recall_chance(card, clock() + timedelta(days=1)) == pytest.approx(sr.retrievability("q", clock() + timedelta(days=1)))


def test_learning_steps_are_fsrs_defaults_and_fall_within_the_learn_ahead_limit() -> None:
    assert max((*LEARNING_STEPS, *RELEARNING_STEPS)) <= LEARN_AHEAD
    assert day_horizon(T0) == datetime(2026, 3, 3, tzinfo=UTC)
    assert day_horizon(datetime(2026, 3, 2, 23, 50, tzinfo=UTC)) == datetime(2026, 3, 3, 0, 10, tzinfo=UTC)
