"""Anki decks come in as clean questions: both package generations, the plain-text export, updates by GUID."""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

import genanki
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from desktop.core.anki_html import field_markdown
from desktop.core.anki_import import question_id
from desktop.core.backups import tidy_leftovers
from desktop.core.bank import Bank, Category, Question, load_bank
from desktop.core.importer import DECKS_DIR, ImportCancelled, ImportFailed, deck_roots, import_path
from desktop.core.search import Filter, SearchIndex

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "anki"
EMPTY = Bank((), ())
BASIC = genanki.Model(1607392319, "Basic", fields=[{"name": "Front"}, {"name": "Back"}],
                      templates=[{"name": "Card 1", "qfmt": "{{Front}}", "afmt": "{{Back}}"}])
RIDGE_BACK = ("<div>The strength of the \\(L_2\\) penalty \\(\\lambda \\|w\\|_2^2\\), with \\(\\lambda &gt; 0\\)."
              "</div><div>Larger&nbsp;&lambda; &rarr; smaller weights. A GPU hour costs $3, not $30.</div>")


def genanki_deck(path: Path, tmp: Path, ridge_back: str = RIDGE_BACK, extra: bool = False) -> Path:
    """A legacy package (collection.anki2), as genanki and older Anki versions write it."""
    basics = genanki.Deck(2059400110, "ML::Basics")
    deep = genanki.Deck(2059400111, "ML::Deep")
    basics.add_note(genanki.Note(BASIC, ["What is the <b>bias–variance</b> tradeoff?",
                                         "Expected error splits into <i>bias</i>, variance &amp; noise:<br>"
                                         "\\[\\mathrm{Bias}^2 + \\mathrm{Var} + \\sigma^2\\]"
                                         "<ul><li>High bias: <b>underfits</b></li><li>High variance: overfits</li></ul>"],
                                 tags=["ML::basics", "exam"], guid="g-bias"))
    basics.add_note(genanki.Note(BASIC, ["What does \\(\\lambda\\) control in ridge?", ridge_back],
                                 tags=["ML::regularization"], guid="g-ridge"))
    deep.add_note(genanki.Note(BASIC, ["Sketch a ReLU", '<img src="relu.png"><br>It is \\(\\max(0, x)\\).'],
                               tags=["ML::deep"], guid="g-relu"))
    deep.add_note(genanki.Note(genanki.CLOZE_MODEL, ["{{c1::Dropout}} zeroes activations.", ""], guid="g-cloze"))
    deep.add_note(genanki.Note(BASIC, ['<img src="only.png">', "An answer to a picture."], guid="g-picture"))
    if extra:
        deep.add_note(genanki.Note(BASIC, ["What is AdamW?", "Adam with decoupled weight decay."], guid="g-adamw"))
    image = tmp / "relu.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n")
    package = genanki.Package([basics, deep])
    package.media_files = [str(image)]
    package.write_to_file(str(path))
    return path


def test_a_genanki_deck_becomes_clean_questions_in_its_deck_categories(tmp_path: Path) -> None:
    src = genanki_deck(tmp_path / "ML cards.apkg", tmp_path)
    with zipfile.ZipFile(src) as z:
        assert "collection.anki2" in z.namelist() and "collection.anki21b" not in z.namelist()  # the legacy format
    result = import_path(src, tmp_path / "data", EMPTY)
    assert (result.name, result.questions, result.categories) == ("ml-cards", 3, ("ml-basics", "ml-deep"))
    assert result.left_out == ("1 cloze note", "1 note with no text on the front",
                               "1 media file (images, sounds)")
    deck = load_bank(result.folder)
    assert deck.problems == ()
    assert [c.title for c in deck.categories] == ["ML › Basics", "ML › Deep"]
    bias = deck.get(question_id("g-bias"))
    assert bias is not None and bias.category == "ml-basics" and bias.difficulty == "medium"
    assert bias.title == "What is the **bias–variance** tradeoff?"
    assert bias.answer == ("Expected error splits into *bias*, variance & noise:\\\n"
                           "$$\\mathrm{Bias}^2 + \\mathrm{Var} + \\sigma^2$$\n\n"
                           "- High bias: **underfits**\n- High variance: overfits")
    assert bias.key_points == ("High bias: **underfits**", "High variance: overfits")  # the back's own list
    assert bias.tags == ("ML::basics", "exam")  # the hierarchy kept, not flattened to ml-basics
    ridge = deck.get(question_id("g-ridge"))
    assert ridge is not None and ridge.title == "What does $\\lambda$ control in ridge?"
    assert ridge.answer == ("The strength of the $L_2$ penalty $\\lambda \\|w\\|_2^2$, with $\\lambda > 0$.\n\n"
                            "Larger λ → smaller weights. A GPU hour costs \\$3, not \\$30.")
    assert ridge.key_points[0] == "The strength of the $L_2$ penalty $\\lambda \\|w\\|_2^2$, with $\\lambda > 0$."
    relu = deck.get(question_id("g-relu"))
    assert relu is not None and relu.answer == "*(image not imported: relu.png)*\\\nIt is $\\max(0, x)$."
    assert relu.key_points == ("It is $\\max(0, x)$.",)  # the image's marker is no point to recall


