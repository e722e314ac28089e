"""Mock interviews: a plan, and a session whose clock is a deadline, never a tick count. No Qt.

Each question runs think → answer (→ follow-up) phases. Remaining time is always
`deadline - now()` on an injected monotonic clock, so a session cannot drift
however long it runs; pausing moves the deadline. At zero a phase either moves on
or keeps going in overtime, and overtime is recorded, never silently capped.

A clock that leaps while nobody could have been answering (a laptop waking from sleep, where the
monotonic clock counts the sleep, as on Windows; a process stopped and continued) is not interview
time: given `sleep_gap_s`, a session that sees its clock move further than that between two looks
pauses where it last looked, instead of running every deadline out and recording questions as asked.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field, replace
from enum import Enum

from desktop.core.bank import Bank


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
    kind: str = "concept"  # "design": a system-design round, whose phases are clarify, design, deep dive;
    # "coding": a coding round, whose exercises are answered in a code editor and run against their tests

    @property
    def total_s(self) -> float:
        return sum(q.think_s + q.answer_s + q.follow_up_s for q in self.questions)


@dataclass
class QuestionRecord:
    """What happened to one planned question, as it happened: the review reports exactly this."""

    question_id: str
    used_s: dict[Phase, float] = field(default_factory=dict)  # time spent per phase, pauses excluded
    overtime_s: dict[Phase, float] = field(default_factory=dict)  # time past each phase's deadline
    asked: bool = False  # its first phase began
    follow_up_asked: bool = False  # its follow-up phase began
    skipped_in: Phase | None = None  # Skip was pressed in this phase (then nothing more of it was asked)
    ended_in: Phase | None = None  # the interview was ended early in this phase

    @property
    def skipped(self) -> bool:
        """The question itself was skipped (while thinking or answering)."""
        return self.skipped_in in (Phase.THINK, Phase.ANSWER)

    @property
    def follow_up_skipped(self) -> bool:
        return self.skipped_in is Phase.FOLLOW_UP

    @property
    def total_used_s(self) -> float:
        return sum(self.used_s.values())

    @property
    def total_overtime_s(self) -> float:
        return sum(self.overtime_s.values())

    def copy(self) -> QuestionRecord:
        return replace(self, used_s=dict(self.used_s), overtime_s=dict(self.overtime_s))


@dataclass(frozen=True)
class Checkpoint:
    """Where a live interview stands, as last saved: a resumed interview starts here, paused."""

    index: int
    phase: Phase
    phase_used_s: float  # seconds spent in this phase so far, pauses excluded


class InterviewSession:
    def __init__(self, plan: Plan, now: Callable[[], float], sleep_gap_s: float = math.inf) -> None:
        self.plan = plan
        self.now = now
        self.sleep_gap_s = sleep_gap_s  # a clock leap longer than this between two looks was no interview time
        self.slept_s = 0.0  # the last such leap, taken as a pause (0: none)
        self._seen = now()  # when the session last looked at its clock
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
        self._look()
        return self._paused_at if self._paused_at is not None else self.now()

    def _look(self) -> None:
        """Pause where the clock was last seen if it has leapt since (see the module's docstring)."""
        t = self.now()
        running = not self.done and self.phase is not Phase.INTRO and self._paused_at is None
        if running and t - self._seen > self.sleep_gap_s:
            self.slept_s = t - self._seen
            self._paused_at = self._seen
        self._seen = t

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
        self._look()
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
        self.records[self.index].skipped_in = self.phase
        self._next_question(self._clock())

    def pause(self) -> None:
        self._look()  # after a leap, the pause began where the clock was last seen
        if not self.done and not self.paused and self.phase is not Phase.INTRO:
            self._paused_at = self.now()

    def resume(self) -> None:
        if self._paused_at is not None:
            self._seen = self.now()
            shift = self._seen - self._paused_at
            self._deadline += shift
            self._phase_started += shift
            self._paused_at = None

    def end_early(self) -> None:
        if not self.done:
            if self.phase is not Phase.INTRO:
                self._close_phase(self._clock())
                self.records[self.index].ended_in = self.phase
            self._paused_at = None
            self.phase = Phase.ENDED_EARLY

    # ------------------------------------------------------------ quit, resume

    def checkpoint(self) -> Checkpoint | None:
        """Where the interview stands now (None before it starts and after it ends)."""
        if self.done or self.phase is Phase.INTRO:
            return None
        return Checkpoint(self.index, self.phase, max(0.0, self._clock() - self._phase_started))

    @classmethod
    def resume_from(cls, plan: Plan, records: Sequence[QuestionRecord], at: Checkpoint,
                    now: Callable[[], float], sleep_gap_s: float = math.inf) -> InterviewSession:
        """The interview as it stood at `at`, paused: the clock shows what was left then.

        Raises ValueError if the checkpoint does not fit the plan.
        """
        if len(records) != len(plan.questions) or not 0 <= at.index < len(plan.questions):
            raise ValueError("the checkpoint does not fit the plan")
        session = cls(plan, now, sleep_gap_s)
        session.records = [r.copy() for r in records]
        session.index = at.index
        allotted = {Phase.THINK: plan.questions[at.index].think_s, Phase.ANSWER: plan.questions[at.index].answer_s,
                    Phase.FOLLOW_UP: plan.questions[at.index].follow_up_s}.get(at.phase, 0.0)
        if allotted <= 0:
            raise ValueError(f"question {at.index + 1} has no {at.phase.value} phase")
        used = at.phase_used_s
        if at.phase is Phase.THINK or not plan.overtime:
            used = min(used, allotted)  # a phase that moves on at zero resumes at zero, never in the past
        t = now()
        session._enter(at.phase, at=t - max(0.0, used))
        session._paused_at = t
        return session

    # ----------------------------------------------------------------- internal

    def _allotted(self, phase: Phase) -> float:
        q = self.plan.questions[self.index]
        return {Phase.THINK: q.think_s, Phase.ANSWER: q.answer_s, Phase.FOLLOW_UP: q.follow_up_s}[phase]

    def _enter(self, phase: Phase, at: float | None = None) -> None:
        start = self.now() if at is None else at
        self._seen = max(self._seen, start)
        self.phase = phase
        self._phase_started = start
        self._deadline = start + self._allotted(phase)
        record = self.records[self.index]
        record.asked = True
        record.follow_up_asked = record.follow_up_asked or phase is Phase.FOLLOW_UP

    def _close_phase(self, at: float) -> None:
        record = self.records[self.index]
        used = max(0.0, at - self._phase_started)
        record.used_s[self.phase] = record.used_s.get(self.phase, 0.0) + used
        over = at - self._deadline
        if over > 0:
            record.overtime_s[self.phase] = record.overtime_s.get(self.phase, 0.0) + over

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


CODING_ROUND_S = 35 * 60
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
    # Two coding exercises in 35 minutes, written in the editor and run against their hidden tests as often
    # as you like; reviewed with the final code, the tests passed over time and the reference solution.
    Preset("coding", "Coding round", 2, 0, CODING_ROUND_S / 2, kind="coding"),
)
DESIGN_PHASES = {Phase.THINK: "Clarify", Phase.ANSWER: "Design", Phase.FOLLOW_UP: "Deep dive"}
CODING_PHASES = {Phase.THINK: "Reading", Phase.ANSWER: "Coding", Phase.FOLLOW_UP: "Follow-up"}
CONCEPT_PHASES = {Phase.THINK: "Thinking", Phase.ANSWER: "Answering", Phase.FOLLOW_UP: "Follow-up"}


