"""InitLab's desktop window (Qt only; the numbers come from `engine`).

`MainWindow(config=None)` is the window; `gui.app` has `run_app` and `export_dashboard`.
"""

from .main_window import MainWindow

__all__ = ["MainWindow"]