def test_extra_fields_join_the_answer_and_key_points_or_formula_fields_fill_their_sections(tmp_path: Path) -> None:
    model = genanki.Model(1607392320, "ML card", fields=[{"name": n} for n in
                                                          ("Front", "Back", "Key points", "Formula", "Source")],
                          templates=[{"name": "Card 1", "qfmt": "{{Front}}", "afmt": "{{Back}}"}])
    deck = genanki.Deck(2059400112, "Stats")
    deck.add_note(genanki.Note(model, ["What is MLE?", "The parameters that make the data most likely.",
                                       "<ul><li>likelihood</li><li>argmax</li></ul>", r"\[\hat\theta = \arg\max_\theta "
                                       r"L(\theta)\]", "Lecture 3"], guid="g-mle"))
    deck.add_note(genanki.Note(model, ["Nothing behind me?", "", "", "", ""], guid="g-empty"))
    genanki.Package(deck).write_to_file(str(tmp_path / "stats.apkg"))
    result = import_path(tmp_path / "stats.apkg", tmp_path / "data", EMPTY)
    assert result.left_out == ("1 note with an empty back",)
    q = load_bank(result.folder).questions[0]
    assert q.answer == "The parameters that make the data most likely.\n\n**Source**\n\nLecture 3"
    assert q.key_points == ("likelihood", "argmax") and q.formula == "$$\\hat\\theta = \\arg\\max_\\theta L(\\theta)$$"


def test_a_collection_that_unpacks_too_big_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("desktop.core.anki_import.MAX_COLLECTION_BYTES", 64 * 1024)  # a zip bomb stops here
    with pytest.raises(ImportFailed, match="the collection unpacks to more than"):
        import_path(FIXTURES / "ml-deck.apkg", tmp_path / "data", EMPTY)


@pytest.mark.parametrize(("fixture", "collection"), [
    ("ml-deck.apkg", "collection.anki21b"),  # Anki 2.1.50+: zstd-compressed, schema 18
    ("ml-deck-legacy.apkg", "collection.anki21"),  # "Support older Anki versions": schema 11, uncompressed
])
def test_packages_written_by_anki_itself_import_the_same_questions(tmp_path: Path, fixture: str,
                                                                   collection: str) -> None:
    src = FIXTURES / fixture
    with zipfile.ZipFile(src) as z:
        assert collection in z.namelist()
        if collection.endswith("21b"):
            assert z.read(collection)[:4] == b"\x28\xb5\x2f\xfd"  # the zstd magic: it really is the new format
    result = import_path(src, tmp_path / "data", EMPTY)
    assert result.left_out == ("1 cloze note", "1 image-occlusion note",
                               "2 media files (images, sounds)")
    deck = load_bank(result.folder)
    assert deck.problems == () and len(deck.questions) == 4
    by_title = {q.title: q for q in deck.questions}
    assert set(by_title) == {"What is the **bias–variance** tradeoff?", "What does $\\lambda$ control in ridge regression?",
                             "Sketch a ReLU", "Adam"}  # the reversed note is one question, not two
    bias = by_title["What is the **bias–variance** tradeoff?"]
    assert bias.id == question_id("mlb-bias-var") and bias.category == "ml-basics"
    assert "$$\\mathbb{E}[(y-\\hat f(x))^2] = \\mathrm{Bias}^2 + \\mathrm{Var} + \\sigma^2$$" in bias.answer
    assert by_title["Adam"].tags == ("ML::deep::optim",) and by_title["Adam"].category == "ml-deep"
    assert "\\$3, not \\$30" in by_title["What does $\\lambda$ control in ridge regression?"].answer


