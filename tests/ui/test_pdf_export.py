from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from desktop.ui.pdf_export import write_pdf


def test_cheat_sheet_pdf_has_pages_answers_key_points_and_notes(qapp, sample_bank, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "sheet.pdf"
    chosen = list(sample_bank.questions)
    assert write_pdf(path, sample_bank, chosen, {"random-forest": "Decorrelate the trees!"}) == 4
    reader = PdfReader(path)
    assert 1 <= len(reader.pages) <= 4
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)  # pypdf puts tabs between words
    for expected in ("cheat sheet", "How does gradient descent work?", "Greedily, by impurity decrease.",
                     "point one of random-forest", "My notes", "Decorrelate the trees!"):
        assert expected in text, expected
    assert "\\theta" not in text  # the formula was typeset as an image, not printed as LaTeX
    assert reader.metadata.title == "ML Interview Coach: cheat sheet"
