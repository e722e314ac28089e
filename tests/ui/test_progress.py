from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication

from desktop.core.scheduler import Grade
from tests.core.fakes import scored_interview


def test_dashboard_shows_readiness_due_streak_scores_and_weakest(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    sr, store = window.ctx.scheduler, window.ctx.store
    now = sr.clock()
    sr.grade("gradient-descent", Grade.GOOD, now=now - timedelta(days=1))
    sr.grade("gradient-descent", Grade.GOOD, now=now - timedelta(days=1, minutes=-10))
    sr.grade("random-forest", Grade.AGAIN, now=now)
    scored_interview(store, "Phone screen", [("decision-tree", 4)])
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key == "progress"
    mode = window.mode("progress")
    rows = dict((label, value) for label, value, _t in mode.readiness.rows)
    assert rows["Optimization"] > 0 and set(rows) == {"Optimization", "Trees"}
    assert mode.streak_value.text() == "2"
    assert mode.studied_value.text() == "2"
    assert mode.due_value.text() == "1"  # random-forest, graded Again just now
    assert [s for _l, s in mode.scores.points] == [4.0]
    assert mode.weak_list.item(0).data(Qt.ItemDataRole.UserRole) == "random-forest"


def test_interview_date_counts_down_and_sets_a_daily_pace(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    window.switch_to("progress")
    mode = window.mode("progress")
    mode.has_date.setChecked(True)
    mode.date_edit.setDate(QDate.currentDate().addDays(2))
    assert mode.countdown_value.text() == "2"
    assert "2 a day covers everything (4 new" in mode.countdown_caption.text()
    assert window.ctx.settings.value("progress/interview_date") == mode.date_edit.date().toString(Qt.DateFormat.ISODate)


def test_drill_the_weakest_starts_a_quiz_on_them(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    window.ctx.scheduler.grade("decision-tree", Grade.AGAIN)
    window.switch_to("progress")
    window.mode("progress").drill_button.click()
    assert window.current_key == "quiz"
    assert window.mode("quiz").session.question_ids == ["decision-tree"]


def test_a_narrow_window_stacks_the_cards_in_one_column(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    window.switch_to("progress")
    mode = window.mode("progress")

    def column_of(card) -> int:  # type: ignore[no-untyped-def]
        return mode.grid.getItemPosition(mode.grid.indexOf(card))[1]

    window.resize(1280, 780)
    qtbot.waitUntil(lambda: mode._columns == 2)
    assert {column_of(c) for c in mode._cards} == {0, 1}
    assert "→" in mode.countdown_caption.text()

    window.resize(760, 520)
    qtbot.waitUntil(lambda: mode._columns == 1)
    assert {column_of(c) for c in mode._cards} == {0}
    assert mode._tiles.indexOf(mode._date_widget) == -1  # the date moved under the tiles
    assert "↓" in mode.countdown_caption.text()
    qtbot.waitUntil(lambda: mode.scroll.horizontalScrollBar().maximum() == 0)  # nothing sticks out sideways

    window.resize(1280, 780)
    qtbot.waitUntil(lambda: mode._columns == 2)
    assert mode._tiles.indexOf(mode._date_widget) >= 0
