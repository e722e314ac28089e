"""The CSV both ways: what the export writes, the import reads back exactly; spreadsheets' own files too."""

from __future__ import annotations

import csv
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from desktop.core import export as exports
from desktop.core.bank import KEBAB, Bank, Category, FollowUp, Question, load_bank, parse_question
from desktop.core.deck_csv import CSV_COLUMNS, QUESTION_COLUMNS, read_csv, spreadsheet_safe, unguard
from desktop.core.importer import ImportFailed, deck_roots, import_path, render_question
from desktop.core.scheduler import SpacedRepetition
from tests.conftest import bundled_bank

EMPTY = Bank((), ())


def same(a: Question, b: Question) -> bool:
    """Equal in everything a question says (where its file lies and that it was imported aside)."""
    return replace(a, path="", source="") == replace(b, path="", source="")


def export_then_import(bank: Bank, questions: list[Question], sr: SpacedRepetition, into: Bank = EMPTY) -> Bank:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "export.csv"
        exports.write_csv(path, bank, questions, {}, sr)
        result = import_path(path, Path(tmp) / "data", into)
        return load_bank(result.folder)


# Text a spreadsheet user might type or paste: formula starters, quotes, separators, tabs, TeX, dashes.
_chars = st.one_of(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\x85"),
                   st.sampled_from(list("=+-@'\",;\t$\\#*_|—–λ≤ `~")))
_text = st.text(_chars, min_size=1, max_size=24)
# Starts that mean something to a spreadsheet (=, @, '), to Markdown (- , * , #) or to the CSV's lists (- ).
_line = st.builds(lambda start, rest: (start + rest).strip(), st.sampled_from(["", "", "- ", "* ", "=", "'", "-", "@", "# "]),
                  _text).filter(bool)
_block = st.lists(st.one_of(_line, st.just("")), min_size=1, max_size=4).map("\n".join).map(str.strip).filter(bool)
# Tags and ids as the regexes [A-Za-z0-9_.+#-]{1,8}(::[A-Za-z0-9_.+#-]{1,8}){0,2} and [a-z0-9]{1,6}(-[a-z0-9]{1,6}){0,2}
# say, built from parts: st.from_regex drew the same strings at several times the cost of the test itself.
_LOWER = "abcdefghijklmnopqrstuvwxyz0123456789"
_tag = st.lists(st.text(_LOWER + _LOWER[:26].upper() + "_.+#-", min_size=1, max_size=8), min_size=1,
                max_size=3).map("::".join)
_kebab = st.lists(st.text(_LOWER, min_size=1, max_size=6), min_size=1, max_size=3).map("-".join)


@st.composite
def questions(draw: st.DrawFn) -> list[Question]:
    ids = draw(st.lists(_kebab, min_size=1, max_size=3, unique=True))
    out = []
    for qid in ids:
        out.append(Question(
            id=qid, category=draw(st.sampled_from(["cat-a", "cat-b"])),
            difficulty=draw(st.sampled_from(["easy", "medium", "hard"])), title=draw(_line), answer=draw(_block),
            key_points=tuple(draw(st.lists(_line, min_size=1, max_size=6))),
            tags=tuple(draw(st.lists(_tag, max_size=3, unique_by=str.casefold))), source="imported",
            formula=draw(st.one_of(st.just(""), _block)), pitfalls=tuple(draw(st.lists(_line, max_size=3))),
            follow_ups=tuple(draw(st.lists(st.builds(FollowUp, _line, st.one_of(st.just(""), _line)), max_size=2))),
            code=draw(st.one_of(st.just(""), _block)), walkthrough=draw(st.one_of(st.just(""), _block)),
            rubric=tuple(draw(st.lists(_line, max_size=3)))))
    return out


def bank_holds(q: Question) -> bool:
    """The bank's own format can hold it: written out and read back, it is the same question."""
    back, problems = parse_question(render_question(q), "q.md", {q.category}, q.category)
    return not problems and back is not None and same(back, q)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(questions())
