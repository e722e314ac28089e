"""`mlcoach export` and `mlcoach import` as a user runs them in a terminal."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.core.bank import load_bank
from desktop.core.store import DB_NAME, Store
from desktop.paths import content_dir
from tests.conftest import REPO, bundled_bank

pytestmark = pytest.mark.e2e


def mlcoach(*args: str, env_data: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "MLCOACH_DATA_DIR": str(env_data)}
    return subprocess.run([sys.executable, "-m", "desktop", *args], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=120)


def test_export_every_format_from_the_command_line_and_a_pdf_chooses_its_layout(tmp_path: Path,
                                                                                 isolated_data: Path) -> None:
    from pypdf import PdfReader

    isolated_data.mkdir(parents=True)
    Store.open(isolated_data / DB_NAME).note_store.save_note("bias-variance-tradeoff", "decompose, then symptoms")
    n = len(bundled_bank().in_category("fundamentals"))
    for fmt, name, expect in (("notes", "n.md", "Wrote 1 note to"), ("csv", "a.csv", f"Wrote {n} questions"),
                              ("anki", "a.apkg", f"Wrote {n} cards"), ("pdf", "a.pdf", f"Wrote {n} questions")):
        result = mlcoach("export", fmt, str(tmp_path / name), "--category", "fundamentals", env_data=isolated_data)
        assert result.returncode == 0, result.stderr
        assert expect in result.stdout and (tmp_path / name).stat().st_size > 0
    assert "decompose, then symptoms" in (tmp_path / "n.md").read_text(encoding="utf-8")
    # The questions' HTML is kept for the next PDF export (a source tree ships none).
    assert (tmp_path / "xdg-cache" / "ml-interview-coach" / "pdf-fragments.cache").is_file()
    bad = mlcoach("export", "csv", str(tmp_path / "x.csv"), "--category", "nope", env_data=isolated_data)
    assert bad.returncode == 2 and "no category 'nope'" in bad.stderr
    # The PDF above is the full layout, the default; --layout cheat-sheet gives the cheat sheet.
    sheet = mlcoach("export", "pdf", str(tmp_path / "sheet.pdf"), "--category", "fundamentals", "--layout",
                    "cheat-sheet", env_data=isolated_data)
    assert sheet.returncode == 0, sheet.stderr
    assert f"Wrote {n} questions" in sheet.stdout
    for name, title in (("a.pdf", "ML Interview Coach: questions and answers"),
                        ("sheet.pdf", "ML Interview Coach: cheat sheet")):
        reader = PdfReader(tmp_path / name)
        assert reader.metadata.title == title
        assert len(reader.outline) == 2  # the category, then its questions
    assert len(PdfReader(tmp_path / "sheet.pdf").pages) * 3 < len(PdfReader(tmp_path / "a.pdf").pages)
    wrong = mlcoach("export", "csv", str(tmp_path / "x.csv"), "--layout", "cheat-sheet", env_data=isolated_data)
    assert wrong.returncode == 2 and "--layout is for pdf exports" in wrong.stderr


def test_import_honours_data_dir_after_the_subcommand(tmp_path: Path, isolated_data: Path) -> None:
    src = tmp_path / "cards.csv"
    src.write_text("question,answer,category\nWhat is a widget?,A small thing. Often useful.,Gadgets\n",
                   encoding="utf-8")
    chosen = tmp_path / "chosen"
    result = mlcoach("import", str(src), "--data-dir", str(chosen), env_data=isolated_data)
    assert result.returncode == 0, result.stderr
    assert (chosen / "decks" / "cards" / "gadgets" / "what-is-a-widget.md").is_file()
    assert not (isolated_data / "decks").exists()  # the flag won over the environment
    started = mlcoach("--smoke-test", "--data-dir", str(chosen), env_data=isolated_data)
    bundled = len(bundled_bank().questions)
    assert f"{bundled + 1} questions" in started.stdout  # the deck loads beside the bundled bank
    broken = tmp_path / "broken.csv"
    broken.write_text("question,answer\nQ?,A.\n", encoding="utf-8")
    failed = mlcoach("import", str(broken), "--data-dir", str(chosen), env_data=isolated_data)
    assert failed.returncode == 1 and "Nothing was imported" in failed.stderr and "missing: category" in failed.stderr


def test_an_export_aimed_at_the_live_database_is_refused_and_the_database_untouched(isolated_data: Path) -> None:
    isolated_data.mkdir(parents=True)
    store = Store.open(isolated_data / DB_NAME)
    store.note_store.save_note("bias-variance-tradeoff", "must survive")
    store.close()
    before = (isolated_data / DB_NAME).read_bytes()
    result = mlcoach("export", "csv", str(isolated_data / DB_NAME), env_data=isolated_data)
    assert result.returncode == 2 and "inside your data folder" in result.stderr
    assert (isolated_data / DB_NAME).read_bytes() == before
    weakest = mlcoach("export", "csv", "x.csv", "--weakest", "-5", env_data=isolated_data)
    assert weakest.returncode == 2 and "must be 1 or more" in weakest.stderr


@pytest.mark.parametrize("fmt", ["csv", "pdf"])
def test_an_export_over_a_read_only_file_is_refused_and_the_file_kept(tmp_path: Path, isolated_data: Path,
                                                                       fmt: str) -> None:
    target = tmp_path / f"mine.{fmt}"
    target.write_text("the user's own file", encoding="utf-8")
    target.chmod(0o444)  # read-only by its mode (as root, writes would go through: the mode itself is checked)
    assert not target.stat().st_mode & 0o222
    result = mlcoach("export", fmt, str(target), env_data=isolated_data)
    assert result.returncode != 0 and result.stdout == ""
    assert result.stderr.strip() == f"mlcoach: {target} is read-only; choose another name or make it writable"
    assert target.read_text(encoding="utf-8") == "the user's own file" and not target.stat().st_mode & 0o222
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("mine")] == [target.name]  # no .partial


def test_an_anki_deck_imports_from_the_command_line_and_a_newer_export_updates_it(isolated_data: Path) -> None:
    fixtures = REPO / "tests" / "fixtures" / "anki"
    first = mlcoach("import", str(fixtures / "ml-deck.apkg"), env_data=isolated_data)
    assert first.returncode == 0, first.stderr
    assert "Imported 4 questions as the deck 'ml-deck'." in first.stdout
    assert "Not imported: 1 cloze note; 1 image-occlusion note; 2 media files (images, sounds)" in first.stdout
    assert "A backup was made first" in first.stdout and list((isolated_data / "backups").iterdir())
    again = mlcoach("import", str(fixtures / "ml-deck-v2.apkg"), env_data=isolated_data)
    assert again.returncode == 0, again.stderr
    assert "Updated the deck 'ml-deck': 4 questions updated, 1 added." in again.stdout
    deck = load_bank(isolated_data / "decks" / "ml-deck")
    assert deck.problems == () and len(deck.questions) == 5
    started = mlcoach("--smoke-test", env_data=isolated_data)
    assert f"{len(bundled_bank().questions) + 5} questions" in started.stdout
    text = mlcoach("import", str(fixtures / "ml-deck.txt"), "--name", "from text", env_data=isolated_data)
    assert text.returncode == 0 and "Updated the deck 'ml-deck'" in text.stdout  # the GUIDs find the same deck


def test_a_csv_export_imports_back_from_the_command_line(tmp_path: Path, isolated_data: Path) -> None:
    out = tmp_path / "fundamentals.csv"
    exported = mlcoach("export", "csv", str(out), "--category", "fundamentals", env_data=isolated_data)
    assert exported.returncode == 0, exported.stderr
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    bare = tmp_path / "for-scripts.csv"
    assert mlcoach("export", "csv", str(bare), "--no-bom", "--category", "fundamentals",
                   env_data=isolated_data).returncode == 0
    assert bare.read_bytes().startswith(b"id,category,category_id,difficulty,question,answer,key_points")
    imported = mlcoach("import", str(out), env_data=isolated_data)
    assert imported.returncode == 0, imported.stderr
    bundled = bundled_bank().in_category("fundamentals")
    assert f"Imported {len(bundled)} questions as the deck 'fundamentals'." in imported.stdout
    deck = load_bank(isolated_data / "decks" / "fundamentals")
    for q in bundled:  # every question back, word for word, under the deck's name (the bank has its ids)
        back = deck.get(f"fundamentals-{q.id}")
        assert back is not None and (back.title, back.answer, back.key_points, back.formula, back.pitfalls,
                                     back.follow_ups, back.code, back.tags) == (
            q.title, q.answer, q.key_points, q.formula, q.pitfalls, q.follow_ups, q.code, q.tags)


def test_prepare_bank_writes_the_cache_the_package_ships(tmp_path: Path, isolated_data: Path) -> None:
    """`make package` runs this with the built bundle; from source it fills the user's cache instead. Run again
    over current files it keeps them and renders nothing (it used to say "could not write" and exit 1)."""
    from desktop.core.bank_cache import BankCache
    from desktop.core.export_formats import CHEAT_SHEET, FULL
    from desktop.core.fragment_cache import FILE_NAME, Fragments
    from desktop.ui.pdf_content import fragment_key, fragments_code, question_part

    bank = bundled_bank()
    both = 2 * len(bank.questions)  # every question in both layouts
    out = tmp_path / "bank.cache"
    result = mlcoach("prepare-bank", str(out), env_data=isolated_data)
    assert result.returncode == 0, result.stderr
    found = BankCache([content_dir()]).read(out)
    assert found is not None and found.bank == bank
    # Beside it, every question's HTML for a PDF in both layouts: the first export renders none of them.
    assert f"{both} PDF fragments in {tmp_path / FILE_NAME}: {both} rendered, 0 already current" in result.stdout
    fragments = Fragments(fragments_code(), None, [tmp_path / FILE_NAME])
    for layout in (FULL, CHEAT_SHEET):
        assert all(fragments.get(fragment_key(q, layout)) == question_part(q, layout) for q in bank.questions)
    # No file named: where a source launch looks first. Its folder already holds those fragments, as after an
    # earlier run: they are found there, current, and kept (so the run above is the one rendering them all).
    cache = tmp_path / "xdg-cache" / "ml-interview-coach"
    cache.mkdir(parents=True)
    shutil.copy2(tmp_path / FILE_NAME, cache / FILE_NAME)
    default = mlcoach("prepare-bank", env_data=isolated_data)
    assert default.returncode == 0, default.stderr
    assert list(cache.glob("bank-*.cache"))
    assert f"{both} PDF fragments in {cache / FILE_NAME}: 0 rendered, {both} already current" in default.stdout
    assert (cache / FILE_NAME).read_bytes() == (tmp_path / FILE_NAME).read_bytes()


def test_an_export_to_a_folder_or_to_no_name_is_refused_at_once_without_a_traceback(tmp_path: Path,
                                                                                    isolated_data: Path) -> None:
    """`mlcoach export csv .` (or "", or a folder) used to end in a ValueError traceback or, after the whole
    export was made, "Is a directory"."""
    folder = tmp_path / "out"
    folder.mkdir()
    for fmt, target in (("csv", "."), ("anki", ""), ("notes", str(folder)), ("pdf", str(folder) + "/")):
        result = subprocess.run([sys.executable, "-m", "desktop", "export", fmt, target], cwd=folder,
                                env={**os.environ, "QT_QPA_PLATFORM": "offscreen",
                                     "MLCOACH_DATA_DIR": str(isolated_data), "PYTHONPATH": str(REPO)},
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == 2, (target, result.stderr)
        assert "Traceback" not in result.stderr and "is a folder" in result.stderr, result.stderr
    assert list(folder.iterdir()) == []  # nothing written, not even a .partial


def test_a_pdf_that_cannot_be_written_says_why_in_one_line(tmp_path: Path, isolated_data: Path) -> None:
    """A PDF aimed into a folder that does not exist printed thousands of "QPainter: Painter not active" lines
    (the whole document painted into nothing) before its message."""
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    for target, reason in ((tmp_path / "missing" / "x.pdf", "No such file or directory"),
                           (blocker / "x.pdf", "Not a directory")):
        result = mlcoach("export", "pdf", str(target), "--category", "clustering-unsupervised",
                         env_data=isolated_data)
        assert result.returncode == 1
        assert result.stderr.strip().splitlines() == [f"mlcoach: Could not write {target}: {reason}"]
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith("partial")) == []


def test_an_import_into_a_database_from_a_newer_version_says_so(tmp_path: Path, isolated_data: Path) -> None:
    """It said "<folder> cannot be written", sending the user to fix permissions that were fine."""
    import sqlite3

    isolated_data.mkdir(parents=True)
    Store.open(isolated_data / DB_NAME).close()
    with sqlite3.connect(isolated_data / DB_NAME) as db:
        db.execute("PRAGMA user_version = 999")
    db.close()
    src = tmp_path / "cards.csv"
    src.write_text("question,answer,category\nWhat is a widget?,A small thing.,Gadgets\n", encoding="utf-8")
    result = mlcoach("import", str(src), env_data=isolated_data)
    assert result.returncode == 1
    assert "written by a newer version" in result.stderr and "cannot be written" not in result.stderr
    assert result.stderr.rstrip().endswith("mlcoach: nothing was imported")
    assert not (isolated_data / "decks").exists()


def test_an_import_of_an_empty_path_asks_for_one_rather_than_reading_the_current_folder(tmp_path: Path,
                                                                                      isolated_data: Path) -> None:
    (tmp_path / "stray.csv").write_text("question,answer\nWhat is a stray?,A file nobody meant to import.\n",
                                        encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "MLCOACH_DATA_DIR": str(isolated_data),
           "PYTHONPATH": str(REPO)}
    result = subprocess.run([sys.executable, "-m", "desktop", "import", ""], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and result.stderr.strip() == "mlcoach: name the file or folder to import"
    assert not (isolated_data / "decks").exists()  # nothing became a deck


def test_help_names_every_command_a_user_can_run_and_nothing_internal(isolated_data: Path) -> None:
    """`mlcoach --help` once listed `prepare-bank  ==SUPPRESS==` (argparse's hidden-help marker printed as
    text) and left `exercise` out of the usage line's list of commands."""
    result = mlcoach("--help", env_data=isolated_data)
    assert result.returncode == 0, result.stderr
    usage, _, rest = result.stdout.partition("\n\n")
    listed = [line.split()[0] for line in rest.splitlines() if line.startswith("    ") and not line.startswith("     ")]
    assert listed == ["check-content", "export", "import", "exercise"], rest
    assert "{" + ",".join(listed) + "}" in usage.replace("\n", "").replace(" ", "")
    assert "SUPPRESS" not in result.stdout and "prepare-bank" not in result.stdout
    assert mlcoach("exercise", "--help", env_data=isolated_data).returncode == 0  # every listed command answers


