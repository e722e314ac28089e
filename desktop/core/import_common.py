"""What every import shares: its errors and limits, what a reader hands back, and the rules that turn
someone else's text into sections the bank reads back unchanged. No Qt."""

from __future__ import annotations

import codecs
import hashlib
import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from desktop.core.bank import FENCE, Category, Problem, Question

# Limits that keep a deck within the bank-size budget (10,000 questions load without freezing the UI).
MAX_QUESTIONS = 10_000
MAX_SOURCE_BYTES = 20 * 1024 * 1024
MAX_CELL_CHARS = 20_000
MAX_KEY_POINTS = 6
MAX_SENTENCE_POINTS = 4


class ImportFailed(Exception):
    """Nothing was imported; the message says why in plain words (with path:line for file problems)."""


class ImportCancelled(ImportFailed):
    """The user cancelled; nothing was written."""


Cancelled = Callable[[], bool]  # polled during long work; True stops it


def never() -> bool:
    return False


@dataclass(frozen=True)
class DeckRead:
    """A source read whole and checked: its categories and questions, and what it held that was not taken."""

    categories: list[Category]
    questions: list[Question]
    left_out: tuple[str, ...] = ()  # counted, in words: "1 cloze note", "2 media files (images, sounds)"
    # The ids are the source's own identities (Anki's note GUIDs), so they find the deck they came
    # from even under another file name; other ids update a deck only when the deck's name matches too.
    stable_ids: bool = False
    # The user's notes the source carries (this app's own Anki export, its "My notes" field), never part of an
    # answer: by question id, the id of the question the note was written on and the note's Markdown.
    notes: dict[str, tuple[str, str]] = field(default_factory=dict)


# Latin letters NFKD leaves whole (they are letters of their own, not a letter and a mark)
_LATIN_LETTERS = str.maketrans({"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th",
                                "ı": "i"})


def slug(text: str, fallback: str = "deck") -> str:
    """An id made of `text`'s Latin letters and digits: 'Çat über' is 'cat-uber' (an accent is dropped, not the
    letter). Other scripts have no letter an id can hold; category_id tells such titles apart."""
    plain = unicodedata.normalize("NFKD", text.lower().translate(_LATIN_LETTERS))
    words = re.findall(r"[a-z0-9]+", "".join(c for c in plain if not unicodedata.combining(c)))
    return "-".join(words)[:60].strip("-") or fallback


def category_id(title: str, fallback: str, categories: Mapping[str, Category]) -> str:
    """An id made from a category's title. Titles whose letters an id cannot hold ('עברית' and '中文' are both
    the fallback; 'RTL עברית' and 'RTL العربية' both 'rtl') would share one category, the second's questions
    filed under the first's title: a title that finds its id taken by another gets a short hash of itself."""
    made = slug(title, fallback)
    if made in categories and categories[made].title != title:
        made = f"{made}-{hashlib.sha1(title.encode('utf-8')).hexdigest()[:6]}"
    return made


def check_size(size: int, src: object) -> None:
    if size > MAX_SOURCE_BYTES:
        raise ImportFailed(f"{src}: {size / 1e6:.0f} MB is too large to import; the limit is "
                           f"{MAX_SOURCE_BYTES // (1024 * 1024)} MB. Split it into smaller decks.")


def read_text(src: Path, not_utf8: str = "", nul: str = "") -> str:
    """A text file to import (size checked, a BOM dropped), or ImportFailed saying why not; `not_utf8` and
    `nul` are advice added to those two messages. UTF-8, or UTF-16 with its byte-order mark (what Excel's
    "Unicode Text" writes): a BOM says which, so nothing is guessed."""
    try:
        check_size(src.stat().st_size, src)
        raw = src.read_bytes()
        text = raw.decode("utf-16" if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else "utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFailed(f"{src}:1: the file is not UTF-8 text{not_utf8}") from None
    except OSError as exc:
        raise ImportFailed(f"{src}: cannot read the file ({exc})") from None
    if "\0" in text and max(raw[0::2].count(0), raw[1::2].count(0)) > len(raw) // 4:  # NUL in every other byte
        raise ImportFailed(f"{src}:1: the file looks like UTF-16 text without a byte-order mark, not UTF-8{not_utf8}")
    if "\0" in text:
        raise ImportFailed(f"{src}:{text[: text.index(chr(0))].count(chr(10)) + 1}: contains a NUL byte{nul}")
    return text


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")


def text_lines(text: str) -> Iterator[str]:
    """The text's lines with their endings, one at a time, as csv reads a file opened with newline='' (and as
    io.StringIO(text, newline='') gives them). Not StringIO itself: over a 10,000-row CSV (8 MB) it is one
    25 ms step on the import's worker thread that holds the GIL, so the window cannot paint meanwhile."""
    return (match.group() for match in _LINE.finditer(text))


def problem_text(problems: Iterable[Problem]) -> str:
    return "\n".join(str(p) for p in problems)


# ------------------------------------------------------------------ text rules


def one_line(text: str) -> str:
    """A title or list item: its lines joined with spaces (spacing inside a line is kept)."""
    return " ".join(part.strip() for part in text.splitlines() if part.strip())


def section_text(text: str) -> str:
    """Free text as a section body the loader reads back unchanged: line breaks made plain, and a line
    outside code that would start a new section ('## ') made a sub-heading ('### ')."""
    out, in_fence = [], False
    for line in text.splitlines():
        if FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence and line.startswith("## "):
            line = "#" + line
        out.append(line)
    return "\n".join(out).strip()


def unclosed_fence(text: str) -> bool:
    """A ``` (or ~~~) line without its partner would swallow the sections after it."""
    return sum(1 for line in text.splitlines() if FENCE.match(line)) % 2 == 1


_LIST_ITEM = re.compile(r"^(?:[-*+]|\d{1,3}[.)])\s+(.*)$")
_MATH = re.compile(r"\$\$.+?\$\$|(?<!\\)\$[^$\n]+?(?<!\\)\$", re.S)
_SENTENCE_END = re.compile(r"[.!?](?=\s)")


def default_key_points(answer: str) -> tuple[str, ...]:
    """Key points for a question that came without any (a CSV row, an Anki note).

    The answer's own top-level list items if it has a list (up to six), else its first sentences,
    one a point (up to four): checkable pieces of what was written, never invented ones.
    """
    items: list[str] = []
    prose: list[str] = []
    in_fence = False
    for line in answer.splitlines():
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        item = _LIST_ITEM.match(line)
        if item:
            items.append(item.group(1))
        elif items and line[:1] in (" ", "\t") and line.strip() and not _LIST_ITEM.match(line.strip()):
            items[-1] += " " + line.strip()  # the item goes on
        elif not items:
            prose.append(line.removesuffix("\\"))  # a Markdown hard break is no full stop
    points = [p for p in (_point(i) for i in items) if p]
    if points:
        return tuple(points[:MAX_KEY_POINTS])
    text = _point(" ".join(prose)) or _point(answer)
    masked = _MATH.sub(lambda m: "x" * len(m.group()), text)  # a full stop inside a formula ends nothing
    cuts = [0, *(m.end() for m in _SENTENCE_END.finditer(masked)), len(text)]
    sentences = [s for s in (text[a:b].strip() for a, b in itertools.pairwise(cuts)) if s]
    return tuple(sentences[:MAX_SENTENCE_POINTS]) or (text,)


def _point(text: str) -> str:
    """One line, without Markdown's hard-break backslashes."""
    return " ".join(w for w in re.sub(r"\\(?=\n|$)", " ", text).split())
