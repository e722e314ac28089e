"""The question bank: categories.yaml plus one Markdown file per question.

Loading never raises on bad content: every problem becomes a `Problem`
(`path:line: message`) and the valid questions are still returned.

    python -m desktop.core.bank check [DIR]   # print problems, exit 1 if any
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.core import wording
from desktop.core.exercise_child import TEST_FUNCTION

if TYPE_CHECKING:
    import yaml

DIFFICULTIES = wording.DIFFICULTIES
_RANK = {d: i for i, d in enumerate(DIFFICULTIES)}  # an unknown difficulty sorts as medium
SOURCES = ("seed", "original", "imported")
REQUIRED_SECTIONS = ("Answer", "Key points")
# A coding exercise has all three (and no Code: its Solution is the reference code).
EXERCISE_SECTIONS = ("Starter", "Solution", "Tests")
OPTIONAL_SECTIONS = ("Formula", "Pitfalls", "Follow-ups", "Code", "Walkthrough", "Rubric", *EXERCISE_SECTIONS)
KNOWN_SECTIONS = REQUIRED_SECTIONS + OPTIONAL_SECTIONS
# An exercise's kind comes from its tags: `sql` (sqlite3 in memory), `find-the-bug` (the starter is
# buggy code to fix), otherwise plain Python (usually NumPy).
EXERCISE_KINDS = ("python", "sql", "debug")
TIME_LIMIT_S = (1, 60, 10)  # allowed range and default of `time_limit`
MEMORY_LIMIT_MB = (64, 4096, 1024)  # allowed range and default of `memory_limit_mb`
KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FENCE = re.compile(r"^\s*(```|~~~)")
_BULLET = re.compile(r"^\s*[-*]\s+(.*)$")
# "question — hint": an em dash (or a spaced double hyphen) separates the two.
_FOLLOW_UP_SPLIT = re.compile(r"\s+(?:—|--)\s+")
# A tag is one word: spaces, commas and semicolons separate tags (in CSV and Anki), so inside a tag
# they become '-'. '::' nests a tag as Anki does: "ML::basics" sits under "ML".
_TAG_BREAKS = re.compile(r"[\s,;]+")
_PLACEHOLDER = r"raise NotImplementedError\b.*|-- Write your SQL here\.?"  # what an exercise's starter leaves
TAG_LEVEL = "::"


def clean_tag(text: str) -> str:
    """A tag as the bank keeps it (case kept, as in Anki): "deep learning" -> "deep-learning"."""
    return _TAG_BREAKS.sub("-", text.strip())


def tag_matches(tag: str, wanted: str) -> bool:
    """Whether `tag` is `wanted` or nested under it, ignoring case as Anki does ("ml" finds "ML::basics")."""
    tag, wanted = tag.casefold(), wanted.casefold()
    return tag == wanted or tag.startswith(wanted + TAG_LEVEL)


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass(frozen=True)
class Category:
    id: str
    title: str
    description: str = ""


@dataclass(frozen=True)
class FollowUp:
    question: str
    hint: str = ""


@dataclass(frozen=True)
class Question:
    id: str
    category: str
    difficulty: str
    title: str
    answer: str
    key_points: tuple[str, ...]
    tags: tuple[str, ...] = ()
    source: str = "original"
    formula: str = ""
    pitfalls: tuple[str, ...] = ()
    follow_ups: tuple[FollowUp, ...] = ()
    code: str = ""
    path: str = ""
    # System-design cases (tag `case-study`): the round in order, and what an interviewer scores.
    walkthrough: str = ""
    rubric: tuple[str, ...] = ()
    # Coding exercises: code to start from, the reference solution, hidden tests, and limits for a run.
    starter: str = ""
    solution: str = ""
    tests: str = ""
    time_limit: int = TIME_LIMIT_S[2]
    memory_limit_mb: int = MEMORY_LIMIT_MB[2]

    @property
    def is_exercise(self) -> bool:
        return bool(self.tests)

    @property
    def exercise_kind(self) -> str | None:
        """"python", "sql" or "debug" for an exercise (one of EXERCISE_KINDS), None for any other question."""
        if not self.is_exercise:
            return None
        return "sql" if "sql" in self.tags else "debug" if "find-the-bug" in self.tags else "python"

    @property
    def reference_code(self) -> str:
        """The code shown and exported as the answer's code: an exercise's solution, else its Code section."""
        return self.solution if self.is_exercise else self.code

    @property
    def starter_placeholder(self) -> tuple[int, int] | None:
        """Where typing starts in an untouched starter: its first `raise NotImplementedError` (or an SQL
        starter's "-- Write your SQL here."), as (start, end) to select so that typing replaces it; None when
        it has neither (a find-the-bug starter, read before it is changed)."""
        found = re.search(_PLACEHOLDER, self.starter)
        return found.span() if found else None

    @property
    def code_sections(self) -> tuple[tuple[str, str], ...]:
        """(heading, code) for what a page or an export shows: an exercise's Starter and Solution (never its
        hidden Tests), another question's Code."""
        if self.is_exercise:
            return ("Starter", self.starter), ("Solution", self.solution)
        return (("Code", self.code),) if self.code else ()


