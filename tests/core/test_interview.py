from __future__ import annotations

import random

import pytest

from desktop.core.bank import Bank, Category, FollowUp, Question
from desktop.core.interview import (
    PRESETS,
    InterviewSession,
    Phase,
    Plan,
    PlannedQuestion,
    choose_questions,
    plan_from_preset,
)
from tests.core.fakes import Ticker


def plan(overtime: bool = False, follow: bool = False) -> Plan:
    return Plan("test", (
        PlannedQuestion("q1", 60, 180, "And then?" if follow else "", 30 if follow else 0),
        PlannedQuestion("q2", 0, 120),
    ), overtime)


def test_phases_run_think_answer_next_and_finish_on_deadlines() -> None:
    clock = Ticker(1000.0)
    s = InterviewSession(plan(), clock)
    assert s.phase is Phase.INTRO and s.total_remaining() == 360
    s.start()
    assert (s.phase, s.current.question_id, s.remaining()) == (Phase.THINK, "q1", 60)
    clock.t += 59.5
    s.update()
    assert s.phase is Phase.THINK and s.remaining() == pytest.approx(0.5)
    clock.t += 0.5
    s.update()
    assert s.phase is Phase.ANSWER and s.remaining() == 180
    clock.t += 200  # well past the answer deadline: auto-advance to q2, which has no think time
    s.update()
    assert (s.phase, s.current.question_id) == (Phase.ANSWER, "q2")
    assert s.remaining() == pytest.approx(100)  # q2 started at q1's deadline, not when update() ran
    clock.t += 100
    s.update()
    assert s.phase is Phase.FINISHED and s.done
    assert s.records[0].used_s == {Phase.THINK: 60, Phase.ANSWER: 180}
    assert s.records[0].overtime_s == {}


def test_answering_early_moves_on_and_records_time_used() -> None:
    clock = Ticker(1000.0)
    s = InterviewSession(plan(), clock)
    s.start()
    clock.t += 10
    s.next()  # done thinking
    clock.t += 45
    s.next()  # done answering
    assert s.current.question_id == "q2"
    assert s.records[0].used_s == {Phase.THINK: 10, Phase.ANSWER: 45}


def test_overtime_keeps_going_and_is_recorded_not_capped() -> None:
    clock = Ticker(1000.0)
    s = InterviewSession(plan(overtime=True), clock)
    s.start()
    clock.t += 60
    s.update()  # thinking still ends at zero
    assert s.phase is Phase.ANSWER
    clock.t += 180 + 42
    s.update()
    assert s.phase is Phase.ANSWER and s.remaining() == pytest.approx(-42)
    s.next()
    assert s.records[0].overtime_s == {Phase.ANSWER: pytest.approx(42)}
    assert s.records[0].used_s[Phase.ANSWER] == pytest.approx(222)


def test_pause_freezes_the_clock_and_resume_moves_the_deadline() -> None:
    clock = Ticker(1000.0)
    s = InterviewSession(plan(), clock)
    s.start()
    clock.t += 20
    s.pause()
    clock.t += 600  # a long pause
    s.update()
    assert s.paused and s.phase is Phase.THINK and s.remaining() == pytest.approx(40)
    s.resume()
    assert s.remaining() == pytest.approx(40)
    clock.t += 40
    s.update()
    assert s.phase is Phase.ANSWER
    assert s.records[0].used_s[Phase.THINK] == pytest.approx(60)  # the pause is not counted


def test_follow_up_is_asked_after_the_answer_when_planned() -> None:
    clock = Ticker(1000.0)
    s = InterviewSession(plan(follow=True), clock)
    s.start()
    s.next()
    s.next()
    assert s.phase is Phase.FOLLOW_UP and s.current.follow_up == "And then?" and s.remaining() == 30
    s.next()
    assert s.current.question_id == "q2"


