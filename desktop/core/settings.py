"""Every user setting once: its key, default and allowed values, and how a stored value is read.

`settings.ini` can be edited by hand, so nothing read from it is trusted: a value that cannot be
read, or is not finite, gives the default; a number out of range is clamped into it. Either way the
problem is reported once (the UI puts it in the status bar), never raised.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Generic, Protocol, TypeVar

from desktop.core.export_formats import FORMATS, PDF_LAYOUTS
from desktop.core.focus import FOCUS_IDS, valid_adjustments
from desktop.core.wording import DIFFICULTIES

T = TypeVar("T", bool, int, float, str)

THEMES = ("system", "light", "dark")
TEXT_SCALE_RANGE = (0.9, 1.5)  # 90 % to 150 %: what Settings offers, and what every screen is laid out for


class Backend(Protocol):
    """What QSettings (or a dict in tests) offers."""

    def value(self, key: str, /) -> object: ...

    def setValue(self, key: str, value: object, /) -> None: ...  # Qt's name


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str
    default: T
    low: float | None = None  # numbers: the allowed range, inclusive
    high: float | None = None
    choices: tuple[str, ...] = ()  # strings: the allowed values (empty: any)
    label: str = ""  # how the user knows it, for messages
    # strings: a test a non-empty value must pass, and what it should look like (for the message)
    check: Callable[[str], bool] | None = None
    expected: str = ""

    def parse(self, raw: object) -> tuple[T, str]:
        """(value, problem): the problem is "" when `raw` was fine (or absent)."""
        if raw is None or raw == "":
            return self.default, ""
        what = f"{self.label or self.key} = {str(raw)[:40]!r}"
        kind = type(self.default)
        try:
            if kind is bool:
                text = str(raw).strip().lower()
                if text not in ("true", "false", "1", "0", "yes", "no", "on", "off"):
                    raise ValueError
                return kind(text in ("true", "1", "yes", "on")), ""
            if kind in (int, float):
                number = float(str(raw).strip()) if kind is float else int(str(raw).strip())
                if isinstance(number, float) and not math.isfinite(number):
                    raise ValueError
                low = self.low if self.low is not None else number
                high = self.high if self.high is not None else number
                clamped = min(max(number, low), high)
                value = kind(clamped)
                if clamped != number:
                    return value, f"{what} is outside {_fmt(low)}–{_fmt(high)}; using {_fmt(value)}"
                return value, ""
            text = str(raw)
            if self.choices and text not in self.choices:
                raise ValueError
            if text and self.check is not None and not self.check(text):
                return self.default, f"{what} is not {self.expected or 'usable'}; using {_fmt(self.default)}"
            return text, ""  # type: ignore[return-value]  # T is str here
        except (ValueError, TypeError, OverflowError):
            return self.default, f"{what} can't be used; using {_fmt(self.default)}"


def _fmt(value: object) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return repr(value) if isinstance(value, str) else str(value)


def names(raw: str) -> tuple[str, ...]:
    """A comma-separated list setting's items ("a, b," → ("a", "b"))."""
    return tuple(part.strip() for part in raw.split(",") if part.strip())


def _difficulties(raw: str) -> bool:
    return all(d in DIFFICULTIES for d in names(raw))


def _iso_date(raw: str) -> bool:
    try:
        date.fromisoformat(raw)
    except ValueError:
        return False
    return True


THEME = Setting("view/theme", "system", choices=THEMES, label="theme")
TEXT_SCALE = Setting("view/text_scale", 1.0, *TEXT_SCALE_RANGE, label="text size")
RETENTION = Setting("quiz/retention", 0.9, 0.70, 0.99, label="desired retention")
NEW_PER_DAY = Setting("quiz/new_per_day", 15, 0, 200, label="new questions a day")
PASS_FAIL = Setting("quiz/pass_fail", False, label="Pass / Fail grading")
THINK_S = Setting("interview/think_s", 60, 0, 600, label="thinking time")
ANSWER_S = Setting("interview/answer_s", 180, 10, 1800, label="answer time")
BEEP = Setting("interview/beep", False, label="beep")
LEAN_WEAK = Setting("interview/lean_weak", False, label="lean towards weak categories")
HIDE_ANSWERS = Setting("browse/hide_answers", False, label="hide answers")
# Open in a short window (in a tall one the filters always show): the "Filters" button's state.
BROWSE_FILTERS_SHOWN = Setting("browse/filters_shown", False, label="browse filters shown")
INTERVIEW_DATE = Setting("progress/interview_date", "", label="interview date", check=_iso_date,
                         expected="a date (YYYY-MM-DD)")
