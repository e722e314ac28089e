"""The Help menu's windows: About, and every keyboard shortcut. Both open without blocking the app."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop import APP_NAME, __version__
from desktop.ui.keys_dialog import KeysDialog, menu_actions, rows
from desktop.ui.modes import MODES

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow


def about_box(window: MainWindow) -> QMessageBox:
    ctx = window.ctx
    box = QMessageBox(QMessageBox.Icon.NoIcon, f"About {APP_NAME}",
                      f"<h3>{unbroken(f'{APP_NAME} {__version__}')}</h3>"
                      "<p>Practise machine-learning interviews offline: browse the bank, quiz yourself "
                      "with spaced repetition, and run timed mock interviews.</p>"
                      f"<p>{len(ctx.bank.questions)} questions in {len(ctx.bank.categories)} categories.</p>"
                      f"<p>Your data folder:<br><code>{breakable(str(ctx.data_dir))}</code></p>", parent=window)
    box.setIconPixmap(window.windowIcon().pixmap(64, 64))
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def unbroken(text: str) -> str:
    """Text that stays on one line: at 150 % the box wrapped the heading and left "0.1.0" on a line alone."""
    return html.escape(text).replace(" ", "&nbsp;")


def breakable(path: str) -> str:
    """A path that may wrap after its separators (a zero-width space each), never run out of the box."""
    return html.escape(path).replace("/", "/\u200b").replace("\\", "\\\u200b")


def keys_dialog(window: MainWindow) -> KeysDialog:
    """The mode on screen first, then the other modes (built now if they were not yet, so their keys are
    read from their own actions), then what works everywhere: the menus' shortcuts."""
    order = sorted(MODES, key=lambda spec: spec.key != window.current_key)
    built = order if window.ready else [spec for spec in order if spec.key in window.modes]  # the bank is loading
    groups = [(spec.title, rows(window.mode(spec.key).actions())) for spec in built]
    from desktop.ui.widgets import code_editor  # here: the editor is not built at start-up

    groups.append(("In the code editor", list(code_editor.KEYS)))
    menus = [a.menu() for a in window.menuBar().actions() if a.menu() is not None and a.menu() is not window.mode_menu]
    groups.append(("Everywhere", rows(menu_actions(menus))))  # type: ignore[arg-type]
    dialog = KeysDialog(groups, window)
    dialog.show()
    return dialog
