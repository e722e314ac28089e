"""Progress's figures come from one StudyRecord that reads once and then follows the change feed: they must
equal the figures counted from scratch, question by question, after every kind of change."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from fsrs import Card

from desktop.core import progress
from desktop.core.bank import Bank, Category, Question
from desktop.core.scheduler import Grade, SpacedRepetition
from desktop.core.store import DB_NAME, Store
from desktop.core.study_plan import StudyPlan
from desktop.core.study_record import StudyRecord
from desktop.core.today import due_by_day, stored_cards, todays_study
from tests.core.fakes import FakeClock, scored_interview


def q(qid: str, category: str) -> Question:
    return Question(id=qid, category=category, difficulty="easy", title=qid, answer="a", key_points=("k",))


BANK = Bank((Category("a", "Alpha"), Category("b", "Beta"), Category("c", "Gamma")),
            (*(q(f"{c}{i}", c) for c in "ab" for i in range(4)), q("c0", "c")))
PLAN = StudyPlan()


@dataclass(frozen=True)
class Figures:
    readiness: list[tuple[str, float, int]]  # category, readiness, studied
    days: Counter[date]
    streak: int
    today: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]  # due, learning, new
    due: list[tuple[date, int]]
    scores: list[tuple[datetime, float]]
    weakest: list[tuple[str, float, int, int]]


def figures(sr: SpacedRepetition, record: StudyRecord) -> Figures:
    """The figures as Progress (and the status bar) count them: from the kept record."""
    now = sr.clock()
    cards = stored_cards(BANK, sr, record)
    today = todays_study(BANK, sr, PLAN, now, cards)
    days = progress.study_days(sr.store, record)
    return Figures([(r.category, r.readiness, r.studied) for r in progress.readiness_by_category(BANK, sr, now, cards)],
                   days, progress.streak(days, now.astimezone().date()), (today.due, today.learning, today.new),
                   due_by_day(BANK, sr, PLAN, 14, now, cards, today), progress.interview_scores(sr.store, record),
                   [(w.question_id, w.chance, w.lapses, w.reviews) for w in progress.weakest(BANK, sr, 5, now, cards,
                                                                                              record)])


def from_scratch(sr: SpacedRepetition) -> Figures:
    """The figures counted from every card and every review, read one by one, as if for the first time."""
    store, now = sr.store, sr.clock()
    cards = {qid: Card.from_json(text) for qid, text in store.review_log.cards().items() if BANK.get(qid) is not None}
    chance = {qid: sr.recall_chance(card, now + progress.ASKED_IN) for qid, card in cards.items()}
    ready = []
    for cat in BANK.categories:
        ids = [x.id for x in BANK.questions if x.category == cat.id]
        studied = [i for i in ids if i in cards]
        ready.append((cat.id, sum(chance[i] for i in studied) / len(ids), len(studied)))
    reviews = store.review_log.reviews()
    days: Counter[date] = Counter(at.astimezone().date() for _q, _r, at, _ms in reviews)
    summaries = store.interview_store.summaries()
    for s in summaries:
        days[s.started_at.astimezone().date()] += s.asked
    today = now.astimezone().date()
    run, day = 0, today if days.get(today) else today - timedelta(days=1)
    while days.get(day):
        run, day = run + 1, day - timedelta(days=1)
    first = todays_study(BANK, sr, PLAN, now)  # (today.py reads the store itself when given no cards)
    counts = Counter(qid for qid, _r, _at, _ms in reviews)
    lapses = Counter(qid for qid, rating, _at, _ms in reviews if rating == 1)
    weak = sorted((chance[i], -lapses[i], i) for i in cards if counts[i] >= 2 or lapses[i])[:5]
    return Figures(ready, +days, run, (first.due, first.learning, first.new), due_by_day(BANK, sr, PLAN, 14, now),
                   [(s.started_at, s.average_score) for s in reversed(summaries) if s.average_score is not None],
                   [(i, c, -neg, counts[i]) for c, neg, i in weak])


def same(sr: SpacedRepetition, record: StudyRecord) -> Figures:
    fig = figures(sr, record)
    expected = from_scratch(sr)
    assert +fig.days == expected.days  # (+ drops zero counts)
    assert fig == Figures(**{**expected.__dict__, "days": fig.days})
    return fig


def a_month(sr: SpacedRepetition, clock: FakeClock) -> None:
    grades = [Grade.GOOD, Grade.AGAIN, Grade.HARD, Grade.EASY, Grade.AGAIN]
    for day in range(30):
        for i, question in enumerate(BANK.questions[: 3 + day % 5]):
            sr.grade(question.id, grades[(day + i) % len(grades)])
            clock.advance(minutes=7)
        if day % 6 == 0:
            sr.undo()
        if day % 9 == 0:
            scored_interview(sr.store, "Phone screen", [("a1", 1 + day % 5), ("b2", None)])
        clock.advance(hours=21)


@pytest.fixture
def month(sr: SpacedRepetition, clock: FakeClock) -> Iterator[tuple[SpacedRepetition, FakeClock]]:
    a_month(sr, clock)
    yield sr, clock
    sr.store.close()


def test_the_figures_equal_those_counted_from_scratch(month: tuple[SpacedRepetition, FakeClock]) -> None:
    sr, clock = month
    record = StudyRecord(sr.store)
    fig = same(sr, record)
    assert fig.weakest and fig.scores and fig.streak > 20 and sum(fig.days.values()) > 100  # not trivially equal
    clock.advance(days=5)  # nothing changed but time: recall fades, due reviews pile up today, the streak ends
    assert same(sr, record).streak == 0


def test_kept_figures_follow_reviews_undos_and_interviews(month: tuple[SpacedRepetition, FakeClock]) -> None:
    sr, _clock = month
    record = StudyRecord(sr.store)
    before = same(sr, record)
    sr.grade("c0", Grade.AGAIN)  # a question never studied: Gamma gets a studied question and a lapse
    after = same(sr, record)
    assert after.readiness[2][2] == before.readiness[2][2] + 1 and after.days != before.days
    assert after.due[0][1] == before.due[0][1] + 1  # Again: due again in minutes
    assert sr.undo() == "c0"
    assert same(sr, record).readiness == before.readiness  # its only review undone: not studied again
    scored_interview(sr.store, "Rapid fire", [("a0", 5)])
    assert same(sr, record).scores[-1][1] == 5.0


def test_kept_figures_follow_a_restore(month: tuple[SpacedRepetition, FakeClock], tmp_path: Path) -> None:
    sr, clock = month
    other_clock = FakeClock(clock() - timedelta(days=3))
    other = SpacedRepetition(Store.open(tmp_path / "other.db", other_clock), clock=other_clock)
    for _ in range(3):
        other.grade("b3", Grade.AGAIN)
        other_clock.advance(days=1)
    other.store.close()
    record = StudyRecord(sr.store)
    before = same(sr, record)
    sr.store.replace_with(tmp_path / "other.db")  # announces that everything changed
    fig = same(sr, record)
    assert sum(n for _c, _r, n in fig.readiness) == 1 < sum(n for _c, _r, n in before.readiness)
    assert fig.weakest[0][0] == "b3" and fig.scores == []


def test_a_warm_up_on_its_own_thread_gives_the_same_figures_and_catches_up(
        month: tuple[SpacedRepetition, FakeClock]) -> None:
    sr, _clock = month
    record = StudyRecord(sr.store)
    record.warm_in_background()
    sr.grade("a3", Grade.AGAIN)  # while (or after) it reads: caught up when the figures are asked for
    sr.undo()
    sr.grade("c0", Grade.GOOD)
    scored_interview(sr.store, "Rapid fire", [("a0", 2)])
    assert same(sr, record).scores[-1][1] == 2.0


def test_a_warm_up_begun_before_a_restore_is_not_used(month: tuple[SpacedRepetition, FakeClock],
                                                      tmp_path: Path) -> None:
    sr, _clock = month
    empty = Store.open(tmp_path / "empty.db")
    empty.close()
    record = StudyRecord(sr.store)
    record.warm_in_background()
    sr.store.replace_with(tmp_path / "empty.db")
    fig = same(sr, record)
    assert not fig.days and not fig.weakest and all(n == 0 for _c, _r, n in fig.readiness)


@pytest.mark.parametrize("zone", ["UTC", "Asia/Kolkata", "America/New_York", "Australia/Lord_Howe", "Pacific/Chatham",
                                  "America/Havana", "Asia/Beirut", "America/Santiago"])  # some change at midnight
def test_days_are_the_users_local_days(zone: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The days are counted as ranges of stored UTC times: they must be the days Python's astimezone() gives,
    clock changes included, at midnight too."""
    monkeypatch.setenv("TZ", zone)
    time.tzset()
    try:
        clock = FakeClock(datetime.fromisoformat("2026-03-01T00:00:00+00:00"))
        store = Store.open(tmp_path / DB_NAME, clock)
        with store.transaction():
            for _ in range(24 * 4 * 40):  # every 15 minutes for 40 days: March's and April's clock changes
                store.review_log.record_review("a0", 3, clock(), None, "{}", clock())
                clock.advance(minutes=15)
        expected = Counter(at.astimezone().date() for _q, _r, at, _ms in store.review_log.reviews())
        assert len(expected) >= 40 and StudyRecord(store).study_days() == expected
        store.close()
    finally:
        monkeypatch.undo()
        time.tzset()
