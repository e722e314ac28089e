"""The prepared bank: used only while it is exactly the bank the files hold; anything else is a miss and a parse."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from desktop.core import bank_cache
from desktop.core.bank import Bank, load_bank
from desktop.core.bank_cache import BankCache, CacheFiles, Preparation
from desktop.core.search import SearchIndex

CATEGORIES = "- id: basics\n  title: Basics\n- id: models\n  title: Models\n"


def question(qid: str, category: str, answer: str) -> str:
    return (f"---\nid: {qid}\ncategory: {category}\ndifficulty: easy\ntags: [t]\n---\n# What is {qid}?\n\n"
            f"## Answer\n{answer}\n\n## Key points\n- a point about {qid}\n")


def write_bank(root: Path, answers: dict[str, str] | None = None) -> Path:
    answers = answers or {"bias": "Error from wrong assumptions.", "variance": "Error from sensitivity.",
                          "ridge": "Shrinks weights with an L2 penalty."}
    (root / "basics").mkdir(parents=True, exist_ok=True)
    (root / "models").mkdir(exist_ok=True)
    (root / "categories.yaml").write_text(CATEGORIES, encoding="utf-8")
    for qid, answer in answers.items():
        category = "models" if qid == "ridge" else "basics"
        (root / category / f"{qid}.md").write_text(question(qid, category, answer), encoding="utf-8")
    return root


def parse_counting(root: Path, calls: list[int]):  # type: ignore[no-untyped-def]
    def parse(breathe) -> Bank:  # type: ignore[no-untyped-def]
        calls.append(1)
        return load_bank(root, (), breathe)

    return parse


def prepared_cache(tmp_path: Path) -> tuple[Path, Path]:
    root = write_bank(tmp_path / "content")
    path = tmp_path / "cache" / "bank.cache"
    bank = load_bank(root)
    index = SearchIndex()
    index.add(bank.questions)
    assert BankCache([root]).write(path, bank, index.snapshot())
    return root, path


def test_a_cache_of_unchanged_content_gives_the_same_bank_and_a_working_index(tmp_path: Path) -> None:
    root, path = prepared_cache(tmp_path)
    found = BankCache([root]).read(path)
    assert found is not None
    assert found.bank == load_bank(root)  # every field of every question, the problems and categories too
    assert found.bank.get("ridge") is not None and found.bank.get("ridge").path == str(root / "models" / "ridge.md")
    assert found.index.search("penalty") == ["ridge"]
    found.index.set_note("bias", "my mnemonic: underfitting")
    assert found.index.search("mnemonic") == ["bias"]


def test_an_edited_question_makes_the_cache_stale_and_the_edit_is_what_loads(tmp_path: Path) -> None:
    root, path = prepared_cache(tmp_path)
    (root / "models" / "ridge.md").write_text(question("ridge", "models", "Now with an elastic net."), encoding="utf-8")
    cache = BankCache([root])
    assert cache.read(path) is None and cache.miss == "the content changed"
    calls: list[int] = []
    prep = Preparation([root], CacheFiles(None, path), parse_counting(root, calls))
    assert calls == [1] and prep.source is None
    assert prep.bank.get("ridge").answer == "Now with an elastic net."
    assert prep.index.search("elastic") == ["ridge"] and prep.index.search("penalty") == []
    prep.write()  # the stale file is replaced, and read back
    again = Preparation([root], CacheFiles(None, path), parse_counting(root, calls))
    assert calls == [1] and again.source == path and again.bank.get("ridge").answer == "Now with an elastic net."


@pytest.mark.parametrize("change", ["new file", "removed file", "renamed category", "deck added"])
def test_added_removed_or_renamed_files_are_stale_too(tmp_path: Path, change: str) -> None:
    root, path = prepared_cache(tmp_path)
    roots = [root]
    if change == "new file":
        (root / "basics" / "noise.md").write_text(question("noise", "basics", "Irreducible error."), encoding="utf-8")
    elif change == "removed file":
        (root / "basics" / "variance.md").unlink()
    elif change == "renamed category":
        (root / "categories.yaml").write_text(CATEGORIES.replace("Models", "Linear models"), encoding="utf-8")
    else:
        roots.append(write_bank(tmp_path / "deck", {"lasso": "L1."}))
    assert BankCache(roots).read(path) is None


@pytest.mark.parametrize("damage", ["truncated", "garbage", "flipped byte", "empty", "header only"])
def test_a_damaged_cache_file_is_a_miss_and_the_bank_is_parsed(tmp_path: Path, damage: str) -> None:
    root, path = prepared_cache(tmp_path)
    data = path.read_bytes()
    damaged = {
        "truncated": data[: len(data) // 2],
        "garbage": b"\x00\x01 not a cache at all" * 100,
        "flipped byte": data[:-5000] + bytes([data[-5000] ^ 0x40]) + data[-4999:],
        "empty": b"",
        "header only": data[: data.index(b"\n", len(bank_cache.MAGIC)) + 1],
    }[damage]
    path.write_bytes(damaged)
    cache = BankCache([root])
    assert cache.read(path) is None
    assert cache.miss
    calls: list[int] = []
    prep = Preparation([root], CacheFiles(None, path), parse_counting(root, calls))
    assert calls == [1] and prep.bank == load_bank(root)


def test_a_cache_written_by_other_code_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A new app version may parse the same files differently (a new section, say): its own parse wins."""
    root, path = prepared_cache(tmp_path)
    bank_cache.code_key.cache_clear()
    monkeypatch.setattr(bank_cache, "FORMAT", bank_cache.FORMAT + 1)
    try:
        cache = BankCache([root])
        assert cache.read(path) is None and cache.miss == "written by other code"
    finally:
        bank_cache.code_key.cache_clear()


