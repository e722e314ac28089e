"""A printable PDF of questions: the full answers, or a two-column cheat sheet.

Text is real text (selectable, searchable); formulas are glyphs of their math font, drawn as vectors;
every category starts with a heading; a contents page (full layout) and the PDF's bookmarks lead to
each category and question. Uses Qt's text layout and PDF writer (QtGui), so it needs a
QGuiApplication; the command line creates an offscreen one.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPageLayout, QPageSize, QPainter, QPdfWriter

from desktop.core.bank import Bank, Question
from desktop.core.export import replacing
from desktop.core.export_formats import CHEAT_SHEET, FULL
from desktop.core.fragment_cache import Fragments
from desktop.core.pdf_outline import Bookmark, add_outline
from desktop.core.wording import count
from desktop.ui import pdf_content
from desktop.ui.pdf_content import Anchor
from desktop.ui.pdf_document import A4, STYLES, Body, print_font
from desktop.ui.pdf_front import Front
from desktop.ui.widgets.typeset import readable

TITLES = {FULL: "ML Interview Coach: questions and answers", CHEAT_SHEET: "ML Interview Coach: cheat sheet"}
POINTS = 72 / 96  # PDF points per layout unit

# Called as progress(step, done, total): per question while the text is prepared, every few hundred
# paragraphs while it is laid out, then per page while the pages are written. It may raise
# ExportCancelled to stop; nothing is written then.
Progress = Callable[[str, int, int], None]
PREPARING, LAYING_OUT, WRITING = "Preparing the questions", "Laying out the pages", "Writing the pages"


class ExportCancelled(Exception):
    pass


def write_pdf(path: Path, bank: Bank, questions: Sequence[Question], notes: dict[str, str],
              heading: str | None = None, progress: Progress | None = None, layout: str = FULL,
              fragments: Fragments | None = None) -> int:
    """Write the PDF; returns how many questions it holds. With `fragments` (pdf_content.stored_fragments()),
    questions rendered by an earlier export are not rendered again, and those rendered now are kept."""
    style = STYLES[layout]
    heading = heading or TITLES[layout]

    def report(step: str, done: int, total: int) -> None:
        if progress is not None:
            progress(step, done, total)

    with replacing(path) as tmp:  # first: a folder that cannot be written fails before any work
        content = pdf_content.build(bank, questions, notes, layout, lambda i: report(PREPARING, i, len(questions)),
                                    fragments)
        report(PREPARING, len(questions), len(questions))
        subtitle = f"{count(len(questions), 'question')} · {date.today().day} {date.today():%B %Y}"
        with_front = style.contents and sum(a.is_category for a in content.anchors) > 1
        preface = "" if with_front else (f'<p class="doctitle">{html.escape(heading)}</p>'
                                         f'<p class="docmeta">{subtitle}</p>')
        body = Body(content, style, preface, lambda done, total: report(LAYING_OUT, done, total))
        front = None
        if with_front:
            front = Front(heading, subtitle, style, [(a.title, a.questions, body.page_of(y))
                                                     for a, y in zip(content.anchors, body.anchor_tops, strict=True)
                                                     if a.is_category])
        first_body_page = front.page_count() if front is not None else 0
        total = first_body_page + body.page_count()
        raw = tmp.with_name(tmp.name + ".qt")
        try:
            _paint(raw, heading, front, body, content.anchors, total, lambda i: report(WRITING, i, total))
            report(WRITING, total, total)
            add_outline(raw, tmp, _bookmarks(front, body, content.anchors, first_body_page),
                        front.links() if front is not None else ())
        finally:
            raw.unlink(missing_ok=True)
    if fragments is not None:
        fragments.save()  # a cache: if it cannot be written, the next export renders again
    return len(questions)


def _paint(path: Path, heading: str, front: Front | None, body: Body, anchors: Sequence[Anchor], total: int,
           step: Callable[[int], None]) -> None:
    writer = QPdfWriter(str(path))
    writer.setTitle(heading)
    writer.setCreator("ML Interview Coach")
    writer.setResolution(96)  # one PDF unit per layout unit: text is placed exactly where it was laid out
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(0, 0, 0, 0)))
    painter = QPainter(writer)
    if not painter.isActive():  # never paint a whole document into nothing, one Qt warning a call
        raise OSError(f"cannot write {path}")
    try:
        front_pages = front.page_count() if front is not None else 0
        categories = [(a.title, body.page_of(y))
                      for a, y in zip(anchors, body.anchor_tops, strict=True) if a.is_category]
        for page in range(total):
            step(page)
            if page:
                writer.newPage()
            if front is not None and page < front_pages:
                front.paint_page(painter, page)
                _footer(painter, body.style.side, body.style.bottom, heading, page + 1, total)
                continue
            body.paint_page(painter, page - front_pages)
            here = [title for title, first in categories if first <= page - front_pages]
            _footer(painter, body.style.side, body.style.bottom, f"{heading} · {here[-1]}" if here else heading,
                    page + 1, total)
    finally:
        painter.end()
        del painter, writer  # closes the file now, cancelled or not (Windows cannot delete an open file)


def _footer(painter: QPainter, side: float, bottom: float, left: str, page: int, total: int) -> None:
    painter.save()
    painter.setFont(print_font(7.5))
    painter.setPen(QColor("#666666"))
    y = A4[1] - bottom + bottom * 0.45
    area = QRectF(QPointF(side, y), QPointF(A4[0] - side, y + 16))
    painter.drawText(area, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, readable(left))
    painter.drawText(area, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop, f"{page} / {total}")
    painter.restore()


def _bookmarks(front: Front | None, body: Body, anchors: Sequence[Anchor], offset: int) -> list[Bookmark]:
    """Contents (if any), then each category with its questions, each pointing at its heading."""
    marks: list[Bookmark] = [Bookmark("Contents", 0, 0.0)] if front is not None else []
    category: tuple[Anchor, float] | None = None
    children: list[Bookmark] = []

    def close() -> None:
        if category is not None:
            marks.append(_mark(category[0].title, body, category[1], offset, tuple(children)))

    for anchor, y in zip(anchors, body.anchor_tops, strict=True):
        if anchor.is_category:
            close()
            category, children = (anchor, y), []
        else:
            children.append(_mark(anchor.title, body, y, offset))
    close()
    return marks


def _mark(title: str, body: Body, y: float, offset: int, children: tuple[Bookmark, ...] = ()) -> Bookmark:
    top = (body.style.top + body.band_y(y)) * POINTS
    return Bookmark(readable(title), offset + body.page_of(y), max(0.0, top - 6), children)

