"""What a screen is checked for, widget by widget, after it is laid out: the defects a screenshot shows.

- a widget reaching outside its parent, unless its parent scrolls to it (a page in a scroll area, along
  the axis whose scroll bar shows);
- two widgets of one layout on top of each other;
- text cut short: a label, button, check box or combo box narrower or shorter than its text (a tool
  button may shorten its text with "…" when its tooltip holds it), a word-wrapped label or typeset text
  shorter than its lines, a list row drawn shortened without a tooltip;
- a reading pane or editor that scrolls sideways (a code editor may: wrapped Python loses its indentation);
- a dialog larger than the smallest screen the app supports.

Used by tests/ui/test_layout_matrix.py (a representative set of screens in the normal suite) and by
scripts/screenshots.py (every screen and dialog, both themes, two sizes and two text sizes).
"""

from __future__ import annotations

from PySide6 import QtGui
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QComboBox,
    QLabel,
    QLayout,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QTextEdit,
    QToolButton,
    QWidget,
)

SLACK = 1  # px: rounding in Qt's own geometry
ELLIPSIS = "…"


def name(w: QWidget) -> str:
    """Where a widget is, for a message: its class, object name and text, under its nearest named ancestors."""
    parts = []
    node: QWidget | None = w
    while node is not None and len(parts) < 4:
        label = type(node).__name__ + (f"#{node.objectName()}" if node.objectName() else "")
        text = _text(node)
        if node is w and text:
            label += f" {text[:40]!r}"
        parts.append(label)
        node = node.parentWidget()
    return " < ".join(parts)


def _text(w: QWidget) -> str:
    if isinstance(w, QLabel):
        shown = QLabel.text(w)  # what is drawn (a label that shortens itself may answer text() with all of it)
        if w.textFormat() == Qt.TextFormat.RichText or (
                w.textFormat() == Qt.TextFormat.AutoText and QtGui.Qt.mightBeRichText(shown)):
            doc = QTextDocument()
            doc.setHtml(shown)
            return doc.toPlainText()
        return shown
    if isinstance(w, QAbstractButton):
        return w.text()
    if isinstance(w, QComboBox):
        return w.currentText()
    return ""


def _scroll_area(w: QWidget) -> QAbstractScrollArea | None:
    """The scroll area whose viewport `w` sits on: it may be larger than what shows, the area scrolls to it."""
    parent = w.parentWidget()
    area = parent.parentWidget() if parent is not None else None
    return area if isinstance(area, QAbstractScrollArea) and area.viewport() is parent else None


def _outside(w: QWidget, parent: QWidget) -> str:
    """How `w` reaches outside `parent` where nothing scrolls to it: "" when it does not."""
    g, bounds = w.geometry(), parent.rect().adjusted(-SLACK, -SLACK, SLACK, SLACK)
    area = _scroll_area(w)
    across = area is None or not area.horizontalScrollBar().isVisible()
    down = area is None or not area.verticalScrollBar().isVisible()
    wide = across and (g.left() < bounds.left() or g.right() > bounds.right())
    tall = down and (g.top() < bounds.top() or g.bottom() > bounds.bottom())
    if not (wide or tall):
        return ""
    return f"({g.x()},{g.y()} {g.width()}x{g.height()} in {parent.width()}x{parent.height()})"


def _shown(w: QWidget) -> bool:
    return w.isVisible() and not w.isWindow() and w.width() > 0 and w.height() > 0


def _layout_widgets(layout: QLayout) -> list[QWidget]:
    out: list[QWidget] = []
    for i in range(layout.count()):
        item = layout.itemAt(i)
        if item is None:
            continue
        if item.widget() is not None:
            out.append(item.widget())
        elif item.layout() is not None:
            out.extend(_layout_widgets(item.layout()))
    return out


def problems(root: QWidget) -> list[str]:
    """Every defect found under `root` (a window or a dialog), as readable lines; [] when it is clean."""
    found: list[str] = []
    for w in [root, *root.findChildren(QWidget)]:
        if w is not root and not _shown(w):
            continue
        parent = w.parentWidget()
        if w is not root and parent is not None and (where := _outside(w, parent)):
            found.append(f"{name(w)}: reaches outside its parent, which does not scroll to it {where}")
        layout = w.layout()
        if layout is not None and not isinstance(w, QStackedWidget):
            found.extend(_overlaps([c for c in _layout_widgets(layout) if c.parentWidget() is w and _shown(c)]))
        found.extend(_cut_text(w))
    return found


