"""A user without a mouse, and one with a screen reader: the control Tab reached is marked where it stands, in
both themes, and every stop of the Tab chain has a name a screen reader can say."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QWidget

from desktop.ui import theme
from desktop.ui.main_window import MainWindow


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
    want = QColor(color).rgb()
    return sum(1 for y in range(image.height()) for x in range(image.width()) if image.pixel(x, y) == want)


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
