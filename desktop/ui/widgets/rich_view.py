"""A read-only reading view: our Markdown subset as HTML, formulas typeset, a comfortable measure."""

from __future__ import annotations

from PySide6.QtCore import QTimer, QUrl
from PySide6.QtGui import QResizeEvent, QTextDocument, QTextFrameFormat
from PySide6.QtWidgets import QTextBrowser, QWidget

from desktop.core.markup import MATH_SCHEME, MathSpan
from desktop.ui import theme
from desktop.ui.widgets import math as mathimg

MAX_MEASURE = 720  # px of text per line: about 80-90 characters at the reading size
MIN_FORMULA_SCALE = 0.6  # a formula wider than the column is typeset smaller, down to this; then it scrolls
LIST_INDENT = 24  # px a bullet's text sits in from the column's edge


def document_css(c: theme.Colors) -> str:
    # The size lives in the CSS: an application style sheet re-polishes widgets and would undo setFont().
    return f"""
    body {{ color: {c.text}; font-size: {theme.reading_pt():.1f}pt; }}
    p.title {{ font-size: 16pt; font-weight: 600; margin: 0 0 6px 0; }}
    p.section {{ font-size: 12pt; font-weight: 600; color: {c.accent}; margin: 18px 0 4px 0; }}
    h3, h4, h5, h6 {{ font-size: 11.5pt; font-weight: 600; margin: 12px 0 2px 0; }}
    p {{ margin: 4px 0 8px 0; line-height: 140%; }}
    li {{ margin: 2px 0 4px 0; line-height: 135%; }}
    p.meta {{ color: {c.muted}; margin: 0 0 10px 0; }}
    p.display {{ margin: 10px 0 10px 0; }}
    p.hidden {{ color: {c.muted}; margin-top: 20px; }}
    span.hint {{ color: {c.muted}; }}
    span.tag {{ color: {c.accent}; }}
    code {{ font-family: monospace; background-color: {c.code_bg}; }}
    pre {{ font-family: monospace; background-color: {c.code_bg}; padding: 8px; white-space: pre-wrap; }}
    mark {{ background-color: {c.mark}; color: {c.text}; }}
    a {{ color: {c.accent}; text-decoration: none; }}
    """


class RichView(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self._html = ""
        self._math: tuple[MathSpan, ...] = ()
        self._widest_formula = 0.0  # px, at full size, in the last render
        self._typeset_for = 0.0  # the column width the formulas were last fitted to
        self._refit = QTimer(self, singleShot=True, interval=120)  # re-typeset once resizing settles
        self._refit.timeout.connect(lambda: self._refresh(keep_scroll=True))

    def show_html(self, html: str, math: tuple[MathSpan, ...] = ()) -> None:
        self._html, self._math = html, math
        self._refresh(keep_scroll=False)

    def restyle(self) -> None:
        """Re-render after a theme change: formula colours follow the text colour."""
        self._refresh(keep_scroll=True)

    def _refresh(self, keep_scroll: bool) -> None:
        c = theme.current()
        doc = QTextDocument(self)
        doc.setDefaultStyleSheet(document_css(c))
        dpr = max(self.devicePixelRatioF(), 1.0)
        html = self._html
        column = self._column_width()
        self._typeset_for, self._widest_formula = column, 0.0
        for i, span in enumerate(self._math):
            size = theme.reading_pt() * 4 / 3 * (1.15 if span.display else 1.0)  # pt -> px; display a touch larger
            image = mathimg.render(span.latex, size=size, color=c.text, inline=not span.display, dpr=dpr)
            src = f'<img src="{MATH_SCHEME}:{i}">'
            if image is None:  # never show raw LaTeX: say it plainly instead
                html = html.replace(src, '<span class="hint">[formula could not be typeset]</span>')
                continue
            natural = image.width() / dpr
            self._widest_formula = max(self._widest_formula, natural)
            if natural > column:  # typeset it smaller (crisp, unlike scaling the picture) so it fits
                scale = max(MIN_FORMULA_SCALE, column / natural)
                image = mathimg.render(span.latex, size=size * scale, color=c.text, inline=not span.display,
                                       dpr=dpr) or image
            doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(f"{MATH_SCHEME}:{i}"), image)
            w, h = image.width() / dpr, image.height() / dpr
            sized = f'<img src="{MATH_SCHEME}:{i}" width="{w:.0f}" height="{h:.0f}" style="vertical-align: middle">'
            html = html.replace(src, sized)
        doc.setHtml(f"<body>{html}</body>")
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