def test_skip_and_end_early() -> None:
    clock = Ticker(1000.0)
    s = InterviewSession(plan(), clock)
    s.start()
    clock.t += 5
    s.skip()
    assert s.records[0].skipped and s.current.question_id == "q2"
    clock.t += 30
    s.end_early()
    assert s.phase is Phase.ENDED_EARLY and s.records[1].used_s == {Phase.ANSWER: 30}
    s.update()
    s.next()
    assert s.phase is Phase.ENDED_EARLY


def test_no_drift_over_a_simulated_hour_of_irregular_repaints() -> None:
    clock = Ticker(1000.0)
    long_plan = Plan("hour", tuple(PlannedQuestion(f"q{i}", 0, 300) for i in range(12)))
    s = InterviewSession(long_plan, clock)
    s.start()
    rng = random.Random(1)
    elapsed = 0.0
    while elapsed < 3599:
        step = min(rng.uniform(0.01, 2.5), 3599.5 - elapsed)  # repaints arrive late, early, bunched
        clock.t += step
        elapsed += step
        s.update()
        assert s.total_remaining() == pytest.approx(3600 - elapsed, abs=1e-6)
    clock.t += 3600 - elapsed
    s.update()
    assert s.phase is Phase.FINISHED
    assert sum(r.total_used_s for r in s.records) == pytest.approx(3600, abs=1e-6)


def bank() -> Bank:
    qs = []
    for cat in ("fundamentals", "behavioral-career", "neural-networks"):
        for i in range(6):
            qs.append(Question(id=f"{cat}-{i}", category=cat, difficulty=("easy", "hard")[i % 2], title=f"{cat} {i}",
                               answer="a", key_points=("k",), follow_ups=(FollowUp(f"why {i}?", "hint"),)))
    return Bank((Category("fundamentals", "F"), Category("behavioral-career", "B"), Category("neural-networks", "N")),
                tuple(qs))


def test_choice_avoids_recent_questions_and_leans_to_weak_categories() -> None:
    b = bank()
    picked = choose_questions(b, 4, categories=("fundamentals",), avoid={"fundamentals-0", "fundamentals-1"},
                              rng=random.Random(3))
    assert len(picked) == 4 and not {"fundamentals-0", "fundamentals-1"} & set(picked)
    all_recent = {q.id for q in b.questions if q.category == "fundamentals"}
    assert len(choose_questions(b, 3, categories=("fundamentals",), avoid=all_recent)) == 3  # falls back when needed
    weak_first = choose_questions(b, 6, weak_categories=("neural-networks",), rng=random.Random(5))
    assert all(qid.startswith("neural-networks") for qid in weak_first)


def test_presets_build_plans_with_follow_ups_where_asked() -> None:
    b = bank()
    deep = next(p for p in PRESETS if p.key == "deep-dive")
    p = plan_from_preset(b, deep, rng=random.Random(0))
    assert len(p.questions) == 4
    assert all(b.get(q.question_id).difficulty == "hard" for q in p.questions)  # type: ignore[union-attr]
    assert all(q.follow_up.startswith("why") and q.follow_up_s > 0 for q in p.questions)
    behavioural = plan_from_preset(b, next(p for p in PRESETS if p.key == "behavioural"))
    assert {b.get(q.question_id).category for q in behavioural.questions} == {"behavioral-career"}  # type: ignore[union-attr]


def test_key_points_mentioned_in_the_answer_are_suggested() -> None:
    from desktop.core.interview import suggest_ticks

    points = ["Bias is error from wrong assumptions", "Variance is sensitivity to the training sample",
              "Regularization trades variance for bias", "Double descent appears past interpolation"]
    answer = ("Bias comes from wrong assumptions in the model. Variance measures sensitivity to which training "
              "sample we drew. Regularising the model reduces variance.")
    assert suggest_ticks(answer, points) == [True, True, True, False]
    assert suggest_ticks("", points) == [False] * 4