@dataclass(frozen=True)
class Bank:
    categories: tuple[Category, ...]
    questions: tuple[Question, ...]
    problems: tuple[Problem, ...] = ()
    _by_id: dict[str, Question] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_id.update((q.id, q) for q in self.questions)

    def get(self, question_id: str) -> Question | None:
        return self._by_id.get(question_id)

    @property
    def by_id(self) -> Mapping[str, Question]:
        """Every question by id (read-only): a copy is one C-level dict copy, not a loop over the questions."""
        return self._by_id

    def category(self, category_id: str) -> Category | None:
        return next((c for c in self.categories if c.id == category_id), None)

    def in_category(self, category_id: str) -> list[Question]:
        return [q for q in self.questions if q.category == category_id]

    def tags(self) -> list[str]:
        """Every tag, and each parent of a nested one ("ML" for "ML::basics"), to filter by."""
        return list(self._tags)

    def warm(self) -> None:
        """Work out what screens ask of the whole bank (its tags, its categories' sizes and new-study
        queues) now: a bank read on a worker thread then costs the UI thread nothing to show."""
        _ = self._tags, self.sizes, self.ranked

    @cached_property
    def sizes(self) -> dict[str, int]:
        """How many questions each category id has."""
        counts: dict[str, int] = {}
        for q in self.questions:
            counts[q.category] = counts.get(q.category, 0) + 1
        return counts

    @cached_property
    def ranked(self) -> dict[str, tuple[Question, ...]]:
        """Each category's questions easy first, in bank order within a difficulty: the order new study takes."""
        by_category: dict[str, list[Question]] = {}
        for q in self.questions:
            by_category.setdefault(q.category, []).append(q)
        return {c: tuple(sorted(qs, key=lambda q: _RANK.get(q.difficulty, 1))) for c, qs in by_category.items()}

    @cached_property
    def _tags(self) -> tuple[str, ...]:
        found: dict[str, str] = {}
        for q in self.questions:
            for t in q.tags:
                parts = t.split(TAG_LEVEL)
                for depth in range(1, len(parts) + 1):
                    level = TAG_LEVEL.join(parts[:depth])
                    found.setdefault(level.casefold(), level)
        return tuple(sorted(found.values(), key=str.casefold))


# ---------------------------------------------------------------- categories


@cache
def _yaml() -> tuple[Any, Any]:
    """PyYAML and its fastest safe loader, imported on first use (it costs ~10 ms at start-up)."""
    import yaml

    return yaml, getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader is ~10x faster


