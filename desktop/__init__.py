"""ML Interview Coach: an offline desktop app for practising machine-learning interviews."""

APP_NAME = "ML Interview Coach"
APP_ID = "ml-interview-coach"
# Kept equal to pyproject.toml's version by a test; read here without importlib.metadata,
# which costs ~18 ms at start-up.
__version__ = "0.1.0"
# The hidden first argument of a coding exercise's child process (desktop/core/exercises.py). It is
# looked for before anything else is imported, so the child starts without Qt or the app.
RUN_EXERCISE_FLAG = "--run-exercise"
