"""Anki decks in: a package (.apkg or .colpkg) of either generation, or Anki's "Notes in Plain Text". No Qt.

A package is a zip. Since Anki 2.1.50 it holds `collection.anki21b`, a zstd-compressed SQLite
database of the current schema (notetypes, fields and decks tables, notetype settings in
protobuf), beside a stub `collection.anki2` that only says "update Anki"; older packages hold
`collection.anki21` or `collection.anki2` (schema 11: notetypes and decks as JSON in the `col`
table). The tables are read directly, with no Anki installed.

Each note becomes one question in the category of its deck ("ML::Basics" → "ML › Basics"): the first
field is the title, the second the answer; further fields join the answer under their names, except
a "Key points" or "Formula" field, which fill those sections. Tags keep their '::' hierarchy. The
question's id comes from the note's GUID, so importing the deck again updates the same questions.
A deck this app exported (its note type's fields, OWN_FIELDS) comes back as it left: each question in
its category (the Category field; its id and the difficulty are the last two tags), its code in the
code section, its code blocks' languages from their class (anki_html), the Category and Id fields not
added to the answer, and the user's note (the My notes field) apart from it, to be restored as a note
(DeckRead.notes).
Cloze and image-occlusion notes, notes with nothing to ask or answer, and media are counted as left
out. Difficulty is medium (Anki has none to give); key points come from the answer
(import_common.default_key_points).
"""

from __future__ import annotations

import csv
import hashlib
import html
import json
import re
import sqlite3
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO

from desktop.core.anki_html import MEDIA_MARKER, field_markdown, looks_like_html, plain_to_html
from desktop.core.bank import DIFFICULTIES, KEBAB, Category, Question, clean_tag
from desktop.core.import_common import (
    MAX_CELL_CHARS,
    MAX_QUESTIONS,
    Cancelled,
    DeckRead,
    ImportCancelled,
    ImportFailed,
    category_id,
    check_size,
    default_key_points,
    never,
    read_text,
    slug,
    text_lines,
)
from desktop.core.wording import count

NORMAL, CLOZE, OCCLUSION = "normal", "cloze", "image occlusion"
COLLECTIONS = ("collection.anki21b", "collection.anki21", "collection.anki2")  # newest first: the others are stubs
MAX_COLLECTION_BYTES = 512 * 1024 * 1024  # unpacked; a zip bomb stops here
DECK_LEVEL = "::"
_CLOZE_MARK = re.compile(r"\{\{c\d+::")
_IGNORED_FIELDS = {"add reverse"}  # "Basic (optional reversed card)": a switch, not content
# The note type desktop/core/export.py writes; its deck imports back into the categories it left.
OWN_FIELDS = ("Question", "Answer", "Key points", "Formula", "My notes", "Starter", "Code", "Category", "Id")
_OWN_ONLY = {"category", "id", "my notes"}  # what the export adds beside the question, not part of the answer
_PRE = re.compile(r"<pre>(.*)</pre>", re.S)
# Notetype settings (protobuf Notetype.Config): field 1 is the kind (1 = cloze), field 9 the stock kind it
# was made from (6 = image occlusion).
_KIND_FIELD, _STOCK_FIELD, _STOCK_OCCLUSION = 1, 9, 6


@dataclass(frozen=True)
class AnkiNote:
    guid: str
    deck: str  # "ML::Basics"
    kind: str  # NORMAL, CLOZE or OCCLUSION
    fields: tuple[tuple[str, str], ...]  # (name, HTML); names are "" where the source does not give them
    tags: tuple[str, ...]
    where: str  # for messages: "note 12"


def question_id(guid: str) -> str:
    """A stable, kebab-case id for an Anki note: the same GUID gives the same question on every import."""
    return "anki-" + hashlib.sha1(guid.encode("utf-8")).hexdigest()[:12]


# ------------------------------------------------------------------ packages


def read_apkg(src: Path, deck: str, cancelled: Cancelled = never) -> DeckRead:
    check_size(src.stat().st_size, src)
    try:
        with zipfile.ZipFile(src) as package:
            names = set(package.namelist())
            member = next((n for n in COLLECTIONS if n in names), None)
            if member is None:
                raise ImportFailed(f"{src}: no Anki collection inside; export the deck from Anki as an .apkg")
            data = _unpacked(package, member, src)
            media_files = sum(1 for n in names if n.isdigit())  # media are stored as 0, 1, 2…
    except zipfile.BadZipFile:
        raise ImportFailed(f"{src}: not an Anki package (an .apkg is a zip file, and this is not one)") from None
    except OSError as exc:
        raise ImportFailed(f"{src}: cannot read the file ({exc})") from None
    db = sqlite3.connect(":memory:")
    try:
        db.deserialize(_without_wal(data))
        db.execute("PRAGMA query_only = ON")
        db.execute("PRAGMA trusted_schema = OFF")  # a view in a hostile file may not call functions
        notes = list(_collection_notes(db, cancelled))
    except sqlite3.DatabaseError as exc:
        raise ImportFailed(f"{src}: the collection inside is not a readable Anki database ({exc})") from None
    finally:
        db.close()
    return to_deck(notes, src, deck, media_files, cancelled)


