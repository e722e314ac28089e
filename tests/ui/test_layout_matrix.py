"""The screens stay usable at the smallest window and the largest text (issue 20).

A representative part of the screenshot matrix (scripts/screenshots.py: every mode and dialog, both themes,
760x520 and 1360x820, 100 % and 150 % text; `make screenshots` runs all of it) is shot here over the
bundled bank and checked by tests/ui/layout_audit.py for overlapping or clipped widgets. Then the pieces
that make the layouts adapt, one by one, the way a user meets them."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget

from desktop.ui import theme
from tests.conftest import REPO
from tests.ui.layout_audit import problems


def _script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("screenshots", REPO / "scripts" / "screenshots.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("screenshots", module)
    spec.loader.exec_module(module)
    return module


shots = _script()
SCENES = {name: (setup, first) for name, setup, first in shots.MATRIX}
# (scene, theme, size, text scale): each mode's busiest screens and the dialogs at the hardest corner
# (the smallest window, the largest text), alternating themes, and two at the size the README shows.
SUBSET = [
    ("browse", "light", shots.SMALL, 1.5), ("quiz-card", "dark", shots.SMALL, 1.5),
    ("quiz-custom", "light", shots.SMALL, 1.5), ("first-run-plan", "dark", shots.SMALL, 1.5),
    ("interview-custom", "dark", shots.SMALL, 1.5), ("interview-follow-up", "light", shots.SMALL, 1.5),
    ("interview-review", "light", shots.SMALL, 1.5), ("progress", "dark", shots.SMALL, 1.5),
    ("settings", "dark", shots.SMALL, 1.5), ("export", "light", shots.SMALL, 1.5),
    ("design-round-review", "light", shots.SIZE, 1.0),
]


@pytest.fixture
def app(qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[QApplication]:  # type: ignore[no-untyped-def]
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # the scenes' throw-away data folders
    yield qapp
    theme.set_text_scale(qapp, 1.0)
    theme.apply(qapp, "light")
    qapp.setStyleSheet("")


@pytest.mark.parametrize(("scene", "key", "size", "scale"), SUBSET,
                         ids=[f"{s}-{w}x{h}-{round(f * 100)}-{k}" for s, k, (w, h), f in SUBSET])
def test_a_screen_has_nothing_clipped_or_overlapping(app, tmp_path: Path, scene: str, key: str,  # type: ignore[no-untyped-def]
                                                     size: tuple[int, int], scale: float) -> None:
    setup, first = SCENES[scene]
    found: list[str] = []
    path = shots.shoot(app, tmp_path, scene, key, setup, size, first_run=first, scale=scale,
                       check=lambda shot, size: found.extend(shots.audit(shot, size)))
    assert path.stat().st_size > 10_000  # a real picture was written
    assert found == []


def test_the_anki_import_scene_brings_the_sample_deck_in(app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """The README's import picture: the scene's bank loader is called as the app calls it (with a breather),
    or the import fails behind a modal box and the screenshot run waits on it for ever."""
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "warning", lambda *args: pytest.fail(f"the import failed: {args[2]}"))
    found: list[str] = []
    shots.shoot(app, tmp_path, "anki-import", "light", shots.anki_import, check=lambda shot, size: found.extend(
        f"{category.text()}" for category in [shot.mode("browse").categories.currentItem()]))
    assert found == ["ML › Basics"]


def test_the_audit_finds_clipped_text_and_overlaps(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The check itself: a label too narrow for its text, and two widgets on top of each other."""
    from PySide6.QtWidgets import QHBoxLayout

    page = QWidget()
    row = QHBoxLayout(page)
    cut = QLabel("A label far too long for the room it is given")
    cut.setFixedWidth(60)
    row.addWidget(cut)
    row.addWidget(QPushButton("Fine"))
    stray = QPushButton("On top", page)
    qtbot.addWidget(page)
    page.resize(300, 60)
    page.show()
    stray.move(0, 0)
    QApplication.processEvents()
    found = problems(page)
    assert any("text cut" in p and "far too long" in p for p in found)
    stray.setParent(None)
    row.addWidget(stray)
    stray.show()
    QApplication.processEvents()
    stray.setGeometry(cut.geometry())  # …and now laid over the label by hand
    assert any("overlaps" in p for p in problems(page))


