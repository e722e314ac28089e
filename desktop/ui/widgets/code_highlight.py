"""Python highlighting for the code editor: Pygments tokens (core.markup.code_tokens) coloured with the
theme's code colours (core.markup.code_styles, the same ones pages and exports use), through a
QSyntaxHighlighter.

The whole document is lexed once per change (an exercise is a few dozen lines: well under a
millisecond), because a line's colours depend on what came before it: a triple-quoted string opened
on line 3 colours line 9. Each block's state is a fingerprint of its spans and of the token open at
its end, so Qt carries a change on to the following lines exactly as far as their colours change.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from desktop.core.markup import code_styles, code_tokens
from desktop.ui import theme

Span = tuple[int, int, str]  # start in the line, length, token class


class CodeHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self._text: str | None = None  # the text the spans below were lexed from
        self._lines: list[tuple[Span, ...]] = []
        self._ends: list[str] = []  # the token class open at each line's end ("" outside any token)
        self._formats: dict[str, QTextCharFormat] = {}
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

    def _lex(self) -> None:
        doc = self.document()
        text = doc.toPlainText() if doc is not None else ""
        if text == self._text:
            return
        self._text = text
        if not text:  # nothing to colour: no lexer needed (an empty editor at start-up never loads one)
            self._lines, self._ends = [()], [""]
            return
        starts = [0]
        newline = text.find("\n")
        while newline != -1:
            starts.append(newline + 1)
            newline = text.find("\n", newline + 1)
        lines: list[list[Span]] = [[] for _ in starts]
        ends = [""] * len(starts)
        line = 0
        for start, length, cls in code_tokens(text):
            end = start + length
            while line + 1 < len(starts) and starts[line + 1] <= start:
                line += 1
            first = line
            while first < len(starts):  # a token may run over several lines (a docstring)
                line_start = starts[first]
                line_end = starts[first + 1] - 1 if first + 1 < len(starts) else len(text)
                piece_start, piece_end = max(start, line_start), min(end, line_end)
                if piece_end > piece_start:
                    lines[first].append((piece_start - line_start, piece_end - piece_start, cls))
                if end <= line_end:
                    break
                ends[first] = cls
                first += 1
        self._lines = [tuple(spans) for spans in lines]
        self._ends = ends
