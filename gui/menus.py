"""The window's menus and the file dialogs behind them.

File (open/save config, export PNG of the current tab, export statistics), Presets,
Simulation (run again, cancel: the current tab's work), Compare (pin runs), View (language),
Help (the lesson, about). The dialogs only ask for a path; the window's public methods do the
work and report problems. `build` is called again when the language changes: the menus are
made anew in the new language.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QActionGroup, QKeySequence
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from . import presets
from .i18n import LANGUAGES, current, translate

SCALES = {"1×": 1.0, "2×": 2.0, "4×": 4.0}


def build(window):
    """Add every menu to `window`'s menu bar (cleared first); returns the Presets menu."""
    bar = window.menuBar()
    bar.clear()
    menu = bar.addMenu(translate("Menus", "&File"))
    _action(menu, translate("Menus", "&Open config…"), QKeySequence.Open,
            lambda: open_config(window))
    _action(menu, translate("Menus", "&Save config…"), QKeySequence.Save,
            lambda: save_config(window))
    menu.addSeparator()
    _action(menu, translate("Menus", "&Export PNG of this tab…"), "Ctrl+E",
            lambda: export_png(window))
    _action(menu, translate("Menus", "Export s&tatistics (CSV/JSON)…"), "Ctrl+Shift+E",
            lambda: export_stats(window))
    menu.addSeparator()
    _action(menu, translate("Menus", "&Quit"), QKeySequence.Quit, window.close)
    presets_menu = bar.addMenu(translate("Menus", "&Presets"))
    presets.fill_menu(presets_menu, window.apply_preset)
    menu = bar.addMenu(translate("Menus", "&Simulation"))
    _action(menu, translate("Menus", "&Run again"), "F5", window.rerun)
    _action(menu, translate("Menus", "&Cancel"), "Esc", window.cancel)
    menu = bar.addMenu(translate("Menus", "&Compare"))
    _action(menu, translate("Menus", "&Pin this run"), "Ctrl+P", window.pin_run)
    _action(menu, translate("Menus", "&Clear pins"), "Ctrl+Shift+P", window.pins.clear)
    menu = bar.addMenu(translate("Menus", "&View"))
    _language_menu(menu.addMenu(translate("Menus", "&Language")), window)
    menu = bar.addMenu(translate("Menus", "&Help"))
    lesson = window.lesson_action
    lesson.setText(translate("Menus", "&Lesson"))
    lesson.setToolTip(translate("Menus", "Walk through the lecture step by step (F1)"))
    menu.addAction(lesson)
    menu.addSeparator()
    _action(menu, translate("Menus", "&About InitLab"), None, lambda: about(window))
    return presets_menu


def _language_menu(menu, window) -> None:
    group = QActionGroup(menu)
    for code, name in LANGUAGES.items():
        action = menu.addAction(name)   # each language is named in itself
        action.setObjectName(f"language_{code}")
        action.setCheckable(True)
        action.setChecked(code == current())
        action.setData(code)
        group.addAction(action)
        action.triggered.connect(lambda checked=False, c=code: window.set_language(c))


def _action(menu, text, shortcut, slot):
    action = menu.addAction(text)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(lambda checked=False: slot())
    return action


def about(window) -> None:
    QMessageBox.about(window, translate("Menus", "About InitLab"), translate(
        "Menus", "<b>InitLab</b> — signal and gradient variance at initialization.<p>"
        "A simulator of the lecture on numerical stability and model initialization "
        "(Dive into Deep Learning): watch signals and gradients vanish or explode in a deep "
        "network, and how the initialization and the activation function fix it.<p>"
        "Monte Carlo of the network beside the mean-field theory; Help ▸ Lesson walks "
        "through the lecture."))


def open_config(window) -> None:
    path, _ = QFileDialog.getOpenFileName(window, translate("Menus", "Open config"), "",
                                          translate("Menus", "Config (*.json);;All files (*)"))
    if path:
        window.open_config(Path(path))


def save_config(window) -> None:
    path, _ = QFileDialog.getSaveFileName(window, translate("Menus", "Save config"),
                                          "initlab.json", translate("Menus", "Config (*.json)"))
    if path:
        window.save_config(Path(path))


def export_stats(window) -> None:
    path, _ = QFileDialog.getSaveFileName(window, translate("Menus", "Export statistics"),
                                          "initlab.csv", "CSV (*.csv);;JSON (*.json)")
    if path:
        window.export_stats(Path(path))


def export_png(window) -> None:
    name = window.tabs.tabText(window.tabs.currentIndex())
    path, _ = QFileDialog.getSaveFileName(
        window, translate("Menus", "Export {tab}").format(tab=name), "initlab.png",
        "PNG (*.png)")
    if not path:
        return
    choice, ok = QInputDialog.getItem(window, translate("Menus", "Export PNG"),
                                      translate("Menus", "Scale:"), list(SCALES), 0, False)
    if ok:
        window.save_png(Path(path), SCALES[choice])