def test_a_collection_package_reads_like_a_deck_package(tmp_path: Path) -> None:
    src = tmp_path / "collection.colpkg"  # File → Export → Anki Collection Package: the same zip layout
    src.write_bytes((FIXTURES / "ml-deck.apkg").read_bytes())
    assert import_path(src, tmp_path / "data", EMPTY).questions == 4


def test_notes_in_plain_text_import_like_the_package(tmp_path: Path) -> None:
    src = FIXTURES / "ml-deck.txt"
    assert src.read_text(encoding="utf-8").startswith("#separator:tab\n#html:true\n#guid column:1\n")
    from_text = load_bank(import_path(src, tmp_path / "a", EMPTY).folder)
    from_package = load_bank(import_path(FIXTURES / "ml-deck.apkg", tmp_path / "b", EMPTY).folder)
    strip = lambda bank: sorted((q.id, q.category, q.title, q.answer, q.key_points, q.tags) for q in bank.questions)  # noqa: E731
    assert strip(from_text) == strip(from_package)  # the GUID column gives the same ids
    assert [c.title for c in from_text.categories] == ["ML › Basics", "ML › Deep"]


def test_plain_text_without_html_or_headers_is_read_as_tab_separated_text(tmp_path: Path) -> None:
    src = tmp_path / "old export.txt"
    src.write_text("Is 2 < 3?\tYes: 2 < 3, and $5 is money.\tmaths\n", encoding="utf-8")
    result = import_path(src, tmp_path / "data", EMPTY)
    q = load_bank(result.folder).questions[0]
    assert (q.title, q.answer) == ("Is 2 < 3?", "Yes: 2 < 3, and \\$5 is money.\n\nmaths")
    assert load_bank(result.folder).categories[0].title == "Old export"


def test_importing_the_deck_again_updates_it_in_place_by_guid(tmp_path: Path) -> None:
    data = tmp_path / "data"
    first = import_path(FIXTURES / "ml-deck.apkg", data, EMPTY)
    ridge_id = question_id("mlb-ridge")
    before = load_bank(first.folder)
    renamed = tmp_path / "ML (1).apkg"  # a browser renames a second download: the GUIDs still find the deck
    renamed.write_bytes((FIXTURES / "ml-deck-v2.apkg").read_bytes())
    again = import_path(renamed, data, load_bank(Path("nowhere"), deck_roots(data)))
    assert again.folder == first.folder and [p.name for p in deck_roots(data)] == ["ml-deck"]
    assert (again.questions, again.updated, again.kept) == (5, 4, 0)
    assert again.summary() == "Updated the deck 'ml-deck': 4 questions updated, 1 added."
    after = load_bank(again.folder)
    assert after.problems == () and {q.id for q in before.questions} < {q.id for q in after.questions}
    ridge = after.get(ridge_id)
    assert ridge is not None and ridge.answer == "The weight of the $L_2$ penalty; larger $\\lambda$ shrinks weights."
    assert after.get(question_id("mlb-adamw")) is not None
    assert not list((data / DECKS_DIR).glob(".*"))  # no staging or replaced folder left behind


