"""The first-run study plan as a demanding user answers it: a date field pushed to its limits."""

from __future__ import annotations

import time
from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt

from desktop.core.settings import INTERVIEW_DATE


def test_the_latest_date_the_field_allows_is_planned_without_a_crash_or_a_freeze(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    panel = window.plan.panel
    edit = panel.when.edit
    edit.setFocus()
    edit.setDate(QDate(9999, 12, 31))  # what typing 9999 asks for; the field keeps it within its range
    latest = edit.date()
    today = window.ctx.store.clock().astimezone().date()
    assert date(latest.year(), latest.month(), latest.day()) <= today + timedelta(days=800)  # about two years
    qtbot.mouseClick(panel.use_button, Qt.MouseButton.LeftButton)
    started = time.perf_counter()
    window.switch_to("quiz")  # the plan's pace is worked out for today's study
    window.switch_to("progress")
    assert time.perf_counter() - started < 2.0


def test_a_hand_edited_date_far_beyond_the_field_still_opens_quiz(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    window.ctx.prefs.set(INTERVIEW_DATE, "9999-12-31")  # settings.ini edited by hand, or an old version's
    started = time.perf_counter()
    window.switch_to("quiz")
    window.mode("quiz").start_page.refresh()
    assert time.perf_counter() - started < 2.0
    assert window.current_key == "quiz"
