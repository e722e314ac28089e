"""Settings (Ctrl+,): every change takes effect at once and is saved in <data>/settings.ini."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.settings import (
    ANSWER_S,
    BEEP,
    NEW_PER_DAY,
    PASS_FAIL,
    RETENTION,
    TEXT_SCALE,
    THEME,
    THINK_S,
    Setting,
    T,
)
from desktop.ui import theme
from desktop.ui.context import AppContext
from desktop.ui.widgets.dialogs import fit_to_window
from desktop.ui.widgets.form_labels import FormLabel
from desktop.ui.widgets.labels import ElidedLabel
from desktop.ui.widgets.scrolling import scrolling
from desktop.ui.widgets.spin_boxes import DoubleSpinBox, SpinBox


class SettingsDialog(QDialog):
    def __init__(self, ctx: AppContext, set_theme: Callable[[str], None], set_text_scale: Callable[[float], None],
                 changed: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.ctx = ctx
        self._changed = changed

        labels: list[FormLabel] = []  # one label column for the three groups, so their fields start at one x
        look = QGroupBox("Appearance")
        form = QFormLayout(look)
        self.theme = QComboBox()
        for key, label in theme.THEME_LABELS.items():
            self.theme.addItem(label.replace("&", ""), key)
        prefs = ctx.prefs
        self.theme.setCurrentIndex(self.theme.findData(prefs.get(THEME)))
        self.text_size = QComboBox()
        current_scale = prefs.get(TEXT_SCALE)
        # a size typed into settings.ini that the list does not offer is shown as it is, in its place
        for scale in sorted({*theme.TEXT_SCALES, current_scale}):
            self.text_size.addItem(f"{scale:.0%}", scale)
        self.text_size.setCurrentIndex(self.text_size.findData(current_scale))
        form.addRow(FormLabel("Theme", self.theme, labels), self.theme)
        form.addRow(FormLabel("Text size", self.text_size, labels), self.text_size)

        quiz = QGroupBox("Quiz")
        form = QFormLayout(quiz)
        self.retention = DoubleSpinBox()
        self.retention.setRange(RETENTION.low or 0, RETENTION.high or 1)
        self.retention.setSingleStep(0.01)
        self.retention.setValue(prefs.get(RETENTION))
        self.retention.setToolTip("How likely you should be to recall a question when it comes back. "
                                  "Higher means more reviews.")
        self.new_per_day = SpinBox()
        self.new_per_day.setRange(int(NEW_PER_DAY.low or 0), int(NEW_PER_DAY.high or 0))
        self.new_per_day.setValue(prefs.get(NEW_PER_DAY))
        self.pass_fail = QCheckBox("Grade with two buttons: Pass / Fail")
        self.pass_fail.setChecked(prefs.get(PASS_FAIL))
        form.addRow(FormLabel("Desired retention", self.retention, labels), self.retention)
        form.addRow(FormLabel("New questions a day, at most", self.new_per_day, labels), self.new_per_day)
        form.addRow(self.pass_fail)

        mock = QGroupBox("Mock interview (Custom)")
        form = QFormLayout(mock)
        self.think = SpinBox()
        self.think.setRange(int(THINK_S.low or 0), int(THINK_S.high or 0))
        self.think.setSingleStep(15)
        self.think.setSuffix(" s")
        self.think.setValue(prefs.get(THINK_S))
        self.answer = SpinBox()
        self.answer.setRange(int(ANSWER_S.low or 0), int(ANSWER_S.high or 0))
        self.answer.setSingleStep(30)
        self.answer.setSuffix(" s")
        self.answer.setValue(prefs.get(ANSWER_S))
        self.beep = QCheckBox("Beep when time is up")
        self.beep.setChecked(prefs.get(BEEP))
        form.addRow(FormLabel("Thinking time", self.think, labels), self.think)
        form.addRow(FormLabel("Answer time", self.answer, labels), self.answer)
        form.addRow(self.beep)

        data = QGroupBox("Your data")
        dv = QHBoxLayout(data)
        self.folder = ElidedLabel(str(ctx.data_dir), mode=Qt.TextElideMode.ElideMiddle)  # the tooltip has it all
        self.folder.setObjectName("dataFolder")
        self.open_folder = QPushButton("Open folder")
        self.open_folder.clicked.connect(self.show_folder)
        dv.addWidget(self.folder, 1)
        dv.addWidget(self.open_folder)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        page = QWidget()
        boxes = QVBoxLayout(page)
        boxes.setContentsMargins(0, 0, 0, 0)
        for box in (look, quiz, mock, data):
            boxes.addWidget(box)
        boxes.addStretch(1)
        self.page_area = scrolling(page)  # in a small window, or at a large text size, the settings scroll
        layout = QVBoxLayout(self)
        layout.addWidget(self.page_area, 1)
        layout.addWidget(buttons)
        for form_box in (look, quiz, mock):
            form_layout = form_box.layout()
            if isinstance(form_layout, QFormLayout):  # a narrow dialog puts each field under its label
                form_layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        # Measured as the style sheet draws them: before it is applied the page's focus-ring border is 0 px wide,
        # and a size asked for without it scrolled by those few pixels in a window with room for everything.
        self.ensurePolished()
        bar = self.page_area.verticalScrollBar().sizeHint().width()
        self.page_area.setMinimumWidth(page.sizeHint().width() + bar)
        m = layout.contentsMargins()
        # The folder's label asks for no width (it elides), so its path is added to the width wanted: shown
        # whole when the window has room for it, shortened in the middle only when it has not.
        wide = max(page.sizeHint().width(), data.sizeHint().width() + self.folder.sizeHint().width())
        ring = 2 * self.page_area.frameWidth()  # the room kept for the focus ring round a page that scrolls
        whole = QSize(wide + bar + m.left() + m.right() + ring,  # every setting in view, if it fits
                      page.sizeHint().height() + buttons.sizeHint().height() + m.top() + m.bottom() + layout.spacing()
                      + ring)
        fit_to_window(self, parent, whole)
        self.theme.setFocus()  # the keyboard starts on the first setting, not on the page round them all

        self.theme.currentIndexChanged.connect(lambda _i: set_theme(str(self.theme.currentData())))
        self.text_size.currentIndexChanged.connect(lambda _i: set_text_scale(float(self.text_size.currentData())))
        self.retention.valueChanged.connect(lambda v: self._save(RETENTION, round(v, 2)))
        self.new_per_day.valueChanged.connect(lambda v: self._save(NEW_PER_DAY, v))
        self.pass_fail.toggled.connect(lambda on: self._save(PASS_FAIL, on))
        self.think.valueChanged.connect(lambda v: self._save(THINK_S, v))
        self.answer.valueChanged.connect(lambda v: self._save(ANSWER_S, v))
        self.beep.toggled.connect(lambda on: self._save(BEEP, on))

    def _save(self, setting: Setting[T], value: T) -> None:
        self.ctx.prefs.set(setting, value)
        if setting is RETENTION:
            self.ctx.scheduler.set_retention(self.ctx.prefs.get(RETENTION))
        self._changed()

    def show_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.ctx.data_dir)))
