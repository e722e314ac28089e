"""Mock interviews on disk: one part of the user's database, over the Store's connection. No Qt.

Every interview is a row in `interviews` (its plan, its status and, while it can still be resumed,
where it stood) and a row per planned question in `interview_answers` (what happened to it, the
answer and the follow-up answer, ticks and scores). JSON columns are written and read only here:
callers get typed rows.

What a status means, and the check at launch: interview_status.py.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING

from desktop.core.changes import Change
from desktop.core.interview import Checkpoint, Phase, Plan, PlannedQuestion, QuestionRecord
from desktop.core.interview_status import Status

if TYPE_CHECKING:
    from desktop.core.store import Store


class Part(Enum):
    """What a review scores: the question's answer, or its follow-up's."""

    MAIN = "main"
    FOLLOW_UP = "follow-up"


@dataclass(frozen=True)
class Interview:
    id: int
    started_at: datetime
    preset: str
    plan: Plan
    status: Status
    finished_at: datetime | None
    follows_quiz: bool  # its scores are sent to Quiz as they are given (after the first "Schedule")
    checkpoint: Checkpoint | None  # where it stood, if it can be resumed


@dataclass(frozen=True)
class InterviewSummary:
    """One line of History."""

    id: int
    started_at: datetime
    preset: str
    status: Status
    questions: int  # planned
    asked: int  # questions whose first phase began
    to_score: int  # answers asked: questions plus follow-ups
    scored: int
    average_score: float | None  # over the scored answers that were asked; None before any


@dataclass(frozen=True)
class InterviewAnswer:
    """One planned question of a stored interview: what happened, what was typed, how it was scored."""

    position: int
    record: QuestionRecord  # asked or not, time per phase, overtime, skips, where it ended
    allotted_s: float
    answer: str = ""
    ticked: tuple[bool, ...] = ()  # the key points the user confirmed, in order
    score: int | None = None  # the 1-5 self-score, None until scored
    follow_up_answer: str = ""
    follow_up_ticked: tuple[bool, ...] = ()
    follow_up_score: int | None = None
    sent_score: int | None = None  # the score Quiz last got from this answer
    sent_review_id: int | None = None  # the review it made there

    @property
    def question_id(self) -> str:
        return self.record.question_id

    def asked(self, part: Part) -> bool:
        return self.record.asked if part is Part.MAIN else self.record.follow_up_asked

    def text(self, part: Part) -> str:
        return self.answer if part is Part.MAIN else self.follow_up_answer

    def ticks(self, part: Part) -> tuple[bool, ...]:
        return self.ticked if part is Part.MAIN else self.follow_up_ticked

    def score_of(self, part: Part) -> int | None:
        return self.score if part is Part.MAIN else self.follow_up_score


@dataclass(frozen=True)
class PastScore:
    started_at: datetime
    score: int


_ANSWER_COLUMNS = ("position, question_id, answer, used, overtime, allotted_s, asked, follow_up_asked, skipped_in, "
                   "ended_in, ticked, score, follow_up_answer, follow_up_ticked, follow_up_score, sent_score, "
                   "sent_review_id")
_TEXT = {Part.MAIN: "answer", Part.FOLLOW_UP: "follow_up_answer"}
_REVIEW = {Part.MAIN: ("score", "ticked"), Part.FOLLOW_UP: ("follow_up_score", "follow_up_ticked")}


class InterviewStore:
    """The interview part of the Store: same connection, same transactions, same change feed."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._db = store._db  # one connection for every kind of data, so one transaction can span them

    # ------------------------------------------------------------- running

    def start(self, plan: Plan) -> int:
        """Record a new interview, RUNNING, with a row per planned question."""
        s = self._store
        with s.transaction():
            cur = s._write("INSERT INTO interviews (started_at, preset, plan, status) VALUES (?, ?, ?, ?)",
                           (s._now(), plan.name, plan_to_json(plan), Status.RUNNING.value))
            interview_id = int(cur.lastrowid or 0)
            for position, q in enumerate(plan.questions):
                s._write("INSERT INTO interview_answers (interview_id, position, question_id, allotted_s) "
                         "VALUES (?, ?, ?, ?)", (interview_id, position, q.question_id,
                                                 q.think_s + q.answer_s + q.follow_up_s))
        s._announce(Change.INTERVIEWS)
        return interview_id

    def save_answer(self, interview_id: int, position: int, part: Part, text: str) -> None:
        self._store._write(f"UPDATE interview_answers SET {_TEXT[part]} = ? WHERE interview_id = ? AND position = ?",
                           (text, interview_id, position))

    def save_progress(self, interview_id: int, records: Mapping[int, QuestionRecord], at: Checkpoint | None,
                      status: Status = Status.RUNNING) -> None:
        """What happened to these questions and where the interview stands, together."""
        s = self._store
        with s.transaction():
            for position, record in records.items():
                self._write_record(interview_id, position, record)
            s._write("UPDATE interviews SET status = ?, position = ?, phase = ?, phase_used_s = ? WHERE id = ?",
                     (status.value, at.index if at else None, at.phase.value if at else None,
                      round(at.phase_used_s, 2) if at else None, interview_id))
        if status is not Status.RUNNING:
            s._announce(Change.INTERVIEWS)

    def finish(self, interview_id: int, records: Mapping[int, QuestionRecord], status: Status) -> None:
        """The interview is over: every question's record, the status, and no checkpoint left to resume."""
        s = self._store
        with s.transaction():
            for position, record in records.items():
                self._write_record(interview_id, position, record)
            s._write("UPDATE interviews SET status = ?, finished_at = ?, position = NULL, phase = NULL, "
                     "phase_used_s = NULL WHERE id = ?", (status.value, s._now(), interview_id))
        s._announce(Change.INTERVIEWS)

    def _write_record(self, interview_id: int, position: int, r: QuestionRecord) -> None:
        self._store._write(
            "UPDATE interview_answers SET used = ?, overtime = ?, overtime_s = ?, asked = ?, follow_up_asked = ?, "
            "skipped_in = ?, skipped = ?, ended_in = ? WHERE interview_id = ? AND position = ?",
            (_phases_to_json(r.used_s), _phases_to_json(r.overtime_s), round(r.total_overtime_s, 1), int(r.asked),
             int(r.follow_up_asked), r.skipped_in.value if r.skipped_in else None, int(r.skipped_in is not None),
             r.ended_in.value if r.ended_in else None, interview_id, position))

    # -------------------------------------------------------------- review

    def save_review(self, interview_id: int, position: int, part: Part, score: int | None,
                    ticked: Sequence[bool]) -> None:
        score_column, ticked_column = _REVIEW[part]
        self._store._write(f"UPDATE interview_answers SET {score_column} = ?, {ticked_column} = ? "
                           "WHERE interview_id = ? AND position = ?",
                           (score, json.dumps([bool(t) for t in ticked]), interview_id, position))
        self._store._announce(Change.INTERVIEWS)

    def follow_in_quiz(self, interview_id: int) -> None:
        """From now on this interview's scores go to Quiz as they are given."""
        self._store._write("UPDATE interviews SET scheduled = 1 WHERE id = ?", (interview_id,))

    def mark_sent(self, interview_id: int, position: int, score: int, review_id: int | None) -> None:
        self._store._write("UPDATE interview_answers SET sent_score = ?, sent_review_id = ? "
                           "WHERE interview_id = ? AND position = ?", (score, review_id, interview_id, position))

    def newest_live_review(self) -> int | None:
        """The id of the newest grade not undone (the one Quiz's undo would take back)."""
        row = self._db.execute("SELECT max(id) FROM review_log WHERE undone_at IS NULL").fetchone()
        return None if row is None or row[0] is None else int(row[0])

    # ------------------------------------------------------------- reading

    def get(self, interview_id: int) -> Interview | None:
        row = self._db.execute("SELECT id, started_at, preset, plan, status, finished_at, scheduled, position, "
                               "phase, phase_used_s FROM interviews WHERE id = ?", (interview_id,)).fetchone()
        if row is None:
            return None
        iid, started, preset, plan, status, finished, scheduled, position, phase, used = row
        checkpoint = None
        if Status(status) is Status.RUNNING or Status(status).resumable:
            checkpoint = (Checkpoint(int(position), Phase(phase), float(used or 0.0)) if phase is not None
                          else self._checkpoint_guess(iid))
        return Interview(int(iid), datetime.fromisoformat(started), str(preset), plan_from_json(str(plan)),
                         Status(status), datetime.fromisoformat(finished) if finished else None, bool(scheduled),
                         checkpoint)

    def _checkpoint_guess(self, interview_id: int) -> Checkpoint | None:
        """Versions before checkpoints saved only finished questions: resume at the first one not finished."""
        row = self._db.execute("SELECT min(position) FROM interview_answers WHERE interview_id = ? AND used = '{}'",
                               (interview_id,)).fetchone()
        return Checkpoint(int(row[0]), Phase.THINK, 0.0) if row and row[0] is not None else None

    def answers(self, interview_id: int) -> list[InterviewAnswer]:
        rows = self._db.execute(f"SELECT {_ANSWER_COLUMNS} FROM interview_answers WHERE interview_id = ? "
                                "ORDER BY position", (interview_id,))
        return [_answer(r) for r in rows]

    def summaries(self) -> list[InterviewSummary]:
        """Every interview, newest first."""
        rows = self._db.execute(
            "SELECT i.id, i.started_at, i.preset, i.status, count(a.position), coalesce(sum(a.asked), 0), "
            "coalesce(sum(a.asked) + sum(a.follow_up_asked), 0), "
            "count(CASE WHEN a.asked THEN a.score END) "
            "  + count(CASE WHEN a.follow_up_asked THEN a.follow_up_score END), "
            "coalesce(sum(CASE WHEN a.asked THEN a.score END), 0) "
            "  + coalesce(sum(CASE WHEN a.follow_up_asked THEN a.follow_up_score END), 0) "
            "FROM interviews i LEFT JOIN interview_answers a ON a.interview_id = i.id GROUP BY i.id ORDER BY i.id DESC")
        return [InterviewSummary(int(iid), datetime.fromisoformat(started), str(preset), Status(status), int(n),
                                 int(asked), int(to_score), int(scored), total / scored if scored else None)
                for iid, started, preset, status, n, asked, to_score, scored, total in rows]

    def newest_resumable(self, besides: int | None = None) -> InterviewSummary | None:
        """The newest interview that can be resumed (RUNNING counts: no app holds it but `besides`)."""
        for summary in self.summaries():
            if summary.id != besides and (summary.status.resumable or summary.status is Status.RUNNING):
                return summary
        return None

    def past_scores(self, question_id: str, before_interview: int | None = None) -> list[PastScore]:
        """Earlier self-scores for a question, oldest first."""
        rows = self._db.execute(
            "SELECT i.started_at, a.score FROM interview_answers a JOIN interviews i ON i.id = a.interview_id "
            "WHERE a.question_id = ? AND a.score IS NOT NULL AND a.asked AND i.id < ? ORDER BY i.id",
            (question_id, before_interview if before_interview is not None else 2**62))
        return [PastScore(datetime.fromisoformat(t), int(score)) for t, score in rows]

    def recent_questions(self, last: int = 3) -> set[str]:
        rows = self._db.execute(
            "SELECT question_id FROM interview_answers WHERE interview_id IN "
            "(SELECT id FROM interviews ORDER BY id DESC LIMIT ?)", (last,))
        return {r[0] for r in rows}


