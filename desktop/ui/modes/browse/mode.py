"""The browse mode: three panes side by side, the keyboard actions, the saved state, and the
bookmarks and notes it keeps current from the store's change feed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from desktop.core.changes import Change, Changed
from desktop.core.settings import HIDE_ANSWERS
from desktop.ui.actions import action
from desktop.ui.application import next_turn
from desktop.ui.context import AppContext
from desktop.ui.modes.browse.reading import ReadingPanel
from desktop.ui.modes.browse.results import ALL, ResultsPanel, fill_categories
from desktop.ui.widgets.category_list import category_panel, side_width

if TYPE_CHECKING:
    from desktop.core.bank import Bank
    from desktop.core.note_store import UserData
    from desktop.core.search import SearchIndex
    from desktop.ui.widgets.exercise_panel import ExercisePanel


class BrowseMode:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx
        bank = ctx.bank
        self._questions = dict(bank.by_id)
        self._category_titles = {c.id: c.title for c in bank.categories}
        self._revealed = False
        self._hide_answers = ctx.prefs.get(HIDE_ANSWERS)
        # One copy of each, shared with the list (its ★ and ✎ marks) and the bookmark button.
        self.bookmarks: set[str] = ctx.store.note_store.bookmarks()
        self.noted: set[str] = set(ctx.store.note_store.notes())
        self._filters_stale = False
        self._build()
        ctx.store.changes.subscribe_while_alive(self._on_data_changed)
        self._build_actions()
        self._restore()

    # ------------------------------------------------------------------ building

    def _build(self) -> None:
        root = QWidget()
        root.setObjectName("browseMode")
        split = QSplitter(Qt.Orientation.Horizontal, root)
        split.setChildrenCollapsible(False)
        self.splitter = split

        left, categories = category_panel("Categories", "the categories", self.ctx.settings,
                                           "browse/categories_folded")
        self.side = left
        fill_categories(categories, self.ctx.bank)
        self.results = ResultsPanel(self.ctx, categories, self._questions, self._category_titles,
                                    self.bookmarks, self.noted)
        self.reading = ReadingPanel(self.ctx, self._questions, self._category_titles, self.bookmarks,
                                    self._hide_answers)

        # Floors for a small window: category names stay readable, the answer keeps a usable column.
        for pane, floor in ((left, 160), (self.results, 250), (self.reading, 300)):
            pane.setMinimumWidth(floor)
            split.addWidget(pane)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 0)
        split.setStretchFactor(2, 1)
        split.setSizes([side_width(categories, self._category_titles.values()), 340, 700])
        outer = QVBoxLayout(root)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(split)
        self._root = root

        self.results.current_changed.connect(self._on_current_changed)
        self.reading.bookmark_requested.connect(self.toggle_bookmark)
        self.reading.step_requested.connect(self.step)
        self.reading.hide_toggled.connect(self.set_hide_answers)
        self.reading.reveal_requested.connect(self.toggle_reveal)

        # The panels' widgets that tests and scripts reach through the mode; built once, never replaced.
        r, v = self.results, self.reading
        self.categories, self.search, self.difficulty, self.tag = r.categories, r.search, r.difficulty, r.tag
        self.bookmarked_only, self.noted_only, self.count_label = r.bookmarked_only, r.noted_only, r.count_label
        self.list, self.model, self.delegate = r.list, r.model, r.delegate
        self.prev_button, self.next_button, self.bookmark_button, self.hide_button = (
            v.prev_button, v.next_button, v.bookmark_button, v.hide_button)
        self.view, self.notes, self.right_split, self.exercise_slot = v.view, v.notes, v.right_split, v.exercise

    def _build_actions(self) -> None:
        root = self._root
        self.find_action = action(root, "Find…", "Ctrl+F", self.focus_search)
        self.reveal_action = action(root, "Reveal or hide answer", "Space", self.toggle_reveal)
        self.next_action = action(root, "Next question", "Ctrl+Down", lambda: self.step(1))
        self.prev_action = action(root, "Previous question", "Ctrl+Up", lambda: self.step(-1))
        self.hide_action = action(root, "Hide answers while browsing", "Ctrl+Shift+H", self.set_hide_answers, True)
        self.hide_action.setChecked(self._hide_answers)
        self.clear_action = action(root, "Clear search and filters", "Ctrl+Shift+L", self.clear_filters)
        self.everywhere_action = action(root, "Search all categories", "Ctrl+Shift+A", self.search_everywhere)
        self.note_action = action(root, "Edit my note", "Ctrl+E", self.edit_note)
        self.bookmark_action = action(root, "Bookmark question", "Ctrl+D", self.toggle_bookmark)
        self.notes.preview_action.setShortcut(QKeySequence("Ctrl+Shift+P"))

    def _restore(self) -> None:
        s = self.ctx.settings
        cat = s.value("browse/category", ALL)
        row = next((i for i in range(self.categories.count())
                    if self.categories.item(i).data(Qt.ItemDataRole.UserRole) == cat), 0)
        self.categories.blockSignals(True)  # one search and one question drawn at start-up, not two of each
        self.categories.setCurrentRow(row)
        self.categories.blockSignals(False)
        self.refresh(prefer=str(s.value("browse/question", "") or ""))

    # --------------------------------------------------------------- interface

    def widget(self) -> QWidget:
        return self._root

    def actions(self) -> list[QAction]:
        return [self.find_action, self.reveal_action, self.next_action, self.prev_action,
                self.note_action, self.notes.preview_action, self.bookmark_action,
                self.hide_action, self.clear_action, self.everywhere_action,
                self.exercise_slot.run_action, self.exercise_slot.cancel_action, self.exercise_slot.reset_action,
                self.exercise_slot.solution_action]

    def activate(self) -> None:
        # notes are searched too: a query left here may match a note written meanwhile, or no longer match one
        if self._filters_stale and (self.results.filters_on_user_data() or self.results.terms()):
            self.refresh(prefer=self.current_id())
        self._filters_stale = False
        self.list.setFocus()
        self._announce()

    def deactivate(self) -> None:
        self.notes.flush()
        self.exercise_slot.flush()
        self.save_state()

    def unsaved(self) -> dict[str, str]:
        return {**self.notes.unsaved(), **self.exercise_slot.unsaved()}

    def restyle(self) -> None:
        self.results.restyle()
        self.reading.restyle()

    def save_state(self) -> None:
        s = self.ctx.settings
        s.setValue("browse/category", self.current_category())
        s.setValue("browse/question", self.current_id() or "")
        if self.ctx.prefs.get(HIDE_ANSWERS) != self._hide_answers:  # a write tells every listener (the status bar)
            self.ctx.prefs.set(HIDE_ANSWERS, self._hide_answers)

    # ------------------------------------------------------------------ queries

    def current_category(self) -> str:
        return self.results.current_category()

    def current_id(self) -> str | None:
        return self.results.current_id()

    def visible_ids(self) -> list[str]:
        return self.results.visible_ids()

    @property
    def elsewhere(self) -> int:
        """Matches of the last search hidden by the category or filters."""
        return self.results.elsewhere

    @property
    def exercise(self) -> ExercisePanel:
        """The code editor's panel (built on first use: normally when a coding exercise is first shown)."""
        return self.exercise_slot.get()

    def is_revealed(self) -> bool:
        return not self._hide_answers or self._revealed

    # ------------------------------------------------------------------ actions

    def refresh(self, prefer: str | None = None) -> None:
        """Re-run the search with the current query and filters.

        A new query shows its top result; otherwise the selection is kept if it survives.
        """
        self.results.refresh(prefer)

    def search_everywhere(self) -> None:
        """Keep the query, drop the category and filters that hid some of its matches."""
        self.results.search_everywhere()

    def clear_filters(self) -> None:
        self.results.clear_filters()

    def focus_search(self) -> None:
        self.results.focus_search()

    def open_question(self, qid: str) -> None:
        """Show a question, clearing filters that would hide it."""
        if qid in self._questions:
            self.results.select(qid)

    def step(self, delta: int) -> None:
        self.results.step(delta)

    def toggle_bookmark(self) -> None:
        qid = self.current_id()
        if qid is None:
            return
        on = self.ctx.toggle_bookmark(qid)
        if on is None:
            return
        self.reading.show_bookmark(qid)
        self.results.repaint_rows()
        self.ctx.status("Bookmarked" if on else "Bookmark removed")

    def bank_changed(self, bank: Bank, index: SearchIndex) -> None:
        """After an import: the same panes show the new bank, keeping the category, filters, query and question
        chosen. The list is filled on the next event-loop turn, so neither step holds the UI thread long."""
        self._questions.clear()  # shared with the list and the reading pane: changed in place
        self._questions.update(bank.by_id)  # (10,000 questions: 0.3 ms, against 6-8 ms a question at a time)
        self._category_titles.clear()
        self._category_titles.update((c.id, c.title) for c in bank.categories)
        keep, category = self.current_id(), self.current_category()
        self.categories.blockSignals(True)
        self.categories.clear()
        fill_categories(self.categories, bank)
        row = next((i for i in range(self.categories.count())
                    if self.categories.item(i).data(Qt.ItemDataRole.UserRole) == category), 0)
        self.categories.setCurrentRow(row)
        self.categories.blockSignals(False)
        self.tag.set_tags(bank.tags())
        next_turn(self._root, lambda: self.refresh(prefer=keep))  # after the paint of what changed so far

    def reload_user_data(self, restored: UserData | None) -> None:
        """After a restore: bookmarks, notes (as the restore read them) and the note editor are shown again."""
        notes = self.ctx.store.note_store
        self.bookmarks.clear()
        self.bookmarks.update(restored.bookmarks if restored is not None else notes.bookmarks())
        self.noted.clear()
        self.noted.update(restored.notes if restored is not None else notes.notes())  # the index follows the feed
        self.notes.reload()
        self.exercise_slot.reload()
        if self.results.terms() or self.results.filters_on_user_data():
            # Which questions are listed depends on the notes (they are searched) or the bookmarks: search
            # again, in an event-loop turn of its own (a year of data: ~20 ms).
            next_turn(self._root, self.refresh)
        else:  # the same list: only its marks and the bookmark button change
            self.results.repaint_rows()
            self.reading.show_bookmark(self.current_id())

    def toggle_reveal(self) -> None:
        if not self._hide_answers:
            # Answers are on show; Space hides this one (and turns hiding on for the rest).
            self.set_hide_answers(True)
            return
        self._revealed = not self._revealed
        self._show(self.current_id())
        if self._revealed:
            self.reading.view.show_start_of("Answer")

    def set_hide_answers(self, hide: bool) -> None:
        self._hide_answers = bool(hide)
        self._revealed = False
        for control in (self.hide_button, self.hide_action):
            if control.isChecked() != self._hide_answers:
                control.blockSignals(True)
                control.setChecked(self._hide_answers)
                control.blockSignals(False)
        self._show(self.current_id())

    # ----------------------------------------------------------------- internal

    def _on_current_changed(self, qid: str | None) -> None:
        self._revealed = False
        self.notes.set_question(qid)  # saves the previous question's note first; None: no ghost note
        self._show(qid)

    def _on_data_changed(self, changed: Changed) -> None:
        """Notes and bookmarks written anywhere (Quiz, Mock review, My notes) show here at once."""
        if changed.what == Change.ALL:
            return  # a restore: the window calls reload_user_data, which re-reads everything
        if changed.touches(Change.NOTES):
            for qid in changed.question_ids:
                (self.noted.add if self.ctx.store.note_store.note(qid).strip() else self.noted.discard)(qid)
        if changed.touches(Change.BOOKMARKS):
            self.bookmarks.clear()
            self.bookmarks.update(self.ctx.store.note_store.bookmarks())
            self.reading.show_bookmark(self.current_id())  # bookmarked in Quiz: its button says so here too
        if changed.touches(Change.NOTES | Change.BOOKMARKS):
            self.results.repaint_rows()
            self._filters_stale = True  # the search and Bookmarked / Has notes re-run when Browse is next shown

    def edit_note(self) -> None:
        """Ctrl+E: with answers hidden, the note is hidden too, so writing one reveals the answer first."""
        if not self.is_revealed():
            self._revealed = True
            self._show(self.current_id())
        self.reading.body.show_pane(0)  # the note is with the statement (a tab of its own in a small window)
        self.notes.focus_editor()

    def _show(self, qid: str | None) -> None:
        if not self.is_revealed() and self.notes.edit.hasFocus():
            self.list.setFocus()  # out of the hidden editor, so Space reveals instead of typing a space
        row, count = self.results.current_row(), len(self.model.ids)
        self.reading.show_question(qid, self.is_revealed(), self.results.terms(),
                                   has_prev=row > 0, has_next=0 <= row < count - 1)
        # Deferred so the status bar shows it after any message the switch itself posts.
        QTimer.singleShot(0, self._announce)

    def _announce(self) -> None:
        if not self._root.isVisible():
            return  # said a moment late (deferred), after the user had moved to another mode
        if self._hide_answers and not self._revealed and self.current_id():
            self.ctx.status("Answer hidden: press Space to reveal")
