"""Cutting one long laid-out column of text into pages (or the columns of a page), never through a line.

The text is laid out once, as a single tall column; this decides where each page begins and ends:
- a cut falls only between lines (lines side by side, as in a table row, count as one);
- a "keep" zone (a heading with the first lines of what it heads) is never cut, unless it is taller
  than a page;
- a "break" starts a new page at that point (a new category);
- a page never begins with the blank space that separated two blocks.

Pure geometry in layout units, so it is tested without Qt.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

EPSILON = 0.01


@dataclass(frozen=True)
class Band:
    """The part of the tall column shown on one page: from `top` to `bottom`."""

    top: float
    bottom: float

    @property
    def height(self) -> float:
        return self.bottom - self.top


def rows(lines: Iterable[tuple[float, float]]) -> list[tuple[float, float]]:
    """Lines merged into rows that cannot be cut: overlapping lines (table cells) become one."""
    merged: list[tuple[float, float]] = []
    for top, bottom in sorted(lines):
        if merged and top < merged[-1][1] - EPSILON:
            merged[-1] = (merged[-1][0], max(merged[-1][1], bottom))
        else:
            merged.append((top, bottom))
    return merged


def paginate(lines: Iterable[tuple[float, float]], height: float, keep: Sequence[tuple[float, float]] = (),
             breaks: Sequence[float] = ()) -> list[Band]:
    """The bands, top to bottom, each at most `height` tall unless a single row is taller."""
    merged = rows(lines)
    if not merged:
        return []
    tops = [top for top, _ in merged]
    bottoms = [bottom for _, bottom in merged]
    # A cut "after row i" is held if a keep zone reaches over the gap between rows i and i + 1.
    held = [False] * len(merged)
    for top, bottom in keep:
        first = bisect_left(bottoms, top + EPSILON)  # the zone's first row
        last = bisect_right(tops, bottom - EPSILON) - 1  # its last row
        for i in range(first, last):
            held[i] = True
    forced = {bisect_left(tops, y - EPSILON) for y in breaks}  # rows that must begin a page

    bands: list[Band] = []
    start = 0
    while start < len(merged):
        limit = tops[start] + height
        end = start  # the last row that fits
        while end + 1 < len(merged) and bottoms[end + 1] <= limit + EPSILON and end + 1 not in forced:
            end += 1
        last = end
        if end + 1 < len(merged) and end + 1 not in forced:  # the page is full: step back to a free cut
            while last > start and held[last]:
                last -= 1
            if held[last]:
                last = end  # one zone taller than a page: cut it where it fills the page
        bands.append(Band(tops[start], bottoms[last]))
        start = last + 1
    return bands


def band_of(bottoms: Sequence[float], y: float) -> int:
    """The index of the band that shows the point `y` (or the one just after a gap holding it), given
    the bands' bottoms in order."""
    return min(bisect_right(bottoms, y + EPSILON), len(bottoms) - 1)
