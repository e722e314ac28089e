"""Take your work with you: notes as Markdown, everything as CSV (the columns the import reads back,
see deck_csv), a real Anki deck. No Qt.

(The PDF cheat sheet needs Qt's text layout and lives in desktop/ui/pdf_export.py.)
"""

from __future__ import annotations

import csv
import hashlib
import html
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from fsrs import Card

from desktop.core.anki_import import OWN_FIELDS
from desktop.core.bank import Bank, Question
from desktop.core.deck_csv import CSV_COLUMNS, question_cells, spreadsheet_safe
from desktop.core.markup import code_css, to_html
from desktop.core.progress import weakest_questions
from desktop.core.scheduler import SpacedRepetition
from desktop.core.wording import count

__all__ = ["CSV_COLUMNS", "spreadsheet_safe"]  # the CSV's own vocabulary lives in deck_csv


class ExportRefused(ValueError):
    """The destination is not a place an export may write (a plain message says why)."""


class ExportCancelled(Exception):
    """The user cancelled; nothing was written."""


def check_destination(path: Path, data_dir: Path) -> None:
    """Refuse any file inside the data folder: an export must never overwrite the user's own data. Refuse a
    folder (".", "" or one that exists) before any work is done, rather than fail at the final rename."""
    target, data = path.expanduser().resolve(), data_dir.expanduser().resolve()
    if target == data or data in target.parents:
        raise ExportRefused(f"{path} is inside your data folder ({data_dir}); an export never writes there, "
                            "so nothing of yours can be overwritten. Choose a file elsewhere.")
    if path.name in ("", ".", "..") or target.is_dir():
        raise ExportRefused(f"{str(path) or '.'} is a folder: name a file in it")
    refuse_read_only(path)


def refuse_read_only(path: Path) -> None:
    """Refuse a file the user marked read-only: the export writes beside it and renames over it, which the
    folder allows, so without this their protected file would be replaced without a word. Read from the mode
    (chmod a-w; on Windows the read-only attribute shows as the same missing bit), since root writes anyway and
    os.access then says yes; os.access too, for a file another user may write but this one may not."""
    try:
        mode = path.stat().st_mode
    except OSError:  # no file there yet (or none we can see): nothing to protect
        return
    if not mode & stat.S_IWUSR or not os.access(path, os.W_OK):
        raise ExportRefused(f"{path} is read-only; choose another name or make it writable")


@dataclass(frozen=True)
class Selection:
    category: str | None = None
    bookmarked: bool = False
    weakest: int | None = None  # the N weakest studied questions


def select(bank: Bank, sr: SpacedRepetition, how: Selection) -> list[Question]:
    """The questions an export covers, in bank order (weakest: weakest first)."""
    if how.weakest:
        ids = weakest_questions(bank, sr, how.weakest)
        chosen = [q for qid in ids if (q := bank.get(qid)) is not None]
    else:
        chosen = list(bank.questions)
    if how.category:
        chosen = [q for q in chosen if q.category == how.category]
    if how.bookmarked:
        marks = sr.store.note_store.bookmarks()
        chosen = [q for q in chosen if q.id in marks]
    return chosen


def nothing_to_export(fmt: str, how: Selection, chosen: Sequence[Question], notes: dict[str, str]) -> str | None:
    """Why an export of `chosen` would write an empty file, in words the user can act on; None when it would not."""
    if chosen and (fmt != "notes" or any(notes.get(q.id, "").strip() for q in chosen)
                   or (how == Selection() and any(text.strip() for text in notes.values()))):  # kept_elsewhere
        return None
    if chosen:
        why = "none of these questions has a note yet"
    else:
        why = "no question matches these filters" + (
            " (a question counts as weak after two reviews or a miss)" if how.weakest else "")
    return f"Nothing to export: {why}. Nothing was written."


# ------------------------------------------------------------------- notes


def noted(bank: Bank, notes: dict[str, str], questions: Iterable[Question] | None = None) -> list[Question]:
    return [q for q in (questions if questions is not None else bank.questions) if notes.get(q.id, "").strip()]


def kept_elsewhere(bank: Bank, notes: dict[str, str]) -> dict[str, str]:
    """Notes on questions the bank no longer holds (a deck since removed, a question renamed): kept, by id."""
    return {qid: text for qid, text in notes.items() if text.strip() and bank.get(qid) is None}


