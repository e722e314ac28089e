"""Issue 15: a system-design round in Mock interview, run and reviewed as the real round is."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from desktop.ui.main_window import MainWindow
from desktop.ui.modes.interview import Page
from desktop.ui.widgets.two_line_list import SUBTITLE_ROLE

CASE = """---
id: design-a-feed
category: cases
difficulty: hard
tags: [case-study, system-design]
---
# Design a news feed ranker.

## Answer
Retrieve candidates, rank them with a multi-task model, re-rank for diversity.

## Key points
- Candidate retrieval then ranking
- Multi-task objectives
- Diversity re-ranking

## Walkthrough
**Clarify**: who reads the feed and how often?

**Serving**: a 250 ms budget split across stages.

## Rubric
- States a latency budget per stage
- Names a baseline before the model
- Plans an online A/B test

## Follow-ups
- How would you handle cold-start items? — exploration slots
"""


def design_window(tmp_path: Path, window_over) -> MainWindow:  # type: ignore[no-untyped-def]
    root = tmp_path / "deck"
    (root / "cases").mkdir(parents=True)
    (root / "categories.yaml").write_text("- id: cases\n  title: Cases\n", encoding="utf-8")
    (root / "cases" / "design-a-feed.md").write_text(CASE, encoding="utf-8")
    return window_over(root)


def test_a_design_round_runs_clarify_design_deep_dive_and_is_scored_on_the_rubric(tmp_path: Path, qtbot,
                                                                                  window_over) -> None:  # type: ignore[no-untyped-def]
    window = design_window(tmp_path, window_over)
    window.switch_to("interview")
    mode = window.mode("interview")
    presets = mode.picker.presets
    presets.setCurrentRow(next(i for i in range(presets.count())
                               if presets.item(i).data(Qt.ItemDataRole.UserRole) == "design"))
    assert "clarify 5 min, design 25 min, deep dive 10 min" in presets.currentItem().data(SUBTITLE_ROLE)
    mode.start_selected()
    assert mode.page is Page.RUNNER
    assert mode.runner.phase_label.text() == "Clarify" and mode.runner.clock.text() == "5:00"
    assert mode.runner.total_clock.text() == "40:00"
    mode.runner.next_phase()
    assert mode.runner.phase_label.text() == "Design"
    qtbot.keyClicks(mode.answer, "A latency budget per stage: 250 ms split across retrieval and ranking.")
    mode.runner.next_phase()
    assert mode.runner.phase_label.text() == "Deep dive"
    assert "cold-start items" in mode.runner.follow_label.text()
    mode.end_early()
    assert mode.page is Page.REVIEW
    titles = [label.text() for label in mode.review.findChildren(QLabel) if label.objectName() == "sectionLabel"]
    assert any(t.startswith("Rubric: what an interviewer scores") for t in titles)
    assert mode.review.checklist() == [
        "States a latency budget per stage", "Names a baseline before the model", "Plans an online A/B test"]
    assert mode.review.ticked()[0] is True  # suggested from the typed answer, for the user to confirm
    assert "Walkthrough" in mode.review.model_view.toPlainText()
