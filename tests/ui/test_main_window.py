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


def test_the_windows_ctrl_shortcuts_win_over_a_text_field_that_would_take_them(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """A text field accepts ShortcutOverride for its editing keys (Ctrl+Z everywhere, and on X11 Emacs keys such
    as Ctrl+K), which would eat the window's shortcuts: keys typed in the search field reach the window's action
    when it has one, and stay with the field otherwise, or when the field keeps Ctrl+Z for its own undo."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QAction, QKeySequence

    from desktop.ui.shortcut_first import OWNS_UNDO

    window = make_window()
    triggered: list[str] = []
    for name, keys in (("probe", "Ctrl+K"), ("undo", "Ctrl+Z")):
        action = QAction(name, window, shortcut=QKeySequence(keys))
        action.triggered.connect(lambda _checked=False, name=name: triggered.append(name))
        window.addAction(action)
    search = window.mode("browse").search
    search.setFocus()
    qtbot.waitUntil(search.hasFocus)
    ctrl = Qt.KeyboardModifier.ControlModifier

    qtbot.keyClicks(search, "abc")
    qtbot.keyClick(search, Qt.Key.Key_K, ctrl)
    qtbot.keyClick(search, Qt.Key.Key_Z, ctrl)  # without the window's filter the field undoes its typing instead
    assert triggered == ["probe", "undo"]
    assert search.text() == "abc"
    qtbot.keyClick(search, Qt.Key.Key_J, ctrl)  # not a shortcut of ours: nothing of the window's runs
    assert triggered == ["probe", "undo"]
    search.setProperty(OWNS_UNDO, True)  # a note editor keeps Ctrl+Z for its own undo
    qtbot.keyClick(search, Qt.Key.Key_Z, ctrl)
    assert triggered == ["probe", "undo"] and search.text() != "abc"
    search.clear()
    qtbot.keyClick(search, Qt.Key.Key_Space)  # a plain key is never taken from a text field
    assert search.text() == " " and triggered == ["probe", "undo"]


def test_the_shortcut_filter_follows_the_focus_and_sees_no_other_widgets_events(make_window, qtbot,
                                                                                monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Ctrl shortcuts win over whichever text field has the focus, and only that field's events go through the
    window's filter (Python): a filter on the whole application made every event of every widget a Python call,
    each waiting for the GIL while an import's worker held it (benchmarks/ui_gaps.py)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QAction, QKeySequence

    from desktop.ui.shortcut_first import ShortcutFirst

    filtered: list[object] = []
    filter_event = ShortcutFirst.eventFilter

    def watched(self, obj, event):  # type: ignore[no-untyped-def]
        filtered.append(obj)
        return filter_event(self, obj, event)

    monkeypatch.setattr(ShortcutFirst, "eventFilter", watched)
    window = make_window()
    triggered: list[str] = []
    probe = QAction("probe", window, shortcut=QKeySequence("Ctrl+K"))
    probe.triggered.connect(lambda: triggered.append("probe"))
    window.addAction(probe)
    browse = window.mode("browse")
    ctrl = Qt.KeyboardModifier.ControlModifier
    browse.search.setFocus()
    qtbot.waitUntil(browse.search.hasFocus)
    qtbot.waitUntil(lambda: browse.search in filtered)  # (the filter starts once the first screen is painted)
    qtbot.keyClick(browse.search, Qt.Key.Key_K, ctrl)
    assert triggered == ["probe"]

    editor = browse.notes.edit
    qtbot.keyClick(browse.search, Qt.Key.Key_E, ctrl)  # the window's "write a note" (the field's: end of line)
    assert QApplication.focusWidget() is editor  # the focus moved to the note editor: the filter goes with it
    qtbot.keyClicks(editor, "momentum")
    editor.moveCursor(editor.textCursor().MoveOperation.Start)
    qtbot.keyClick(editor, Qt.Key.Key_K, ctrl)  # the editor's own Ctrl+K would cut the line
    assert triggered == ["probe", "probe"] and editor.toPlainText() == "momentum"

    filtered.clear()
    browse.search.setText("gradient")  # the list filters and repaints, the search field too...
    browse.list.viewport().repaint()
    window.repaint()
    assert filtered and all(obj is editor for obj in filtered)  # ...but only the focused editor is watched


def test_modes_have_the_optional_capabilities_the_window_relies_on(make_window) -> None:  # type: ignore[no-untyped-def]
    """open_question, drill and restore find these by isinstance(); a renamed method must fail here, not go quiet."""
    from desktop.ui.modes import MODES, OpensQuestion, ReloadsUserData, StartsDrill

    window = make_window()
    assert isinstance(window.mode("browse"), OpensQuestion)
    assert isinstance(window.mode("quiz"), StartsDrill)
    assert all(isinstance(window.mode(spec.key), ReloadsUserData) for spec in MODES)
