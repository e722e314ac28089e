"""Every question's page, as Browse shows it, has each formula typeset: no `$` or `\\command` left in the prose."""

from __future__ import annotations

import re

from desktop.core.bank import load_bank
from desktop.paths import bundled
from desktop.ui.widgets.question_view import question_html


def test_no_question_page_shows_raw_latex() -> None:
    raw = []
    for q in load_bank(bundled("content")).questions:
        page, _math = question_html(q, "category", revealed=True)
        prose = re.sub(r"<pre.*?</pre>|<code>.*?</code>", "", page, flags=re.S)  # code may hold $ and \n
        text = re.sub(r"<[^>]+>", "", prose)
        if "$" in text or re.search(r"\\[A-Za-z]+", text):
            raw.append(q.id)
    assert raw == []
