"""Bring your own questions: a folder in the bank's format, or a CSV. No Qt.

An import is all or nothing. Every source question is parsed first; any problem
fails the whole import with `path:line: message` lines and writes nothing. The
deck is then built in a staging folder, checked with the bank loader, and moved
into `<data>/decks/<name>/` in one rename. Ids and category ids that clash with
the bundled bank (or an earlier deck) are prefixed with the deck's name, so
imported questions never overwrite anything, and progress stays keyed by id.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from desktop.core.bank import DIFFICULTIES, Bank, Category, Problem, Question, load_bank, parse_question

DECKS_DIR = "decks"
CSV_REQUIRED = ("question", "answer", "category")
MAX_KEY_POINTS = 6
# Limits that keep a deck within the bank-size budget (10,000 questions load without freezing the UI).
MAX_QUESTIONS = 10_000
MAX_SOURCE_BYTES = 20 * 1024 * 1024
MAX_CELL_CHARS = 20_000
# Our CSV export prefixes these with ' so spreadsheets do not run them as formulas; read it back off.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class ImportFailed(Exception):
    """Nothing was imported; the message says why in plain words (with path:line for file problems)."""


class ImportCancelled(ImportFailed):
    """The user cancelled; nothing was written."""


Cancelled = Callable[[], bool]  # polled during long work; True stops it


def _never() -> bool:
    return False


@dataclass(frozen=True)
class ImportResult:
    name: str
    folder: Path
    questions: int
    categories: tuple[str, ...]
    renamed: dict[str, str] = field(default_factory=dict)  # old id -> new id, where a clash forced a rename


def deck_roots(data_dir: Path) -> list[Path]:
    """Imported decks, in the order they were added (names sort by import)."""
    root = data_dir / DECKS_DIR
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))


def slug(text: str, fallback: str = "deck") -> str:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(words)[:60].strip("-") or fallback


# ------------------------------------------------------------------ reading


def read_folder(src: Path, deck: str) -> tuple[list[Category], list[Question]]:
    """Questions from a folder: a full deck (categories.yaml + <category>/<id>.md) or loose .md files."""
    problems: list[Problem] = []
    links = _links_under(src)
    if links:
        listed = "\n".join(f"{p}:1: is a link; links are not followed (copy the file itself into the folder)"
                           for p in links[:20])
        raise ImportFailed(listed)
    _check_size(sum(p.stat().st_size for p in src.rglob("*") if p.is_file()), src)
    if (src / "categories.yaml").is_file():
        bank = load_bank(src)
        if bank.problems:
            raise ImportFailed(_problem_text(bank.problems))
        if not bank.questions:
            raise ImportFailed(f"{src}: no questions found")
        return list(bank.categories), list(bank.questions)
    files = sorted(p for p in src.rglob("*.md") if p.is_file())
    if len(files) > MAX_QUESTIONS:
        raise ImportFailed(f"{src}: {len(files):,} question files; a deck can hold at most {MAX_QUESTIONS:,}. "
                           "Split it into smaller decks.")
    if not files:
        raise ImportFailed(f"{src}: no .md question files and no categories.yaml found")
    category = Category(deck, deck.replace("-", " ").capitalize())
    questions: list[Question] = []
    for path in files:
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            problems.append(Problem(str(path), 1, "file is not UTF-8 text"))
            continue
        except OSError as exc:
            problems.append(Problem(str(path), 1, f"cannot read file: {exc}"))
            continue
        if "\0" in text:
            problems.append(Problem(str(path), text[: text.index("\0")].count("\n") + 1,
                                    "contains a NUL byte: is it really a text file?"))
            continue
        # Loose files join the deck's one category, whatever their front matter said; the text is not
        # edited, so problems point at the user's own line numbers.
        q, found = parse_question(text, str(path), None, None, default_category=deck)
        if q is not None:
            q = replace(q, category=deck)
        problems.extend(found)
        if q is not None:
            questions.append(q)
    if problems:
        raise ImportFailed(_problem_text(problems))
    return [category], questions


def read_csv(src: Path, deck: str, cancelled: Cancelled = _never) -> tuple[list[Category], list[Question]]:
    """Questions from a CSV with columns question, answer, category and optional tags, difficulty, key_points."""
    try:
        _check_size(src.stat().st_size, src)
        text = src.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFailed(f"{src}:1: the file is not UTF-8 text (save it as CSV UTF-8)") from None
    except OSError as exc:
        raise ImportFailed(f"{src}: cannot read the file ({exc})") from None
    if "\0" in text:
        line = text[: text.index("\0")].count("\n") + 1
        raise ImportFailed(f"{src}:{line}: contains a NUL byte: is it really a CSV file?")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[tuple[dict[str, str], int]] = []
    started = 1  # the line a record starts on, for a quote that never closes
    try:
        header = [h.strip().lower() for h in next(reader, [])]
        started = reader.line_num + 1
        dupes = sorted({h for h in header if h and header.count(h) > 1})
        if dupes:
            raise ImportFailed(f"{src}:1: the column {dupes[0]!r} appears twice; keep one")
        missing = [c for c in CSV_REQUIRED if c not in header]
        if missing:
            raise ImportFailed(f"{src}:1: the first row must name the columns question, answer and category "
                               f"(missing: {', '.join(missing)})")
        for cells in reader:
            if len(rows) % 500 == 0 and cancelled():
                raise ImportCancelled("Import cancelled; nothing was imported.")
            if len(rows) >= MAX_QUESTIONS:
                raise ImportFailed(f"{src}:{reader.line_num}: more than {MAX_QUESTIONS:,} rows; a deck can hold at "
                                   f"most {MAX_QUESTIONS:,}. Split the file.")
            long = next((c for c in cells if len(c) > MAX_CELL_CHARS), None)
            if long is not None:
                raise ImportFailed(f"{src}:{started}: a cell of {len(long):,} characters; the limit is "
                                   f"{MAX_CELL_CHARS:,}")
            if any(c.strip() for c in cells):
                rows.append(({k: _unguard(v) for k, v in zip(header, cells, strict=False)}, started))
            started = reader.line_num + 1
    except csv.Error as exc:
        if "unexpected end of data" in str(exc) or "EOF" in str(exc):
            raise ImportFailed(f"{src}:{started}: a quoted cell that starts on this line is never closed "
                               "(a missing \")") from None
        raise ImportFailed(f"{src}:{started}: not readable as CSV ({exc})") from None
    problems: list[Problem] = []
    categories: dict[str, Category] = {}
    questions: list[Question] = []
    for row, line in rows:
        title = " ".join(row.get("question", "").split())
        answer = _plain_block(row.get("answer", ""))
        cat_title = " ".join(row.get("category", "").split())
        if not title or not answer or not cat_title:
            problems.append(Problem(str(src), line, "every row needs a question, an answer and a category"))
            continue
        difficulty = row.get("difficulty", "").strip().lower() or "medium"
        if difficulty not in DIFFICULTIES:
            problems.append(Problem(str(src), line, f"difficulty must be easy, medium or hard, not {difficulty!r}"))
            continue
        cat_id = slug(cat_title, "imported")
        categories.setdefault(cat_id, Category(cat_id, cat_title))
        points = [p for p in (_one_line(x) for x in re.split(r"\n|\|", row.get("key_points", ""))) if p]
        questions.append(Question(
            id=slug(title, "question"), category=cat_id, difficulty=difficulty, title=title, answer=answer,
            key_points=tuple(points[:MAX_KEY_POINTS] or _points_from(answer)),
            tags=_tags(row.get("tags", "")), source="imported"))
    if problems:
        raise ImportFailed(_problem_text(problems))
    if not questions:
        raise ImportFailed(f"{src}: no rows with a question, an answer and a category")
    return list(categories.values()), questions


# ------------------------------------------------------------------ writing


def render_question(q: Question) -> str:
    """A question in the bank's Markdown format (what the loader reads back)."""
    import yaml  # here: start-up lists the decks (deck_roots) and need not pay for PyYAML then

    meta = {"id": q.id, "category": q.category, "difficulty": q.difficulty, "tags": list(q.tags),
            "source": q.source}
    parts = ["---", yaml.safe_dump(meta, sort_keys=False, allow_unicode=True).strip(), "---",
             f"# {q.title}", "", "## Answer", q.answer, "", "## Key points", *(f"- {k}" for k in q.key_points)]
    if q.walkthrough:
        parts += ["", "## Walkthrough", q.walkthrough]
    if q.rubric:
        parts += ["", "## Rubric", *(f"- {r}" for r in q.rubric)]
    if q.formula:
        parts += ["", "## Formula", q.formula]
    if q.pitfalls:
        parts += ["", "## Pitfalls", *(f"- {p}" for p in q.pitfalls)]
    if q.follow_ups:
        parts += ["", "## Follow-ups", *(f"- {f.question} — {f.hint}" if f.hint else f"- {f.question}"
                                         for f in q.follow_ups)]
    if q.code:
        parts += ["", "## Code", "```python", q.code, "```"]
    return "\n".join(parts) + "\n"


