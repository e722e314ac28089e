from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.bank import Bank, Category, Question, load_bank, parse_question
from desktop.core.importer import DECKS_DIR, ImportFailed, deck_roots, import_path, render_question

BUNDLED = Bank((Category("fundamentals", "Fundamentals"),),
               (Question(id="bias-variance-tradeoff", category="fundamentals", difficulty="medium",
                         title="What is the bias-variance tradeoff?", answer="a", key_points=("k",)),))


def test_render_question_reads_back_the_same() -> None:
    q = BUNDLED.questions[0]
    from desktop.core.bank import parse_question

    back, problems = parse_question(render_question(q), "x.md", ["fundamentals"], "fundamentals")
    assert problems == [] and back is not None
    assert (back.id, back.title, back.answer, back.key_points) == (q.id, q.title, q.answer, q.key_points)


def test_ids_made_from_accented_titles_keep_their_letters(tmp_path: Path) -> None:
    """'Çat' once became the category 'at': the accented letter was dropped with its accent."""
    src = tmp_path / "Fächer für Öl.csv"
    src.write_text("question,answer,category\nÇa va Ångström?,Oui.,Çat\nWhat does Straße mean?,Street.,Çat\n"
                   "Что это?,A question in Russian.,Русский\n", encoding="utf-8")
    result = import_path(src, tmp_path / "data", BUNDLED)
    assert result.name == "facher-fur-ol"
    deck = load_bank(result.folder)
    assert deck.problems == ()
    assert ("cat", "Çat") in [(c.id, c.title) for c in deck.categories]
    assert sorted(q.id for q in deck.questions if q.category == "cat") == ["ca-va-angstrom", "what-does-strasse-mean"]
    (russian,) = (q for q in deck.questions if q.category != "cat")
    assert russian.title == "Что это?" and russian.category not in ("cat", "")  # a category of its own, as before


def test_csv_import_builds_a_deck_with_its_own_categories(tmp_path: Path) -> None:
    src = tmp_path / "My Cards.csv"
    src.write_text("Question,Answer,Category,Tags,Difficulty\n"
                   "What is a p-value?,The chance of data at least this extreme if the null holds. Not the "
                   "chance the null is true.,Stats,\"stats, testing\",hard\n"
                   "What is MLE?,Pick parameters that make the data most likely.,Stats,,\n", encoding="utf-8")
    result = import_path(src, tmp_path / "data", BUNDLED)
    assert (result.name, result.questions, result.categories) == ("my-cards", 2, ("stats",))
    bank = load_bank(Path("content-that-does-not-exist"), deck_roots(tmp_path / "data"))
    deck = load_bank(result.folder)
    assert deck.problems == ()
    q = deck.get("what-is-a-p-value")
    assert q is not None and q.difficulty == "hard" and q.tags == ("stats", "testing") and q.source == "imported"
    assert q.key_points == ("The chance of data at least this extreme if the null holds.",
                            "Not the chance the null is true.")
    assert deck.category("stats").title == "Stats"  # type: ignore[union-attr]
    assert bank.questions  # the deck loads next to a bank


def test_clashing_ids_and_categories_are_renamed_never_overwritten(tmp_path: Path) -> None:
    src = tmp_path / "mine"
    (src / "fundamentals").mkdir(parents=True)
    (src / "categories.yaml").write_text("- id: fundamentals\n  title: Fundamentals\n", encoding="utf-8")
    (src / "fundamentals" / "bias-variance-tradeoff.md").write_text(
        render_question(BUNDLED.questions[0]).replace("a\n\n## Key", "My own answer.\n\n## Key"), encoding="utf-8")
    result = import_path(src, tmp_path / "data", BUNDLED)
    assert result.renamed == {"bias-variance-tradeoff": "mine-bias-variance-tradeoff"}
    assert result.categories == ("mine-fundamentals",)
    deck = load_bank(result.folder)
    assert deck.get("mine-bias-variance-tradeoff").answer == "My own answer."  # type: ignore[union-attr]
    assert deck.category("mine-fundamentals").title == "Fundamentals (mine)"  # type: ignore[union-attr]
    # The same folder imported again, edited, over the bank it now belongs to: the deck is updated in place,
    # its question under the same renamed id (where notes and reviews are kept), not copied to 'mine-2'.
    (src / "fundamentals" / "bias-variance-tradeoff.md").write_text(
        render_question(BUNDLED.questions[0]).replace("a\n\n## Key", "My better answer.\n\n## Key"), encoding="utf-8")
    now = Bank(BUNDLED.categories + deck.categories, BUNDLED.questions + deck.questions)
    again = import_path(src, tmp_path / "data", now)
    assert (again.name, again.updated, again.renamed) == ("mine", 1, {"bias-variance-tradeoff":
                                                                       "mine-bias-variance-tradeoff"})
    assert [p.name for p in deck_roots(tmp_path / "data")] == ["mine"]
    assert load_bank(again.folder).get("mine-bias-variance-tradeoff").answer == "My better answer."  # type: ignore[union-attr]


def test_loose_markdown_files_join_one_category(tmp_path: Path) -> None:
    src = tmp_path / "loose"
    src.mkdir()
    (src / "q-one.md").write_text("---\nid: q-one\ndifficulty: easy\n---\n# One?\n\n## Answer\nA.\n\n"
                                  "## Key points\n- k\n", encoding="utf-8")
    result = import_path(src, tmp_path / "data", BUNDLED)
    assert result.categories == ("loose",) and result.questions == 1


