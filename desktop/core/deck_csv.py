"""CSV both ways: one column set that the export writes and the import reads back. No Qt.

A question's columns, in order: id, category (its title), category_id, difficulty, question,
answer, key_points, formula, pitfalls, follow_ups, code, tags, walkthrough, rubric, and for a coding
exercise starter, tests, time_limit and memory_limit_mb (its code is the solution). The export
adds your own columns after them (my_note and the scheduling state); the import ignores those.
Lists (key points, pitfalls, follow-ups, rubric) hold one item a line; a follow-up is
"question — hint". Tags are separated by spaces (commas and semicolons also work on import);
'::' nests a tag. Only question, answer and category are required on import.

Exports start with a UTF-8 byte-order mark, so spreadsheets read –, λ and ≤ correctly; the import
drops it and tells comma, semicolon and tab separators apart from the header row. A cell a
spreadsheet would run as a formula gets a leading ', removed again on import; so does a cell that
already starts with ', so that the round trip is exact.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from desktop.core.bank import (
    DIFFICULTIES,
    FENCE,
    KEBAB,
    MEMORY_LIMIT_MB,
    TIME_LIMIT_S,
    Category,
    Problem,
    Question,
    clean_tag,
    format_follow_up,
    parse_follow_up,
)
from desktop.core.import_common import (
    MAX_CELL_CHARS,
    MAX_QUESTIONS,
    Cancelled,
    DeckRead,
    ImportCancelled,
    ImportFailed,
    category_id,
    default_key_points,
    never,
    one_line,
    problem_text,
    read_text,
    section_text,
    slug,
    text_lines,
    unclosed_fence,
)

QUESTION_COLUMNS = ("id", "category", "category_id", "difficulty", "question", "answer", "key_points", "formula",
                    "pitfalls", "follow_ups", "code", "tags", "walkthrough", "rubric",
                    "starter", "tests", "time_limit", "memory_limit_mb")  # a coding exercise: code is its solution
YOUR_COLUMNS = ("my_note", "state", "due", "stability", "fsrs_difficulty", "reviews")  # exported, not read back
CSV_COLUMNS = QUESTION_COLUMNS + YOUR_COLUMNS
REQUIRED = ("question", "answer", "category")
RENAMED = {"title": "question"}  # what earlier exports called a column
LIST_SEPARATOR = "\n"  # one item a line inside a cell (Alt+Enter in a spreadsheet)
DELIMITERS = {",": "commas", ";": "semicolons", "\t": "tabs"}
# Cells starting with these are run as formulas by spreadsheets (CSV injection); the export puts a ' before them.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
GUARD = "'"
_BULLET = re.compile(r"^[-*]\s+")
_NEWLINES = re.compile(r"\r\n?|[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")  # every line break str.splitlines knows


# ------------------------------------------------------------------ writing


def question_cells(q: Question, category_title: str) -> dict[str, str]:
    """A question's own columns, as text a spreadsheet shows and `read_csv` reads back exactly."""
    return {
        "id": q.id, "category": category_title, "category_id": q.category, "difficulty": q.difficulty,
        "question": q.title, "answer": q.answer, "key_points": list_cell(q.key_points), "formula": q.formula,
        "pitfalls": list_cell(q.pitfalls), "follow_ups": list_cell(format_follow_up(f) for f in q.follow_ups),
        "code": q.reference_code, "tags": " ".join(q.tags), "walkthrough": q.walkthrough,
        "rubric": list_cell(q.rubric), "starter": q.starter, "tests": q.tests,
        "time_limit": str(q.time_limit) if q.is_exercise else "",
        "memory_limit_mb": str(q.memory_limit_mb) if q.is_exercise else "",
    }


def list_cell(items: Iterable[str]) -> str:
    """One item a line. If an item itself starts like a bullet ("- x"), every line gets a "- ", so the
    import, which removes one bullet from each line when all have one, gives the items back unchanged."""
    items = list(items)
    if any(_BULLET.match(i) for i in items):
        items = [f"- {i}" for i in items]
    return LIST_SEPARATOR.join(items)


