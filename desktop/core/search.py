"""Full-text search over questions (and the user's notes) with SQLite FTS5.

As-you-type: every word of the query is a prefix ("grad desc" finds "gradient descent"; a
one-letter word must match exactly), all words must match, and results are ranked by bm25 with
the title weighted above the body, except that a question whose title holds the whole phrase
comes first. Words are stemmed (Porter) after British spellings are folded to American ones, so
"regularisation", "regularization" and "regularize" meet; hyphenated and split names are also
indexed joined ("k-means" as "kmeans", "t-SNE" as "tsne", "batch norm" as "batchnorm"). A query
that matches nothing is retried with each word replaced by the closest word in the index, so a
typo ("gradeint", "random forrest") still finds its question. Filters narrow by category,
difficulty, tag (a parent tag takes in its nested ones: "ML" finds "ML::basics") and by sets of ids
the caller supplies (bookmarked, has notes).
"""

from __future__ import annotations

import itertools
import re
import sqlite3
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

from desktop.core.bank import Question, tag_matches

_WORD = re.compile(r"\w+", re.UNICODE)
# bm25 weights per column: id, category, difficulty (unindexed), title, body, tags, notes, aliases
_WEIGHTS = (0.0, 0.0, 0.0, 8.0, 1.0, 4.0, 2.0, 1.0)
_RANK = f"bm25(docs, {', '.join(map(str, _WEIGHTS))})"
_SNIPPET_COLUMNS = (4, 6)  # body, notes
TYPO_CUTOFF = 80  # rapidfuzz ratio (0-100) a vocabulary word needs to stand in for a mistyped one

# British spellings folded to American before stemming, in the index and the query alike.
_BRITISH = [(re.compile(p), r) for p, r in (
    (r"(\w{3,})is(ation|ations|e|es|ed|ing|er|ers)\b", r"\1iz\2"),
    (r"(\w{2,})ys(e|es|ed|ing)\b", r"\1yz\2"),
    (r"(\w{2,})our(s|ed|ing|ite|ites)?\b", r"\1or\2"),
    (r"(\w{3,})elling\b", r"\1eling"),
    (r"(\w{3,})elled\b", r"\1eled"),
    (r"\bcentre(s|d)?\b", r"center\1"),
)]


_BRITISH_MARKS = ("is", "ys", "our", "ell", "centre")  # a word without one of these has nothing to fold
_BRITISH_CANDIDATE = re.compile(r"\w*(?:is|ys|our|ell|centre)\w*")


def fold_spelling(text: str) -> str:
    text = text.lower()
    if not any(mark in text for mark in _BRITISH_MARKS):
        return text
    for pattern, replacement in _BRITISH:
        text = pattern.sub(replacement, text)
    return text


@lru_cache(maxsize=65536)
def fold_word(word: str) -> str:
    """fold_spelling for one lower-case word: indexing folds each word of the bank, most of them often."""
    return fold_spelling(word)


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
            and (self.tag is None or any(tag_matches(t, self.tag) for t in q.tags))
            and (self.only_ids is None or q.id in self.only_ids)
        )


def query_terms(text: str) -> tuple[str, ...]:
    """The words of a query, lower-cased: also what the UI highlights."""
    return tuple(w.lower() for w in _WORD.findall(text))


def fts_query(text: str) -> str:
    """An FTS5 MATCH expression: each word a quoted prefix, all required. A one-letter word beside
    others ("k" in "k means") must match exactly, or it would match every word with that initial."""
    terms = query_terms(fold_spelling(text))
    last = len(terms) - 1  # the word being typed is always a prefix
    return " ".join(f'"{w}"' if len(w) == 1 and i < last else f'"{w}"*' for i, w in enumerate(terms))


def aliases(names: str, text: str) -> str:
    """Other forms of the words, indexed beside the text (which stays as written, for snippets):

    joined names people write several ways ('k-means' -> 'kmeans', 'batch norm' -> 'batchnorm'),
    from `names` (title, tags, id), and the American spelling of every British word in `text`.
    """
    out: list[str] = []
    for hyphenated in re.findall(r"\w+(?:[-‐–/]\w+)+", names):
        out.append(re.sub(r"\W", "", hyphenated))
    words = _WORD.findall(names)
    out.extend(a + b for a, b in itertools.pairwise(words) if len(a) + len(b) >= 5)
    candidates = set(_BRITISH_CANDIDATE.findall(text.lower()))  # only words that could be British spellings
    out.extend(folded for word in candidates if (folded := fold_word(word)) != word)
    return " ".join(out)


