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
the caller supplies (bookmarked, has notes), every one of them inside SQLite (category and difficulty from the
`meta` table, tags from `tags`, id sets from a temporary `allowed` table), so only the questions kept are ranked.

Speed (docs/performance.md): bm25 costs about 2 µs for every match it scores, so a query that matches
more than RANK_AT_MOST questions (a one- or two-letter prefix in a 10,000-question bank) is not scored
as a whole. Its matches (or its best `limit`) are taken tier by tier, each scored if it is small enough and
otherwise in bank order: titles holding the phrase, then titles or tags holding every word, then the rest.
"""

from __future__ import annotations

import itertools
import re
import sqlite3
import unicodedata
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

from desktop.core.bank import TAG_LEVEL, Question, tag_matches

_WORD = re.compile(r"\w+", re.UNICODE)
# bm25 weights per column: id, category, difficulty (unindexed), title, body, tags, notes, aliases
_WEIGHTS = (0.0, 0.0, 0.0, 8.0, 1.0, 4.0, 2.0, 1.0)
_RANK = f"bm25(docs, {', '.join(map(str, _WEIGHTS))})"
_SNIPPET_COLUMNS = {4: "body", 6: "notes"}  # by place in the table
# FTS5's snippet() weighs a fragment at every match against every other: time grows with the square of the
# matches in the column (a 1 MB pasted note: 2-4 s a keystroke). A longer text is snippeted here instead.
FTS_SNIPPET_AT_MOST = 4000  # characters
LONG_SNIPPET_SCAN = 100_000  # characters of a longer text searched for its snippet (~2 ms); a match beyond: none
RANK_AT_MOST = 1000  # a query matching more than this many questions is ranked tier by tier (see above)
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
    """The words of a query, lower-cased: also what the UI highlights. Composed first (NFC): a combining
    accent is no word character, so a pasted 'nai\u0308ve' was the words 'nai' and 've', and found nothing."""
    return tuple(w.lower() for w in _WORD.findall(unicodedata.normalize("NFC", text)))


def fts_query(text: str) -> str:
    """An FTS5 MATCH expression: each word a quoted prefix, all required. A one-letter word beside
    others ("k" in "k means") must match exactly, or it would match every word with that initial. The
    word being typed also matches the stems it is on its way past (see stems_typed_past)."""
    terms = query_terms(fold_spelling(text))
    last = len(terms) - 1  # the word being typed is always a prefix
    parts = [f'"{w}"' if len(w) == 1 and i < last else f'"{w}"*' for i, w in enumerate(terms)]
    if terms and (past := stems_typed_past(terms[-1])):
        parts[-1] = "(" + " OR ".join([parts[-1], *(f'"{s}"' for s in sorted(past))]) + ")"
        return " AND ".join(parts)  # FTS5 takes no implicit AND before a parenthesis
    return " ".join(parts)


# Endings a word being typed may be partway through. The index holds stems ("bagging" as "bag"), so a prefix
# typed past its stem ("baggin", "averagi", "impuri") matched nothing until the word was whole.
_ENDINGS = ("ing", "ings", "ed", "es", "er", "ers", "ation", "ations", "ization", "izations", "ity", "ities",
            "al", "ally", "ness", "ment", "ments", "ive", "ize", "ized", "izes", "izing", "ous", "ance", "ence",
            "able", "ible", "ly", "ator", "ators")


@lru_cache(maxsize=4096)
def stems_typed_past(word: str) -> frozenset[str]:
    """Stems shorter than `word` that a word starting with it and ending in a common ending reduces to:
    "bagg" and "baggin" → "bag" (bagging), "decorrela" → "decorrel" (decorrelated, decorrelation)."""
    from desktop.core.stemmer import stem

    found = set()
    doubled = len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiousl"  # "bagg": Porter undoubles it
    for ending in _ENDINGS:
        for typed in range(len(ending)):  # how much of the ending is typed (none: "bagg" of bagging)
            # Evidence enough that the word goes on: two letters of the ending, or its i or a ("averagi",
            # "decorrela"); a lone e, l or n ends too many whole words ("model" is no "modely").
            enough = typed >= 2 or (typed == 1 and ending[0] in "ia") or (typed == 0 and doubled and ending[0] in "ie")
            if enough and word.endswith(ending[:typed]):
                s = stem(word + ending[typed:])
                if 3 <= len(s) < len(word) and word.startswith(s):
                    found.add(s)
    return frozenset(found)


def long_snippet(text: str, query: str, words: int) -> str:
    """A snippet as FTS5's snippet() makes one (the match between char(1) and char(2), "…" where text is left
    out) of a text too long for snippet(): around the first word that starts with one of the query's words in
    its first LONG_SNIPPET_SCAN characters ("" if none does; stemmed forms, which FTS5 matches, are not sought)."""
    terms = sorted(set(query_terms(query)) | set(query_terms(fold_spelling(query))), key=len, reverse=True)
    if not terms:
        return ""
    text = text[:LONG_SNIPPET_SCAN]
    found = re.search(r"\b(?:" + "|".join(map(re.escape, terms)) + r")\w*", text, re.IGNORECASE)
    if found is None:
        return ""
    start, end = found.span()
    reach = 40 * words  # characters either side, plenty for the words wanted
    head, rest = text[max(0, start - reach):start].split(), text[end:end + reach].split()
    before = head[max(0, len(head) - words // 2):]
    after = rest[:max(0, words - len(before) - 1)]
    lead = "…" if start > reach or len(head) > len(before) else ""
    tail = "…" if end + reach < len(text) or len(rest) > len(after) else ""
    return f"{lead}{' '.join([*before, ''])}\x01{found.group()}\x02{' '.join(['', *after])}{tail}"


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
        # Category and difficulty beside the FTS table, indexed: filtering on the FTS5 table's own
        # UNINDEXED columns reads every match's whole row.
        self._db.execute("CREATE TABLE meta (rowid INTEGER PRIMARY KEY, category TEXT, difficulty TEXT)")
        self._db.execute("CREATE INDEX meta_category ON meta (category, difficulty)")
        self._db.execute("CREATE INDEX meta_difficulty ON meta (difficulty)")
        # Every tag of a question, case-folded: the tag filter is a range on this index ("ml" and "ml::…").
        self._db.execute("CREATE TABLE tags (tag TEXT, rowid INTEGER)")
        self._db.execute("CREATE INDEX tags_tag ON tags (tag, rowid)")
        self._allow_only(None)
        self._questions: dict[str, Question] = {}
        self._order: list[str] = []  # a question's rowid is its place here, plus one
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
            index._db.execute("SELECT 1 FROM tags LIMIT 1")  # a snapshot from before the tags table: rebuilt
        except sqlite3.Error as exc:
            raise ValueError(f"not an index snapshot: {exc}") from exc
        index._questions = {q.id: q for q in questions}
        index._order = [q.id for q in questions]
        index._rowid = dict(rows)
        index._allow_only(None)
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
                self._db.executemany("INSERT INTO meta VALUES (?, ?, ?)",
                                     [row[:1] + row[2:4] for row in rows[start:start + batch]])
                self._db.executemany("INSERT INTO tags VALUES (?, ?)",
                                     [(tag, row[0]) for row in rows[start:start + batch]
                                      for tag in {t.casefold() for t in self._questions[row[1]].tags}])
                if breathe is not None:
                    breathe()
        self.__dict__.pop("_vocabulary", None)

    def set_note(self, question_id: str, text: str) -> None:
        """Index the question's note; the same text as indexed writes nothing (an FTS5 update re-indexes the whole
        row: notes restored by an import are indexed before they are announced, see services.restore_notes)."""
        rowid = self._rowid.get(question_id)
        if rowid is not None and self._db.execute("SELECT notes FROM docs WHERE rowid = ?", (rowid,)).fetchone() == (
                text,):
            return
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
        """Ids of matching questions: by rank for a query (by tiers past RANK_AT_MOST matches), in bank order
        without one; at most `limit` (None: every one, as Browse lists them)."""
        where = where or Filter()
        if not fts_query(text):
            if where == Filter():  # everything, in bank order: no need to ask each question
                return self._order[:limit]
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
        # Counted, not ranked: what search() would list without `where` and with it, typo fallback included.
        everywhere, here = self._counts(text, where)
        if not everywhere and len(text.strip()) >= 4:
            everywhere, here = self._counts(self.corrected(text), where)
        return everywhere - here

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
        return self._snippets([question_id], text, before, after, words).get(question_id, "")

    def snippets(self, ids: Iterable[str], text: str, words: int = 12) -> dict[str, str]:
        """Snippets (unmarked, on one line) for those of `ids` whose title does not already show every word."""
        terms = query_terms(text)
        wanted = [qid for qid in ids
                  if qid in self._questions and not all(t in self._questions[qid].title.lower() for t in terms)]
        return {qid: snippet.replace("\n", " ") for qid, snippet in self._snippets(wanted, text, "", "", words).items()}

    def _snippets(self, ids: list[str], text: str, before: str, after: str, words: int) -> dict[str, str]:
        """Snippets of these questions, in one query: a query per question would redo the MATCH each time."""
        match = fts_query(text)
        rowids = [self._rowid[qid] for qid in ids if qid in self._rowid]
        if not match or not rowids:
            return {}
        # Only text the user would recognise: the answer, then their note (never the aliases column); a long
        # one comes back whole instead (NULL when short), for long_snippet.
        columns = ", ".join(f"CASE WHEN length({name}) <= {FTS_SNIPPET_AT_MOST} "
                            f"THEN snippet(docs, {column}, char(1), char(2), '…', {int(words)}) END, "
                            f"CASE WHEN length({name}) > {FTS_SNIPPET_AT_MOST} THEN {name} END"
                            for column, name in _SNIPPET_COLUMNS.items())
        rows = self._db.execute(f"SELECT rowid, {columns} FROM docs WHERE docs MATCH ?"
                                " AND +rowid IN (SELECT value FROM json_each(?))", [match, str(rowids)])
        out = {}
        for rowid, *cells in rows:
            snippets = (str(cells[i]) if cells[i] is not None else long_snippet(str(cells[i + 1] or ""), text, words)
                        for i in range(0, len(cells), 2))
            marked = next((s for s in snippets if "\x01" in s), "")
            if marked:
                out[self._order[rowid - 1]] = marked.replace("\x01", before).replace("\x02", after)
        return out

    @cached_property
    def _vocabulary(self) -> list[str]:
        words: set[str] = set()
        for q in self._questions.values():
            words.update(w.lower() for w in _WORD.findall(f"{q.title} {' '.join(q.tags)}") if len(w) >= 4)
        return sorted(words)

    def _ranked(self, text: str, where: Filter, limit: int | None) -> list[str]:
        match = fts_query(text)
        # Every filter is applied inside SQLite, so the ranking sees only the questions it keeps and LIMIT
        # stops it early.
        conditions, args = self._conditions(where)
        # Scored as a whole unless more than RANK_AT_MOST questions match (if the filters keep fewer
        # questions, they cannot: then not even the count is needed).
        wanted = len(self._order) if limit is None else limit
        if (self._questions_within(where) > RANK_AT_MOST
                and len(first := self._first(match, conditions, args, wanted)) > RANK_AT_MOST):
            rowids = self._tiered(text, conditions, args, wanted, {match: first})
        else:
            rowids = self._scored(match, conditions, args, self._title_phrase(text), limit)
        return [self._order[rowid - 1] for rowid in rowids]

    def _tiered(self, text: str, conditions: str, args: list[object], limit: int,
                known: dict[str, list[int]]) -> list[int]:
        """The best `limit` of a query with too many matches to score them all (see the module's docstring).
        `known` holds the first matches of a tier already looked up."""
        match = fts_query(text)
        taken: list[int] = []
        for tier in (self._title_phrase(text), "{title tags} : (" + match + ")", match):
            if not tier:
                continue
            need = limit - len(taken)
            # Its first `limit` matches at least: enough for any tier too big to score (read once, not its first
            # RANK_AT_MOST + 1 and then again whole, when Browse asks for every match).
            first = known[tier] if tier in known else self._first(tier, conditions, args, limit)
            seen = set(taken)
            fresh = [rowid for rowid in first if rowid not in seen]
            if len(first) > RANK_AT_MOST:  # too many to score: bank order
                taken += fresh[:need]
            elif fresh:
                sql = f"SELECT rowid FROM docs WHERE docs MATCH ?{conditions}"
                if taken:
                    sql += " AND +rowid NOT IN (SELECT value FROM json_each(?))"
                sql += f" ORDER BY {_RANK}"
                params = [tier, *args, *([str(taken)] if taken else []), need]
                taken += [row[0] for row in self._db.execute(f"{sql} LIMIT ?", params)]
            if len(taken) >= limit:
                break
        return taken

    def _scored(self, match: str, conditions: str, args: list[object], phrase: str, limit: int | None) -> list[int]:
        """Rowids of every match (or the best `limit`) by bm25, those whose title holds `phrase` first."""
        params: list[object] = [match, *args]
        order = _RANK
        if phrase:  # a title holding the whole phrase ranks above scattered words
            order = f"(CASE WHEN rowid IN (SELECT rowid FROM docs WHERE docs MATCH ?) THEN 0 ELSE 1 END), {_RANK}"
            params.append(phrase)
        sql = f"SELECT rowid FROM docs WHERE docs MATCH ?{conditions} ORDER BY {order}"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return [row[0] for row in self._db.execute(sql, params)]

    def _first(self, match: str, conditions: str, args: list[object], at_least: int = 0) -> list[int]:
        """Rowids of the first RANK_AT_MOST + 1 (or `at_least`) matches in bank order: cheap, as none is scored."""
        return self._in_bank_order(f"SELECT rowid FROM docs WHERE docs MATCH ?{conditions} LIMIT ?",
                                   [match, *args, max(RANK_AT_MOST + 1, at_least)])

    def _in_bank_order(self, select: str, params: list[object]) -> list[int]:
        """The rowids `select` gives (an unordered MATCH: FTS5 yields them in rowid order), as one string: the
        sqlite3 module costs ~0.3 µs a row, so 10,000 rows of a one-letter prefix took 3 ms, one string 1."""
        (joined,) = self._db.execute(f"SELECT group_concat(rowid) FROM ({select})", params).fetchone()
        return list(map(int, joined.split(","))) if joined else []

    def _questions_within(self, where: Filter) -> int:
        """How many questions the filters leave (from indexes: no text is read)."""
        sets, args = self._kept_sets(where)
        if sets == ["temp.allowed"]:  # an id set alone: counted when it was filled
            return self._allowed_count
        clause = " AND ".join(f"rowid IN {kept}" for kept in sets) or "1"
        return int(self._db.execute(f"SELECT count(*) FROM meta WHERE {clause}", args).fetchone()[0])

    def _counts(self, text: str, where: Filter) -> tuple[int, int]:
        """How many questions match, and how many of them `where` keeps: one unranked pass over the matches."""
        sets, args = self._kept_sets(where)
        kept = " AND ".join(f"+rowid IN {kept}" for kept in sets) or "1"
        params = [*args, fts_query(text)]
        everywhere, here = self._db.execute(f"SELECT count(*), total({kept}) FROM docs WHERE docs MATCH ?",
                                            params).fetchone()
        return int(everywhere), int(here)

    def _conditions(self, where: Filter) -> tuple[str, list[object]]:
        """SQL to append to a MATCH for the filters, and its arguments."""
        sets, args = self._kept_sets(where)
        # "+rowid": a bare rowid IN would make SQLite run the whole MATCH once for each listed rowid.
        return "".join(f" AND +rowid IN {kept}" for kept in sets), args

    def _kept_sets(self, where: Filter) -> tuple[list[str], list[object]]:
        """For each filter in `where`, the rowids it keeps, as SQL after "rowid IN": each straight on the MATCH,
        as a whole subquery over `meta` checked every match against every set in turn (an id set: ~2x slower)."""
        sets: list[str] = []
        args: list[object] = []
        meta = [(column, value) for column, value in (("category", where.category), ("difficulty", where.difficulty))
                if value is not None]
        if meta:
            sets.append(f"(SELECT rowid FROM meta WHERE {' AND '.join(f'{column} = ?' for column, _v in meta)})")
            args += [value for _c, value in meta]
        if where.tag is not None:  # the tag itself or one nested under it (bank.tag_matches), by the index
            nested = where.tag.casefold() + TAG_LEVEL
            sets.append("(SELECT rowid FROM tags WHERE tag = ? OR (tag > ? AND tag < ?))")
            args += [where.tag.casefold(), nested, nested[:-1] + chr(ord(nested[-1]) + 1)]
        if where.only_ids is not None:
            self._allow_only(where.only_ids)
            sets.append("temp.allowed")
        return sets, args

    def _allow_only(self, ids: Collection[str] | None) -> None:
        """Fill the temporary table of the questions `only_ids` allows (kept while the same set comes again:
        Browse passes the same bookmarks or noted questions at every keystroke)."""
        if ids is None:
            self._db.execute("CREATE TEMP TABLE IF NOT EXISTS allowed (rowid INTEGER PRIMARY KEY)")
            self._allowed: frozenset[str] | None = None
            self._allowed_count = 0
            return
        if ids == self._allowed:
            return
        self._allowed = frozenset(ids)
        with self._db:
            self._db.execute("DELETE FROM temp.allowed")
            rows = [(self._rowid[qid],) for qid in self._allowed if qid in self._rowid]
            self._db.executemany("INSERT INTO temp.allowed VALUES (?)", rows)
        self._allowed_count = len(rows)

    @staticmethod
    def _title_phrase(text: str) -> str:
        terms = query_terms(fold_spelling(text))
        if len(terms) < 2:
            return ""
        last = len(terms) - 1
        return "title : NEAR(" + " ".join(f'"{w}"' if len(w) == 1 and i < last else f'"{w}"*'
                                          for i, w in enumerate(terms)) + ", 1)"