def test_a_cache_made_elsewhere_points_at_the_files_where_they_are_now(tmp_path: Path) -> None:
    """The packaged cache is built on another machine: paths are stored relative to their root."""
    root, path = prepared_cache(tmp_path)
    moved = tmp_path / "installed" / "content"
    shutil.copytree(root, moved)
    found = BankCache([moved]).read(path)
    assert found is not None
    assert {q.path for q in found.bank.questions} == {str(moved / "basics" / "bias.md"),
                                                       str(moved / "basics" / "variance.md"),
                                                       str(moved / "models" / "ridge.md")}


def test_a_snapshot_of_another_bank_is_refused() -> None:
    one = SearchIndex()
    one.add(load_bank(Path("no-such-folder")).questions)
    with pytest.raises(ValueError):
        SearchIndex.restore(load_bank(Path("no-such-folder")).questions, b"not a database")


def test_notes_are_indexed_over_a_cached_bank_and_many_are_kept_in_the_data_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root, shared = prepared_cache(tmp_path)
    mine = tmp_path / "data" / "cache" / "bank.cache"
    files = CacheFiles(mine, shared)
    calls: list[int] = []
    notes = {"bias": "note about bias", "variance": "note about variance",
             "not-in-the-bank": "kept in the store, not indexed"}

    first = Preparation([root], files, parse_counting(root, calls))
    assert first.source == shared and calls == []
    assert first.add_notes(notes) == 2
    assert sorted(first.index.search("note")) == ["bias", "variance"]
    first.write()
    assert not mine.exists()  # two changed notes are cheap to index again at every start: not worth a file

    monkeypatch.setattr(bank_cache, "REWRITE_AFTER", 2)
    second = Preparation([root], files, parse_counting(root, calls))
    assert second.add_notes(notes) == 2
    second.write()
    assert mine.exists()

    third = Preparation([root], files, parse_counting(root, calls))
    assert third.source == mine and calls == []
    assert third.add_notes(notes) == 0  # the data folder's file already holds these notes
    assert sorted(third.index.search("note")) == ["bias", "variance"]
    assert third.add_notes({"bias": "changed"}) == 2  # one edited, one deleted since
    assert third.index.search("note") == [] and third.index.search("changed") == ["bias"]


def test_the_data_folder_cache_is_not_written_when_told_not_to(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Read-only data (another copy owns the folder, or it cannot be written): nothing is written into it."""
    root, shared = prepared_cache(tmp_path)
    mine = tmp_path / "data" / "cache" / "bank.cache"
    monkeypatch.setattr(bank_cache, "REWRITE_AFTER", 1)
    prep = Preparation([root], CacheFiles(mine, shared), lambda breathe: load_bank(root))
    assert prep.add_notes({"ridge": "mine"}, keep=False) == 1
    prep.write()
    assert not mine.exists() and prep.index.search("mine") == ["ridge"]


def test_a_folder_that_cannot_be_written_is_no_error(tmp_path: Path) -> None:
    root = write_bank(tmp_path / "content")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    prep = Preparation([root], CacheFiles(None, blocker / "bank.cache"), lambda breathe: load_bank(root))
    prep.write()  # nothing raised, nothing written
    assert blocker.is_file() and prep.bank == load_bank(root)


def test_a_stale_data_folder_cache_with_few_notes_is_removed_not_read_at_every_launch(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root, shared = prepared_cache(tmp_path)
    mine = tmp_path / "data" / "cache" / "bank.cache"
    monkeypatch.setattr(bank_cache, "REWRITE_AFTER", 1)
    first = Preparation([root], CacheFiles(mine, shared), lambda breathe: load_bank(root))
    first.add_notes({"bias": "a note"})
    first.write()
    assert mine.exists()
    (root / "models" / "ridge.md").write_text(question("ridge", "models", "Edited."), encoding="utf-8")
    monkeypatch.setattr(bank_cache, "REWRITE_AFTER", 16)
    again = Preparation([root], CacheFiles(mine, shared), lambda breathe: load_bank(root))
    assert again.source is None and again.bank.get("ridge").answer == "Edited."
    assert again.add_notes({"bias": "a note"}) == 1
    assert not mine.exists()  # refused for the edit, and one note is not worth writing it again


def test_old_shared_files_are_pruned_to_the_newest_few_and_nothing_else_is_touched(tmp_path: Path) -> None:
    """Each list of roots (each set of imported decks) has its own ~7 MB shared file: they piled up forever."""
    import os

    root = write_bank(tmp_path / "bank")
    shared_dir = tmp_path / "cache"
    shared_dir.mkdir()
    old = [shared_dir / f"bank-{n:012x}.cache" for n in range(5)]
    for age, path in enumerate(old):  # old[0] the newest of them, old[4] the oldest
        path.write_bytes(b"stale")
        os.utime(path, (1_700_000_000 - age * 86_400, 1_700_000_000 - age * 86_400))
    unrelated = shared_dir / "notes-i-keep-here.txt"
    unrelated.write_text("not ours", encoding="utf-8")
    shared = shared_dir / bank_cache.shared_name([root])
    calls: list[int] = []

    prep = Preparation([root], CacheFiles(None, shared), parse_counting(root, calls))
    assert calls == [1]  # no cache yet: parsed, and the shared file written afterwards
    prep.write()
    left = sorted(p.name for p in shared_dir.iterdir())
    assert left == sorted([shared.name, old[0].name, old[1].name, unrelated.name])
    assert Preparation([root], CacheFiles(None, shared), parse_counting(root, calls)).source == shared
