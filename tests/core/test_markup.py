from __future__ import annotations

import re

from desktop.core.markup import MIN_CONTRAST, code_css, contrast, math_spans, plain_text, text_with_math, to_html


def squash(html: str) -> str:
    return re.sub(r"\s*\n\s*", "", html)


def test_math_is_extracted_before_markdown_so_underscores_survive() -> None:
    r = to_html("The weight $w_i$ and *emphasis* and $$\\sum_{i} x_i^2$$ here.")
    assert [(m.latex, m.display) for m in r.math] == [("w_i", False), ("\\sum_{i} x_i^2", True)]
    assert '<img src="math:0">' in r.html and '<img src="math:1">' in r.html
    assert "<em>emphasis</em>" in r.html
    assert "w_i" not in r.html  # raw LaTeX never reaches the page


def test_money_and_escaped_dollars_are_not_math() -> None:
    assert math_spans("It costs $5 and $ 6 per unit") == []
    r = to_html("A \\$10 fee")
    assert r.math == () and "$10" in r.html


def test_lists_code_and_fences() -> None:
    r = to_html("Intro\n\n- one `a*b*c`\n- two **bold**\n\n1. first\n2. second\n\n```python\nx = 1 < 2\n```")
    assert "<ul><li>one <code>a*b*c</code></li><li>two <strong>bold</strong></li></ul>" in squash(r.html)
    assert "<ol><li>first</li><li>second</li></ol>" in squash(r.html)
    code = re.search(r'<pre class="code">(.*)</pre>', r.html, re.S)
    assert code is not None
    assert re.sub(r"<[^>]+>", "", code.group(1)) == "x = 1 &lt; 2"  # the text is intact...
    assert '<span class="mi">1</span>' in code.group(1)  # ...and its tokens are classed for colour


def test_multiline_display_math_is_one_formula() -> None:
    spans = math_spans("$$\na + b\n= c\n$$")
    assert len(spans) == 1 and spans[0].display and "a + b" in spans[0].latex


def test_html_is_escaped() -> None:
    assert "&lt;script&gt;" in to_html("<script>alert(1)</script>").html


def test_highlight_marks_word_prefixes_outside_tags() -> None:
    r = to_html("Regularization reduces variance; see **regularized** models.", ("regul",))
    assert r.html.count("<mark>") == 2
    assert "<mark>Regularization</mark>" in r.html


def test_highlight_never_marks_inside_code() -> None:
    r = to_html("`regularize()` and regularize", ("regul",))
    assert r.html.count("<mark>") == 1 and "<code>regularize()</code>" in r.html


def test_plain_text_drops_markup() -> None:
    assert plain_text("**Bias** is `x` and $$y=1$$ - done") == "Bias is x and - done"


def test_bold_italic_nests_properly() -> None:
    html = to_html("***x***").html
    assert html in ("<p><em><strong>x</strong></em></p>", "<p><strong><em>x</em></strong></p>")


def test_python_dunders_stay_names() -> None:
    html = to_html("Override __init__ and __call__, but __bold text__ is still bold").html
    assert "__init__" in html and "__call__" in html
    assert "<strong>bold text</strong>" in html


def test_links_tables_nested_lists_blockquotes_and_escapes() -> None:
    html = squash(to_html(
        "See [the paper](https://arxiv.org/abs/1706.03762).\n\n"
        "| model | params |\n|---|---|\n| BERT-base | 110M |\n\n"
        "- outer\n  - inner\n\n> quoted\n\n\\*not italic\\*"
    ).html)
    assert '<a href="https://arxiv.org/abs/1706.03762">the paper</a>' in html
    assert "<td>BERT-base</td><td>110M</td>" in html
    assert "<li>outer<ul><li>inner</li></ul></li>" in html
    assert "<blockquote><p>quoted</p></blockquote>" in html
    assert "*not italic*" in html and "<em>not" not in html


def test_unsafe_links_are_not_made_clickable() -> None:
    assert "href" not in to_html("[x](javascript:alert(1))").html


def test_note_headings_sit_below_the_page_sections() -> None:
    assert to_html("# Mine").html == "<h3>Mine</h3>"


def test_code_colours_reach_aa_contrast_on_both_theme_backgrounds() -> None:
    light_bg, dark_bg = "#f2f1ec", "#2e3238"  # theme.LIGHT.code_bg, theme.DARK.code_bg
    light, dark = code_css(light_bg), code_css(dark_bg)
    assert light != dark
    for css, bg in ((light, light_bg), (dark, dark_bg)):
        colours = re.findall(r"^\.[\w-]+ \{ color: (#[0-9a-f]{6})", css, re.M)
        assert len(colours) > 20 and re.search(r"^\.k \{", css, re.M)
        worst = min(contrast(c, bg) for c in colours)
        assert worst >= MIN_CONTRAST, f"a token colour has contrast {worst:.2f} on {bg}"


def test_a_formula_opening_a_line_that_ends_in_a_digit_is_still_math() -> None:
    # A key point such as this one once came out raw.
    assert [m.latex for m in math_spans("$\\hat p = 0.12$, standard error about 0.0103")] == ["\\hat p = 0.12"]


def test_a_key_point_shows_its_code_as_code_not_backticks() -> None:
    """Checklists (Quiz, Mock review) show key points as lines of text: `code` is set in code, the rest as typed."""
    line = text_with_math("A missing `zero_grad()` with $x_1$ and *literal* <b>")
    assert "<code>zero_grad()</code>" in line.html and "`" not in line.html
    assert "*literal* &lt;b&gt;" in line.html and line.math[0].latex == "x_1"
