from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
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


def test_progress_is_reported_per_formula_and_cancel_writes_nothing(qapp, sample_bank, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from desktop.ui.pdf_export import ExportCancelled

    seen: list[tuple[int, int]] = []
    path = tmp_path / "sheet.pdf"
    write_pdf(path, sample_bank, list(sample_bank.questions), {}, progress=lambda d, t: seen.append((d, t)))
    total = seen[-1][1]
    assert total >= 1 and seen == [(i, total) for i in range(total + 1)]  # every formula, then the layout step

    def cancel(done: int, _total: int) -> None:
        if done == 1:
            raise ExportCancelled

    cancelled = tmp_path / "cancelled.pdf"
    with pytest.raises(ExportCancelled):
        write_pdf(cancelled, sample_bank, list(sample_bank.questions), {}, progress=cancel)
    assert list(tmp_path.glob("cancelled.pdf*")) == []


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
    assert dialog.export_to("pdf", tmp_path / "sheet.pdf").startswith("Wrote a 4-question cheat sheet")


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