def load_categories(path: Path, problems: list[Problem]) -> list[Category]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        problems.append(Problem(str(path), 1, "categories.yaml is missing"))
        return []
    except (UnicodeDecodeError, OSError) as exc:
        problems.append(Problem(str(path), 1, f"cannot read file: {_reason(exc)}"))
        return []
    yaml, loader = _yaml()
    try:
        data = yaml.load(text, Loader=loader)
    except yaml.YAMLError as exc:
        problems.append(Problem(str(path), _yaml_line(exc, 0), f"malformed YAML: {_yaml_reason(exc)}"))
        return []
    if not isinstance(data, list):
        problems.append(Problem(str(path), 1, "expected a list of categories (id, title, description)"))
        return []
    lines = text.splitlines()
    categories: list[Category] = []
    seen: set[str] = set()
    for entry in data:
        cid = entry.get("id") if isinstance(entry, dict) else None
        line = _line_of(lines, f"id: {cid}") if cid else 1
        if not isinstance(entry, dict) or not isinstance(cid, str) or not entry.get("title"):
            problems.append(Problem(str(path), line, f"category needs an id and a title: {entry!r}"))
            continue
        if not KEBAB.match(cid):
            problems.append(Problem(str(path), line, f"category id {cid!r} is not kebab-case"))
            continue
        if cid in seen:
            problems.append(Problem(str(path), line, f"duplicate category id {cid!r}"))
            continue
        seen.add(cid)
        categories.append(Category(cid, str(entry["title"]), str(entry.get("description") or "")))
    return categories


# ----------------------------------------------------------------- questions


