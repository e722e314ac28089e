"""Browse from the keyboard alone: Tab reaches every control, and Space presses the button it reached."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget


def _tab_to(qtbot, window, target: QWidget) -> None:  # type: ignore[no-untyped-def]
    for _ in range(30):
        if QApplication.focusWidget() is target:
            return
        qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {target}")


def test_space_presses_the_filter_button_tab_reached_instead_of_hiding_the_answer(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Tab from the search box reaches ★ Bookmarked and ✎ Has notes, which have no key of their own; Space there
    hid the answer (Browse's Space action won), so these filters could not be used without a mouse."""
    window = make_window()
    browse = window.mode("browse")
    window.ctx.store.note_store.toggle_bookmark("learning-rate")
    qtbot.keyClick(browse.list, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is browse.search
    _tab_to(qtbot, window, browse.bookmarked_only)
    qtbot.keyClick(browse.bookmarked_only, Qt.Key.Key_Space)
    assert browse.bookmarked_only.isChecked()
    assert browse.visible_ids() == ["learning-rate"]
    assert browse.is_revealed() and not browse.hide_action.isChecked()  # the answer untouched
    qtbot.keyClick(browse.bookmarked_only, Qt.Key.Key_Space)
    assert not browse.bookmarked_only.isChecked() and len(browse.visible_ids()) == 4

    assert browse.current_id() == "learning-rate"  # kept through the filter and back
    _tab_to(qtbot, window, browse.next_button)  # the reading pane's bar: Next ›
    qtbot.keyClick(browse.next_button, Qt.Key.Key_Space)
    assert browse.current_id() == "decision-tree"
    assert browse.is_revealed()


def test_space_still_reveals_from_the_list_and_after_a_button_was_clicked(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """What Space did stays: from the list, and after the mouse pressed a button (a tool button takes no focus
    from a click), it reveals and hides the answer."""
    window = make_window()
    browse = window.mode("browse")
    qtbot.mouseClick(browse.hide_button, Qt.MouseButton.LeftButton)
    assert browse.hide_action.isChecked() and not browse.is_revealed()
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Space)
    assert browse.is_revealed()
    browse.list.setFocus()
    qtbot.keyClick(browse.list, Qt.Key.Key_Space)
    assert not browse.is_revealed()


def test_space_opens_the_difficulty_list_tab_reached_instead_of_revealing_the_answer(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Tab from the search box to the difficulty filter, then Space: a combo box opens its list on Space, but
    Browse's Space action revealed the answer instead, so the filter could not be opened from the keyboard. The
    list stays the control's while the keyboard is on it (after choosing, Space opens it again); once the mouse
    moved the focus, Space reveals again."""
    window = make_window()
    browse = window.mode("browse")
    qtbot.keyClick(browse.list, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert not browse.is_revealed()
    qtbot.keyClick(browse.list, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    _tab_to(qtbot, window, browse.difficulty)
    qtbot.keyClick(browse.difficulty, Qt.Key.Key_Space)
    popup = browse.difficulty.view()
    qtbot.waitUntil(popup.isVisible)
    assert not browse.is_revealed()  # the answer stays hidden
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not popup.isVisible())
    assert browse.difficulty.currentText() == "Easy" and QApplication.focusWidget() is browse.difficulty
    assert browse.visible_ids() == ["gradient-descent", "decision-tree"]
    qtbot.keyClick(browse.difficulty, Qt.Key.Key_Space)  # still the keyboard's control: its list again
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not popup.isVisible())
    assert not browse.is_revealed()

    qtbot.mouseClick(browse.list.viewport(), Qt.MouseButton.LeftButton,
                     pos=browse.list.visualRect(browse.model.index(0, 0)).center())
    assert QApplication.focusWidget() is browse.list
    qtbot.keyClick(browse.list, Qt.Key.Key_Space)
    assert browse.is_revealed()  # from the list, Space is the reveal, as before



def test_space_still_reveals_after_the_mouse_chose_a_difficulty(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """A control keeps Space only when the keyboard took the focus there: after a click on the difficulty filter
    (the mouse user's choice made, the focus left on the box), Space reveals the answer, as it did."""
    window = make_window()
    browse = window.mode("browse")
    qtbot.keyClick(browse.list, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert not browse.is_revealed()
    qtbot.mouseClick(browse.difficulty, Qt.MouseButton.LeftButton)
    popup = browse.difficulty.view()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not popup.isVisible())
    assert QApplication.focusWidget() is browse.difficulty
    qtbot.keyClick(browse.difficulty, Qt.Key.Key_Space)
    assert browse.is_revealed() and not popup.isVisible()
