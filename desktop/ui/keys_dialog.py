"""Help → Keyboard shortcuts (F1): every shortcut, grouped by mode, the mode on screen first, then the
ones that work everywhere. Read from the actions themselves, so the list cannot drift from the keys."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QFont, QFontMetrics, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMenu, QTextBrowser, QVBoxLayout, QWidget

from desktop.ui.widgets.dialogs import fit_to_window

Row = tuple[str, str]  # keys, what they do


def keys_text(action: QAction) -> str:
    """"Ctrl+Enter" for an action bound to Ctrl+Return and Ctrl+Enter: one name per key."""
    names: list[str] = []
    for seq in action.shortcuts():
        text = seq.toString(QKeySequence.SequenceFormat.NativeText).replace("Return", "Enter")
        if text and text not in names:
            names.append(text)
    return " or ".join(names)


def rows(actions: Iterable[QAction]) -> list[Row]:
    """One row an action with a shortcut; a run like "Tick key point a" … "h" on keys A … H is one row, "a–h"."""
    out: list[Row] = []
    run: list[tuple[str, str]] = []  # (key, label prefix) of a run of one-key actions

    def close_run() -> None:
        if run:
            first, last, prefix = run[0][0].lower(), run[-1][0].lower(), run[0][1]
            out.append((first if first == last else f"{first}–{last}", prefix))
        run.clear()

    for a in actions:
        keys = keys_text(a)
        if not keys or not a.isVisible():  # hidden: its key does nothing now (3 and 4 under Pass / Fail)
            continue
        label = a.text().replace("&", "").removesuffix("…")
        series = re.fullmatch(r"(.+) (\w)", label)
        if series and keys.lower() == series.group(2).lower():
            if run and run[-1][1] != series.group(1):
                close_run()
            run.append((keys, series.group(1)))
            continue
        close_run()
        out.append((keys, label))
    close_run()
    return out


def menu_actions(menus: Iterable[QMenu]) -> list[QAction]:
    """Every action in these menus and their submenus, in menu order."""
    out: list[QAction] = []
    for menu in menus:
        for a in menu.actions():
            if a.menu() is not None:
                out.extend(menu_actions([a.menu()]))  # type: ignore[list-item]
            elif not a.isSeparator():
                out.append(a)
    return out


def page(groups: Sequence[tuple[str, list[Row]]], key_width: int | None = None) -> str:
    """`key_width`: the keys' column in px, as wide as the widest keys (by default 38 % of the page)."""
    parts = []
    width = str(key_width) if key_width else "38%"
    for title, group in groups:
        if not group:
            continue
        parts.append(f'<p class="section">{html.escape(title)}</p><table cellspacing="0" cellpadding="3" width="100%">')
        parts.extend(f'<tr><td width="{width}"><b>{html.escape(k)}</b></td><td>{html.escape(t)}</td></tr>'
                     for k, t in group)  # one key column for every group, so the lists line up
        parts.append("</table>")
    return "".join(parts)


class KeysDialog(QDialog):
    def __init__(self, groups: Sequence[tuple[str, list[Row]]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.groups = list(groups)
        self.view = QTextBrowser()
        self.view.setObjectName("keysView")
        self.view.setOpenLinks(False)
        self.view.document().setDefaultStyleSheet("p.section { font-weight: 600; margin-top: 10px; }")
        self.view.document().setDocumentMargin(8)  # the list clear of its frame
        # The keys' column as wide as the widest key and a gap (two keys for one thing, "Ctrl+Tab / Ctrl+Shift+Tab",
        # take two lines): at 38 % of the page it stood half empty while the words beside it wrapped.
        bold = QFont(self.view.font())
        bold.setBold(True)
        keys = [key for _title, group in self.groups for both, _t in group for key in re.split(" / | or ", both)]
        widest = max((QFontMetrics(bold).horizontalAdvance(key + " /") for key in keys), default=0)
        self.view.setHtml(page(self.groups, widest + 24))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        fit_to_window(self, parent, QSize(560, 620))  # never larger than the window: the list scrolls
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
