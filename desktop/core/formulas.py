"""LaTeX to a formula's layout: which glyph of the math font goes where, and the rules drawn between.

ziamath (pure Python) typesets; a layout keeps only what it placed — glyph numbers in its math font
(STIX Two Math), their positions and sizes, and the few lines (fraction bars, radical overbars) — in
ems, so one layout serves every size. A painter draws it as font glyphs: vector in a PDF, one embedded
font for thousands of formulas, and far cheaper than parsing an SVG per formula.

ziamath takes 5–40 ms a formula, so the bundled bank's formulas are typeset ahead of time into
`resources/formulas.json` (rebuild it after editing the bank's formulas):

    python -m desktop.core.formulas --build

A formula missing from that file (a note, an imported deck, an edited bank) is typeset when asked for.
"""

from __future__ import annotations

import json
import sys
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

REFERENCE_SIZE = 1000.0  # ziamath typesets at this many px per em; layouts store integers in thousandths of an em
MARGIN = 0.06  # em of space on each side, as ziamath leaves around its SVGs
TABLE_NAME = "formulas.json"
TABLE_FORMAT = 1  # raise when the stored layout's shape changes: an older table is then ignored, not misread
MEASURE = ("x", False)  # always in the table: an inline formula's size is set from this x's height


@dataclass(frozen=True)
class Glyph:
    index: int  # glyph number in the math font
    x: float  # pen position on the baseline, em from the formula's left edge
    y: float  # baseline, em below the formula's baseline (raised glyphs are negative)
    size: float  # em, relative to the formula's size (subscripts are smaller)


@dataclass(frozen=True)
class Rule:
    """A filled rectangle (fraction bar, radical overbar) or, when `stroke` > 0, a line from (x, y) to
    (x + width, y + height)."""

    x: float
    y: float
    width: float
    height: float
    stroke: float = 0.0


# An outline to fill, as (command, coordinates) in ems: "M" x y, "L" x y, "Q" x1 y1 x y, "C" x1 y1 x2 y2 x y,
# "Z". Only a glyph ziamath builds from parts (a tall bracket) has no number in the font and comes as one.
Outline = tuple[tuple[str, tuple[float, ...]], ...]


@dataclass(frozen=True)
class Formula:
    """A typeset formula in ems: multiply by the font size in px to draw it."""

    width: float  # including MARGIN on both sides
    ascent: float  # above the baseline
    descent: float  # below the baseline (never negative)
    glyphs: tuple[Glyph, ...]
    rules: tuple[Rule, ...]
    outlines: tuple[Outline, ...] = ()

    @property
    def height(self) -> float:
        return self.ascent + self.descent


MATH_FONT = "STIXTwoMath-Regular.ttf"


def math_font_path() -> Path:
    """The font the glyph numbers refer to: the one ziamath ships and typesets with. Found without importing
    ziamath (about 0.2 s of CPU, which a printout whose formulas are all in the table need not pay)."""
    from importlib.util import find_spec

    spec = find_spec("ziamath")
    for folder in (spec.submodule_search_locations or []) if spec is not None else []:
        path = Path(folder) / "fonts" / MATH_FONT
        if path.is_file():
            return path
    import ziamath.fonts

    return Path(next(iter(ziamath.fonts.__path__))) / MATH_FONT


def typesetter() -> str:
    """The library versions a stored layout is valid for."""
    from importlib.metadata import version

    return f"ziamath {version('ziamath')}, latex2mathml {version('latex2mathml')}"


def key(latex: str, display: bool) -> str:
    return ("D " if display else "I ") + latex


_ziamath_lock = threading.Lock()  # ziamath keeps global settings (svg2) that other code sets too


@lru_cache(maxsize=8192)
def typeset(latex: str, display: bool) -> Formula | None:
    """The layout of `latex` (None if it cannot be typeset): from the bundled table, else typeset now."""
    stored = bundled_table().get(key(latex, display))
    return _decode(stored) if stored is not None else typeset_now(latex, display)


def typeset_now(latex: str, display: bool) -> Formula | None:
    """The layout of `latex` typeset on the spot, never read from the bundled table (None if it cannot be)."""
    encoded = encode_now(latex, display)
    return None if encoded is None else _decode(encoded)


