"""Controls that stand together look like one family: one height for every one-line field and button, the
digits of a number field where a combo box puts its text, and a form's labels in line with their fields.

Found in the screenshot matrix (scripts/screenshots.py): number fields were 18 px high beside 26 px combo
boxes and 28 px buttons (and had no border in the dark theme), a primary button stood 4 px taller than the
buttons beside it, and Settings' labels sat above their fields' text."""

from __future__ import annotations

from itertools import pairwise

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
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


def test_settings_fields_and_buttons_share_one_height(make_window, qtbot, scale: float) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    window.set_text_scale(scale)
    dialog = settings_dialog(window, qtbot)
    fields = shown([*dialog.findChildren(QComboBox), *dialog.findChildren(QAbstractSpinBox)])
    buttons = shown(dialog.findChildren(QPushButton))
    assert len(fields) == 6 and buttons
    assert {w.height() for w in fields + buttons} == {buttons[0].height()}


def test_quiz_start_buttons_and_fields_share_one_height(make_window, qtbot, scale: float) -> None:  # type: ignore[no-untyped-def]
    """Start today's study (the primary button) beside New questions only and Custom quiz, and the custom
    quiz's count beside its Start button."""
    window = make_window()
    window.resize(1360, 820)
    window.set_text_scale(scale)
    window.switch_to("quiz")
    start = window.mode("quiz").start_page
    start.custom_button.setChecked(True)
    QApplication.processEvents()
    row = [start.start_button, start.new_button, start.custom_button]
    assert {b.height() for b in row} == {row[0].height()}
    assert start.custom_count.height() == start.custom_start.height() == row[0].height()


def test_every_one_line_control_the_style_sheet_draws_has_one_height(qapp) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QDateEdit, QDoubleSpinBox, QHBoxLayout, QSpinBox

    theme.apply(qapp, "dark")
    try:
        for scale in (1.0, 1.5):
            theme.set_text_scale(qapp, scale)
            row = QWidget()
            layout = QHBoxLayout(row)
            date = QDateEdit()
            date.setCalendarPopup(True)
            primary = QPushButton("Start")
            primary.setObjectName("primaryButton")
            combo = QComboBox()
            combo.addItem("Any difficulty")
            controls = [QSpinBox(), QDoubleSpinBox(), date, combo, QLineEdit(), QPushButton("Go"), primary]
            for control in controls:
                layout.addWidget(control)
            row.show()
            QApplication.processEvents()
            assert {type(c).__name__ + c.objectName(): c.height() for c in controls} == \
                {type(c).__name__ + c.objectName(): controls[-2].height() for c in controls}
            row.deleteLater()
    finally:
        theme.set_text_scale(qapp, 1.0)
        theme.apply(qapp, "light")
        qapp.setStyleSheet("")


def test_the_interview_date_shows_a_two_digit_day_whole(make_window, qtbot, scale: float) -> None:  # type: ignore[no-untyped-def]
    """Qt sizes a date field by its earliest and latest dates ("Sat 6 Dec 2025"): "Sun 27 Dec 2026" lost its 6."""
    from datetime import date

    from desktop.ui.widgets.plan_fields import InterviewDate

    window = make_window()
    window.set_text_scale(scale)
    field = InterviewDate(lambda: date(2025, 12, 6))
    qtbot.addWidget(field)
    field.set_day(date(2026, 12, 27))
    field.show()
    QApplication.processEvents()
    text = field.edit.findChild(QLineEdit)
    assert text.text() == "Sun 27 Dec 2026"
    assert text.width() >= text.fontMetrics().horizontalAdvance(text.text()) + 4  # its own margins, 2 px a side


