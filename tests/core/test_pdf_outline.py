"""Bookmarks and links appended to a finished PDF, read back by pypdf as a viewer would."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader, PdfWriter

from desktop.core.pdf_outline import Bookmark, Link, add_outline


def blank_pdf(path: Path, pages: int) -> None:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    with path.open("wb") as stream:
        writer.write(stream)


def test_bookmarks_nest_and_point_at_their_pages_and_the_original_file_is_kept(tmp_path: Path) -> None:
    source, out = tmp_path / "in.pdf", tmp_path / "out.pdf"
    blank_pdf(source, 4)
    marks = [Bookmark("Contents", 0, 0.0),
             Bookmark("Trees – λ and ≤", 1, 40.0, (Bookmark("How does a tree split?", 1, 80.0),
                                                   Bookmark("Why do forests work?", 3, 500.0)))]
    add_outline(source, out, marks, [Link(0, 50, 100, 300, 115, 1)])

    assert out.read_bytes().startswith(source.read_bytes())  # an incremental update: Qt's pages stay as written
    reader = PdfReader(out, strict=True)
    assert reader.page_mode == "/UseOutlines"
    contents, trees, children = reader.outline
    assert (contents.title, reader.get_destination_page_number(contents)) == ("Contents", 0)
    assert (trees.title, reader.get_destination_page_number(trees)) == ("Trees – λ and ≤", 1)
    assert [(c.title, reader.get_destination_page_number(c)) for c in children] == [
        ("How does a tree split?", 1), ("Why do forests work?", 3)]
    assert float(children[1].top) == 842 - 500  # the top of the question's heading, in PDF coordinates
    (annotation,) = [a.get_object() for a in reader.pages[0]["/Annots"]]
    assert annotation["/Subtype"] == "/Link"
    assert [float(v) for v in annotation["/Rect"]] == [50, 842 - 115, 300, 842 - 100]
    assert [p.indirect_reference for p in reader.pages].index(annotation["/Dest"][0]) == 1  # the link's page