def encode_now(latex: str, display: bool) -> list[Any] | None:
    """Typeset with ziamath and keep the layout in the table's compact form (see `_decode`)."""
    import xml.etree.ElementTree as ET

    import ziamath

    with _ziamath_lock:
        svg2 = ziamath.config.svg2
        ziamath.config.svg2 = True  # glyphs come out as <use href="#Font_NNN">: their numbers can be read
        try:
            math = ziamath.Math.fromlatex(latex, size=REFERENCE_SIZE, inline=not display)
            drawing = ET.Element("svg")
            math.node.draw(0, 0, drawing)
            box = math.node.bbox
        except Exception:  # anything ziamath or latex2mathml cannot read
            return None
        finally:
            ziamath.config.svg2 = svg2
    return _encode(drawing, box.xmin, box.xmax, box.ymin, box.ymax)


def _encode(drawing: Any, xmin: float, xmax: float, ymin: float, ymax: float) -> list[Any] | None:
    """[width, ascent, descent, [index, x, y, size, …], [x, y, w, h, stroke, …], [outline, …]] in thousandths
    of an em; an outline is SVG path data ("M 1 2 L 3 4 Z")."""
    symbols = {s.get("id"): s for s in drawing.iter("symbol")}
    left = xmin / REFERENCE_SIZE - MARGIN
    shift = round(left * 1000)
    glyphs: list[int] = []
    rules: list[int] = []
    outlines: list[str] = []

    def em(value: float) -> int:
        return round(value / REFERENCE_SIZE * 1000)

    for element in drawing:
        if element.tag == "use":
            name = element.get("href", "").lstrip("#")
            symbol = symbols.get(name)
            font, _, number = name.rpartition("_")
            if symbol is None or font != "STIXTwoMathRegular":
                return None
            box = [float(v) for v in symbol.get("viewBox", "0 0 1 1").split()]
            scale = float(element.get("height", "0")) / box[3]  # the symbol is drawn at 12 px per em
            x = float(element.get("x", "0")) - box[0] * scale
            y = float(element.get("y", "0")) - box[1] * scale
            if number.isdigit():
                glyphs += [int(number), em(x), em(y), em(12 * scale)]
                continue
            if any(e.get("transform") for e in symbol.iter()):
                return None
            for path in symbol.iter("path"):  # a glyph assembled from parts: its outline, placed
                outline = _placed(path.get("d", ""), x - shift * REFERENCE_SIZE / 1000, y, scale)
                if outline is None:
                    return None
                outlines.append(outline)
        elif element.tag == "rect":
            rules += [em(float(element.get(k, "0"))) for k in ("x", "y", "width", "height")] + [0]
        elif element.tag == "path":  # a straight stroke: "M x0 y0 L x1 y1"
            parts = element.get("d", "").replace("M", " ").replace("L", " ").split()
            if len(parts) != 4:
                return None
            x0, y0, x1, y1 = (float(p) for p in parts)
            rules += [em(x0), em(y0), em(x1 - x0), em(y1 - y0), max(1, em(float(element.get("stroke-width", "1"))))]
        elif element.tag not in ("symbol", "defs"):
            return None  # something this layout cannot describe: the caller says it cannot be typeset
    glyphs[1::4] = [x - shift for x in glyphs[1::4]]
    rules[0::5] = [x - shift for x in rules[0::5]]
    width = round((xmax - xmin) / REFERENCE_SIZE * 1000 + 2 * MARGIN * 1000)
    return [width, em(max(ymax, 0.0)), em(max(-ymin, 0.0)), glyphs, rules, outlines]


_ARITY = {"M": 2, "L": 2, "Q": 4, "C": 6, "Z": 0}


