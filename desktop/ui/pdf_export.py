"""A printable cheat sheet: questions with answers, key points, typeset formulas and your notes, as PDF.

Uses Qt's own text layout and PDF writer (QtGui), so it needs a QGuiApplication;
the command line creates an offscreen one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QMarginsF, QUrl
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

from desktop.core.bank import Bank, Question
from desktop.core.export import replacing
from desktop.core.markup import MATH_SCHEME, MathSpan, code_css, to_html
from desktop.core.wording import count
from desktop.ui.widgets import math as mathimg
from desktop.ui.widgets.question_view import question_html

PRINT_DPR = 4.0  # formulas rasterised at print resolution

# Called as progress(done, total) while formulas are typeset (most of the time: ~10 ms each in pure
# Python, so the whole bank takes about 15 s), then once as progress(total, total) before the pages
# are laid out. It may raise ExportCancelled to stop; nothing is written then.
Progress = Callable[[int, int], None]


class ExportCancelled(Exception):
    pass
CSS = """
body { color: #111; font-size: 10pt; }
p.title { font-size: 13pt; font-weight: 600; margin: 14px 0 2px 0; }
p.section { font-size: 10.5pt; font-weight: 600; color: #1f5a78; margin: 8px 0 2px 0; }
p.meta { color: #666; margin: 0 0 4px 0; }
p, li { margin: 2px 0 3px 0; }
span.hint, span.tag { color: #666; }
pre, code { font-family: monospace; }
pre { white-space: pre-wrap; }
div.note { background-color: #fff8dc; }
h1 { font-size: 18pt; }
"""


def cheat_sheet_html(bank: Bank, questions: Sequence[Question], notes: dict[str, str],
                     heading: str) -> tuple[str, list[MathSpan]]:
    titles = {c.id: c.title for c in bank.categories}
    parts = [f"<h1>{heading}</h1><p class='meta'>{count(len(questions), 'question')}</p>"]
    math: list[MathSpan] = []

    def renumber(fragment: str, spans: Sequence[MathSpan]) -> str:
        """Shift a fragment's formula numbers past the ones already on the page (highest first, so none clash)."""
        offset = len(math)
        math.extend(spans)
        for i in reversed(range(len(spans))):
            fragment = fragment.replace(f'src="{MATH_SCHEME}:{i}"', f'src="{MATH_SCHEME}:{i + offset}"')
        return fragment

    for q in questions:
        page, spans = question_html(q, titles.get(q.category, q.category), True)
        parts.append(renumber(page, spans))
        note = notes.get(q.id, "").strip()
        if note:
            rendered = to_html(note)
            parts.append("<p class='section'>My notes</p><div class='note'>"
                         + renumber(rendered.html, rendered.math) + "</div>")
        parts.append("<hr>")
    return "\n".join(parts), math


def write_pdf(path: Path, bank: Bank, questions: Sequence[Question], notes: dict[str, str],
              heading: str = "ML Interview Coach: cheat sheet", progress: Progress | None = None) -> int:
    html, math = cheat_sheet_html(bank, questions, notes, heading)
    doc = QTextDocument()
    doc.setDefaultStyleSheet(CSS + code_css("#ffffff"))
    for i, span in enumerate(math):
        if progress is not None:
            progress(i, len(math))
        image = mathimg.render(span.latex, size=13.0 * (1.1 if span.display else 1.0), color="#111111",
                               inline=not span.display, dpr=PRINT_DPR)
        src = f'<img src="{MATH_SCHEME}:{i}">'
        if image is None:
            html = html.replace(src, "[formula]", 1)
            continue
        doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(f"{MATH_SCHEME}:{i}"), image)
        w, h = image.width() / PRINT_DPR, image.height() / PRINT_DPR
        html = html.replace(src, f'<img src="{MATH_SCHEME}:{i}" width="{w:.0f}" height="{h:.0f}">', 1)
    if progress is not None:
        progress(len(math), len(math))
    doc.setHtml(html)
    with replacing(path) as tmp:
        writer = QPdfWriter(str(tmp))
        writer.setTitle(heading)
        writer.setCreator("ML Interview Coach")
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                         QMarginsF(16, 16, 16, 16), QPageLayout.Unit.Millimeter))
        writer.setResolution(300)
        doc.print_(writer)  # with no page size of its own, the document is laid out in points and paginated
        del writer  # finishes the file
    return len(questions)