def test_an_unknown_command_lists_the_commands_a_user_can_run_and_nothing_internal(isolated_data: Path) -> None:
    result = mlcoach("frobnicate", env_data=isolated_data)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.splitlines()[-1].endswith(
        "invalid choice: 'frobnicate' (choose from 'check-content', 'export', 'import', 'exercise')"), result.stderr
    assert "prepare-bank" not in result.stderr


def test_an_anki_export_is_a_valid_deck_and_imports_back_into_its_categories(tmp_path: Path,
                                                                               isolated_data: Path) -> None:
    """A deck exported to Anki (to study on a phone, or to pass to a friend) came back as one category named
    after the deck, every difficulty medium, and each answer ending in '**Category** …' and '**Id** …'."""
    import json
    import sqlite3
    import zipfile

    src = tmp_path / "my cards ü.csv"
    src.write_text('question,answer,category,difficulty,code,tags\n'
                   '"Why subtract $\\max_j z_j$ in softmax?","So $e^{z}$ cannot overflow when $a<b$ & ""big"".",'
                   '"Tricks, ""numeric"" & <stable>",hard,"z = z - z.max()  # <keep> & ""safe""",math\n'
                   'What does עברית say? 🚀,Right to left text.,Other deck,easy,,\n', encoding="utf-8")
    assert mlcoach("import", str(src), env_data=isolated_data).returncode == 0
    deck_file = tmp_path / "out ü" / "für Anki.apkg"
    deck_file.parent.mkdir()
    exported = mlcoach("export", "anki", str(deck_file), "--category", "tricks-numeric-stable", env_data=isolated_data)
    assert exported.returncode == 0, exported.stderr
    with zipfile.ZipFile(deck_file) as package:  # as Anki opens it
        assert json.loads(package.read("media")) == {}
        package.extract("collection.anki2", tmp_path)
    db = sqlite3.connect(tmp_path / "collection.anki2")
    models = json.loads(db.execute("SELECT models FROM col").fetchone()[0])
    (model,) = models.values()
    names = [f["name"] for f in model["flds"]]
    (flds,) = db.execute("SELECT flds FROM notes").fetchone()
    fields = dict(zip(names, flds.split("\x1f"), strict=True))
    assert fields["Category"] == "Tricks, &quot;numeric&quot; &amp; &lt;stable&gt;"
    assert fields["Answer"] == '<p>So \\(e^{z}\\) cannot overflow when \\(a&lt;b\\) &amp; "big".</p>'
    assert db.execute("SELECT count(*) FROM cards").fetchone() == (1,)
    db.close()

    elsewhere = tmp_path / "friend"
    imported = mlcoach("import", str(deck_file), env_data=elsewhere)
    assert imported.returncode == 0, imported.stderr
    assert "as the deck 'fur-anki'" in imported.stdout
    bank = load_bank(elsewhere / "decks" / "fur-anki")
    (q,) = bank.questions
    assert [(c.id, c.title) for c in bank.categories] == [("tricks-numeric-stable", 'Tricks, "numeric" & <stable>')]
    assert (q.category, q.difficulty, q.tags) == ("tricks-numeric-stable", "hard", ("math",))
    assert q.title == "Why subtract $\\max_j z_j$ in softmax?"
    assert q.answer == 'So $e^{z}$ cannot overflow when $a<b$ & "big".'
    assert q.code == 'z = z - z.max()  # <keep> & "safe"'