def test_a_genanki_deck_imported_again_updates_and_keeps_what_the_new_file_lacks(tmp_path: Path) -> None:
    data = tmp_path / "data"
    import_path(genanki_deck(tmp_path / "ml.apkg", tmp_path, extra=True), data, EMPTY)
    edited = genanki_deck(tmp_path / "ml.apkg", tmp_path, ridge_back="Shrinks the weights.")  # AdamW deleted in Anki
    again = import_path(edited, data, load_bank(Path("nowhere"), deck_roots(data)))
    assert (again.updated, again.kept) == (3, 1)
    deck = load_bank(again.folder)
    assert deck.get(question_id("g-ridge")).answer == "Shrinks the weights."  # type: ignore[union-attr]
    assert deck.get(question_id("g-adamw")) is not None  # kept, as Anki keeps notes a package no longer has


def test_an_update_killed_between_its_two_renames_is_put_back_at_the_next_start(tmp_path: Path) -> None:
    data = tmp_path / "data"
    result = import_path(FIXTURES / "ml-deck.apkg", data, EMPTY)
    aside = result.folder.with_name(".replaced-" + result.folder.name)
    result.folder.replace(aside)  # the old deck moved aside, then the app died
    tidy_leftovers(data, now_s=aside.stat().st_mtime + 3600)
    assert deck_roots(data) == [result.folder] and len(load_bank(result.folder).questions) == 4


def test_a_deck_whose_category_clashes_with_the_bank_gets_the_decks_name(tmp_path: Path) -> None:
    bank = Bank((Category("ml-basics", "ML basics"),), (Question(id="x", category="ml-basics", difficulty="easy",
                                                                title="X?", answer="a", key_points=("k",)),))
    result = import_path(FIXTURES / "ml-deck.apkg", tmp_path / "data", bank)
    assert result.categories == ("ml-deck-ml-basics", "ml-deep")


@pytest.mark.parametrize(("content", "message"), [
    (b"not a zip at all", "not an Anki package"),
    (None, "no Anki collection inside"),
    (b"zstd", "cannot be unpacked"),
    (b"sqlite", "not a readable Anki database"),
])
def test_a_broken_package_says_what_is_wrong_and_imports_nothing(tmp_path: Path, content: bytes | None,
                                                                 message: str) -> None:
    src = tmp_path / "broken.apkg"
    if content is None:
        with zipfile.ZipFile(src, "w") as z:
            z.writestr("media", "{}")
    elif content == b"zstd":
        with zipfile.ZipFile(src, "w") as z:
            z.writestr("collection.anki21b", b"\x28\xb5\x2f\xfd garbage")
    elif content == b"sqlite":
        with zipfile.ZipFile(src, "w") as z:
            z.writestr("collection.anki2", b"SQLite format 3\x00" + b"\x00" * 200)
    else:
        src.write_bytes(content)
    with pytest.raises(ImportFailed, match=message):
        import_path(src, tmp_path / "data", EMPTY)
    assert deck_roots(tmp_path / "data") == []


def test_a_package_over_the_note_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("desktop.core.anki_import.MAX_QUESTIONS", 3)
    with pytest.raises(ImportFailed, match="more than 3 notes; a deck can hold at most 3"):
        import_path(FIXTURES / "ml-deck.apkg", tmp_path / "data", EMPTY)


def test_cancel_stops_an_anki_import_and_leaves_nothing(tmp_path: Path) -> None:
    with pytest.raises(ImportCancelled):
        import_path(FIXTURES / "ml-deck.apkg", tmp_path / "data", EMPTY, cancelled=lambda: True)
    decks = tmp_path / "data" / DECKS_DIR
    assert not decks.exists() or list(decks.iterdir()) == []


def test_a_collection_whose_notes_view_calls_a_forbidden_function_is_refused(tmp_path: Path) -> None:
    db_path = tmp_path / "collection.anki2"
    db = sqlite3.connect(db_path)
    db.executescript("""
        CREATE TABLE col (models TEXT, decks TEXT);
        INSERT INTO col VALUES ('{}', '{}');
        CREATE TABLE cards (nid, did, odid, ord);
        CREATE VIEW notes AS SELECT 1 AS id, 'g' AS guid, 1 AS mid, '' AS tags,
                                    load_extension('/nonexistent') AS flds;
    """)
    db.close()
    src = tmp_path / "hostile.apkg"
    with zipfile.ZipFile(src, "w") as z:
        z.write(db_path, "collection.anki2")
    with pytest.raises(ImportFailed, match="not a readable Anki database"):
        import_path(src, tmp_path / "data", EMPTY)


