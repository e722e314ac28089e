"""ML Interview Coach: an offline desktop app for practising machine-learning interviews."""

from importlib import metadata as _metadata

APP_NAME = "ML Interview Coach"
APP_ID = "ml-interview-coach"

try:
    __version__ = _metadata.version(APP_ID)
except _metadata.PackageNotFoundError:  # running from a bare source tree or a bundle
    __version__ = "0.1.0"