def list_items(cell: str) -> list[str]:
    lines = [line.strip() for line in cell.splitlines() if line.strip()]
    if lines and all(_BULLET.match(line) for line in lines):
        lines = [_BULLET.sub("", line, count=1) for line in lines]
    return [line for line in lines if line]


def spreadsheet_safe(cell: str) -> str:
    """A cell a spreadsheet will show as text, never run as a formula (CSV injection): prefix a '."""
    return GUARD + cell if cell.startswith((*FORMULA_STARTS, GUARD)) else cell


def unguard(cell: str) -> str:
    """Undo spreadsheet_safe: a ' put before a formula-like first character (or before another ')."""
    return cell[1:] if cell.startswith(GUARD) and cell[1:2] and cell[1] in (*FORMULA_STARTS, GUARD) else cell


# ------------------------------------------------------------------ reading


def read_csv(src: Path, deck: str, cancelled: Cancelled = never) -> DeckRead:
    """Questions from a CSV (or .tsv): the columns above, separated by commas, semicolons or tabs."""
    text = read_text(src, not_utf8=" (save it as CSV UTF-8)", nul=": is it really a CSV file?")
    rows = _rows(src, text, cancelled)
    problems: list[Problem] = []
    categories: dict[str, Category] = {}
    questions: list[Question] = []
    lines_of: dict[str, int] = {}
    for row, line in rows:
        q = _question(row, line, str(src), categories, lines_of, problems)
        if q is not None:
            questions.append(q)
    if problems:
        raise ImportFailed(problem_text(problems))
    if not questions:
        raise ImportFailed(f"{src}: no rows with a question, an answer and a category")
    return DeckRead(list(categories.values()), questions)


def _rows(src: Path, text: str, cancelled: Cancelled) -> list[tuple[dict[str, str], int]]:
    delimiter = _delimiter(src, text)
    reader = csv.reader(text_lines(text), delimiter=delimiter, strict=True)
    rows: list[tuple[dict[str, str], int]] = []
    started = 1  # the line a record starts on, for a quote that never closes
    try:
        header = [_column(h) for h in next(reader, [])]
        started = reader.line_num + 1
        dupes = sorted({h for h in header if h and header.count(h) > 1})
        if dupes:
            raise ImportFailed(f"{src}:1: the column {dupes[0]!r} appears twice; keep one")
        missing = [c for c in REQUIRED if c not in header]
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
            if any(c.strip() for c in cells[len(header):]):  # empty ones trail many a spreadsheet's rows
                separator = DELIMITERS[delimiter].removesuffix("s")
                raise ImportFailed(f"{src}:{started}: {len(cells)} cells, but the first row names {len(header)} "
                                   f"columns: a cell with a {separator} in it needs double quotes around it "
                                   "(or the row has a column too many)")
            if any(c.strip() for c in cells):
                rows.append(({k: unguard(v) for k, v in zip(header, cells, strict=False)}, started))
            started = reader.line_num + 1
    except csv.Error as exc:
        if "unexpected end of data" in str(exc) or "EOF" in str(exc):
            raise ImportFailed(f"{src}:{started}: a quoted cell that starts on this line is never closed "
                               "(a missing \")") from None
        raise ImportFailed(f"{src}:{started}: not readable as CSV ({exc})") from None
    return rows


def _column(name: str) -> str:
    """A header cell as a column name: "Key points" and "follow-ups" name key_points and follow_ups."""
    name = re.sub(r"[\s-]+", "_", name.strip().lower())
    return RENAMED.get(name, name)


def _delimiter(src: Path, text: str) -> str:
    """Comma, semicolon or tab: whichever splits the header row into the most known column names."""
    known = {*CSV_COLUMNS, *RENAMED}
    best, score = ",", 0
    for delimiter in DELIMITERS:
        try:
            header = next(csv.reader(text_lines(text), delimiter=delimiter), [])
        except csv.Error:
            continue
        found = sum(1 for h in header if _column(h) in known)
        if found > score:
            best, score = delimiter, found
    if score == 0:
        first = text.splitlines()[0][:80] if text.strip() else ""
        raise ImportFailed(f"{src}:1: cannot tell how the columns are separated: the first row should name the "
                           "columns question, answer and category, separated by commas, semicolons or tabs "
                           f"(it reads {first!r})")
    return best