def phase_name(plan: Plan, phase: Phase) -> str:
    """What the runner calls a phase: design and coding rounds have their own stages."""
    names = {"design": DESIGN_PHASES, "coding": CODING_PHASES}.get(plan.kind, CONCEPT_PHASES)
    return names.get(phase, "")


def choose_questions(bank: Bank, count: int, categories: Collection[str] = (), difficulties: Collection[str] = (),
                     avoid: Collection[str] = (), weak_categories: Sequence[str] = (),
                     rng: random.Random | None = None, tags: Collection[str] = (),
                     exercises_only: bool = False) -> list[str]:
    """Pick `count` questions: avoid recently asked ones when possible, lean to weak categories when given."""
    rng = rng or random.Random()
    pool = [q for q in bank.questions
            if (not categories or q.category in categories) and (not difficulties or q.difficulty in difficulties)
            and (not tags or any(t in q.tags for t in tags)) and (q.is_exercise or not exercises_only)]
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
    coding = preset.kind == "coding"
    ids = choose_questions(bank, preset.count, preset.categories, preset.difficulties, avoid, weak_categories, rng,
                           preset.tags, coding)
    if not ids and preset.categories:  # e.g. a user's own deck without these categories: use the whole bank
        ids = choose_questions(bank, preset.count, (), preset.difficulties, avoid, weak_categories, rng, preset.tags,
                               coding)
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