def import_path(src: Path, data_dir: Path, existing: Bank, name: str | None = None,
                cancelled: Cancelled = _never) -> ImportResult:
    """Import a folder or CSV as a new deck. Raises ImportFailed (having written nothing) on any problem.

    `cancelled` is polled as it goes (a worker thread passes the progress dialog's Cancel).
    """
    import yaml  # see render_question

    src = Path(src)
    deck = slug(name or src.stem, "deck")
    if src.is_dir():
        categories, questions = read_folder(src, deck)
    elif src.suffix.lower() == ".csv" and src.is_file():
        categories, questions = read_csv(src, deck, cancelled)
    elif not src.exists():
        raise ImportFailed(f"{src}: no such file or folder")
    else:
        raise ImportFailed(f"{src}: choose a folder of question files (.md) or a .csv file")

    categories, questions, renamed = _avoid_clashes(deck, categories, questions, existing)
    root = data_dir / DECKS_DIR
    root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=root))
    try:
        (staging / "categories.yaml").write_text(yaml.safe_dump(
            [{"id": c.id, "title": c.title, "description": c.description} for c in categories],
            sort_keys=False, allow_unicode=True), encoding="utf-8")
        for i, q in enumerate(questions):
            if i % 200 == 0 and cancelled():
                raise ImportCancelled("Import cancelled; nothing was imported.")
            folder = staging / q.category
            folder.mkdir(exist_ok=True)
            (folder / f"{q.id}.md").write_text(render_question(replace(q, source="imported")), encoding="utf-8")
        check = load_bank(staging)
        if check.problems or len(check.questions) != len(questions):
            raise ImportFailed("the imported deck did not read back cleanly:\n" + _problem_text(check.problems))
        target = _free_name(root, deck)
        staging.replace(target)  # one rename: the deck appears whole or not at all
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return ImportResult(target.name, target, len(questions), tuple(c.id for c in categories), renamed)


