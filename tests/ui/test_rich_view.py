"""The reading view: a formula wider than the column is typeset smaller instead of scrolling sideways."""

from __future__ import annotations

from desktop.core.markup import to_html
from desktop.ui.widgets.rich_view import RichView
from desktop.ui.widgets.typeset import MIN_FORMULA_SCALE

WIDE = "$$" + " + ".join(f"\\beta_{{{i}}} x_{{{i}}}" for i in range(1, 9)) + "$$"  # about 500 px at full size


def formula_width(view: RichView) -> float:
    image = view.document().resource(2, "math:0")  # 2: QTextDocument.ImageResource
    return image.width() / image.devicePixelRatio()


def show(qtbot, width: int) -> RichView:  # type: ignore[no-untyped-def]
    view = RichView()
    qtbot.addWidget(view)
    view.resize(width, 400)
    view.show()
    rendered = to_html(WIDE)
    view.show_html(rendered.html, rendered.math)
    return view


def test_a_wide_formula_is_typeset_to_fit_a_narrow_column(qtbot) -> None:  # type: ignore[no-untyped-def]
    wide_view = show(qtbot, 1000)
    natural = formula_width(wide_view)
    assert wide_view.horizontalScrollBar().maximum() == 0

    narrow = show(qtbot, 420)
    assert formula_width(narrow) < natural  # smaller, re-typeset rather than squeezed
    assert formula_width(narrow) >= natural * MIN_FORMULA_SCALE - 1
    assert narrow.horizontalScrollBar().maximum() == 0


def test_widening_the_view_brings_the_formula_back_to_full_size(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = show(qtbot, 420)
    small = formula_width(view)
    view.resize(1000, 400)
    qtbot.waitUntil(lambda: formula_width(view) > small, timeout=2000)
    assert view.horizontalScrollBar().maximum() == 0


def test_a_design_case_shows_its_walkthrough_and_rubric_after_the_key_points() -> None:
    from desktop.core.bank import Question
    from desktop.ui.widgets.question_view import question_html

    case = Question(id="design-x", category="ml-system-design", difficulty="hard", title="Design X?",
                    answer="A summary.", key_points=("one", "two", "three"), tags=("case-study",),
                    walkthrough="**Clarify**: who uses it and how often?", rubric=("States a latency budget",))
    page, _math = question_html(case, "ML system design", revealed=True)
    assert page.index("Key points") < page.index("Walkthrough") < page.index("Rubric")
    assert "<b>Clarify</b>" in page or "<strong>Clarify</strong>" in page
    assert "States a latency budget" in page
    hidden, _ = question_html(case, "ML system design", revealed=False)
    assert "Walkthrough" not in hidden and "Rubric" not in hidden


LONG_CODE = "```python\ndef f(x):\n    return " + " + ".join(f"weights[{i}] * features[{i}]" for i in range(30)) + "\n```"


def test_long_code_wraps_inside_its_box_and_keywords_are_coloured(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QTextCursor

    view = RichView()
    qtbot.addWidget(view)
    view.resize(500, 400)
    view.show()
    rendered = to_html("Some prose first.\n\n" + LONG_CODE)
    view.show_html(rendered.html, rendered.math)
    assert view.horizontalScrollBar().maximum() == 0  # the answer never scrolls sideways

    text = view.document().toPlainText()
    cursor = QTextCursor(view.document())
    cursor.setPosition(text.index("def") + 1)
    keyword = cursor.charFormat().foreground().color().name()
    cursor.setPosition(text.index("weights") + 1)
    name = cursor.charFormat().foreground().color().name()
    assert keyword != name  # highlighted: 'def' is not drawn like an ordinary name


def test_a_web_link_opens_in_the_system_browser(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()) or True)
    view = RichView()
    qtbot.addWidget(view)
    rendered = to_html("See [the paper](https://arxiv.org/abs/1706.03762).")
    view.show_html(rendered.html, rendered.math)
    view.anchorClicked.emit(QUrl("https://arxiv.org/abs/1706.03762"))
    view.anchorClicked.emit(QUrl("action:reveal"))  # the app's own links are not the browser's
    assert opened == ["https://arxiv.org/abs/1706.03762"]
