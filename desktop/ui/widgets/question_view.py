"""Shows one question: title, meta line, and the answer's sections, or a prompt to reveal them."""

from __future__ import annotations

import html

from PySide6.QtCore import QTimer, QUrl, Signal
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QWidget

from desktop.core.bank import Question
from desktop.core.markup import MathSpan, highlight_code, to_html, to_inline_html
from desktop.core.wording import difficulty_name
from desktop.ui import theme
from desktop.ui.application import lay_out_now
from desktop.ui.widgets.rich_view import RichView

REVEAL_LINK = "action:reveal"


SOLUTION_HIDDEN = ("Hidden until you have run your code once: then <b>Show solution</b> (above your code) "
                   "puts it here.")


def question_html(
    q: Question, category_title: str, revealed: bool, highlight: tuple[str, ...] = (),
    key_points: bool = True, starter: bool = True, solution: bool = True,
) -> tuple[str, tuple[MathSpan, ...]]:
    """The page for a question. Pure string work, so it is cheap to test.

    An exercise shown beside its code editor leaves out `starter` (the editor holds it) and keeps its
    `solution` hidden until the user asks, after a first run."""
    parts: list[str] = []
    math: list[MathSpan] = []

    def md(text: str, inline: bool = False) -> str:
        rendered = to_inline_html(text, highlight) if inline else to_html(text, highlight)
        offset = len(math)
        math.extend(rendered.math)
        # Renumber this fragment's formulas so they are unique across the page.
        out = rendered.html
        for i in reversed(range(len(rendered.math))):
            out = out.replace(f'src="math:{i}"', f'src="math:{i + offset}"')
        return out

    def bullets(items: tuple[str, ...] | list[str]) -> str:
        # Each item is one line: its inline Markdown alone, without parsing a list block (the same HTML).
        return "<ul>\n" + "".join(f"<li>{md(item, inline=True)}</li>\n" for item in items) + "</ul>"

    parts.append(f'<p class="title">{_inline(md, q.title)}</p>')
    tags = " ".join(f'<span class="tag">#{html.escape(t)}</span>' for t in q.tags)
    parts.append(f'<p class="meta">{html.escape(category_title)} · {difficulty_name(q.difficulty)} &nbsp; {tags}</p>')
    if not revealed:
        # Beside a code editor, Space types a space: Ctrl+Tab leaves the editor first.
        keys = "Space" if starter or not q.is_exercise else "Space; from the code: Ctrl+Tab, Space"
        parts.append(f'<p class="hidden">Answer hidden. <a href="{REVEAL_LINK}">Show answer</a> ({keys})</p>')
        return "\n".join(parts), tuple(math)
    parts.append(_section("Answer") + md(q.answer))
    if key_points:
        parts.append(_section("Key points") + bullets(q.key_points))
    if q.walkthrough:  # a system-design case: the round, stage by stage, and what is scored
        parts.append(_section("Walkthrough") + md(q.walkthrough))
    if q.rubric:
        parts.append(_section("Rubric") + bullets(q.rubric))
    if q.formula:
        parts.append(_section("Formula") + md(q.formula))
    if q.pitfalls:
        parts.append(_section("Pitfalls") + bullets(q.pitfalls))
    if q.follow_ups:
        items = []
        for f in q.follow_ups:
            hint = f'<br><span class="hint">Hint: {_inline(md, f.hint)}</span>' if f.hint else ""
            items.append(f"<li>{_inline(md, f.question)}{hint}</li>")
        parts.append(_section("Follow-ups") + "<ul>" + "".join(items) + "</ul>")
    for heading, code in q.code_sections:  # an exercise: its starter and solution, never the hidden tests
        if q.is_exercise and heading == "Starter" and not starter:
            continue
        if q.is_exercise and heading == "Solution" and not solution:
            parts.append(_section(heading) + f'<p class="hidden">{SOLUTION_HIDDEN}</p>')
            continue
        parts.append(_section(heading) + highlight_code(code))
    return "\n".join(parts), tuple(math)


def _section(name: str) -> str:
    return f'<p class="section">{name}</p>'


def _inline(md, text: str) -> str:
    return md(text, inline=True)


class QuestionView(RichView):
    """A reading view for a question; emits reveal_requested when 'Show answer' is clicked."""

    reveal_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("questionView")
        self.setAccessibleName("Question and answer")
        self.anchorClicked.connect(self._on_link)
        self.question: Question | None = None

    def show_question(self, q: Question | None, category_title: str = "", revealed: bool = True,
                      highlight: tuple[str, ...] = (), key_points: bool = True, starter: bool = True,
                      solution: bool = True) -> None:
        self.question = q
        if q is None:
            self.show_html('<p class="hidden">No question matches. Clear the search or the filters.</p>')
            return
        page, math = question_html(q, category_title, revealed, highlight, key_points, starter, solution)
        self.show_html(page, math)

    def scroll_to_section(self, heading: str) -> None:
        """Bring a section's heading ("Solution") to the top of the view."""
        top = self._heading_top(heading)
        if top is not None:
            self.verticalScrollBar().setValue(int(top) - 8)

    def show_start_of(self, heading: str, lines: int = 4) -> None:
        """Once what was just shown around the view is laid out (a zero timer: after those already posted),
        scroll no more than needed for a section's heading ("Answer") and its first `lines` lines to be in
        view, never past the heading: in a short window a long title can fill the view, and what a reveal is
        for would begin below it. Nothing moves if another page is shown by then."""
        page = self.document()
        QTimer.singleShot(0, self, lambda: self._show_start_of(heading, lines) if self.document() is page else None)

    def _show_start_of(self, heading: str, lines: int) -> None:
        lay_out_now()
        top = self._heading_top(heading)
        if top is None:
            return
        font = QFont(self.font())
        font.setPointSizeF(theme.reading_pt())  # what the answer is set in (RichView)
        bar = self.verticalScrollBar()
        below = top + (lines + 1) * QFontMetricsF(font).lineSpacing() - (bar.value() + self.viewport().height())
        if below > 0:
            bar.setValue(int(self._first_line_from(bar.value() + below, top - 8)))

    def _first_line_from(self, y: float, at_most: float) -> float:
        """The top of the first line of text at or below `y` (so the view does not open on half a line), but no
        lower than `at_most`."""
        doc_layout = self.document().documentLayout()
        block = self.document().firstBlock()
        while block.isValid():
            block_top = doc_layout.blockBoundingRect(block).top()
            lines = block.layout()
            for i in range(lines.lineCount()):
                line_top = block_top + lines.lineAt(i).y()
                if line_top >= y:
                    return min(line_top, at_most)
            block = block.next()
        return at_most

    def _heading_top(self, heading: str) -> float | None:
        block = self.document().lastBlock()
        while block.isValid() and block.text() != heading:  # the heading's own line, not the word in prose
            block = block.previous()
        return self.document().documentLayout().blockBoundingRect(block).top() if block.isValid() else None

    def _on_link(self, url: QUrl) -> None:
        if url.toString() == REVEAL_LINK:
            self.reveal_requested.emit()
