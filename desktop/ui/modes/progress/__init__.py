"""Progress: where you stand and what to do next.

mode.py holds ProgressMode (tiles, the cards' layout, refreshing them); plan_card.py the study plan
(date, focus, category weights, the daily number and whether you are on track); next_card.py what to
study next; cards.py the card and tile shapes they share.
"""

from __future__ import annotations

from desktop.ui.modes.progress.mode import ProgressMode

__all__ = ["ProgressMode"]