def test_categories_named_in_other_scripts_stay_apart(tmp_path: Path, isolated_data: Path) -> None:
    """A CSV (or an Anki deck) whose categories are named in Hebrew, Chinese and Russian filed every question
    under the first one's name: no letter of those names can be in an id, so all three were 'imported'."""
    import genanki

    src = tmp_path / "scripts.csv"
    src.write_text("question,answer,category\nQ1?,A1.,עברית\nQ2?,A2.,中文\nQ3?,A3.,Русский\nQ4?,A4.,RTL עברית\n"
                   "Q5?,A5.,RTL العربية\nQ6?,A6.,中文\n", encoding="utf-8")
    assert mlcoach("import", str(src), env_data=isolated_data).returncode == 0
    bank = load_bank(isolated_data / "decks" / "scripts")
    title = {c.id: c.title for c in bank.categories}
    assert [title[bank.get(f"q{i}").category] for i in range(1, 7)] == [  # type: ignore[union-attr]
        "עברית", "中文", "Русский", "RTL עברית", "RTL العربية", "中文"]

    model = genanki.Model(1607392319, "Basic", fields=[{"name": "Front"}, {"name": "Back"}],
                          templates=[{"name": "Card 1", "qfmt": "{{Front}}", "afmt": "{{Back}}"}])
    decks = [genanki.Deck(2059400110 + i, name) for i, name in enumerate(("日本語", "中文::語彙"))]
    for i, deck in enumerate(decks):
        deck.add_note(genanki.Note(model=model, fields=[f"Front {i}", f"Back {i}"], guid=f"g{i}"))
    genanki.Package(decks).write_to_file(str(tmp_path / "kanji.apkg"))
    assert mlcoach("import", str(tmp_path / "kanji.apkg"), env_data=isolated_data).returncode == 0
    anki = load_bank(isolated_data / "decks" / "kanji")
    title = {c.id: c.title for c in anki.categories}
    assert sorted(title[q.category] for q in anki.questions) == ["中文 › 語彙", "日本語"]
