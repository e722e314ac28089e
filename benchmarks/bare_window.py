"""The baseline: a bare PySide6 QMainWindow, shown, events processed, exit. Launched like the app."""

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setWindowTitle("bare")
window.resize(1280, 800)
window.show()
app.processEvents()
print("window-shown", flush=True)  # the same marker the app prints under --smoke-test
if "--stay" not in sys.argv:  # --stay: keep it open, for benchmarks that watch the screen
    QTimer.singleShot(0, lambda: app.exit(0))
sys.exit(app.exec())
