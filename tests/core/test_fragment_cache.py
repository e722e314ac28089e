"""Stored HTML fragments: read back only by the code that wrote them, never wrong, never an error."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core import fragment_cache, markup
from desktop.core.fragment_cache import Fragments, code_key, key
from desktop.core.markup import MathSpan, Rendered

ONE = Rendered('<p>Loss <img src="math:0"></p>', (MathSpan("L(\\theta)", False),))
TWO = Rendered("<p>two</p>", ())


def test_what_an_export_rendered_is_there_for_the_next_one(tmp_path: Path) -> None:
    path = tmp_path / "cache" / fragment_cache.FILE_NAME
    first = Fragments("code-1", path)
    assert first.get(key("full", "q1")) is None
    first.put(key("full", "q1"), ONE)
    assert first.save() and path.is_file()
    assert Fragments("code-1", path).get(key("full", "q1")) == ONE
    assert Fragments("code-1", path).get(key("cheat-sheet", "q1")) is None  # the layout is part of the key


def test_fragments_written_by_other_code_are_not_read(tmp_path: Path) -> None:
    path = tmp_path / fragment_cache.FILE_NAME
    mine = Fragments("code-1", path)
    mine.put("k", ONE)
    mine.save()
    assert Fragments("code-2", path).get("k") is None
    assert Fragments(None, path).get("k") is None  # the code could not be read: nothing is trusted


@pytest.mark.parametrize("damage", [lambda b: b[:-10], lambda b: b[:20], lambda b: b"junk", lambda b: b[:-3] + b"xyz"])
def test_a_damaged_file_is_a_miss_and_is_replaced(tmp_path: Path, damage) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / fragment_cache.FILE_NAME
    mine = Fragments("code", path)
    mine.put("k", ONE)
    mine.save()
    path.write_bytes(damage(path.read_bytes()))
    again = Fragments("code", path)
    assert again.get("k") is None
    again.put("k", TWO)
    assert again.save() and Fragments("code", path).get("k") == TWO


def test_nothing_new_writes_nothing_and_a_shipped_file_is_only_read(tmp_path: Path) -> None:
    shipped = tmp_path / "shipped.cache"
    maker = Fragments("code", shipped)
    maker.put("k", ONE)
    maker.save()
    before = shipped.stat().st_mtime_ns
    mine = tmp_path / "mine.cache"
    reader = Fragments("code", mine, [shipped])
    assert reader.get("k") == ONE and not reader.save() and not mine.exists()  # all found: nothing to save
    reader.put("new", TWO)
    assert reader.save()
    assert shipped.stat().st_mtime_ns == before
    only_mine = Fragments("code", mine)
    assert only_mine.get("new") == TWO and only_mine.get("k") is None  # the shipped one is not copied


def test_a_folder_that_cannot_be_written_is_no_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    fragments = Fragments("code", blocker / "sub" / fragment_cache.FILE_NAME)
    fragments.put("k", ONE)
    assert not fragments.save()


def test_a_full_file_keeps_what_the_last_export_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fragment_cache, "MAX_ENTRIES", 3)
    path = tmp_path / fragment_cache.FILE_NAME
    old = Fragments("code", path)
    for name in ("a", "b", "c"):
        old.put(name, ONE)
    old.save()
    export = Fragments("code", path)
    assert export.get("a") == ONE
    export.put("d", TWO)
    export.save()
    kept = Fragments("code", path)
    assert [kept.get(name) for name in "abcd"] == [ONE, None, None, TWO]


def test_the_code_key_follows_the_modules_and_the_versions(tmp_path: Path) -> None:
    assert code_key([markup], ["1.0"]) == code_key([markup], ["1.0"])
    assert code_key([markup], ["1.0"]) != code_key([markup], ["1.1"])
    assert code_key([markup], ["1.0"]) != code_key([markup, fragment_cache], ["1.0"])

    class Gone:
        __file__ = str(tmp_path / "missing.py")

    assert code_key([Gone()], []) is None  # type: ignore[list-item]