def notes_markdown(bank: Bank, notes: dict[str, str], questions: Iterable[Question] | None = None,
                   now: datetime | None = None, everything: bool = False) -> str:
    """Every note under its question, grouped by category, as clean Markdown. `everything` (an export with no
    filter): the notes on questions no longer in the bank too, under their ids, so an export taken to keep
    one's work keeps all of it."""
    wanted = noted(bank, notes, questions)
    elsewhere = kept_elsewhere(bank, notes) if everything else {}
    stamp = (now or datetime.now()).strftime("%d %B %Y")
    out = ["# My notes", "",
           f"Exported from ML Interview Coach on {stamp}: {count(len(wanted) + len(elsewhere), 'note')}.", ""]
    for cat in bank.categories:
        in_cat = [q for q in wanted if q.category == cat.id]
        if not in_cat:
            continue
        out += [f"## {cat.title}", ""]
        for q in in_cat:
            out += [f"### {q.title}", "", notes[q.id].strip(), ""]
            for heading, code in q.code_sections:  # an exercise's starter and solution, never its tests
                out += [f"**{heading}**", "", "```python", code.rstrip("\n"), "```", ""]
    if elsewhere:
        out += ["## On questions no longer in the bank", ""]
        for qid in sorted(elsewhere):
            out += [f"### {qid}", "", elsewhere[qid].strip(), ""]
    return "\n".join(out).rstrip() + "\n"


def write_notes(path: Path, bank: Bank, notes: dict[str, str], questions: Iterable[Question] | None = None,
                everything: bool = False) -> int:
    chosen = list(questions) if questions is not None else None
    _write_atomic(path, notes_markdown(bank, notes, chosen, everything=everything).encode("utf-8"))
    return len(noted(bank, notes, chosen)) + (len(kept_elsewhere(bank, notes)) if everything else 0)


# --------------------------------------------------------------------- csv


def csv_rows(bank: Bank, questions: Sequence[Question], notes: dict[str, str],
             sr: SpacedRepetition) -> list[dict[str, str]]:
    """Each question's own columns (what the import reads back), then your note and its scheduling state."""
    cards = sr.store.review_log.cards()
    review_counts: dict[str, int] = {}
    for qid, _rating, _at, _ms in sr.store.review_log.reviews():
        review_counts[qid] = review_counts.get(qid, 0) + 1
    titles = {c.id: c.title for c in bank.categories}
    rows = []
    for q in questions:
        card = Card.from_json(cards[q.id]) if q.id in cards else None
        rows.append({
            **question_cells(q, titles.get(q.category, q.category)),
            "my_note": notes.get(q.id, ""),
            "state": card.state.name.lower() if card else "new",
            "due": card.due.isoformat() if card else "",
            "stability": f"{card.stability:.4f}" if card and card.stability is not None else "",
            "fsrs_difficulty": f"{card.difficulty:.4f}" if card and card.difficulty is not None else "",
            "reviews": str(review_counts.get(q.id, 0)),
        })
    return rows


