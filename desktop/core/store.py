"""The user's data: one SQLite database (WAL), keyed by question id so bank updates lose nothing.

Store opens (and migrates) the database, checks its health, runs transactions and
announces committed changes; each kind of data has its own class over the same
connection: `store.note_store` (notes, revisions, bookmarks: core/note_store.py),
`store.review_log` (cards and reviews: core/review_log.py), `store.interview_store`
(mock interviews) and `store.exercises` (coding exercises). The schema version lives in
`PRAGMA user_version`; `MIGRATIONS[n]` takes a database from version n-1 to n.

Every write either commits or raises `StoreWriteError`, so the caller can keep
unsaved text on screen and retry: nothing is dropped silently.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from enum import Enum
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.changes import Change, Changed, ChangeFeed
from desktop.core.note_store import NoteStore, UserData
from desktop.core.review_log import ReviewLog

if TYPE_CHECKING:
    from desktop.core.exercise_log import ExerciseLog
    from desktop.core.interview_store import InterviewStore

DB_NAME = "mlcoach.db"
# How long a write waits for a lock another program holds before it fails (and is kept and retried):
# short, so a foreign lock never freezes the window (issue 13: 5 s per save).
BUSY_TIMEOUT_S = 0.1

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


MIGRATIONS: dict[int, str] = {
    1: """
        CREATE TABLE notes (
            question_id TEXT PRIMARY KEY,
            text        TEXT NOT NULL,
            updated_at  TEXT NOT NULL
        );
        CREATE TABLE bookmarks (
            question_id TEXT PRIMARY KEY,
            created_at  TEXT NOT NULL
        );
    """,
    2: """
        CREATE TABLE note_revisions (
            id          INTEGER PRIMARY KEY,
            question_id TEXT NOT NULL,
            text        TEXT NOT NULL,
            started_at  TEXT NOT NULL,
            saved_at    TEXT NOT NULL
        );
        CREATE INDEX note_revisions_by_question ON note_revisions (question_id, saved_at);
        INSERT INTO note_revisions (question_id, text, started_at, saved_at)
            SELECT question_id, text, updated_at, updated_at FROM notes WHERE text != '';
    """,
    3: """
        CREATE TABLE cards (
            question_id TEXT PRIMARY KEY,
            card        TEXT NOT NULL,      -- fsrs Card.to_json()
            due         TEXT NOT NULL
        );
        CREATE INDEX cards_by_due ON cards (due);
        -- Append-only: an undone grade is marked, never deleted.
        CREATE TABLE review_log (
            id          INTEGER PRIMARY KEY,
            question_id TEXT NOT NULL,
            rating      INTEGER NOT NULL,   -- 1 Again, 2 Hard, 3 Good, 4 Easy
            reviewed_at TEXT NOT NULL,
            duration_ms INTEGER,
            card_before TEXT,               -- the card as it was, NULL for a new card: undo restores it exactly
            undone_at   TEXT
        );
        CREATE INDEX review_log_by_time ON review_log (reviewed_at);
    """,
    4: """
        CREATE TABLE interviews (
            id          INTEGER PRIMARY KEY,
            started_at  TEXT NOT NULL,
            preset      TEXT NOT NULL,
            plan        TEXT NOT NULL,      -- JSON: the questions and their times
            status      TEXT NOT NULL,      -- running | finished | ended early
            finished_at TEXT,
            scheduled   INTEGER NOT NULL DEFAULT 0  -- scores fed to spaced repetition
        );
        CREATE TABLE interview_answers (
            interview_id INTEGER NOT NULL REFERENCES interviews (id),
            position     INTEGER NOT NULL,
            question_id  TEXT NOT NULL,
            answer       TEXT NOT NULL DEFAULT '',
            used         TEXT NOT NULL DEFAULT '{}',   -- JSON: seconds per phase
            allotted_s   REAL NOT NULL DEFAULT 0,
            overtime_s   REAL NOT NULL DEFAULT 0,
            skipped      INTEGER NOT NULL DEFAULT 0,
            ticked       TEXT NOT NULL DEFAULT '[]',   -- JSON: key points the user confirmed
            score        INTEGER,                      -- 1-5 self-score
            PRIMARY KEY (interview_id, position)
        );
        CREATE INDEX interview_answers_by_question ON interview_answers (question_id);
    """,
    5: """
        -- Issue 19: a review that is a true record, follow-ups answered on their own, interviews that resume.
        ALTER TABLE interview_answers ADD COLUMN asked INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE interview_answers ADD COLUMN follow_up_asked INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE interview_answers ADD COLUMN overtime TEXT NOT NULL DEFAULT '{}';  -- JSON: seconds over per phase
        ALTER TABLE interview_answers ADD COLUMN skipped_in TEXT;     -- the phase Skip was pressed in
        ALTER TABLE interview_answers ADD COLUMN ended_in TEXT;       -- the phase the interview was ended in
        ALTER TABLE interview_answers ADD COLUMN follow_up_answer TEXT NOT NULL DEFAULT '';
        ALTER TABLE interview_answers ADD COLUMN follow_up_ticked TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE interview_answers ADD COLUMN follow_up_score INTEGER;
        ALTER TABLE interview_answers ADD COLUMN sent_score INTEGER;      -- the score Quiz last got
        ALTER TABLE interview_answers ADD COLUMN sent_review_id INTEGER;  -- the review it made there
        ALTER TABLE interviews ADD COLUMN position INTEGER;               -- where a resumable interview stands
        ALTER TABLE interviews ADD COLUMN phase TEXT;
        ALTER TABLE interviews ADD COLUMN phase_used_s REAL;
        -- What earlier versions recorded, read as closely as it allows: a question was asked if time was
        -- recorded for it or something was typed; the phase skipped in is the last one timed.
        UPDATE interview_answers SET asked = 1 WHERE used != '{}' OR answer != '';
        UPDATE interview_answers SET follow_up_asked = 1 WHERE used LIKE '%"follow-up"%';
        UPDATE interview_answers SET overtime = '{"answering": ' || overtime_s || '}' WHERE overtime_s > 0;
        UPDATE interview_answers SET skipped_in = CASE WHEN used LIKE '%"follow-up"%' THEN 'follow-up'
            WHEN used LIKE '%"answering"%' THEN 'answering' ELSE 'thinking' END WHERE skipped = 1;
        UPDATE interview_answers SET sent_score = score
            WHERE score IS NOT NULL AND interview_id IN (SELECT id FROM interviews WHERE scheduled = 1);
        -- "running" for ever after a quit: the app that held it is gone.
        UPDATE interviews SET status = 'interrupted' WHERE status = 'running';
    """,
    6: """
        -- Coding exercises (desktop/core/exercise_log.py): the code as last typed, and every run.
        CREATE TABLE exercise_code (
            question_id TEXT PRIMARY KEY,
            code        TEXT NOT NULL,
            updated_at  TEXT NOT NULL
        );
        CREATE TABLE exercise_runs (
            id          INTEGER PRIMARY KEY,
            question_id TEXT NOT NULL,
            at          TEXT NOT NULL,
            passed      INTEGER NOT NULL,   -- tests passed
            total       INTEGER NOT NULL,   -- tests in all
            status      TEXT NOT NULL,      -- passed | failed | time-limit | memory-limit | crashed | cancelled
            seconds     REAL NOT NULL       -- from Run to the results
        );
        CREATE INDEX exercise_runs_by_question ON exercise_runs (question_id, id);
    """,
    7: """
        -- A run made during a mock interview's coding round belongs to it: its review shows the tests
        -- passed over time. (The round's final code is the answer, in interview_answers.answer.)
        ALTER TABLE exercise_runs ADD COLUMN interview_id INTEGER REFERENCES interviews (id);
        CREATE INDEX exercise_runs_by_interview ON exercise_runs (interview_id, id);
    """,
    8: """
        -- Progress counts the live log per local day (a range of times a day) and the reviews and lapses per
        -- question from these indexes alone, and finds undone reviews, without reading the large rows (each
        -- holds the card as it was): a year of 50,000 reviews is a 50 MB table.
        CREATE INDEX IF NOT EXISTS review_log_live_times ON review_log (undone_at, reviewed_at);
        CREATE INDEX IF NOT EXISTS review_log_live_by_question ON review_log (undone_at, question_id, rating);
    """,
    9: """
        -- What code a run ran (its SHA-256), so a coding round's review can tell a result of the code the
        -- candidate submitted from one of code changed since. NULL for runs recorded before.
        ALTER TABLE exercise_runs ADD COLUMN code_sha256 TEXT;
    """,
}
SCHEMA_VERSION = max(MIGRATIONS)


class StoreError(Exception):
    """The database cannot be used as it is."""


class StoreWriteError(StoreError):
    """A write did not reach the disk (read-only folder, disk full, locked). Keep the text and retry."""


class Store:
    def __init__(self, conn: sqlite3.Connection, path: Path | None, clock: Clock = utc_now,
                 read_only: bool = False) -> None:
        self._db = conn
        self.path = path
        self.clock = clock
        self.read_only = read_only
        self._changes_at_backup = conn.total_changes
        self.changes = ChangeFeed()  # every committed change is announced here
        self._unannounced: list[Changed] = []  # changes inside an open transaction

    # ------------------------------------------------------------- lifecycle

    @classmethod
    def open(cls, path: Path, clock: Clock = utc_now, busy_timeout_s: float = BUSY_TIMEOUT_S) -> Store:
        """Open (creating or migrating) the database at `path`. Raises StoreError if that fails."""
        try:
            conn = sqlite3.connect(path, timeout=busy_timeout_s, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: durable at checkpoints, never corrupt
            conn.execute("PRAGMA foreign_keys=ON")
            migrate(conn)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: {exc}") from exc
        return cls(conn, path, clock)

    @classmethod
    def open_read_only(cls, path: Path | None, clock: Clock = utc_now) -> Store:
        """Read what is there without changing a byte; every write raises StoreWriteError.

        Tries a plain read-only connection, then an immutable one (needs no lock or -shm file, so it
        works on a full disk or a read-only folder), then an empty in-memory database.
        """
        if path is not None and path.exists():
            for options in ("mode=ro", "mode=ro&immutable=1"):
                try:
                    conn = sqlite3.connect(f"{path.as_uri()}?{options}", uri=True, isolation_level=None,
                                           timeout=BUSY_TIMEOUT_S)
                    conn.execute("SELECT count(*) FROM notes").fetchone()
                    return cls(conn, path, clock, read_only=True)
                except sqlite3.Error:
                    continue
        conn = sqlite3.connect(":memory:", isolation_level=None)
        migrate(conn)
        conn.execute("PRAGMA query_only=ON")
        return cls(conn, path, clock, read_only=True)

    def close(self) -> None:
        self._db.close()

    @property
    def schema_version(self) -> int:
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def _write(self, sql: str, args: tuple[object, ...] = ()) -> sqlite3.Cursor:
        try:
            return self._db.execute(sql, args)
        except sqlite3.OperationalError as exc:  # read-only, disk full, locked, I/O error
            raise StoreWriteError(str(exc)) from exc

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All the writes inside happen together or not at all; a failure rolls back and raises StoreWriteError."""
        if self._db.in_transaction:  # nested: the outer block commits
            yield
            return
        self._write("BEGIN IMMEDIATE")
        self._unannounced = []
        try:
            yield
            self._write("COMMIT")
        except BaseException:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            self._unannounced = []
            raise
        announced, self._unannounced = self._unannounced, []
        for changed in announced:  # only what was committed is announced
            self.changes.publish(changed)

    def _announce(self, what: Change, *question_ids: str, restored: UserData | None = None) -> None:
        changed = Changed(what, frozenset(question_ids), restored)
        if self._db.in_transaction:
            self._unannounced.append(changed)
        else:
            self.changes.publish(changed)

    def _now(self) -> str:
        return self.clock().astimezone(UTC).isoformat(timespec="seconds")

    # ------------------------------------------- the parts, one per kind of data
    # Each is a class of its own over this connection: same transactions, same change feed, typed rows.

    @cached_property
    def note_store(self) -> NoteStore:
        """Notes, their revisions and bookmarks, over this connection (desktop/core/note_store.py)."""
        return NoteStore(self)

    @cached_property
    def review_log(self) -> ReviewLog:
        """Spaced repetition: the cards and the review log, over this connection (desktop/core/review_log.py)."""
        return ReviewLog(self)

    @cached_property
    def exercises(self) -> ExerciseLog:
        """Coding exercises: the user's code and their runs, over this connection."""
        from desktop.core.exercise_log import ExerciseLog  # on first use: the runner's imports stay off start-up

        return ExerciseLog(self)

    @cached_property
    def interview_store(self) -> InterviewStore:
        """Mock interviews: their plans, answers and scores (desktop/core/interview_store.py)."""
        from desktop.core.interview_store import InterviewStore

        return InterviewStore(self)

    # --------------------------------------------------------------- backups

    def changed_since_backup(self) -> bool:
        return self._db.total_changes != self._changes_at_backup

    def backup_failed(self) -> None:
        """The backup begun at mark_backed_up() did not happen: the next periodic one must."""
        self._changes_at_backup = -1

    def mark_backed_up(self) -> None:
        """A backup of the database as it is now is being made (core.backups, through its own connection):
        changes from here on are what the next periodic backup is for."""
        self._changes_at_backup = self._db.total_changes

    def replace_with(self, source: Path) -> None:
        """Overwrite this database's contents with the database at `source` (used to restore)."""
        copy_database(source, self._db)
        self.replaced()

    def replaced(self, restored: UserData | None = None) -> None:
        """The contents were replaced, here or through another connection (a restore on a worker thread):
        bring the schema forward and tell everyone that everything changed. `restored`: the notes and
        bookmarks as the worker read them after the copy, handed on so listeners need not read them again."""
        migrate(self._db)
        self._changes_at_backup = self._db.total_changes
        self._announce(Change.ALL, restored=restored)


def copy_database(source: Path, into: sqlite3.Connection | Path) -> None:
    """Overwrite a database (a connection, or the file at a path) with the one at `source`, with SQLite's
    backup API: consistent, and safe while other connections have the target open."""
    src = sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True)
    target = into if isinstance(into, sqlite3.Connection) else sqlite3.connect(into, timeout=BUSY_TIMEOUT_S)
    try:
        src.backup(target)
    except sqlite3.OperationalError as exc:
        raise StoreWriteError(str(exc)) from exc
    finally:
        src.close()
        if target is not into:
            target.close()


