"""A PDF export's body: its HTML laid out once as one tall column, then cut into page-sized bands.

Qt lays the text out (QTextDocument, formulas as `FormulaObjects`); desktop.core.pagination decides
where each page begins, from the lines' positions: never through a line, never between a heading and
the first lines under it, never leaving a paragraph's first or last line alone, and (full layout)
with every category on a new page.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFont, QPainter, QTextDocument, QTextOption

from desktop.core.export_formats import CHEAT_SHEET, FULL
from desktop.core.markup import code_css
from desktop.core.pagination import Band, band_of, paginate
from desktop.ui.pdf_content import CATEGORY, QUESTION, Content
from desktop.ui.widgets.formula_object import FormulaObjects

LAYOUT_STEP = 500  # blocks laid out between progress reports (about 30 ms)
MM = 96 / 25.4  # layout units (1/96 inch, as Qt lays text out for the screen) per millimetre
A4 = (210 * MM, 297 * MM)
TEXT = "#111111"
ACCENT = "#1f5a78"


@dataclass(frozen=True)
class Style:
    name: str
    columns: int
    side: float  # page margins, layout units
    top: float
    bottom: float  # includes the footer line
    gutter: float  # between columns
    body_pt: float
    indent: float  # a list level's indent
    category_breaks: bool  # every category starts a page
    contents: bool  # a contents page in front (when there is more than one category)
    css: str

    @property
    def column_width(self) -> float:
        return (A4[0] - 2 * self.side - (self.columns - 1) * self.gutter) / self.columns

    @property
    def column_height(self) -> float:
        return A4[1] - self.top - self.bottom


CODE_BACKGROUND = "#f5f5f5"
_COMMON_CSS = f"""
body {{ color: {TEXT}; }}
p.category {{ font-weight: 600; color: {ACCENT}; }}
p.title {{ font-weight: 600; }}
span.meta {{ font-weight: normal; color: #555555; }}
p.section {{ font-weight: 600; color: {ACCENT}; }}
p.doctitle {{ font-weight: 600; }}
p.docmeta, span.hint, span.tag {{ color: #555555; }}
code {{ font-family: monospace; }}
pre {{ font-family: monospace; white-space: pre-wrap; background-color: {CODE_BACKGROUND}; }}
div.note {{ background-color: #fff8dc; }}
th {{ font-weight: 600; text-align: left; }}
th, td {{ padding: 1px 6px 1px 0; }}
"""

# A wrapped code line goes on eight characters in (a negative text-indent): plainly a continuation, not a
# new line.
STYLES = {
    FULL: Style(FULL, 1, 17 * MM, 15 * MM, 19 * MM, 0, 10.0, 26.0, True, True, _COMMON_CSS + """
        body { font-size: 10pt; }
        p.category { font-size: 18pt; margin: 0 0 8px 0; }
        p.title { font-size: 13pt; margin: 18px 0 4px 0; }
        span.meta { font-size: 8.5pt; }
        p.section { font-size: 10.5pt; margin: 8px 0 2px 0; }
        p.subheading { font-size: 10pt; font-weight: 600; margin: 6px 0 2px 0; }
        p, li { margin: 2px 0 3px 0; }
        p.display { margin: 5px 0 5px 0; }
        p.doctitle { font-size: 18pt; margin: 0 0 2px 0; }
        p.docmeta { margin: 0 0 12px 0; }
        pre { font-size: 8pt; margin: 4px 0 4px 52px; text-indent: -52px; }
    """),
    CHEAT_SHEET: Style(CHEAT_SHEET, 2, 10 * MM, 10 * MM, 14 * MM, 7 * MM, 8.0, 16.0, False, False, _COMMON_CSS + """
        body { font-size: 8pt; }
        p.category { font-size: 11pt; margin: 6px 0 2px 0; }
        p.title { font-size: 8.5pt; margin: 7px 0 1px 0; }
        p.subheading { font-size: 8pt; font-weight: 600; margin: 2px 0 1px 0; }
        p, li { margin: 0 0 1px 0; }
        ul { margin: 0; }
        p.display { margin: 2px 0 2px 0; }
        p.doctitle { font-size: 12pt; margin: 0 0 1px 0; }
        p.docmeta { margin: 0 0 4px 0; }
        div.note { margin: 1px 0 0 0; }
        pre { font-size: 7pt; margin: 2px 0 2px 45px; text-indent: -45px; }
    """),
}


def _code_colours(html: str) -> str:
    """Code's token colours as inline styles: Qt matches every style sheet rule against every element,
    and sixty token rules made reading the whole bank's HTML take twice as long."""
    rules = _token_styles()
    return _TOKEN.sub(lambda m: f'<span style="{rules[m.group(1)]}">' if m.group(1) in rules else m.group(0), html)


_TOKEN = re.compile(r'<span class="([\w-]+)">')


@cache
def _token_styles() -> dict[str, str]:
    return dict(re.findall(r"\.([\w-]+) \{ ([^}]*) \}", code_css(CODE_BACKGROUND)))


def print_font(points: float) -> QFont:
    """The text font: no ligatures (text copied from the PDF reads "first", not "ﬁrst"), which also lays out
    faster; scripts that need shaping still get it."""
    font = QFont()
    font.setPointSizeF(points)
    font.setStyleStrategy(QFont.StyleStrategy.PreferNoShaping)
    return font


class Body:
    """The laid-out body of an export and the bands it is cut into (one band per column of a page)."""

    def __init__(self, content: Content, style: Style, preface: str = "",
                 step: Callable[[int, int], None] | None = None) -> None:
        """`step(done, total)` is called as the blocks are laid out (it may raise to stop)."""
        self.style = style
        self.doc = QTextDocument()
        self.doc.setDocumentMargin(0)
        self.doc.setIndentWidth(style.indent)
        self.doc.setUseDesignMetrics(True)  # print metrics: no screen hinting in the glyph advances
        self.doc.setDefaultFont(print_font(style.body_pt))
        option = self.doc.defaultTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)  # a long token wraps, never runs off
        self.doc.setDefaultTextOption(option)
        self.doc.setDefaultStyleSheet(style.css)
        self.formulas = FormulaObjects(content.math, QColor(TEXT), self.doc)
        self.formulas.install(self.doc)
        self.doc.setTextWidth(style.column_width)
        placed = self.formulas.placed_html(content.html, print_font(style.body_pt))
        self.doc.setHtml(f"<body>{preface}{_code_colours(placed)}</body>")
        lines, keep, breaks, self.anchor_tops = self._geometry(step or (lambda _done, _total: None))
        self.bands = paginate(lines, style.column_height, keep, breaks if style.category_breaks else ())
        self.bottoms = [band.bottom for band in self.bands]

    def _geometry(self, step: Callable[[int, int], None]
                  ) -> tuple[list[tuple[float, float]], list[tuple[float, float]], list[float], list[float]]:
        """Every line's (top, bottom); the zones to keep on one page; where categories start; where each
        category and question heading starts (in document order)."""
        layout = self.doc.documentLayout()
        lines: list[tuple[float, float]] = []
        keep: list[tuple[float, float]] = []
        breaks: list[float] = []
        anchors: list[float] = []
        heading_run: float | None = None  # the top of headings still waiting for their first lines of text
        block, total = self.doc.begin(), self.doc.blockCount()
        while block.isValid():
            if block.blockNumber() % LAYOUT_STEP == 0:  # Qt lays the text out as it is asked where it is
                step(block.blockNumber(), total)
            top = layout.blockBoundingRect(block).top()
            text_layout = block.layout()
            spans = []
            for i in range(text_layout.lineCount()):
                line = text_layout.lineAt(i)
                spans.append((top + line.y(), top + line.y() + line.height()))
            state = block.userState()
            if spans:
                lines.extend(spans)
                if state > 0:  # a heading
                    if state in (CATEGORY, QUESTION):
                        anchors.append(spans[0][0])
                    if state == CATEGORY and anchors[:-1]:
                        breaks.append(spans[0][0])
                    if heading_run is None:
                        heading_run = spans[0][0]
                else:
                    if heading_run is not None:
                        keep.append((heading_run, spans[min(1, len(spans) - 1)][1]))
                        heading_run = None
                    if len(spans) > 1:  # no paragraph's first or last line alone on a page
                        keep.append((spans[0][0], spans[1][1]))
                        keep.append((spans[-2][0], spans[-1][1]))
            block = block.next()
        step(total, total)
        return lines, keep, breaks, anchors

    def page_count(self) -> int:
        return -(-len(self.bands) // self.style.columns)

    def page_of(self, y: float) -> int:
        """The body page (from 0) that shows the point `y` of the tall column."""
        return band_of(self.bottoms, y) // self.style.columns

    def band_y(self, y: float) -> float:
        """How far down its page's text area the point `y` is drawn."""
        return y - self.bands[band_of(self.bottoms, y)].top

    def column_x(self, y: float) -> float:
        """How far right of the left margin the column showing `y` starts."""
        column = band_of(self.bottoms, y) % self.style.columns
        return column * (self.style.column_width + self.style.gutter)

    def paint_page(self, painter: QPainter, page: int) -> None:
        """Draw body page `page`'s columns; the painter's origin is the page's top left corner."""
        s = self.style
        for column in range(s.columns):
            index = page * s.columns + column
            if index >= len(self.bands):
                break
            band: Band = self.bands[index]
            painter.save()
            painter.translate(s.side + column * (s.column_width + s.gutter), s.top - band.top)
            self.doc.drawContents(painter, QRectF(0, band.top, s.column_width, band.height))
            painter.restore()
