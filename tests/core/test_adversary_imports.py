"""Awkward things users import: Markdown decks written by hand, and a Cancel pressed late."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.bank import Bank
from desktop.core.importer import DECKS_DIR, ImportFailed, deck_roots, import_path

FRONT = "---\nid: {id}\ndifficulty: easy\n---\n"


def deck(tmp_path: Path, files: dict[str, str]) -> Path:
    src = tmp_path / "my-deck"
    src.mkdir()
    for qid, body in files.items():
        (src / f"{qid}.md").write_text(FRONT.format(id=qid) + body, encoding="utf-8")
    return src


def test_a_question_written_over_two_lines_is_refused_rather_than_cut_to_its_first(tmp_path: Path) -> None:
    """A hand-written question whose second line sat under the title, before ## Answer, imported without it:
    the line was dropped without a word. Now the file is refused, naming the line and what to do with it."""
    src = deck(tmp_path, {
        "two-lines": "# Explain the bias-variance tradeoff\nThen give an example with a decision tree.\n\n"
                     "## Answer\nIt splits the error.\n\n## Key points\n- bias\n",
        "fine": "# A fine question?\n\n## Answer\nYes.\n\n## Key points\n- yes\n",
    })
    with pytest.raises(ImportFailed) as failed:
        import_path(src, tmp_path / "data", Bank((), ()))
    message = str(failed.value)
    assert message.splitlines()[0].startswith(f"{src / 'two-lines.md'}:6: text between the title and the first "
                                              "section")
    assert "title line" in message and "fine.md" not in message
    assert deck_roots(tmp_path / "data") == []


def test_a_section_heading_with_the_wrong_number_of_hashes_is_named_at_its_line(tmp_path: Path) -> None:
    """'### Answer' was skipped with its text, and the problem said only that ## Answer was missing, at the
    file's last line; a lower-case '## answer' listed every section name. Both now say what to write."""
    src = deck(tmp_path, {
        "deep": "# Why normalise inputs?\n\n### Answer\nFaster, steadier training.\n\n## Key points\n- speed\n",
        "lower": "# What is dropout?\n\n## answer\nRandomly zeroing units.\n\n## Key points\n- noise\n",
    })
    with pytest.raises(ImportFailed) as failed:
        import_path(src, tmp_path / "data", Bank((), ()))
    lines = str(failed.value).splitlines()
    assert f"{src / 'deep.md'}:7: a section heading takes two '#': write '## Answer'" in lines
    assert f"{src / 'lower.md'}:7: unknown section 'answer' (write '## Answer')" in lines
    assert sum("deep.md" in line for line in lines) == 2  # that line, then the missing section: no line each


def test_cancel_pressed_while_the_deck_is_read_back_still_imports_nothing(tmp_path: Path) -> None:
    """Cancel was polled while questions were read and written, but not during the read-back check that follows
    (1.5 s of a 7 s import at 10,000 questions): a Cancel pressed then was ignored and the deck went in."""
    src = tmp_path / "cards.csv"
    src.write_text("question,answer,category\n" + "".join(f"Question {i}?,Answer {i}.,Cards\n" for i in range(300)),
                   encoding="utf-8")
    data = tmp_path / "data"

    def cancelled() -> bool:  # True once the staged deck is complete (its categories last), i.e. while read back
        return any((data / DECKS_DIR).glob(".staging-*/categories.yaml"))

    with pytest.raises(ImportFailed, match="cancelled; nothing was imported"):
        import_path(src, data, Bank((), ()), cancelled=cancelled)
    assert deck_roots(data) == [] and list((data / DECKS_DIR).iterdir()) == []  # no deck, no staging folder
    assert import_path(src, data, Bank((), ())).questions == 300  # not cancelled: the same file goes in
