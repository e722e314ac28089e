"""Cutting a tall column into pages: never through a line, never between a heading and its text."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from desktop.core.pagination import EPSILON, Band, band_of, paginate, rows


def lines_of(count: int, height: float = 10.0, gap: float = 0.0, start: float = 0.0) -> list[tuple[float, float]]:
    return [(start + i * (height + gap), start + i * (height + gap) + height) for i in range(count)]


def test_pages_are_filled_with_whole_lines() -> None:
    bands = paginate(lines_of(25), height=100)
    assert bands == [Band(0, 100), Band(100, 200), Band(200, 250)]


def test_a_page_never_begins_with_the_gap_between_two_blocks() -> None:
    lines = [*lines_of(9), *lines_of(5, start=100)]  # a 10-unit gap after the ninth line
    bands = paginate(lines, height=95)
    assert bands[0] == Band(0, 90) and bands[1].top == 100


def test_a_heading_is_never_left_at_the_bottom_of_a_page() -> None:
    lines = lines_of(20)
    heading_and_two_lines = (80.0, 110.0)  # the line at 80 is a heading; the next two are its text
    bands = paginate(lines, height=100, keep=[heading_and_two_lines])
    assert bands[0] == Band(0, 80)  # the heading moved to the next page with its text
    assert bands[1].top == 80


def test_a_zone_taller_than_a_page_is_cut_where_the_page_is_full() -> None:
    bands = paginate(lines_of(30), height=100, keep=[(0.0, 300.0)])
    assert bands[0] == Band(0, 100)


def test_a_break_starts_a_new_page() -> None:
    bands = paginate(lines_of(20), height=150, breaks=[50.0])
    assert bands[0] == Band(0, 50) and bands[1].top == 50


def test_lines_side_by_side_are_one_row_that_is_never_cut() -> None:
    table = [(0.0, 10.0), (0.0, 10.0), (10.0, 20.0), (12.0, 25.0)]  # two cells in a row, then a taller second row
    assert rows(table) == [(0.0, 10.0), (10.0, 25.0)]


def test_band_of_finds_the_page_that_shows_a_point() -> None:
    bottoms = [b.bottom for b in paginate(lines_of(25), height=100)]
    assert [band_of(bottoms, y) for y in (0, 99, 100, 249, 999)] == [0, 0, 1, 2, 2]


@given(st.lists(st.tuples(st.floats(1, 40), st.floats(0, 20)), min_size=1, max_size=120),
       st.floats(50, 400), st.lists(st.integers(0, 119), max_size=20))
def test_every_line_lands_whole_on_exactly_one_page(sizes, page: float, heads) -> None:  # type: ignore[no-untyped-def]
    lines, y = [], 0.0
    for height, gap in sizes:
        lines.append((y, y + height))
        y += height + gap
    keep = [(lines[i][0], lines[min(i + 2, len(lines) - 1)][1]) for i in heads if i < len(lines)]
    bands = paginate(lines, page, keep)
    for top, bottom in lines:
        holding = [b for b in bands if b.top - 1e-6 <= top and bottom <= b.bottom + 1e-6]
        assert len(holding) == 1, (top, bottom, bands)
    for band in bands:
        tallest = max(b - t for t, b in lines)
        assert band.height <= max(page, tallest) + EPSILON
    for first, second in pairwise(bands):
        assert first.bottom <= second.top
