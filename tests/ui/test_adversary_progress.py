"""Progress, used by someone who plans there instead of in the first-run panel, or who skips every category."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from desktop.core.study_plan import StudyPlan

CTRL = Qt.KeyboardModifier.ControlModifier


def _click(qtbot, widget) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(8, widget.height() // 2))


def test_a_plan_made_in_progress_answers_the_first_run_panel_so_it_cannot_overwrite_it(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The first-run panel stayed on screen after the plan was set in Progress, still offering its own (stale)
    date and role: 'Use this plan' then replaced the date, focus and category weights just chosen in Progress.
    The plan set in Progress answers the question, as it does at the next launch, and the panel goes."""
    window = make_window()
    panel = window.plan.panel
    assert panel is not None and panel.isVisible()
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_4, CTRL)
    card = window.mode("progress").plan_card
    _click(qtbot, card.when.has_date)  # Interview on: the date it offers, three weeks away
    assert card.when.has_date.isChecked()
    day = card.when.day()
    _click(qtbot, card.weights_button)
    box = card.weights.boxes["trees"]
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Home)  # Trees: Skip
    saved = StudyPlan.load(window.ctx.prefs)
    assert saved.interview_day == day and saved.weights(window.ctx.bank)["trees"] == 0

    assert not panel.isVisible()
    assert QApplication.focusWidget() is box  # the panel going did not take the keys from the field in use
    assert StudyPlan.load(window.ctx.prefs) == saved


def test_every_category_skipped_is_said_plainly_not_as_fifteen_new_a_day_or_all_at_target(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """With every category set to Skip, Progress said 'Quiz brings 15 new questions a day from your focus' and
    'Every category in your focus is at its target', while Quiz had nothing new to bring: it says what happened
    and how to undo it, with or without an interview date."""
    window = make_window()
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_4, CTRL)
    mode = window.mode("progress")
    card = mode.plan_card
    _click(qtbot, card.weights_button)
    for box in card.weights.boxes.values():
        box.setFocus()
        qtbot.keyClick(box, Qt.Key.Key_Home)  # Skip
    for dated in (False, True):
        if dated:
            _click(qtbot, card.when.has_date)
        assert mode.today_value.text() == "0"
        qtbot.waitUntil(lambda: window.plan.status.text() == "Today: 0 due · 0 learning · 0 new")
        assert card.status.text() == ("Every category is set to Skip: Quiz brings no new questions, only reviews. "
                                      "Set one to Some or more below.")
        assert "15 new" not in card.status.text() and "On track" not in card.status.text()
        assert not card.numbers.isVisible()  # it said "0 of the 0 questions … 0 a day until …"
        assert mode.next_card.empty.isVisible()
        assert mode.next_card.empty.text() == "Nothing to aim for while every category is set to Skip."

    box = card.weights.boxes["trees"]
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Down)  # Trees: Some
    assert card.status.text().startswith("On track") and card.numbers.isVisible()
    assert mode.next_card.titles[0].text() == "Trees" and not mode.next_card.empty.isVisible()


def test_the_category_weights_fit_a_small_window_at_large_text(window_over, tmp_path, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Adjust categories laid the weights two categories to a row whatever the width: at 150 % text (chosen in
    Settings while they showed, or in a 760×520 window), long category titles made the page wider than the window,
    so its right side was cut off: the 'Use N a day' button, the end of every line, the countdown tile. One
    category to a row when two do not fit."""
    from desktop.ui import theme
    from tests.ui.conftest import question
    from tests.ui.test_adversary_settings import with_settings_open

    titles = ["SVM, k-NN and naive Bayes", "Clustering and unsupervised learning", "Linear models",
              "Experimentation and causal inference"]  # the bundled bank's longest, as its grid pairs them
    root = tmp_path / "long-titles"
    root.mkdir()
    (root / "categories.yaml").write_text("".join(f"- id: c{i}\n  title: {t}\n" for i, t in enumerate(titles)),
                                          encoding="utf-8")
    for i in range(len(titles)):
        (root / f"c{i}").mkdir()
        (root / f"c{i}" / f"q{i}.md").write_text(question(f"q{i}", f"c{i}", f"Question {i}?", "An answer."),
                                                 encoding="utf-8")
    app = QApplication.instance()
    theme.apply(app, "light")
    window = window_over(root)
    try:
        window.resize(1360, 820)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_4, CTRL)
        mode = window.mode("progress")
        _click(qtbot, mode.plan_card.weights_button)
        grid, page, viewport = mode.plan_card.weights, mode.scroll.widget(), mode.scroll.viewport()
        qtbot.waitUntil(grid.isVisible)

        def rows() -> int:
            return len({box.y() for box in grid.boxes.values()})

        assert rows() == 2  # room for two to a row at 100 %

        def fits() -> bool:
            return page.width() <= viewport.width() and all(
                box.mapTo(viewport, box.rect().topRight()).x() <= viewport.width() for box in grid.boxes.values())

        def text_150(dialog) -> None:  # type: ignore[no-untyped-def]
            dialog.text_size.setFocus()
            qtbot.keyClick(dialog.text_size, Qt.Key.Key_End)  # the largest: 150 %
            assert dialog.text_size.currentData() == 1.5

        with_settings_open(qtbot, window, text_150)
        qtbot.waitUntil(fits)
        assert rows() == 4
        window.resize(760, 520)
        qtbot.waitUntil(fits)
        assert rows() == 4
    finally:
        window.close()
        theme.set_text_scale(app, 1.0)
        app.setStyleSheet("")
