"""What a PDF export says, as HTML: the questions grouped under their categories, in one of two layouts.

- "full": each question as the reading view shows it (answer, key points, walkthrough, formula,
  pitfalls, follow-ups, code) with your note;
- "cheat-sheet": each question's title, key points, formula and your note, to print in two columns.

Category titles, question titles (with the difficulty and tags under them), section names and the
headings inside answers and notes are paragraphs marked with a block state (CATEGORY, QUESTION,
SECTION, SUBHEADING; Qt keeps `-qt-user-state` as QTextBlock.userState()). The pages are cut around
them and the outline points at the first two. Not <h1>–<h6>: Qt sizes those from its default font,
whatever the style sheet says.
"""

from __future__ import annotations

import html
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from desktop.core import fragment_cache, markup, wording
from desktop.core.bank import Bank, Question
from desktop.core.export_formats import FULL
from desktop.core.formulas import typeset
from desktop.core.fragment_cache import Fragments
from desktop.core.markup import MATH_SCHEME, MathSpan, Rendered, to_html
from desktop.ui.widgets import question_view
from desktop.ui.widgets.question_view import question_html
from desktop.ui.widgets.typeset import UNTYPESETTABLE

CATEGORY, QUESTION, SECTION, SUBHEADING = 1, 2, 3, 4  # block states of the headings


def heading(state: int, css_class: str, inner: str) -> str:
    return f'<p class="{css_class}" style="-qt-user-state: {state}">{inner}</p>'


@dataclass(frozen=True)
class Anchor:
    """A category or question heading, in document order."""

    title: str
    question_id: str | None = None  # None for a category
    questions: int = 0  # a category's number of questions

    @property
    def is_category(self) -> bool:
        return self.question_id is None


@dataclass(frozen=True)
class Content:
    html: str
    math: tuple[MathSpan, ...]
    anchors: tuple[Anchor, ...]


class _Formulas:
    """Collects the formulas of many fragments, renumbering each fragment's placeholders to be unique."""

    def __init__(self) -> None:
        self.spans: list[MathSpan] = []

    def add(self, fragment: str, spans: Sequence[MathSpan]) -> str:
        offset = len(self.spans)
        self.spans.extend(spans)
        if not spans or offset == 0:
            return fragment
        return re.sub(f'src="{MATH_SCHEME}:(\\d+)"', lambda m: f'src="{MATH_SCHEME}:{int(m.group(1)) + offset}"',
                      fragment)

    def markdown(self, text: str) -> str:
        rendered = to_html(text)
        return self.add(rendered.html, rendered.math)


def by_category(bank: Bank, questions: Sequence[Question]) -> list[tuple[str, list[Question]]]:
    """(category title, its questions) in the bank's category order; questions keep their given order."""
    order = {c.id: i for i, c in enumerate(bank.categories)}
    titles = {c.id: c.title for c in bank.categories}
    groups: dict[str, list[Question]] = {}
    for q in questions:
        groups.setdefault(q.category, []).append(q)
    ids = sorted(groups, key=lambda cid: (order.get(cid, len(order)), cid))
    return [(titles.get(cid, cid), groups[cid]) for cid in ids]


def build(bank: Bank, questions: Sequence[Question], notes: dict[str, str], layout: str,
          step: Callable[[int], None] | None = None, fragments: Fragments | None = None) -> Content:
    """The document's HTML; `step(i)` is called before the i-th question (it may raise to stop). A question's
    HTML is taken from `fragments` when it holds it for this text and layout, and added to it otherwise."""
    formulas = _Formulas()
    parts: list[str] = []
    anchors: list[Anchor] = []
    done = 0
    for title, group in by_category(bank, questions):
        parts.append(heading(CATEGORY, "category", html.escape(title)))
        anchors.append(Anchor(title, questions=len(group)))
        for q in group:
            if step is not None:
                step(done)
            done += 1
            anchors.append(Anchor(q.title, q.id))
            first = len(formulas.spans)
            page = _question(q, layout, fragments)
            parts.append(formulas.add(page.html, page.math) + _note(notes.get(q.id, ""), formulas, layout))
            for span in formulas.spans[first:]:  # here, so progress moves while a deck's formulas are typeset
                typeset(span.latex, span.display)
    body = _SUBHEADING.sub(lambda m: f'<p class="subheading" style="-qt-user-state: {SUBHEADING}">'
                           if m.group(1) is None else "</p>", "\n".join(parts))
    for i, span in enumerate(formulas.spans):  # one that cannot be typeset says so, as on screen
        if typeset(span.latex, span.display) is None:
            body = body.replace(f'<img src="{MATH_SCHEME}:{i}">', UNTYPESETTABLE, 1)
    return Content(body, tuple(formulas.spans), tuple(anchors))


