from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from desktop.ui import theme


def test_geometry_mode_selection_and_hiding_are_remembered(make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    window.resize(791, 577)  # inside the offscreen screen's 800x600
    mode = window.mode("browse")
    mode.list.setCurrentIndex(mode.model.index(2))
    mode.set_hide_answers(True)
    window.close()

    again = make_window()
    assert (again.width(), again.height()) == (791, 577)
    restored = again.mode("browse")
    assert restored.current_id() == "decision-tree"
    assert restored.hide_button.isChecked()


def test_theme_override_changes_the_palette_and_persists(make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    window.theme_actions["dark"].trigger()
    assert QApplication.palette().color(QPalette.ColorRole.Window).name() == theme.DARK.window
    assert window.ctx.settings.value("view/theme") == "dark"
    window.theme_actions["light"].trigger()
    assert QApplication.palette().color(QPalette.ColorRole.Window).name() == theme.LIGHT.window


def test_every_mode_action_is_in_a_menu_with_a_shortcut(make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    for action in window.current_mode().actions():
        assert not action.shortcut().isEmpty(), action.text()
        assert action in window.mode_menu.actions()
    assert window.quit_action.shortcut().toString() == "Ctrl+Q"


def test_shortcut_override_hands_window_ctrl_keys_to_the_window(make_window) -> None:  # type: ignore[no-untyped-def]
    """On X11 QLineEdit accepts ShortcutOverride for Emacs keys (Ctrl+K, Ctrl+E…), eating our
    shortcuts. The offscreen platform has no such key scheme, so test the filter's decision."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QAction, QKeyEvent, QKeySequence

    from desktop.ui.shortcut_first import OWNS_UNDO

    window = make_window()
    window.addAction(QAction("probe", window, shortcut=QKeySequence("Ctrl+K")))
    window.addAction(QAction("undo", window, shortcut=QKeySequence("Ctrl+Z")))
    search = window.mode("browse").search

    def override(key: Qt.Key, widget=search) -> bool:  # type: ignore[no-untyped-def]
        event = QKeyEvent(QEvent.Type.ShortcutOverride, key, Qt.KeyboardModifier.ControlModifier)
        return window._filter.eventFilter(widget, event)

    assert override(Qt.Key.Key_K) is True  # ours: the window takes it
    assert override(Qt.Key.Key_J) is False  # not a shortcut of ours: the field keeps it
    assert override(Qt.Key.Key_Z) is True
    search.setProperty(OWNS_UNDO, True)  # a note editor keeps Ctrl+Z for its own undo
    assert override(Qt.Key.Key_Z) is False
    plain = QKeyEvent(QEvent.Type.ShortcutOverride, Qt.Key.Key_Space, Qt.KeyboardModifier.NoModifier)
    assert window._filter.eventFilter(search, plain) is False  # Space stays with text fields


def test_modes_have_the_optional_capabilities_the_window_relies_on(make_window) -> None:  # type: ignore[no-untyped-def]
    """open_question, drill and restore find these by isinstance(); a renamed method must fail here, not go quiet."""
    from desktop.ui.modes import MODES, OpensQuestion, ReloadsUserData, StartsDrill

    window = make_window()
    assert isinstance(window.mode("browse"), OpensQuestion)
    assert isinstance(window.mode("quiz"), StartsDrill)
    assert all(isinstance(window.mode(spec.key), ReloadsUserData) for spec in MODES)
