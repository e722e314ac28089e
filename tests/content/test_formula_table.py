"""Every formula of the bundled bank is typeset ahead of time (resources/formulas.json), so a PDF of the
whole bank spends no time in the typesetter. After editing formulas, rebuild the table:

    python -m desktop.core.formulas --build
"""

from __future__ import annotations

from desktop.core import formulas
from desktop.paths import content_dir

REBUILD = "rebuild it: python -m desktop.core.formulas --build"


def test_the_formula_table_holds_every_formula_of_the_bank_and_nothing_else() -> None:
    spans = formulas.bank_spans(content_dir())
    missing = formulas.missing(spans)
    assert not missing, f"{len(missing)} formulas are not in resources/formulas.json, e.g. {missing[0]}; {REBUILD}"
    extra = set(formulas.bundled_table()) - {formulas.key(*span) for span in spans}
    assert not extra, f"{len(extra)} formulas in resources/formulas.json are no longer in the bank; {REBUILD}"