def parse_question(
    text: str, path: str, category_ids: Iterable[str] | None = None, folder: str | None = None,
    default_category: str | None = None,
) -> tuple[Question | None, list[Problem]]:
    """Parse one question file. Returns the question (None if unusable) and its problems.

    `default_category` stands in when the front matter names none (loose files being imported).
    """
    problems: list[Problem] = []

    def bad(line: int, message: str) -> None:
        problems.append(Problem(path, line, message))

    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        bad(1, "file must start with '---' front matter")
        return None, problems
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
    if end is None:
        bad(1, "front matter is not closed with '---'")
        return None, problems
    yaml, loader = _yaml()
    try:
        meta = yaml.load("\n".join(lines[1:end]), Loader=loader)
    except yaml.YAMLError as exc:
        bad(_yaml_line(exc, 1), f"malformed YAML in front matter: {_yaml_reason(exc)}")
        return None, problems
    if not isinstance(meta, dict):
        bad(2, "front matter must be a mapping of key: value")
        return None, problems

    def meta_line(key: str) -> int:
        for i in range(1, end):
            if lines[i].lstrip().startswith(f"{key}:"):
                return i + 1
        return 1

    qid = meta.get("id")
    if not isinstance(qid, str) or not qid:
        bad(meta_line("id"), "missing id")
    elif not KEBAB.match(qid):
        bad(meta_line("id"), f"id {qid!r} is not kebab-case (lowercase words joined by '-')")
    category = meta.get("category") or default_category
    if not isinstance(category, str) or not category:
        bad(meta_line("category"), "missing category")
    else:
        if category_ids is not None and category not in set(category_ids):
            bad(meta_line("category"), f"unknown category {category!r}")
        if folder is not None and category != folder:
            bad(meta_line("category"), f"category {category!r} does not match its folder {folder!r}")
    difficulty = meta.get("difficulty")
    if difficulty not in DIFFICULTIES:
        bad(meta_line("difficulty"), f"difficulty must be one of {', '.join(DIFFICULTIES)}, not {difficulty!r}")
    raw_tags = meta.get("tags", [])
    if raw_tags is None:
        raw_tags = []
    if not isinstance(raw_tags, list) or not all(isinstance(t, str) and t.strip() for t in raw_tags):
        bad(meta_line("tags"), "tags must be a list of words, e.g. [regularization, classic]")
        raw_tags = []
    source = meta.get("source", "original")
    if source not in SOURCES:
        bad(meta_line("source"), f"source must be one of {', '.join(SOURCES)}, not {source!r}")
    time_limit = _limit(meta, "time_limit", TIME_LIMIT_S, "a whole number of seconds", meta_line, bad)
    memory_limit = _limit(meta, "memory_limit_mb", MEMORY_LIMIT_MB, "a whole number of MB", meta_line, bad)

    # Body: '# Title' then '## Section' blocks; headings inside code fences don't count.
    title = ""
    title_line = end + 2
    sections: dict[str, list[str]] = {}
    section_line: dict[str, int] = {}
    current: str | None = None
    in_fence = False
    told_loose = False  # text outside any section was reported (once a stretch, not every line of it)
    for i in range(end + 1, len(lines)):
        line = lines[i]
        if FENCE.match(line):
            in_fence = not in_fence
        if not in_fence and line.startswith("# ") and not title and current is None:
            title = line[2:].strip()
            title_line = i + 1
            continue
        if not in_fence and line.startswith("## "):
            name = line[3:].strip()
            told_loose = False
            if name not in KNOWN_SECTIONS:
                meant = _section_meant(line)
                hint = f"write '## {meant}'" if meant else f"expected one of: {', '.join(KNOWN_SECTIONS)}"
                bad(i + 1, f"unknown section {name!r} ({hint})")
                current = None
                told_loose = True  # its text is the same problem
                continue
            if name in sections:
                bad(i + 1, f"section {name!r} appears twice")
            current = name
            sections[name] = []
            section_line[name] = i + 1
            continue
        if current is not None:
            sections[current].append(line)
        elif line.strip() and not title:
            bad(i + 1, "expected '# Question title' before any text")
        elif line.strip() and not told_loose:  # between the title and the first section: it would be lost
            meant = _section_meant(line)
            bad(i + 1, f"a section heading takes two '#': write '## {meant}'" if meant else
                "text between the title and the first section is not part of any section: make it part of the "
                "'# ' title line, or move it under a '## ' section")
            told_loose = True
    if in_fence:
        bad(len(lines), "a code fence (```) is not closed")
    if not title:
        bad(title_line, "missing '# Question title' line")
    for name in REQUIRED_SECTIONS:
        if name not in sections:
            bad(len(lines) or 1, f"missing required section '## {name}'")
    answer = "\n".join(sections.get("Answer", [])).strip()
    if "Answer" in sections and not answer:
        bad(section_line["Answer"], "the answer is empty")
    key_points = _bullets(sections.get("Key points", []))
    if "Key points" in sections and not key_points:
        bad(section_line["Key points"], "key points must be a '- ' list with at least one item")
    follow_ups = tuple(parse_follow_up(item) for item in _bullets(sections.get("Follow-ups", [])))
    code = _strip_fence("\n".join(sections.get("Code", [])).strip())
    exercise = _exercise_code(sections, section_line, bad)
    if not exercise:
        for key in ("time_limit", "memory_limit_mb"):
            if key in meta:
                bad(meta_line(key), f"{key} only applies to coding exercises (with ## Starter, ## Solution, ## Tests)")

    if problems:
        return None, problems
    assert isinstance(qid, str) and isinstance(category, str) and isinstance(difficulty, str)
    return (
        Question(
            id=qid,
            category=category,
            difficulty=difficulty,
            title=title,
            answer=answer,
            key_points=tuple(key_points),
            tags=tuple(dict.fromkeys(clean_tag(t) for t in raw_tags)),
            source=str(source),
            formula="\n".join(sections.get("Formula", [])).strip(),
            pitfalls=tuple(_bullets(sections.get("Pitfalls", []))),
            follow_ups=follow_ups,
            code=code,
            path=path,
            walkthrough="\n".join(sections.get("Walkthrough", [])).strip(),
            rubric=tuple(_bullets(sections.get("Rubric", []))),
            starter=exercise.get("Starter", ""),
            solution=exercise.get("Solution", ""),
            tests=exercise.get("Tests", ""),
            time_limit=time_limit,
            memory_limit_mb=memory_limit,
        ),
        problems,
    )


def _section_meant(line: str) -> str | None:
    """The known section a heading line seems to name ('### Answer', '## key points'), else None."""
    heading = re.fullmatch(r"#{1,6}\s*(.*?)\s*#*\s*", line)
    name = heading.group(1).casefold() if heading else ""
    return next((known for known in KNOWN_SECTIONS if known.casefold() == name), None)


