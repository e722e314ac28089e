"""The mock interview's first page: the presets, the custom builder, two options and the history."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal, SignalInstance
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.core.bank import DIFFICULTIES
from desktop.core.interview import PRESETS, Plan, Preset, plan_from_preset
from desktop.core.interview_status import Status
from desktop.core.settings import (
    ANSWER_S,
    BEEP,
    INTERVIEW_CATEGORIES,
    INTERVIEW_COUNT,
    INTERVIEW_DIFFICULTY,
    INTERVIEW_FOLLOW_UP,
    INTERVIEW_OVERTIME,
    INTERVIEW_PRESET,
    LEAN_WEAK,
    THINK_S,
    names,
)
from desktop.core.wording import count, difficulty_name
from desktop.ui.context import AppContext
from desktop.ui.widgets import two_line_list as two_line
from desktop.ui.widgets.category_checklist import CategoryChecklist
from desktop.ui.widgets.flow_layout import flow
from desktop.ui.widgets.form_labels import FormLabel
from desktop.ui.widgets.hinted_list import HintedList
from desktop.ui.widgets.labels import heading, muted
from desktop.ui.widgets.on_resize import OnResize
from desktop.ui.widgets.scrolling import scrolling
from desktop.ui.widgets.side_panel import SidePanel
from desktop.ui.widgets.spin_boxes import SpinBox

CUSTOM = "custom"
HISTORY_FOLD_BELOW = 1000  # px of page: narrower, the history folds away until asked for
DESCRIPTIONS = {
    "phone": "6 questions on fundamentals and models · 1 min to think, 3 min to answer",
    "deep-dive": "4 hard questions with a follow-up each · 1 min to think, 6 min to answer, 1 min follow-up",
    "behavioural": "5 behavioural questions · 30 s to think, 3½ min to answer",
    "rapid": "15 questions from anywhere · 60 s each, no thinking time",
    "design": "One end-to-end design case · clarify 5 min, design 25 min, deep dive 10 min; scored on its rubric",
    "coding": "Two coding exercises in 35 min · write and run your code against hidden tests; reviewed beside "
              "the reference solution",
    CUSTOM: "Choose categories, difficulty, how many, the times, follow-ups and what happens at zero",
}


class PickerPage(QWidget):
    start_requested = Signal()  # Enter or a double-click on a preset, or the Start button
    review_requested = Signal(int)  # an interview in the history, by id (one that can be resumed resumes)
    resume_requested = Signal(int)  # the unfinished interview offered at the top
    end_requested = Signal(int)  # …ended where it stopped, and reviewed

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.setChildrenCollapsible(False)

        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(40, 32, 24, 16)
        lv.setSpacing(10)
        lv.addWidget(heading("Mock interview", 1.8))
        lv.addWidget(self._build_resume())
        lv.addWidget(muted("Answer out loud or in the box, against the clock. The model answers stay hidden "
                           "until the end. Enter starts the selected interview."))
        self.presets = QListWidget()
        self.presets.setObjectName("presetList")
        self.presets.setAccessibleName("Interviews to choose from")
        for preset in (*PRESETS, None):
            key = preset.key if preset else CUSTOM
            title = preset.title if preset else "Custom"
            self.presets.addItem(two_line.item(title, DESCRIPTIONS[key], key))
        self.presets.setItemDelegate(two_line.TwoLineDelegate(self.presets))
        remembered = self.ctx.prefs.get(INTERVIEW_PRESET)  # the last one started (unknown: the first)
        rows = [str(self.presets.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.presets.count())]
        self.presets.setCurrentRow(rows.index(remembered) if remembered in rows else 0)
        self.presets.setFixedHeight(self.presets.sizeHintForRow(0) * self.presets.count() + 8)
        self.custom_panel = self._build_custom()
        self.lean_weak = QCheckBox("Lean towards my weak categories")
        self.lean_weak.setChecked(self.ctx.prefs.get(LEAN_WEAK))
        self.beep = QCheckBox("Beep when time is up")
        self.beep.setChecked(self.ctx.prefs.get(BEEP))
        self.start_button = QPushButton("Start interview")
        self.start_button.setObjectName("primaryButton")
        row = QHBoxLayout()
        row.addWidget(self.start_button)
        row.addStretch(1)
        lv.addWidget(self.presets)
        lv.addWidget(self.custom_panel)
        lv.addWidget(flow(self.lean_weak, self.beep, spacing=16))
        lv.addLayout(row)
        lv.addStretch(1)

        body = QWidget()
        rv = QVBoxLayout(body)
        rv.setContentsMargins(0, 0, 0, 0)
        self.history = HintedList("Your past interviews appear here. Enter or a double-click on one reviews it again.")
        self.history.setObjectName("historyList")
        self.history.setAccessibleName("Your past interviews")
        self.history.setItemDelegate(two_line.TwoLineDelegate(self.history))
        rv.addWidget(self.history, 1)
        self.history_panel = SidePanel("History", body, "your past interviews", side="right",
                                       fold_below=HISTORY_FOLD_BELOW, settings=ctx.settings,
                                       key="interview/history_folded", margins=(8, 32, 16, 16))

        self.presets_area = presets_area = scrolling(left)  # a short window scrolls the presets, never overlaps
        presets_area.setMinimumWidth(340)  # the presets' descriptions and the two options stay readable
        split.addWidget(presets_area)
        split.addWidget(self.history_panel)
        split.setSizes([760, 420])
        split.setStretchFactor(0, 1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(split)

        self.presets.currentRowChanged.connect(lambda _r: self._on_preset())
        self._on_preset(scroll=False)  # the remembered preset may be the custom one: its builder shows
        self._shown = False
        # Enter on the focused list arrives as `activated` (the list consumes the key, so the window's
        # Return shortcut does not also fire); a double-click starts too.
        self.presets.itemActivated.connect(lambda _i: self.start_requested.emit())
        self.start_button.clicked.connect(lambda _checked=False: self.start_requested.emit())
        self.history.itemActivated.connect(
            lambda item: self.review_requested.emit(int(item.data(Qt.ItemDataRole.UserRole))))
        self.lean_weak.toggled.connect(lambda on: self.ctx.prefs.set(LEAN_WEAK, on))
        self.beep.toggled.connect(lambda on: self.ctx.prefs.set(BEEP, on))

    def _build_resume(self) -> QWidget:
        """The offer to carry on with an interview that a quit or a crash stopped."""
        self.resume_panel = QFrame()
        self.resume_panel.setObjectName("card")
        grid = QGridLayout(self.resume_panel)
        grid.setContentsMargins(12, 10, 12, 10)
        title = QLabel("Unfinished interview")
        title.setObjectName("sectionLabel")
        self.resume_text = muted()
        self.resume_button = QPushButton("Resume")
        self.resume_button.setObjectName("primaryButton")
        self.resume_button.setToolTip("Carry on where it stopped, with the clock paused (Enter)")
        self.end_button = QPushButton("End and review")
        self.end_button.setToolTip("End it where it stopped and review what you answered")
        grid.addWidget(title, 0, 0, 1, 3)
        grid.addWidget(self.resume_text, 1, 0, 1, 3)
        grid.addWidget(self.resume_button, 2, 0)
        grid.addWidget(self.end_button, 2, 1)
        grid.setColumnStretch(2, 1)
        self.resume_id: int | None = None
        self.resume_button.clicked.connect(lambda _c=False: self._emit_resume(self.resume_requested))
        self.end_button.clicked.connect(lambda _c=False: self._emit_resume(self.end_requested))
        self.resume_panel.setVisible(False)
        return self.resume_panel

    def _emit_resume(self, signal: SignalInstance) -> None:
        if self.resume_id is not None:
            signal.emit(self.resume_id)

    def offer_resume(self, held: int | None) -> None:
        """Offer the newest interview a quit or a crash stopped (not `held`, the one this app is running)."""
        from desktop.core.interview_review import stopped_at

        log = self.ctx.store.interview_store
        summary = log.newest_resumable(besides=held)
        interview = log.get(summary.id) if summary else None
        self.resume_id = interview.id if interview and interview.checkpoint else None
        self.resume_panel.setVisible(self.resume_id is not None)
        if interview is None or interview.checkpoint is None:
            return
        how = "paused when you quit" if interview.status is Status.PAUSED else "stopped when the app closed"
        self.resume_text.setText(f"{interview.preset}, started {interview.started_at.astimezone():%a %d %b, %H:%M}, "
                                 f"{how}: {stopped_at(interview.plan, interview.checkpoint)}. Enter resumes it, "
                                 "with the clock paused.")

    def _build_custom(self) -> QWidget:
        panel = QFrame()
        panel.setObjectName("card")
        box = QBoxLayout(QBoxLayout.Direction.LeftToRight, panel)
        box.setSpacing(16)
        self.custom_categories = CategoryChecklist(self.ctx.bank.categories, 150)
        self.custom_difficulty = QComboBox()
        self.custom_difficulty.addItem("Any difficulty", ())
        for d in DIFFICULTIES:
            self.custom_difficulty.addItem(difficulty_name(d), (d,))
        self.custom_count = SpinBox()
        self.custom_count.setRange(1, 30)
        self.custom_count.setValue(5)
        self.custom_think = SpinBox()
        self.custom_think.setRange(int(THINK_S.low or 0), int(THINK_S.high or 0))
        self.custom_think.setSingleStep(15)
        self.custom_think.setValue(self.ctx.prefs.get(THINK_S))
        self.custom_think.setSuffix(" s")
        self.custom_answer = SpinBox()
        self.custom_answer.setRange(int(ANSWER_S.low or 0), int(ANSWER_S.high or 0))
        self.custom_answer.setSingleStep(30)
        self.custom_answer.setValue(self.ctx.prefs.get(ANSWER_S))
        self.custom_answer.setSuffix(" s")
        self.custom_follow = QCheckBox("Ask a follow-up (60 s)")
        self.custom_at_zero = QComboBox()
        self.custom_at_zero.addItem("Move on", False)
        self.custom_at_zero.addItem("Keep going in overtime", True)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setVerticalSpacing(8)  # not the 16 px between the two columns, which a form inherits unless told
        form.addRow(FormLabel("Difficulty", self.custom_difficulty), self.custom_difficulty)
        form.addRow(FormLabel("Questions", self.custom_count), self.custom_count)
        form.addRow(FormLabel("Thinking time", self.custom_think), self.custom_think)
        form.addRow(FormLabel("Answer time", self.custom_answer), self.custom_answer)
        form.addRow(FormLabel("At zero", self.custom_at_zero), self.custom_at_zero)
        form.addRow(self.custom_follow)
        categories = QWidget()
        cv = QVBoxLayout(categories)
        cv.setContentsMargins(0, 0, 0, 0)
        cv.addWidget(self.custom_categories.caption)
        cv.addWidget(self.custom_categories)
        cv.addStretch(1)  # the caption stays on its list, level with the form's first row, however tall the form
        box.addWidget(categories, 1)
        box.addLayout(form)
        self._custom_box = box
        self._custom_watcher = OnResize(self._fit_custom)
        panel.installEventFilter(self._custom_watcher)
        panel.setVisible(False)
        self._restore_custom()
        return panel

    def _restore_custom(self) -> None:
        """The custom builder's choices of the last custom interview started."""
        prefs = self.ctx.prefs
        self.custom_categories.set_checked(names(prefs.get(INTERVIEW_CATEGORIES)))
        wanted = (difficulty,) if (difficulty := prefs.get(INTERVIEW_DIFFICULTY)) else ()
        rows = [tuple(self.custom_difficulty.itemData(i)) for i in range(self.custom_difficulty.count())]
        self.custom_difficulty.setCurrentIndex(rows.index(wanted) if wanted in rows else 0)  # findData misses tuples
        self.custom_count.setValue(prefs.get(INTERVIEW_COUNT))
        self.custom_follow.setChecked(prefs.get(INTERVIEW_FOLLOW_UP))
        self.custom_at_zero.setCurrentIndex(max(0, self.custom_at_zero.findData(prefs.get(INTERVIEW_OVERTIME))))

    def _remember(self, key: str) -> None:
        """An interview started: the picker opens on it next time (and the builder with its choices)."""
        prefs = self.ctx.prefs
        prefs.set(INTERVIEW_PRESET, key)
        if key != CUSTOM:
            return
        prefs.set(INTERVIEW_CATEGORIES, ",".join(self.custom_categories.checked()))
        prefs.set(INTERVIEW_DIFFICULTY, "".join(self.custom_difficulty.currentData()))
        prefs.set(INTERVIEW_COUNT, self.custom_count.value())
        prefs.set(INTERVIEW_FOLLOW_UP, self.custom_follow.isChecked())
        prefs.set(INTERVIEW_OVERTIME, bool(self.custom_at_zero.currentData()))
        prefs.set(THINK_S, self.custom_think.value())
        prefs.set(ANSWER_S, self.custom_answer.value())

    def _fit_custom(self, width: int) -> None:
        """The categories beside the other choices when there is room, above them when not."""
        need = 2 * self.custom_categories.sizeHintForColumn(0) + 200  # the longest name, beside the form
        self._custom_box.setDirection(QBoxLayout.Direction.LeftToRight if width >= need
                                      else QBoxLayout.Direction.TopToBottom)

    def selected_key(self) -> str:
        item = self.presets.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else PRESETS[0].key

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown:  # once laid out: a remembered preset low in the list is in view in a short window
            self._shown = True
            QTimer.singleShot(0, self._bring_selected_into_view)

    def _bring_selected_into_view(self) -> None:
        item, page = self.presets.currentItem(), self.presets_area.widget()
        if item is None or page is None:
            return
        rect = self.presets.visualItemRect(item)
        centre = self.presets.mapTo(page, rect.center())
        self.presets_area.ensureVisible(centre.x(), centre.y(), 0, rect.height())

    def _on_preset(self, scroll: bool = True) -> None:
        custom = self.selected_key() == CUSTOM
        self.custom_panel.setVisible(custom)
        if custom and scroll:  # the builder just opened below the list: bring it into view
            QTimer.singleShot(0, lambda: self.presets_area.ensureWidgetVisible(self.custom_panel, 0, 0))

    def refresh_history(self, held: int | None = None) -> None:
        """Every interview, as it ended: how many questions were asked, the score, and whether it can resume.
        `held` is the interview this app is running; any other left RUNNING lost its app."""
        self.history.clear()
        for row in self.ctx.store.interview_store.summaries():
            status = Status.INTERRUPTED if row.status is Status.RUNNING and row.id != held else row.status
            asked = (count(row.questions, "question") if row.asked == row.questions
                     else f"{row.asked} of {row.questions} asked")
            score = f"{row.average_score:.1f}/5" if row.average_score is not None else "not scored"
            after = {Status.FINISHED: "", Status.ENDED_EARLY: " · ended early", Status.RUNNING: " · running"}.get(
                status, f" · {status.value} · double-click resumes")
            self.history.addItem(two_line.item(f"{row.preset} · {row.started_at.astimezone():%a %d %b %Y, %H:%M}",
                                               f"{asked} · {score}{after}", row.id))

    def build_plan(self) -> Plan:
        """The selected preset (or the custom builder's choices) as a plan of questions."""
        key = self.selected_key()
        avoid = self.ctx.store.interview_store.recent_questions(last=3)
        weak = self._weak_categories() if self.lean_weak.isChecked() else []
        if key == CUSTOM:
            cats = self.custom_categories.checked()
            follow = self.custom_follow.isChecked()
            preset = Preset(CUSTOM, "Custom", self.custom_count.value(), self.custom_think.value(),
                            self.custom_answer.value(), cats, tuple(self.custom_difficulty.currentData()),
                            follow, 60.0 if follow else 0.0, bool(self.custom_at_zero.currentData()))
        else:
            preset = next(p for p in PRESETS if p.key == key)
        self._remember(key)
        return plan_from_preset(self.ctx.bank, preset, avoid, weak)

    def _weak_categories(self) -> list[str]:
        from desktop.core.progress import weak_categories  # fsrs is imported only when asked for

        return weak_categories(self.ctx.bank, self.ctx.scheduler)

    def restyle(self) -> None:
        """The settings dialog may have changed the custom times or the beep: show what is set now."""
        for widget, setting in ((self.custom_think, THINK_S), (self.custom_answer, ANSWER_S)):
            widget.blockSignals(True)
            widget.setValue(self.ctx.prefs.get(setting))
            widget.blockSignals(False)
        self.beep.blockSignals(True)
        self.beep.setChecked(self.ctx.prefs.get(BEEP))
        self.beep.blockSignals(False)