def _question(row: dict[str, str], line: int, path: str, categories: dict[str, Category],
              lines_of: dict[str, int], problems: list[Problem]) -> Question | None:
    def bad(message: str) -> None:
        problems.append(Problem(path, line, message))

    title = one_line(row.get("question", ""))
    answer = section_text(row.get("answer", ""))
    cat_title = one_line(row.get("category", ""))
    if not title or not answer or not cat_title:
        bad("every row needs a question, an answer and a category")
        return None
    difficulty = row.get("difficulty", "").strip().lower() or "medium"
    if difficulty not in DIFFICULTIES:
        bad(f"difficulty must be easy, medium or hard, not {difficulty!r}")
        return None
    cat_id = row.get("category_id", "").strip()
    if cat_id and not KEBAB.match(cat_id):
        bad(f"category_id {cat_id!r} must be lowercase words joined by '-' (or leave it empty)")
        return None
    cat_id = cat_id or category_id(cat_title, "imported", categories)
    qid = row.get("id", "").strip()
    if qid and not KEBAB.match(qid):
        bad(f"id {qid!r} must be lowercase words joined by '-' (or leave it empty)")
        return None
    if qid in lines_of:
        bad(f"the id {qid!r} is also on line {lines_of[qid]}; ids must differ")
        return None
    qid = qid or _unique(slug(title, "question"), lines_of)
    lines_of[qid] = line
    formula, walkthrough = section_text(row.get("formula", "")), section_text(row.get("walkthrough", ""))
    code = _NEWLINES.sub("\n", row.get("code", ""))
    for name, text in (("answer", answer), ("formula", formula), ("walkthrough", walkthrough)):
        if unclosed_fence(text):
            bad(f"the {name} opens a code block (```) that it never closes")
            return None
    if any(FENCE.match(code_line) for code_line in code.splitlines()):
        bad("the code has a line starting with ``` (write the code alone, without the fence)")
        return None
    exercise = _exercise(row, code, bad)
    if exercise is None:
        return None
    categories.setdefault(cat_id, Category(cat_id, cat_title))
    return Question(
        id=qid, category=cat_id, difficulty=difficulty, title=title, answer=answer,
        key_points=tuple(list_items(row.get("key_points", ""))) or default_key_points(answer),
        tags=tuple(dict.fromkeys(clean_tag(t) for t in re.split(r"[,;\s]+", row.get("tags", "")) if t)),
        source="imported", formula=formula, pitfalls=tuple(list_items(row.get("pitfalls", ""))),
        follow_ups=tuple(parse_follow_up(i) for i in list_items(row.get("follow_ups", ""))),
        code="" if exercise else code, walkthrough=walkthrough, rubric=tuple(list_items(row.get("rubric", ""))),
        **exercise)


def _exercise(row: dict[str, str], code: str, bad: Callable[[str], None]) -> dict[str, Any] | None:
    """A coding exercise's fields (its `code` is the solution), {} for another question, None if broken."""
    starter, tests = (_NEWLINES.sub("\n", row.get(k, "")) for k in ("starter", "tests"))
    if not starter.strip() and not tests.strip():
        return {}
    if not (starter.strip() and tests.strip() and code.strip()):
        bad("a coding exercise needs its starter, its solution (the code column) and its tests")
        return None
    limits: dict[str, Any] = {}
    for key, (low, high, default) in (("time_limit", TIME_LIMIT_S), ("memory_limit_mb", MEMORY_LIMIT_MB)):
        cell = row.get(key, "").strip() or str(default)
        if not cell.isdigit() or not low <= int(cell) <= high:
            bad(f"{key} must be a whole number from {low} to {high}, not {cell!r}")
            return None
        limits[key] = int(cell)
    return {"starter": starter, "solution": code, "tests": tests, **limits}


def _unique(candidate: str, taken: dict[str, int]) -> str:
    base, n = candidate, 2
    while candidate in taken:
        candidate = f"{base}-{n}"
        n += 1
    return candidate
