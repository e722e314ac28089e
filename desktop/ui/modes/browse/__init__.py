"""Browse: categories, a searchable and filterable question list, and the question with its answer.

A thin mode (mode.py: the panes, the actions, the saved state, the change feed) over two panel
widgets beside the category list: results.py (the search box, the filters, the count and the
question list) and reading.py (previous/next, bookmark, hide answers, the question and its note).
The list's model and row delegate are widgets of their own: desktop/ui/widgets/question_list.py.
"""

from desktop.ui.modes.browse.mode import BrowseMode

__all__ = ["BrowseMode"]
