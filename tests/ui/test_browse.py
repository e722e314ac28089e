from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication

from desktop.ui.modes.browse import BrowseMode


def browse(window) -> BrowseMode:  # type: ignore[no-untyped-def]
    mode = window.mode("browse")
    assert isinstance(mode, BrowseMode)
    return mode


def test_window_title_and_browse_is_the_first_mode(make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    assert window.windowTitle() == "Browse — ML Interview Coach"
    assert window.current_key == "browse"
    assert browse(window).visible_ids() == ["gradient-descent", "learning-rate", "decision-tree", "random-forest"]


def test_typing_in_the_search_box_updates_the_list(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    mode = browse(make_window())
    qtbot.keyClicks(mode.search, "impur")
    assert mode.visible_ids() == ["decision-tree"]
    assert mode.count_label.text() == "1 of 4 questions"
    assert "<mark>impurity</mark>" in mode.view.document().toHtml() or "impurity" in mode.view.toPlainText()
    mode.search.clear()
    assert len(mode.visible_ids()) == 4


def test_enter_in_the_search_box_opens_the_top_result(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    mode = browse(make_window())
    qtbot.keyClicks(mode.search, "forest")
    qtbot.keyClick(mode.search, Qt.Key.Key_Return)
    assert mode.current_id() == "random-forest"
    assert mode.list.hasFocus()


def test_clicking_a_category_filters_the_list(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    mode = browse(make_window())
    rect = mode.categories.visualItemRect(mode.categories.item(2))  # "Trees"
    qtbot.mouseClick(mode.categories.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert mode.visible_ids() == ["decision-tree", "random-forest"]
    mode.difficulty.setCurrentIndex(mode.difficulty.findData("hard"))
    assert mode.visible_ids() == ["random-forest"]


def test_tag_filter(make_window) -> None:  # type: ignore[no-untyped-def]
    mode = browse(make_window())
    mode.tag.setCurrentIndex(mode.tag.findData("trees-tag"))
    assert mode.visible_ids() == ["decision-tree", "random-forest"]


def test_selecting_a_question_shows_its_answer_with_typeset_formula(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    mode = browse(make_window())
    rect = mode.list.visualRect(mode.model.index(0))
    qtbot.mouseClick(mode.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    text = mode.view.toPlainText()
    assert "It steps against the gradient" in text
    assert "\\theta" not in text and "$$" not in text  # never raw LaTeX
    image = mode.view.document().resource(QTextDocument.ResourceType.ImageResource, "math:0")
    assert image is not None and not image.isNull()
    qtbot.mouseClick(mode.list.viewport(), Qt.MouseButton.LeftButton, pos=mode.list.visualRect(mode.model.index(2)).center())
    assert "Greedily, by impurity decrease." in mode.view.toPlainText()


def test_space_hides_and_reveals_but_types_in_text_fields(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    mode = browse(window)
    mode.list.setFocus()
    assert "It steps against the gradient" in mode.view.toPlainText()
    qtbot.keyClick(mode.list, Qt.Key.Key_Space)
    assert "Answer hidden" in mode.view.toPlainText()
    assert "It steps against" not in mode.view.toPlainText()
    qtbot.keyClick(mode.list, Qt.Key.Key_Space)
    assert "It steps against the gradient" in mode.view.toPlainText()
    # Moving on hides the next answer again while hiding is on.
    qtbot.keyClick(mode.list, Qt.Key.Key_Down)
    assert mode.current_id() == "learning-rate" and "Answer hidden" in mode.view.toPlainText()
    # In the search box, Space is just a space.
    mode.search.setFocus()
    qtbot.keyClicks(mode.search, "how do")
    assert mode.search.text() == "how do"
    assert "Answer hidden" in mode.view.toPlainText()


def test_keyboard_navigation_and_search_focus(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    mode = browse(window)
    mode.list.setFocus()
    qtbot.keyClick(mode.list, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert mode.current_id() == "learning-rate"
    qtbot.keyClick(mode.list, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert mode.current_id() == "gradient-descent"
    qtbot.keyClick(mode.list, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is mode.search
    # Ctrl shortcuts still reach the window while the search box has focus.
    qtbot.keyClick(mode.search, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert mode.current_id() == "learning-rate"


def test_reveal_link_in_the_view(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    mode = browse(make_window())
    mode.set_hide_answers(True)
    assert "Answer hidden" in mode.view.toPlainText()
    mode.view.anchorClicked.emit(__import__("PySide6.QtCore", fromlist=["QUrl"]).QUrl("action:reveal"))
    assert "It steps against the gradient" in mode.view.toPlainText()
    assert QPoint(0, 0) is not None


def test_answers_and_notes_keep_the_reading_size_after_the_style_sheet_repolishes(make_window) -> None:  # type: ignore[no-untyped-def]
    """setFont() is undone when an application style sheet re-polishes a shown widget; the size must hold."""
    from PySide6.QtWidgets import QApplication

    from desktop.ui import theme

    mode = browse(make_window())  # the fixture applies the app's style sheet, as the real app does
    QApplication.processEvents()
    sizes = _answer_sizes(mode.view.document().begin())
    assert sizes == [theme.reading_pt()]
    assert mode.notes.edit.font().pointSizeF() == theme.reading_pt()


def _answer_sizes(block) -> list[float]:  # type: ignore[no-untyped-def]
    sizes = []
    while block.isValid():
        if block.text().startswith("It steps against"):
            sizes.append(block.begin().fragment().charFormat().font().pointSizeF())
        block = block.next()
    return sizes


def test_a_title_too_long_for_two_lines_ends_in_an_ellipsis_at_a_word(make_window) -> None:  # type: ignore[no-untyped-def]
    from desktop.ui.widgets.question_list import QuestionListDelegate

    mode = browse(make_window())
    delegate = mode.list.itemDelegate()
    assert isinstance(delegate, QuestionListDelegate)
    font = mode.list.font()
    two_lines = mode.list.fontMetrics().lineSpacing() * 2
    long_title = "How do single, complete, average and Ward linkage differ in agglomerative clustering, and how do you pick?"
    doc = delegate.title_document(long_title, font, 180, two_lines, "#000", "#ff0")
    shown = doc.toPlainText()
    assert shown.endswith("…") and len(shown) < len(long_title)
    assert long_title.startswith(shown[:-1])  # cut at a word, nothing rewritten
    assert doc.size().height() <= two_lines + 1

    short = delegate.title_document("What is bias?", font, 180, two_lines, "#000", "#ff0")
    assert short.toPlainText() == "What is bias?"



def test_the_list_repaints_from_titles_already_laid_out_and_marks_a_new_search(make_window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from desktop.ui.widgets.question_list import QuestionListDelegate

    laid_out: list[str] = []
    lay_out = QuestionListDelegate._lay_out

    def counted(self, title, *args):  # type: ignore[no-untyped-def]
        laid_out.append(title)
        return lay_out(self, title, *args)

    monkeypatch.setattr(QuestionListDelegate, "_lay_out", counted)
    mode = browse(make_window())
    delegate = mode.list.itemDelegate()
    qtbot.waitUntil(lambda: "How does gradient descent work?" in laid_out)  # each row the first time...
    laid_out.clear()
    mode.list.window().setEnabled(False)  # (a repaint of the whole window, as greying it out and back makes)
    mode.list.window().setEnabled(True)
    mode.list.viewport().repaint()
    assert laid_out == []  # ...then drawn as they were

    def title() -> str:
        doc = delegate.title_document("How does gradient descent work?", mode.list.font(), 180, 40, "#000", "#ff0")
        return doc.toHtml()

    assert "#ffff00" not in title()
    qtbot.keyClicks(mode.search, "gradient")
    qtbot.waitUntil(lambda: mode.visible_ids() == ["gradient-descent"])
    assert "#ffff00" in title()  # the match marked: laid out again for the search, not the unmarked one kept


def test_a_narrow_answer_pane_shows_symbols_on_its_buttons_not_cut_words(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    mode = browse(window)
    window.resize(1280, 780)
    qtbot.waitUntil(lambda: mode.prev_button.text() == "‹ Previous")
    assert mode.bookmark_button.text() in ("☆ Bookmark", "★ Bookmarked")

    window.resize(760, 520)
    qtbot.waitUntil(lambda: mode.prev_button.text() == "‹")
    assert mode.bookmark_button.text() in ("☆", "★")
    assert mode.hide_button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly
    assert mode.categories.width() >= 150  # category names stay readable
    mode.toggle_bookmark()
    assert mode.bookmark_button.text() in ("☆", "★")  # stays compact when the state changes

    window.resize(1280, 780)
    qtbot.waitUntil(lambda: mode.prev_button.text() == "‹ Previous")


def test_a_search_with_no_results_leaves_no_question_to_write_a_ghost_note_on(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Issue 17: with "No question matches" on screen, Ctrl+E and typing saved a note to a hidden question."""
    window = make_window()
    mode = window.mode("browse")
    qtbot.keyClicks(mode.search, "zzzzqqq")
    assert mode.visible_ids() == [] and mode.current_id() is None
    qtbot.keyClick(mode.search, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(mode.notes.edit, "where does this go?")
    mode.notes.flush()
    assert window.ctx.store.note_store.notes() == {}
    assert not mode.notes.edit.isEnabled() and "nothing to write a note on" in mode.notes.edit.placeholderText()


def test_a_new_query_shows_its_top_result_not_the_old_selection(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    mode = window.mode("browse")
    mode.open_question("random-forest")
    qtbot.keyClicks(mode.search, "tree")  # both tree questions match; the title hit ranks first
    assert mode.visible_ids() == ["decision-tree", "random-forest"]
    assert mode.current_id() == "decision-tree"  # not the old selection, though it still matches


def test_matches_hidden_by_the_category_are_counted_and_one_key_shows_them(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    mode = window.mode("browse")
    mode.categories.setCurrentRow(next(i for i in range(mode.categories.count())
                                       if mode.categories.item(i).text().startswith("Trees")))
    qtbot.keyClicks(mode.search, "gradient")
    assert mode.visible_ids() == [] and "1 more elsewhere" in mode.count_label.text()
    qtbot.keyClick(mode.search, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert mode.visible_ids() == ["gradient-descent"] and mode.search.text() == "gradient"


def test_hide_answers_hides_the_note_too_and_space_then_reveals_instead_of_typing(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Issue 17: hidden answers left the note on show, and Space typed into it."""
    window = make_window()
    mode = window.mode("browse")
    window.ctx.store.note_store.save_note("gradient-descent", "the answer, in my own words")
    mode.notes.reload()
    mode.notes.focus_editor()
    mode.set_hide_answers(True)
    assert not mode.notes.isVisibleTo(window) and not mode.notes.edit.hasFocus()
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Space)
    assert mode.is_revealed() and mode.notes.isVisibleTo(window)
    assert window.ctx.store.note_store.note("gradient-descent") == "the answer, in my own words"  # no stray space
    mode.step(1)
    assert not mode.is_revealed() and not mode.notes.isVisibleTo(window)
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert mode.is_revealed() and QApplication.focusWidget() is mode.notes.edit  # writing a note reveals


def test_revealing_an_answer_in_a_short_window_scrolls_it_into_view(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.test_quiz import heading_in_view

    window = make_window()
    mode = browse(window)
    window.set_text_scale(1.5)
    window.resize(760, 400)  # short, with big text: the title and its tags fill the reading pane
    mode.list.setFocus()
    qtbot.keyClick(mode.list, Qt.Key.Key_Space)  # answers hidden
    qtbot.wait(50)
    assert "Answer hidden" in mode.view.toPlainText() and mode.view.verticalScrollBar().value() == 0
    qtbot.keyClick(mode.list, Qt.Key.Key_Space)  # this one revealed (and the note under it)
    qtbot.waitUntil(lambda: heading_in_view(mode.view, "Answer"))
    assert mode.view.verticalScrollBar().value() > 0
