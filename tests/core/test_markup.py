from __future__ import annotations

from desktop.core.markup import math_spans, plain_text, to_html


def test_math_is_extracted_before_markdown_so_underscores_survive() -> None:
    r = to_html("The weight $w_i$ and *emphasis* and $$\\sum_{i} x_i^2$$ here.")
    assert [(m.latex, m.display) for m in r.math] == [("w_i", False), ("\\sum_{i} x_i^2", True)]
    assert '<img src="math:0">' in r.html and '<img src="math:1">' in r.html
    assert "<i>emphasis</i>" in r.html
    assert "w_i" not in r.html  # raw LaTeX never reaches the page


def test_money_and_escaped_dollars_are_not_math() -> None:
    assert math_spans("It costs $5 and $ 6 per unit") == []
    r = to_html("A \\$10 fee")
    assert r.math == () and "$10" in r.html


def test_lists_code_and_fences() -> None:
    r = to_html("Intro\n\n- one `a*b*c`\n- two **bold**\n\n1. first\n2. second\n\n```python\nx = 1 < 2\n```")
    assert "<ul><li>one <code>a*b*c</code></li><li>two <b>bold</b></li></ul>" in r.html
    assert "<ol><li>first</li><li>second</li></ol>" in r.html
    assert "<pre>x = 1 &lt; 2</pre>" in r.html


def test_multiline_display_math_is_one_formula() -> None:
    spans = math_spans("$$\na + b\n= c\n$$")
    assert len(spans) == 1 and spans[0].display and "a + b" in spans[0].latex


def test_html_is_escaped() -> None:
    assert "&lt;script&gt;" in to_html("<script>alert(1)</script>").html


def test_highlight_marks_word_prefixes_outside_tags() -> None:
    r = to_html("Regularization reduces variance; see **regularized** models.", ("regul",))
    assert r.html.count("<mark>") == 2
    assert "<mark>Regularization</mark>" in r.html


def test_plain_text_drops_markup() -> None:
    assert plain_text("**Bias** is `x` and $$y=1$$ - done") == "Bias is x and - done"
