"""Notes (with coalesced revisions) and bookmarks: one part of the user's database, over the Store's
connection; reached as `store.note_store`. Writes raise StoreWriteError like every Store write, so the
editor can keep the text on screen and retry; each committed change is announced on the Store's
ChangeFeed (Change.NOTES, Change.BOOKMARKS).

    notes = store.note_store
    notes.note(question_id) -> str                  # "" when there is none
    notes.notes() -> dict[str, str]                 # every note that is not blank
    notes.note_updated_at(question_id) -> datetime | None
    notes.save_note(question_id, text)              # unchanged text writes nothing
    notes.fill_blank(notes_by_id) -> Filled         # an import's notes, where a question has none yet
    notes.revisions(question_id) -> list[Revision]  # newest first
    notes.restore_revision(revision_id) -> str
    notes.bookmarks() -> set[str]; notes.is_bookmarked(qid); notes.toggle_bookmark(qid) -> bool
    read_user_data(db_path) -> UserData            # both, over a connection of its own (a worker thread)
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.changes import Change

if TYPE_CHECKING:
    from desktop.core.store import Store

REVISION_WINDOW = timedelta(minutes=10)  # edits closer together than this update one revision

_UPSERT_NOTE = ("INSERT INTO notes (question_id, text, updated_at) VALUES (?, ?, ?) "
                "ON CONFLICT (question_id) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at")
_NEW_REVISION = "INSERT INTO note_revisions (question_id, text, started_at, saved_at) VALUES (?, ?, ?, ?)"


def _notes(db: sqlite3.Connection) -> dict[str, str]:
    """Every note with something written in it: one of spaces and line breaks alone (as str.strip() sees them,
    a no-break or ideographic space too) is no note, for "Has notes", My notes and the exports alike."""
    return {qid: text for qid, text in db.execute("SELECT question_id, text FROM notes WHERE text != ''")
            if text.strip()}


def _bookmarks(db: sqlite3.Connection) -> set[str]:
    return {row[0] for row in db.execute("SELECT question_id FROM bookmarks")}


@dataclass(frozen=True)
class UserData:
    """Every note and bookmark, as read at one moment: after a restore, read once on the worker that restored
    them, so the UI thread (the search index, Browse) need not read them again."""

    notes: dict[str, str]
    bookmarks: frozenset[str]


def read_user_data(db_path: Path) -> UserData:
    """Read the notes and bookmarks through a read-only connection of its own (any thread)."""
    db = sqlite3.connect(f"{db_path.as_uri()}?mode=ro", uri=True)
    try:
        with db:  # one read transaction: the two agree
            return UserData(_notes(db), frozenset(_bookmarks(db)))
    finally:
        db.close()


@dataclass(frozen=True)
class Revision:
    id: int
    question_id: str
    text: str
    started_at: datetime
    saved_at: datetime


@dataclass(frozen=True)
class Filled:
    """What fill_blank did with each note it was given (one already there word for word is in neither)."""

    written: tuple[str, ...]  # question ids that had no note and now have this one
    kept: tuple[str, ...]  # question ids whose own, different note was left as it is


class NoteStore:
    """The notes part of the Store: same connection, same transactions, same change feed."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._db = store._db  # one connection for every kind of data, so one transaction can span them

    # ----------------------------------------------------------------- notes

    def note(self, question_id: str) -> str:
        row = self._db.execute("SELECT text FROM notes WHERE question_id = ?", (question_id,)).fetchone()
        return str(row[0]) if row else ""

    def notes(self) -> dict[str, str]:
        """Every note that is not blank, by question id."""
        return _notes(self._db)

    def note_updated_at(self, question_id: str) -> datetime | None:
        row = self._db.execute("SELECT updated_at FROM notes WHERE question_id = ?", (question_id,)).fetchone()
        return datetime.fromisoformat(row[0]) if row else None

    def save_note(self, question_id: str, text: str) -> None:
        """Store the note and fold it into the current revision (or start a new one)."""
        if text == self.note(question_id) and self.note_updated_at(question_id) is not None:
            return
        s = self._store
        now = s._now()
        with s.transaction():
            s._write(_UPSERT_NOTE, (question_id, text, now))
            # The latest revision is the last one written (by id): the clock can go backwards.
            latest = self._db.execute(
                "SELECT id, saved_at FROM note_revisions WHERE question_id = ? ORDER BY id DESC LIMIT 1",
                (question_id,),
            ).fetchone()
            recent = latest and timedelta(0) <= s.clock() - datetime.fromisoformat(latest[1]) < REVISION_WINDOW
            if recent:
                s._write("UPDATE note_revisions SET text = ?, saved_at = ? WHERE id = ?", (text, now, latest[0]))
            elif text.strip() or latest:
                s._write(_NEW_REVISION, (question_id, text, now, now))
        s._announce(Change.NOTES, question_id)

    def fill_blank(self, notes: Mapping[str, str]) -> Filled:
        """Write each of `notes` (by question id) where that question has no note, as a revision of its own, in
        one transaction and one announcement: an import bringing the user's notes back never overwrites one."""
        current = self.notes()
        written = tuple(qid for qid, text in notes.items() if text.strip() and qid not in current)
        kept = tuple(qid for qid, text in notes.items() if qid in current and current[qid].strip() != text.strip())
        if written:
            s = self._store
            now = s._now()
            with s.transaction():
                for qid in written:
                    s._write(_UPSERT_NOTE, (qid, notes[qid], now))
                    s._write(_NEW_REVISION, (qid, notes[qid], now, now))
                s._announce(Change.NOTES, *written)
        return Filled(written, kept)

    def revisions(self, question_id: str) -> list[Revision]:
        """Earlier versions of a note, newest first (the first one is the current text)."""
        rows = self._db.execute(
            "SELECT id, question_id, text, started_at, saved_at FROM note_revisions "
            "WHERE question_id = ? ORDER BY id DESC",
            (question_id,),
        )
        return [Revision(r[0], r[1], r[2], datetime.fromisoformat(r[3]), datetime.fromisoformat(r[4])) for r in rows]

    def restore_revision(self, revision_id: int) -> str:
        """Make an earlier revision the current note (as a new revision, so nothing is lost)."""
        row = self._db.execute("SELECT question_id, text FROM note_revisions WHERE id = ?", (revision_id,)).fetchone()
        if row is None:
            raise KeyError(revision_id)
        question_id, text = row
        s = self._store
        now = s._now()
        with s.transaction():
            s._write(_UPSERT_NOTE, (question_id, text, now))
            s._write(_NEW_REVISION, (question_id, text, now, now))
        s._announce(Change.NOTES, str(question_id))
        return str(text)

    # ------------------------------------------------------------- bookmarks

    def bookmarks(self) -> set[str]:
        return _bookmarks(self._db)

    def is_bookmarked(self, question_id: str) -> bool:
        return self._db.execute("SELECT 1 FROM bookmarks WHERE question_id = ?", (question_id,)).fetchone() is not None

    def toggle_bookmark(self, question_id: str) -> bool:
        """Flip the bookmark; returns whether the question is now bookmarked."""
        s = self._store
        on = not self.is_bookmarked(question_id)
        if on:
            s._write("INSERT INTO bookmarks (question_id, created_at) VALUES (?, ?)", (question_id, s._now()))
        else:
            s._write("DELETE FROM bookmarks WHERE question_id = ?", (question_id,))
        s._announce(Change.BOOKMARKS, question_id)
        return on
