"""The status bar's standing count of today's study: the numbers Quiz and Progress show, from the
same core function (desktop.core.today), redrawn when reviews or the plan change, and at midnight."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel

from desktop.core.changes import Change, Changed
from desktop.ui.context import AppContext

WARMING_RETRY_MS = 30  # while the study record is read on its thread (core/study_record.py), look again after this


class StudyStatus(QLabel):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("studyStatus")
        self.setContentsMargins(0, 0, 10, 0)  # clear of the window's edge
        self._soon = QTimer(self, singleShot=True, interval=0)  # grades in a row: one redraw
        self._soon.timeout.connect(self._refresh_when_read)
        ctx.day_watch.follow(self, self.refresh_soon)  # midnight starts a new day
        ctx.store.changes.subscribe_while_alive(self._on_change)
        unsubscribe = ctx.prefs.subscribe(lambda _key: self.refresh_soon())  # the limit, the plan, the retention
        self.destroyed.connect(lambda _obj=None: unsubscribe())

    def _on_change(self, changed: Changed) -> None:
        if changed.touches(Change.REVIEWS):
            self.refresh_soon()

    def refresh_soon(self) -> None:
        self._soon.start(0)

    def _refresh_when_read(self) -> None:
        if self.ctx.study_record.warming():  # (after a restore) counted once it is read, not waited for here
            self._soon.start(WARMING_RETRY_MS)
        else:
            self.refresh()

    def refresh(self) -> None:
        if not self.ctx.bank.questions:
            self.setText("")
            return
        from desktop.core.study_plan import StudyPlan  # with fsrs, after the bank: not before the first frame
        from desktop.core.today import counts_line, stored_cards, todays_study

        bank, sr = self.ctx.bank, self.ctx.scheduler
        cards = stored_cards(bank, sr, self.ctx.study_record)  # the cards Progress keeps parsed, not read again
        today = todays_study(bank, sr, StudyPlan.load(self.ctx.prefs), cards=cards)
        self.setText(f"Today: {counts_line(today)}")