def write_csv(path: Path, bank: Bank, questions: Sequence[Question], notes: dict[str, str], sr: SpacedRepetition,
              bom: bool = True) -> int:
    """The CSV, with a UTF-8 byte-order mark unless `bom` is False (spreadsheets need it to read UTF-8)."""
    rows = [{k: spreadsheet_safe(v) for k, v in row.items()} for row in csv_rows(bank, questions, notes, sr)]
    with replacing(path) as tmp, tmp.open("w", newline="", encoding="utf-8-sig" if bom else "utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


# -------------------------------------------------------------------- anki


def to_anki_html(markdown: str) -> str:
    """Our Markdown as HTML with formulas in Anki's MathJax delimiters: \\(…\\) inline, \\[…\\] display, and
    each code block's language in its class, for the way back (anki_html)."""
    rendered = to_html(markdown, code_language=True)
    out = rendered.html
    for i, span in enumerate(rendered.math):
        tex = html.escape(span.latex, quote=False)
        out = out.replace(f'<img src="math:{i}">', f"\\[{tex}\\]" if span.display else f"\\({tex}\\)", 1)
    return out


def _stable_id(text: str) -> int:
    """genanki wants 32-bit-ish positive ids that stay the same across exports."""
    return int(hashlib.sha1(text.encode()).hexdigest()[:8], 16) | (1 << 30)


ANKI_FIELDS = OWN_FIELDS  # the import knows them, and brings the deck back into its categories
# A new id whenever the fields change: Anki keeps a note type's fields under its id, so a changed set
# under an old id would not match what earlier exports put in users' collections (v2 added Starter, Code).
ANKI_MODEL = "ml-interview-coach model v2"


def write_anki(path: Path, bank: Bank, questions: Sequence[Question], notes: dict[str, str],
               deck_name: str = "ML Interview Coach", cancelled: Callable[[], bool] | None = None) -> int:
    """An Anki package of `questions`; `cancelled` is polled between questions (ExportCancelled: nothing written)."""
    import genanki  # only needed here; imported on use to keep start-up lean

    model = genanki.Model(
        _stable_id(ANKI_MODEL),
        "ML Interview Coach question",
        fields=[{"name": name} for name in ANKI_FIELDS],
        templates=[{
            "name": "Question → answer",
            "qfmt": '<div class="q">{{Question}}</div><div class="cat">{{Category}}</div>'
                    '{{#Starter}}<h4>Starter</h4>{{Starter}}{{/Starter}}',
            "afmt": '{{FrontSide}}<hr id="answer"><div class="a">{{Answer}}</div>'
                    '<h4>Key points</h4>{{Key points}}{{#Formula}}<div class="f">{{Formula}}</div>{{/Formula}}'
                    '{{#Code}}<h4>Code</h4>{{Code}}{{/Code}}'
                    '{{#My notes}}<h4>My notes</h4><div class="n">{{My notes}}</div>{{/My notes}}',
        }],
        css=".card{font-family:sans-serif;font-size:18px;text-align:left;max-width:44em;margin:auto}"
            ".q{font-weight:600}.cat{color:#888;font-size:14px}.n{background:#fff8dc;padding:6px}"
            "pre{white-space:pre-wrap;background:#f6f6f6;padding:6px}" + code_css("#f6f6f6"),
    )
    deck = genanki.Deck(_stable_id(deck_name), deck_name)
    titles = {c.id: c.title for c in bank.categories}
    for q in questions:
        if cancelled is not None and cancelled():
            raise ExportCancelled
        fields = [
            to_anki_html(q.title).removeprefix("<p>").removesuffix("</p>"),
            to_anki_html(q.answer),
            to_anki_html("\n".join(f"- {k}" for k in q.key_points)),
            to_anki_html(q.formula) if q.formula else "",
            to_anki_html(notes.get(q.id, "")) if notes.get(q.id, "").strip() else "",
            _code_html(q.starter),  # an exercise's statement in code: it goes on the front of the card
            _code_html(q.reference_code),  # the solution; an exercise's hidden tests are never exported
            html.escape(titles.get(q.category, q.category)),
            q.id,
        ]
        tags = [re.sub(r"\s+", "_", t) for t in (*q.tags, q.category, q.difficulty)]
        deck.add_note(genanki.Note(model=model, fields=fields, tags=tags, guid=genanki.guid_for(q.id)))
    with replacing(path) as tmp:
        genanki.Package(deck).write_to_file(str(tmp))
    return len(questions)


def _code_html(code: str) -> str:
    return f"<pre>{html.escape(code)}</pre>" if code.strip() else ""


@contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """Write to `path`.partial, then put it in place in one rename: a reader never sees half a file,
    and a write that fails (a folder in the way, a full disk) leaves nothing behind. A read-only `path` is
    refused (ExportRefused), before and again just before the rename. A `path` that is a link is written
    through: the file it points to is replaced, and the user's link stays a link."""
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    refuse_read_only(path)
    tmp = path.with_name(path.name + ".partial")
    tmp.open("wb").close()  # a folder that is missing or cannot be written fails here, with its reason
    try:
        yield tmp
        refuse_read_only(path)  # made read-only while the export ran (a PDF takes seconds)
        tmp.replace(path)
    except BaseException:
        if tmp.is_file():
            tmp.unlink()
        raise


def _write_atomic(path: Path, data: bytes) -> None:
    with replacing(path) as tmp:
        tmp.write_bytes(data)
