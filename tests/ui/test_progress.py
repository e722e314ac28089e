from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication

from desktop.core.scheduler import Grade
from desktop.ui.widgets.plan_fields import WeightGrid
from desktop.ui.widgets.two_line_list import SUBTITLE_ROLE
from tests.core.fakes import scored_interview


def test_dashboard_shows_readiness_today_streak_scores_and_weakest(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
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
    assert mode.today_value.text() == "3"  # random-forest's learning step and the two questions still new
    assert mode.today_caption.text() == "to study today: 0 due · 1 learning · 2 new"
    assert mode.due_chart.bars[0] == ("today", 1)
    assert [s for _l, s in mode.scores.points] == [4.0]
    # gradient-descent has two reviews, random-forest a failure: both are evidence, the failure weaker
    assert [mode.weak_list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(2)] == [
        "random-forest", "gradient-descent"]
    assert "failed 1×" in mode.weak_list.item(0).data(SUBTITLE_ROLE)


def test_interview_date_counts_down_and_sets_the_daily_number(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    window.switch_to("progress")
    mode = window.mode("progress")
    plan = mode.plan_card
    plan.when.has_date.setChecked(True)
    plan.when.edit.setDate(QDate.currentDate().addDays(1))
    assert plan.when.to_go.text() == "1 day to go"
    assert (mode.countdown_value.text(), mode.countdown_caption.text()) == ("1", "day to go")
    plan.when.edit.setDate(QDate.currentDate().addDays(10))
    assert (mode.countdown_value.text(), mode.countdown_caption.text()) == ("10", "days to go")
    assert window.ctx.settings.value("progress/interview_date") == plan.when.edit.date().toString(Qt.DateFormat.ISODate)
    # 4 questions, each studied by day 7 and reviewed two days later: 1 a day is enough
    assert plan.status.text() == "On track: 1 new a day fits your limit of 15."
    assert "4 of the 4 questions in your focus are still new. 1 a day until" in plan.numbers.text()
    assert not plan.apply_button.isVisible()
    window.switch_to("quiz")
    assert window.mode("quiz").start_counts.text() == "0 due · 0 learning · 1 new"  # the plan's number, not 15


def test_the_plans_daily_number_is_applied_with_one_click(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    window.switch_to("quiz")
    window.mode("quiz").new_limit.setValue(1)
    window.switch_to("progress")
    plan = window.mode("progress").plan_card
    plan.when.has_date.setChecked(True)
    plan.when.edit.setDate(QDate.currentDate().addDays(4))  # two days to start 4 questions: 2 a day
    assert plan.status.text() == "Not on track: the plan needs 2 new a day and your limit is 1."
    assert plan.apply_button.isVisible() and plan.apply_button.text() == "Use 2 a day"
    plan.apply_button.click()
    assert plan.status.text() == "On track: 2 new a day fits your limit of 2."
    assert not plan.apply_button.isVisible() and int(window.ctx.settings.value("quiz/new_per_day")) == 2
    qtbot.waitUntil(lambda: window.plan.status.text() == "Today: 0 due · 0 learning · 2 new")  # the status bar too
    window.switch_to("quiz")
    assert window.mode("quiz").new_limit.value() == 2


def test_what_to_study_next_starts_that_category(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    window.switch_to("progress")
    mode = window.mode("progress")
    plan = mode.plan_card
    plan.open_weights()
    plan.weights.boxes["trees"].setCurrentIndex(plan.weights.boxes["trees"].findData(3))  # Trees: Most
    assert window.ctx.settings.value("plan/weights") == "trees=3"
    assert [t.text() for t in mode.next_card.titles if t.isVisibleTo(mode.next_card)] == ["Trees", "Optimization"]
    mode.next_card.buttons[0].click()
    quiz = window.mode("quiz")
    assert window.current_key == "quiz" and quiz.session.question_ids == ["decision-tree", "random-forest"]
    assert quiz.card_page.progress.text().startswith("Study: Trees · 2 to go")


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

    def places() -> list[tuple[int, int]]:  # (row, column) of each card in the page's grid, in grid order
        return [mode.grid.getItemPosition(i)[:2] for i in range(mode.grid.count())]

    window.resize(1280, 780)
    qtbot.waitUntil(lambda: {column for _row, column in places()} == {0, 1})
    assert len(places()) == 7

    window.resize(760, 520)
    qtbot.waitUntil(lambda: {column for _row, column in places()} == {0})
    assert sorted(row for row, _column in places()) == list(range(7))  # one card a row
    qtbot.waitUntil(lambda: mode.scroll.horizontalScrollBar().maximum() == 0)  # nothing sticks out sideways

    window.resize(1280, 780)
    qtbot.waitUntil(lambda: {column for _row, column in places()} == {0, 1})


def test_a_date_gone_by_asks_for_the_next_one(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    window.ctx.settings.setValue("progress/interview_date", (QDate.currentDate().addDays(-3)).toString(
        Qt.DateFormat.ISODate))
    window.switch_to("progress")
    mode = window.mode("progress")
    assert mode.plan_card.status.text() == "That date has passed: set the date of your next interview."
    assert (mode.countdown_value.text(), mode.countdown_caption.text()) == ("–", "no interview date yet")
    window.switch_to("quiz")
    assert window.mode("quiz").start_counts.text() == "0 due · 0 learning · 4 new"  # the limit applies again


def test_progress_follows_a_review_in_quiz_and_a_restore(make_window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """What Progress read is kept between visits (core StudyRecord): it must still follow every change."""
    from desktop.core import backups
    from tests.ui.test_restore import choose_in_dialog

    def key(k, mod=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
        qtbot.keyClick(QApplication.focusWidget() or window, k, mod)

    def shown() -> tuple[str, str, int, int]:
        return (mode.studied_value.text(), mode.streak_value.text(), mode.due_chart.bars[0][1],
                sum(mode.heatmap.counts.values()))

    window = make_window()
    key(Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    mode = window.mode("progress")
    assert shown() == ("0", "0", 0, 0)
    assert "Nothing due" in mode.due_chart.message()  # an empty chart says why, not just its day labels
    window.data.back_up_now()  # nothing studied yet: what the restore below goes back to
    qtbot.waitUntil(lambda: window.data.backup_worker is None)
    backup = backups.backup_files(window.data.backup_dir)[0].path

    key(Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # Quiz: study the first question, Again
    key(Qt.Key.Key_Return)
    key(Qt.Key.Key_Space)
    key(Qt.Key.Key_1)
    key(Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key == "progress"
    assert shown() == ("1", "1", 1, 1)
    assert mode.due_chart.message() == ""  # one due today: the bars speak
    assert mode.weak_list.item(0).data(Qt.ItemDataRole.UserRole) == window.ctx.store.review_log.reviews()[0][0]

    choose_in_dialog(monkeypatch, backup)
    window.data.restore_from_backup()  # with Progress on screen: it shows the restored data at once
    qtbot.waitUntil(lambda: not window.data.restore_steps)  # each mode in an event-loop turn of its own
    assert shown() == ("0", "0", 0, 0)
    assert not mode.drill_button.isEnabled()


def test_the_category_weights_are_built_when_opened_and_show_the_saved_plan(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    window.ctx.settings.setValue("plan/weights", "trees=3")  # adjusted in an earlier session
    window.switch_to("progress")
    plan = window.mode("progress").plan_card
    assert not plan.findChildren(WeightGrid)  # not built with the page: Progress opens sooner
    plan.when.has_date.setChecked(True)  # a change saved while the weights are folded keeps them
    assert window.ctx.settings.value("plan/weights") == "trees=3"
    qtbot.mouseClick(plan.weights_button, Qt.MouseButton.LeftButton)
    assert plan.weights.isVisible() and plan.weights_button.text() == "Hide categories"
    assert plan.weights.boxes["trees"].currentData() == 3
    plan.weights.boxes["trees"].setCurrentIndex(plan.weights.boxes["trees"].findData(0))
    assert window.ctx.settings.value("plan/weights") == "trees=0"
    qtbot.mouseClick(plan.weights_button, Qt.MouseButton.LeftButton)
    assert not plan.weights.isVisible() and plan.weights_button.text() == "Adjust categories"
