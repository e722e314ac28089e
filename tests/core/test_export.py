from __future__ import annotations

import csv
import sqlite3
import zipfile
from pathlib import Path

from desktop.core import export as ex
from desktop.core.bank import Bank, Category, FollowUp, Question
from desktop.core.scheduler import Grade, SpacedRepetition

BANK = Bank(
    (Category("opt", "Optimization"), Category("trees", "Trees")),
    (
        Question(id="gd", category="opt", difficulty="easy", title="What is gradient descent?",
                 answer="Step along $-\\nabla L$ with rate $\\eta$.", key_points=("first", "second"),
                 tags=("optimization", "classic"), formula="$$\\theta_{t+1} = \\theta_t - \\eta g_t$$",
                 follow_ups=(FollowUp("Why?", "because"),)),
        Question(id="rf", category="trees", difficulty="hard", title="Why do forests work?",
                 answer="Averaging, with commas, \"quotes\"\nand a second line.", key_points=("var",)),
    ),
)


def test_selection_by_category_bookmark_and_weakest(sr: SpacedRepetition) -> None:
    assert [q.id for q in ex.select(BANK, sr, ex.Selection())] == ["gd", "rf"]
    assert [q.id for q in ex.select(BANK, sr, ex.Selection(category="trees"))] == ["rf"]
    sr.store.note_store.toggle_bookmark("gd")
    assert [q.id for q in ex.select(BANK, sr, ex.Selection(bookmarked=True))] == ["gd"]
    sr.grade("rf", Grade.AGAIN)
    assert [q.id for q in ex.select(BANK, sr, ex.Selection(weakest=1))] == ["rf"]


def test_notes_markdown_groups_notes_under_categories() -> None:
    text = ex.notes_markdown(BANK, {"rf": "Bagging + feature sampling.", "gd": "  "})
    assert "## Trees\n\n### Why do forests work?\n\nBagging + feature sampling." in text
    assert "Optimization" not in text  # an empty note is not exported
    assert ": 1 note." in text


def test_csv_round_trips_questions_notes_and_scheduling(tmp_path: Path, sr: SpacedRepetition) -> None:
    sr.grade("gd", Grade.GOOD)
    path = tmp_path / "out.csv"
    assert ex.write_csv(path, BANK, list(BANK.questions), {"rf": "my, note\nline two"}, sr) == 2
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # the BOM spreadsheets need to read UTF-8
    with path.open(newline="", encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert [r["id"] for r in rows] == ["gd", "rf"]
    assert (rows[0]["question"], rows[0]["category"], rows[0]["category_id"]) == (
        "What is gradient descent?", "Optimization", "opt")
    assert rows[1]["answer"] == BANK.questions[1].answer  # commas, quotes and newlines survive
    assert rows[1]["my_note"] == "my, note\nline two"
    assert rows[0]["key_points"].splitlines() == ["first", "second"]
    assert rows[0]["formula"] == "$$\\theta_{t+1} = \\theta_t - \\eta g_t$$"
    assert rows[0]["follow_ups"] == "Why? — because" and rows[0]["tags"] == "optimization classic"
    assert rows[0]["state"] == "learning" and rows[0]["reviews"] == "1" and rows[0]["due"]
    assert rows[1]["state"] == "new" and rows[1]["due"] == ""


def test_anki_math_uses_mathjax_delimiters() -> None:
    html = ex.to_anki_html("Inline $a_i$ and display $$\\sum_i x_i$$ here")
    assert "\\(a_i\\)" in html and "\\[\\sum_i x_i\\]" in html and "<img" not in html


def test_anki_package_is_a_real_deck(tmp_path: Path) -> None:
    path = tmp_path / "deck.apkg"
    assert ex.write_anki(path, BANK, list(BANK.questions), {"gd": "remember **momentum**"}) == 2
    with zipfile.ZipFile(path) as z:
        assert "collection.anki2" in z.namelist()
        z.extract("collection.anki2", tmp_path)
    db = sqlite3.connect(tmp_path / "collection.anki2")
    notes = db.execute("SELECT flds, tags FROM notes ORDER BY id").fetchall()
    assert len(notes) == 2
    fields = {row[0].split("\x1f")[-1]: row[0].split("\x1f") for row in notes}
    gd = fields["gd"]
    assert gd[0] == "What is gradient descent?"
    assert "\\(-\\nabla L\\)" in gd[1] and "\\[\\theta_{t+1}" in gd[3]
    assert "<strong>momentum</strong>" in gd[4]  # the user's note is a field
    assert any("classic" in tags for _f, tags in notes)
    models = db.execute("SELECT models FROM col").fetchone()[0]
    assert "My notes" in models and "Key points" in models


def test_a_design_case_exports_its_walkthrough_and_rubric_to_csv(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import csv

    from desktop.core import export as exports
    from desktop.core.bank import Question
    from desktop.core.scheduler import SpacedRepetition
    from desktop.core.store import DB_NAME, Store

    case = Question(id="design-x", category="cases", difficulty="hard", title="Design X?", answer="A summary.",
                    key_points=("one", "two", "three"), tags=("case-study",),
                    walkthrough="**Clarify**: who uses it?", rubric=("States a latency budget", "Names a baseline"))
    path = tmp_path / "x.csv"
    exports.write_csv(path, BANK, [case], {}, SpacedRepetition(Store.open(tmp_path / DB_NAME)))
    with path.open(encoding="utf-8-sig", newline="") as f:
        row = next(csv.DictReader(f))
    assert row["walkthrough"] == "**Clarify**: who uses it?"
    assert row["rubric"].splitlines() == ["States a latency budget", "Names a baseline"]


def test_notes_only_on_questions_no_longer_in_the_bank_are_still_something_to_export() -> None:
    chosen = list(BANK.questions)
    assert ex.nothing_to_export("notes", ex.Selection(), chosen, {"gone-deck-q": "kept"}) is None
    assert ex.nothing_to_export("notes", ex.Selection(category="trees"), chosen[1:], {"gone-deck-q": "kept"}) == (
        "Nothing to export: none of these questions has a note yet. Nothing was written.")