# ------------------------------------------------------------ stored form


def plan_to_json(plan: Plan) -> str:
    """The plan as stored with an interview (the questions, their times and follow-ups)."""
    stored: dict[str, object] = {"name": plan.name, "overtime": plan.overtime, "questions": [
        {"id": q.question_id, "think_s": q.think_s, "answer_s": q.answer_s, "follow_up": q.follow_up,
         "follow_up_s": q.follow_up_s} for q in plan.questions]}
    if plan.kind != "concept":  # earlier versions stored no kind; their plans read back as concept rounds
        stored["kind"] = plan.kind
    return json.dumps(stored)


def plan_from_json(text: str) -> Plan:
    """A stored plan; missing fields take their defaults (`{}` is an empty plan). Raises ValueError if malformed."""
    data = json.loads(text)
    if not isinstance(data, dict):
        raise ValueError("a stored plan is a JSON object")
    questions = data.get("questions", [])
    if not isinstance(questions, list) or not all(isinstance(q, dict) for q in questions):
        raise ValueError("a stored plan's questions are a list of objects")
    return Plan(str(data.get("name", "")), tuple(
        PlannedQuestion(str(q["id"]), float(q.get("think_s", 0.0)), float(q.get("answer_s", 0.0)),
                        str(q.get("follow_up", "")), float(q.get("follow_up_s", 0.0)))
        for q in questions), bool(data.get("overtime", False)), str(data.get("kind", "concept")))


