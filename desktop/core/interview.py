"""Mock interviews: a plan, and a session whose clock is a deadline, never a tick count. No Qt.

Each question runs think → answer (→ follow-up) phases. Remaining time is always
`deadline - now()` on an injected monotonic clock, so a session cannot drift
however long it runs; pausing moves the deadline. At zero a phase either moves on
or keeps going in overtime, and overtime is recorded, never silently capped.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum

from desktop.core.bank import Bank, Question


class Phase(Enum):
    INTRO = "intro"
    THINK = "thinking"
    ANSWER = "answering"
    FOLLOW_UP = "follow-up"
    FINISHED = "finished"
    ENDED_EARLY = "ended early"


@dataclass(frozen=True)
class PlannedQuestion:
    question_id: str
    think_s: float
    answer_s: float
    follow_up: str = ""  # asked after the answer when the plan says so
    follow_up_s: float = 0.0


@dataclass(frozen=True)
class Plan:
    name: str
    questions: tuple[PlannedQuestion, ...]
    overtime: bool = False  # at zero: keep going (True) or move on (False)
    kind: str = "concept"  # "design": a system-design round, whose phases are clarify, design, deep dive

    @property
    def total_s(self) -> float:
        return sum(q.think_s + q.answer_s + q.follow_up_s for q in self.questions)


@dataclass
class QuestionRecord:
    question_id: str
    used_s: dict[Phase, float] = field(default_factory=dict)  # time spent per phase
    overtime_s: float = 0.0
    skipped: bool = False

    @property
    def total_used_s(self) -> float:
        return sum(self.used_s.values())


class InterviewSession:
    def __init__(self, plan: Plan, now: Callable[[], float]) -> None:
        self.plan = plan
        self.now = now
        self.phase = Phase.INTRO
        self.index = 0
        self.records = [QuestionRecord(q.question_id) for q in plan.questions]
        self._phase_started = 0.0
        self._deadline = 0.0
        self._paused_at: float | None = None

    # ------------------------------------------------------------------ state

    @property
    def paused(self) -> bool:
        return self._paused_at is not None

    @property
    def done(self) -> bool:
        return self.phase in (Phase.FINISHED, Phase.ENDED_EARLY)

    @property
    def current(self) -> PlannedQuestion | None:
        return None if self.done or self.phase is Phase.INTRO else self.plan.questions[self.index]

    def _clock(self) -> float:
        return self._paused_at if self._paused_at is not None else self.now()

    def remaining(self) -> float:
        """Seconds left in this phase; negative in overtime."""
        if self.done or self.phase is Phase.INTRO:
            return 0.0
        return self._deadline - self._clock()

    def total_remaining(self) -> float:
        """Seconds left in the whole interview as planned (this phase plus everything after it)."""
        if self.done:
            return 0.0
        if self.phase is Phase.INTRO:
            return self.plan.total_s
        later = sum(q.think_s + q.answer_s + q.follow_up_s for q in self.plan.questions[self.index + 1:])
        q = self.plan.questions[self.index]
        rest_of_question = {Phase.THINK: q.answer_s + q.follow_up_s, Phase.ANSWER: q.follow_up_s}.get(self.phase, 0.0)
        return max(0.0, self.remaining()) + rest_of_question + later

    # --------------------------------------------------------------- commands

    def start(self) -> None:
        if self.phase is Phase.INTRO:
            self._enter(Phase.THINK if self.plan.questions[0].think_s > 0 else Phase.ANSWER)

    def update(self) -> None:
        """Move on from every phase whose deadline has passed (when the plan moves on at zero)."""
        while not self.done and not self.paused and self.phase is not Phase.INTRO and self.remaining() <= 0:
            if self.plan.overtime and self.phase is not Phase.THINK:
                return  # keep answering; overtime accrues and is recorded when the user moves on
            self._advance(at=self._deadline)

    def next(self) -> None:
        """The user is done with this phase (or skips thinking)."""
        if not self.done and self.phase is not Phase.INTRO:
            self._advance(at=self._clock())

    def skip(self) -> None:
        """Skip the rest of this question."""
        if self.done or self.phase is Phase.INTRO:
            return
        self._close_phase(self._clock())
        self.records[self.index].skipped = True
        self._next_question(self._clock())

    def pause(self) -> None:
        if not self.done and not self.paused and self.phase is not Phase.INTRO:
            self._paused_at = self.now()

    def resume(self) -> None:
        if self._paused_at is not None:
            shift = self.now() - self._paused_at
            self._deadline += shift
            self._phase_started += shift
            self._paused_at = None

    def end_early(self) -> None:
        if not self.done:
            if self.phase is not Phase.INTRO:
                self._close_phase(self._clock())
            self._paused_at = None
            self.phase = Phase.ENDED_EARLY

    # ----------------------------------------------------------------- internal

    def _allotted(self, phase: Phase) -> float:
        q = self.plan.questions[self.index]
        return {Phase.THINK: q.think_s, Phase.ANSWER: q.answer_s, Phase.FOLLOW_UP: q.follow_up_s}[phase]

    def _enter(self, phase: Phase, at: float | None = None) -> None:
        start = self.now() if at is None else at
        self.phase = phase
        self._phase_started = start
        self._deadline = start + self._allotted(phase)

    def _close_phase(self, at: float) -> None:
        record = self.records[self.index]
        used = max(0.0, at - self._phase_started)
        record.used_s[self.phase] = record.used_s.get(self.phase, 0.0) + used
        record.overtime_s += max(0.0, at - self._deadline)

    def _advance(self, at: float) -> None:
        self._close_phase(at)
        q = self.plan.questions[self.index]
        if self.phase is Phase.THINK:
            self._enter(Phase.ANSWER, at)
        elif self.phase is Phase.ANSWER and q.follow_up and q.follow_up_s > 0:
            self._enter(Phase.FOLLOW_UP, at)
        else:
            self._next_question(at)

    def _next_question(self, at: float) -> None:
        self.index += 1
        if self.index >= len(self.plan.questions):
            self.index = len(self.plan.questions) - 1
            self.phase = Phase.FINISHED
            return
        self._enter(Phase.THINK if self.plan.questions[self.index].think_s > 0 else Phase.ANSWER, at)


# ------------------------------------------------------------ stored form
#
# The store keeps an interview's plan and each answer's timing and ticks as JSON text; these are
# the only places that write or read that JSON, so the UI handles typed values only.


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


def used_to_json(record: QuestionRecord) -> str:
    """Seconds spent per phase, to a tenth of a second, as stored with an answer."""
    return json.dumps({phase.value: round(seconds, 1) for phase, seconds in record.used_s.items()})


def ticks_to_json(ticked: Sequence[bool]) -> str:
    """The key points the user confirmed, as stored with an answer."""
    return json.dumps([bool(t) for t in ticked])


def _number(value: object) -> float:
    if not isinstance(value, int | float | str):
        raise ValueError(f"not a number: {value!r}")
    return float(value)


@dataclass(frozen=True)
class InterviewAnswer:
    """One stored answer of an interview, typed: what `Store.interview_answers()` returns, row by row."""

    position: int
    question_id: str
    answer: str
    used_s: dict[Phase, float]  # seconds spent per phase
    allotted_s: float
    overtime_s: float
    skipped: bool
    ticked: tuple[bool, ...]  # the key points the user confirmed, in order
    score: int | None  # the 1-5 self-score, None until scored

    @classmethod
    def from_row(cls, row: Mapping[str, object]) -> InterviewAnswer:
        """Parse one of the store's rows; raises ValueError if a JSON column is malformed."""
        used = json.loads(str(row["used"]))
        ticked = json.loads(str(row["ticked"]))
        if not isinstance(used, dict) or not isinstance(ticked, list):
            raise ValueError("an answer's timing is a JSON object and its ticks a JSON list")
        score = row["score"]
        return cls(
            position=int(_number(row["position"])),
            question_id=str(row["question_id"]),
            answer=str(row["answer"]),
            used_s={Phase(str(phase)): _number(seconds) for phase, seconds in used.items()},
            allotted_s=_number(row["allotted_s"]),
            overtime_s=_number(row["overtime_s"]),
            skipped=bool(row["skipped"]),
            ticked=tuple(bool(t) for t in ticked),
            score=None if score is None else int(_number(score)),
        )

    @property
    def total_used_s(self) -> float:
        return sum(self.used_s.values())

    @property
    def ticked_json(self) -> str:
        return ticks_to_json(self.ticked)


