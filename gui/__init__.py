"""InitLab's desktop window (Qt only; the numbers come from `engine`).

`MainWindow(config=None)` is the window; `gui.app` has `run_app` and `export_dashboard`.
"""

from ._compat import guard as _guard_pyside_refcounts

_guard_pyside_refcounts()

from .main_window import MainWindow  # noqa: E402

__all__ = ["MainWindow"]
