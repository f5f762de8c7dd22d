"""InitLab's desktop window (Qt only; the numbers come from `engine`).

`MainWindow(config=None)` is the window; `gui.app` has `run_app`, `gui.headless` `export_dashboard`.
`MainWindow` is imported on first use, so the worker process, which only needs
`gui.worker_process`, never loads Qt.
"""

__all__ = ["MainWindow"]


def __getattr__(name: str):
    if name == "MainWindow":
        from .main_window import MainWindow

        return MainWindow
    raise AttributeError(f"module 'gui' has no attribute {name!r}")