def _avoid_clashes(deck: str, categories: Sequence[Category], questions: Sequence[Question],
                   existing: Bank) -> tuple[list[Category], list[Question], dict[str, str]]:
    taken_cats = {c.id for c in existing.categories}
    taken_ids = {q.id for q in existing.questions}
    cat_map: dict[str, str] = {}
    new_cats = []
    for c in categories:
        new_id = c.id if c.id not in taken_cats else _unique(f"{deck}-{c.id}", taken_cats)
        taken_cats.add(new_id)
        cat_map[c.id] = new_id
        title = c.title if new_id == c.id else f"{c.title} ({deck})"
        new_cats.append(Category(new_id, title, c.description))
    renamed: dict[str, str] = {}
    new_questions = []
    for q in questions:
        new_id = q.id if q.id not in taken_ids else _unique(f"{deck}-{q.id}", taken_ids)
        taken_ids.add(new_id)
        if new_id != q.id:
            renamed[q.id] = new_id
        new_questions.append(replace(q, id=new_id, category=cat_map.get(q.category, q.category)))
    return new_cats, new_questions, renamed


def _unique(candidate: str, taken: Iterable[str]) -> str:
    taken = set(taken)
    base, n = candidate[:70], 2
    while candidate in taken:
        candidate = f"{base}-{n}"
        n += 1
    return candidate


def _free_name(root: Path, deck: str) -> Path:
    target, n = root / deck, 2
    while target.exists():
        target = root / f"{deck}-{n}"
        n += 1
    return target


def _links_under(src: Path) -> list[Path]:
    found = []
    for folder, dirs, files in os.walk(src, followlinks=False):
        found += [Path(folder) / n for n in (*dirs, *files) if (Path(folder) / n).is_symlink()]
    return sorted(found)


def _check_size(size: int, src: Path) -> None:
    if size > MAX_SOURCE_BYTES:
        raise ImportFailed(f"{src}: {size / 1e6:.0f} MB is too large to import; the limit is "
                           f"{MAX_SOURCE_BYTES // (1024 * 1024)} MB. Split it into smaller decks.")


def _unguard(cell: str) -> str:
    """Undo the export's spreadsheet guard: a ' put before a formula-like first character."""
    return cell[1:] if cell.startswith("'") and cell[1:2] and cell[1] in FORMULA_STARTS else cell


def _tags(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(t for t in (slug(w, "") for w in re.split(r"[,;\s]+", text)) if t))


def _one_line(text: str) -> str:
    return " ".join(text.split()).lstrip("-* ").strip()


def _plain_block(text: str) -> str:
    """Free text made safe for a section body: no line may look like a section heading."""
    lines = [re.sub(r"^\s*#+\s*", "", line).rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    return "\n".join(lines).strip()


def _points_from(answer: str) -> tuple[str, ...]:
    """Key points for a CSV row that gave none: the answer's first sentences, one a point."""
    sentences = [s.strip() for s in re.split(r"(?<=[.!?])\s+", " ".join(answer.split())) if s.strip()]
    return tuple(sentences[:4]) or (answer[:200],)


def _problem_text(problems: Iterable[Problem]) -> str:
    return "\n".join(str(p) for p in problems)
