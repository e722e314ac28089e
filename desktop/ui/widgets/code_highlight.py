"""Python highlighting for the code editor: Pygments tokens (core.markup.code_tokens) coloured with the
theme's code colours (core.markup.code_styles, the same ones pages and exports use), through a
QSyntaxHighlighter.

A line's colours depend on what came before it (a triple-quoted string opened on line 3 colours line 9),
so the text is lexed as a whole, but only from where it changed: lexing restarts at the changed line (or
the nearest line above it that starts outside any string) and stops at the first line after the change
that starts outside any string, both before and after the edit, whose text was not touched; the lines
below keep their spans. Pygments takes ~3 µs a character, so lexing all of a pasted 200 KB data file on
every keystroke froze the editor for ~1 s a key. Each block's state is a fingerprint of its spans and of
the token open at its end, so Qt carries a change on to the following lines exactly as far as their
colours change. A line over LONG_LINE characters is left plain: a pasted row of data took a second a key.
"""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from desktop.core.markup import code_styles, code_tokens
from desktop.ui import theme

Span = tuple[int, int, str]  # start in the line, length, token class
LONG_LINE = 2000  # characters: a longer line is left uncoloured, and read as starting and ending outside any string


class CodeHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self._text: str | None = None  # the text the spans below were lexed from
        self._lines: list[tuple[Span, ...]] = [()]
        self._ends: list[str] = [""]  # the token class open at each line's end ("" outside any token)
        self._changed_from: int | None = 0  # the first character changed since the last lex (None: none)
        self._formats: dict[str, QTextCharFormat] = {}
        # Connected ahead of the highlighter's own slot, so it hears of a change before the highlighting.
        self.setDocument(None)
        document.contentsChange.connect(self._note_change)
        self.setDocument(document)
        self.restyle()

    def restyle(self) -> None:
        """The theme changed: colour for its code background."""
        self._formats = {}
        for cls, style in code_styles(theme.current().code_bg).items():
            fmt = QTextCharFormat()
            if style.color:
                fmt.setForeground(QColor(style.color))
            if style.bold:
                fmt.setFontWeight(QFont.Weight.DemiBold)
            if style.italic:
                fmt.setFontItalic(True)
            self._formats[cls] = fmt
        self.rehighlight()

    def spans(self, line: int) -> tuple[Span, ...]:
        """The coloured spans of a line (for tests and the curious)."""
        self._lex()
        return self._lines[line] if line < len(self._lines) else ()

    def highlightBlock(self, text: str) -> None:
        line = self.currentBlock().blockNumber()
        spans = self.spans(line)
        for start, length, cls in spans:
            fmt = self._formats.get(cls)
            if fmt is not None:
                self.setFormat(start, length, fmt)
        end = self._ends[line] if line < len(self._ends) else ""
        self.setCurrentBlockState(hash((spans, end)) & 0x3FFFFFFF)

    def _note_change(self, position: int, _removed: int, _added: int) -> None:
        self._changed_from = position if self._changed_from is None else min(position, self._changed_from)

    def _lex(self) -> None:
        if self._changed_from is None:
            return
        doc = self.document()
        text = doc.toPlainText() if doc is not None else ""
        changed_from, self._changed_from = min(self._changed_from, len(text)), None
        old, old_lines, old_ends = self._text, self._lines, self._ends
        if text == old:
            return
        self._text = text
        if not text:  # nothing to colour: no lexer needed (an empty editor at start-up never loads one)
            self._lines, self._ends = [()], [""]
            return
        old = old or ""
        starts = [0]
        newline = text.find("\n")
        while newline != -1:
            starts.append(newline + 1)
            newline = text.find("\n", newline + 1)
        changed = text.count("\n", 0, changed_from)  # the first line whose text may differ
        restart = min(changed, len(old_lines) - 1)
        while restart > 0 and old_ends[restart - 1]:  # lex from a line that starts outside any string
            restart -= 1
        tail = len(text) - _common_suffix(old, text, min(len(old), len(text)) - changed_from)
        shift = len(old_lines) - len(starts)  # an untouched line's number in the old text, less its number now
        lines: list[list[Span]] = [list(s) for s in old_lines[:restart]] + [[] for _ in starts[restart:]]
        ends = old_ends[:restart] + [""] * (len(starts) - restart)
        line = restart
        for start, length, cls in _tokens(text, starts, restart):
            while line + 1 < len(starts) and starts[line + 1] <= start:
                line += 1
                # Untouched from its line break on, outside any string before and after: the rest is as it was.
                if starts[line] - 1 >= tail and not ends[line - 1] and (line + shift == 0
                                                                       or not old_ends[line + shift - 1]):
                    self._lines = [tuple(s) for s in lines[:line]] + old_lines[line + shift:]
                    self._ends = ends[:line] + old_ends[line + shift:]
                    return
            end = start + length
            first = line
            while first < len(starts):  # a token may run over several lines (a docstring)
                line_start = starts[first]
                line_end = starts[first + 1] - 1 if first + 1 < len(starts) else len(text)
                piece_start, piece_end = max(start, line_start), min(end, line_end)
                if piece_end > piece_start and cls not in ("", "w", "\n"):
                    lines[first].append((piece_start - line_start, piece_end - piece_start, cls))
                if end <= line_end:
                    break
                if cls != "\n":  # not a line break at the top level: inside something (a string, an f-string's
                    ends[first] = cls or "~"  # braces, a continued line, a def whose name is still to come)
                first += 1
        self._lines = [tuple(spans) for spans in lines]
        self._ends = ends


def _tokens(text: str, starts: list[int], first: int) -> Iterator[tuple[int, int, str]]:
    """code_tokens from line `first` on, lines over LONG_LINE characters left out (a pasted row of data):
    Pygments would take seconds over each, on every keystroke in it."""
    begin = starts[first]
    for n in range(first, len(starts)):
        end = starts[n + 1] - 1 if n + 1 < len(starts) else len(text)
        if end - starts[n] > LONG_LINE:
            yield from code_tokens(text, begin, starts[n])
            begin = end
    yield from code_tokens(text, begin)


def _common_suffix(a: str, b: str, limit: int) -> int:
    """How many characters a and b end with alike, at most `limit` (found by halving: C compares, not a
    Python loop over 200,000 characters)."""
    low, high = 0, min(len(a), len(b), max(limit, 0))
    while low < high:
        mid = (low + high + 1) // 2
        if a[len(a) - mid:] == b[len(b) - mid:]:
            low = mid
        else:
            high = mid - 1
    return low