def test_a_coding_answer_is_judged_on_its_own_lines_not_the_starters_docstrings() -> None:
    from desktop.core.interview_review import suggest

    points = ["The gradient with respect to the logits is (P - Y)/n", "Subtract each row's max before exponentiating"]
    starter = ('def cross_entropy_grad(logits, labels):\n    """Gradient of cross_entropy with respect to logits:\n'
               '    (P - Y)/n, an (n, C) array."""\n    raise NotImplementedError\n')
    assert suggest(starter, points) == [True, False]  # read as prose, the docstring "covers" the gradient
    assert suggest(starter, points, starter) == [False, False]  # but nothing of it was written
    written = starter.replace("    raise NotImplementedError\n",
                              "    z = logits - logits.max(axis=1, keepdims=True)  # subtract each row's max\n")
    assert suggest(written, points, starter) == [False, True]  # what was written still counts


def test_scores_map_to_grades() -> None:
    from desktop.core.interview_review import score_to_grade

    assert [score_to_grade(s) for s in range(1, 6)] == [1, 1, 2, 3, 4]
    with pytest.raises(ValueError):
        score_to_grade(0)


def test_a_preset_whose_categories_are_missing_falls_back_to_the_whole_bank() -> None:
    b = bank()
    phone = next(p for p in PRESETS if p.key == "phone")
    only_behavioural = Bank(b.categories, tuple(q for q in b.questions if q.category == "behavioral-career"))
    assert len(plan_from_preset(only_behavioural, phone).questions) == 6


def test_a_plan_is_stored_as_json_and_read_back() -> None:
    from desktop.core.interview_store import plan_from_json, plan_to_json

    p = plan(overtime=True, follow=True)
    text = plan_to_json(p)
    assert text == (  # the exact form earlier versions stored: old interviews still open
        '{"name": "test", "overtime": true, "questions": ['
        '{"id": "q1", "think_s": 60, "answer_s": 180, "follow_up": "And then?", "follow_up_s": 30}, '
        '{"id": "q2", "think_s": 0, "answer_s": 120, "follow_up": "", "follow_up_s": 0.0}]}')
    assert plan_from_json(text) == p
    assert plan_from_json(plan_to_json(plan())) == plan()
    assert plan_from_json("{}") == Plan("", ())  # what imports and the screenshots store
    assert plan_from_json('{"questions": [{"id": "q9"}]}').questions == (PlannedQuestion("q9", 0.0, 0.0),)
    for bad in ("", "[]", '{"questions": 3}', '{"questions": [1]}', '{"questions": [{"think_s": 1}]}'):
        with pytest.raises((ValueError, KeyError)):
            plan_from_json(bad)