def _unpacked(package: zipfile.ZipFile, member: str, src: Path) -> bytes:
    too_big = ImportFailed(f"{src}: the collection unpacks to more than {MAX_COLLECTION_BYTES // 2**20} MB")
    with package.open(member) as raw:
        stream: IO[bytes] = raw
        if member.endswith("21b"):
            import zstandard  # only reading a current Anki package needs it

            stream = zstandard.ZstdDecompressor().stream_reader(raw)
        chunks, size = [], 0
        try:
            while chunk := stream.read(1 << 20):
                size += len(chunk)
                if size > MAX_COLLECTION_BYTES:
                    raise too_big
                chunks.append(chunk)
        except ImportFailed:
            raise
        except Exception as exc:  # zstandard.ZstdError, zlib.error: a damaged package
            raise ImportFailed(f"{src}: the collection inside cannot be unpacked ({exc})") from None
    return b"".join(chunks)


def _without_wal(data: bytes) -> bytes:
    """Anki saves its collection in WAL mode, which a database held in memory cannot open: header bytes
    18 and 19 (the read and write format versions) say 2 for WAL and 1 for the classic journal."""
    if data[:16] == b"SQLite format 3\x00" and data[18:20] == b"\x02\x02":
        return data[:18] + b"\x01\x01" + data[20:]
    return data


def _collection_notes(db: sqlite3.Connection, cancelled: Cancelled) -> Iterator[AnkiNote]:
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "notetypes" in tables:  # schema 18 (Anki 2.1.28 and later)
        kinds = {ntid: _kind(name, _proto_varints(config)) for ntid, name, config
                 in db.execute("SELECT id, name, config FROM notetypes")}
        field_names: dict[int, list[str]] = {}
        for ntid, _ord, name in db.execute("SELECT ntid, ord, name FROM fields ORDER BY ntid, ord"):
            field_names.setdefault(ntid, []).append(name)
        decks = {did: name.replace("\x1f", DECK_LEVEL) for did, name in db.execute("SELECT id, name FROM decks")}
    else:  # schema 11: JSON in the col table
        models_json, decks_json = db.execute("SELECT models, decks FROM col").fetchone()
        models = json.loads(models_json)
        kinds = {int(mid): _kind(m.get("name", ""), {_KIND_FIELD: m.get("type", 0),
                                                    _STOCK_FIELD: m.get("originalStockKind", 0)})
                 for mid, m in models.items()}
        field_names = {int(mid): [f["name"] for f in sorted(m.get("flds", []), key=lambda f: f.get("ord", 0))]
                       for mid, m in models.items()}
        decks = {int(did): d.get("name", "") for did, d in json.loads(decks_json).items()}
    first_deck: dict[int, str] = {}
    for nid, did, odid in db.execute("SELECT nid, did, odid FROM cards ORDER BY nid, ord"):
        first_deck.setdefault(nid, decks.get(odid or did, ""))  # a card in a filtered deck: its home deck
    for i, (nid, guid, mid, tags, flds) in enumerate(
            db.execute("SELECT id, guid, mid, tags, flds FROM notes ORDER BY id")):
        if i >= MAX_QUESTIONS:
            raise ImportFailed(f"more than {MAX_QUESTIONS:,} notes; a deck can hold at most {MAX_QUESTIONS:,}. "
                               "Export smaller decks from Anki.")
        if i % 200 == 0 and cancelled():
            raise ImportCancelled("Import cancelled; nothing was imported.")
        values = str(flds).split("\x1f")
        names = field_names.get(mid, [])
        named = tuple((names[j] if j < len(names) else "", v) for j, v in enumerate(values))
        yield AnkiNote(str(guid), first_deck.get(nid, ""), kinds.get(mid, NORMAL), named,
                       tuple(str(tags).split()), f"note {i + 1}")


def _kind(name: str, config: dict[int, int]) -> str:
    if config.get(_STOCK_FIELD) == _STOCK_OCCLUSION or "image occlusion" in name.casefold():
        return OCCLUSION  # the built-in type (a cloze kind) and the older add-on's (a standard kind)
    return CLOZE if config.get(_KIND_FIELD) == 1 else NORMAL


