"""Bring your own questions: a folder in the bank's format, a CSV, or an Anki deck. No Qt.

An import is all or nothing. Every source question is parsed first; any problem
fails the whole import with `path:line: message` lines and writes nothing. The
deck is then built in a staging folder, checked with the bank loader, and moved
into `<data>/decks/<name>/` in one rename. Ids and category ids that clash with
the bundled bank (or an earlier deck) are prefixed with the deck's name, so
imported questions never overwrite anything, and progress stays keyed by id.

Importing a deck again updates it in place: the questions whose ids it already holds are replaced,
new ones added, and the others kept (as Anki does). An Anki deck is found by its notes' GUIDs
whatever the file is called; a CSV or folder by its deck name and ids.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from desktop.core.bank import Bank, Category, Problem, Question, format_follow_up, load_bank, parse_question
from desktop.core.deck_csv import read_csv
from desktop.core.decks import DECKS_DIR, deck_roots
from desktop.core.import_common import (
    MAX_CELL_CHARS,
    MAX_KEY_POINTS,
    MAX_QUESTIONS,
    MAX_SOURCE_BYTES,
    Cancelled,
    DeckRead,
    ImportCancelled,
    ImportFailed,
    check_size,
    never,
    problem_text,
    slug,
)
from desktop.core.wording import count

# Re-exported: callers import the import's vocabulary from here.
__all__ = ["DECKS_DIR", "MAX_CELL_CHARS", "MAX_KEY_POINTS", "MAX_QUESTIONS", "MAX_SOURCE_BYTES", "Cancelled",
           "ImportCancelled", "ImportFailed", "ImportResult", "deck_name", "deck_roots", "import_path", "read_csv",
           "read_folder", "render_question", "slug"]

REPLACED_PREFIX = ".replaced-"  # an updated deck's old folder, for the moment between two renames
FILE_TYPES = "a folder of question files (.md), a .csv file, an Anki deck (.apkg) or Anki's Notes in Plain Text (.txt)"


@dataclass(frozen=True)
class ImportResult:
    name: str
    folder: Path
    questions: int
    categories: tuple[str, ...]
    renamed: dict[str, str] = field(default_factory=dict)  # old id -> new id, where a clash forced a rename
    updated: int = 0  # questions the deck already held, replaced by the new version (an update in place)
    kept: int = 0  # questions the deck held that the source no longer has: kept, as Anki keeps them
    left_out: tuple[str, ...] = ()  # what the source held that is not imported, counted in words
    # The user's notes the source carried (DeckRead.notes), by the question each is to be restored on: the one it
    # was written on where the bank holds it, else the question imported from it (services.restore_notes).
    notes: dict[str, str] = field(default_factory=dict)

    def summary(self) -> str:
        if self.updated or self.kept:
            added = self.questions - self.updated
            return (f"Updated the deck {self.name!r}: {count(self.updated, 'question')} updated, {added:,} added"
                    + (f", {self.kept:,} kept from before" if self.kept else "") + ".")
        return f"Imported {count(self.questions, 'question')} as the deck {self.name!r}."


# ------------------------------------------------------------------ reading


def read_folder(src: Path, deck: str) -> tuple[list[Category], list[Question]]:
    """Questions from a folder: a full deck (categories.yaml + <category>/<id>.md) or loose .md files."""
    problems: list[Problem] = []
    links = _links_under(src)
    if links:
        listed = "\n".join(f"{p}:1: is a link; links are not followed (copy the file itself into the folder)"
                           for p in links[:20])
        raise ImportFailed(listed)
    check_size(sum(p.stat().st_size for p in src.rglob("*") if p.is_file()), src)
    if (src / "categories.yaml").is_file():
        bank = load_bank(src)
        if bank.problems:
            raise ImportFailed(problem_text(bank.problems))
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
        raise ImportFailed(problem_text(problems))
    return [category], questions


# ------------------------------------------------------------------ writing


def render_question(q: Question) -> str:
    """A question in the bank's Markdown format (what the loader reads back)."""
    import yaml  # here: start-up lists the decks (deck_roots) and need not pay for PyYAML then

    meta: dict[str, object] = {"id": q.id, "category": q.category, "difficulty": q.difficulty,
                               "tags": list(q.tags), "source": q.source}
    if q.is_exercise:
        meta |= {"time_limit": q.time_limit, "memory_limit_mb": q.memory_limit_mb}
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's: ten times faster for a 10,000-question deck
    dumped = yaml.dump(meta, Dumper=dumper, sort_keys=False, allow_unicode=True)
    parts = ["---", dumped.strip(), "---",
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
        parts += ["", "## Follow-ups", *(f"- {format_follow_up(f)}" for f in q.follow_ups)]
    if q.code:
        parts += ["", "## Code", "```python", q.code, "```"]
    if q.is_exercise:
        for heading, code in (("Starter", q.starter), ("Solution", q.solution), ("Tests", q.tests)):
            parts += ["", f"## {heading}", "```python", code.rstrip("\n"), "```"]
    return "\n".join(parts) + "\n"


def read_source(src: Path, deck: str, cancelled: Cancelled = never) -> DeckRead:
    """Every question of a folder, CSV or Anki file, checked: raises ImportFailed on any problem."""
    suffix = src.suffix.lower()
    if src.is_dir():
        categories, questions = read_folder(src, deck)
        return DeckRead(categories, questions)
    if not src.exists():
        raise ImportFailed(f"{src}: no such file or folder")
    if not src.is_file():
        raise ImportFailed(f"{src}: choose {FILE_TYPES}")
    if suffix in (".csv", ".tsv"):
        return read_csv(src, deck, cancelled)
    if suffix in (".apkg", ".colpkg", ".txt"):
        from desktop.core import anki_import  # markdownify and zstandard load only for an Anki import

        reader = anki_import.read_anki_text if suffix == ".txt" else anki_import.read_apkg
        return reader(src, deck, cancelled)
    raise ImportFailed(f"{src}: choose {FILE_TYPES}")


def deck_name(src: Path, name: str | None = None) -> str:
    """The name (and folder) a deck imported from `src` is given: `name` if the user chose one."""
    return slug(name or Path(src).stem, "deck")


def import_path(src: Path, data_dir: Path, existing: Bank, name: str | None = None,
                cancelled: Cancelled = never, read: DeckRead | None = None) -> ImportResult:
    """Import a folder, CSV or Anki deck. Raises ImportFailed (having written nothing) on any problem.

    `cancelled` is polled as it goes (a worker thread passes the progress dialog's Cancel). `read`: the
    source as read_source(src, deck_name(src, name)) read it already (services reads it before the backup).
    """
    import yaml  # see render_question

    src = Path(src)
    deck = deck_name(src, name)
    if read is None:
        read = read_source(src, deck, cancelled)
    root = data_dir / DECKS_DIR
    target = _deck_to_update(root, deck, read)
    old = load_bank(target) if target is not None else Bank((), ())
    others = Bank(tuple(c for c in existing.categories if c not in old.categories),
                  tuple(q for q in existing.questions if old.get(q.id) is None))
    categories, questions, renamed = _avoid_clashes(target.name if target else deck, read.categories,
                                                    read.questions, others)
    incoming = {q.id for q in questions}
    kept = [q for q in old.questions if q.id not in incoming]
    root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=root))
    try:
        if target is not None:  # the deck's own files, byte for byte, but for those being replaced
            replaced = {q.id for q in old.questions} & incoming
            shutil.copytree(target, staging, dirs_exist_ok=True,
                            ignore=lambda _d, names: [n for n in names if n.removesuffix(".md") in replaced])
        for i, q in enumerate(questions):
            if i % 200 == 0 and cancelled():
                raise ImportCancelled("Import cancelled; nothing was imported.")
            folder = staging / q.category
            folder.mkdir(exist_ok=True)
            (folder / f"{q.id}.md").write_text(render_question(replace(q, source="imported")), encoding="utf-8")
        for empty in (p for p in staging.iterdir() if p.is_dir() and not any(p.iterdir())):
            empty.rmdir()  # a category whose questions all moved to another deck of the same source
        used = {p.name for p in staging.iterdir() if p.is_dir()}
        listed = dict.fromkeys(c for c in (*old.categories, *categories) if c.id in used)
        (staging / "categories.yaml").write_text(yaml.safe_dump(
            [{"id": c.id, "title": c.title, "description": c.description} for c in listed],
            sort_keys=False, allow_unicode=True), encoding="utf-8")
        check = load_bank(staging)
        if len(check.problems) > len(old.problems) or any(check.get(q.id) is None for q in questions):
            raise ImportFailed("the imported deck did not read back cleanly:\n" + problem_text(check.problems))
        if cancelled():  # pressed while the deck was read back (a second or two at 10,000): still in time
            raise ImportCancelled("Import cancelled; nothing was imported.")
        final = _put_in_place(staging, target, root, deck)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    updated = sum(1 for q in questions if old.get(q.id) is not None)
    notes = {origin if existing.get(origin) is not None else renamed.get(qid, qid): text
             for qid, (origin, text) in read.notes.items()}
    return ImportResult(final.name, final, len(questions), tuple(c.id for c in categories), renamed,
                        updated=updated, kept=len(kept), left_out=read.left_out, notes=notes)


