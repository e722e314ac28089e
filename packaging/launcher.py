"""Entry point for the frozen app (PyInstaller runs this file)."""

import sys

from desktop.app import main

sys.exit(main())