# ---------------------------------------------------------------- presets


@dataclass(frozen=True)
class Preset:
    key: str
    title: str
    count: int
    think_s: float
    answer_s: float
    categories: tuple[str, ...] = ()  # empty: any
    difficulties: tuple[str, ...] = ()
    follow_ups: bool = False
    follow_up_s: float = 0.0
    overtime: bool = False
    tags: tuple[str, ...] = ()  # empty: any; otherwise a question needs one of them
    kind: str = "concept"


MODEL_CATEGORIES = ("fundamentals", "linear-models", "trees-and-ensembles", "svm-knn-bayes",
                    "neural-networks", "evaluation-metrics")
PRESETS = (
    Preset("phone", "Phone screen", 6, 60, 180, MODEL_CATEGORIES),
    Preset("deep-dive", "Technical deep-dive", 4, 60, 360, (), ("hard",), True, 60),
    Preset("behavioural", "Behavioural", 5, 30, 210, ("behavioral-career",)),
    Preset("rapid", "Rapid fire", 15, 0, 60),
    # One end-to-end case in 40 minutes: clarify 5, design 25, then a 10-minute deep dive on one
    # of the case's follow-ups; reviewed against the case's rubric beside its walkthrough.
    Preset("design", "System design round", 1, 5 * 60, 25 * 60, (), (), True, 10 * 60, tags=("case-study",),
           kind="design"),
)
DESIGN_PHASES = {Phase.THINK: "Clarify", Phase.ANSWER: "Design", Phase.FOLLOW_UP: "Deep dive"}
CONCEPT_PHASES = {Phase.THINK: "Thinking", Phase.ANSWER: "Answering", Phase.FOLLOW_UP: "Follow-up"}