def _limit(meta: dict[Any, Any], key: str, bounds: tuple[int, int, int], what: str,
           meta_line: Callable[[str], int], bad: Callable[[int, str], None]) -> int:
    """An exercise's time or memory limit from the front matter: a whole number in range, else a problem."""
    low, high, default = bounds
    value = meta.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        bad(meta_line(key), f"{key} must be {what} from {low} to {high}, not {value!r}")
        return default
    return value


def _exercise_code(sections: dict[str, list[str]], section_line: dict[str, int],
                   bad: Callable[[int, str], None]) -> dict[str, str]:
    """The code of ## Starter, ## Solution and ## Tests, by section name; {} when the question is no exercise.

    Each section holds exactly one ```python block and nothing else, and an exercise has no ## Code.
    """
    present = [name for name in EXERCISE_SECTIONS if name in sections]
    if not present:
        return {}
    if len(present) < len(EXERCISE_SECTIONS):
        missing = ", ".join(f"## {n}" for n in EXERCISE_SECTIONS if n not in sections)
        bad(section_line[present[0]],
            f"a coding exercise needs ## Starter, ## Solution and ## Tests; missing {missing}")
    if "Code" in sections:
        bad(section_line["Code"], "a coding exercise has no ## Code section: its ## Solution is the reference code")
    code: dict[str, str] = {}
    for name in present:
        blocks, stray = _python_blocks(sections[name])
        where = section_line[name]
        if len(blocks) != 1:
            bad(where, f"## {name} must hold exactly one ```python block, not {len(blocks)}")
        elif stray is not None:
            bad(where + 1 + stray, f"## {name} holds text outside its ```python block")
        elif not blocks[0].strip():
            bad(where, f"## {name}'s ```python block is empty")
        elif name == "Tests" and not TEST_FUNCTION.search(blocks[0]):
            bad(where, "## Tests defines no test functions (def test_…():)")
        else:
            code[name] = blocks[0].strip("\n") + "\n"
    return code if len(code) == len(EXERCISE_SECTIONS) else {}


def _python_blocks(lines: list[str]) -> tuple[list[str], int | None]:
    """The ```python fenced blocks in a section (a block in another language counts, so it is refused),
    and the index of the first non-blank line outside any block."""
    blocks: list[str] = []
    stray: int | None = None
    current: list[str] | None = None
    for i, line in enumerate(lines):
        if current is None:
            if FENCE.match(line):
                current = []
                if line.strip().lstrip("`~").strip() != "python":
                    stray = i if stray is None else stray
            elif line.strip() and stray is None:
                stray = i
        elif FENCE.match(line):
            blocks.append("\n".join(current))
            current = None
        else:
            current.append(line)
    return blocks, stray


def load_bank(root: Path, extra_roots: Sequence[Path] = (), breathe: Callable[[], None] | None = None) -> Bank:
    """Load `root` (categories.yaml + <category>/<id>.md) and any extra deck folders.

    `breathe` is called after each file; a worker thread passes core.threads.breather() so it
    never keeps the UI thread waiting.
    """
    problems: list[Problem] = []
    categories = load_categories(root / "categories.yaml", problems)
    questions: list[Question] = []
    for deck in (root, *extra_roots):
        if deck != root:
            categories += [c for c in load_categories(deck / "categories.yaml", problems) if c not in categories]
        _load_questions(deck, [c.id for c in categories], questions, problems, breathe)
    # A study order: categories as listed, easy before hard, then by title.
    rank = {c.id: i for i, c in enumerate(categories)}
    questions.sort(key=lambda q: (rank.get(q.category, len(rank)), DIFFICULTIES.index(q.difficulty), q.title.lower()))
    return Bank(tuple(categories), tuple(questions), tuple(problems))


def question_files(root: Path) -> list[Path]:
    """The files load_bank reads as questions under `root` (core.bank_cache hashes the same ones)."""
    return sorted(root.glob("*/*.md"))