def _proto_varints(blob: bytes) -> dict[int, int]:
    """The top-level integer fields of a protobuf message: all we need of a notetype's settings."""
    out: dict[int, int] = {}
    i = 0

    def varint() -> int:
        nonlocal i
        value = shift = 0
        while i < len(blob):
            byte = blob[i]
            i += 1
            value |= (byte & 0x7F) << shift
            shift += 7
            if not byte & 0x80:
                break
        return value

    while i < len(blob):
        key = varint()
        field, wire = key >> 3, key & 7
        if wire == 0:
            out[field] = varint()
        elif wire == 1:
            i += 8
        elif wire == 2:
            i += varint()
        elif wire == 5:
            i += 4
        else:
            break  # groups (long obsolete) or garbage: stop, keep what was read
    return out


# ------------------------------------------------------------------ plain text


def read_anki_text(src: Path, deck: str, cancelled: Cancelled = never) -> DeckRead:
    """Anki's File → Export → Notes in Plain Text: `#key:value` header lines, then one note a row."""
    text = read_text(src)
    lines = text.splitlines(keepends=True)
    meta: dict[str, str] = {}
    head = 0
    while head < len(lines) and (lines[head].startswith("#") or (head == 0 and lines[0].startswith("tags:"))):
        key, _, value = lines[head].removeprefix("#").partition(":")
        meta[key.strip().lower()] = value.strip()
        head += 1
    body = "".join(lines[head:])
    separator = _separator(meta.get("separator", ""), body, src)
    column = {name: _column_number(meta.get(f"{name} column", "")) for name in ("guid", "notetype", "deck", "tags")}
    global_tags = tuple(meta.get("tags", "").split())
    reader = csv.reader(text_lines(body), delimiter=separator)
    rows: list[tuple[list[str], int]] = []
    line = head + 1
    try:
        for cells in reader:
            if cells and any(c.strip() for c in cells):
                rows.append((cells, line))
            line = head + reader.line_num + 1
    except csv.Error as exc:
        raise ImportFailed(f"{src}:{line}: not readable as Anki's plain text ({exc})") from None
    html_fields = meta["html"].lower() == "true" if "html" in meta else any(
        looks_like_html(c) for cells, _ in rows[:50] for c in cells)
    notes: list[AnkiNote] = []
    for cells, row_line in rows:
        if len(notes) >= MAX_QUESTIONS:
            raise ImportFailed(f"{src}:{row_line}: more than {MAX_QUESTIONS:,} notes; a deck can hold at most "
                               f"{MAX_QUESTIONS:,}. Export smaller decks from Anki.")

        def cell(number: int, cells: list[str] = cells) -> str:
            return cells[number - 1] if 0 < number <= len(cells) else ""

        meta_columns = {n for n in column.values() if n}
        values = [c if html_fields else plain_to_html(c) for n, c in enumerate(cells, 1) if n not in meta_columns]
        notetype = cell(column["notetype"])
        joined = " ".join(values)
        kind = (OCCLUSION if "image occlusion" in notetype.casefold() or "image-occlusion:" in joined
                else CLOZE if "cloze" in notetype.casefold() or _CLOZE_MARK.search(joined) else NORMAL)
        guid = cell(column["guid"]) or "text:" + (values[0] if values else "")  # no GUID column: the front is the key
        notes.append(AnkiNote(guid, cell(column["deck"]), kind, tuple(("", v) for v in values),
                              (*cell(column["tags"]).split(), *global_tags), f"{src.name}:{row_line}"))
    return to_deck(notes, src, deck, None, cancelled)


def _separator(value: str, body: str, src: Path) -> str:
    names = {"tab": "\t", "comma": ",", "semicolon": ";", "space": " ", "pipe": "|", "colon": ":"}
    if value.lower() in names:
        return names[value.lower()]
    if len(value) == 1:
        return value
    first = body.split("\n", 1)[0]
    for candidate in ("\t", ";", ","):  # as Anki guesses when there is no #separator line
        if candidate in first:
            return candidate
    raise ImportFailed(f"{src}:1: cannot tell how the fields are separated; export again from Anki with "
                       "Notes in Plain Text, or add a first line '#separator:tab'")


def _column_number(value: str) -> int:
    return int(value) if value.strip().isdigit() else 0


# ------------------------------------------------------------------ notes to questions


