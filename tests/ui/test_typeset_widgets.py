"""Short texts with formulas — key points, list rows — are typeset, never shown as LaTeX."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QListWidget

from desktop.ui.widgets import two_line_list
from desktop.ui.widgets.tick_list import TickList
from desktop.ui.widgets.typeset import readable
from desktop.ui.widgets.typeset_label import TypesetLabel

POINT = "Ridge adds $\\lambda \\lVert w \\rVert_2^2$ to the loss"


def test_readable_text_has_no_latex_left() -> None:
    assert readable(POINT) == "Ridge adds λ‖w ‖₂² to the loss"
    assert readable("**bold** and `code` cost \\$5") == "bold and code cost $5"


def test_a_typeset_label_draws_its_formula_as_an_image_and_wraps(qtbot) -> None:  # type: ignore[no-untyped-def]
    label = TypesetLabel(POINT)
    qtbot.addWidget(label)
    shown = label.toPlainText()
    assert "lambda" not in shown and "$" not in shown
    assert shown.count("\ufffc") == 1  # one object replacement character: the formula image
    assert label.heightForWidth(80) > label.heightForWidth(600)  # narrower wraps onto more lines


def test_clicking_a_key_point_ticks_its_box(qtbot) -> None:  # type: ignore[no-untyped-def]
    ticks = TickList()
    qtbot.addWidget(ticks)
    ticks.fill("Which did you say?", [POINT, "Shrinks weights but never to zero"], [False, True])
    ticks.resize(500, 200)
    ticks.show()
    assert ticks.points() == [POINT, "Shrinks weights but never to zero"]
    label = ticks.findChildren(TypesetLabel)[0]
    with qtbot.waitSignal(ticks.toggled):
        qtbot.mouseClick(label, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert ticks.ticked() == [True, True]


def test_a_list_row_with_a_formula_is_painted_typeset(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from desktop.ui.widgets import typeset

    typeset_rows: list[str] = []
    real = typeset._line_document  # where a row's typeset line is made (cached): the only sign of the typeset path
    monkeypatch.setattr(typeset, "_line_document", lambda text, *a: typeset_rows.append(text) or real(text, *a))
    widget = QListWidget()
    qtbot.addWidget(widget)
    widget.setItemDelegate(two_line_list.TwoLineDelegate(widget))
    widget.addItem(two_line_list.item("Ridge", POINT))
    widget.resize(500, 120)
    widget.show()
    widget.grab()
    assert typeset_rows == [POINT]
    assert "\\" not in widget.item(0).toolTip() and "$" not in widget.item(0).toolTip()


def test_a_row_too_narrow_for_its_formula_falls_back_to_unicode_with_an_ellipsis(qapp) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QFont, QImage, QPainter

    from desktop.ui.widgets import typeset

    drawn: list[str] = []
    image = QImage(60, 20, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    original = QPainter.drawText
    try:
        QPainter.drawText = lambda self, rect, flags, text: drawn.append(text)  # type: ignore[method-assign]
        typeset.paint_line(painter, QRect(0, 0, 60, 20), POINT, QFont(), "#000000")
    finally:
        QPainter.drawText = original  # type: ignore[method-assign]
        painter.end()
    assert len(drawn) == 1 and drawn[0].startswith("Ridge") and drawn[0].endswith("…") and "$" not in drawn[0]