def migrate(conn: sqlite3.Connection) -> None:
    """Bring the schema forward to SCHEMA_VERSION, one step per transaction."""
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if version > SCHEMA_VERSION:
        raise StoreError(f"the data was written by a newer version (schema {version} > {SCHEMA_VERSION})")
    for target in range(version + 1, SCHEMA_VERSION + 1):
        conn.executescript(f"BEGIN; {MIGRATIONS[target]}; PRAGMA user_version = {target}; COMMIT;")


class Health(Enum):
    """What state a database file is in. Only DAMAGED means the file itself is bad."""

    OK = "ok"
    MISSING = "missing"
    EMPTY = "empty"  # zero bytes: nothing in it to lose
    DAMAGED = "damaged"  # SQLite reports it corrupt, or it is not a database at all
    NEWER = "newer"  # written by a newer version of the app
    LOCKED = "locked"  # another program holds it
    FULL = "full"  # the disk is full
    READ_ONLY = "read-only"
    UNREADABLE = "unreadable"  # permissions, I/O errors, anything else outside the file's contents


# SQLite's primary result codes (sqlite3.Error.sqlite_errorcode & 0xFF)
_CODE_HEALTH = {11: Health.DAMAGED, 26: Health.DAMAGED, 5: Health.LOCKED, 6: Health.LOCKED, 13: Health.FULL,
                8: Health.READ_ONLY}


