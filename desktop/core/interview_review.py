"""Reviewing a mock interview: what each question's record says, what is ticked and scored, and Quiz. No Qt.

The review reports what happened and nothing else: a question never asked says so, a follow-up is
"asked" only if its phase began, and the overall score counts only answers that were asked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from desktop.core.bank import Question
from desktop.core.interview import Checkpoint, Phase, Plan, PlannedQuestion, QuestionRecord, phase_name, suggest_ticks
from desktop.core.interview_store import InterviewAnswer, Part
from desktop.core.wording import clock_text

if TYPE_CHECKING:
    from desktop.core.scheduler import SpacedRepetition
    from desktop.core.store import Store


# ------------------------------------------------------------- checklists


def review_points(q: Question) -> tuple[str, ...]:
    """What a review ticks off: a design case's rubric, any other question's key points."""
    return q.rubric or q.key_points


_CLAUSE_JOINER = re.compile(r"^(?:and|or|then|plus)\s+", re.I)


def follow_up_points(q: Question | None, follow_up: str) -> tuple[str, ...]:
    """A follow-up's key points: its hint in the bank, cut at the commas and semicolons between its clauses.

    Commas inside a formula or brackets do not cut. A follow-up the bank no longer has gives none.
    """
    hint = next((f.hint for f in q.follow_ups if f.question == follow_up), "") if q else ""
    points, depth, in_math, start = [], 0, False, 0
    for i, ch in enumerate(hint):
        if ch == "$":
            in_math = not in_math
        elif not in_math and ch in "([{":
            depth += 1
        elif not in_math and ch in ")]}":
            depth = max(0, depth - 1)
        elif not in_math and depth == 0 and ch in ",;":
            points.append(hint[start:i])
            start = i + 1
    points.append(hint[start:])
    cleaned = (_CLAUSE_JOINER.sub("", p.strip()).rstrip(".").strip() for p in points)
    return tuple(p for p in cleaned if p)


def suggest(answer: str, points: Sequence[str], starter: str = "") -> list[bool]:
    """Which points the typed answer seems to cover: a suggestion the user confirms, tick by tick.

    Every review suggestion goes through here, so the key-point matcher is swapped in one place. A coding
    answer is judged on its lines that are not the `starter`'s: the starter's docstrings name what the code
    must do (an untouched starter "mentioned" the gradient it never computed).
    """
    given = {line.strip() for line in starter.splitlines() if line.strip()}
    written = "\n".join(line for line in answer.splitlines() if line.strip() not in given)
    return suggest_ticks(written, points)


# ----------------------------------------------------------------- scores


@dataclass(frozen=True)
class Tally:
    scored: int
    to_score: int  # answers that were asked: questions and follow-ups
    mean: float | None  # of the scored ones, None before any


def tally(rows: Iterable[InterviewAnswer]) -> Tally:
    """The overall score: only answers that were asked count, follow-ups as answers of their own."""
    scores = [row.score_of(part) for row in rows for part in Part if row.asked(part)]
    given = [s for s in scores if s is not None]
    return Tally(len(given), len(scores), sum(given) / len(given) if given else None)


def score_to_grade(score: int) -> int:
    """A 1-5 self-score as a spaced-repetition grade (1 Again … 4 Easy): low scores come back sooner."""
    if not 1 <= score <= 5:
        raise ValueError("scores run from 1 to 5")
    return {1: 1, 2: 1, 3: 2, 4: 3, 5: 4}[score]


@dataclass(frozen=True)
class Sent:
    position: int
    question_id: str
    score: int
    due: datetime  # when Quiz brings the question back


def send_scores(store: Store, sr: SpacedRepetition, interview_id: int) -> list[Sent]:
    """Grade in Quiz every asked question whose score is new or changed since it was last sent, in one
    transaction, and have this interview's later scores follow. A changed score replaces the grade it sent
    while that is still the newest review (as Quiz's undo would); otherwise it is graded again."""
    from desktop.core.scheduler import Grade

    log = store.interview_store
    rows = [r for r in log.answers(interview_id)
            if r.record.asked and r.score is not None and r.score != r.sent_score]
    rows.sort(key=lambda r: -(r.sent_review_id or 0))  # newest first, so each can still be undone in turn
    sent = []
    with store.transaction():
        log.follow_in_quiz(interview_id)
        for row in rows:
            assert row.score is not None
            if row.sent_review_id is not None and log.newest_live_review() == row.sent_review_id:
                sr.undo(expected=row.question_id)
            card = sr.grade(row.question_id, Grade(score_to_grade(row.score)))
            log.mark_sent(interview_id, row.position, row.score, log.newest_live_review())
            sent.append(Sent(row.position, row.question_id, row.score, card.due))
    return sent


# ------------------------------------------------------------- the record

_DURING = {Phase.FOLLOW_UP: "during the {}"}


def _during(plan: Plan, phase: Phase) -> str:
    return _DURING.get(phase, "during {}").format(phase_name(plan, phase).lower())


def _time(plan: Plan, record: QuestionRecord, phase: Phase, allowed: float) -> str:
    name = phase_name(plan, phase)
    if phase not in record.used_s:
        return f"{name} not reached"
    text = f"{name} {clock_text(record.used_s[phase])} of {clock_text(allowed)}"
    over = record.overtime_s.get(phase, 0.0)
    return text + (f", {clock_text(over)} over" if over >= 0.5 else "")


def question_facts(row: InterviewAnswer, planned: PlannedQuestion | None, plan: Plan) -> str:
    """What happened to a question, in words: time used against allowed per phase, overtime, skip,
    where the interview ended, and whether its follow-up was asked."""
    r = row.record
    if not r.asked:
        return "Not asked: the interview ended before this question"
    think = planned.think_s if planned else r.used_s.get(Phase.THINK, 0.0)
    answer = planned.answer_s if planned else 0.0
    facts = [_time(plan, r, phase, allowed) for phase, allowed in ((Phase.THINK, think), (Phase.ANSWER, answer))
             if allowed > 0 or phase in r.used_s]
    if r.skipped:
        assert r.skipped_in is not None
        facts.append(f"skipped {_during(plan, r.skipped_in)}")
    if r.ended_in in (Phase.THINK, Phase.ANSWER):
        facts.append(f"interview ended {_during(plan, r.ended_in)}")
    if planned and planned.follow_up:
        follow = phase_name(plan, Phase.FOLLOW_UP).lower()
        if r.follow_up_asked:
            facts.append(f"{follow} asked (below)")
        else:
            why = ": question skipped" if r.skipped else ": interview ended" if r.ended_in else ""
            facts.append(f"{follow} not asked{why}")
    return _sentence(facts)


def follow_up_facts(row: InterviewAnswer, planned: PlannedQuestion | None, plan: Plan) -> str:
    """What happened to a follow-up that was asked: its time, overtime, a skip, or the end of the interview."""
    r = row.record
    facts = [_time(plan, r, Phase.FOLLOW_UP, planned.follow_up_s if planned else 0.0)]
    if r.follow_up_skipped:
        facts.append("skipped")
    if r.ended_in is Phase.FOLLOW_UP:
        facts.append("interview ended here")
    return _sentence(facts)


def _sentence(facts: list[str]) -> str:
    text = " · ".join(facts)
    return text[:1].upper() + text[1:]


def stopped_at(plan: Plan, at: Checkpoint) -> str:
    """Where a resumable interview stands: "question 3 of 6, answering, 1:20 left"."""
    where = f"question {at.index + 1} of {len(plan.questions)}, {phase_name(plan, at.phase).lower()}"
    if not 0 <= at.index < len(plan.questions):
        return where
    q = plan.questions[at.index]
    allowed = {Phase.THINK: q.think_s, Phase.ANSWER: q.answer_s, Phase.FOLLOW_UP: q.follow_up_s}.get(at.phase, 0.0)
    left = allowed - at.phase_used_s
    return f"{where}, {clock_text(left)} left" if left > 0 else f"{where}, {clock_text(-left)} over"
