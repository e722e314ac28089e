"""An Anki field (HTML with MathJax) as the bank's Markdown with $…$ formulas. No Qt.

markdownify (on BeautifulSoup's stdlib html.parser) does the HTML: bold, italics, lists, line
breaks, tables, code, links and entities. Around it, this module keeps what markdownify must not
touch: formulas (\\(…\\) and [$]…[/$] become $…$; \\[…\\] and [$$]…[/$$] become $$…$$, their
entities decoded and tags dropped), literal dollar signs (escaped as \\$ so they are not read as
formulas), and media, which the app does not show: an image or a sound in an answer leaves a
visible "(image not imported: name)" and is counted, never silently dropped.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from desktop.core.import_common import one_line, section_text

_MATH = re.compile(
    r"\\\((?P<inline>.+?)\\\)|\\\[(?P<display>.+?)\\\]"
    r"|\[\$\](?P<inline2>.+?)\[/\$\]|\[\$\$\](?P<display2>.+?)\[/\$\$\]|\[latex\](?P<latex>.+?)\[/latex\]",
    re.S | re.I)
_SOUND = re.compile(r"\[sound:([^\]]+)\]")
_TAG = re.compile(r"<[^>]*>")
_BREAK_TAG = re.compile(r"<br\s*/?>|</(?:div|p|li)>", re.I)
# Placeholders are lower-case letters and digits only, so markdownify passes them through untouched.
_TOKEN = re.compile(r"ankitoken(\d+)x")
MEDIA_MARKER = re.compile(r"\*\((?:image|sound) not imported: (?:\\.|[^)\\])*\)\*")
_IMG_SRC = re.compile(r"""<img\b[^>]*?\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))[^>]*>""", re.I)


@dataclass(frozen=True)
class Converted:
    markdown: str
    media: tuple[str, ...]  # the images and sounds it referred to, by file name


_BREAK_SPACE = re.compile(r"[\t \r\n]*[\r\n][\t \r\n]*")  # markdownify's own two patterns
_SPACES = re.compile(r"[\t ]+")


def field_markdown(field_html: str, *, title: bool = False) -> Converted:
    """One Anki field as Markdown. A title comes back as one line, without media markers."""
    pieces: list[str] = []
    media: list[str] = []

    def keep(text: str) -> str:
        pieces.append(text)
        return f"ankitoken{len(pieces) - 1}x"

    def math(match: re.Match[str]) -> str:
        display = match["display"] or match["display2"] or match["latex"]
        latex = _latex_text(display if display is not None else match["inline"] or match["inline2"] or "")
        if not latex:
            return ""
        return keep(f"$${latex}$$" if display is not None else f"${latex}$")

    def media_marker(kind: str, name: str) -> str:
        name = html.unescape(name).strip()
        media.append(name)
        return "" if title else keep(f"*({kind} not imported: {_escape(name)})*")

    text = _MATH.sub(math, field_html)
    text = _SOUND.sub(lambda m: media_marker("sound", m.group(1)), text)
    text = _IMG_SRC.sub(lambda m: media_marker("image", next(g for g in m.groups() if g is not None)), text)
    text = text.replace("$", keep("\\$"))  # what is left is a price, not a formula
    if "<" in text:
        markdown = _tidy(_converter(title).convert(text))
    else:  # no tags (most fields): what markdownify would do, without building a parse tree
        unescaped = html.unescape(text)
        # Whitespace as markdownify has it: a run with a line break is one line break (a backslash ending a line is
        # then a Markdown line break, which _tidy and a title treat as above), any other run one space.
        plain = _tidy(_SPACES.sub(" ", _BREAK_SPACE.sub("\n", unescaped)).strip("\n"))
        markdown = plain if title else re.sub(r"([*_])", r"\\\1", plain)
    markdown = _TOKEN.sub(lambda m: pieces[int(m.group(1))], markdown)
    if title:
        return Converted(one_line(markdown.replace("\\\n", "\n")), tuple(dict.fromkeys(media)))
    return Converted(section_text(markdown), tuple(dict.fromkeys(media)))


def plain_to_html(text: str) -> str:
    """A plain-text field (an export without HTML) as HTML, so it takes the same path."""
    return html.escape(text, quote=False).replace("\r\n", "\n").replace("\n", "<br>")


def looks_like_html(text: str) -> bool:
    return bool(re.search(r"<[a-zA-Z/][^>]*>|&(?:[a-zA-Z]+|#\d+);", text))


def _latex_text(fragment: str) -> str:
    """The TeX inside \\(…\\): Anki's editor leaves <br> and entities in it."""
    return " ".join(html.unescape(_TAG.sub(" ", _BREAK_TAG.sub(" ", fragment))).split())


def _escape(name: str) -> str:
    return re.sub(r"([\\`*_\[\]()$])", r"\\\1", name)


def _tidy(markdown: str) -> str:
    markdown = re.sub(r"[ \xa0]*\xa0[ \xa0]*", " ", markdown)  # Anki's editor types &nbsp; for ordinary spaces
    markdown = re.sub(r"\\\n(?:[ \t]*\\\n)+", "\n\n", markdown)  # two line breaks in a row: a new paragraph
    markdown = re.sub(r"\\\n(?=[ \t]*(?:\n|$))", "\n", markdown)  # a break that ends a paragraph adds nothing
    markdown = re.sub(r"\\$", "", markdown.rstrip())
    lines = [line.rstrip() for line in markdown.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


@cache
def _converter(title: bool) -> Any:
    """markdownify's converter, with headings as bold lines (a '## ' line would start a new section).
    A title keeps _ and * as typed: it is one line, read far more often as plain text than as Markdown."""
    from markdownify import MarkdownConverter  # only an Anki import pays for BeautifulSoup

    class _Converter(MarkdownConverter):
        def convert_hN(self, n: int, el: Any, text: str, parent_tags: set[str]) -> str:
            text = " ".join(text.split())
            return text if "_inline" in parent_tags or not text else f"\n\n**{text}**\n\n"

    return _Converter(heading_style="atx", bullets="-", newline_style="backslash", strong_em_symbol="*",
                      escape_misc=False, escape_underscores=not title, escape_asterisks=not title,
                      code_language_callback=_code_language)


_LANGUAGE_CLASS = re.compile(r"(?:language|lang)-([\w+#.-]+)")  # nothing that could end a fence's line


def _code_language(pre: Any) -> str:
    """A code block's language, from its class as this app's Anki export writes it (<pre class="code
    language-python">) and as HTML tools do (<pre><code class="language-sql">, Prism's lang-…): the fence
    gets it back, and with it the highlighting. "" when none is named."""
    for node in (pre, pre.find("code")):
        classes = node.get("class") if node is not None else None
        for name in classes if isinstance(classes, list) else str(classes or "").split():
            if found := _LANGUAGE_CLASS.fullmatch(name):
                return found.group(1)
    return ""
