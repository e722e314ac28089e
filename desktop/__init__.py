"""ML Interview Coach: an offline desktop app for practising machine-learning interviews."""

APP_NAME = "ML Interview Coach"
APP_ID = "ml-interview-coach"
# Kept equal to pyproject.toml's version by a test; read here without importlib.metadata,
# which costs ~18 ms at start-up.
__version__ = "0.1.0"
