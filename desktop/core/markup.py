"""Markdown to HTML (markdown-it-py, CommonMark plus tables), with math pulled out for typesetting.

The bank and the user's notes use CommonMark — paragraphs, nested lists, **bold**, *italic*,
`code`, fenced code, links, tables, blockquotes, escapes — and LaTeX between $…$ or $$…$$
(mdit-py-plugins' dollarmath, so `_` and `*` inside formulas never reach the Markdown rules).
Each formula comes back as `<img src="math:N">`; the UI renders each `MathSpan` to an image and
the Anki export swaps in MathJax delimiters. `\\$` is a literal dollar sign. Fenced code is
highlighted with Pygments into class-named spans, coloured by `code_css()` per theme.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import Any, ClassVar

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from mdit_py_plugins.dollarmath import dollarmath_plugin

MATH_SCHEME = "math"
HEADING_SHIFT = 2  # a note's '# heading' sits below the page's own title and sections


@dataclass(frozen=True)
class MathSpan:
    latex: str
    display: bool  # $$…$$ (own line, centred) vs $…$ (inline)


@dataclass(frozen=True)
class Rendered:
    html: str
    math: tuple[MathSpan, ...]


# A Python dunder such as __init__ is a name, not bold text (CommonMark would embolden it).
_DUNDER = re.compile(r"__[A-Za-z][A-Za-z0-9_]*?__")


def _dunder_rule(state: StateInline, silent: bool) -> bool:
    if not state.src.startswith("__", state.pos):
        return False
    if state.pos > 0 and (state.src[state.pos - 1].isalnum() or state.src[state.pos - 1] == "_"):
        return False
    match = _DUNDER.match(state.src, state.pos)
    if not match:
        return False
    end = match.end()
    if end < len(state.src) and (state.src[end].isalnum() or state.src[end] == "_"):
        return False
    if not silent:
        state.push("text", "", 0).content = match.group(0)
    state.pos = end
    return True


class _Renderer(RendererHTML):
    """Formulas become numbered image placeholders; code is highlighted; headings step down."""

    def __init__(self, parser: Any = None) -> None:
        super().__init__(parser)
        self.spans: list[MathSpan] = []
        self.highlight: tuple[str, ...] = ()
        self.code_language = False  # name a fence's language in its <pre>'s class (see to_html)

    def _math(self, latex: str, display: bool) -> str:
        self.spans.append(MathSpan(latex.strip(), display))
        return f'<img src="{MATH_SCHEME}:{len(self.spans) - 1}">'

    def math_inline(self, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        return self._math(tokens[idx].content, display=False)

    def math_inline_double(self, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        return self._math(tokens[idx].content, display=True)

    def math_block(self, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        return f'<p class="display">{self._math(tokens[idx].content, display=True)}</p>\n'

    def math_block_label(self, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        return self.math_block(tokens, idx, options, env)

    def text(self, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        escaped = html.escape(tokens[idx].content, quote=False)
        return _mark(escaped, self.highlight) if self.highlight else escaped

    def fence(self, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        token = tokens[idx]
        language = token.info.strip().split(" ")[0]
        out = highlight_code(token.content.rstrip("\n"), language)
        if self.code_language and language:
            out = out.replace(f'class="{CODE_CLASS}"', f'class="{CODE_CLASS} language-{html.escape(language)}"', 1)
        return out + "\n"

    def code_block(self, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        return highlight_code(tokens[idx].content.rstrip("\n"), "") + "\n"

    def heading_open(self, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        return f"<h{_shifted(tokens[idx].tag)}>"

    def heading_close(self, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        return f"</h{_shifted(tokens[idx].tag)}>\n"


def _shifted(tag: str) -> int:
    return min(int(tag[1]) + HEADING_SHIFT, 6)


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "typographer": False}, renderer_cls=_Renderer)
    md.enable("table").enable("strikethrough")
    # No space just inside the dollars, so "costs $5 and $6" is not math. (allow_digits=False would
    # also refuse a formula at the start of a line that ends in a digit: the plugin reads src[-1].)
    md.use(dollarmath_plugin, allow_space=False, allow_digits=True, double_inline=True)
    md.inline.ruler.before("emphasis", "dunder", _dunder_rule)
    renderer: _Renderer = md.renderer  # type: ignore[assignment]  # renderer_cls above
    for name in ("math_inline", "math_inline_double", "math_block", "math_block_label"):
        renderer.rules[name] = getattr(renderer, name)  # the plugin installed its own; ours win
    return md


def warm(code_background: str | None = None) -> None:
    """Build the parser (and the code colours for `code_background`) now: the start-up's loader thread
    calls this, so the first question on screen does not wait for markdown-it's imports and regexes."""
    _parser()
    if code_background is not None:
        code_css(code_background)