_SUBHEADING = re.compile(r"<h[1-6]>|<(/)h[1-6]>")  # a heading inside an answer or a note
_META = re.compile(r'<p class="meta">.*?</p>\n?')
_SECTION = re.compile(r'<p class="section">(.*?)</p>')
_TITLE = re.compile(r'<p class="title">(.*?)</p>')


def question_part(q: Question, layout: str) -> Rendered:
    """A question's part of the document (without the note), its formulas numbered from 0."""
    return _full(q) if layout == FULL else _cheat_sheet(q)


def fragment_key(q: Question, layout: str) -> str:
    return fragment_cache.key(layout, repr(replace(q, path="")))  # every field but where its file is


def _question(q: Question, layout: str, fragments: Fragments | None) -> Rendered:
    if fragments is None:
        return question_part(q, layout)
    key = fragment_key(q, layout)
    page = fragments.get(key)
    if page is None:
        page = question_part(q, layout)
        fragments.put(key, page)
    return page


def fragments_code() -> str | None:
    """What a stored question's HTML depends on besides its text: the code that renders it."""
    import markdown_it
    import mdit_py_plugins
    import pygments

    return fragment_cache.code_key([sys.modules[__name__], question_view, markup, wording],
                                   [markdown_it.__version__, mdit_py_plugins.__version__, pygments.__version__])


def stored_fragments() -> Fragments:
    """The questions' HTML a package ships (prepared with its bank) and that kept in the user's cache folder,
    where an export saves what it rendered anew."""
    from desktop.paths import shipped_bank_cache, user_cache_dir

    shipped = shipped_bank_cache()
    return Fragments(fragments_code(), user_cache_dir() / fragment_cache.FILE_NAME,
                     [shipped.parent / fragment_cache.FILE_NAME] if shipped is not None else [])


@dataclass(frozen=True)
class Prepared:
    rendered: int  # fragments rendered anew and stored
    kept: int  # fragments the file already held for this code and this text


def prepare_fragments(bank: Bank, path: Path) -> Prepared | None:
    """Every question of `bank` in both layouts, stored at `path` (the package step): those the file already holds
    for this code are kept as they are, the rest rendered. None if they could not be stored."""
    from desktop.core.export_formats import CHEAT_SHEET

    fragments = Fragments(fragments_code(), path)
    layouts = (FULL, CHEAT_SHEET)
    for layout in layouts:  # each question's part as `build` looks it up; the document around them is an export's
        for q in bank.questions:
            _question(q, layout, fragments)
    rendered = fragments.added
    if rendered and not fragments.save():  # nothing new: the file is current, and left as it is
        return None
    return Prepared(rendered, len(layouts) * len(bank.questions) - rendered)


def _full(q: Question) -> Rendered:
    page, spans = question_html(q, "", True)
    page = _META.sub("", page, count=1)
    page = _TITLE.sub(lambda m: _title(m.group(1), q), page, count=1)
    return Rendered(_SECTION.sub(lambda m: heading(SECTION, "section", m.group(1)), page), spans)


def _title(title_html: str, q: Question) -> str:
    meta = f"{q.difficulty.capitalize()} &nbsp; " + " ".join(f"#{html.escape(t)}" for t in q.tags)
    return heading(QUESTION, "title", f'{title_html}<br><span class="meta">{meta}</span>')


def _cheat_sheet(q: Question) -> Rendered:
    formulas = _Formulas()
    title = formulas.markdown(q.title).removeprefix("<p>").removesuffix("</p>")
    parts = [heading(QUESTION, "title", title), formulas.markdown("\n".join(f"- {k}" for k in q.key_points))]
    if q.formula.strip():
        parts.append(formulas.markdown(q.formula))
    return Rendered("\n".join(parts), tuple(formulas.spans))


def _note(note: str, formulas: _Formulas, layout: str) -> str:
    note = note.strip()
    if not note:
        return ""
    body = formulas.markdown(note)
    if layout == FULL:
        return heading(SECTION, "section", "My notes") + f'<div class="note">{body}</div>'
    return f'<div class="note"><b>My note:</b> {body.removeprefix("<p>")}</div>'
