"""Formulas are typeset wherever bank or user text appears: no visible label, button or list row shows
`$…$` or a backslash command (issue 17), in any mode."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import QAbstractButton, QLabel, QListWidget, QWidget

from desktop.core.interview import Plan, PlannedQuestion
from desktop.ui.main_window import MainWindow
from desktop.ui.widgets.my_notes import NotePreviewDelegate
from desktop.ui.widgets.two_line_list import TwoLineDelegate
from desktop.ui.widgets.typeset_label import TypesetLabel
from tests.ui.conftest import question

RAW = re.compile(r"\$[^$\s][^$]*\$|\\[A-Za-z]+")
TITLE = "Why does ridge add $\\lambda \\lVert w \\rVert_2^2$?"


def math_window(tmp_path: Path, window_over) -> MainWindow:  # type: ignore[no-untyped-def]
    root = tmp_path / "deck"
    (root / "m").mkdir(parents=True)
    (root / "categories.yaml").write_text("- id: m\n  title: Math\n", encoding="utf-8")
    for qid in ("ridge", "lasso"):
        text = question(qid, "m", TITLE if qid == "ridge" else "What does lasso do?", "It shrinks $w$.")
        text = text.replace("- point two", "- Penalty $\\lambda \\sum_j w_j^2$").replace(
            "- And then? — a hint", "- What if $\\lambda \\to \\infty$? — all $w_j \\to 0$")
        (root / "m" / f"{qid}.md").write_text(text, encoding="utf-8")
    return window_over(root)


def raw_latex_on_screen(window: QWidget) -> list[str]:
    """Visible text drawn as plain text that still holds LaTeX; list rows must use a typesetting delegate."""
    found = []
    for w in window.findChildren(QWidget):
        if not w.isVisible():
            continue
        if isinstance(w, QLabel | QAbstractButton) and RAW.search(w.text()):
            found.append(f"{type(w).__name__}: {w.text()}")
        if isinstance(w, TypesetLabel) and RAW.search(w.toPlainText()):
            found.append(f"TypesetLabel: {w.toPlainText()}")
        typesetting = isinstance(w, QListWidget) and isinstance(w.itemDelegate(), TwoLineDelegate | NotePreviewDelegate)
        if isinstance(w, QListWidget) and not typesetting and any(RAW.search(w.item(i).text()) for i in range(w.count())):
            found.append(f"list {w.objectName()}: rows drawn as plain text")
        if RAW.search(w.toolTip()):
            found.append(f"tooltip of {type(w).__name__}: {w.toolTip()}")
    return found


def test_no_mode_shows_raw_latex(tmp_path: Path, window_over, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = math_window(tmp_path, window_over)
    window.ctx.store.note_store.save_note("ridge", "Remember $\\lambda$ and `alpha`")
    window.ctx.index.set_note("ridge", "Remember $\\lambda$ and `alpha`")
    browse = window.mode("browse")
    browse.open_question("ridge")  # type: ignore[attr-defined]
    assert raw_latex_on_screen(window) == []

    window.switch_to("quiz")
    quiz = window.mode("quiz")
    quiz.start_today()  # type: ignore[attr-defined]
    quiz.reveal()  # type: ignore[attr-defined]
    assert any("\ufffc" in label.toPlainText() for label in quiz.card_page.ticks.findChildren(TypesetLabel))  # type: ignore[attr-defined]
    assert raw_latex_on_screen(window) == []

    window.switch_to("interview")
    interview = window.mode("interview")
    interview.start(Plan("Math", (PlannedQuestion("ridge", 0.0, 30.0, "What if $\\lambda \\to \\infty$?", 10.0),)))  # type: ignore[attr-defined]
    assert raw_latex_on_screen(window) == []
    interview.next_phase()  # type: ignore[attr-defined]  # the follow-up
    assert raw_latex_on_screen(window) == []
    interview.end_early()  # type: ignore[attr-defined]
    assert raw_latex_on_screen(window) == []
    interview.show_start()  # type: ignore[attr-defined]  # History lists it
    assert raw_latex_on_screen(window) == []

    window.switch_to("progress")
    assert raw_latex_on_screen(window) == []
    dialog = window.show_my_notes()
    assert raw_latex_on_screen(dialog) == []
