"""Quiz: spaced-repetition self-testing, entirely by keyboard.

Start page (Enter: today's study) → question alone → Space reveals the answer and
its key points as a checklist (a–f tick) → the ticks suggest a grade, Enter accepts
it or 1–4 override → next … → a summary. Ctrl+Z takes back the last grade exactly.

mode.py holds QuizMode (the stack, the actions, the session) and the Page enum; each page
is its own widget: start.py (StartPage), card.py (CardPage) and summary.py (SummaryPage).
"""

from __future__ import annotations

from desktop.ui.modes.quiz.mode import Page, QuizMode

__all__ = ["Page", "QuizMode"]