def test_a_system_design_round_is_one_case_in_three_timed_stages_scored_on_its_rubric(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Issue 15: 40 minutes on one case: clarify 5, design 25, deep dive 10, reviewed against the rubric."""
    from desktop.core.bank import Bank, Category, FollowUp, Question
    from desktop.core.interview import PRESETS, phase_name
    from desktop.core.interview_review import review_points
    from desktop.core.interview_store import plan_from_json, plan_to_json

    case = Question(id="design-x", category="ml-system-design", difficulty="hard", title="Design X",
                    answer="A summary.", key_points=("k1", "k2", "k3"), tags=("case-study",),
                    follow_ups=(FollowUp("How would you cut serving cost?", "batching"),),
                    walkthrough="**Clarify**: …", rubric=("States a latency budget", "Names a baseline first"))
    other = Question(id="q", category="ml-system-design", difficulty="hard", title="Not a case", answer="a",
                     key_points=("p",), tags=("monitoring",))
    bank = Bank((Category("ml-system-design", "ML system design"),), (other, case))
    design = next(p for p in PRESETS if p.key == "design")
    plan = plan_from_preset(bank, design)
    assert [q.question_id for q in plan.questions] == ["design-x"]  # only a case-study is ever picked
    q = plan.questions[0]
    assert (q.think_s, q.answer_s, q.follow_up_s) == (300, 1500, 600) and plan.total_s == 40 * 60
    assert q.follow_up == "How would you cut serving cost?"
    assert [phase_name(plan, ph) for ph in (Phase.THINK, Phase.ANSWER, Phase.FOLLOW_UP)] == [
        "Clarify", "Design", "Deep dive"]
    assert plan_from_json(plan_to_json(plan)).kind == "design"  # History still knows what it was
    assert review_points(case) == case.rubric and review_points(other) == other.key_points
    clock = Ticker(1000.0)
    s = InterviewSession(plan, clock)
    s.start()
    assert s.phase is Phase.THINK and s.remaining() == 300 and s.total_remaining() == 2400
    clock.t += 300
    s.update()
    assert s.phase is Phase.ANSWER and s.total_remaining() == 2100


def test_a_coding_round_is_two_exercises_in_35_minutes_with_no_thinking_phase() -> None:
    """Issue 21: a coding round picks only exercises, each coded against the clock from the first second."""
    from desktop.core.bank import Bank, Category, Question
    from desktop.core.interview import PRESETS, phase_name
    from desktop.core.interview_store import plan_from_json, plan_to_json

    def exercise(qid: str) -> Question:
        return Question(id=qid, category="coding", difficulty="medium", title=qid, answer="a", key_points=("p",),
                        starter="def f():\n    pass\n", solution="def f():\n    return 1\n",
                        tests="from solution import f\n\ndef test_f():\n    assert f() == 1\n")

    concept = Question(id="concept", category="coding", difficulty="easy", title="Not code", answer="a",
                       key_points=("p",))
    bank = Bank((Category("coding", "Coding"),), (concept, exercise("ex-a"), exercise("ex-b"), exercise("ex-c")))
    coding = next(p for p in PRESETS if p.key == "coding")
    for seed in range(5):
        plan = plan_from_preset(bank, coding, rng=random.Random(seed))
        assert len(plan.questions) == 2 and {q.question_id for q in plan.questions} <= {"ex-a", "ex-b", "ex-c"}
    assert plan.kind == "coding" and plan.total_s == 35 * 60
    assert all(q.think_s == 0 and not q.follow_up for q in plan.questions)
    assert phase_name(plan, Phase.ANSWER) == "Coding"
    assert plan_from_json(plan_to_json(plan)).kind == "coding"
    s = InterviewSession(plan, Ticker(0.0))
    s.start()
    assert s.phase is Phase.ANSWER  # no thinking phase: the code is the plan
    assert plan_from_preset(Bank((Category("coding", "Coding"),), (concept,)), coding).questions == ()


def test_a_leap_of_the_clock_is_taken_as_a_pause_where_it_was_last_seen() -> None:
    """A laptop waking from sleep (Windows' monotonic clock counts the sleep) or a stopped process: the
    deadlines did not run out while nobody could answer, and no later question counts as asked."""
    clock = Ticker(1000.0)
    s = InterviewSession(plan(overtime=True), clock, sleep_gap_s=60)
    s.start()
    for _ in range(40):  # looked at often, as the runner does
        clock.t += 0.5
        s.update()
    clock.t += 3 * 3600  # asleep
    s.update()
    assert s.paused and s.slept_s == 3 * 3600 and (s.index, s.phase) == (0, Phase.THINK)
    assert s.remaining() == 40 and s.checkpoint().phase_used_s == 20
    clock.t += 5  # paused: not counted either
    s.resume()
    clock.t += 1  # a slow look after a resume is no leap
    s.update()
    assert not s.paused and s.remaining() == 39
    clock.t += 30  # within the gap: the user's own pace, counted
    s.next()
    assert s.phase is Phase.ANSWER and not s.paused
    clock.t += 120  # and a leap just before ending it: the answer's time stops where it was last seen
    s.end_early()
    assert s.records[0].used_s == {Phase.THINK: 51, Phase.ANSWER: 0} and s.records[0].overtime_s == {}
    assert not s.records[1].asked


def test_without_a_sleep_gap_every_second_counts() -> None:
    clock = Ticker(1000.0)
    s = InterviewSession(plan(), clock)
    s.start()
    clock.t += 3 * 3600
    s.update()
    assert s.done and not s.slept_s  # the default: a clock that is simply read when asked