# ---------------------------------------------------------------- the pieces


def test_an_empty_note_folds_to_one_line_until_used(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    browse = window.mode("browse")
    notes = browse.notes
    browse.open_question("learning-rate")
    assert notes.folded and not notes.stack.isVisible() and notes.write_button.isVisible()
    assert notes.height() <= notes.header.sizeHint().height() + 2  # the answer has the rest
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert not notes.folded and notes.edit.hasFocus()
    assert notes.height() >= 100  # open: room to write
    browse.list.setFocus()  # left empty: it folds again
    assert notes.folded
    notes.focus_editor()
    qtbot.keyClicks(notes.edit, "remember the log scale")
    browse.list.setFocus()
    assert not notes.folded  # a note is shown, open
    browse.open_question("decision-tree")
    assert notes.folded  # the next question has none


def test_the_quiz_answer_keeps_most_of_a_short_window(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window()  # the study plan not yet answered: its panel is over the page too
    window.resize(760, 520)
    window.set_text_scale(1.5)
    window.switch_to("quiz")
    quiz = window.mode("quiz")
    quiz.start_today()
    quiz.reveal()
    for _ in range(3):
        QApplication.processEvents()
    page = quiz.card_page
    assert page.view.height() > page.checklist.height() and page.view.height() > page.notes.height()
    assert page.checklist.height() <= page.height() // 3 + 1  # the key points scroll in their own third
    assert [b.text() for b in quiz.grade_buttons.values() if b.isVisible() and b.height() < b.sizeHint().height()] == []
    panel = window.plan.panel
    assert panel.isVisible() and not panel.fields.isVisible()  # folded to its question on one line…
    panel.open_button.click()
    assert panel.fields.isVisible()  # …and opened when asked


def test_a_side_list_folds_in_a_narrow_window_and_the_users_choice_is_kept(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    browse = window.mode("browse")
    window.resize(1360, 820)
    QApplication.processEvents()
    side = browse.side
    assert not side.folded and browse.categories.isVisible()
    window.resize(760, 520)
    QApplication.processEvents()
    assert side.folded and not browse.categories.isVisible() and side.width() < 80
    assert browse.reading.width() > browse.results.width()  # the answer gets the room
    side.side_title.clicked.emit()  # the user opens it: it stays open, however narrow the window
    QApplication.processEvents()
    assert not side.folded and browse.categories.isVisible() and side.width() >= 150
    window.resize(770, 520)
    QApplication.processEvents()
    assert not side.folded
    window.close()
    again = make_window()  # …and the next time
    again.resize(760, 520)
    QApplication.processEvents()
    assert not again.mode("browse").side.folded


def test_a_pressed_button_keeps_its_whole_text(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    window.switch_to("quiz")
    custom = window.mode("quiz").custom_button
    custom.setChecked(True)
    QApplication.processEvents()
    assert custom.width() >= custom.fontMetrics().horizontalAdvance(custom.text()) + 20
    assert [p for p in problems(window) if "Custom quiz" in p] == []


@pytest.mark.parametrize("scale", [1.0, 1.5])
def test_key_points_that_fit_show_no_scroll_bar(make_window, qtbot, scale: float) -> None:  # type: ignore[no-untyped-def]
    """Room was asked for the list of key points without its 2 px focus-ring border, so a list with room for
    every point scrolled by those pixels: a scroll bar beside five points in plain view (1360x820)."""
    window = make_window()
    window.resize(1360, 820)
    window.set_text_scale(scale)
    window.switch_to("quiz")
    quiz = window.mode("quiz")
    quiz.start_drill(["gradient-descent"])
    quiz.reveal()
    for _ in range(3):
        QApplication.processEvents()
    area = quiz.card_page.checklist
    assert area.isVisible() and area.height() < quiz.card_page.height() // 3  # every point in its third
    assert area.verticalScrollBar().maximum() == 0 and not area.verticalScrollBar().isVisible()
    ticks = quiz.card_page.ticks
    boxes = ticks._boxes
    assert min(b.y() - a.geometry().bottom() - 1 for a, b in pairwise(boxes)) >= 4  # not touching
    title_text = ticks.title.mapTo(ticks, ticks.title.contentsRect().topLeft()).x()  # inside its padding
    assert boxes[0].mapTo(ticks, boxes[0].rect().topLeft()).x() == pytest.approx(title_text, abs=1)  # one left edge


@pytest.mark.parametrize("scale", [1.0, 1.5])
def test_the_review_checklist_is_as_tall_as_its_points(make_window, qtbot, scale: float) -> None:  # type: ignore[no-untyped-def]
    """Three key points sat at the top of a card kept four items tall, 50 px of it empty (100 px at 150 %),
    while the answers above were squeezed: the card is as tall as its points when they are few."""
    from desktop.core.interview import Plan, PlannedQuestion
    from desktop.ui.widgets.scrolling import page_height

    window = make_window()
    window.resize(1360, 820)
    window.set_text_scale(scale)
    window.switch_to("interview")
    mode = window.mode("interview")
    mode.start(Plan("Phone screen", (PlannedQuestion("gradient-descent", 0.0, 60.0),)))
    mode.next_phase()
    mode.answer.setPlainText("Step against the gradient.")
    mode.end_early()
    for _ in range(3):
        QApplication.processEvents()
    area = mode.review.checklist_area
    assert area.isVisible() and len(mode.review.tick_list.points()) == 3
    assert area.height() == page_height(area) and area.verticalScrollBar().maximum() == 0


def test_a_design_rounds_rubric_shows_whole_at_1360(app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Eight rubric items scrolled in the room of five: the area's layout was told the height of its first,
    empty, card (QScrollArea keeps a page's first size hint), while the answers above had room to give."""
    found: list[tuple[int, int]] = []

    def check(shot, size):  # type: ignore[no-untyped-def]
        area = shot.mode("interview").review.checklist_area
        found.append((len(shot.mode("interview").review.tick_list.points()), area.verticalScrollBar().maximum()))

    shots.shoot(app, tmp_path, "design-round-review", "light", shots.design_round_review, check=check)
    assert found[0][0] >= 5 and found[0][1] == 0


@pytest.mark.parametrize("key", ["light", "dark"])
def test_browse_lists_at_least_four_whole_questions_at_the_smallest_window(app, tmp_path: Path, key: str) -> None:  # type: ignore[no-untyped-def]
    """At 760x520 with 150 % text the search box and four rows of filters stood so tall that the list showed
    one and a half questions: browsing meant scrolling after every one. The list keeps four whole rows."""
    found: list[int] = []

    def check(shot, size):  # type: ignore[no-untyped-def]
        browse = shot.mode("browse")
        browse.list.scrollToTop()
        QApplication.processEvents()
        room = browse.list.viewport().rect()
        found.append(sum(room.contains(browse.list.visualRect(browse.model.index(row)))
                         for row in range(browse.model.rowCount())))

    shots.shoot(app, tmp_path, "browse", key, shots.browse, shots.SMALL, scale=1.5, check=check)
    assert found[0] >= 4


def test_filters_opened_in_a_short_window_keep_their_height(app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Opened at 760x520 with 150 % text, the stacked drop-downs and the wrapped toggles were laid out by the box's
    one-row size hint: the drop-downs stood two-thirds of their height (23 px of 35), their text cut through."""
    squashed: list[str] = []

    def open_filters(window):  # type: ignore[no-untyped-def]
        shots.browse(window)
        window.mode("browse").results.filters_button.click()

    def check(shot, size) -> None:  # type: ignore[no-untyped-def]
        browse = shot.mode("browse")
        for control in (browse.difficulty, browse.tag, browse.bookmarked_only, browse.noted_only):
            if not control.isVisible() or control.height() < control.minimumSizeHint().height():
                squashed.append(f"{control.accessibleName() or control.objectName()}: {control.height()} px")

    for key in ("light", "dark"):
        shots.shoot(app, tmp_path, "browse-filters", key, open_filters, shots.SMALL, scale=1.5, check=check)
    assert not squashed, squashed


def test_the_filters_fold_behind_a_button_in_a_short_window_and_the_users_choice_is_kept(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    browse = window.mode("browse")
    button = browse.results.filters_button
    window.resize(1360, 820)
    QApplication.processEvents()
    assert browse.difficulty.isVisible() and browse.noted_only.isVisible() and not button.isVisible()
    window.resize(760, 520)
    window.set_text_scale(1.5)
    QApplication.processEvents()
    assert button.isVisible() and not browse.difficulty.isVisible() and not browse.bookmarked_only.isVisible()
    browse.search.setFocus()
    qtbot.keyClick(browse.search, Qt.Key.Key_Tab)  # the button is next in the tab order…
    assert button.hasFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)  # …and opens them
    assert browse.difficulty.isVisible() and browse.tag.isVisible() and browse.noted_only.isVisible()
    browse.difficulty.setCurrentIndex(1)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # folded again: the button says one is on
    assert not browse.difficulty.isVisible() and button.text() == "Filters · 1"
    assert len(browse.model.ids) < 4  # and it still narrows the list
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    window.close()
    again = make_window()  # the next time, the filters are open as the user left them
    again.resize(760, 520)
    QApplication.processEvents()
    shown = again.mode("browse")
    assert shown.results.filters_button.isVisible() and shown.results.filters_button.isChecked()  # still short
    assert shown.difficulty.isVisible()


def test_an_empty_interview_history_says_so_inside_its_box(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """A large empty white box had its hint in small print underneath it (1360x820, both themes)."""
    window = make_window()
    window.resize(1360, 820)
    window.switch_to("interview")
    QApplication.processEvents()
    history = window.mode("interview").history
    assert history.isVisible() and history.count() == 0
    hint_labels = [w for w in window.findChildren(QLabel) if w.isVisible() and "appear here" in w.text()]
    assert hint_labels == []  # no caption below the box…

    def inked_rows() -> list[int]:
        image = history.viewport().grab().toImage()
        blank = image.pixel(2, 2)
        return [y for y in range(image.height())
                if any(image.pixel(x, y) != blank for x in range(0, image.width(), 2))]

    rows = inked_rows()
    middle = history.viewport().height() / 2
    assert rows and min(rows) > middle - 60 and max(rows) < middle + 60  # …the hint is written in its middle
    history.addItem("Phone screen · Mon 07 Dec")
    assert all(y < 60 for y in inked_rows())  # and gone once there is one


def test_category_panels_grow_with_the_text_where_there_is_room(app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Capped at 340 px, Quiz's categories were cut at 150 % text in a 1360x820 window with room to spare."""
    found: list[tuple[int, int]] = []

    def check(shot, size):  # type: ignore[no-untyped-def]
        quiz = shot.mode("quiz")
        names = quiz.start_page.due_list  # type: ignore[attr-defined]
        fm = names.fontMetrics()
        widest = max(fm.horizontalAdvance(names.item(i).text()) for i in range(names.count()))
        found.append((names.viewport().width(), widest))

    shots.shoot(app, tmp_path, "quiz-start", "light", shots.quiz_start, shots.SIZE, scale=1.5, check=check)
    room, widest = found[0]
    assert widest > 300 and room >= widest + 40  # each name whole, with its count beside it