def phase_name(plan: Plan, phase: Phase) -> str:
    """What the runner calls a phase: a design round has its own stages."""
    return (DESIGN_PHASES if plan.kind == "design" else CONCEPT_PHASES).get(phase, "")


def choose_questions(bank: Bank, count: int, categories: Collection[str] = (), difficulties: Collection[str] = (),
                     avoid: Collection[str] = (), weak_categories: Sequence[str] = (),
                     rng: random.Random | None = None, tags: Collection[str] = ()) -> list[str]:
    """Pick `count` questions: avoid recently asked ones when possible, lean to weak categories when given."""
    rng = rng or random.Random()
    pool = [q for q in bank.questions
            if (not categories or q.category in categories) and (not difficulties or q.difficulty in difficulties)
            and (not tags or any(t in q.tags for t in tags))]
    fresh = [q for q in pool if q.id not in avoid]
    stale = [q for q in pool if q.id in avoid]
    rng.shuffle(fresh)
    rng.shuffle(stale)
    if weak_categories:
        weight = {c: i for i, c in enumerate(weak_categories)}
        fresh.sort(key=lambda q: weight.get(q.category, len(weight)))  # stable: shuffled within a rank
    return [q.id for q in (fresh + stale)[:count]]


def plan_from_preset(bank: Bank, preset: Preset, avoid: Collection[str] = (), weak_categories: Sequence[str] = (),
                     rng: random.Random | None = None) -> Plan:
    ids = choose_questions(bank, preset.count, preset.categories, preset.difficulties, avoid, weak_categories, rng,
                           preset.tags)
    if not ids and preset.categories:  # e.g. a user's own deck without these categories: use the whole bank
        ids = choose_questions(bank, preset.count, (), preset.difficulties, avoid, weak_categories, rng, preset.tags)
    planned = []
    for qid in ids:
        q = bank.get(qid)
        follow = q.follow_ups[0].question if (q and preset.follow_ups and q.follow_ups) else ""
        planned.append(PlannedQuestion(qid, preset.think_s, preset.answer_s, follow,
                                       preset.follow_up_s if follow else 0.0))
    return Plan(preset.title, tuple(planned), preset.overtime, preset.kind)


# ----------------------------------------------------------------- review

def suggest_ticks(answer: str, key_points: Sequence[str]) -> list[bool]:
    """An offline guess at which key points a typed answer covers (see core.keypoints, where it is
    measured). Only a suggestion: the user confirms each tick in the review."""
    from desktop.core import keypoints  # its normaliser's patterns cost ~25 ms to compile: not at start-up

    return keypoints.suggest_ticks(answer, key_points)


def review_points(q: Question) -> tuple[str, ...]:
    """What a review ticks off: a design case's rubric, any other question's key points."""
    return q.rubric or q.key_points


def score_to_grade(score: int) -> int:
    """A 1-5 self-score as a spaced-repetition grade (1 Again … 4 Easy): low scores come back sooner."""
    if not 1 <= score <= 5:
        raise ValueError("scores run from 1 to 5")
    return {1: 1, 2: 1, 3: 2, 4: 3, 5: 4}[score]


def overall_score(scores: Sequence[int | None]) -> float | None:
    """The mean of the scored questions on the 1-5 scale, or None before any is scored."""
    given = [s for s in scores if s is not None]
    return sum(given) / len(given) if given else None