def _phases_to_json(seconds: Mapping[Phase, float]) -> str:
    """Seconds per phase, to a tenth of a second."""
    return json.dumps({phase.value: round(s, 1) for phase, s in seconds.items()})


def _phases_from_json(text: str) -> dict[Phase, float]:
    data = json.loads(text)
    if not isinstance(data, dict):
        raise ValueError("time per phase is a JSON object")
    return {Phase(str(phase)): _number(s) for phase, s in data.items()}


def _ticks_from_json(text: str) -> tuple[bool, ...]:
    data = json.loads(text)
    if not isinstance(data, list):
        raise ValueError("ticks are a JSON list")
    return tuple(bool(t) for t in data)


def _number(value: object) -> float:
    if not isinstance(value, int | float | str):
        raise ValueError(f"not a number: {value!r}")
    return float(value)


def _phase(value: object) -> Phase | None:
    return None if value is None else Phase(str(value))


def _score(value: object) -> int | None:
    return None if value is None else int(_number(value))


def _answer(row: Sequence[object]) -> InterviewAnswer:
    """One stored row, typed; raises ValueError if a JSON column is malformed."""
    (position, question_id, answer, used, overtime, allotted, asked, follow_up_asked, skipped_in, ended_in, ticked,
     score, follow_up_answer, follow_up_ticked, follow_up_score, sent_score, sent_review_id) = row
    record = QuestionRecord(str(question_id), _phases_from_json(str(used)), _phases_from_json(str(overtime)),
                            bool(asked), bool(follow_up_asked), _phase(skipped_in), _phase(ended_in))
    return InterviewAnswer(int(_number(position)), record, _number(allotted), str(answer),
                           _ticks_from_json(str(ticked)), _score(score), str(follow_up_answer),
                           _ticks_from_json(str(follow_up_ticked)), _score(follow_up_score), _score(sent_score),
                           _score(sent_review_id))