def to_deck(notes: list[AnkiNote], src: Path, deck: str, media_files: int | None,
            cancelled: Cancelled = never) -> DeckRead:
    """Questions from notes, each in the category of its deck; what cannot become a question is counted."""
    left: Counter[str] = Counter()
    media: set[str] = set()
    categories: dict[str, Category] = {}
    questions: dict[str, Question] = {}
    kept_notes: dict[str, tuple[str, str]] = {}
    for i, note in enumerate(notes):
        if i % 200 == 0 and cancelled():
            raise ImportCancelled("Import cancelled; nothing was imported.")
        if note.kind != NORMAL:
            left[note.kind] += 1
            continue
        made = _question(note, src, deck, media)
        if isinstance(made, str):
            left[made] += 1
            continue
        q, title, mine = made
        title = title or (note.deck or deck.replace("-", " ").capitalize()).replace(DECK_LEVEL, " › ")
        if q.category in categories and categories[q.category].title != title:  # '日本語' and '中文' both 'anki'
            q = replace(q, category=category_id(title, q.category, categories))
        categories.setdefault(q.category, Category(q.category, title))
        questions[q.id] = q  # a GUID twice (a hand-edited file): the later note wins
        kept_notes.pop(q.id, None)
        if mine:
            kept_notes[q.id] = (dict(note.fields)["Id"].strip() or q.id, mine)
    if not questions:
        raise ImportFailed(f"{src}: no notes that can become questions (a front and a back)"
                           + (f"; it holds {_left_out(left, 0)[0]}" if left else ""))
    return DeckRead(list(categories.values()), list(questions.values()),
                    _left_out(left, len(media) if media_files is None else media_files), stable_ids=True,
                    notes=kept_notes)


def _question(note: AnkiNote, src: Path, deck: str, media: set[str]) -> tuple[Question, str, str] | str:
    """The note as a question, its category's title ("" for the deck's name) and the user's note it carries
    (this app's own export: "" for none), or why it cannot be one."""
    own = tuple(name for name, _ in note.fields) == OWN_FIELDS
    fields = [(name, value) for name, value in note.fields if name.casefold() not in _IGNORED_FIELDS
              and not (own and name.casefold() in _OWN_ONLY)]
    code = ""
    if own and not dict(note.fields)["Starter"].strip() and (pre := _PRE.fullmatch(dict(note.fields)["Code"])):
        code = html.unescape(pre[1])  # a question's code section, written by export._code_html
        fields = [(name, value) for name, value in fields if name != "Code"]
    front = field_markdown(fields[0][1] if fields else "", title=True)
    media.update(front.media)
    if len(front.markdown) > MAX_CELL_CHARS:
        raise ImportFailed(f"{src}: {note.where} has a front of {len(front.markdown):,} characters; the limit "
                           f"is {MAX_CELL_CHARS:,}")
    answer_parts: list[str] = []
    key_points: tuple[str, ...] = ()
    formula = ""
    for j, (name, value) in enumerate(fields[1:]):
        part = field_markdown(value)
        media.update(part.media)
        if len(part.markdown) > MAX_CELL_CHARS:
            raise ImportFailed(f"{src}: {note.where} has a field{f' ({name})' if name else ''} of "
                               f"{len(part.markdown):,} characters; the limit is {MAX_CELL_CHARS:,}")
        if not part.markdown:
            continue
        if name.casefold() == "key points":
            key_points = default_key_points(part.markdown)
        elif name.casefold() == "formula":
            formula = part.markdown
        else:
            answer_parts.append(part.markdown if j == 0 or not name else f"**{name}**\n\n{part.markdown}")
    if not front.markdown:
        return "empty front"
    answer = "\n\n".join(answer_parts)
    if not answer:
        return "empty back"
    category, category_title, difficulty, tags = slug(note.deck or deck, "anki"), "", "medium", note.tags
    mine = ""
    if own:
        mine = field_markdown(dict(note.fields)["My notes"]).markdown
        category_title = field_markdown(dict(note.fields)["Category"], title=True).markdown
        category = slug(category_title, category)
        if len(tags) >= 2 and tags[-1] in DIFFICULTIES and KEBAB.match(tags[-2]):  # as the export wrote them
            category, difficulty, tags = tags[-2], tags[-1], tags[:-2]
    tags = tuple(dict.fromkeys(t for t in (clean_tag(tag) for tag in tags) if t))
    return Question(id=question_id(note.guid), category=category, difficulty=difficulty, title=front.markdown,
                    answer=answer, key_points=key_points or _key_points(answer), tags=tags,
                    source="imported", formula=formula, code=code), category_title, mine


def _key_points(answer: str) -> tuple[str, ...]:
    """The answer's own points (import_common.default_key_points), an image's marker not among them."""
    return default_key_points(MEDIA_MARKER.sub("", answer).strip() or answer)


def _left_out(left: Counter[str], media: int) -> tuple[str, ...]:
    words = {CLOZE: "cloze note", OCCLUSION: "image-occlusion note", "empty front": "note with no text on the front",
             "empty back": "note with an empty back"}
    plural = {"empty front": "notes with no text on the front", "empty back": "notes with an empty back"}
    out = [count(left[k], words[k], plural.get(k)) for k in words if left[k]]
    if media:
        out.append(count(media, "media file") + " (images, sounds)")
    return tuple(out)
