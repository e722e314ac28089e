"""Weeks of use on fake clocks: a user who studies a few minutes a day, skips days, grades inconsistently,
studies past midnight and comes back after a week away. What they would read must stay true."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from desktop.core.quiz import QuizSession
from desktop.core.scheduler import Grade, SpacedRepetition, day_horizon, start_of_day
from desktop.core.store import DB_NAME, Store
from desktop.core.study_plan import StudyPlan
from desktop.core.today import due_by_day, stored_cards, todays_study, tomorrow
from tests.conftest import bundled_bank
from tests.core.fakes import FakeClock, Ticker

GRADES = (Grade.AGAIN, Grade.HARD, Grade.GOOD, Grade.EASY)


def _sr(tmp_path: Path, clock: FakeClock) -> SpacedRepetition:
    return SpacedRepetition(Store.open(tmp_path / DB_NAME, clock), clock=clock)


def _check_today(sr: SpacedRepetition, plan: StudyPlan, now: datetime) -> None:
    """Nothing due is lost or counted twice; the limit holds; the chart and the counts agree."""
    bank = bundled_bank()
    cards = stored_cards(bank, sr)
    today = todays_study(bank, sr, plan, now, cards)
    horizon = day_horizon(now)
    due_now = {qid for qid, c in cards.items() if c.due < horizon}
    assert set(today.soonest) == due_now and len(today.soonest) == len(due_now)
    assert set(today.due).isdisjoint(today.learning) and len(today.deck) == len(set(today.deck))
    assert set(today.new).isdisjoint(cards)
    started_today = sr.store.review_log.first_reviewed_since(start_of_day(now))
    assert today.new_seen == len(started_today)
    assert len(today.new) == max(0, plan.cap - len(started_today))  # the bank has plenty of new ones
    assert due_by_day(bank, sr, plan, 14, now, cards)[0][1] == today.reviews
    assert todays_study(bank, sr, plan, now).total == today.total  # read from the store, the same numbers


def test_thirty_days_of_a_few_minutes_a_day_keep_every_count_true(tmp_path: Path) -> None:
    rnd = random.Random(7)
    clock = FakeClock(datetime(2026, 3, 2, 8, tzinfo=UTC))
    sr = _sr(tmp_path, clock)
    plan = StudyPlan(cap=6)
    bank = bundled_bank()
    first_seen: dict[date, set[str]] = {}
    for day in range(30):
        morning = datetime(2026, 3, 2, tzinfo=UTC) + timedelta(days=day)
        if rnd.random() < 0.25:
            continue  # a day skipped
        clock.now = morning + timedelta(hours=rnd.choice((7, 12, 19, 22)), minutes=rnd.randrange(60))
        _check_today(sr, plan, clock.now)
        today = todays_study(bank, sr, plan)
        ticker = Ticker()
        session = QuizSession(today.deck, sr, monotonic=ticker)
        budget = rnd.randint(10, 20)
        while not session.finished and budget:
            qid = session.current
            assert qid is not None
            ticker.advance(rnd.uniform(5, 60))
            clock.advance(seconds=rnd.uniform(10, 90))
            session.reveal()
            shown = sr.preview(qid)
            assert shown[Grade.AGAIN] <= shown[Grade.HARD] <= shown[Grade.GOOD] <= shown[Grade.EASY], (qid, shown)
            grade = rnd.choices(GRADES, weights=(3, 2, 5, 2))[0]
            was_new = sr.is_new(qid)
            session.grade(grade)
            if was_new:
                first_seen.setdefault(clock.now.date(), set()).add(qid)
            card = sr.card(qid)
            assert card is not None
            if grade is Grade.AGAIN:
                assert card.due < day_horizon(clock.now) and card.due - clock.now <= timedelta(minutes=10)
                assert session.current == qid or session.learning >= 1  # it comes back in this session
            budget -= 1
            _check_today(sr, plan, clock.now)
        if session.finished:  # all of today's study done: nothing is left for today
            assert todays_study(bank, sr, plan).total == 0
    assert all(len(ids) <= plan.cap for ids in first_seen.values()), first_seen
    assert max(len(ids) for ids in first_seen.values()) == plan.cap


def test_a_week_away_shows_the_whole_backlog_and_a_pace_that_fits(tmp_path: Path) -> None:
    clock = FakeClock(datetime(2026, 3, 2, 9, tzinfo=UTC))
    sr = _sr(tmp_path, clock)
    bank = bundled_bank()
    for day in range(5):  # five days of new questions, all recalled
        clock.now = datetime(2026, 3, 2 + day, 9, tzinfo=UTC)
        session = QuizSession(todays_study(bank, sr, StudyPlan(cap=10)).deck, sr, monotonic=Ticker())
        while not session.finished:
            session.reveal()
            clock.advance(seconds=30)
            session.grade(Grade.GOOD)
    clock.now = datetime(2026, 3, 14, 9, tzinfo=UTC)  # a week skipped
    cards = stored_cards(bank, sr)
    overdue = {qid for qid, c in cards.items() if c.due <= clock.now}
    for days_left in (0, 1, 2, 3, 10, 60):
        plan = StudyPlan(cap=10, interview_day=clock.now.date() + timedelta(days=days_left))
        today = todays_study(bank, sr, plan)
        assert overdue <= set(today.due) and today.learning == ()
        assert 0 <= today.pace.daily_new <= plan.cap and len(today.new) == today.pace.daily_new
        if days_left == 0:
            assert today.new == ()  # the interview is today: review only
    past = StudyPlan(cap=10, interview_day=date(2026, 3, 10))  # the interview came and went while away
    assert len(todays_study(bank, sr, past).new) == 10
    assert tomorrow(bank, sr, past).reviews >= 0


@pytest.mark.parametrize("grade", [Grade.HARD, Grade.GOOD, Grade.EASY])
def test_easy_is_never_sooner_than_good_whatever_came_before(tmp_path: Path, grade: Grade) -> None:
    """Random histories of mixed grades at random gaps: the four buttons stay in order on every card."""
    rnd = random.Random(int(grade))
    clock = FakeClock(datetime(2026, 3, 2, 9, tzinfo=UTC))
    sr = _sr(tmp_path, clock)
    for i in range(40):
        qid = f"q{i}"
        for _ in range(rnd.randint(1, 12)):
            shown = sr.preview(qid)
            assert shown[Grade.AGAIN] <= shown[Grade.HARD] <= shown[Grade.GOOD] <= shown[Grade.EASY], (qid, shown)
            sr.grade(qid, rnd.choice((Grade.AGAIN, grade, grade, Grade.GOOD)))
            clock.advance(minutes=rnd.choice((1, 10, 60 * 5, 60 * 24, 60 * 24 * 7, 60 * 24 * 40)))


@pytest.fixture
def zone(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """The machine's time zone set to `request.param` for the test (TZ, as a user's system sets it)."""
    import time

    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    yield request.param
    monkeypatch.undo()
    time.tzset()


def _local(text: str) -> datetime:
    """A wall-clock time where the machine is, as an aware UTC datetime."""
    return datetime.fromisoformat(text).astimezone().astimezone(UTC)


@pytest.mark.parametrize("zone", ["Europe/Berlin"], indirect=True)
def test_new_questions_studied_late_on_the_night_before_summer_time_are_yesterdays(zone: str,
                                                                                  tmp_path: Path) -> None:
    """Berlin, Saturday 28 March 2026, 23:30: the user took on their 6 new questions. On Sunday morning (clocks went
    forward at 02:00) "today" began at 00:00 at Sunday morning's offset, an hour before the real midnight: Saturday's
    23:30 counted as Sunday's and Sunday offered 0 new questions."""
    clock = FakeClock(_local("2026-03-28T23:30"))
    sr = _sr(tmp_path, clock)
    bank, plan = bundled_bank(), StudyPlan(cap=6)
    for qid in todays_study(bank, sr, plan).new:
        sr.grade(qid, Grade.GOOD)
        clock.advance(seconds=20)
    clock.now = _local("2026-03-29T09:00")
    today = todays_study(bank, sr, plan)
    assert today.new_seen == 0 and len(today.new) == 6
    assert start_of_day(clock.now) == _local("2026-03-29T00:00") == datetime(2026, 3, 28, 23, tzinfo=UTC)


