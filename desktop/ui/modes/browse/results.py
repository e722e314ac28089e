"""Browse's results panel: the search box, the difficulty and tag filters, the Bookmarked and Has notes
toggles, the count line and the question list. It re-runs the search whenever one of them (or the
category list beside it) changes, and says which question is current."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core import wording
from desktop.core.bank import DIFFICULTIES, Bank, Question
from desktop.core.search import Filter, query_terms
from desktop.ui import theme
from desktop.ui.context import AppContext
from desktop.ui.modes.browse.filter_fold import FilterFold
from desktop.ui.widgets.buttons import tool_button
from desktop.ui.widgets.category_list import category_item
from desktop.ui.widgets.flow_layout import flow
from desktop.ui.widgets.on_resize import OnResize
from desktop.ui.widgets.question_list import QuestionListDelegate, QuestionListModel
from desktop.ui.widgets.tag_filter import TagFilter

ALL = ""  # the "All questions" entry's category id
MARGIN, SPACING = 8, 6  # px around and between the search, filters, count and list
SNIPPETS_FOR = 40  # results that get a "where it matched" line: what fits on screen, and then some


def fill_categories(categories: QListWidget, bank: Bank) -> None:
    """"All questions", then every category of the bank, each with its question count."""
    counts = bank.sizes
    _add_category(categories, ALL, "All questions", len(bank.questions))
    for cat in bank.categories:
        _add_category(categories, cat.id, cat.title, counts.get(cat.id, 0))


def _add_category(categories: QListWidget, cid: str, title: str, count: int) -> None:
    categories.addItem(category_item(title, count, cid, f"{title}: {wording.count(count, 'question')}"))


class ResultsPanel(QWidget):
    """The filters and the list they produce; `categories` (its own pane) is one of the filters."""

    current_changed = Signal(object)  # the question id now current, or None when the list has none

    def __init__(self, ctx: AppContext, categories: QListWidget, questions: dict[str, Question],
                 category_titles: dict[str, str], bookmarks: set[str], noted: set[str]) -> None:
        super().__init__()
        self.ctx = ctx
        self.categories = categories
        self._bookmarks = bookmarks  # shared with BrowseMode, which keeps them current
        self._noted = noted
        self._last_terms: tuple[str, ...] = ()
        self.elsewhere = 0  # matches hidden by the category or filters

        mv = self._column = QVBoxLayout(self)
        mv.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        mv.setSpacing(SPACING)
        self.search = QLineEdit()
        self.search.setObjectName("searchBox")
        self.search.setAccessibleName("Search questions and answers")  # a placeholder is no name to a screen reader
        self.search.setPlaceholderText("Search questions and answers   Ctrl+F")
        self.search.setClearButtonEnabled(True)
        self.search.addAction(theme.icon("search", theme.current().muted, 16), QLineEdit.ActionPosition.LeadingPosition)
        self.difficulty = QComboBox()
        self.difficulty.setObjectName("difficultyFilter")
        self.difficulty.addItem("Any difficulty", None)
        for d in DIFFICULTIES:
            self.difficulty.addItem(wording.difficulty_name(d), d)
        self.tag = TagFilter(ctx.bank.tags())
        self.tag.setObjectName("tagFilter")
        self.tag.setAccessibleName("Filter by tag")
        self.filters = QBoxLayout(QBoxLayout.Direction.LeftToRight)  # one above the other in a narrow pane
        self.filters.setSpacing(6)
        self.filters.addWidget(self.difficulty, 1)
        self.filters.addWidget(self.tag, 1)
        self._narrow_watcher = OnResize(self._fit_filters)
        self.installEventFilter(self._narrow_watcher)
        self.bookmarked_only = tool_button("★ Bookmarked")
        self.bookmarked_only.setObjectName("bookmarkedFilter")
        self.bookmarked_only.setToolTip("Only the questions you bookmarked (Ctrl+D bookmarks one)")
        self.noted_only = tool_button("✎ Has notes")
        self.noted_only.setObjectName("notesFilter")
        self.noted_only.setToolTip("Only the questions you wrote a note on")
        for b in (self.bookmarked_only, self.noted_only):
            b.setCheckable(True)
            b.setAutoRaise(True)
        toggles = flow(self.bookmarked_only, self.noted_only, spacing=6)
        self.list = QListView()
        self.list.setObjectName("questionList")
        self.list.setAccessibleName("Questions")
        self.model = QuestionListModel(questions, category_titles, bookmarks, noted)
        self.list.setModel(self.model)
        self.delegate = QuestionListDelegate(self.list)
        self.list.setItemDelegate(self.delegate)
        self.list.setUniformItemSizes(True)
        # Laid out in batches between events: a 10,000-question list otherwise costs one ~50 ms pass
        # (tens of thousands of calls into the Python model) each time it is filled (benchmarks/ui_gaps.py).
        self.list.setLayoutMode(QListView.LayoutMode.Batched)
        self.list.setBatchSize(1000)  # the bundled bank in one batch: its first paint is already complete
        self.list.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self._keep_current_in_view = OnResize(lambda _w: self.list.scrollTo(self.list.currentIndex()))
        self.list.viewport().installEventFilter(self._keep_current_in_view)  # a shorter list still shows it
        self.count_label = QLabel()
        self.count_label.setObjectName("sectionLabel")
        self.count_label.setWordWrap(True)  # "… more elsewhere: Ctrl+Shift+A" wraps in a narrow pane, never cut
        self.filter_box = QWidget()  # folds behind the Filters button in a short pane
        box = QVBoxLayout(self.filter_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(6)
        box.addLayout(self.filters)
        box.addWidget(toggles)
        self.fold = FilterFold(self.filter_box, ctx.prefs, self._hidden_filters_on)
        self.filters_button = self.fold.button
        search_row = QHBoxLayout()
        search_row.setSpacing(6)
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.filters_button)
        mv.addLayout(search_row)
        mv.addWidget(self.filter_box)
        mv.addWidget(self.count_label)
        mv.addWidget(self.list, 1)

        self.categories.currentRowChanged.connect(lambda _row: self.refresh())
        self.difficulty.currentIndexChanged.connect(lambda _i: self.refresh())
        self.tag.currentIndexChanged.connect(lambda _i: self.refresh())
        self.search.textChanged.connect(lambda _t: self.refresh())
        self.search.returnPressed.connect(self.open_top_result)
        self.bookmarked_only.toggled.connect(lambda _on: self.refresh())
        self.noted_only.toggled.connect(lambda _on: self.refresh())
        self.list.selectionModel().currentChanged.connect(self._on_current_changed)

    # ------------------------------------------------------------------ queries

    def current_category(self) -> str:
        item = self.categories.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else ALL

    def current_id(self) -> str | None:
        index = self.list.currentIndex()
        return str(index.data(Qt.ItemDataRole.UserRole)) if index.isValid() else None

    def current_row(self) -> int:
        """The current question's row, -1 when there is none."""
        return self.list.currentIndex().row()

    def visible_ids(self) -> list[str]:
        return list(self.model.ids)

    def terms(self) -> tuple[str, ...]:
        """The words being searched for, to mark in the question on show."""
        return query_terms(self.search.text())

    def filters_on_user_data(self) -> bool:
        """Whether Bookmarked or Has notes narrows the list."""
        return self.noted_only.isChecked() or self.bookmarked_only.isChecked()

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
            only = set(self._bookmarks)
        if self.noted_only.isChecked():
            only = (only if only is not None else set(self._noted)) & self._noted
        where = Filter(
            category=self.current_category() or None,
            difficulty=self.difficulty.currentData(),
            tag=self.tag.tag(),
            only_ids=only,
        )
        # Every match is listed: a word in 2,000 notes lists 2,000, and the count says so. A query matching more than
        # RANK_AT_MOST is ranked by tiers, not scored whole, which keeps a keystroke within budget (core.search).
        ids = self.ctx.index.search(typed, where)
        self.delegate.terms = query_terms(typed)
        self.model.set_ids(ids, self._snippets(ids, typed))
        shown = len(self.ctx.bank.in_category(where.category)) if where.category else len(self.ctx.bank.questions)
        # Named, since a folded category list no longer shows which one is chosen.
        where_shown = "" if where.category is None else f" in {self.categories.currentItem().text()}"
        total = wording.count(shown, "question") + where_shown
        text = f"{len(ids):,} of {total}" if len(ids) != shown else total
        self.elsewhere = self.ctx.index.count_elsewhere(typed, where)
        if self.elsewhere:
            text += f" · {self.elsewhere} more elsewhere: Ctrl+Shift+A"
        self.count_label.setText(text)
        self.fold.show_count()
        row = ids.index(keep) if keep in ids else (0 if ids else -1)
        if row >= 0:
            self.list.setCurrentIndex(self.model.index(row))
        else:
            self.list.setCurrentIndex(QModelIndex())
            self.current_changed.emit(None)  # said even when nothing was current: no question, no ghost note

    def _snippets(self, ids: list[str], typed: str) -> dict[str, str]:
        """Where each of the first results matched, for those whose title does not show it."""
        return self.ctx.index.snippets(ids[:SNIPPETS_FOR], typed) if query_terms(typed) else {}

    def search_everywhere(self) -> None:
        """Keep the query, drop the category and filters that hid some of its matches."""
        self._reset_filters(keep_query=True)

    def clear_filters(self) -> None:
        self._reset_filters(keep_query=False)

    def _reset_filters(self, keep_query: bool) -> None:
        widgets: tuple[QWidget, ...] = (self.difficulty, self.tag, self.categories, self.bookmarked_only,
                                        self.noted_only)
        if not keep_query:
            widgets = (self.search, *widgets)
        for widget in widgets:
            widget.blockSignals(True)
        if not keep_query:
            self.search.clear()
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

    def select(self, qid: str) -> None:
        """Make this question current, clearing the filters that hide it."""
        if qid not in self.model.ids:
            self.clear_filters()
        self.list.setCurrentIndex(self.model.index(self.model.ids.index(qid)))
        self.list.setFocus()

    def step(self, delta: int) -> None:
        if not self.model.ids:
            return
        row = self.list.currentIndex().row()
        row = max(0, min(len(self.model.ids) - 1, (row if row >= 0 else -delta) + delta))
        self.list.setCurrentIndex(self.model.index(row))

    def repaint_rows(self) -> None:
        """Redraw the rows: their ★ and ✎ marks follow the shared bookmarks and notes."""
        self.list.viewport().update()

    def restyle(self) -> None:
        self.search.actions()[0].setIcon(theme.icon("search", theme.current().muted, 16))
        self.repaint_rows()
        self.fold.restyle()
        self._fit_filters(self.width())  # a new text size: taller rows, taller filters

    def _fit_filters(self, width: int) -> None:
        """The two filters side by side when both fit whole, else one above the other; all of them behind
        the Filters button when the list would otherwise show too few questions."""
        need = self.difficulty.sizeHint().width() + self.tag.minimumSizeHint().width() + 40
        self.filters.setDirection(QBoxLayout.Direction.LeftToRight if width >= need
                                  else QBoxLayout.Direction.TopToBottom)
        # Decided with the roomy margins, so the tighter ones a short pane then gets cannot flip the decision.
        others = (MARGIN * 2 + self.search.sizeHint().height() + 3 * SPACING
                  + self.count_label.heightForWidth(width - MARGIN * 2) + self.list.frameWidth() * 2)
        short = self.fold.fit(self.height(), others, QuestionListDelegate.row_height(self.list.fontMetrics()))
        self._column.setContentsMargins(MARGIN, MARGIN // 2 if short else MARGIN, MARGIN, MARGIN)
        self._column.setSpacing(SPACING - 2 if short else SPACING)  # a few px more for the list's last row

    def _hidden_filters_on(self) -> int:
        """How many of the foldable filters narrow the list."""
        return sum((self.difficulty.currentIndex() > 0, self.tag.currentIndex() > 0,
                    self.bookmarked_only.isChecked(), self.noted_only.isChecked()))

    # ----------------------------------------------------------------- internal

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.current_changed.emit(str(current.data(Qt.ItemDataRole.UserRole)) if current.isValid() else None)
        self._keep_in_view(current.row())

    def _keep_in_view(self, row: int, tries: int = 60) -> None:
        """Scroll to the current row; the batched layout reaches a far row a few event-loop turns later
        (the scroll range grows batch by batch), so try again until it is in view."""
        index = self.model.index(row)
        if row < 0 or self.list.currentIndex() != index:
            return  # nothing current, or the user has moved on
        self.list.scrollTo(index)
        if tries and not self.list.viewport().rect().intersects(self.list.visualRect(index)):
            QTimer.singleShot(0, lambda: self._keep_in_view(row, tries - 1))
