"""Exports show an exercise's statement, starter and solution (as its code), never its hidden tests;
an imported exercise keeps all three sections."""

from __future__ import annotations

import csv
import sqlite3
import zipfile
from pathlib import Path

from desktop.core import export as ex
from desktop.core.bank import Bank, Category, Question, parse_question
from desktop.core.importer import render_question
from desktop.core.scheduler import SpacedRepetition

HIDDEN = "HIDDEN_TEST_MARKER"
EXERCISE = Question(
    id="square", category="coding", difficulty="easy", title="Square a number", answer="Multiply it by itself.",
    key_points=("x * x",), tags=("numpy",),
    starter='def square(x):\n    """Returns x squared."""\n    raise NotImplementedError\n',
    solution="def square(x):\n    return x * x  # <reference>\n",
    tests=f"from solution import square\n\n\ndef test_{HIDDEN.lower()}():\n    assert square(2) == 4  # {HIDDEN}\n",
    time_limit=3, memory_limit_mb=256)
BANK = Bank((Category("coding", "Coding"),), (EXERCISE,))


def test_csv_carries_the_whole_exercise_so_it_imports_back(tmp_path: Path, sr: SpacedRepetition) -> None:
    """The CSV is the user's full copy of the bank (it round-trips), so unlike the study exports it keeps
    the tests; the solution goes in the code column."""
    from desktop.core.deck_csv import read_csv

    path = tmp_path / "out.csv"
    ex.write_csv(path, BANK, [EXERCISE], {}, sr)
    with path.open(newline="", encoding="utf-8-sig") as f:
        row = next(csv.DictReader(f))
    assert row["question"] == "Square a number" and row["starter"] == EXERCISE.starter
    assert row["code"] == EXERCISE.solution and HIDDEN in row["tests"]
    [back] = read_csv(path, "deck").questions
    assert back.is_exercise
    assert (back.starter, back.solution, back.tests, back.time_limit) == (
        EXERCISE.starter, EXERCISE.solution, EXERCISE.tests, EXERCISE.time_limit)


def test_notes_markdown_puts_starter_and_solution_under_the_note() -> None:
    text = ex.notes_markdown(BANK, {"square": "Remember broadcasting."})
    assert "### Square a number\n\nRemember broadcasting.\n\n**Starter**\n\n```python\ndef square(x):" in text
    assert "**Solution**\n\n```python\ndef square(x):\n    return x * x  # <reference>\n```" in text
    assert HIDDEN.lower() not in text.lower()


def test_anki_card_shows_the_starter_in_front_and_the_solution_behind(tmp_path: Path) -> None:
    path = tmp_path / "deck.apkg"
    ex.write_anki(path, BANK, [EXERCISE], {})
    with zipfile.ZipFile(path) as z:
        z.extract("collection.anki2", tmp_path)
    db = sqlite3.connect(tmp_path / "collection.anki2")
    fields = dict(zip(ex.ANKI_FIELDS, db.execute("SELECT flds FROM notes").fetchone()[0].split("\x1f"), strict=True))
    assert fields["Starter"].startswith("<pre>def square(x):") and "raise NotImplementedError" in fields["Starter"]
    assert fields["Code"] == "<pre>def square(x):\n    return x * x  # &lt;reference&gt;\n</pre>"
    models = db.execute("SELECT models FROM col").fetchone()[0]
    assert "{{#Starter}}" in models and "{{#Code}}" in models
    assert HIDDEN.lower() not in " ".join(fields.values()).lower()


def test_an_imported_exercise_keeps_its_code_tests_and_limits() -> None:
    again, problems = parse_question(render_question(EXERCISE), "square.md")
    assert problems == [] and again is not None
    assert (again.starter, again.solution, again.tests) == (EXERCISE.starter, EXERCISE.solution, EXERCISE.tests)
    assert (again.time_limit, again.memory_limit_mb) == (3, 256) and again.is_exercise
