"""Stop PySide reading the source of every module imported after it.

PySide's optional `from __feature__ import snake_case, true_property` switches Qt's API per module. To know
which modules a switch may apply to, its import hook calls `inspect.getsource` on each module an import
statement returns (PYSIDE-2029): at launch about 220 modules, the standard library's largest among them,
which took 35-110 ms before the first complete frame (docs/performance.md, "Issue 23, fourth round").
This app switches no feature, so every module is registered as one that uses none (-1: PySide then keeps
the current selection, which here is always the default). A frozen bundle has no sources to read, so
this only changes a launch from a source tree or a pip install.
"""

from __future__ import annotations


def _uses_no_feature(_module: object) -> bool:
    return False


def skip_feature_scan() -> None:
    """Call once PySide6 is imported and before the app's own modules are."""
    try:
        from PySide6.support import feature  # type: ignore[attr-defined]  # created by shiboken at import
    except ImportError:  # a PySide without the hook (PyPy, or a later version that dropped it)
        return
    if hasattr(feature, "_mod_uses_pyside"):
        feature._mod_uses_pyside = _uses_no_feature
