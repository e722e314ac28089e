"""A year of use (benchmarks/year_of_use.py: 2,000 notes, 50,000 reviews, 500 interviews), seen in the window."""

from __future__ import annotations

import random
from itertools import pairwise

from PySide6.QtGui import QColor

from desktop.ui import theme
from desktop.ui.widgets.charts import ScoreLine
from tests.ui.pixels import count_rgb


def _solid_accent(chart: ScoreLine) -> float:
    """The share of the chart painted in the solid accent colour (the line and its dots)."""
    image = chart.grab().toImage()
    return count_rgb(image, QColor(theme.current().accent).rgb()) / (image.width() * image.height())


def test_five_hundred_interview_scores_read_as_a_trend_not_a_solid_block(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Progress's 'Mock interview scores' after a year of 500 interviews was a solid blue band: a 4 px dot and a
    2 px line to the next score for every interview, about one pixel apart, covered 37% of the chart. Now each
    interview is a small faint dot and the line joins the averages of runs of them, at least 12 px apart."""
    rng = random.Random(5)
    scores = [(f"{1 + i % 28:02d} Jun", rng.randint(10, 50) / 10) for i in range(500)]
    chart = ScoreLine()
    qtbot.addWidget(chart)
    chart.resize(600, 180)
    chart.set_points(scores[:8])
    few = _solid_accent(chart)
    chart.set_points(scores)
    assert _solid_accent(chart) < 3 * few + 0.02  # was 0.37 (0.008 for eight interviews)

    dots, line = chart.marks(chart.plot_rect())
    assert len(dots) == 500  # every interview is still on the chart
    gaps = [b.x() - a.x() for a, b in pairwise(line)]
    assert min(gaps[1:]) >= ScoreLine.LINE_GAP  # (the first run, the oldest, may be shorter than the rest)
    run = chart.run_length(chart.plot_rect().width())
    ends = range(len(scores), 0, -run)  # runs counted back from the newest interview
    means = [sum(s for _l, s in scores[max(0, e - run):e]) / len(scores[max(0, e - run):e]) for e in ends][::-1]
    assert run > 1 and len(line) == len(means)
    plot = chart.plot_rect()
    for point, mean in zip(line, means, strict=True):  # each point of the line is the average of its run
        assert abs(point.y() - (plot.bottom() - (mean - 1) / 4 * plot.height())) < 1e-6


def test_a_few_interview_scores_are_a_dot_each_on_the_line(qtbot) -> None:  # type: ignore[no-untyped-def]
    chart = ScoreLine()
    qtbot.addWidget(chart)
    chart.resize(600, 180)
    chart.set_points([("06 Dec", 3.0), ("07 Dec", 4.0), ("08 Dec", 2.5)])
    dots, line = chart.marks(chart.plot_rect())
    assert line == dots and len(dots) == 3


def test_my_notes_counts_the_notes_it_lists_and_says_where_the_rest_are(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """A year of use: 2,000 notes, 1,426 of them on questions of a deck no longer in the folder. My notes said
    '2,000 notes' (and '125 of 2,000 notes' when searching) over a list that held 574 rows at most: the user
    scrolled to the end looking for notes the list never shows. It counts what it lists and says the rest
    are kept."""
    window = make_window()
    notes = window.ctx.store.note_store
    for qid in ("random-forest", "decision-tree"):
        notes.save_note(qid, f"my note on {qid}")
    for i in range(3):
        notes.save_note(f"old-deck-question-{i}", "a note on a deck since removed")
    dialog = window.show_my_notes()
    assert dialog.list.count() == 2
    assert dialog.count.text() == "2 notes · 3 more kept on questions no longer in the bank"  # was "5 notes"
    qtbot.keyClicks(dialog.search, "forest")
    assert dialog.list.count() == 1
    assert dialog.count.text().startswith("1 of 2 notes")  # was "1 of 5 notes"
