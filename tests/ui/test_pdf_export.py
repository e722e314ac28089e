"""The PDF export, read back with pypdf as a reader's viewer or a search would see it."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop.core.bank import Bank, load_bank
from desktop.ui.pdf_export import ExportCancelled, write_pdf

SECTIONS = {"Answer", "Key points", "Formula", "Pitfalls", "Follow-ups", "Code", "My notes"}
LONG_CODE_LINE = ("    return np.where(labels[i] == predicted_labels, confusion_weights[i] * scale_factor, "
                  "fallback_weights[i] / normaliser)  # a comment that runs on well past any margin")
SENTENCES = ("Gradient steps follow the slope downhill.", "A smaller step is slower but steadier.",
             "Momentum carries speed through flat stretches.", "Regularisation keeps the weights small.")


def page_texts(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def words(text: str) -> str:
    return " ".join(text.split())  # pypdf puts tabs or line breaks between words; compare words only


def question_md(qid: str, category: str, title: str, answer: str, code: str = "", formula: str = "") -> str:
    sections = f"\n## Formula\n{formula}\n" if formula else ""
    sections += f"\n## Code\n```python\n{code}\n```\n" if code else ""
    return (f"---\nid: {qid}\ncategory: {category}\ndifficulty: medium\ntags: [{category}, drill]\n---\n"
            f"# {title}\n\n## Answer\n{answer}\n\n## Key points\n- first point of {qid}\n- second point\n"
            f"- third point\n\n## Pitfalls\n- a common slip in {qid}\n{sections}\n"
            "## Follow-ups\n- What next? — a hint\n")


@pytest.fixture(scope="module")
def bank(tmp_path_factory: pytest.TempPathFactory) -> Bank:
    """Three categories of questions of uneven length, so headings meet page ends in many places.
    Read-only (a Bank is frozen), so one for the module."""
    root = tmp_path_factory.mktemp("pdf") / "bank"
    categories = {"optimisation": "Optimisation", "trees": "Trees", "evaluation": "Evaluation"}
    (root).mkdir()
    (root / "categories.yaml").write_text(
        "".join(f"- id: {cid}\n  title: {title}\n" for cid, title in categories.items()), encoding="utf-8")
    n = 0
    for cid in categories:
        (root / cid).mkdir()
        for i in range(9):
            n += 1
            answer = " ".join(SENTENCES[(n + k) % 4] for k in range(3 + (n * 7) % 23))
            if n == 1:
                answer = "The loss $L(\\theta)$ shrinks as training proceeds. " + answer
            code = f"def f(labels, predicted_labels, i):\n{LONG_CODE_LINE}" if n == 5 else ""
            formula = "$$\\theta_{t+1} = \\theta_t - \\eta \\nabla L(\\theta_t)$$" if n % 3 == 0 else ""
            text = question_md(f"{cid}-{i}", cid, f"Drill question {n} on {categories[cid]}?", answer, code, formula)
            (root / cid / f"{cid}-{i}.md").write_text(text, encoding="utf-8")
    loaded = load_bank(root)
    assert loaded.problems == (), loaded.problems
    return loaded


@pytest.fixture(scope="module")
def full_export(qapp, bank: Bank,  # type: ignore[no-untyped-def]
                tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, tuple[tuple[str, int, int], ...]]:
    """The whole bank exported once in the full layout without notes, and the progress it reported: the
    tests below each read a different side of this same export (writing it takes seconds)."""
    path = tmp_path_factory.mktemp("pdf") / "full.pdf"
    seen: list[tuple[str, int, int]] = []
    assert write_pdf(path, bank, bank.questions, {}, progress=lambda *a: seen.append(a)) == len(bank.questions)
    return path, tuple(seen)


@pytest.fixture(scope="module")
def full_pdf(full_export: tuple[Path, tuple[tuple[str, int, int], ...]]) -> Path:
    return full_export[0]


@pytest.fixture(scope="module")
def full_texts(full_pdf: Path) -> tuple[str, ...]:
    """The text of each page of `full_pdf`, read once: pypdf takes about a second over the whole file, and
    the tests below only read it (a tuple, so none can change it for the next)."""
    return tuple(page_texts(full_pdf))


def test_text_is_selectable_and_formulas_are_font_glyphs_not_images(full_pdf: Path, full_texts: tuple[str, ...]) -> None:
    path = full_pdf
    reader = PdfReader(path)
    text = words(" ".join(full_texts))
    assert "The loss" in text and "shrinks as training proceeds." in text  # the words around an inline formula
    assert "\\theta" not in text and "$" not in text  # typeset, never raw LaTeX
    fonts = set()
    for page in reader.pages:
        resources = page["/Resources"]
        assert "/XObject" not in resources or not resources["/XObject"], "no images: formulas are vectors"
        fonts |= {str(f.get_object()["/BaseFont"]) for f in resources.get("/Font", {}).values()}
    assert any("STIXTwoMath" in f for f in fonts), fonts  # formulas drawn as glyphs of the embedded math font
    assert reader.metadata.title == "ML Interview Coach: questions and answers"


def test_the_outline_has_every_category_and_question_at_its_heading(bank: Bank, full_pdf: Path,
                                                                   full_texts: tuple[str, ...]) -> None:
    path = full_pdf
    reader = PdfReader(path)
    texts = full_texts
    contents, *rest = reader.outline
    assert contents.title == "Contents" and reader.get_destination_page_number(contents) == 0
    categories = rest[0::2]
    questions = rest[1::2]
    assert [c.title for c in categories] == ["Optimisation", "Trees", "Evaluation"]
    for category, children in zip(categories, questions, strict=True):
        page = reader.get_destination_page_number(category)
        assert words(texts[page]).startswith(category.title)  # each category starts a page with its heading
        assert len(children) == 9
        for child in children:
            assert child.title in words(texts[reader.get_destination_page_number(child)])
    assert sum(len(c) for c in questions) == len(bank.questions)


def test_the_contents_page_lists_each_category_at_its_page_and_links_there(bank: Bank, full_pdf: Path,
                                                                          full_texts: tuple[str, ...]) -> None:
    reader = PdfReader(full_pdf)
    front = words(full_texts[0])
    assert "Contents" in front and f"{len(bank.questions)} questions" in front
    pages = {c.title: reader.get_destination_page_number(c) for c in reader.outline[1::2]}
    for title, page in pages.items():
        assert re.search(f"{title} 9 questions {page + 1}\\b", front), (title, page + 1, front)
    page_refs = [p.indirect_reference for p in reader.pages]
    targets = sorted(page_refs.index(a.get_object()["/Dest"][0]) for a in reader.pages[0]["/Annots"])
    assert targets == sorted(pages.values())


def test_a_long_code_line_is_printed_whole(qapp, bank: Bank, full_texts: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    from desktop.ui import pdf_content
    from desktop.ui.pdf_document import STYLES, Body

    squeezed = re.sub(r"\s", "", " ".join(full_texts))
    assert re.sub(r"\s", "", LONG_CODE_LINE) in squeezed
    # and none of it runs past the margin (a PDF keeps text drawn outside the page, so the text alone
    # cannot tell): every laid-out line ends inside the column
    body = Body(pdf_content.build(bank, bank.questions, {}, "full"), STYLES["full"])
    widest, block = 0.0, body.doc.begin()
    while block.isValid():
        for i in range(block.layout().lineCount()):
            line = block.layout().lineAt(i)
            widest = max(widest, line.x() + line.naturalTextWidth())
        block = block.next()
    assert 0.8 * body.style.column_width < widest <= body.style.column_width


def test_the_cheat_sheet_puts_more_questions_on_a_page(qapp, bank: Bank, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    full, sheet = tmp_path / "full.pdf", tmp_path / "sheet.pdf"
    notes = {"trees-2": "Split on the **purest** child."}
    write_pdf(full, bank, bank.questions, notes)
    write_pdf(sheet, bank, bank.questions, notes, layout="cheat-sheet")

    def per_page(path: Path) -> float:
        reader = PdfReader(path)
        return len(bank.questions) / len(reader.pages)

    assert per_page(sheet) > 2 * per_page(full)
    text = words(" ".join(page_texts(sheet)))
    assert "first point of trees-2" in text and "Split on the purest child." in text  # key points, your note
    assert "Gradient steps follow the slope" not in text and "a common slip" not in text  # no answers, pitfalls
    reader = PdfReader(sheet)
    assert reader.metadata.title == "ML Interview Coach: cheat sheet"
    assert [c.title for c in reader.outline[0::2]] == ["Optimisation", "Trees", "Evaluation"]  # no contents page


def test_no_heading_is_left_at_the_end_of_a_page(bank: Bank, full_texts: tuple[str, ...]) -> None:
    titles = {q.title for q in bank.questions} | {"Optimisation", "Trees", "Evaluation"}
    pages = full_texts
    assert len(pages) >= 10
    for number, text in enumerate(pages, 1):
        lines = [words(line) for line in text.splitlines() if line.strip()]
        body = [line for line in lines  # less the footer: the document's title and category, "page / pages"
                if not line.startswith("ML Interview Coach") and not re.fullmatch(r"\d+ / \d+", line)]
        last = body[-1]
        assert last not in titles | SECTIONS and not last.startswith("Medium"), (number, last)


def test_no_heading_ends_a_column_of_the_cheat_sheet(qapp, bank: Bank) -> None:  # type: ignore[no-untyped-def]
    """Checked on the laid-out columns (pypdf reads a page's two columns as one text), at many column
    heights: each heading's last line shares its column with the first line of what follows it."""
    from dataclasses import replace

    from desktop.ui import pdf_content
    from desktop.ui.pdf_document import MM, STYLES, Body

    notes = {q.id: " ".join(SENTENCES * (1 + i % 3)) for i, q in enumerate(bank.questions)}
    content = pdf_content.build(bank, bank.questions, notes, "cheat-sheet")
    style = STYLES["cheat-sheet"]
    checked = 0
    for shorter in range(150, 230, 8):  # mm off each column: many column ends, in different places
        body = Body(content, replace(style, bottom=style.bottom + shorter * MM))
        layout = body.doc.documentLayout()
        block = body.doc.begin()
        while block.isValid() and block.next().isValid():
            if block.userState() > 0:  # a heading
                lines = block.layout()
                end = layout.blockBoundingRect(block).top() + lines.lineAt(lines.lineCount() - 1).y()
                following = block.next()
                start = layout.blockBoundingRect(following).top() + following.layout().lineAt(0).y()
                assert (body.page_of(end), body.column_x(end)) == (body.page_of(start), body.column_x(start)), (
                    shorter, block.text())
                checked += 1
            block = block.next()
    assert checked >= 10 * len(bank.questions)


def test_a_note_is_printed_under_its_question(qapp, sample_bank, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "one.pdf"
    note = "Decorrelate the trees! Variance falls as $\\frac{$ shrinks."  # that formula cannot be typeset
    write_pdf(path, sample_bank, [sample_bank.get("random-forest")], {"random-forest": note})
    text = words(" ".join(page_texts(path)))
    assert "Variance falls as [formula could not be typeset] shrinks." in text  # said, never a silent gap
    assert "Why do random forests work? Medium" not in text  # its difficulty is Hard
    for expected in ("Why do random forests work?", "Hard", "Averaging decorrelated trees", "My notes",
                     "Decorrelate the trees!"):
        assert expected in text, expected
    assert len(PdfReader(path).pages) == 1  # one category: no contents page


def test_an_empty_selection_still_writes_a_pdf(qapp, sample_bank, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert write_pdf(tmp_path / "none.pdf", sample_bank, [], {}) == 0
    assert "0 questions" in words(page_texts(tmp_path / "none.pdf")[0])


def test_progress_is_reported_and_cancel_writes_nothing(  # type: ignore[no-untyped-def]
        qapp, bank: Bank, full_export: tuple[Path, tuple[tuple[str, int, int], ...]], tmp_path: Path) -> None:
    path, seen = full_export
    steps = [s[0] for s in seen]
    assert list(dict.fromkeys(steps)) == ["Preparing the questions", "Laying out the pages", "Writing the pages"]
    n, pages = len(bank.questions), len(PdfReader(path).pages)
    assert [s for s in seen if s[0] == "Preparing the questions"] == [
        ("Preparing the questions", i, n) for i in range(n + 1)]
    assert [s for s in seen if s[0] == "Writing the pages"] == [("Writing the pages", i, pages) for i in range(pages + 1)]
    laying_out = [s[1:] for s in seen if s[0] == "Laying out the pages"]
    assert laying_out[0][0] == 0 and laying_out[-1][0] == laying_out[-1][1] > 0  # from the first paragraph to the last

    for when in ("Laying out the pages", "Writing the pages"):
        def cancel(step: str, done: int, _total: int, when: str = when) -> None:
            if step == when and done > 0:
                raise ExportCancelled

        with pytest.raises(ExportCancelled):
            write_pdf(tmp_path / "cancelled.pdf", bank, bank.questions, {}, progress=cancel)
        assert list(tmp_path.glob("cancelled*")) == []  # no file, no half-written or intermediate one


def test_the_export_dialog_cancel_button_stops_a_pdf_export(make_window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QProgressDialog

    from desktop.ui.export_dialog import ExportDialog

    window = make_window()
    dialog = ExportDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(QProgressDialog, "wasCanceled", lambda _self: True)  # the user pressed Cancel at once
        message = dialog.export_to("pdf", tmp_path / "sheet.pdf")
    assert message == "Export cancelled; nothing was written."
    assert not (tmp_path / "sheet.pdf").exists()
    assert dialog.export_to("pdf", tmp_path / "sheet.pdf") == f"Wrote 4 questions as a PDF to {tmp_path / 'sheet.pdf'}"


def test_the_export_dialog_offers_the_cheat_sheet_layout_for_pdf_only(make_window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from desktop.ui.export_dialog import ExportDialog

    window = make_window()
    dialog = ExportDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    dialog.format.setCurrentIndex(dialog.format.findData("csv"))
    assert not dialog.layout_choice.isEnabled()
    dialog.format.setCurrentIndex(dialog.format.findData("pdf"))
    assert dialog.layout_choice.isEnabled() and dialog.layout_choice.currentData() == "full"  # the default
    dialog.layout_choice.setCurrentIndex(dialog.layout_choice.findData("cheat-sheet"))
    message = dialog.export_to("pdf", tmp_path / "sheet.pdf")
    assert message == f"Wrote 4 questions as a cheat sheet to {tmp_path / 'sheet.pdf'}"
    assert PdfReader(tmp_path / "sheet.pdf").metadata.title == "ML Interview Coach: cheat sheet"



def test_an_exercise_prints_its_starter_and_solution_never_its_tests(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from desktop.ui.widgets.question_view import question_html
    from tests.core.test_export_exercises import BANK, EXERCISE, HIDDEN

    page, _math = question_html(EXERCISE, "Coding", revealed=True)
    assert '>Starter</p><pre class="code">' in page and '>Solution</p><pre class="code">' in page  # highlighted
    words = html.unescape(re.sub(r"<[^>]+>", "", page))
    assert "Starterdef square(x):" in words and "Solutiondef square(x):" in words
    assert HIDDEN.lower() not in page.lower()
    path = tmp_path / "sheet.pdf"
    write_pdf(path, BANK, [EXERCISE], {})
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)
    for expected in ("Square a number", "Starter", "Returns x squared.", "raise NotImplementedError", "Solution",
                     "return x * x # <reference>"):
        assert expected in text, expected
    assert HIDDEN.lower() not in text.lower()


def test_a_second_export_reuses_the_questions_html_and_prints_the_same_pages(  # type: ignore[no-untyped-def]
        qapp, bank: Bank, full_texts: tuple[str, ...], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dataclasses import replace

    from desktop.core.fragment_cache import Fragments
    from desktop.ui import pdf_content

    rendered: list[str] = []
    render = pdf_content.question_part
    monkeypatch.setattr(pdf_content, "question_part", lambda q, layout: rendered.append(q.id) or render(q, layout))
    store = tmp_path / "cache" / "fragments.cache"
    write_pdf(tmp_path / "first.pdf", bank, bank.questions, {}, fragments=Fragments(pdf_content.fragments_code(), store))
    assert len(rendered) == len(bank.questions) and store.is_file()
    assert tuple(page_texts(tmp_path / "first.pdf")) == full_texts

    rendered.clear()
    edited = replace(bank.questions[4], answer="An answer rewritten since the last export.")
    questions = [*bank.questions[:4], edited, *bank.questions[5:]]
    note = {bank.questions[0].id: "A note, always printed as it is now."}
    write_pdf(tmp_path / "second.pdf", bank, questions, note,
              fragments=Fragments(pdf_content.fragments_code(), store))
    assert rendered == [edited.id]  # only the question whose text changed
    text = words(" ".join(page_texts(tmp_path / "second.pdf")))
    assert "An answer rewritten since the last export." in text and "A note, always printed as it is now." in text
    cached = store.read_bytes()
    assert b"An answer rewritten" in cached and b"always printed as it is now" not in cached  # notes never kept
