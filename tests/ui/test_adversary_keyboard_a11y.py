"""A user without a mouse, and one with a screen reader: the control Tab reached is marked where it stands, in
both themes, and every stop of the Tab chain has a name a screen reader can say."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QAccessible, QColor, QImage
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from desktop.ui import theme
from desktop.ui.main_window import MainWindow
from tests.ui.pixels import count_rgb


def _tab_to(qtbot, window: QWidget, target: QWidget, limit: int = 40) -> None:  # type: ignore[no-untyped-def]
    """Tab (never setFocus) to `target`: keyboard focus is what Qt marks."""
    for _ in range(limit):
        if QApplication.focusWidget() is target:
            return
        qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {target}")


def _grab(window: MainWindow, widget: QWidget) -> QImage:
    top_left = widget.mapTo(window, QPoint(0, 0))
    return window.grab(QRect(top_left, widget.size()).adjusted(-3, -3, 3, 3)).toImage()


def _count(image: QImage, color: str) -> int:
    return count_rgb(image, QColor(color).rgb())


def _ring_pixels(qtbot, window: MainWindow, widget: QWidget, color: str) -> int:  # type: ignore[no-untyped-def]
    """How many more pixels of the ring's colour the widget shows with the keyboard focus than without it."""
    _tab_to(qtbot, window, widget)
    focused = _grab(window, widget)
    qtbot.keyClick(widget, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not widget
    return _count(focused, color) - _count(_grab(window, widget), color)


@pytest.mark.parametrize("theme_key", ["light", "dark"])
def test_the_control_tab_reached_is_ringed_in_both_themes(make_window, qtbot, theme_key) -> None:  # type: ignore[no-untyped-def]
    """Tab onto Quiz's 'Start today's study', a list or the reading pane changed nothing on screen (the primary
    button's dotted focus line is drawn in its own colour; lists and tool buttons drew none), so a keyboard user
    could not tell where Space or Enter would land. Each now takes a ring: the accent colour, or the text colour
    around a button filled with the accent."""
    window = make_window()
    window.resize(1360, 820)
    c = theme.apply(QApplication.instance(), theme_key)
    browse = window.mode("browse")
    side_fold = window.findChild(QWidget, "foldButton")
    assert side_fold is not None
    for widget in (browse.list, browse.search, browse.next_button, browse.bookmarked_only,
                   window.findChild(QWidget, "questionView"), window.findChild(QWidget, "categoryList")):
        assert widget is not None
        perimeter = 2 * (widget.width() + widget.height())
        assert _ring_pixels(qtbot, window, widget, c.accent) > perimeter // 3, widget.objectName() or widget

    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    start = window.mode("quiz").start_page
    for widget, color in ((start.start_button, c.text), (start.custom_button, c.accent)):
        perimeter = 2 * (widget.width() + widget.height())
        assert _ring_pixels(qtbot, window, widget, color) > perimeter // 3, widget.text()

    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    picker = window.mode("interview").picker
    for widget in (picker.presets, picker.history):
        perimeter = 2 * (widget.width() + widget.height())
        assert _ring_pixels(qtbot, window, widget, c.accent) > perimeter // 3, widget.objectName()


def _name(widget: QWidget) -> str:
    """What a screen reader says for the widget: its accessible name, else what Qt derives (a button's text)."""
    face = QAccessible.queryAccessibleInterface(widget)
    return face.text(QAccessible.Text.Name) if face is not None else ""


def _tab_chain(qtbot, window: QWidget) -> list[QWidget]:  # type: ignore[no-untyped-def]
    chain: list[QWidget] = []
    for _ in range(60):
        w = QApplication.focusWidget()
        assert w is not None
        if w in chain:
            return chain
        chain.append(w)
        qtbot.keyClick(w, Qt.Key.Key_Tab)
    raise AssertionError("Tab never came back round")


def test_every_stop_of_the_tab_chain_has_a_name_that_says_what_it_is(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """A screen reader said 'left-pointing angle quotation mark, button' for the side panels' fold buttons (their
    text is ‹ or ›; the tooltip is only a description), and nothing at all for the search box (a placeholder is
    no name), the tag filter, the question list, the reading pane, the categories and Mock interview's lists."""
    window = make_window()
    for key, mode in ((Qt.Key.Key_1, "browse"), (Qt.Key.Key_2, "quiz"), (Qt.Key.Key_3, "interview"),
                      (Qt.Key.Key_4, "progress")):
        qtbot.keyClick(QApplication.focusWidget() or window, key, Qt.KeyboardModifier.ControlModifier)
        assert window.current_key == mode
        for w in _tab_chain(qtbot, window):
            name = _name(w)
            assert any(ch.isalpha() for ch in name), (mode, type(w).__name__, w.objectName(), name)


def test_a_fold_button_says_what_it_will_do_after_it_is_pressed(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    window.resize(1360, 820)
    panel = window.mode("interview").picker.history_panel
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    _tab_to(qtbot, window, panel.fold_button)
    assert _name(panel.fold_button) == "Hide your past interviews"
    qtbot.keyClick(panel.fold_button, Qt.Key.Key_Space)
    assert panel.folded
    assert _name(panel.fold_button) == "Show your past interviews"


def test_the_reading_bar_in_a_narrow_window_names_its_arrow_and_star_buttons(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """At 760x520 and 150 % text Browse's bar drops its words: Previous, Next and Bookmark became ‹, › and ☆,
    which is all a screen reader had to say ('single right-pointing angle quotation mark')."""
    window = make_window()
    window.resize(760, 520)
    window.set_text_scale(1.5)
    reading = window.mode("browse").reading
    qtbot.waitUntil(lambda: reading.next_button.text() == "›")
    names = {b.text(): _name(b) for b in (reading.prev_button, reading.next_button, reading.bookmark_button)}
    assert names == {"‹": "Previous question", "›": "Next question", "☆": "Bookmark"}
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert reading.bookmark_button.text() == "★" and _name(reading.bookmark_button) == "Bookmarked"


def test_my_notes_tabs_down_the_window_and_enter_opens_the_chosen_note(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Tab in My notes went search box, list, then back up to the sort above the list (built last); it now
    goes down the window, and Enter on a row opens its question in Browse."""
    window = make_window()
    for qid in ("learning-rate", "decision-tree"):
        window.ctx.store.note_store.save_note(qid, f"note on {qid}")
    dialog = window.show_my_notes()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.search)
    order = [QApplication.focusWidget()]
    for _ in range(2):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    assert order == [dialog.search, dialog.sort, dialog.list]
    assert [_name(w) for w in order] == ["Search your notes", "Newest first", "Your notes"]
    qtbot.keyClick(dialog.list, Qt.Key.Key_Down)
    chosen = dialog.list.currentItem().data(Qt.ItemDataRole.UserRole)
    qtbot.keyClick(dialog.list, Qt.Key.Key_Return)
    assert window.current_key == "browse" and window.mode("browse").current_id() == chosen


def test_the_weakest_questions_say_the_key_that_opens_one_and_it_does(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Progress said 'Double-click one to open it' (and History 'Double-click one to review it again'), as if a
    keyboard user had no way in; Enter on the row does the same, and the hints now say so."""
    from desktop.core.scheduler import Grade

    window = make_window()
    window.ctx.scheduler.grade("random-forest", Grade.AGAIN)
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    progress = window.mode("progress")
    texts = [label.text() for label in progress.widget().findChildren(QLabel)]
    assert any("Enter or a double-click opens one" in t for t in texts)
    assert not any("Double-click" in t for t in texts)
    history = window.mode("interview").picker.history  # its hint is written inside the empty list
    assert "Enter or a double-click on one reviews it" in history.hint
    assert history.accessibleDescription() == history.hint
    _tab_to(qtbot, window, progress.weak_list)
    assert progress.weak_list.currentItem() is not None
    qtbot.keyClick(progress.weak_list, Qt.Key.Key_Return)
    assert window.current_key == "browse" and window.mode("browse").current_id() == "random-forest"


@pytest.mark.parametrize("theme_key", ["light", "dark"])
def test_the_grade_button_tab_reached_is_ringed_unlike_the_suggested_one(make_window, qtbot, theme_key) -> None:  # type: ignore[no-untyped-def]
    """On an answered card the suggested grade wears an accent border, and a grade button Tab reached showed only
    Fusion's faint inner box: with the focus on Hard, Again (suggested) looked like the one the keyboard was on.
    The focused grade button now takes a ring in the text colour, whether it is the suggested one or not."""
    window = make_window()
    window.resize(1360, 820)
    c = theme.apply(QApplication.instance(), theme_key)
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    quiz = window.mode("quiz")
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Return)
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Space)
    suggested = quiz.card_page.suggested
    assert quiz.grade_row.isVisible()
    for grade, button in quiz.grade_buttons.items():
        perimeter = 2 * (button.width() + button.height())
        ring = _ring_pixels(qtbot, window, button, c.text)
        assert ring > perimeter // 3, (grade, grade is suggested, ring, perimeter)
