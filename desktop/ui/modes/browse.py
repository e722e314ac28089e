"""Browse: categories, a searchable and filterable question list, and the question with its answer."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidgetItem,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core import wording
from desktop.core.bank import DIFFICULTIES
from desktop.core.changes import Change, Changed
from desktop.core.search import Filter, query_terms
from desktop.core.settings import HIDE_ANSWERS
from desktop.core.store import StoreWriteError
from desktop.ui import theme
from desktop.ui.actions import action
from desktop.ui.context import AppContext
from desktop.ui.widgets.category_list import category_panel
from desktop.ui.widgets.note_editor import NoteEditor
from desktop.ui.widgets.on_resize import OnResize
from desktop.ui.widgets.question_list import QuestionListDelegate, QuestionListModel
from desktop.ui.widgets.question_view import QuestionView

ALL = ""  # the "All questions" entry's category id
SEARCH_LIMIT = 500
SNIPPETS_FOR = 40  # results that get a "where it matched" line: what fits on screen, and then some
COMPACT_BAR_BELOW = 430  # px of answer pane: narrower, and the bar above it shows symbols only


class BrowseMode:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx
        bank = ctx.bank
        self._questions = {q.id: q for q in bank.questions}
        self._category_titles = {c.id: c.title for c in bank.categories}
        self._revealed = False
        self._hide_answers = ctx.prefs.get(HIDE_ANSWERS)
        self.bookmarks: set[str] = ctx.store.bookmarks()
        self.noted: set[str] = set(ctx.store.notes())
        self._filters_stale = False
        self._last_terms: tuple[str, ...] = ()
        self.elsewhere = 0  # matches hidden by the category or filters
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

        # Left: categories with counts.
        left, self.categories = category_panel("Categories")
        counts: dict[str, int] = {}
        for q in self.ctx.bank.questions:
            counts[q.category] = counts.get(q.category, 0) + 1
        self._add_category(ALL, "All questions", len(self.ctx.bank.questions))
        for cat in self.ctx.bank.categories:
            self._add_category(cat.id, cat.title, counts.get(cat.id, 0))

        # Middle: search, filters, results.
        middle = QWidget()
        mv = QVBoxLayout(middle)
        mv.setContentsMargins(8, 8, 8, 8)
        mv.setSpacing(6)
        self.search = QLineEdit()
        self.search.setObjectName("searchBox")
        self.search.setPlaceholderText("Search questions and answers   Ctrl+F")
        self.search.setClearButtonEnabled(True)
        self.search.addAction(theme.icon("search", theme.current().muted, 16), QLineEdit.ActionPosition.LeadingPosition)
        self.difficulty = QComboBox()
        self.difficulty.setObjectName("difficultyFilter")
        self.difficulty.addItem("Any difficulty", None)
        for d in DIFFICULTIES:
            self.difficulty.addItem(d.capitalize(), d)
        self.tag = QComboBox()
        self.tag.setObjectName("tagFilter")
        self.tag.addItem("Any tag", None)
        for t in self.ctx.bank.tags():
            self.tag.addItem(t, t)
        self.tag.setMaxVisibleItems(20)
        filters = QHBoxLayout()
        filters.setSpacing(6)
        filters.addWidget(self.difficulty, 1)
        filters.addWidget(self.tag, 1)
        self.bookmarked_only = QToolButton(text="★ Bookmarked")
        self.bookmarked_only.setObjectName("bookmarkedFilter")
        self.noted_only = QToolButton(text="✎ Has notes")
        self.noted_only.setObjectName("notesFilter")
        toggles = QHBoxLayout()
        toggles.setSpacing(6)
        for b in (self.bookmarked_only, self.noted_only):
            b.setCheckable(True)
            b.setAutoRaise(True)
            toggles.addWidget(b)
        toggles.addStretch(1)
        self.list = QListView()
        self.list.setObjectName("questionList")
        self.model = QuestionListModel(self._questions, self._category_titles, self.bookmarks, self.noted)
        self.list.setModel(self.model)
        self.delegate = QuestionListDelegate(self.list)
        self.list.setItemDelegate(self.delegate)
        self.list.setUniformItemSizes(True)
        self.list.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.count_label = QLabel()
        self.count_label.setObjectName("sectionLabel")
        mv.addWidget(self.search)
        mv.addLayout(filters)
        mv.addLayout(toggles)
        mv.addWidget(self.count_label)
        mv.addWidget(self.list, 1)

        # Right: the question.
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 8, 8, 8)
        rv.setSpacing(6)
        bar = QHBoxLayout()
        bar.setSpacing(4)
        self.prev_button = QToolButton(text="‹ Previous")
        self.next_button = QToolButton(text="Next ›")
        self.hide_button = QToolButton(text="Hide answers")
        self.hide_button.setCheckable(True)
        self.hide_button.setChecked(self._hide_answers)
        self.hide_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.hide_button.setIcon(theme.icon("eye"))
        for b in (self.prev_button, self.next_button, self.hide_button):
            b.setAutoRaise(True)
        bar.addWidget(self.prev_button)
        bar.addWidget(self.next_button)
        bar.addStretch(1)
        bar.addWidget(self.hide_button)
        self.bookmark_button = QToolButton(text="☆ Bookmark")
        self.bookmark_button.setObjectName("bookmarkButton")
        self.bookmark_button.setAutoRaise(True)
        self.bookmark_button.setToolTip("Bookmark this question (Ctrl+D)")
        bar.insertWidget(bar.count() - 1, self.bookmark_button)
        self.prev_button.setToolTip("Previous question (Ctrl+Up)")
        self.next_button.setToolTip("Next question (Ctrl+Down)")
        self.hide_button.setToolTip("Hide answers while browsing; Space reveals one (Ctrl+Shift+H)")
        self._compact = False
        self._bar_watcher = OnResize(self._fit_bar)
        right.installEventFilter(self._bar_watcher)
        self.view = QuestionView()
        self.notes = NoteEditor(self.ctx.store)
        self.right_split = QSplitter(Qt.Orientation.Vertical)
        self.right_split.setChildrenCollapsible(False)
        self.right_split.addWidget(self.view)
        self.right_split.addWidget(self.notes)
        self.right_split.setStretchFactor(0, 3)
        self.right_split.setStretchFactor(1, 1)
        self.right_split.setSizes([520, 200])
        rv.addLayout(bar)
        rv.addWidget(self.right_split, 1)

        # Floors for a small window: category names stay readable, the answer keeps a usable column.
        for pane, floor in ((left, 160), (middle, 250), (right, 300)):
            pane.setMinimumWidth(floor)
            split.addWidget(pane)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 0)
        split.setStretchFactor(2, 1)
        split.setSizes([250, 340, 700])
        outer = QVBoxLayout(root)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(split)
        self._root = root

        self.categories.currentRowChanged.connect(lambda _row: self.refresh())
        self.difficulty.currentIndexChanged.connect(lambda _i: self.refresh())
        self.tag.currentIndexChanged.connect(lambda _i: self.refresh())
        self.search.textChanged.connect(lambda _t: self.refresh())
        self.search.returnPressed.connect(self.open_top_result)
        self.bookmarked_only.toggled.connect(lambda _on: self.refresh())
        self.noted_only.toggled.connect(lambda _on: self.refresh())
        self.bookmark_button.clicked.connect(self.toggle_bookmark)
        self.notes.save_failed.connect(self.ctx.status)
        self.list.selectionModel().currentChanged.connect(self._on_current_changed)
        self.prev_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.hide_button.toggled.connect(self.set_hide_answers)
        self.view.reveal_requested.connect(self.toggle_reveal)

    def _add_category(self, cid: str, title: str, count: int) -> None:
        item = QListWidgetItem(title)
        item.setData(Qt.ItemDataRole.UserRole, cid)
        item.setData(Qt.ItemDataRole.UserRole + 1, count)
        item.setToolTip(f"{title}: {wording.count(count, 'question')}")
        self.categories.addItem(item)

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
        self.note_action = action(root, "Edit my note", "Ctrl+E", self.notes.focus_editor)
        self.bookmark_action = action(root, "Bookmark question", "Ctrl+D", self.toggle_bookmark)
        self.notes.preview_action.setShortcut(QKeySequence("Ctrl+Shift+P"))

    def _restore(self) -> None:
        s = self.ctx.settings
        cat = s.value("browse/category", ALL)
        row = next((i for i in range(self.categories.count())
                    if self.categories.item(i).data(Qt.ItemDataRole.UserRole) == cat), 0)
        self.categories.setCurrentRow(row)
        self.refresh(prefer=str(s.value("browse/question", "") or ""))

    # --------------------------------------------------------------- interface

    def widget(self) -> QWidget:
        return self._root

    def actions(self) -> list[QAction]:
        return [self.find_action, self.reveal_action, self.next_action, self.prev_action,
                self.note_action, self.notes.preview_action, self.bookmark_action,
                self.hide_action, self.clear_action, self.everywhere_action]

    def activate(self) -> None:
        if self._filters_stale and (self.noted_only.isChecked() or self.bookmarked_only.isChecked()):
            self.refresh(prefer=self.current_id())
        self._filters_stale = False
        self.list.setFocus()
        self._announce()

    def deactivate(self) -> None:
        self.notes.flush()
        self.save_state()

    def unsaved(self) -> dict[str, str]:
        return self.notes.unsaved()

    def restyle(self) -> None:
        self.search.actions()[0].setIcon(theme.icon("search", theme.current().muted, 16))
        self.hide_button.setIcon(theme.icon("eye"))
        self.list.viewport().update()
        self.view.restyle()
        self.notes.restyle()

    def save_state(self) -> None:
        s = self.ctx.settings
        s.setValue("browse/category", self.current_category())
        s.setValue("browse/question", self.current_id() or "")
        self.ctx.prefs.set(HIDE_ANSWERS, self._hide_answers)

    # ------------------------------------------------------------------ queries

    def current_category(self) -> str:
        item = self.categories.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else ALL

    def current_id(self) -> str | None:
        index = self.list.currentIndex()
        return str(index.data(Qt.ItemDataRole.UserRole)) if index.isValid() else None

    def visible_ids(self) -> list[str]:
        return list(self.model.ids)

    def is_revealed(self) -> bool:
        return not self._hide_answers or self._revealed

    # ------------------------------------------------------------------ actions

    def refresh(self, prefer: str | None = None) -> None:
        """Re-run the search with the current query and filters.

        A new query shows its top result; otherwise the selection is kept if it survives.
        """
        typed = self.search.text()
        new_query = query_terms(typed) != self._last_terms
        self._last_terms = query_terms(typed)
        keep = prefer or (None if new_query and self._last_terms else self.current_id())
        only: set[str] | None = None
        if self.bookmarked_only.isChecked():
            only = set(self.bookmarks)
        if self.noted_only.isChecked():
            only = (only if only is not None else set(self.noted)) & self.noted
        where = Filter(
            category=self.current_category() or None,
            difficulty=self.difficulty.currentData(),
            tag=self.tag.currentData(),
            only_ids=only,
        )
        # While typing, only the best SEARCH_LIMIT matches are ranked and listed: it keeps every
        # keystroke fast in a 10,000-question bank (benchmarks/search.py).
        ids = self.ctx.index.search(typed, where, limit=SEARCH_LIMIT if query_terms(typed) else None)
        self.delegate.terms = query_terms(typed)
        self.model.set_ids(ids, self._snippets(ids, typed))
        shown = len(self.ctx.bank.in_category(where.category)) if where.category else len(self.ctx.bank.questions)
        noun = "question" if where.category is None else "question in this category"
        if query_terms(typed) and len(ids) >= SEARCH_LIMIT:
            text = f"Best {SEARCH_LIMIT} matches: keep typing to narrow"
        else:
            text = f"{len(ids)} of {wording.count(shown, noun)}" if len(ids) != shown else wording.count(shown, noun)
        self.elsewhere = self.ctx.index.count_elsewhere(typed, where)
        if self.elsewhere:
            text += f" · {self.elsewhere} more elsewhere: Ctrl+Shift+A"
        self.count_label.setText(text)
        row = ids.index(keep) if keep in ids else (0 if ids else -1)
        if row >= 0:
            self.list.setCurrentIndex(self.model.index(row))
        else:
            self.list.setCurrentIndex(QModelIndex())
            self.notes.set_question(None)  # no question on screen: no note can be written (a "ghost note")
            self._show(None)

    def _snippets(self, ids: list[str], typed: str) -> dict[str, str]:
        """Where each of the first results matched, for those whose title does not show it."""
        terms = query_terms(typed)
        if not terms:
            return {}
        out = {}
        for qid in ids[:SNIPPETS_FOR]:
            title = self._questions[qid].title.lower()
            if all(t in title for t in terms):
                continue
            snippet = self.ctx.index.snippet(qid, typed, "", "", words=12).replace("\n", " ")
            if snippet:
                out[qid] = snippet
        return out

    def search_everywhere(self) -> None:
        """Keep the query, drop the category and filters that hid some of its matches."""
        widgets = (self.difficulty, self.tag, self.categories, self.bookmarked_only, self.noted_only)
        for widget in widgets:
            widget.blockSignals(True)
        self.difficulty.setCurrentIndex(0)
        self.tag.setCurrentIndex(0)
        self.categories.setCurrentRow(0)
        self.bookmarked_only.setChecked(False)
        self.noted_only.setChecked(False)
        for widget in widgets:
            widget.blockSignals(False)
        self.refresh()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def open_top_result(self) -> None:
        if self.model.ids:
            self.list.setCurrentIndex(self.model.index(0))
            self.list.setFocus()

    def clear_filters(self) -> None:
        widgets = (self.search, self.difficulty, self.tag, self.categories, self.bookmarked_only, self.noted_only)
        for widget in widgets:
            widget.blockSignals(True)
        self.search.clear()
        self.difficulty.setCurrentIndex(0)
        self.tag.setCurrentIndex(0)
        self.categories.setCurrentRow(0)
        self.bookmarked_only.setChecked(False)
        self.noted_only.setChecked(False)
        for widget in widgets:
            widget.blockSignals(False)
        self.refresh()

    def open_question(self, qid: str) -> None:
        """Show a question, clearing filters that would hide it."""
        if qid not in self._questions:
            return
        if qid not in self.model.ids:
            self.clear_filters()
        self.list.setCurrentIndex(self.model.index(self.model.ids.index(qid)))
        self.list.setFocus()

    def toggle_bookmark(self) -> None:
        qid = self.current_id()
        if qid is None:
            return
        try:
            on = self.ctx.store.toggle_bookmark(qid)
        except StoreWriteError as exc:
            self.ctx.status(f"Could not save the bookmark ({exc}).")
            return
        self._show_bookmark(qid)
        self.list.viewport().update()
        self.ctx.status("Bookmarked" if on else "Bookmark removed")

    def reload_user_data(self) -> None:
        """After a restore: bookmarks, notes and the note editor come from the store again."""
        self.bookmarks.clear()
        self.bookmarks.update(self.ctx.store.bookmarks())
        self.noted.clear()
        self.noted.update(self.ctx.store.notes())  # the search index follows the store's change feed
        self.notes.reload()
        self.refresh()

    def step(self, delta: int) -> None:
        if not self.model.ids:
            return
        row = self.list.currentIndex().row()
        row = max(0, min(len(self.model.ids) - 1, (row if row >= 0 else -delta) + delta))
        self.list.setCurrentIndex(self.model.index(row))

    def toggle_reveal(self) -> None:
        if not self._hide_answers:
            # Answers are on show; Space hides this one (and turns hiding on for the rest).
            self.set_hide_answers(True)
            return
        self._revealed = not self._revealed
        self._show(self.current_id())

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

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._revealed = False
        qid = str(current.data(Qt.ItemDataRole.UserRole)) if current.isValid() else None
        self.notes.set_question(qid)  # saves the previous question's note first
        self._show(qid)
        self.list.scrollTo(current)

    def _on_data_changed(self, changed: Changed) -> None:
        """Notes and bookmarks written anywhere (Quiz, Mock review, My notes) show here at once."""
        if changed.what == Change.ALL:
            return  # a restore: the window calls reload_user_data, which re-reads everything
        if changed.touches(Change.NOTES):
            for qid in changed.question_ids:
                (self.noted.add if self.ctx.store.note(qid).strip() else self.noted.discard)(qid)
        if changed.touches(Change.BOOKMARKS):
            self.bookmarks.clear()
            self.bookmarks.update(self.ctx.store.bookmarks())
        if changed.touches(Change.NOTES | Change.BOOKMARKS):
            self.list.viewport().update()
            self._filters_stale = True  # the Bookmarked / Has notes filters re-run when Browse is next shown

    def _show_bookmark(self, qid: str | None) -> None:
        on = qid in self.bookmarks if qid else False
        self.bookmark_button.setText(("★" if on else "☆") if self._compact else
                                     ("★ Bookmarked" if on else "☆ Bookmark"))
        self.bookmark_button.setEnabled(qid is not None)

    def _fit_bar(self, width: int) -> None:
        """In a narrow answer pane the bar's buttons drop their words (tooltips keep them) instead of
        being cut to 'Boo…ked'."""
        compact = width < COMPACT_BAR_BELOW
        if compact == self._compact:
            return
        self._compact = compact
        self.prev_button.setText("‹" if compact else "‹ Previous")
        self.next_button.setText("›" if compact else "Next ›")
        self.hide_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly if compact
                                            else Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self._show_bookmark(self.current_id())

    def _show(self, qid: str | None) -> None:
        q = self._questions.get(qid) if qid else None
        title = self._category_titles.get(q.category, "") if q else ""
        self.view.show_question(q, title, self.is_revealed(), query_terms(self.search.text()))
        self._show_bookmark(qid)
        row = self.list.currentIndex().row()
        self.prev_button.setEnabled(row > 0)
        self.next_button.setEnabled(0 <= row < len(self.model.ids) - 1)
        # Deferred so the status bar shows it after any message the switch itself posts.
        QTimer.singleShot(0, self._announce)

    def _announce(self) -> None:
        if self._hide_answers and not self._revealed and self.current_id():
            self.ctx.status("Answer hidden: press Space to reveal")
