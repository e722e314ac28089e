"""A read-only reading view: our Markdown subset as HTML, formulas typeset, a comfortable measure."""

from __future__ import annotations

from PySide6.QtCore import QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QFont, QResizeEvent, QTextDocument, QTextFrameFormat
from PySide6.QtWidgets import QTextBrowser, QWidget

from desktop.core.markup import MathSpan, code_css
from desktop.ui import theme
from desktop.ui.widgets.typeset import embed_formulas, set_html

MAX_MEASURE = 720  # px of text per line: about 80-90 characters at the reading size
EXTERNAL_SCHEMES = ("http", "https", "mailto")
LIST_INDENT = 24  # px a bullet's text sits in from the column's edge
TITLE = 1.3  # a question's title, over the reading size


def document_css(c: theme.Colors, title: float = TITLE) -> str:
    """`title`: the title's size over the reading size (a short pane shows a smaller one)."""
    # The size lives in the CSS: an application style sheet re-polishes widgets and would undo setFont().
    # Every size follows the reading size, so the text-size setting scales the whole page.
    pt = theme.reading_pt()
    return f"""
    body {{ color: {c.text}; font-size: {pt:.1f}pt; }}
    p.title {{ font-size: {pt * title:.1f}pt; font-weight: 600; margin: 0 0 6px 0; }}
    p.section {{ font-size: {pt * 1.05:.1f}pt; font-weight: 600; color: {c.accent}; margin: 18px 0 4px 0; }}
    h3, h4, h5, h6 {{ font-size: {pt:.1f}pt; font-weight: 600; margin: 12px 0 2px 0; }}
    p {{ margin: 4px 0 8px 0; line-height: 140%; }}
    li {{ margin: 2px 0 4px 0; line-height: 135%; }}
    p.meta {{ color: {c.muted}; font-size: {pt * 0.9:.1f}pt; margin: 0 0 10px 0; }}
    p.display {{ margin: 10px 0 10px 0; }}
    p.hidden {{ color: {c.muted}; margin-top: 20px; }}
    span.hint {{ color: {c.muted}; }}
    span.tag {{ color: {c.accent}; }}
    code {{ font-family: monospace; background-color: {c.code_bg}; }}
    pre {{ font-family: monospace; background-color: {c.code_bg}; padding: 8px; white-space: pre-wrap; }}
    blockquote {{ color: {c.muted}; margin: 4px 0 8px 16px; }}
    th {{ font-weight: 600; text-align: left; }}
    th, td {{ padding: 2px 8px 2px 0; }}
    mark {{ background-color: {c.mark}; color: {c.text}; }}
    a {{ color: {c.accent}; text-decoration: none; }}
    {code_css(c.code_bg)}
    """


class RichView(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._follow)
        self._html = ""
        self._title = TITLE
        self._math: tuple[MathSpan, ...] = ()
        self._widest_formula = 0.0  # px, at full size, in the last render
        self._typeset_for = 0.0  # the column width the formulas were last fitted to
        self._refit = QTimer(self, singleShot=True, interval=120)  # re-typeset once resizing settles
        self._refit.timeout.connect(lambda: self._refresh(keep_scroll=True))

    def show_html(self, html: str, math: tuple[MathSpan, ...] = ()) -> None:
        self._html, self._math = html, math
        self._refresh(keep_scroll=False)

    def _follow(self, url: QUrl) -> None:
        """A web link in an answer or note opens in the system browser; app links are the owner's."""
        if url.scheme() in EXTERNAL_SCHEMES:
            QDesktopServices.openUrl(url)

    def restyle(self) -> None:
        """Re-render after a theme change: formula colours follow the text colour."""
        self._refresh(keep_scroll=True)

    def set_title_size(self, factor: float) -> None:
        """The title's size over the reading size: a short pane keeps its room for the answer."""
        if factor != self._title:
            self._title = factor
            self._refresh(keep_scroll=True)

    def _refresh(self, keep_scroll: bool) -> None:
        c = theme.current()
        doc = QTextDocument(self)
        doc.setDefaultStyleSheet(document_css(c, self._title))
        dpr = max(self.devicePixelRatioF(), 1.0)
        column = self._column_width()
        font = QFont(self.font())
        font.setPointSizeF(theme.reading_pt())
        typeset = embed_formulas(doc, self._html, self._math, font=font, color=c.text, dpr=dpr, column=column)
        self._widest_formula, self._typeset_for = typeset.widest, column
        set_html(doc, typeset)
        scroll = self.verticalScrollBar().value()
        self.setDocument(doc)
        self._fit_measure()
        self.verticalScrollBar().setValue(scroll if keep_scroll else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_measure()
        # Only when the size a formula gets would change: most answers' formulas fit either way.
        if min(self._widest_formula, self._column_width()) != min(self._widest_formula, self._typeset_for):
            if self.isVisible():
                self._refit.start()  # while the user drags, once it settles
            else:
                self._refresh(keep_scroll=True)  # being laid out before it is shown: fit now, no flicker

    def _column_width(self) -> float:
        """Room for a formula: the text column (see _fit_measure), less a bullet's indent."""
        return min(MAX_MEASURE, self.viewport().width() - 40) - LIST_INDENT

    def _fit_measure(self) -> None:
        """Centre a column of at most MAX_MEASURE px so long lines stay readable."""
        width = self.viewport().width()
        side = max(20.0, (width - MAX_MEASURE) / 2)
        root = self.document().rootFrame()
        fmt: QTextFrameFormat = root.frameFormat()
        if abs(fmt.leftMargin() - side) > 0.5:
            fmt.setLeftMargin(side)
            fmt.setRightMargin(side)
            fmt.setTopMargin(16)
            fmt.setBottomMargin(24)
            root.setFrameFormat(fmt)
