from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QMessageBox

from desktop.core import backups
from desktop.core.bank import load_bank
from desktop.core.importer import deck_roots
from desktop.ui.export_dialog import ExportDialog


def test_export_dialog_writes_the_chosen_format_with_filters(make_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    window.ctx.store.note_store.save_note("decision-tree", "split on impurity")
    dialog = ExportDialog(window.ctx, window)
    dialog.category.setCurrentIndex(dialog.category.findData("trees"))
    message = dialog.export_to("csv", tmp_path / "trees.csv")
    assert message.startswith("Wrote 2 questions")
    with (tmp_path / "trees.csv").open(encoding="utf-8-sig", newline="") as f:  # the export starts with a BOM
        rows = list(csv.DictReader(f))
    assert [r["id"] for r in rows] == ["decision-tree", "random-forest"] and rows[0]["my_note"] == "split on impurity"
    assert dialog.export_to("notes", tmp_path / "n.md").startswith("Wrote 1 note to")
    assert "split on impurity" in (tmp_path / "n.md").read_text(encoding="utf-8")
    assert dialog.export_to("anki", tmp_path / "d.apkg").startswith("Wrote 2 cards")
    assert dialog.export_to("pdf", tmp_path / "c.pdf").startswith("Wrote 2 questions as a PDF")
    assert (tmp_path / "c.pdf").read_bytes().startswith(b"%PDF")
    assert "Could not write" in dialog.export_to("csv", tmp_path / "missing-folder" / "x.csv")


def test_import_backs_up_first_and_the_deck_appears_when_done(make_window, sample_bank, tmp_path: Path, qtbot,
                                                              isolated_data: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    bundled = Path(sample_bank.questions[0].path).parent.parent
    window.ctx.load_bank = lambda breathe: load_bank(bundled, deck_roots(isolated_data), breathe)
    window.ctx.store.note_store.save_note("decision-tree", "kept through the import")
    src = tmp_path / "flashcards.csv"
    src.write_text("question,answer,category\nWhat is a zebra crossing?,A striped crossing.,Roads\n", encoding="utf-8")
    window.data.import_questions(folder=False, path=src)
    qtbot.waitUntil(lambda: window.data.import_worker is None, timeout=10_000)  # it runs on its own thread
    assert len(backups.list_backups(window.data.backup_dir)) == 1  # made first, on that thread too
    browse = window.mode("browse")
    titles = [browse.categories.item(i).text() for i in range(browse.categories.count())]
    assert "Roads" in titles
    browse.search.setText("zebra")
    assert browse.visible_ids() == ["what-is-a-zebra-crossing"]
    assert window.ctx.store.note_store.note("decision-tree") == "kept through the import"  # progress and notes untouched


def test_a_bad_import_says_why_and_changes_nothing(make_window, tmp_path: Path, monkeypatch, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "open", lambda self: shown.append(self.informativeText()))
    src = tmp_path / "broken.csv"
    src.write_text("question,answer\nQ?,A.\n", encoding="utf-8")
    window.data.import_questions(folder=False, path=src)
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert "missing: category" in shown[0]
    assert deck_roots(window.ctx.data_dir) == []
    assert window.mode("browse").visible_ids()


def test_a_big_import_runs_off_the_ui_thread_and_cancel_leaves_nothing(make_window, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    src = tmp_path / "big.csv"
    src.write_text("question,answer,category\n" + "".join(f"Question {i}?,Answer {i}.,Big\n" for i in range(9000)),
                   encoding="utf-8")
    ticks = []
    timer = QTimer(interval=5)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    window.data.import_questions(folder=False, path=src)
    worker = window.data.import_worker
    assert worker is not None and worker.worker_thread.is_alive()  # import_questions returned while it runs
    qtbot.wait(50)
    worker.cancel()
    qtbot.waitUntil(lambda: window.data.import_worker is None, timeout=20_000)
    timer.stop()
    assert ticks, "the UI thread's timers never ran during the import"
    assert "cancelled" in window.statusBar().currentMessage()
    assert deck_roots(window.ctx.data_dir) == []


def test_an_anki_deck_imported_from_the_file_menu_shows_typeset_questions_under_its_decks(
        make_window, sample_bank, tmp_path: Path, qtbot, isolated_data: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QTextDocument

    from desktop.core.anki_import import question_id

    window = make_window()
    bundled = Path(sample_bank.questions[0].path).parent.parent
    window.ctx.load_bank = lambda breathe=None: load_bank(bundled, deck_roots(isolated_data), breathe)
    fixture = Path(__file__).resolve().parent.parent / "fixtures" / "anki" / "ml-deck.apkg"
    window.data.import_questions(folder=False, path=fixture)
    qtbot.waitUntil(lambda: window.data.import_worker is None, timeout=10_000)
    assert window.statusBar().currentMessage() == "Imported 4 questions as the deck 'ml-deck'."
    report = window.data.import_report  # what was left out stays on screen until read, not 5 s in the status bar
    assert report is not None and report.isVisible() and report.text() == "Imported 4 questions as the deck 'ml-deck'."
    assert report.informativeText().splitlines()[1:] == [
        "• 1 cloze note", "• 1 image-occlusion note", "• 2 media files (images, sounds)"]
    report.accept()
    browse = window.mode("browse")
    titles = [browse.categories.item(i).text() for i in range(browse.categories.count())]
    assert "ML › Basics" in titles and "ML › Deep" in titles
    browse.tag.setCurrentIndex(browse.tag.findData("ML::deep"))  # a parent tag takes in its nested ones
    assert sorted(browse.visible_ids()) == sorted([question_id("mlb-relu"), question_id("mlb-adam")])
    browse.clear_filters()
    browse.open_question(question_id("mlb-bias-var"))
    text = browse.view.toPlainText()
    assert "What is the bias–variance tradeoff?" in text and "underfits" in text
    assert "\\[" not in text and "$$" not in text and "<b>" not in text and "&amp;" not in text
    image = browse.view.document().resource(QTextDocument.ResourceType.ImageResource, "math:0")
    assert image is not None and not image.isNull()  # the formula is typeset
    assert window.import_file_action.text().replace("&", "") == "Import questions (CSV, Anki)…"


def test_browse_shows_an_imported_deck_in_place_keeping_the_users_place(make_window, sample_bank, tmp_path: Path,
                                                                      qtbot, isolated_data: Path,
                                                                      monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from desktop.ui.widgets.question_view import QuestionView

    drawn: list[str | None] = []
    draw = QuestionView.show_question

    def counted(self, q, *args, **kwargs):  # type: ignore[no-untyped-def]
        drawn.append(q.id if q is not None else None)
        return draw(self, q, *args, **kwargs)

    monkeypatch.setattr(QuestionView, "show_question", counted)
    window = make_window()
    bundled = Path(sample_bank.questions[0].path).parent.parent
    window.ctx.load_bank = lambda breathe: load_bank(bundled, deck_roots(isolated_data), breathe)
    browse = window.mode("browse")
    window.switch_to("browse")
    row = next(i for i in range(browse.categories.count()) if browse.categories.item(i).data(Qt.ItemDataRole.UserRole) == "trees")
    browse.categories.setCurrentRow(row)
    browse.open_question("random-forest")
    src = tmp_path / "flashcards.csv"
    src.write_text("question,answer,category,tags\nWhat is a zebra crossing?,A striped crossing.,Roads,stripes\n",
                   encoding="utf-8")
    page = browse.view.toPlainText()
    drawn.clear()
    window.data.import_questions(folder=False, path=src)
    qtbot.waitUntil(lambda: window.data.import_worker is None, timeout=10_000)
    assert window.mode("browse") is browse  # refreshed in place, not built again
    qtbot.waitUntil(lambda: browse.current_id() == "random-forest")  # the list is filled a moment later
    assert browse.current_category() == "trees"  # the user's category and question kept
    assert drawn == [] and browse.view.toPlainText() == page  # the same page, not drawn again (~6 ms)
    titles = [browse.categories.item(i).text() for i in range(browse.categories.count())]
    assert any(t.startswith("Roads") for t in titles)
    assert browse.tag.findData("stripes") > 0  # the new deck's tags can be filtered by
    browse.search_everywhere()
    browse.search.setText("zebra")
    assert browse.visible_ids() == ["what-is-a-zebra-crossing"]
    browse.open_question("what-is-a-zebra-crossing")
    assert "zebra" in browse.view.toPlainText().lower() and drawn == ["what-is-a-zebra-crossing"]


def test_notes_written_before_and_while_an_import_runs_are_searchable_after_it(make_window, sample_bank, tmp_path: Path,
                                                                                qtbot, isolated_data: Path,
                                                                                monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import threading

    from desktop.ui import data_controller

    window = make_window()
    bundled = Path(sample_bank.questions[0].path).parent.parent
    window.ctx.load_bank = lambda breathe: load_bank(bundled, deck_roots(isolated_data), breathe)
    worker_read, written = threading.Event(), threading.Event()
    read = data_controller.read_user_data

    def read_then_wait(db):  # type: ignore[no-untyped-def]
        found = read(db)
        worker_read.set()
        assert written.wait(10)  # a note is saved on the UI thread after the worker read the notes
        return found

    monkeypatch.setattr(data_controller, "read_user_data", read_then_wait)
    notes = window.ctx.store.note_store
    notes.save_note("decision-tree", "gini impurity, written before")  # read by the worker for the new index
    src = tmp_path / "flashcards.csv"
    src.write_text("question,answer,category\nWhat is a zebra crossing?,A striped crossing.,Roads\n", encoding="utf-8")
    window.data.import_questions(folder=False, path=src)
    assert window.data.import_worker is not None
    qtbot.waitUntil(worker_read.is_set, timeout=10_000)
    notes.save_note("learning-rate", "cyclical schedules, written meanwhile")  # as Browse's editor saves it
    written.set()
    qtbot.waitUntil(lambda: window.data.import_worker is None, timeout=10_000)
    assert window.ctx.index.search("gini") == ["decision-tree"]
    assert window.ctx.index.search("cyclical") == ["learning-rate"]
    assert window.ctx.index.search("zebra") == ["what-is-a-zebra-crossing"]


def test_your_own_anki_export_imported_from_the_file_menu_gives_your_notes_back_as_notes(
        make_window, sample_bank, tmp_path: Path, qtbot, isolated_data: Path,
        monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Export the deck with notes, lose them, import the deck: each note is a note again (searchable, shown in
    the note editor), not a "My notes" paragraph inside the imported answer."""
    import genanki

    from desktop.core.anki_import import question_id
    from desktop.ui import data_controller

    monkeypatch.setattr(data_controller, "NOTES_A_TURN", 1)  # a turn each, as 200 a turn for a big deck
    window = make_window()
    bundled = Path(sample_bank.questions[0].path).parent.parent
    window.ctx.load_bank = lambda breathe=None: load_bank(bundled, deck_roots(isolated_data), breathe)
    notes = window.ctx.store.note_store
    notes.save_note("decision-tree", "split on gini impurity")
    notes.save_note("random-forest", "bagging")
    dialog = ExportDialog(window.ctx, window)
    dialog.category.setCurrentIndex(dialog.category.findData("trees"))
    deck = tmp_path / "trees.apkg"
    assert dialog.export_to("anki", deck).startswith("Wrote 2 cards")
    notes.save_note("decision-tree", "")  # gone since (or a new computer)
    notes.save_note("random-forest", "")
    window.data.import_questions(folder=False, path=deck)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Imported"), timeout=10_000)
    assert window.statusBar().currentMessage() == "Imported 2 questions as the deck 'trees'. 2 notes of yours restored."
    assert notes.note("decision-tree") == "split on gini impurity" and notes.note("random-forest") == "bagging"
    assert window.ctx.index.search("gini") == ["decision-tree"]  # the new index heard of it
    browse = window.mode("browse")
    browse.open_question("decision-tree")
    assert browse.notes.edit.toPlainText() == "split on gini impurity"
    copy = window.ctx.bank.get(question_id(genanki.guid_for("decision-tree")))
    assert copy is not None and "gini" not in copy.answer and "My notes" not in copy.answer