SQLITE_IOERR_SHMSIZE = 10 | (19 << 8)  # the -shm file could not grow: on Linux, a full disk
LOW_SPACE_BYTES = 256 * 1024


def health_of(exc: sqlite3.Error, where: Path | None = None) -> Health:
    """Classify an error; `where` (the database's folder) lets an I/O error on a disk with no room read as FULL."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code == SQLITE_IOERR_SHMSIZE or (code is not None and code & 0xFF == 10 and where and _no_room(where)):
        return Health.FULL
    if code is not None:
        return _CODE_HEALTH.get(code & 0xFF, Health.UNREADABLE)
    text = str(exc).lower()  # errors raised before SQLite reports a code
    if "malformed" in text or "not a database" in text:
        return Health.DAMAGED
    return Health.UNREADABLE


def diagnose(path: Path, quick: bool = False) -> Health:
    """Tell damage (the file is bad) from circumstance (full disk, a lock, permissions, a newer app).

    `quick`: SQLite's quick_check (every page and record, not whether indexes match their tables), about
    three times faster than the full integrity_check: start-up uses it, on a year of data 50 ms, not 160.
    """
    try:
        if path.stat().st_size == 0:
            return Health.EMPTY
    except FileNotFoundError:
        return Health.MISSING
    except OSError:
        return Health.UNREADABLE
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)
        try:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            ok = conn.execute(f"PRAGMA {'quick_check' if quick else 'integrity_check'}").fetchone()[0] == "ok"
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return health_of(exc, path.parent)
    if not ok:
        return Health.DAMAGED
    return Health.NEWER if version > SCHEMA_VERSION else Health.OK


def _no_room(folder: Path) -> bool:
    try:
        return shutil.disk_usage(folder).free < LOW_SPACE_BYTES
    except OSError:
        return False


def is_healthy(path: Path) -> bool:
    """True if `path` is a database this version can open that passes its integrity check."""
    return diagnose(path) is Health.OK


def summarize(path: Path) -> dict[str, int]:
    """What a backup holds, for the restore list. A backup is never written once made, so it is read as immutable:
    a WAL database read plainly needs its -shm file, which a folder the user cannot write has no room for, and the
    backup went missing from the list."""
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        notes = conn.execute("SELECT count(*) FROM notes WHERE text != ''").fetchone()[0] if "notes" in tables else 0
        marks = conn.execute("SELECT count(*) FROM bookmarks").fetchone()[0] if "bookmarks" in tables else 0
        return {"notes": int(notes), "bookmarks": int(marks)}
    finally:
        conn.close()
