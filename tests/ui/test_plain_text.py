"""Bank and user text is shown as text, never run as HTML (issue 13: an imported title's <img> rendered)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget

from desktop.core.interview import Plan, PlannedQuestion
from desktop.ui.main_window import MainWindow
from desktop.ui.modes.interview import Page
from desktop.ui.widgets.typeset_label import TypesetLabel
from tests.ui.conftest import question

HOSTILE = '<b>Bold</b> <img src="file:///etc/passwd"> <a href="http://x">link</a>'


def hostile_window(tmp_path: Path, window_over) -> MainWindow:  # type: ignore[no-untyped-def]
    root = tmp_path / "deck"
    (root / "evil").mkdir(parents=True)
    (root / "categories.yaml").write_text(f"- id: evil\n  title: '{HOSTILE}'\n", encoding="utf-8")
    for qid in ("one", "two"):
        text = question(qid, "evil", f"{HOSTILE} {qid}?", f"Answer {qid}.").replace(
            "- And then? — a hint", f"- {HOSTILE} follow-up? — {HOSTILE} hint")
        (root / "evil" / f"{qid}.md").write_text(text, encoding="utf-8")
    return window_over(root)


def rendered_as_html(window: MainWindow) -> list[str]:
    """Labels that would run bank text as HTML, typeset labels that did, and Mock interview's list tooltips
    that would."""
    labels = [label.text() for label in window.findChildren(QLabel)
              if "<b>Bold</b>" in label.text() and label.textFormat() != Qt.TextFormat.PlainText]
    typeset = [label.text() for label in window.findChildren(TypesetLabel)
               if "<b>" in label.text() and "<b>Bold</b>" not in label.toPlainText()]
    mock = window.modes["interview"].widget() if "interview" in window.modes else None
    tips = [lst.item(i).toolTip() for lst in (mock.findChildren(QListWidget) if mock else [])
            for i in range(lst.count()) if "<b>Bold</b>" in lst.item(i).toolTip()]
    return labels + typeset + tips


def test_every_label_showing_bank_text_is_plain_text_in_every_mode(tmp_path: Path, window_over) -> None:  # type: ignore[no-untyped-def]
    window = hostile_window(tmp_path, window_over)
    for key in ("browse", "quiz", "interview", "progress"):
        window.switch_to(key)
        assert rendered_as_html(window) == [], key
    interview = window.mode("interview")
    window.switch_to("interview")
    interview.start(Plan("Evil", (PlannedQuestion("one", 0.0, 30.0, f"{HOSTILE} follow-up?", 10.0),)))
    interview.next_phase()  # done thinking
    interview.next_phase()  # done answering: the follow-up is asked
    assert HOSTILE in interview.follow_label.text()  # the follow-up is on screen, as text
    assert rendered_as_html(window) == []
    interview.end_early()
    assert interview.page is Page.REVIEW
    interview.review.step(1)  # the follow-up: its question above its answer, its hint as key points
    assert interview.review.follow_prompt.toPlainText() == f"Follow-up: {HOSTILE} follow-up?"
    assert interview.review.checklist() == [f"{HOSTILE} hint"]
    points = interview.review.tick_list.shown()
    assert points == interview.review.checklist()  # shown as typed, tags and all
    assert rendered_as_html(window) == []
    interview.show_start()
    assert interview.history.item(0).toolTip().startswith("<p>")  # escaped: the title's tags show as text
    assert rendered_as_html(window) == []


def test_formulas_in_a_follow_up_and_its_key_points_are_typeset_not_raw(tmp_path: Path, window_over) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path / "deck"
    (root / "m").mkdir(parents=True)
    (root / "categories.yaml").write_text("- id: m\n  title: Math\n", encoding="utf-8")
    text = question("g", "m", "Why is the gradient $P-Y$?", "Softmax.").replace(
        "- And then? — a hint", "- What does $T>1$ do? — flattens $p_i$, then sharpens")
    (root / "m" / "g.md").write_text(text, encoding="utf-8")
    window = window_over(root)
    window.switch_to("interview")
    interview = window.mode("interview")
    interview.start(Plan("Math", (PlannedQuestion("g", 0.0, 30.0, "What does $T>1$ do?", 10.0),)))
    assert "$" not in interview.question_label.toPlainText()  # P-Y is a typeset image, not "$P-Y$"
    assert interview.question_label.toPlainText().startswith("Why is the gradient ")
    interview.next_phase()  # the follow-up
    assert "$" not in interview.follow_label.toPlainText() and "T>1" not in interview.follow_label.toPlainText()
    interview.end_early()
    interview.review.step(1)
    assert interview.review.checklist() == ["flattens $p_i$", "sharpens"]
    shown = interview.review.tick_list.shown()
    assert shown[1] == "sharpens" and "$" not in shown[0] and shown[0].startswith("flattens ")