def test_a_forms_labels_sit_in_line_with_their_fields(make_window, qtbot, scale: float) -> None:  # type: ignore[no-untyped-def]
    """Each label's text centred on its field's, and the fields of Settings' three groups starting at one x."""
    window = make_window()
    window.set_text_scale(scale)
    dialog = settings_dialog(window, qtbot)
    fields = [dialog.theme, dialog.text_size, dialog.retention, dialog.new_per_day, dialog.think, dialog.answer]
    for field in fields:
        label = field.parentWidget().layout().labelForField(field)
        assert isinstance(label, QLabel)
        centre = label.mapTo(dialog, label.contentsRect().center()).y()
        assert centre == pytest.approx(field.mapTo(dialog, field.rect().center()).y(), abs=1), label.text()
    assert {field.mapTo(dialog, field.rect().topLeft()).x() for field in fields} == \
        {dialog.theme.mapTo(dialog, dialog.theme.rect().topLeft()).x()}


def test_the_export_dialogs_labels_sit_in_line_with_their_fields(make_window, qtbot, scale: float) -> None:  # type: ignore[no-untyped-def]
    from desktop.ui.export_dialog import ExportDialog

    window = make_window()
    window.set_text_scale(scale)
    dialog = ExportDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    dialog.show()
    QApplication.processEvents()
    for field in (dialog.format, dialog.category):
        label = dialog.layout().itemAt(0).layout().labelForField(field)
        assert label.mapTo(dialog, label.contentsRect().center()).y() == \
            pytest.approx(field.mapTo(dialog, field.rect().center()).y(), abs=1), label.text()


def test_the_custom_interview_builder_keeps_its_caption_on_its_list(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The caption floated midway down a column the form beside it made taller, 40 px above its list; and the
    form's rows stood 16 px apart, the gap between the columns, which a form inherits unless told."""
    from PySide6.QtCore import Qt

    window = make_window()
    window.resize(1360, 820)
    window.switch_to("interview")
    picker = window.mode("interview").picker
    presets = picker.presets
    presets.setCurrentRow(next(i for i in range(presets.count())
                               if presets.item(i).data(Qt.ItemDataRole.UserRole) == "custom"))
    QApplication.processEvents()
    caption, checklist = picker.custom_categories.caption, picker.custom_categories
    assert 0 <= checklist.y() - caption.geometry().bottom() <= 8
    rows = [picker.custom_difficulty, picker.custom_count, picker.custom_think, picker.custom_answer]
    gaps = {b.y() - a.geometry().bottom() - 1 for a, b in pairwise(rows)}
    assert max(gaps) <= 8


def test_an_interview_answer_keeps_its_words_off_the_boxs_edge(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The answer box's text began 3 px inside its border, where the notes' begins 10 px in."""
    from desktop.core.interview import Plan, PlannedQuestion

    window = make_window()
    window.resize(1360, 820)
    window.switch_to("interview")
    mode = window.mode("interview")
    mode.start(Plan("Phone screen", (PlannedQuestion("gradient-descent", 0.0, 60.0),)))
    mode.answer.setPlainText("Bias: wrong assumptions.")
    window.mode("browse").notes.edit.setPlainText("Bias: wrong assumptions.")
    QApplication.processEvents()
    assert first_ink(mode.answer) >= 10
    assert first_ink(mode.answer) == pytest.approx(first_ink(window.mode("browse").notes.edit), abs=2)


def test_the_export_dialog_grows_with_the_text_so_its_choices_read_whole(make_window, qtbot, scale: float) -> None:  # type: ignore[no-untyped-def]
    """At 150 % its Layout choice was cut mid-word ("Full answers, a contents page and boo"): the dialog now
    grows with the text, and a choice longer still ends in "…" rather than half a letter."""
    from PySide6.QtWidgets import QStyle

    from desktop.ui.export_dialog import ExportDialog
    from tests.ui.layout_audit import _combo_option

    window = make_window()
    window.resize(1360, 820)
    window.set_text_scale(scale)
    dialog = ExportDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    dialog.show()
    QApplication.processEvents()
    combo = dialog.layout_choice
    room = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, _combo_option(combo),
                                        QStyle.SubControl.SC_ComboBoxEditField, combo).width()
    assert combo.currentText().startswith("Full answers")
    assert combo.fontMetrics().horizontalAdvance(combo.currentText()) <= room
