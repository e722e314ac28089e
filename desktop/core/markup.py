"""A small Markdown subset to HTML, with math pulled out for typesetting.

The bank and the user's notes use: paragraphs, '-' and '1.' lists, **bold**,
*italic*, `code`, fenced code blocks, and LaTeX between $…$ or $$…$$.
Math is cut out *before* any Markdown rule runs (so `_` and `*` inside
formulas stay intact) and comes back as `<img src="math:N">`; the UI renders
each `MathSpan` to an image. `\\$` is a literal dollar sign.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

MATH_SCHEME = "math"


@dataclass(frozen=True)
class MathSpan:
    latex: str
    display: bool  # $$…$$ (own line, centred) vs $…$ (inline)


@dataclass(frozen=True)
class Rendered:
    html: str
    math: tuple[MathSpan, ...]


_DISPLAY = re.compile(r"\$\$(.+?)\$\$", re.S)
# Inline math: no space just inside the dollars, so "costs $5 and $6" is not math.
_INLINE = re.compile(r"(?<![\\$])\$(?!\s)([^$\n]+?)(?<![\s\\])\$(?!\$)")
_ANY_MATH = re.compile(f"{_DISPLAY.pattern}|{_INLINE.pattern}", re.S)
_TOKEN = "\x00M{}\x00"
_TOKEN_RE = re.compile("\x00M(\\d+)\x00")
_FENCE = re.compile(r"^\s*(```|~~~)\s*([\w+-]*)\s*$")
_ULIST = re.compile(r"^\s*[-*]\s+(.*)$")
_OLIST = re.compile(r"^\s*\d+[.)]\s+(.*)$")
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")


def math_spans(text: str) -> list[MathSpan]:
    """Every formula in `text`, in order (used to check that all of them render)."""
    spans: list[MathSpan] = []
    _extract_math(text, spans)
    return spans


def to_html(text: str, highlight: tuple[str, ...] = ()) -> Rendered:
    """Render a Markdown fragment. `highlight` words are wrapped in <mark> in prose."""
    spans: list[MathSpan] = []
    blocks: list[str] = []
    lines = text.splitlines()
    i = 0
    paragraph: list[str] = []
    list_kind: str | None = None
    list_items: list[str] = []

    def inline(s: str) -> str:
        return _inline(_extract_math(s, spans), highlight)

    def flush_paragraph() -> None:
        if paragraph:
            blocks.append(f"<p>{inline(' '.join(p.strip() for p in paragraph))}</p>")
            paragraph.clear()

    def flush_list() -> None:
        nonlocal list_kind
        if list_kind:
            items = "".join(f"<li>{inline(item)}</li>" for item in list_items)
            blocks.append(f"<{list_kind}>{items}</{list_kind}>")
            list_items.clear()
            list_kind = None

    while i < len(lines):
        line = lines[i]
        fence = _FENCE.match(line)
        if fence:
            flush_paragraph()
            flush_list()
            code: list[str] = []
            i += 1
            while i < len(lines) and not _FENCE.match(lines[i]):
                code.append(lines[i])
                i += 1
            blocks.append(f"<pre>{html.escape(chr(10).join(code))}</pre>")
            i += 1
            continue
        stripped = line.strip()
        if stripped.startswith("$$") and not paragraph and not list_kind:
            # A display formula may span several lines.
            block = [line]
            while not _closes_display("\n".join(block)) and i + 1 < len(lines):
                i += 1
                block.append(lines[i])
            blocks.append(f'<p class="display">{inline(chr(10).join(block))}</p>')
            i += 1
            continue
        heading = _HEADING.match(line)
        ulist = _ULIST.match(line)
        olist = _OLIST.match(line)
        if not stripped:
            flush_paragraph()
            flush_list()
        elif heading:
            flush_paragraph()
            flush_list()
            level = min(len(heading.group(1)) + 2, 6)  # notes' headings sit below the page's own
            blocks.append(f"<h{level}>{inline(heading.group(2))}</h{level}>")
        elif ulist or olist:
            flush_paragraph()
            kind = "ul" if ulist else "ol"
            if list_kind and list_kind != kind:
                flush_list()
            list_kind = kind
            list_items.append((ulist or olist).group(1))  # type: ignore[union-attr]
        elif list_kind and line.startswith((" ", "\t")):
            list_items[-1] += " " + stripped
        else:
            flush_list()
            paragraph.append(line)
        i += 1
    flush_paragraph()
    flush_list()
    return Rendered("\n".join(blocks), tuple(spans))


def text_with_math(text: str) -> Rendered:
    """Plain text for a label: every character shown as typed (tags included), only formulas typeset.

    No Markdown: a title or key point is a line of text, not a document.
    """
    spans: list[MathSpan] = []
    tokened = _extract_math(text, spans)
    escaped = html.escape(tokened, quote=False).replace("\\$", "$").replace("\n", "<br>")
    return Rendered(_TOKEN_RE.sub(lambda m: f'<img src="{MATH_SCHEME}:{m.group(1)}">', escaped), tuple(spans))


def plain_text(text: str) -> str:
    """Markdown reduced to words, for search indexing and word counts."""
    text = _DISPLAY.sub(" ", text)
    text = _INLINE.sub(lambda m: " " + m.group(1) + " ", text)
    text = re.sub(r"[`*_#>]|^\s*[-*]\s+", " ", text, flags=re.M)
    return re.sub(r"\s+", " ", text).strip()


def _closes_display(block: str) -> bool:
    return block.strip().count("$$") >= 2


def _extract_math(text: str, spans: list[MathSpan]) -> str:
    def keep(match: re.Match[str]) -> str:
        display = match.group(1) is not None
        spans.append(MathSpan((match.group(1) if display else match.group(2)).strip(), display))
        return _TOKEN.format(len(spans) - 1)

    return _ANY_MATH.sub(keep, text)


def _inline(text: str, highlight: tuple[str, ...]) -> str:
    out: list[str] = []
    # Split off `code` first so nothing inside it is touched.
    for k, part in enumerate(re.split(r"(`[^`]+`)", text)):
        if k % 2:
            out.append(f"<code>{html.escape(part[1:-1])}</code>")
            continue
        part = html.escape(part, quote=False).replace("\\$", "$")
        part = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", part)
        part = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<i>\1</i>", part)
        part = re.sub(r"(?<!\w)_(?!\s)(.+?)(?<!\s)_(?!\w)", r"<i>\1</i>", part)
        if highlight:
            part = _mark(part, highlight)
        part = _TOKEN_RE.sub(lambda m: f'<img src="{MATH_SCHEME}:{m.group(1)}">', part)
        out.append(part)
    return "".join(out)


def _mark(fragment: str, words: tuple[str, ...]) -> str:
    """Wrap word prefixes in <mark>, never inside a tag."""
    pattern = re.compile(r"\b(" + "|".join(re.escape(w) for w in words if w) + r")\w*", re.I)
    pieces = re.split(r"(<[^>]+>)", fragment)
    return "".join(p if p.startswith("<") else pattern.sub(r"<mark>\g<0></mark>", p) for p in pieces)