def _load_questions(root: Path, category_ids: list[str], out: list[Question], problems: list[Problem],
                    breathe: Callable[[], None] | None = None) -> None:
    seen = {q.id: q.path for q in out}
    known = set(category_ids)
    for path in question_files(root):
        if breathe is not None:
            breathe()
        folder = path.parent.name
        if folder not in known:
            problems.append(Problem(str(path), 1, f"folder {folder!r} is not a category in categories.yaml"))
            continue
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError as exc:
            line = path.read_bytes()[: exc.start].count(b"\n") + 1
            problems.append(Problem(str(path), line, "file is not UTF-8 text"))
            continue
        except OSError as exc:
            problems.append(Problem(str(path), 1, f"cannot read file: {_reason(exc)}"))
            continue
        question, found = parse_question(text, str(path), known, folder)
        problems.extend(found)
        if question is None:
            continue
        if question.id in seen:
            problems.append(Problem(str(path), 2, f"duplicate id {question.id!r} (also in {seen[question.id]})"))
            continue
        if path.stem != question.id:
            problems.append(Problem(str(path), 2, f"file name must be the id: {question.id}.md"))
            continue
        seen[question.id] = str(path)
        out.append(question)


# ------------------------------------------------------------------- helpers


def _bullets(lines: list[str]) -> list[str]:
    """Items of a '- ' list; indented continuation lines join the item above."""
    items: list[str] = []
    for line in lines:
        match = _BULLET.match(line)
        if match and not line.startswith("    "):
            items.append(match.group(1).strip())
        elif line.strip() and items:
            items[-1] = f"{items[-1]} {line.strip()}"
    return [i for i in items if i]


def format_follow_up(f: FollowUp) -> str:
    """A follow-up as one line: "question — hint" (what parse_follow_up reads back)."""
    return f"{f.question} — {f.hint}" if f.hint else f.question


def parse_follow_up(item: str) -> FollowUp:
    parts = _FOLLOW_UP_SPLIT.split(item, maxsplit=1)
    return FollowUp(parts[0].strip(), parts[1].strip() if len(parts) > 1 else "")


def _strip_fence(code: str) -> str:
    lines = code.splitlines()
    if lines and FENCE.match(lines[0]) and FENCE.match(lines[-1]) and len(lines) >= 2:
        return "\n".join(lines[1:-1])
    return code


def _line_of(lines: list[str], needle: str) -> int:
    return next((i + 1 for i, line in enumerate(lines) if needle in line), 1)


def _yaml_line(exc: yaml.YAMLError, offset: int) -> int:
    # The context mark is where the broken construct starts (e.g. an unclosed '['),
    # which is the line to fix; the problem mark is where the parser gave up.
    mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
    return (mark.line + 1 + offset) if mark is not None else 1 + offset


def _yaml_reason(exc: yaml.YAMLError) -> str:
    return str(getattr(exc, "problem", None) or exc).splitlines()[0]


def _reason(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc)


# ------------------------------------------------------------------- command


def check(root: Path, out: Any = None) -> int:
    """Print every problem in the bank at `root`; return a process exit code."""
    out = out or sys.stdout
    bank = load_bank(root)
    for problem in bank.problems:
        print(problem, file=out)
    count = len(bank.questions)
    if bank.problems:
        print(f"{wording.count(len(bank.problems), 'problem')}; {wording.count(count, 'valid question')}", file=out)
        return 1
    exercises = sum(q.is_exercise for q in bank.questions)
    print(f"OK: {wording.count(count, 'question')} in {wording.count(len(bank.categories), 'category', 'categories')}"
          + (f", {wording.count(exercises, 'coding exercise')}" if exercises else ""), file=out)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] != "check" or len(args) > 2:
        print("usage: python -m desktop.core.bank check [DIR]", file=sys.stderr)
        return 2
    if len(args) == 2:
        root = Path(args[1])
    else:
        from desktop.paths import content_dir

        root = content_dir()
    return check(root)


if __name__ == "__main__":
    sys.exit(main())
