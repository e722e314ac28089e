"""A formula's layout: glyphs of the math font and rules, in ems, the same from the bundled table as
typeset on the spot."""

from __future__ import annotations

import pytest

from desktop.core import formulas


def test_a_formula_becomes_glyphs_of_the_math_font_and_a_fraction_bar() -> None:
    formula = formulas.typeset_now(r"\frac{a}{b} + x^2", display=True)
    assert formula is not None
    assert len(formula.glyphs) == 5  # a, b, +, x, 2
    assert len(formula.rules) == 1  # the fraction bar
    fraction_bar = formula.rules[0]
    assert fraction_bar.width > 0 and fraction_bar.y < 0  # above the baseline, on the maths axis
    a, b = formula.glyphs[0], formula.glyphs[1]
    assert a.y < 0 < b.y  # the numerator sits above the baseline, the denominator below
    superscript = formula.glyphs[-1]
    assert superscript.size < 1 and superscript.y < 0  # the 2 is smaller and raised
    assert formula.ascent > 0 and formula.descent > 0 and formula.width > 3 * formulas.MARGIN
    assert all(0 <= g.x < formula.width for g in formula.glyphs)


def test_a_layout_holds_at_every_size_because_it_is_in_ems() -> None:
    small = formulas.typeset_now(r"\sum_i w_i x_i", display=False)
    assert small is not None
    assert formulas.REFERENCE_SIZE == 1000.0  # typeset large, so thousandths of an em lose nothing visible
    assert max(g.size for g in small.glyphs) <= 1.5


def test_a_stretched_delimiter_built_from_parts_comes_as_an_outline() -> None:
    formula = formulas.typeset_now(r"\lVert x \rVert^2", display=False)
    assert formula is not None and len(formula.outlines) >= 2  # ziamath assembles ‖ from parts: no glyph number
    commands = {command for outline in formula.outlines for command, _ in outline}
    assert commands <= {"M", "L", "Q", "C", "Z"} and "M" in commands


def test_latex_that_cannot_be_typeset_gives_none() -> None:
    assert formulas.typeset_now(r"\frac{", display=False) is None


def test_the_bundled_table_and_typesetting_on_the_spot_agree() -> None:
    table = formulas.bundled_table()
    assert table, "resources/formulas.json is missing or made by other library versions"
    key = next(iter(table))
    display, latex = key.startswith("D "), key[2:]
    assert formulas.typeset(latex, display) == formulas.typeset_now(latex, display)


def test_a_formula_not_in_the_table_is_typeset_when_asked_for() -> None:
    latex = r"\alpha_{\mathrm{not\ in\ the\ bank}}"
    assert formulas.missing([(latex, False)]) == [(latex, False)]
    assert formulas.typeset(latex, display=False) is not None


@pytest.mark.parametrize("stale", [{"typesetter": "ziamath 0.0", "format": 1, "formulas": {"I x": []}},
                                   {"typesetter": "now", "format": 0, "formulas": {"I x": []}}, ["not", "a", "table"]])
def test_a_table_from_other_versions_is_ignored_not_misread(stale, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import json

    if isinstance(stale, dict) and stale["typesetter"] == "now":
        stale["typesetter"] = formulas.typesetter()
    (tmp_path / formulas.TABLE_NAME).write_text(json.dumps(stale), encoding="utf-8")
    monkeypatch.setattr("desktop.paths.resources_dir", lambda: tmp_path)
    formulas.bundled_table.cache_clear()
    try:
        assert formulas.bundled_table() == {}
    finally:
        formulas.bundled_table.cache_clear()


def test_the_math_font_is_found_without_importing_ziamath() -> None:
    import subprocess
    import sys
    from pathlib import Path

    code = ("import sys; from desktop.core.formulas import math_font_path; path = math_font_path(); "
            "print(path); print('ziamath' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).parents[2]).stdout.split("\n")
    import ziamath.fonts

    assert Path(out[0]) == Path(next(iter(ziamath.fonts.__path__))) / formulas.MATH_FONT
    assert out[1] == "False"  # a printout whose formulas are all in the table never pays for ziamath's import
