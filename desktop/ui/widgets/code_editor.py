"""A small Python code editor: line numbers, highlighting, and the keys a coder's hands expect.

Tab indents (four spaces, or every selected line), Shift+Tab dedents, Enter keeps the indentation
(one level more after a line ending in ':', one less after return, pass, raise, break or continue),
Backspace in the indentation removes a whole level, Ctrl+/ comments or uncomments the selected
lines, Ctrl+Tab / Ctrl+Shift+Tab leave the editor (Tab itself indents). Ctrl+Z is the editor's own undo.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFontDatabase,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QTextCursor,
    QTextFormat,
)
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

from desktop.ui import theme
from desktop.ui.shortcut_first import OWNS_UNDO
from desktop.ui.widgets.code_highlight import CodeHighlighter

INDENT = "    "
# The keys keyPressEvent gives a meaning of its own (F1 lists them: they are no actions, so it cannot read them)
KEYS = [("Tab / Shift+Tab", "Indent / dedent the line or the selected lines"),
        ("Ctrl+/", "Comment or uncomment the selected lines"),
        ("Ctrl+Tab / Ctrl+Shift+Tab", "Leave the editor (Tab itself indents)")]
DEDENT_AFTER = ("return", "pass", "raise", "break", "continue")
CODE_PT = 0.9  # of the reading size: code is denser than prose


class _Gutter(QWidget):
    """The line numbers, painted by the editor beside its text."""

    def __init__(self, editor: CodeEditor) -> None:
        super().__init__(editor)
        self._editor = editor

    def sizeHint(self) -> QSize:
        return QSize(self._editor.gutter_width(), 0)

    def paintEvent(self, event: QPaintEvent) -> None:
        self._editor.paint_gutter(event)


class CodeEditor(QPlainTextEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("codeEditor")
        self.setProperty(OWNS_UNDO, True)  # Ctrl+Z undoes typing here, never a quiz grade
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.setTabChangesFocus(False)
        self._gutter = _Gutter(self)
        self.highlighter = CodeHighlighter(self.document())
        self.blockCountChanged.connect(lambda _n: self._fit_gutter())
        self.updateRequest.connect(self._scroll_gutter)
        self.cursorPositionChanged.connect(self._mark_current_line)
        self.restyle()

    # ------------------------------------------------------------------ look

    def restyle(self) -> None:
        c = theme.current()
        family = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).family()
        # A style sheet, not setFont(): the application's style sheet re-polishes widgets and would undo it.
        self.setStyleSheet(f'QPlainTextEdit#codeEditor {{ background: {c.code_bg}; color: {c.text}; '
                           f'font-family: "{family}"; font-size: {theme.reading_pt() * CODE_PT:.1f}pt; }}')
        self.ensurePolished()
        self.setTabStopDistance(self.fontMetrics().horizontalAdvance(" ") * len(INDENT))
        self.highlighter.restyle()
        self._fit_gutter()
        self._mark_current_line()

    def gutter_width(self) -> int:
        digits = max(2, len(str(self.blockCount())))
        return 14 + self.fontMetrics().horizontalAdvance("9") * digits

    def _fit_gutter(self) -> None:
        self.setViewportMargins(self.gutter_width(), 0, 0, 0)
        self._place_gutter()

    def _place_gutter(self) -> None:
        rect = self.contentsRect()
        self._gutter.setGeometry(QRect(rect.left(), rect.top(), self.gutter_width(), rect.height()))

    def _scroll_gutter(self, rect: QRect, dy: int) -> None:
        if dy:
            self._gutter.scroll(0, dy)
        else:
            self._gutter.update(0, rect.y(), self._gutter.width(), rect.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_gutter()

    def paint_gutter(self, event: QPaintEvent) -> None:
        c = theme.current()
        painter = QPainter(self._gutter)
        painter.fillRect(event.rect(), QColor(c.code_bg))
        painter.setPen(QColor(c.border))
        right = self._gutter.width() - 1
        painter.drawLine(right, event.rect().top(), right, event.rect().bottom())
        painter.setFont(self.font())
        current = self.textCursor().blockNumber()
        block = self.firstVisibleBlock()
        top = round(self.blockBoundingGeometry(block).translated(self.contentOffset()).top())
        line_height = self.fontMetrics().height()
        while block.isValid() and top <= event.rect().bottom():
            bottom = top + round(self.blockBoundingRect(block).height())
            if block.isVisible() and bottom >= event.rect().top():
                painter.setPen(QColor(c.text if block.blockNumber() == current else c.muted))
                painter.drawText(0, top, right - 6, line_height, Qt.AlignmentFlag.AlignRight,
                                 str(block.blockNumber() + 1))
            block = block.next()
            top = bottom
        painter.end()

    def _mark_current_line(self) -> None:
        if self.isReadOnly():
            self.setExtraSelections([])
            return
        line = QTextEdit.ExtraSelection()
        color = QColor(theme.current().border)
        color.setAlpha(90)
        line.format.setBackground(color)
        line.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
        cursor = self.textCursor()
        cursor.clearSelection()
        line.cursor = cursor
        self.setExtraSelections([line])
        self._gutter.update()

    # ------------------------------------------------------------------ keys

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.isReadOnly():
            super().keyPressEvent(event)
            return
        key, mods = event.key(), event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
        alt = bool(mods & Qt.KeyboardModifier.AltModifier)
        if ctrl and key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            self._leave(forward=key == Qt.Key.Key_Tab and not shift)
        elif ctrl and key == Qt.Key.Key_Slash:  # Shift too: layouts where '/' is a shifted key
            self.toggle_comment()
        elif key == Qt.Key.Key_Backtab or (key == Qt.Key.Key_Tab and shift and not ctrl):
            self.dedent()
        elif key == Qt.Key.Key_Tab and not (ctrl or alt):
            self.indent()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (ctrl or alt):
            self._new_line()
        elif key == Qt.Key.Key_Backspace and not (ctrl or alt or shift) and self._back_to_level():
            pass
        else:
            super().keyPressEvent(event)

    def indent(self) -> None:
        """Tab: several lines selected, each gets four more spaces; else spaces to the next level."""
        cursor = self.textCursor()
        if self._spans_lines(cursor):
            self._each_line(lambda c, text: c.insertText(INDENT))
            return
        column = cursor.positionInBlock() - (cursor.position() - cursor.selectionStart())
        cursor.insertText(" " * (len(INDENT) - column % len(INDENT)))
        self.setTextCursor(cursor)

    def dedent(self) -> None:
        """Shift+Tab: up to four leading spaces (or a tab) off the current or every selected line."""
        def off(c: QTextCursor, text: str) -> None:
            width = 1 if text.startswith("\t") else min(len(text) - len(text.lstrip(" ")), len(INDENT))
            if width:
                c.movePosition(QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.KeepAnchor, width)
                c.removeSelectedText()

        self._each_line(off)

    def toggle_comment(self) -> None:
        """Ctrl+/: comment the selected lines (at their common indentation), or uncomment them if every
        non-blank one already is."""
        first, last = self._line_range(self.textCursor())
        doc = self.document()
        lines = [doc.findBlockByNumber(n).text() for n in range(first, last + 1)]
        filled = [t for t in lines if t.strip()]
        if not filled:
            return
        uncomment = all(t.lstrip().startswith("#") for t in filled)
        column = min(len(t) - len(t.lstrip()) for t in filled)

        def change(c: QTextCursor, text: str) -> None:
            if not text.strip():
                return
            if uncomment:
                at = len(text) - len(text.lstrip())
                width = 2 if text[at:at + 2] == "# " else 1
                c.movePosition(QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.MoveAnchor, at)
                c.movePosition(QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.KeepAnchor, width)
                c.removeSelectedText()
            else:
                c.movePosition(QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.MoveAnchor, column)
                c.insertText("# ")

        self._each_line(change)

    # ------------------------------------------------------------- internal

    def _leave(self, forward: bool) -> None:
        """Move the focus on (Tab itself indents here). It hands the keys back to the window rather than to the
        control it lands on (Run): there Space stays the window's, so Ctrl+Tab, Space reveals a quiz card's answer,
        as its Show answer button says; a control keeps Space only when Tab itself reached it (shortcut_first)."""
        widget = self.nextInFocusChain() if forward else self.previousInFocusChain()
        while widget is not None and widget is not self:
            if widget.isVisible() and widget.isEnabled() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
                return
            widget = widget.nextInFocusChain() if forward else widget.previousInFocusChain()

    def _new_line(self) -> None:
        cursor = self.textCursor()
        text = cursor.block().text()
        before = text[:cursor.positionInBlock()]
        indent = before[:len(before) - len(before.lstrip())] if before.strip() else before
        stripped = before.strip()
        if stripped.endswith(":"):
            indent += INDENT
        elif stripped.split(" ", 1)[0] in DEDENT_AFTER and text[cursor.positionInBlock():].strip() == "":
            indent = indent[:max(0, len(indent) - len(INDENT))]
        cursor.insertText("\n" + indent)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def _back_to_level(self) -> bool:
        """Backspace in the indentation removes back to the previous level; False: an ordinary Backspace."""
        cursor = self.textCursor()
        column = cursor.positionInBlock()
        before = cursor.block().text()[:column]
        if cursor.hasSelection() or column == 0 or before.strip(" "):
            return False
        width = (column - 1) % len(INDENT) + 1
        cursor.movePosition(QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.KeepAnchor, width)
        cursor.removeSelectedText()
        self.setTextCursor(cursor)
        return True

    @staticmethod
    def _spans_lines(cursor: QTextCursor) -> bool:
        doc = cursor.document()
        first, last = doc.findBlock(cursor.selectionStart()), doc.findBlock(cursor.selectionEnd())
        return first.blockNumber() != last.blockNumber()

    def _line_range(self, cursor: QTextCursor) -> tuple[int, int]:
        """The lines a selection covers (one ending at the start of a line leaves that line out)."""
        doc = self.document()
        start, end = doc.findBlock(cursor.selectionStart()), doc.findBlock(cursor.selectionEnd())
        last = end.blockNumber()
        if cursor.hasSelection() and last > start.blockNumber() and cursor.selectionEnd() == end.position():
            last -= 1
        return start.blockNumber(), last

    def _each_line(self, change: Callable[[QTextCursor, str], None]) -> None:
        """Apply `change(cursor at the line's start, line text)` to every line of the selection, as one undo
        step, and leave those whole lines selected."""
        cursor = self.textCursor()
        first, last = self._line_range(cursor)
        had_selection = cursor.hasSelection()
        doc = self.document()
        edit = QTextCursor(doc)
        edit.beginEditBlock()
        for n in range(first, last + 1):
            block = doc.findBlockByNumber(n)
            line = QTextCursor(block)
            change(line, block.text())
        edit.endEditBlock()
        if had_selection or first != last:
            start = doc.findBlockByNumber(first).position()
            end_block = doc.findBlockByNumber(last)
            cursor.setPosition(start)
            cursor.setPosition(end_block.position() + end_block.length() - 1, QTextCursor.MoveMode.KeepAnchor)
            self.setTextCursor(cursor)