# The study plan (issue 18). It lives here rather than in the database because it is a preference
# about how to study, like the daily limit and the retention beside it, not a record of what was done:
# it needs no schema migration, can be edited by hand like the rest, and survives a restore of old data.
PLAN_FOCUS = Setting("plan/focus", FOCUS_IDS[0], choices=FOCUS_IDS, label="study focus")
PLAN_WEIGHTS = Setting("plan/weights", "", label="category weights", check=valid_adjustments,
                       expected="category=weight pairs (weights 0–3)")
PLAN_ASKED = Setting("plan/asked", False, label="study plan asked")  # the first-run panel was answered or put away
# File → Export… and File → Import… start where the last one left off: its choices and its folder.
EXPORT_FORMAT = Setting("export/format", FORMATS[0], choices=FORMATS, label="export format")
EXPORT_LAYOUT = Setting("export/layout", PDF_LAYOUTS[0], choices=PDF_LAYOUTS, label="PDF layout")
EXPORT_CATEGORY = Setting("export/category", "", label="export category")  # "": all (so is an id no longer there)
EXPORT_BOOKMARKED = Setting("export/bookmarked", False, label="export bookmarked only")
EXPORT_WEAKEST = Setting("export/weakest", 0, 0, 500, label="export weakest")  # 0: not only the weakest
EXPORT_FOLDER = Setting("export/folder", "", label="export folder")
IMPORT_FOLDER = Setting("import/folder", "", label="import folder")
# The custom quiz and the mock interview start with the choices of the last one started. Category ids are
# kept as written: one no longer in the bank is simply not ticked.
QUIZ_CATEGORIES = Setting("quiz/custom_categories", "", label="custom quiz categories")
QUIZ_DIFFICULTIES = Setting("quiz/custom_difficulties", "", label="custom quiz difficulties", check=_difficulties,
                            expected="easy, medium or hard, separated by commas")
QUIZ_BOOKMARKED = Setting("quiz/custom_bookmarked", False, label="custom quiz bookmarked only")
QUIZ_NOTED = Setting("quiz/custom_noted", False, label="custom quiz with notes only")
QUIZ_COUNT = Setting("quiz/custom_count", 20, 1, 500, label="custom quiz questions")
QUIZ_SHUFFLE = Setting("quiz/custom_shuffle", True, label="custom quiz shuffle")
INTERVIEW_PRESET = Setting("interview/preset", "", label="interview preset")  # a preset's key; "" or unknown: the first
INTERVIEW_CATEGORIES = Setting("interview/custom_categories", "", label="custom interview categories")
INTERVIEW_DIFFICULTY = Setting("interview/custom_difficulty", "", choices=("", *DIFFICULTIES),
                               label="custom interview difficulty")
INTERVIEW_COUNT = Setting("interview/custom_count", 5, 1, 30, label="custom interview questions")
INTERVIEW_FOLLOW_UP = Setting("interview/custom_follow_up", False, label="custom interview follow-up")
INTERVIEW_OVERTIME = Setting("interview/custom_overtime", False, label="custom interview overtime")


def folder_or(remembered: str, fallback: Path) -> Path:
    """A remembered folder if it is still there (a hand edit, a removed drive or a deleted folder: `fallback`)."""
    folder = Path(remembered).expanduser() if remembered.strip() else None
    return folder if folder is not None and folder.is_absolute() and folder.is_dir() else fallback


class Settings:
    """Typed access over a backend. Problems go to `report` once per key (buffered until it is set)."""

    def __init__(self, backend: Backend, report: Callable[[str], None] | None = None) -> None:
        self.backend = backend
        self._report = report
        self._reported: set[str] = set()
        self._waiting: list[str] = []
        self._listeners: list[Callable[[str], None]] = []

    def subscribe(self, listener: Callable[[str], None]) -> Callable[[], None]:
        """Call `listener(key)` after each write; returns a function that unsubscribes."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def get(self, setting: Setting[T]) -> T:
        value, problem = setting.parse(self.backend.value(setting.key))
        if problem and setting.key not in self._reported:
            self._reported.add(setting.key)
            self._tell(f"Settings: {problem}.")
        return value

    def set(self, setting: Setting[T], value: T) -> None:
        checked, problem = setting.parse(value)
        if problem:
            raise ValueError(problem)
        self.backend.setValue(setting.key, checked)
        self._reported.discard(setting.key)
        for listener in list(self._listeners):
            listener(setting.key)

    def set_reporter(self, report: Callable[[str], None]) -> None:
        self._report = report
        if self._waiting:  # one status message for everything found before there was a status bar
            report(" ".join(self._waiting))
            self._waiting = []

    def _tell(self, message: str) -> None:
        if self._report is None:
            self._waiting.append(message)
        else:
            self._report(message)
