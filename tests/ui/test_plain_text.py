"""Bank and user text is shown as text, never run as HTML (issue 13: an imported title's <img> rendered)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from desktop.core.interview import Plan, PlannedQuestion
from desktop.ui.main_window import MainWindow
from desktop.ui.modes.interview import Page
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
    return [label.text() for label in window.findChildren(QLabel)
            if "<b>Bold</b>" in label.text() and label.textFormat() != Qt.TextFormat.PlainText]


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
    assert interview.page is Page.REVIEW  # the review, with "follow-up asked: …"
    assert rendered_as_html(window) == []