def to_html(text: str, highlight: tuple[str, ...] = (), *, code_language: bool = False) -> Rendered:
    """Render a Markdown fragment. `highlight` words are wrapped in <mark> in prose. `code_language`: a fenced
    block's <pre> also names its language (class="code language-python", as HTML tools write it), so HTML that
    leaves the app (an Anki deck) can be read back into the same fence (anki_html)."""
    md = _parser()
    renderer: _Renderer = md.renderer  # type: ignore[assignment]
    renderer.spans, renderer.highlight = [], tuple(w for w in highlight if w)
    renderer.code_language = code_language
    try:
        out = md.render(text).strip()
    finally:
        renderer.code_language = False
    return Rendered(out, tuple(renderer.spans))


def to_inline_html(text: str, highlight: tuple[str, ...] = ()) -> Rendered:
    """Render one line of Markdown (a title, a follow-up, a hint) without a paragraph around it: only the
    inline rules run, a few times cheaper than a whole document for a short line."""
    md = _parser()
    renderer: _Renderer = md.renderer  # type: ignore[assignment]
    renderer.spans, renderer.highlight = [], tuple(w for w in highlight if w)
    out = md.renderInline(text).strip()
    return Rendered(out, tuple(renderer.spans))


def math_spans(text: str) -> list[MathSpan]:
    """Every formula in `text`, in order (used to check that all of them render)."""
    return list(to_html(text).math)


def text_with_math(text: str) -> Rendered:
    """Plain text for a label: every character shown as typed (tags included), only formulas typeset.

    No Markdown: a title or key point is a line of text, not a document; only `code` spans are set as code.
    """
    spans: list[MathSpan] = []
    out: list[str] = []
    position = 0
    for match in _ANY_MATH.finditer(text):
        out.append(_escape_line(text[position:match.start()]))
        display = match.group(1) is not None
        spans.append(MathSpan((match.group(1) if display else match.group(2)).strip(), display))
        out.append(f'<img src="{MATH_SCHEME}:{len(spans) - 1}">')
        position = match.end()
    out.append(_escape_line(text[position:]))
    return Rendered("".join(out), tuple(spans))


def _escape_line(text: str) -> str:
    escaped = html.escape(text, quote=False).replace("\\$", "$").replace("\n", "<br>")
    return _CODE_SPAN.sub(r"<code>\1</code>", escaped)  # `code` in a key point reads as code, not backticks


_CODE_SPAN = re.compile(r"`([^`\n]+)`")


# The same formulas dollarmath finds (no space just inside the dollars), for text that is not Markdown.
_DISPLAY = r"\$\$(.+?)\$\$"
_INLINE = r"(?<![\\$])\$(?!\s)([^$\n]+?)(?<![\s\\])\$(?!\$)"
_ANY_MATH = re.compile(f"{_DISPLAY}|{_INLINE}", re.S)


def plain_text(text: str) -> str:
    """Markdown reduced to words, for search indexing and word counts (formulas' symbols kept)."""
    text = re.sub(_DISPLAY, " ", text, flags=re.S)
    text = re.sub(_INLINE, lambda m: " " + m.group(1) + " ", text)
    text = re.sub(r"[`*_#>]|^\s*[-*]\s+", " ", text, flags=re.M)
    return re.sub(r"\s+", " ", text).strip()


# ------------------------------------------------------------------ code


CODE_CLASS = "code"  # the <pre> class; token colours come from code_css()


def highlight_code(code: str, language: str = "python") -> str:
    """Code as a <pre> of Pygments token spans (class names only, so one render serves both themes)."""
    from pygments import highlight
    from pygments.formatters import HtmlFormatter

    lexer = _lexer(language or "python")
    if lexer is None:
        return f'<pre class="{CODE_CLASS}">{html.escape(code, quote=False)}</pre>'
    body = highlight(code, lexer, HtmlFormatter(nowrap=True)).rstrip("\n")
    return f'<pre class="{CODE_CLASS}">{body}</pre>'


@lru_cache(maxsize=16)
def _lexer(language: str) -> Any:
    """Pygments' lexer for `language`, or None: found once (the lookup scans every lexer's aliases and
    costs about 3 ms, a third of highlighting a typical block)."""
    from pygments.lexers import get_lexer_by_name
    from pygments.util import ClassNotFound

    try:
        return get_lexer_by_name(language)
    except ClassNotFound:
        return None


