"""Controls that stand together look like one family: one height for every one-line field and button, the
digits of a number field where a combo box puts its text, and a form's labels in line with their fields.

Found in the screenshot matrix (scripts/screenshots.py): number fields were 18 px high beside 26 px combo
boxes and 28 px buttons (and had no border in the dark theme), a primary button stood 4 px taller than the
buttons beside it, and Settings' labels sat above their fields' text."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QApplication,
    QWidget,
)

from desktop.ui import theme


def first_ink(widget: QWidget) -> int:
    """How far in from the widget's left edge its text begins, as drawn: the first column, past the border,
    with a pixel in the text colour."""
    image = widget.grab().toImage()
    text = QColor(theme.current().text)
    inside = range(4, image.height() - 4)
    for x in range(3, image.width()):
        for y in inside:
            pixel = image.pixelColor(x, y)
            if abs(pixel.lightness() - text.lightness()) < 60 and pixel.alpha() > 200:
                return x
    return -1


def shown(widgets: list[QWidget]) -> list[QWidget]:
    return [w for w in widgets if w.isVisible()]


@pytest.fixture(params=[1.0, 1.5], ids=["100", "150"])
def scale(request, make_window) -> float:  # type: ignore[no-untyped-def]
    return float(request.param)


def settings_dialog(window, qtbot):  # type: ignore[no-untyped-def]
    from desktop.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(window.ctx, window.set_theme, window.set_text_scale, window.settings_changed, window)
    qtbot.addWidget(dialog)
    dialog.show()
    QApplication.processEvents()
    return dialog


def test_a_number_field_starts_its_text_where_a_combo_box_does(make_window, qtbot, scale: float) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    window.set_text_scale(scale)
    dialog = settings_dialog(window, qtbot)
    combo = first_ink(dialog.text_size)
    assert combo > 4
    assert [first_ink(box) for box in (dialog.retention, dialog.new_per_day, dialog.think)] == \
        [pytest.approx(combo, abs=2)] * 3