def test_export_then_import_reproduces_every_question_exactly(sr: SpacedRepetition, drawn: list[Question]) -> None:
    assume(all(bank_holds(q) for q in drawn))
    bank = Bank((Category("cat-a", "=Cat, \"A\""), Category("cat-b", "Cat; B — λ")), tuple(drawn))
    back = export_then_import(bank, drawn, sr)
    assert back.problems == ()
    for q in drawn:
        got = back.get(q.id)
        assert got is not None and same(got, q), (q, got)
        assert back.category(q.category) == bank.category(q.category)  # id and title


def test_the_whole_bundled_bank_exported_imports_back_unchanged(sr: SpacedRepetition) -> None:
    bundled = bundled_bank()
    back = export_then_import(bundled, list(bundled.questions), sr)
    assert back.problems == () and len(back.questions) == len(bundled.questions)
    assert [q.id for q in bundled.questions if not same(q, back.get(q.id))] == []  # type: ignore[arg-type]
    assert [(c.id, c.title) for c in back.categories] == [(c.id, c.title) for c in bundled.categories]


def test_the_apps_own_export_imports_beside_the_bank_with_the_decks_name_on_taken_ids(sr: SpacedRepetition) -> None:
    bundled = bundled_bank()
    chosen = bundled.in_category("fundamentals")[:3]
    back = export_then_import(bundled, chosen, sr, into=bundled)
    assert [q.id for q in back.questions] == [f"export-{q.id}" for q in chosen]
    assert [c.title for c in back.categories] == ["Fundamentals (export)"]
    for q, got in zip(chosen, back.questions):
        assert same(replace(got, id=q.id, category=q.category), q)


def test_key_points_holding_a_pipe_stay_whole(sr: SpacedRepetition) -> None:
    bundled = bundled_bank()
    piped = [q for q in bundled.questions if any("|" in k for k in q.key_points)]
    assert piped  # the bank has some, e.g. E[ε | X] = 0
    back = export_then_import(bundled, piped, sr)
    assert all(same(back.get(q.id), q) for q in piped)  # type: ignore[arg-type]


def test_the_export_is_spreadsheet_friendly(tmp_path: Path, sr: SpacedRepetition) -> None:
    q = Question(id="ls", category="c", difficulty="easy", title="=SUM(A1) is it a formula?", answer="λ ≤ 1 – yes",
                 key_points=("- a leading dash", "plain"), tags=("ML::basics",))
    path = tmp_path / "out.csv"
    exports.write_csv(path, Bank((Category("c", "Cat"),), (q,)), [q], {}, sr)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and "λ ≤ 1 – yes".encode() in raw  # the BOM; UTF-8 throughout
    with path.open(encoding="utf-8-sig", newline="") as f:
        header, row = list(csv.reader(f))[:2]
    assert tuple(header) == CSV_COLUMNS and CSV_COLUMNS[: len(QUESTION_COLUMNS)] == QUESTION_COLUMNS
    cells = dict(zip(header, row))
    assert cells["question"] == "'=SUM(A1) is it a formula?"  # shown as text, not run
    assert cells["key_points"] == "'- - a leading dash\n- plain"  # guarded, and bulleted so the dash survives
    assert cells["tags"] == "ML::basics"
    plain = tmp_path / "plain.csv"
    exports.write_csv(plain, Bank((Category("c", "Cat"),), (q,)), [q], {}, sr, bom=False)
    assert plain.read_bytes().startswith(b"id,")


@pytest.mark.parametrize("cell", ["=1+1", "+x", "-x", "@x", "\tx", "'quoted", "''", "'=x", "plain", "'", ""])
def test_the_spreadsheet_guard_is_undone_exactly(cell: str) -> None:
    assert unguard(spreadsheet_safe(cell)) == cell