@pytest.mark.parametrize(("name", "content", "message"), [
    ("bad.csv", "question,answer\nQ?,A.\n", "missing: category"),
    ("bad.csv", "question,answer,category\nQ?,,Cat\n", "bad.csv:2: every row needs"),
    ("bad.csv", "question,answer,category,difficulty\nQ?,A.,Cat,brutal\n", "difficulty must be"),
    ("bad.pdf", "hello", "choose a folder of question files"),
    ("bad.txt", "hello", r"bad.txt:1: cannot tell how the fields are separated"),
    ("bad.csv", "front|back\nQ?|A.\n", r"bad.csv:1: cannot tell how the columns are separated: the first row should "
                                       r"name the columns question, answer and category, separated by commas, "
                                       r"semicolons or tabs \(it reads 'front\|back'\)"),
])
def test_a_bad_file_gives_a_clear_message_and_imports_nothing(tmp_path: Path, name: str, content: str,
                                                              message: str) -> None:
    src = tmp_path / name
    src.write_text(content, encoding="utf-8")
    with pytest.raises(ImportFailed, match=message):
        import_path(src, tmp_path / "data", BUNDLED)
    assert deck_roots(tmp_path / "data") == []
    leftovers = list((tmp_path / "data" / DECKS_DIR).glob("*")) if (tmp_path / "data" / DECKS_DIR).exists() else []
    assert leftovers == []  # no staging folder left behind


def test_one_bad_file_in_a_folder_imports_none_of_it(tmp_path: Path) -> None:
    src = tmp_path / "deck"
    src.mkdir()
    (src / "good.md").write_text("---\nid: good\ndifficulty: easy\n---\n# Q?\n\n## Answer\nA.\n\n## Key points\n- k\n",
                                 encoding="utf-8")
    (src / "bad.md").write_text("---\nid: bad\ndifficulty: impossible\n---\n# Q?\n\n## Answer\nA.\n", encoding="utf-8")
    with pytest.raises(ImportFailed) as err:
        import_path(src, tmp_path / "data", BUNDLED)
    assert f"{src / 'bad.md'}:3: difficulty must be" in str(err.value)
    assert deck_roots(tmp_path / "data") == []


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=400))
def test_malformed_csv_never_crashes_the_importer(tmp_path: Path, text: str) -> None:
    src = tmp_path / "fuzz.csv"
    src.write_text("question,answer,category,tags\n" + text, encoding="utf-8")
    try:
        result = import_path(src, tmp_path / "data", BUNDLED)
    except ImportFailed as exc:
        assert str(exc)
    else:
        assert load_bank(result.folder).problems == ()


_md = st.lists(st.sampled_from(["---", "id: fz", "id: Bad Id", "difficulty: easy", "difficulty: 9", "tags: [",
                                "# Title?", "## Answer", "## Key points", "- point", "text", "```", "$$x$$",
                                "## Nope", "\x00", ""]), max_size=20).map("\n".join)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_md)
def test_malformed_markdown_never_crashes_the_importer(tmp_path: Path, text: str) -> None:
    src = tmp_path / "fuzzdeck"
    src.mkdir(exist_ok=True)
    (src / "fz.md").write_text(text, encoding="utf-8")
    try:
        result = import_path(src, tmp_path / "data", BUNDLED)
    except ImportFailed as exc:
        assert str(exc)
    else:
        assert load_bank(result.folder).problems == ()


def test_a_design_case_keeps_its_walkthrough_and_rubric_through_an_import() -> None:
    case = Question(id="design-x", category="cases", difficulty="hard", title="Design X?", answer="A summary.",
                    key_points=("one", "two", "three"), tags=("case-study",),
                    walkthrough="**Clarify**: who uses it?\n\n**Serving**: 40 ms budget.",
                    rubric=("States a latency budget", "Names a baseline"))
    back, problems = parse_question(render_question(case), "design-x.md", {"cases"}, "cases")
    assert problems == [] and back is not None
    assert (back.walkthrough, back.rubric) == (case.walkthrough, case.rubric)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_a_utf16_file_with_its_byte_order_mark_imports_as_written(tmp_path: Path, encoding: str) -> None:
    """Excel's "Unicode Text" and some Windows tools write UTF-16 with a byte-order mark: it said "not UTF-8"."""
    src = tmp_path / "unicode.tsv"
    text = "question\tanswer\tcategory\nWhy is ≤ in λ's bound?\tBecause λ ≥ 0 — see Müller.\tMaths\n"
    data = text.encode(encoding)
    src.write_bytes(data if encoding == "utf-16" else b"\xfe\xff" + data)  # "utf-16" writes its own BOM
    result = import_path(src, tmp_path / "data", BUNDLED)
    deck = load_bank(result.folder)
    assert deck.problems == () and result.questions == 1
    (q,) = deck.questions
    assert q.title == "Why is ≤ in λ's bound?" and "λ ≥ 0 — see Müller." in q.answer


@pytest.mark.parametrize("encoding", ["utf-16-le", "cp1252"])
def test_another_encoding_is_refused_with_the_advice_to_save_as_csv_utf8(tmp_path: Path, encoding: str) -> None:
    """Without a BOM nothing says what it is (Excel's plain "CSV" is cp1252 on Windows): refused, not guessed."""
    src = tmp_path / "excel.csv"
    src.write_bytes("question,answer,category\nWhat is café?,Coffee — black.,Misc\n".encode(encoding))
    with pytest.raises(ImportFailed, match="save it as CSV UTF-8"):
        import_path(src, tmp_path / "data", BUNDLED)