@pytest.mark.parametrize("zone", ["Europe/Berlin", "America/New_York", "America/Havana", "America/Santiago",
                                  "Australia/Lord_Howe", "Asia/Kolkata"], indirect=True)
def test_today_begins_and_ends_at_the_local_midnights_on_clock_change_days(zone: str) -> None:
    """Every day of 2026, at 01:00, 03:00, 12:00 and 23:30 local time: today is the span from its local midnight to
    the next, the clock changes of the day counted (23 or 25 hours, or a midnight that does not exist)."""
    day = date(2026, 1, 1)
    while day.year == 2026:
        for hour, minute in ((1, 0), (3, 0), (12, 0), (23, 30)):
            now = datetime(day.year, day.month, day.day, hour, minute).astimezone().astimezone(UTC)
            begin, end = start_of_day(now), day_horizon(now)
            local_day = now.astimezone().date()
            assert begin.astimezone().date() == local_day, (now, begin)
            assert (begin - timedelta(seconds=1)).astimezone().date() < local_day, (now, begin)
            if hour < 23:  # 23:30 is within LEARN_AHEAD of midnight: the horizon reaches past it
                assert end.astimezone().date() > local_day, (now, end)
                assert (end - timedelta(seconds=1)).astimezone().date() == local_day, (now, end)
        day += timedelta(days=1)


@pytest.mark.parametrize("zone", ["Asia/Tokyo"], indirect=True)
def test_a_flight_from_tokyo_to_new_york_counts_days_where_the_machine_now_is(zone: str, tmp_path: Path,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Tuesday 08:00 in Tokyo (Monday 23:00 UTC): six new questions. The laptop is then set to New York, where it is
    still Monday evening: those reviews are Monday's there, so today's new questions are taken, and Progress's
    calendar puts them on Monday; Tuesday in New York brings a fresh six."""
    import time

    from desktop.core.study_record import StudyRecord

    clock = FakeClock(_local("2026-03-03T08:00"))
    sr = _sr(tmp_path, clock)
    bank, plan = bundled_bank(), StudyPlan(cap=6)
    for qid in todays_study(bank, sr, plan).new:
        sr.grade(qid, Grade.EASY)
        clock.advance(seconds=30)
    assert StudyRecord(sr.store).study_days() == {date(2026, 3, 3): 6}
    sr.store.close()

    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    clock.now = _local("2026-03-02T20:00")  # the same evening, eleven hours' flight later by the calendar
    sr = _sr(tmp_path, clock)
    today = todays_study(bank, sr, plan)
    assert (today.new_seen, len(today.new)) == (6, 0)
    assert StudyRecord(sr.store).study_days() == {date(2026, 3, 2): 6}
    clock.now = _local("2026-03-03T07:00")
    assert len(todays_study(bank, sr, plan).new) == 6