def _deck_to_update(root: Path, deck: str, read: DeckRead) -> Path | None:
    """The imported deck this source is a new version of: the one holding most of its ids. Ids that are
    the source's own identities (Anki GUIDs) find it under any name; other ids only in the deck's own folder."""
    incoming = {q.id for q in read.questions}
    best, overlap = None, 0
    for folder in deck_roots(root.parent):
        if not read.stable_ids and folder.name != deck:
            continue
        held = {p.stem for p in folder.glob("*/*.md")}
        # An id taken elsewhere (a CSV exported from the bundled bank) was stored under the deck's name: it is
        # this deck's all the same, or a deck of nothing but such ids would be imported anew, notes left behind.
        shared = sum(1 for qid in incoming if qid in held or f"{folder.name}-{qid}" in held)
        if shared > overlap:
            best, overlap = folder, shared
    return best


def _put_in_place(staging: Path, target: Path | None, root: Path, deck: str) -> Path:
    """A new deck appears in one rename. An updated one takes two (old aside, new in); should the app die
    between them, backups.tidy_leftovers puts the old folder back at the next start."""
    if target is None:
        final = _free_name(root, deck)
        staging.replace(final)
        return final
    aside = root / f"{REPLACED_PREFIX}{target.name}"
    shutil.rmtree(aside, ignore_errors=True)
    target.replace(aside)
    try:
        staging.replace(target)
    except OSError:
        aside.replace(target)
        raise
    shutil.rmtree(aside, ignore_errors=True)
    return target


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