@pytest.mark.parametrize(("text", "delimiter"), [
    ("\ufeffQuestion;Answer;Category;Tags\nWas ist MLE?;Parameter, die die Daten am wahrscheinlichsten machen.;"
     "Statistik;stats ML::basics\n", "semicolon"),  # Excel in a German locale: semicolons and a BOM
    ("question\tanswer\tcategory\tkey points\nWhat is MLE?\tPick the likeliest parameters, then stop.\tStats\t"
     "\"likeliest parameters\nnot a prior\"\n", "tab"),
    ("title,answer,category\nWhat is MLE?,\"Pick the likeliest parameters; a, b.\",Stats\n", "comma"),  # old export
])
def test_semicolon_tab_and_comma_files_are_told_apart(tmp_path: Path, text: str, delimiter: str) -> None:
    src = tmp_path / "deck.csv"
    src.write_text(text, encoding="utf-8")
    read = read_csv(src, "deck")
    q = read.questions[0]
    assert q.title in ("Was ist MLE?", "What is MLE?") and q.answer.startswith(("Parameter", "Pick"))
    if delimiter == "semicolon":
        assert q.tags == ("stats", "ML::basics") and read.categories == [Category("statistik", "Statistik")]
    if delimiter == "tab":
        assert q.key_points == ("likeliest parameters", "not a prior")


def test_a_cell_that_would_break_the_question_is_made_safe_or_named(tmp_path: Path) -> None:
    src = tmp_path / "deck.csv"
    src.write_text('question,answer,category\nQ one?,"Intro\n## Details\nmore",Cat\n', encoding="utf-8")
    q = read_csv(src, "deck").questions[0]
    assert q.answer == "Intro\n### Details\nmore"  # a sub-heading, not a new section
    src.write_text('question,answer,category\nQ one?,A.,Cat\nQ two?,"```\ncode never closed",Cat\n', encoding="utf-8")
    with pytest.raises(ImportFailed, match=r"deck\.csv:3: the answer opens a code block"):
        read_csv(src, "deck")
    src.write_text("id,question,answer,category\nsame,Q one?,A.,Cat\nsame,Q two?,B.,Cat\n", encoding="utf-8")
    with pytest.raises(ImportFailed, match=r"deck\.csv:3: the id 'same' is also on line 2"):
        read_csv(src, "deck")
    src.write_text("id,question,answer,category\nNot Kebab,Q?,A.,Cat\n", encoding="utf-8")
    with pytest.raises(ImportFailed, match=r"deck\.csv:2: id 'Not Kebab' must be lowercase words"):
        read_csv(src, "deck")


def test_the_same_csv_imported_again_updates_its_deck(tmp_path: Path) -> None:
    src = tmp_path / "cards.csv"
    data = tmp_path / "data"
    src.write_text("question,answer,category\nWhat is a widget?,A small thing.,Gadgets\n", encoding="utf-8")
    first = import_path(src, data, EMPTY)
    src.write_text("question,answer,category\nWhat is a widget?,\"A small, useful thing.\",Gadgets\n"
                   "What is a gizmo?,A bigger thing.,Gadgets\n", encoding="utf-8")
    again = import_path(src, data, load_bank(Path("nowhere"), deck_roots(data)))
    assert again.folder == first.folder and (again.updated, again.questions) == (1, 2)
    assert load_bank(again.folder).get("what-is-a-widget").answer == "A small, useful thing."  # type: ignore[union-attr]
    other = tmp_path / "other.csv"  # another file sharing a title is its own deck, not an update
    other.write_text("question,answer,category\nWhat is a widget?,Mine.,Gadgets\n", encoding="utf-8")
    third = import_path(other, data, load_bank(Path("nowhere"), deck_roots(data)))
    assert third.name == "other" and third.renamed == {"what-is-a-widget": "other-what-is-a-widget"}
    assert KEBAB.match(third.categories[0])


@given(st.lists(st.sampled_from(["a", "b,c", '"q"', "\n", "\r", "\r\n", "\n\r", " "]), max_size=12).map("".join))
def test_the_import_splits_lines_as_a_file_opened_with_newline_empty_would(text: str) -> None:
    # text_lines replaces io.StringIO(text, newline="") (one long GIL-holding step on a big file): csv must
    # see the same lines, so quoted cells across lines and old Mac '\r' files read as before.
    import io

    from desktop.core.import_common import text_lines

    assert list(text_lines(text)) == list(io.StringIO(text, newline=""))
    assert list(csv.reader(text_lines(text))) == list(csv.reader(io.StringIO(text, newline="")))
