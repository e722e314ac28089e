"""Entry point for the frozen app (PyInstaller runs this file): the same dispatch as `python -m desktop`,
so the hidden exercise-runner flag is handled before any Qt import."""

import sys

from desktop.__main__ import main

sys.exit(main())