def _placed(d: str, x: float, y: float, scale: float) -> str | None:
    """SVG path data scaled by `scale`, moved by (x, y) and written in thousandths of an em (absolute
    commands only, as ziafont writes them)."""
    out: list[str] = []
    tokens = d.replace(",", " ").split()
    i = 0
    while i < len(tokens):
        command = tokens[i]
        arity = _ARITY.get(command)
        if arity is None or i + arity >= len(tokens):
            return None
        values = [float(t) for t in tokens[i + 1:i + 1 + arity]]
        out.append(command)
        for px, py in zip(values[0::2], values[1::2], strict=True):
            out += [str(round((x + px * scale) / REFERENCE_SIZE * 1000)),
                    str(round((y + py * scale) / REFERENCE_SIZE * 1000))]
        i += 1 + arity
    return " ".join(out)


def _decode(stored: Sequence[Any]) -> Formula:
    width, ascent, descent, g, r, o = stored
    return Formula(
        width / 1000, ascent / 1000, descent / 1000,
        tuple(Glyph(g[i], g[i + 1] / 1000, g[i + 2] / 1000, g[i + 3] / 1000) for i in range(0, len(g), 4)),
        tuple(Rule(*(v / 1000 for v in r[i:i + 5])) for i in range(0, len(r), 5)),
        tuple(_outline(d) for d in o),
    )


def _outline(d: str) -> Outline:
    tokens = d.split()
    out: list[tuple[str, tuple[float, ...]]] = []
    i = 0
    while i < len(tokens):
        arity = _ARITY[tokens[i]]
        out.append((tokens[i], tuple(int(t) / 1000 for t in tokens[i + 1:i + 1 + arity])))
        i += 1 + arity
    return tuple(out)


@cache
def bundled_table() -> dict[str, list[Any]]:
    """The bundled bank's formulas, typeset ahead of time (empty if missing or made by other versions)."""
    from desktop.paths import resource

    try:
        data = json.loads(resource(TABLE_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("typesetter") != typesetter() or data.get("format") != TABLE_FORMAT:
        return {}
    formulas = data.get("formulas")
    return formulas if isinstance(formulas, dict) else {}


def missing(spans: Iterable[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """The (latex, display) pairs the bundled table does not hold."""
    table = bundled_table()
    return sorted({s for s in spans if key(*s) not in table})


def bank_spans(root: Path) -> list[tuple[str, bool]]:
    """Every formula of the bank at `root`, as each is shown (inline or display), and MEASURE."""
    from desktop.core.bank import load_bank
    from desktop.core.markup import math_spans

    spans: set[tuple[str, bool]] = {MEASURE}
    for q in load_bank(root).questions:
        texts = [q.title, q.answer, q.formula, q.walkthrough, *q.key_points, *q.pitfalls, *q.rubric]
        texts += [t for f in q.follow_ups for t in (f.question, f.hint)]
        spans.update((s.latex, s.display) for text in texts for s in math_spans(text))
    return sorted(spans)


def _encode_pair(pair: tuple[str, bool]) -> tuple[str, list[Any] | None]:
    return key(*pair), encode_now(*pair)


def build(root: Path, out: Path) -> int:
    """Typeset every formula of the bank at `root` into the table at `out` (both cores; about a minute)."""
    from concurrent.futures import ProcessPoolExecutor

    spans = bank_spans(root)
    with ProcessPoolExecutor() as pool:
        done = dict(pool.map(_encode_pair, spans, chunksize=16))
    formulas = {k: v for k, v in sorted(done.items()) if v is not None}
    write_table(out, formulas)
    print(f"{len(formulas)} formulas ({len(spans) - len(formulas)} could not be typeset) written to {out}")
    return 0


def write_table(out: Path, formulas: dict[str, list[Any]]) -> None:
    """JSON with one formula a line, so a change to the bank shows as a readable diff."""
    head = json.dumps({"typesetter": typesetter(), "format": TABLE_FORMAT})[:-1]
    lines = [json.dumps(k, ensure_ascii=False) + ": " + json.dumps(v, separators=(",", ":"))
             for k, v in formulas.items()]
    out.write_text(head + ', "formulas": {\n' + ",\n".join(lines) + "\n}}\n", encoding="utf-8")


def main(argv: Sequence[str]) -> int:
    if "--build" not in argv:
        print(__doc__)
        return 2
    from desktop.paths import content_dir, resource

    return build(content_dir(), resource(TABLE_NAME))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