class SearchIndex:
    """An in-memory FTS5 index. Build it off the UI thread; query from any one thread."""

    def __init__(self) -> None:
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        self._db.execute(
            "CREATE VIRTUAL TABLE docs USING fts5("
            "id UNINDEXED, category UNINDEXED, difficulty UNINDEXED, title, body, tags, notes, aliases, "
            "tokenize='porter unicode61 remove_diacritics 2', prefix='1 2 3')"
        )
        self._questions: dict[str, Question] = {}
        self._order: list[str] = []
        self._rowid: dict[str, int] = {}  # `id` is UNINDEXED: a row is found by its rowid, not by scanning

    def snapshot(self) -> bytes:
        """The whole index as bytes (SQLite's serialize), to be restored later without re-indexing."""
        return self._db.serialize()

    @classmethod
    def restore(cls, questions: Sequence[Question], data: bytes) -> SearchIndex:
        """An index from `snapshot()` bytes, over `questions`, which must be exactly the ones it indexed
        (ValueError otherwise: a snapshot of another bank is never used)."""
        index = cls.__new__(cls)
        index._db = sqlite3.connect(":memory:", check_same_thread=False)
        try:
            index._db.deserialize(data)
            rows = index._db.execute("SELECT id, rowid FROM docs ORDER BY rowid").fetchall()
        except sqlite3.Error as exc:
            raise ValueError(f"not an index snapshot: {exc}") from exc
        index._questions = {q.id: q for q in questions}
        index._order = [q.id for q in questions]
        index._rowid = dict(rows)
        if [qid for qid, _r in rows] != index._order:
            raise ValueError("the snapshot indexes other questions")
        return index

    def sync_notes(self, notes: dict[str, str], breathe: Callable[[], None] | None = None) -> int:
        """Make the indexed notes equal `notes` (a restored snapshot holds the notes of when it was taken);
        returns how many questions' notes changed."""
        stale = [(qid, notes.get(qid, "")) for qid, indexed in self._db.execute("SELECT id, notes FROM docs")
                 if notes.get(qid, "") != indexed]
        with self._db:
            for qid, text in stale:
                self._write_note(qid, text)
                if breathe is not None:
                    breathe()
        return len(stale)

    def add(self, questions: Iterable[Question], notes: dict[str, str] | None = None,
            breathe: Callable[[], None] | None = None) -> None:
        """Index questions (and notes). `breathe`, if given, is called between batches (see core.threads)."""
        notes = notes or {}
        rows = []
        for q in questions:
            self._questions[q.id] = q
            self._order.append(q.id)
            self._rowid[q.id] = rowid = len(self._order)
            # Raw Markdown is fine here: FTS5's tokenizer already drops *, _, $, # and backslashes.
            body = " ".join([q.answer, *q.key_points, q.formula, *q.pitfalls, *(f.question for f in q.follow_ups)])
            note = notes.get(q.id, "")
            rows.append((rowid, q.id, q.category, q.difficulty, q.title, body, " ".join(q.tags), note,
                         self._aliases(q, note)))
        batch = 100  # one transaction (a commit per batch makes FTS5 merge segments), breathing between batches
        with self._db:
            for start in range(0, len(rows), batch):
                self._db.executemany("INSERT INTO docs (rowid, id, category, difficulty, title, body, tags, notes,"
                                     " aliases) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows[start:start + batch])
                if breathe is not None:
                    breathe()
        self.__dict__.pop("_vocabulary", None)

    def set_note(self, question_id: str, text: str) -> None:
        with self._db:
            self._write_note(question_id, text)

    def _write_note(self, question_id: str, text: str) -> None:
        q = self._questions.get(question_id)
        if q is not None:
            self._db.execute("UPDATE docs SET notes = ?, aliases = ? WHERE rowid = ?",
                             (text, self._aliases(q, text), self._rowid[question_id]))

    @staticmethod
    def _aliases(q: Question, note: str) -> str:
        names = f"{q.title} {' '.join(q.tags)} {q.id.replace('-', ' ')}"
        return aliases(names, " ".join([q.title, q.answer, *q.key_points, *q.pitfalls, " ".join(q.tags), note]))

    def __len__(self) -> int:
        return len(self._order)

    def search(self, text: str = "", where: Filter | None = None, limit: int | None = None) -> list[str]:
        """Ids of matching questions: by rank for a query, in bank order without one; at most `limit`."""
        where = where or Filter()
        if not fts_query(text):
            found: list[str] = []
            for qid in self._order:
                if where.accepts(self._questions[qid]):
                    found.append(qid)
                    if limit is not None and len(found) >= limit:
                        break
            return found
        ids = self._ranked(text, where, limit)
        if not ids and len(text.strip()) >= 4 and not self._ranked(text, Filter(), 1):
            corrected = self.corrected(text)  # nothing anywhere: perhaps a typo
            if corrected != text:
                ids = self._ranked(corrected, where, limit)
        return ids

    def count_elsewhere(self, text: str, where: Filter) -> int:
        """How many questions match `text` but are hidden by `where` (e.g. in other categories)."""
        if not fts_query(text) or where == Filter():
            return 0
        everywhere = len(self.search(text))
        return everywhere - len(self.search(text, where))

    def corrected(self, text: str) -> str:
        """The query with each word not in the index replaced by the closest word that is (or kept)."""
        from rapidfuzz import fuzz, process  # only a query that found nothing pays for the import

        words = []
        for word in query_terms(text):
            if word in self._vocabulary or len(word) < 4:
                words.append(word)
                continue
            best = process.extractOne(word, self._vocabulary, scorer=fuzz.ratio, score_cutoff=TYPO_CUTOFF)
            words.append(best[0] if best else word)
        return " ".join(words)

    def snippet(self, question_id: str, text: str, before: str = "[", after: str = "]", words: int = 10) -> str:
        """A few words of the question around where `text` matched, the matches marked; "" if none."""
        match = fts_query(text)
        if not match:
            return ""
        # Only text the user would recognise: the answer, then their note (never the aliases column).
        for column in _SNIPPET_COLUMNS:
            row = self._db.execute(
                "SELECT snippet(docs, ?, char(1), char(2), '…', ?) FROM docs WHERE docs MATCH ? AND id = ?",
                (column, words, match, question_id)).fetchone()
            if row and "\x01" in str(row[0]):
                return str(row[0]).replace("\x01", before).replace("\x02", after)
        return ""

    @cached_property
    def _vocabulary(self) -> list[str]:
        words: set[str] = set()
        for q in self._questions.values():
            words.update(w.lower() for w in _WORD.findall(f"{q.title} {' '.join(q.tags)}") if len(w) >= 4)
        return sorted(words)

    def _ranked(self, text: str, where: Filter, limit: int | None) -> list[str]:
        match = fts_query(text)
        # Category and difficulty are filtered inside SQLite, so LIMIT stops ranking early; tags and
        # id sets are checked here, and then the limit can only be applied after them.
        conditions = ""
        args: list[object] = []
        if where.category is not None:
            conditions += " AND category = ?"
            args.append(where.category)
        if where.difficulty is not None:
            conditions += " AND difficulty = ?"
            args.append(where.difficulty)
        in_python = where.tag is not None or where.only_ids is not None
        phrase = self._title_phrase(text)
        if phrase:  # a title holding the whole phrase ranks above scattered words
            order = f"(CASE WHEN id IN (SELECT id FROM docs WHERE docs MATCH ?) THEN 0 ELSE 1 END), {_RANK}"
            args.append(phrase)
        else:
            order = _RANK
        sql = f"SELECT id FROM docs WHERE docs MATCH ?{conditions} ORDER BY {order}"
        args = [match, *args]
        if limit is not None and not in_python:
            sql += " LIMIT ?"
            args.append(limit)
        ids = [row[0] for row in self._db.execute(sql, args)]
        if in_python:
            ids = [qid for qid in ids if where.accepts(self._questions[qid])]
        return ids[:limit] if limit is not None else ids

    @staticmethod
    def _title_phrase(text: str) -> str:
        terms = query_terms(fold_spelling(text))
        if len(terms) < 2:
            return ""
        last = len(terms) - 1
        return "title : NEAR(" + " ".join(f'"{w}"' if len(w) == 1 and i < last else f'"{w}"*'
                                          for i, w in enumerate(terms)) + ", 1)"
