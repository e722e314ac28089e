"""Issue 19: the review is a true record, follow-ups are their own answers, and interviews resume after a quit.

Every test runs the session on a fake monotonic clock and stores it in a real database in a temp folder.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop.core.bank import FollowUp, Question
from desktop.core.interview import Checkpoint, InterviewSession, Phase, Plan, PlannedQuestion, QuestionRecord
from desktop.core.interview_review import (
    follow_up_facts,
    follow_up_points,
    question_facts,
    send_scores,
    stopped_at,
    tally,
)
from desktop.core.interview_status import Status, claim_interrupted, left_unfinished, waiting_at_launch
from desktop.core.interview_store import InterviewStore, Part
from desktop.core.store import DB_NAME, MIGRATIONS, Store
from tests.core.fakes import FakeClock, Ticker

PLAN = Plan("Deep", (
    PlannedQuestion("q1", 60, 180, "And then?", 30),
    PlannedQuestion("q2", 30, 120, "Why?", 30),
    PlannedQuestion("q3", 0, 120),
))


def run(clock: Ticker, plan: Plan = PLAN) -> InterviewSession:
    s = InterviewSession(plan, clock)
    s.start()
    return s


def log_of(tmp_path: Path) -> tuple[Store, InterviewStore]:
    store = Store.open(tmp_path / DB_NAME)
    return store, store.interview_store


def save_all(log: InterviewStore, iid: int, s: InterviewSession, status: Status | None = None) -> None:
    records = dict(enumerate(s.records))
    if s.done:
        log.finish(iid, records, Status(s.phase.value))
    else:
        log.save_progress(iid, records, s.checkpoint(), status or Status.RUNNING)


# ------------------------------------------------------------------ ending early, in each phase


def test_ending_while_thinking_asks_nothing_more(tmp_path: Path) -> None:
    clock = Ticker()
    s = run(clock)
    clock.advance(20)
    s.end_early()
    first, second, third = s.records
    assert (first.asked, first.follow_up_asked, first.ended_in) == (True, False, Phase.THINK)
    assert first.used_s == {Phase.THINK: 20}
    assert not second.asked and not third.asked and second.used_s == {}
    store, log = log_of(tmp_path)
    iid = log.start(PLAN)
    save_all(log, iid, s)
    rows = log.answers(iid)
    assert question_facts(rows[0], PLAN.questions[0], PLAN) == (
        "Thinking 0:20 of 1:00 · Answering not reached · interview ended during thinking · "
        "follow-up not asked: interview ended")
    assert question_facts(rows[1], PLAN.questions[1], PLAN) == "Not asked: the interview ended before this question"
    assert log.get(iid).status is Status.ENDED_EARLY and log.get(iid).checkpoint is None
    assert not left_unfinished(store) and log.newest_resumable() is None  # nothing to offer at the next launch


def test_ending_while_answering_never_claims_the_follow_up(tmp_path: Path) -> None:
    clock = Ticker()
    s = run(clock)
    clock.advance(60)
    s.update()  # thinking ran out
    clock.advance(100)
    s.end_early()
    r = s.records[0]
    assert (r.asked, r.follow_up_asked, r.ended_in) == (True, False, Phase.ANSWER)
    assert r.used_s == {Phase.THINK: 60, Phase.ANSWER: 100}
    store, log = log_of(tmp_path)
    iid = log.start(PLAN)
    save_all(log, iid, s)
    row = log.answers(iid)[0]
    assert question_facts(row, PLAN.questions[0], PLAN) == (
        "Thinking 1:00 of 1:00 · Answering 1:40 of 3:00 · interview ended during answering · "
        "follow-up not asked: interview ended")


def test_ending_during_the_follow_up_records_it_as_asked_and_ended_there(tmp_path: Path) -> None:
    clock = Ticker()
    s = run(clock)
    s.next()
    clock.advance(50)
    s.next()  # done answering: the follow-up begins
    clock.advance(12)
    s.end_early()
    r = s.records[0]
    assert (r.follow_up_asked, r.ended_in, r.used_s[Phase.FOLLOW_UP]) == (True, Phase.FOLLOW_UP, 12)
    store, log = log_of(tmp_path)
    iid = log.start(PLAN)
    save_all(log, iid, s)
    row = log.answers(iid)[0]
    assert question_facts(row, PLAN.questions[0], PLAN).endswith("follow-up asked (below)")
    assert follow_up_facts(row, PLAN.questions[0], PLAN) == "Follow-up 0:12 of 0:30 · interview ended here"


def test_ending_before_the_first_question_starts_asks_nothing() -> None:
    s = InterviewSession(PLAN, Ticker())
    s.end_early()
    assert s.phase is Phase.ENDED_EARLY and not any(r.asked for r in s.records)


# ------------------------------------------------------------------------------- skipping


def test_skipping_the_follow_up_alone_is_not_skipping_the_question(tmp_path: Path) -> None:
    clock = Ticker()
    s = run(clock)
    s.next()
    clock.advance(30)
    s.next()  # the follow-up
    clock.advance(5)
    s.skip()  # skips the follow-up only
    clock.advance(10)
    s.skip()  # q2 skipped while thinking: its follow-up is never asked
    first, second = s.records[:2]
    assert first.follow_up_skipped and not first.skipped and first.follow_up_asked
    assert second.skipped and not second.follow_up_asked and second.skipped_in is Phase.THINK
    assert s.current.question_id == "q3"
    store, log = log_of(tmp_path)
    iid = log.start(PLAN)
    save_all(log, iid, s)
    rows = log.answers(iid)
    assert "skipped" not in question_facts(rows[0], PLAN.questions[0], PLAN)
    assert follow_up_facts(rows[0], PLAN.questions[0], PLAN) == "Follow-up 0:05 of 0:30 · skipped"
    assert question_facts(rows[1], PLAN.questions[1], PLAN) == (
        "Thinking 0:10 of 0:30 · Answering not reached · skipped during thinking · follow-up not asked: "
        "question skipped")


def test_overtime_is_kept_per_phase_and_shown_against_the_time_allowed(tmp_path: Path) -> None:
    clock = Ticker()
    plan = Plan("Over", (PlannedQuestion("q1", 0, 60, "More?", 30),), overtime=True)
    s = run(clock, plan)
    clock.advance(75)
    s.update()
    s.next()
    clock.advance(40)
    s.next()
    assert s.records[0].overtime_s == {Phase.ANSWER: 15, Phase.FOLLOW_UP: 10}
    store, log = log_of(tmp_path)
    iid = log.start(plan)
    save_all(log, iid, s)
    row = log.answers(iid)[0]
    assert question_facts(row, plan.questions[0], plan) == "Answering 1:15 of 1:00, 0:15 over · follow-up asked (below)"
    assert follow_up_facts(row, plan.questions[0], plan) == "Follow-up 0:40 of 0:30, 0:10 over"


# ---------------------------------------------------------------------- answers and scores


def test_a_follow_up_has_its_own_answer_ticks_and_score_and_only_asked_answers_count(tmp_path: Path) -> None:
    clock = Ticker()
    s = run(clock)
    s.next()
    s.next()  # q1's follow-up
    s.next()  # q2
    clock.advance(3)
    s.end_early()  # q2 asked (ended while thinking), q3 never
    store, log = log_of(tmp_path)
    iid = log.start(PLAN)
    save_all(log, iid, s)
    log.save_answer(iid, 0, Part.MAIN, "the main answer")
    log.save_answer(iid, 0, Part.FOLLOW_UP, "the follow-up answer")
    log.save_review(iid, 0, Part.MAIN, 4, [True, False])
    log.save_review(iid, 0, Part.FOLLOW_UP, 2, [False, True, True])
    log.save_review(iid, 2, Part.MAIN, 5, [])  # a score on a question never asked counts for nothing
    row = log.answers(iid)[0]
    assert (row.answer, row.follow_up_answer) == ("the main answer", "the follow-up answer")
    assert (row.ticks(Part.MAIN), row.ticks(Part.FOLLOW_UP)) == ((True, False), (False, True, True))
    assert (row.score_of(Part.MAIN), row.score_of(Part.FOLLOW_UP)) == (4, 2)
    t = tally(log.answers(iid))
    assert (t.scored, t.to_score, t.mean) == (2, 3, 3.0)  # q1, its follow-up and q2 were asked; q3 was not
    summary = log.summaries()[0]
    assert (summary.questions, summary.asked, summary.to_score, summary.scored, summary.average_score) == (
        3, 2, 3, 2, 3.0)  # History says what the review says


def test_a_follow_ups_key_points_come_from_its_hint() -> None:
    q = Question(id="q", category="c", difficulty="easy", title="T", answer="a", key_points=("k",), follow_ups=(
        FollowUp("How is it trained?", "the contrastive loss, with temperature $\\tau$ and pairs (q, p), "
                                       "and mined hard negatives."),
        FollowUp("Bare?", "")))
    assert follow_up_points(q, "How is it trained?") == (
        "the contrastive loss", "with temperature $\\tau$ and pairs (q, p)", "mined hard negatives")
    assert follow_up_points(q, "Bare?") == () and follow_up_points(q, "Gone from the bank?") == ()
    assert follow_up_points(None, "How is it trained?") == ()


def test_scores_go_to_quiz_on_the_first_send_then_each_change_replaces_its_grade(tmp_path: Path) -> None:
    from desktop.core.scheduler import SpacedRepetition

    clock = FakeClock()
    store = Store.open(tmp_path / DB_NAME, clock=clock)
    sr = SpacedRepetition(store, clock=clock)
    log = store.interview_store
    s = run(Ticker(), Plan("Two", (PlannedQuestion("q1", 0, 60), PlannedQuestion("q2", 0, 60),
                                   PlannedQuestion("q3", 0, 60))))
    s.next()  # on to q2
    s.end_early()  # q3 never asked
    iid = log.start(s.plan)
    save_all(log, iid, s)
    log.save_review(iid, 0, Part.MAIN, 2, [])
    log.save_review(iid, 2, Part.MAIN, 5, [])  # not asked: never sent
    sent = send_scores(store, sr, iid)
    assert [(x.question_id, x.score) for x in sent] == [("q1", 2)]
    assert log.get(iid).follows_quiz
    assert [(q, r) for q, r, *_ in store.review_log.reviews()] == [("q1", 1)]
    assert send_scores(store, sr, iid) == []  # nothing changed: nothing sent
    log.save_review(iid, 0, Part.MAIN, 4, [])
    log.save_review(iid, 1, Part.MAIN, 3, [])
    sent = send_scores(store, sr, iid)
    assert sorted((x.question_id, x.score) for x in sent) == [("q1", 4), ("q2", 3)]
    # q1's earlier grade was the newest review when it changed: replaced, not added to
    assert sorted((q, r) for q, r, *_ in store.review_log.reviews()) == [("q1", 3), ("q2", 2)]
    assert sr.card("q1").due == next(x.due for x in sent if x.question_id == "q1")


def test_sending_scores_is_all_or_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.core.scheduler import SpacedRepetition
    from desktop.core.store import StoreWriteError

    store = Store.open(tmp_path / DB_NAME)
    sr = SpacedRepetition(store)
    log = store.interview_store
    s = run(Ticker(), Plan("Two", (PlannedQuestion("q1", 0, 60), PlannedQuestion("q2", 0, 60))))
    s.next()
    s.next()
    iid = log.start(s.plan)
    save_all(log, iid, s)
    log.save_review(iid, 0, Part.MAIN, 2, [])
    log.save_review(iid, 1, Part.MAIN, 3, [])
    real = sr.grade
    calls = []

    def second_fails(*args: object, **kwargs: object) -> object:
        calls.append(args)
        if len(calls) == 2:
            raise StoreWriteError("disk full")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(sr, "grade", second_fails)
    with pytest.raises(StoreWriteError):
        send_scores(store, sr, iid)
    assert store.review_log.reviews() == [] and not log.get(iid).follows_quiz
    assert [r.sent_score for r in log.answers(iid)] == [None, None]


# ------------------------------------------------------------------------- quit and resume


def test_an_interview_paused_and_quit_resumes_where_it_stopped_with_the_clock_paused(tmp_path: Path) -> None:
    clock = Ticker()
    s = run(clock)
    s.next()  # q1: done thinking
    clock.advance(70)
    store, log = log_of(tmp_path)
    iid = log.start(PLAN)
    log.save_answer(iid, 0, Part.MAIN, "half an answer")
    s.pause()
    save_all(log, iid, s, Status.PAUSED)  # pause and quit
    store.close()
    clock.advance(3600)  # the app is gone for an hour

    store, log = log_of(tmp_path)  # relaunch
    assert claim_interrupted(store) == [] and left_unfinished(store)  # it was paused, not lost
    interview = log.get(iid)
    assert interview.status is Status.PAUSED and interview.checkpoint == Checkpoint(0, Phase.ANSWER, 70)
    assert log.newest_resumable().id == iid
    rows = log.answers(iid)
    resumed = InterviewSession.resume_from(interview.plan, [r.record for r in rows], interview.checkpoint, clock)
    assert resumed.paused and resumed.phase is Phase.ANSWER and resumed.remaining() == 110
    assert rows[0].answer == "half an answer"
    clock.advance(30)
    assert resumed.remaining() == 110  # still paused until the user resumes
    resumed.resume()
    clock.advance(110)
    resumed.update()
    assert resumed.phase is Phase.FOLLOW_UP  # the answer's deadline came 110 s after resuming
    assert resumed.records[0].used_s == {Phase.THINK: 0, Phase.ANSWER: 180}


def test_a_crash_leaves_it_running_and_the_next_launch_offers_it_from_the_last_save(tmp_path: Path) -> None:
    clock = Ticker()
    s = run(clock)
    clock.advance(25)
    store, log = log_of(tmp_path)
    iid = log.start(PLAN)
    save_all(log, iid, s)  # the last keystroke's save, 25 s into thinking
    clock.advance(20)  # typing on, then SIGKILL: nothing more reached the disk
    store.close()

    store, log = log_of(tmp_path)
    assert log.get(iid).status is Status.RUNNING
    assert waiting_at_launch(store) and claim_interrupted(store) == []  # the launch check claimed it
    interview = log.get(iid)
    assert interview.status is Status.INTERRUPTED and interview.status.resumable
    assert [x.status for x in log.summaries()] == [Status.INTERRUPTED]  # never "running" for ever
    resumed = InterviewSession.resume_from(interview.plan, [r.record for r in log.answers(iid)],
                                           interview.checkpoint, clock)
    assert resumed.phase is Phase.THINK and resumed.remaining() == 35
    assert stopped_at(interview.plan, interview.checkpoint) == "question 1 of 3, thinking, 0:35 left"


def test_resuming_mid_question_keeps_what_happened_to_earlier_ones(tmp_path: Path) -> None:
    clock = Ticker()
    s = run(clock)
    s.next()
    clock.advance(40)
    s.skip()  # q1 skipped while answering
    clock.advance(10)  # q2 thinking
    store, log = log_of(tmp_path)
    iid = log.start(PLAN)
    save_all(log, iid, s, Status.PAUSED)
    interview = log.get(iid)
    resumed = InterviewSession.resume_from(interview.plan, [r.record for r in log.answers(iid)],
                                           interview.checkpoint, clock)
    resumed.resume()
    clock.advance(5)
    resumed.end_early()
    first, second, third = resumed.records
    assert first.skipped_in is Phase.ANSWER and first.used_s == {Phase.THINK: 0, Phase.ANSWER: 40}
    assert second.used_s == {Phase.THINK: 15} and second.ended_in is Phase.THINK
    assert not third.asked


def test_a_checkpoint_that_does_not_fit_the_plan_is_refused() -> None:
    records = [QuestionRecord(q.question_id) for q in PLAN.questions]
    with pytest.raises(ValueError):
        InterviewSession.resume_from(PLAN, records, Checkpoint(5, Phase.THINK, 0), Ticker())
    with pytest.raises(ValueError):
        InterviewSession.resume_from(PLAN, records, Checkpoint(2, Phase.THINK, 0), Ticker())  # q3 has no thinking
    with pytest.raises(ValueError):
        InterviewSession.resume_from(PLAN, records[:1], Checkpoint(0, Phase.THINK, 0), Ticker())


def test_a_phase_that_moves_on_at_zero_resumes_at_zero_not_in_the_past() -> None:
    clock = Ticker()
    records = [QuestionRecord(q.question_id) for q in PLAN.questions]
    s = InterviewSession.resume_from(PLAN, records, Checkpoint(0, Phase.ANSWER, 500), clock)
    assert s.remaining() == 0
    s.resume()
    s.update()
    assert s.phase is Phase.FOLLOW_UP and s.remaining() == 30


# ------------------------------------------------------------------------------ upgrading


def test_interviews_from_the_previous_version_read_as_truly_as_they_can(tmp_path: Path) -> None:
    path = tmp_path / DB_NAME
    conn = sqlite3.connect(path, isolation_level=None)
    for version in range(1, 5):
        conn.executescript(f"BEGIN; {MIGRATIONS[version]}; PRAGMA user_version = {version}; COMMIT;")
    conn.executescript("""
        INSERT INTO interviews (id, started_at, preset, plan, status) VALUES
            (1, '2026-03-01T09:00:00+00:00', 'Old', '{}', 'ended early'),
            (2, '2026-03-02T09:00:00+00:00', 'Quit', '{}', 'running');
        INSERT INTO interview_answers (interview_id, position, question_id, answer, used, overtime_s, skipped, score)
        VALUES (1, 0, 'a', 'typed', '{"thinking": 10, "answering": 70}', 5, 0, 4),
               (1, 1, 'b', '', '{"thinking": 3, "answering": 9, "follow-up": 2}', 0, 1, NULL),
               (1, 2, 'c', '', '{}', 0, 0, 3),
               (2, 0, 'a', 'kept', '{}', 0, 0, NULL);
    """)
    conn.close()
    store = Store.open(path)
    log = store.interview_store
    a, b, c = log.answers(1)
    assert (a.record.asked, a.record.overtime_s) == (True, {Phase.ANSWER: 5.0})
    assert (b.record.follow_up_asked, b.record.skipped_in) == (True, Phase.FOLLOW_UP)
    assert not c.record.asked  # "Used 0:00 of 4:00" was never true
    assert tally(log.answers(1)).scored == 1
    quit_one = log.get(2)
    assert quit_one.status is Status.INTERRUPTED and quit_one.checkpoint == Checkpoint(0, Phase.THINK, 0.0)
    assert log.answers(2)[0].answer == "kept"
