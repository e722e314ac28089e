"""Full-text search over questions (and the user's notes) with SQLite FTS5.

As-you-type: every word of the query is a prefix ("grad desc" finds
"gradient descent"), all words must match, results are ranked by bm25 with
the title weighted above the body. Filters narrow by category, difficulty,
tag and by sets of ids the caller supplies (bookmarked, has notes).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass

from desktop.core.bank import Question

_WORD = re.compile(r"\w+", re.UNICODE)
# bm25 weights per column: id, category, difficulty (unindexed), title, body, tags, notes
_WEIGHTS = (0.0, 0.0, 0.0, 8.0, 1.0, 4.0, 2.0)
_RANK = f"bm25(docs, {', '.join(map(str, _WEIGHTS))})"


@dataclass(frozen=True)
class Filter:
    category: str | None = None
    difficulty: str | None = None
    tag: str | None = None
    only_ids: Collection[str] | None = None  # e.g. bookmarked or with notes

    def accepts(self, q: Question) -> bool:
        return (
            (self.category is None or q.category == self.category)
            and (self.difficulty is None or q.difficulty == self.difficulty)
            and (self.tag is None or self.tag in q.tags)
            and (self.only_ids is None or q.id in self.only_ids)
        )


def query_terms(text: str) -> tuple[str, ...]:
    """The words of a query, lower-cased: also what the UI highlights."""
    return tuple(w.lower() for w in _WORD.findall(text))


def fts_query(text: str) -> str:
    """An FTS5 MATCH expression: each word a quoted prefix, all required."""
    return " ".join(f'"{w}"*' for w in query_terms(text))


class SearchIndex:
    """An in-memory FTS5 index. Build it off the UI thread; query from any one thread."""

    def __init__(self) -> None:
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        self._db.execute(
            "CREATE VIRTUAL TABLE docs USING fts5("
            "id UNINDEXED, category UNINDEXED, difficulty UNINDEXED, title, body, tags, notes, "
            "tokenize='unicode61 remove_diacritics 2', prefix='1 2 3')"
        )
        self._questions: dict[str, Question] = {}
        self._order: list[str] = []

    def add(self, questions: Iterable[Question], notes: dict[str, str] | None = None,
            breathe: Callable[[], None] | None = None) -> None:
        """Index questions (and notes). `breathe`, if given, is called between batches (see core.threads)."""
        notes = notes or {}
        rows = []
        for q in questions:
            self._questions[q.id] = q
            self._order.append(q.id)
            # Raw Markdown is fine here: FTS5's tokenizer already drops *, _, $, # and backslashes.
            body = " ".join([q.answer, *q.key_points, q.formula, *q.pitfalls, *(f.question for f in q.follow_ups)])
            rows.append((q.id, q.category, q.difficulty, q.title, body, " ".join(q.tags), notes.get(q.id, "")))
        batch = 100  # one transaction (a commit per batch makes FTS5 merge segments), breathing between batches
        with self._db:
            for start in range(0, len(rows), batch):
                self._db.executemany("INSERT INTO docs (id, category, difficulty, title, body, tags, notes) "
                                     "VALUES (?, ?, ?, ?, ?, ?, ?)", rows[start:start + batch])
                if breathe is not None:
                    breathe()

    def set_note(self, question_id: str, text: str) -> None:
        with self._db:
            self._db.execute("UPDATE docs SET notes = ? WHERE id = ?", (text, question_id))

    def __len__(self) -> int:
        return len(self._order)

    def search(self, text: str = "", where: Filter | None = None, limit: int | None = None) -> list[str]:
        """Ids of matching questions: by rank for a query, in bank order without one; at most `limit`."""
        where = where or Filter()
        match = fts_query(text)
        if not match:
            found: list[str] = []
            for qid in self._order:
                if where.accepts(self._questions[qid]):
                    found.append(qid)
                    if limit is not None and len(found) >= limit:
                        break
            return found
        # Category and difficulty are filtered inside SQLite, so LIMIT stops ranking early; tags and
        # id sets are checked here, and then the limit can only be applied after them.
        sql = "SELECT id FROM docs WHERE docs MATCH ?"
        args: list[object] = [match]
        if where.category is not None:
            sql += " AND category = ?"
            args.append(where.category)
        if where.difficulty is not None:
            sql += " AND difficulty = ?"
            args.append(where.difficulty)
        sql += f" ORDER BY {_RANK}"
        in_python = where.tag is not None or where.only_ids is not None
        if limit is not None and not in_python:
            sql += " LIMIT ?"
            args.append(limit)
        ids = [row[0] for row in self._db.execute(sql, args)]
        if in_python:
            ids = [qid for qid in ids if where.accepts(self._questions[qid])]
        return ids[:limit] if limit is not None else ids
