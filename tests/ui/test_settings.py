from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from desktop.ui import theme
from desktop.ui.settings_dialog import SettingsDialog


def dialog_for(window) -> SettingsDialog:  # type: ignore[no-untyped-def]
    return SettingsDialog(window.ctx, window.set_theme, window.set_text_scale, window.settings_changed, window)


def test_settings_take_effect_at_once_and_persist(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    window.switch_to("quiz")
    quiz = window.mode("quiz")
    d = dialog_for(window)
    qtbot.addWidget(d)
    assert d.folder.text() == str(window.ctx.data_dir)

    d.theme.setCurrentIndex(d.theme.findData("dark"))
    assert QApplication.palette().color(QPalette.ColorRole.Window).name() == theme.DARK.window
    assert window.theme_actions["dark"].isChecked()

    before = QApplication.font().pointSizeF()
    d.text_size.setCurrentIndex(d.text_size.findData(1.25))
    assert QApplication.font().pointSizeF() > before and theme.reading_pt() == theme.READING_PT * 1.25

    d.retention.setValue(0.85)
    assert window.ctx.scheduler.desired_retention == 0.85 and quiz.retention.value() == 0.85
    d.new_per_day.setValue(7)
    assert quiz.new_limit.value() == 7 and quiz.plan.cap == 7
    d.pass_fail.setChecked(True)
    assert quiz.pass_fail and quiz.pass_fail_box.isChecked()
    d.think.setValue(30)
    d.answer.setValue(240)
    d.beep.setChecked(True)
    d.close()
    window.close()

    again = make_window()  # a new window over the same data folder
    s = again.ctx.settings
    assert (s.value("view/theme"), float(s.value("view/text_scale"))) == ("dark", 1.25)
    assert (float(s.value("quiz/retention")), int(s.value("quiz/new_per_day"))) == (0.85, 7)
    interview = again.mode("interview")
    assert (interview.custom_think.value(), interview.custom_answer.value(), interview.beep.isChecked()) == (
        30, 240, True)


def test_ctrl_comma_opens_settings(make_window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    window = make_window()
    opened: list[bool] = []
    monkeypatch.setattr(SettingsDialog, "exec", lambda self: opened.append(True) or 0)
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    assert opened == [True]