@pytest.mark.parametrize(("html", "markdown"), [
    ("a<br>b<br><br>c", "a\\\nb\n\nc"),
    ("<ol><li>one</li><li>two<ul><li>sub</li></ul></li></ol>", "1. one\n2. two\n   - sub"),
    ("<h2>Heading</h2>body", "**Heading**\n\nbody"),  # a '## ' line would start a new section
    ("Tom &amp; Jerry &lt;3 &quot;q&quot; &nbsp;x", 'Tom & Jerry <3 "q" x'),
    ("[$]x^2[/$] and [$$]\\int f[/$$]", "$x^2$ and $$\\int f$$"),
    ("\\(a &lt; b<br>\\)", "$a < b$"),  # the editor's entities and line breaks inside a formula
    ("x_1 * y", "x\\_1 \\* y"),
    ("hear [sound:clip.mp3]", "hear *(sound not imported: clip.mp3)*"),
    ("<pre>def f():\n    # not a heading\n    return 1</pre>", "```\ndef f():\n    # not a heading\n    return 1\n```"),
])
def test_html_becomes_markdown(html: str, markdown: str) -> None:
    assert field_markdown(html).markdown == markdown


def test_nested_tags_filter_under_their_parent_whatever_the_case() -> None:
    q = Question(id="a", category="c", difficulty="easy", title="T?", answer="A.", key_points=("k",),
                 tags=("ML::deep::optim",))
    bank = Bank((Category("c", "C"),), (q,))
    assert bank.tags() == ["ML", "ML::deep", "ML::deep::optim"]
    index = SearchIndex()
    index.add(bank.questions)
    assert index.search("", Filter(tag="ml")) == ["a"] and index.search("", Filter(tag="ML::deep")) == ["a"]
    assert index.search("", Filter(tag="ML::dee")) == [] and index.search("optim") == ["a"]


def test_markdownify_and_zstandard_load_only_when_an_anki_deck_is_read(tmp_path: Path) -> None:
    """They cost about 0.25 s to import (BeautifulSoup most of it): the app, a CSV import and exports never pay."""
    import subprocess
    import sys

    from tests.conftest import REPO

    src = tmp_path / "cards.csv"
    src.write_text("question,answer,category\nQ?,A.,Cat\n", encoding="utf-8")
    heavy = "('markdownify', 'bs4', 'zstandard')"
    code = ("import sys; from pathlib import Path; import desktop.app, desktop.cli, desktop.core.export; "
            "from desktop.core.importer import import_path; from desktop.core.bank import Bank; "
            f"import_path(Path({str(src)!r}), Path({str(tmp_path / 'data')!r}), Bank((), ())); "
            f"print([m for m in {heavy} if m in sys.modules]); "
            f"import_path(Path({str(FIXTURES / 'ml-deck.apkg')!r}), Path({str(tmp_path / 'data')!r}), Bank((), ())); "
            f"print([m for m in {heavy} if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60, check=True)
    assert out.stdout.split("\n")[:2] == ["[]", "['markdownify', 'bs4', 'zstandard']"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.characters(blacklist_characters="<\x00", blacklist_categories=("Cs",)),
                          st.sampled_from(["&amp;", "&lt;", "&nbsp;", "\\(x_1\\)", "$", "*", "_", "- ", "\n",
                                           "\\", "\\\n", " \n", "\r"])),  # backslashes by line breaks
                max_size=40).map("".join), st.booleans())
@example("\\&nbsp;\n0", True)  # found by hypothesis: a title's backslash, a space, then the line break
@example("\\\\\n", True)  # found by hypothesis: two backslashes ending a title's only line
@example("\\\n\\", True)  # and a backslash on each side of a title's line break
def test_a_field_without_tags_converts_as_markdownify_would(text: str, title: bool) -> None:
    """Tag-free fields (most of them) skip BeautifulSoup, about 2 ms a field; the result must not differ."""
    fast = field_markdown(text, title=title).markdown
    parsed = field_markdown(f"<span>{text}</span>", title=title).markdown
    assert " ".join(fast.split()) == " ".join(parsed.split())


