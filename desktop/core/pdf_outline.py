"""Bookmarks and contents links added to a finished PDF (Qt's PDF writer has no outline API).

They go in as an incremental update, the way the PDF format lets any writer amend a file: the pages
Qt wrote stay byte for byte, and the new objects (the outline, a catalogue that points at it, and
the pages that get links) follow them with their own cross-reference section. pypdf reads the page
references and writes each object; its own incremental writer would re-read and hash every object
of the file, which took 0.75 s for the whole bank.
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Bookmark:
    title: str
    page: int  # from 0
    top: float  # points from the page's top edge
    children: tuple[Bookmark, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Link:
    """A clickable area on `page` (points from the top left corner) that opens page `target`."""

    page: int
    left: float
    top: float
    right: float
    bottom: float
    target: int


def add_outline(source: Path, out: Path, bookmarks: Sequence[Bookmark], links: Sequence[Link] = ()) -> None:
    """Write `source` with `bookmarks` (shown in the viewer's side panel) and `links` to `out`."""
    from pypdf import PdfReader
    from pypdf.generic import (
        ArrayObject,
        DictionaryObject,
        FloatObject,
        IndirectObject,
        NameObject,
        NullObject,
        NumberObject,
        TextStringObject,
    )

    reader = PdfReader(source)
    pages: list[IndirectObject] = []
    for page in reader.pages:
        if page.indirect_reference is None:
            raise ValueError(f"{source}: a page without an object number")
        pages.append(page.indirect_reference)
    heights = [float(page.mediabox.height) for page in reader.pages]
    root_ref = reader.trailer.raw_get("/Root")
    if not isinstance(root_ref, IndirectObject):
        raise ValueError(f"{source}: no catalogue object")
    objects: dict[int, Any] = {}  # object number -> its new content
    next_number = int(str(reader.trailer["/Size"]))

    def new(obj: Any) -> IndirectObject:
        nonlocal next_number
        objects[next_number] = obj
        next_number += 1
        return IndirectObject(next_number - 1, 0, reader)

    def destination(page: int, top: float) -> ArrayObject:
        return ArrayObject([pages[page], NameObject("/XYZ"), NullObject(), FloatObject(heights[page] - top),
                            NullObject()])  # keep the reader's zoom

    def outline(marks: Sequence[Bookmark], parent: IndirectObject) -> tuple[list[IndirectObject], int]:
        """The items for `marks` under `parent`, linked as siblings; and how many items are open below."""
        refs = [new(DictionaryObject()) for _ in marks]
        visible = len(refs)
        for i, (mark, ref) in enumerate(zip(marks, refs, strict=True)):
            item = objects[ref.idnum]
            item[NameObject("/Title")] = TextStringObject(mark.title)
            item[NameObject("/Parent")] = parent
            item[NameObject("/Dest")] = destination(mark.page, mark.top)
            if i:
                item[NameObject("/Prev")] = refs[i - 1]
            if i + 1 < len(refs):
                item[NameObject("/Next")] = refs[i + 1]
            if mark.children:
                kids, _ = outline(mark.children, ref)
                item[NameObject("/First")], item[NameObject("/Last")] = kids[0], kids[-1]
                item[NameObject("/Count")] = NumberObject(-len(kids))  # closed: the categories show first
        return refs, visible

    catalog = DictionaryObject(reader.root_object)
    if bookmarks:
        top = new(DictionaryObject({NameObject("/Type"): NameObject("/Outlines")}))
        items, visible = outline(bookmarks, top)
        objects[top.idnum][NameObject("/First")], objects[top.idnum][NameObject("/Last")] = items[0], items[-1]
        objects[top.idnum][NameObject("/Count")] = NumberObject(visible)
        catalog[NameObject("/Outlines")] = top
        catalog[NameObject("/PageMode")] = NameObject("/UseOutlines")
    objects[root_ref.idnum] = catalog
    for number, group in _by_page(links).items():
        page_dict = DictionaryObject(reader.pages[number])
        annotations = ArrayObject(page_dict.get("/Annots", ArrayObject()))
        for link in group:
            height = heights[link.page]
            annotations.append(new(DictionaryObject({
                NameObject("/Type"): NameObject("/Annot"),
                NameObject("/Subtype"): NameObject("/Link"),
                NameObject("/Rect"): ArrayObject([FloatObject(v) for v in (link.left, height - link.bottom,
                                                                           link.right, height - link.top)]),
                NameObject("/Border"): ArrayObject([NumberObject(0)] * 3),
                NameObject("/Dest"): destination(link.target, 0.0),
            })))
        page_dict[NameObject("/Annots")] = annotations
        objects[pages[number].idnum] = page_dict
    shutil.copyfile(source, out)
    with out.open("ab") as stream:
        _append(stream, objects, reader.trailer, next_number, _startxref(source))


def _by_page(links: Sequence[Link]) -> dict[int, list[Link]]:
    grouped: dict[int, list[Link]] = {}
    for link in links:
        grouped.setdefault(link.page, []).append(link)
    return grouped


def _append(stream: Any, objects: dict[int, Any], trailer: Any, size: int, previous: int) -> None:
    """The incremental update: each object, a cross-reference section for them, and a trailer whose
    /Prev points at the file's earlier cross-references."""
    from pypdf.generic import DictionaryObject, NameObject, NumberObject

    offsets: dict[int, int] = {}
    position = stream.tell()
    stream.write(b"\n")
    position += 1
    for number in sorted(objects):
        chunk = io.BytesIO()
        chunk.write(f"{number} 0 obj\n".encode())
        objects[number].write_to_stream(chunk)
        chunk.write(b"\nendobj\n")
        offsets[number] = position
        stream.write(chunk.getvalue())
        position += len(chunk.getvalue())
    xref = position
    lines = [b"xref\n0 1\n0000000000 65535 f \n"]  # the free-list head, which readers expect first
    numbers = sorted(offsets)
    start = 0
    while start < len(numbers):  # consecutive object numbers share one subsection
        end = start
        while end + 1 < len(numbers) and numbers[end + 1] == numbers[end] + 1:
            end += 1
        lines.append(f"{numbers[start]} {end - start + 1}\n".encode())
        lines += [f"{offsets[n]:010d} 00000 n \n".encode() for n in numbers[start:end + 1]]
        start = end + 1
    stream.write(b"".join(lines))
    new_trailer = DictionaryObject({key: value for key, value in trailer.items() if key not in ("/Prev", "/XRefStm")})
    new_trailer[NameObject("/Size")] = NumberObject(size)
    new_trailer[NameObject("/Prev")] = NumberObject(previous)
    stream.write(b"trailer\n")
    new_trailer.write_to_stream(stream)
    stream.write(f"\nstartxref\n{xref}\n%%EOF\n".encode())


def _startxref(path: Path) -> int:
    """Where the file's last cross-reference section starts (the number after its last `startxref`)."""
    with path.open("rb") as stream:
        stream.seek(max(0, path.stat().st_size - 1024))
        tail = stream.read()
    return int(tail[tail.rindex(b"startxref") + len(b"startxref"):].split()[0])
