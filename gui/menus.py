"""The window's menus and the file dialogs behind them.

File (open/save config, export PNG of the current tab, export statistics), Presets,
Simulation (run again, cancel: the current tab's work), Compare (pin runs). The dialogs only
ask for a path; the window's public methods do the work and report problems.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog, QInputDialog

from . import presets

SCALES = {"1×": 1.0, "2×": 2.0, "4×": 4.0}


def build(window):
    """Add every menu to `window`'s menu bar; returns the Presets menu."""
    bar = window.menuBar()
    menu = bar.addMenu("&File")
    _action(menu, "&Open config…", QKeySequence.Open, lambda: open_config(window))
    _action(menu, "&Save config…", QKeySequence.Save, lambda: save_config(window))
    menu.addSeparator()
    _action(menu, "&Export PNG of this tab…", "Ctrl+E", lambda: export_png(window))
    _action(menu, "Export s&tatistics (CSV/JSON)…", "Ctrl+Shift+E", lambda: export_stats(window))
    menu.addSeparator()
    _action(menu, "&Quit", QKeySequence.Quit, window.close)
    presets_menu = bar.addMenu("&Presets")
    presets.fill_menu(presets_menu, window.apply_preset)
    menu = bar.addMenu("&Simulation")
    _action(menu, "&Run again", "F5", window.rerun)
    _action(menu, "&Cancel", "Esc", window.cancel)
    menu = bar.addMenu("&Compare")
    _action(menu, "&Pin this run", "Ctrl+P", window.pin_run)
    _action(menu, "&Clear pins", "Ctrl+Shift+P", window.pins.clear)
    return presets_menu


def _action(menu, text, shortcut, slot):
    action = menu.addAction(text)
    action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(lambda checked=False: slot())
    return action


def open_config(window) -> None:
    path, _ = QFileDialog.getOpenFileName(window, "Open config", "",
                                          "Config (*.json);;All files (*)")
    if path:
        window.open_config(Path(path))


def save_config(window) -> None:
    path, _ = QFileDialog.getSaveFileName(window, "Save config", "initlab.json",
                                          "Config (*.json)")
    if path:
        window.save_config(Path(path))


def export_stats(window) -> None:
    path, _ = QFileDialog.getSaveFileName(window, "Export statistics", "initlab.csv",
                                          "CSV (*.csv);;JSON (*.json)")
    if path:
        window.export_stats(Path(path))


def export_png(window) -> None:
    name = window.tabs.tabText(window.tabs.currentIndex())
    path, _ = QFileDialog.getSaveFileName(window, f"Export {name}", "initlab.png", "PNG (*.png)")
    if not path:
        return
    choice, ok = QInputDialog.getItem(window, "Export PNG", "Scale:", list(SCALES), 0, False)
    if ok:
        window.save_png(Path(path), SCALES[choice])
