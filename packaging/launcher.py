"""Entry point for the frozen app (PyInstaller runs this file): the same dispatch as `python -m desktop`,
so the hidden exercise-runner flag is handled before any Qt import."""

import sys

if sys.platform == "win32":
    import ctypes

    # Held while any copy runs, so the installer and uninstaller can ask for the app to be closed first
    # (packaging/windows/installer.nsi looks for it). Released by Windows when the process ends.
    RUNNING = ctypes.windll.kernel32.CreateMutexW(None, False, "ml-interview-coach-running")

from desktop.__main__ import main  # handles the hidden --run-exercise before any Qt import

sys.exit(main())
