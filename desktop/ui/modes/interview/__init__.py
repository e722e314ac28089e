"""Mock interview: pick a preset, answer against the clock, then review against the model answers.

A thin mode (mode.py: the page stack, the actions, the `Page` enum) over three page widgets:
picker.py (presets, custom builder, options, history), runner.py (the question, the clocks
and the answer box, saved as you type) and review.py (your answer beside the model answer,
key points, score, scheduling, notes). What is not drawing lives in desktop/core/interview.py.
"""

from desktop.ui.modes.interview.mode import InterviewMode, Page

__all__ = ["InterviewMode", "Page"]
