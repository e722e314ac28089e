"""A candidate's habits in the exercise editor (adversary10): pasting big files and long lines of data."""

from __future__ import annotations

import random
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from desktop.ui.widgets.code_editor import CodeEditor
from tests.ui.test_exercise_editor import browse_on

CTRL = Qt.KeyboardModifier.ControlModifier


def paste(qtbot, editor, text: str) -> None:  # type: ignore[no-untyped-def]
    QApplication.clipboard().setText(text)
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus)
    qtbot.keyClick(editor, Qt.Key.Key_A, CTRL)  # in place of everything
    qtbot.keyClick(editor, Qt.Key.Key_V, CTRL)


def slowest_key(qtbot, editor, keys: str) -> float:  # type: ignore[no-untyped-def]
    worst = 0.0
    for key in keys:
        started = time.perf_counter()
        qtbot.keyClicks(editor, key)
        QApplication.processEvents()
        worst = max(worst, time.perf_counter() - started)
    return worst


@pytest.mark.serial  # wall-clock bars: run alone, not beside other tests
def test_typing_after_pasting_a_big_file_or_a_long_line_of_data_keeps_up(coding_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Each key re-lexed the whole text with Pygments: after pasting a 5,000-line file every key took ~0.7 s,
    and in a 250,000-character line of numbers ~1.2 s (Qt's own layout of that line: ~0.1 s)."""
    editor = browse_on(coding_window(), "add-two").exercise.editor
    big = "".join(f"row_{i} = [{i}, {i + 1}, 'abc']  # a comment\n" for i in range(5000))
    paste(qtbot, editor, big)
    editor.moveCursor(QTextCursor.MoveOperation.Start)
    assert slowest_key(qtbot, editor, "abcde") < 0.15
    assert editor.toPlainText().startswith("abcderow_0 = [0, 1, 'abc']")
    assert editor.highlighter.spans(4999)[-1][2] == "c1"  # the last line's comment is still coloured

    paste(qtbot, editor, "X = [" + ", ".join(["0.123456"] * 25_000) + "]\ndef f():\n    return 'x'\n")
    editor.moveCursor(QTextCursor.MoveOperation.Start)
    editor.moveCursor(QTextCursor.MoveOperation.EndOfLine)
    assert slowest_key(qtbot, editor, "  # done") < 0.6
    assert editor.highlighter.spans(1)[0] == (0, 3, "k")  # the line below the data is coloured as before
    assert editor.highlighter.spans(2)[-1][2] == "s1"


def test_colours_after_many_small_edits_match_a_fresh_editor(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The highlighter lexes only from a change on: random edits (strings opened and closed, lines joined
    and split) end coloured exactly as the same text opened afresh."""
    rng = random.Random(10)
    editor = CodeEditor()
    qtbot.addWidget(editor)
    editor.setPlainText('def f(x):\n    """Doc."""\n    s = "a"  # note\n    return x + 1\n' * 20)
    pieces = ['"""', '"', "'", "#", "\n", "x", " ", "def ", "1", "\\", "(", ")", "f'{x}'", "\n\n"]
    for _ in range(400):
        cursor = editor.textCursor()
        size = len(editor.toPlainText())
        cursor.setPosition(rng.randrange(size + 1))
        if rng.random() < 0.4 and size:
            cursor.setPosition(min(size, cursor.position() + rng.randrange(1, 12)), QTextCursor.MoveMode.KeepAnchor)
            cursor.removeSelectedText()
        else:
            cursor.insertText(rng.choice(pieces))
        fresh = CodeEditor()
        fresh.setPlainText(editor.toPlainText())
        lines = editor.document().blockCount()
        assert [editor.highlighter.spans(n) for n in range(lines)] == \
            [fresh.highlighter.spans(n) for n in range(lines)], editor.toPlainText()
        fresh.deleteLater()
