"""A candidate's habits in the exercise editor (adversary10): pasting big files and long lines of data."""

from __future__ import annotations

import random

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


def lexed_per_key(qtbot, editor, keys: str, monkeypatch) -> list[int]:  # type: ignore[no-untyped-def]
    """How many characters the highlighter had Pygments lex for each key typed: the work a key costs, counted
    rather than timed (the timings are in the commit that made this test: 0.65-0.8 s a key before, ~6 ms after)."""
    from desktop.ui.widgets import code_highlight

    lexed: list[int] = []
    real = code_highlight.code_tokens

    def counting(*args):  # type: ignore[no-untyped-def]
        for token in real(*args):
            lexed[-1] += token[1]
            yield token

    monkeypatch.setattr(code_highlight, "code_tokens", counting)
    for key in keys:
        lexed.append(0)
        qtbot.keyClicks(editor, key)
        QApplication.processEvents()
    return lexed


def test_typing_after_pasting_a_big_file_or_a_long_line_of_data_lexes_only_near_the_key(
        coding_window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Each key re-lexed the whole text with Pygments: after pasting a 5,000-line file every key took ~0.7 s,
    and in a 250,000-character line of numbers ~1.2 s (Qt's own layout of that line: ~0.1 s)."""
    editor = browse_on(coding_window(), "add-two").exercise.editor
    big = "".join(f"row_{i} = [{i}, {i + 1}, 'abc']  # a comment\n" for i in range(5000))
    paste(qtbot, editor, big)
    editor.moveCursor(QTextCursor.MoveOperation.Start)
    lexed = lexed_per_key(qtbot, editor, "abcde", monkeypatch)
    assert max(lexed) < 500 < len(big) // 100, lexed  # a line or two, not the file's 200,000 characters
    assert editor.toPlainText().startswith("abcderow_0 = [0, 1, 'abc']")
    assert editor.highlighter.spans(4999)[-1][2] == "c1"  # the last line's comment is still coloured

    data = "X = [" + ", ".join(["0.123456"] * 25_000) + "]"
    paste(qtbot, editor, data + "\ndef f():\n    return 'x'\n")
    editor.moveCursor(QTextCursor.MoveOperation.Start)
    editor.moveCursor(QTextCursor.MoveOperation.EndOfLine)
    lexed = lexed_per_key(qtbot, editor, "  # done", monkeypatch)
    assert max(lexed) < 500 < len(data) // 100, lexed  # the 250,000-character line is left plain
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