def _overlaps(siblings: list[QWidget]) -> list[str]:
    out = []
    for i, a in enumerate(siblings):
        for b in siblings[i + 1:]:
            common: QRect = a.geometry().intersected(b.geometry())
            if common.width() > SLACK and common.height() > SLACK:
                out.append(f"{name(a)}: overlaps {name(b)} ({common.width()}x{common.height()} px)")
    return out


def _cut_text(w: QWidget) -> list[str]:
    out = []
    text = _text(w)
    tip = bool(w.toolTip())
    if isinstance(w, QLabel) and text and w.pixmap().isNull():
        if w.wordWrap():
            if w.heightForWidth(w.width()) > w.height() + SLACK:
                out.append(f"{name(w)}: wrapped text needs {w.heightForWidth(w.width())} px, has {w.height()}")
            longest = max((w.fontMetrics().horizontalAdvance(word) for word in text.split()), default=0)
            if longest > w.contentsRect().width() + SLACK:
                out.append(f"{name(w)}: a word is wider than the label ({longest} > {w.contentsRect().width()})")
        else:
            shortened = text.endswith(ELLIPSIS) and text != w.text()  # it shortens itself: the tooltip has it all
            if shortened and not tip:
                out.append(f"{name(w)}: shortened with '…' and no tooltip")
            width = w.fontMetrics().horizontalAdvance(text) + w.margin() * 2 + max(0, w.indent()) * 2
            m = w.contentsMargins()
            if width > w.width() - m.left() - m.right() + SLACK or w.sizeHint().height() > w.height() + SLACK:
                out.append(f"{name(w)}: text cut ({width}x{w.sizeHint().height()} needed, "
                           f"{w.width()}x{w.height()} shown)")
    elif isinstance(w, QAbstractButton) and text:
        hint = w.sizeHint()
        elided_with_tip = isinstance(w, QToolButton) and tip
        if (hint.width() > w.width() + SLACK and not elided_with_tip) or hint.height() > w.height() + SLACK:
            out.append(f"{name(w)}: text cut ({hint.width()}x{hint.height()} needed, {w.width()}x{w.height()} shown)")
    elif isinstance(w, QComboBox) and text:
        need = w.fontMetrics().horizontalAdvance(text)
        room = w.style().subControlRect(w.style().ComplexControl.CC_ComboBox, _combo_option(w),
                                        w.style().SubControl.SC_ComboBoxEditField, w).width()
        if need > room + SLACK and not tip:
            out.append(f"{name(w)}: '{text}' cut ({need} px of text in {room} px) and no tooltip")
    elif isinstance(w, QListWidget):
        out.extend(_cut_rows(w))
    elif not isinstance(w, (QLabel, QAbstractButton)) and w.hasHeightForWidth() and w.layout() is None:
        need = w.heightForWidth(w.width())
        if need > w.height() + SLACK:
            out.append(f"{name(w)}: text needs {need} px, has {w.height()}")
    # A code editor scrolls sideways by design: wrapping Python would hide its indentation.
    if (isinstance(w, (QTextEdit, QPlainTextEdit)) and w.horizontalScrollBar().isVisible()
            and w.objectName() != "codeEditor"):
        out.append(f"{name(w)}: scrolls sideways")
    if isinstance(w, QPushButton) and w.minimumSizeHint().height() > w.height() + SLACK:
        out.append(f"{name(w)}: squeezed to {w.height()} px, needs {w.minimumSizeHint().height()}")
    return out


def _combo_option(combo: QComboBox):  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QStyleOptionComboBox

    option = QStyleOptionComboBox()
    option.initFrom(combo)
    option.currentText = combo.currentText()
    option.editable = combo.isEditable()
    return option


def _cut_rows(view: QListWidget) -> list[str]:
    """A row whose text is wider than the list is drawn shortened: its tooltip must hold it whole."""
    out = []
    room = view.viewport().width() - 16
    for i in range(view.count()):
        item = view.item(i)
        rect = view.visualItemRect(item)
        if rect.bottom() < 0 or rect.top() > view.viewport().height():
            continue  # scrolled out of view
        wide = view.fontMetrics().horizontalAdvance(item.text()) > room
        if wide and not item.toolTip():
            out.append(f"{name(view)}: row {item.text()[:40]!r} is cut and has no tooltip")
    return out


def dialog_problems(dialog: QWidget, screen: tuple[int, int]) -> list[str]:
    """A dialog's own defects, and whether it fits on a screen of `screen` (width, height)."""
    found = problems(dialog)
    if dialog.width() > screen[0] or dialog.height() > screen[1]:
        found.append(f"{name(dialog)}: {dialog.width()}x{dialog.height()} does not fit a {screen[0]}x{screen[1]} "
                     "screen")
    return found


