"""Qt widgets that show core objects and route user input to them."""

from desktop.ui.pyside_imports import skip_feature_scan

skip_feature_scan()