# Pygments styles whose colours come closest to WCAG AA on each theme's code background;
# the few token colours that still fall short are nudged until they reach it.
CODE_STYLES = {False: "xcode", True: "native"}
MIN_CONTRAST = 4.5


@dataclass(frozen=True)
class TokenStyle:
    color: str  # #rrggbb, legible on the background it was made for; "" leaves the text colour
    bold: bool = False
    italic: bool = False


@lru_cache(maxsize=4)
def code_styles(background: str) -> Mapping[str, TokenStyle]:
    """How each Pygments token class looks on `background` (#rrggbb): the one home for code colours.

    Keys are the short class names HtmlFormatter writes ("k", "s2", "c1"); code_css() turns them into
    style sheet rules for pages and exports, the code editor into QTextCharFormats.
    """
    from pygments.styles import get_style_by_name
    from pygments.token import STANDARD_TYPES  # token type -> the short class name HtmlFormatter writes

    dark = luminance(background) < 0.2
    styles: dict[str, TokenStyle] = {}
    for token, spec in get_style_by_name(CODE_STYLES[dark]):
        cls = STANDARD_TYPES.get(token)
        if not cls:
            continue
        color = legible("#" + spec["color"], background) if spec["color"] else ""
        if color or spec["bold"] or spec["italic"]:
            styles[cls] = TokenStyle(color, bool(spec["bold"]), bool(spec["italic"]))
    return MappingProxyType(styles)


@lru_cache(maxsize=4)
def code_css(background: str) -> str:
    """Flat `.token { color }` rules for code on `background` (#rrggbb).

    Flat because Qt's rich text understands class selectors but not nesting.
    """
    rules = []
    for cls, style in code_styles(background).items():
        decl = []
        if style.color:
            decl.append(f"color: {style.color}")
        if style.bold:
            decl.append("font-weight: 600")
        if style.italic:
            decl.append("font-style: italic")
        rules.append(f".{cls} {{ {'; '.join(decl)} }}")
    return "\n".join(rules)


def code_tokens(code: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int, str]]:
    """Python `code[start:end]` (from a line's start: lexed as if a file began there) as (start, length,
    token class) for every token, offsets into `code` exactly as given (no newline stripping, tabs kept),
    for an editor to colour with code_styles(). Lazy, so an editor can stop once the rest is as it was.
    Every character is in a token; plain text has the class "", whitespace "w" (a string's spaces and line
    breaks are the string's), and a line break with the lexer outside everything "\\n": the next line can be
    lexed on its own."""
    from pygments.token import STANDARD_TYPES, Whitespace

    line_end = Whitespace.LineEnd
    for at, token, value in _python_lexer().get_tokens_unprocessed(code[start:end]):
        if token is line_end:
            yield at + start, 1, "\n"
            continue
        cls = STANDARD_TYPES.get(token)
        while cls is None and token.parent is not None:  # a token type no formatter names: its family's
            token = token.parent
            cls = STANDARD_TYPES.get(token)
        if value:
            yield at + start, len(value), cls or ""


@lru_cache(maxsize=1)
def _python_lexer() -> Any:
    from pygments.lexer import inherit
    from pygments.lexers import PythonLexer
    from pygments.token import Whitespace

    class TopLevelLineEnds(PythonLexer):  # type: ignore[misc]
        """Names the line breaks met in its starting state (root's first rule), and only those."""

        tokens: ClassVar[dict[str, Any]] = {"root": [(r"\n", Whitespace.LineEnd), inherit]}

    return TopLevelLineEnds(stripnl=False, stripall=False, ensurenl=False, tabsize=0)


def luminance(color: str) -> float:
    """WCAG relative luminance of #rrggbb."""
    channels = [int(color[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def legible(color: str, background: str) -> str:
    """`color`, blended towards white (dark background) or black until it reaches MIN_CONTRAST."""
    target = 255 if luminance(background) < 0.2 else 0
    rgb = [int(color[i:i + 2], 16) for i in (1, 3, 5)]
    out = color.lower()
    for step in range(21):
        mixed = [round(c + (target - c) * step / 20) for c in rgb]
        out = "#" + "".join(f"{c:02x}" for c in mixed)
        if contrast(out, background) >= MIN_CONTRAST:
            break
    return out


def _mark(fragment: str, words: tuple[str, ...]) -> str:
    """Wrap word prefixes in <mark> (applied to escaped text only, never inside a tag)."""
    pattern = re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")\w*", re.I)
    return pattern.sub(r"<mark>\g<0></mark>", fragment)