SOFTMAX_ANSWER = ("Use **vectorised** NumPy, not loops:\n\n"
                  "```python\nimport numpy as np\n\ndef softmax(x):\n    e = np.exp(x - x.max())\n    return e / e.sum()\n```"
                  "\n\nThen check it in SQL:\n\n```sql\nSELECT * FROM t WHERE a < 3;\n```\n\n"
                  "A fence without a language stays one:\n\n```\nplain text\n```\n\n"
                  "And $a_i < b$ holds, with\n\n$$\\sum_i p_i = 1$$\n\n- one *point*\n- two `code` points")


def test_an_exported_deck_comes_back_as_it_left_its_notes_apart_from_the_answers(tmp_path: Path) -> None:
    """Export → import of the app's own .apkg: the same title, answer (its code fences' languages too, or the
    highlighting is lost), key points, category and difficulty; the user's note is not part of the answer but
    comes back as the note of the question it was written on (or of its copy, when that one is gone)."""
    from desktop.core import export as exports

    coding = Category("coding-from-scratch", "Coding from scratch")
    softmax = Question(id="stable-softmax", category=coding.id, difficulty="hard",
                       title="How do you write a stable `softmax`?", answer=SOFTMAX_ANSWER,
                       key_points=("subtract the max", "divide by the sum"), tags=("numpy", "ML::basics"))
    gone = Question(id="gone-question", category=coding.id, difficulty="easy", title="From a deck removed since?",
                    answer="Short.", key_points=("short",))
    notes = {softmax.id: "Remember the **max** trick:\n\n```python\nx - x.max()\n```", gone.id: "kept anyway"}
    src = tmp_path / "mine.apkg"
    exports.write_anki(src, Bank((coding,), (softmax, gone)), [softmax, gone], notes)
    here = Bank((coding,), (softmax,))  # the bank it is imported into still holds the first question
    result = import_path(src, tmp_path / "data", here)
    deck = load_bank(result.folder)
    assert deck.problems == ()
    back = deck.get(question_id(genanki.guid_for(softmax.id)))
    assert back is not None
    assert back.answer == SOFTMAX_ANSWER  # ```python and ```sql, not bare ``` fences; no "My notes" in it
    assert (back.title, back.key_points, back.difficulty, back.tags) == (
        softmax.title, softmax.key_points, "hard", softmax.tags)
    # Its category, under the deck's name since the bank holds one of that id already (as for any deck)
    assert [(c.id, c.title) for c in deck.categories] == [("mine-coding-from-scratch", "Coding from scratch (mine)")]
    assert back.category == "mine-coding-from-scratch"
    elsewhere = load_bank(import_path(src, tmp_path / "fresh", EMPTY).folder)  # a bank without it: as it left
    assert [(c.id, c.title) for c in elsewhere.categories] == [(coding.id, coding.title)]
    assert {q.answer for q in elsewhere.questions} == {SOFTMAX_ANSWER, "Short."}
    gone_copy = question_id(genanki.guid_for(gone.id))
    assert all("kept anyway" not in q.answer and "My notes" not in q.answer for q in deck.questions)
    # The notes, to be restored: on the question they were written on where the bank has it, else on the copy.
    assert result.notes == {softmax.id: notes[softmax.id], gone_copy: "kept anyway"}


@pytest.mark.parametrize(("html", "markdown"), [
    ('<pre class="code language-python">x = 1</pre>', "```python\nx = 1\n```"),  # this app's export
    ('<pre><code class="language-sql">SELECT 1;</code></pre>', "```sql\nSELECT 1;\n```"),  # highlight.js, Markdown tools
    ('<pre class="lang-c++">int x;</pre>', "```c++\nint x;\n```"),
    ('<pre class="language-`x` y">z</pre>', "```\nz\n```"),  # nothing that could end the fence's line
])
def test_a_code_blocks_language_class_becomes_its_fences_language(html: str, markdown: str) -> None:
    assert field_markdown(html).markdown == markdown
