"""The window's menus and the file dialogs behind them.

File (open/save config, export the current tab as PNG or PDF or copy it as an image, or one
of its plots, export statistics, copy the network as PyTorch or Keras code), Presets,
Simulation (run again, cancel: the current tab's work), Compare (pin runs), View (language,
full screen), Help (the lesson, about). The dialogs only ask for a path; the window's public
methods do the work and report problems. The menus are built once; `Menus.retranslate`
re-words them when the language changes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, Qt
from PySide6.QtGui import QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from shiboken6 import isValid

from engine import code_export

from . import help_dialogs, plot_menu, presets, theme
from .config_errors import problem_text
from .i18n import LANGUAGES, current, translate
from .window_files import COPY_SCALE
from .window_tabs import TAB_NAMES

SCALES = {"1×": 1.0, "2×": 2.0, "4×": 4.0}


UNDONE = QT_TRANSLATE_NOOP("Menus", "Undone: {what}")
REDONE = QT_TRANSLATE_NOOP("Menus", "Redone: {what}")


class Menus:
    """Every menu of `window`'s menu bar; `presets_menu` is the Presets menu."""

    def __init__(self, window):
        self._worded: list = []   # (QMenu or QAction, source text of context "Menus")
        bar = self._bar = window.menuBar()
        menu = self._menu(bar, QT_TRANSLATE_NOOP("Menus", "&File"))
        self._action(menu, QT_TRANSLATE_NOOP("Menus", "&Open config…"), QKeySequence.Open,
                     lambda: open_config(window))
        self._action(menu, QT_TRANSLATE_NOOP("Menus", "&Save config…"), QKeySequence.Save,
                     lambda: save_config(window))
        menu.addSeparator()
        self._action(menu, QT_TRANSLATE_NOOP("Menus", "&Export this tab (PNG, PDF)…"), "Ctrl+E",
                     lambda: export_figure(window))
        # (no Ctrl+Alt shortcut: Windows reads AltGr as Ctrl+Alt, and AltGr+C types a letter)
        self._action(menu, QT_TRANSLATE_NOOP("Menus", "Cop&y this tab as an image"), None,
                     window.offer_copy)
        plots = self.plots_menu = self._menu(menu, QT_TRANSLATE_NOOP("Menus",
                                                                      "A p&lot of this tab"))
        plots.aboutToShow.connect(lambda: plot_menu.fill_plots_menu(plots, window))
        self._action(menu, QT_TRANSLATE_NOOP("Menus", "Export s&tatistics (CSV/JSON)…"),
                     "Ctrl+Shift+E", lambda: export_stats(window))
        menu.addSeparator()
        self._action(menu, QT_TRANSLATE_NOOP("Menus", "Copy as &PyTorch code"), "Ctrl+Shift+C",
                     lambda: copy_code(window, "torch"))
        self._action(menu, QT_TRANSLATE_NOOP("Menus", "Copy as &Keras code"), None,
                     lambda: copy_code(window, "keras"))
        menu.addSeparator()
        quit_action = self._action(menu, QT_TRANSLATE_NOOP("Menus", "&Quit"), None, window.close)
        # Ctrl+Q and the platform's keys (a keyboard tour: QKeySequence.Quit has none on
        # Windows nor on a Linux without a GNOME or KDE theme, and Ctrl+Q did nothing)
        quit_action.setShortcuts(_unique_keys(QKeySequence("Ctrl+Q"),
                                              *QKeySequence.keyBindings(QKeySequence.Quit)))
        menu = self._menu(bar, QT_TRANSLATE_NOOP("Menus", "&Edit"))
        stack = self._stack = window.history.stack
        self.undo_action = menu.addAction("")
        self.undo_action.setShortcut(QKeySequence.Undo)
        self.undo_action.triggered.connect(lambda checked=False: self._step(window, True))
        self._refused = window.history.has_refused   # (Undo takes a refused text away)
        window.history.refusalsChanged.connect(lambda: self._word_undo())
        self.redo_action = menu.addAction("")
        # the platform's Redo keys and both common ones, each once: X11's standard list
        # starts with Ctrl+Y, and Ctrl+Y given twice is an ambiguous shortcut, so no key redid
        self.redo_action.setShortcuts(_unique_keys(
            QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y"),
            *QKeySequence.keyBindings(QKeySequence.Redo)))
        self.redo_action.triggered.connect(lambda checked=False: self._step(window, False))
        # what the stack says, as its signals say it (it may be going away when they come)
        self._steps = {"can_undo": stack.canUndo(), "can_redo": stack.canRedo(),
                       "undo": stack.undoText(), "redo": stack.redoText()}
        for signal, name in ((stack.canUndoChanged, "can_undo"), (stack.canRedoChanged, "can_redo"),
                             (stack.undoTextChanged, "undo"), (stack.redoTextChanged, "redo")):
            signal.connect(lambda value, name=name: self._word_undo(**{name: value}))
        menu.addSeparator()
        self._action(menu, QT_TRANSLATE_NOOP("Menus", "Reset to &defaults"), None,
                     window.reset_to_defaults)
        self.presets_menu = self._menu(bar, QT_TRANSLATE_NOOP("Menus", "&Presets"))
        self._presets = presets.fill_menu(self.presets_menu, window.apply_preset)
        menu = self._menu(bar, QT_TRANSLATE_NOOP("Menus", "&Simulation"))
        run = self._action(menu, QT_TRANSLATE_NOOP("Menus", "&Run again"), "F5", window.rerun)
        cancel = self._action(menu, QT_TRANSLATE_NOOP("Menus", "&Cancel"), "Esc", window.cancel)
        menu.aboutToShow.connect(lambda: _word_run_menu(run, cancel, window.run_is_held(),
                                                        window.can_cancel()))
        menu.aboutToHide.connect(lambda: _word_run_menu(run, cancel))
        menu = self._menu(bar, QT_TRANSLATE_NOOP("Menus", "&Compare"))
        self._action(menu, QT_TRANSLATE_NOOP("Menus", "&Pin this run"), "Ctrl+P", window.pin_run)
        clear = self._action(menu, QT_TRANSLATE_NOOP("Menus", "&Clear pins"), "Ctrl+Shift+P",
                             window.pins.clear)
        clear.setEnabled(bool(window.pins.pins()))   # as the Clear pins button
        window.pins.pinsChanged.connect(lambda: clear.setEnabled(bool(window.pins.pins())))
        menu = self._menu(bar, QT_TRANSLATE_NOOP("Menus", "&View"))
        self.tab_actions = []
        for index in range(window.tabs.count()):   # Ctrl+1 … : the tabs (named in retranslate)
            action = menu.addAction("")
            action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            action.triggered.connect(lambda checked=False, i=index: window.tabs.setCurrentIndex(i))
            self.tab_actions.append(action)
        # window-wide, as the tab widget's own Ctrl+Tab works only with the focus inside it;
        # a spin box took Ctrl+PgUp/PgDn as 100 steps (a keyboard-only tour)
        for source, step, keys in ((QT_TRANSLATE_NOOP("Menus", "&Next tab"), 1,
                                    ("Ctrl+Tab", "Ctrl+PgDown")),
                                   (QT_TRANSLATE_NOOP("Menus", "Pre&vious tab"), -1,
                                    ("Ctrl+Shift+Tab", "Ctrl+PgUp"))):
            action = self._action(menu, source, None, lambda step=step: window.tabs.setCurrentIndex(
                (window.tabs.currentIndex() + step) % window.tabs.count()))
            action.setShortcuts([QKeySequence(k) for k in keys])
        menu.addSeparator()
        self._action(menu, QT_TRANSLATE_NOOP("Menus", "Reset &zoom"), "Ctrl+0",
                     window.dashboard.reset_zoom)
        self.keep_zoom_action = self._action(
            menu, QT_TRANSLATE_NOOP("Menus", "&Keep zoom for new settings"), None,
            lambda: setattr(window.dashboard, "keep_zoom", self.keep_zoom_action.isChecked()))
        self.keep_zoom_action.setCheckable(True)
        self.keep_levels_action = self._action(
            menu, QT_TRANSLATE_NOOP("Menus", "Keep colour &scales for new settings"), None,
            lambda: window.dashboard.keep_levels(self.keep_levels_action.isChecked()))
        self.keep_levels_action.setCheckable(True)
        self.stretch_action = self._action(
            menu, QT_TRANSLATE_NOOP("Menus", "S&tretch each layer to the heatmap's height"),
            None, lambda: window.dashboard.stretch_layers(self.stretch_action.isChecked()))
        self.stretch_action.setCheckable(True)
        self.grey_safe_action = self._action(
            menu, QT_TRANSLATE_NOOP("Menus", "&Grey-safe colour scale (print, colour blindness)"),
            None, lambda: window.set_grey_safe(self.grey_safe_action.isChecked()))
        self.grey_safe_action.setCheckable(True)
        self.grey_safe_action.setChecked(theme.grey_safe())   # (the maps are made so)
        self.readout_action = self._action(   # room for the plots on a short screen
            menu, QT_TRANSLATE_NOOP("Menus", "&Readout under the plots"), "Ctrl+Shift+R",
            lambda: window.dashboard.show_readout(self.readout_action.isChecked()))
        self.readout_action.setCheckable(True)
        self.readout_action.setChecked(True)
        # a projector's whole screen (a lecturer's tour: there was no way into it, nor out of
        # one restored from the last session)
        self.full_screen_action = self._action(
            menu, QT_TRANSLATE_NOOP("Menus", "&Full screen"), None,
            lambda: window.setWindowState(window.windowState() ^ Qt.WindowFullScreen))
        self.full_screen_action.setShortcuts(_unique_keys(
            QKeySequence("F11"), *QKeySequence.keyBindings(QKeySequence.FullScreen)))
        self.full_screen_action.setCheckable(True)
        _FullScreenFollower(window, self.full_screen_action)
        menu.addSeparator()
        self.language_actions = _language_menu(
            self._menu(menu, QT_TRANSLATE_NOOP("Menus", "&Language")), window)
        menu = self._menu(bar, QT_TRANSLATE_NOOP("Menus", "&Help"))
        self.lesson_action = window.lesson_action
        menu.addAction(self.lesson_action)
        self._action(menu, QT_TRANSLATE_NOOP("Menus", "&Glossary"), None,
                     lambda: help_dialogs.show_glossary(window))
        self._action(menu, QT_TRANSLATE_NOOP("Menus", "&Keyboard shortcuts"), None,
                     lambda: help_dialogs.show_shortcuts(window))
        menu.addSeparator()
        self._action(menu, QT_TRANSLATE_NOOP("Menus", "&About InitLab"), None,
                     lambda: help_dialogs.show_about(window))
        self.retranslate()

    def retranslate(self) -> None:
        for item, source in self._worded:
            text = translate("Menus", source)
            if hasattr(item, "setTitle"):
                item.setTitle(text)
            else:
                item.setText(text)
        presets.retranslate_menu(self._presets)
        for action, name in zip(self.tab_actions, TAB_NAMES):
            action.setText(translate("Menus", "{tab} tab").format(tab=translate("MainWindow", name)))
        stack = self._stack   # its steps re-worded first (MainWindow.retranslate)
        self._word_undo(undo=stack.undoText(), redo=stack.redoText())
        self.lesson_action.setText(translate("Menus", "&Lesson"))
        self.lesson_action.setToolTip(translate(
            "Menus", "Walk through the lecture step by step (F1)"))
        for code, action in self.language_actions.items():
            action.setChecked(code == current())

    def _word_undo(self, **changed) -> None:
        """Undo / Redo name the step they would take, e.g. "Undo change of gain"."""
        steps = self._steps
        steps.update(changed)
        if not (isValid(self.undo_action) and isValid(self.redo_action)):
            return   # the window is being destroyed: its stack clears itself
        for action, can, what, bare, named in (
                (self.undo_action, steps["can_undo"], steps["undo"],
                 QT_TRANSLATE_NOOP("Menus", "&Undo"), QT_TRANSLATE_NOOP("Menus", "&Undo {what}")),
                (self.redo_action, steps["can_redo"], steps["redo"],
                 QT_TRANSLATE_NOOP("Menus", "&Redo"), QT_TRANSLATE_NOOP("Menus", "&Redo {what}"))):
            action.setEnabled(can or (action is self.undo_action and self._refused()))
            action.setText(translate("Menus", named).format(what=what) if can and what
                           else translate("Menus", bare))

    def _step(self, window, back: bool) -> None:
        """Undo (`back`) or redo a step, said in the status bar: a lecturer whose remote had
        changed a setting saw the plots change back without a word (a lecturer's tour)."""
        stack = self._stack
        what, index = (stack.undoText() if back else stack.redoText()), stack.index()
        window.history.undo() if back else stack.redo()
        if stack.index() != index and what:
            # the step, worded again in another language while the note shows
            step = stack.command(stack.index() if back else stack.index() - 1)

            def named() -> str:
                return step.text() if step is not None and isValid(step) else what
            window.show_status(UNDONE if back else REDONE, 5000, context="Menus", what=named)

    def bare_names(self) -> dict:
        """Undo and Redo by their names alone (their menu texts name the next step)."""
        return {self.undo_action: translate("Menus", "&Undo"),
                self.redo_action: translate("Menus", "&Redo")}

    def all_actions(self) -> list:
        """Every action of the menu bar, in menu order (submenus included)."""
        found = []

        def walk(menu):
            for action in menu.actions():
                if action.menu() is not None:
                    walk(action.menu())
                elif not action.isSeparator():
                    found.append(action)
        for action in self._bar.actions():
            if action.menu() is not None:
                walk(action.menu())
        return found

    def _menu(self, parent, source: str):
        menu = parent.addMenu(source)
        self._worded.append((menu, source))
        return menu

    def _action(self, menu, source: str, shortcut, slot):
        action = menu.addAction(source)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda checked=False: slot())
        self._worded.append((action, source))
        return action


def _word_run_menu(run, cancel, held: bool = False, can_cancel: bool = True) -> None:
    """The Simulation menu's F5 and Esc entries as it opens: "Run it" for a run `held` until
    asked for (it has not run yet), as its button says; Cancel greyed when nothing runs. Closed
    (the defaults), "Run again" and Esc bound (work may start; the shortcuts' list reads the
    entries' texts)."""
    run.setText(translate("Menus", "&Run it") if held else translate("Menus", "&Run again"))
    cancel.setEnabled(can_cancel)


class _FullScreenFollower(QObject):
    """Checks `action` as `window` is full screen or not, however it became so (the key, the
    desktop, a session restored)."""

    def __init__(self, window, action):
        super().__init__(window)
        self.action = action
        window.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # Qt override
        if event.type() == QEvent.WindowStateChange:
            self.action.setChecked(watched.isFullScreen())
        return False


def _unique_keys(*keys: QKeySequence) -> list[QKeySequence]:
    """`keys`, each once (a key given twice is an ambiguous shortcut: neither works)."""
    unique: dict[str, QKeySequence] = {}
    for key in keys:
        unique.setdefault(key.toString(), key)
    return list(unique.values())


def _language_menu(menu, window) -> dict:
    """One checkable action per language, each named in itself; code → action."""
    group = QActionGroup(menu)
    actions = {}
    for code, name in LANGUAGES.items():
        action = actions[code] = menu.addAction(name)
        action.setObjectName(f"language_{code}")
        action.setCheckable(True)
        group.addAction(action)
        action.triggered.connect(lambda checked=False, c=code: window.set_language(c))
    return actions


def copy_code(window, library: str) -> None:
    """Put a snippet building the current network with `library`'s initializers ("torch" or
    "keras") on the clipboard."""
    QApplication.clipboard().setText(code_export.code(window.config(), library))
    window.show_status(QT_TRANSLATE_NOOP(
        "Menus", "Copied: Python code that builds this network with {library}'s own "
                 "initializers"), 8000, context="Menus",
        library="PyTorch" if library == "torch" else "Keras")


def open_config(window) -> None:
    # (an exported figure holds the settings it shows: a slide's PNG may be all that is left)
    kinds = translate("Menus", "Config (*.json);;Exported figure, its settings (*.png *.pdf);;"
                               "All files (*)")
    path, _ = QFileDialog.getOpenFileName(window, translate("Menus", "Open config"), "", kinds)
    if path:
        window.open_config(Path(path))


def _with_suffix(path: str, suffix: str, known: tuple[str, ...] = ()) -> Path:
    """`path`, with `suffix` added when the name typed ends in none of `known` (and not in
    `suffix`): "plot" → "plot.png", and "my.plot" → "my.plot.png" (a tour: refused as a name
    that is no PNG). A name ending in the default name's suffix, `known[0]`, takes `suffix`
    instead: the default name kept, another type chosen (initlab.png, PDF → initlab.pdf)."""
    chosen = Path(path)
    if known and suffix != known[0] and chosen.suffix.lower() == known[0]:
        return chosen.with_suffix(suffix)
    if chosen.suffix.lower() in (suffix, *known):
        return chosen
    return chosen.with_name(chosen.name + suffix)


def _replace_allowed(window, chosen: str, out: Path) -> bool:
    """Whether to write `out`: the dialog asked before replacing the file it was given,
    `chosen`, but not one whose name the type chosen has changed (an audit: "fig" with PNG
    chosen replaced an existing fig.png, the default initlab.png with PDF chosen initlab.pdf,
    without a question)."""
    if out == Path(chosen) or not out.exists():
        return True
    answer = QMessageBox.question(
        window, translate("Menus", "Replace the file?"),
        translate("Menus", "{name} already exists in {folder}. Do you want to replace it?")
        .format(name=out.name, folder=out.parent.name or str(out.parent)),
        QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
    return answer == QMessageBox.Yes


def save_config(window) -> None:
    path, _ = QFileDialog.getSaveFileName(window, translate("Menus", "Save config"),
                                          "initlab.json", translate("Menus", "Config (*.json)"))
    if not path:   # (cancelled)
        return
    out = _with_suffix(path, ".json")
    if _replace_allowed(window, path, out):
        window.save_config(out)


def export_stats(window) -> None:
    filters = ["CSV (*.csv)", "JSON (*.json)"]
    path, chosen = QFileDialog.getSaveFileName(window, translate("Menus", "Export statistics"),
                                               "initlab.csv", ";;".join(filters))
    if not path:   # (cancelled)
        return
    out = _with_suffix(path, ".json" if chosen == filters[1] else ".csv", (".csv", ".json"))
    if _replace_allowed(window, path, out):
        window.export_stats(out)


def export_figure(window, plot=None) -> None:
    """One dialog: the file and, as its type, PNG at a pixel scale (1×, 2×, 4×) or PDF (vector:
    sharp at any size, for a paper or a slide); of the current tab, or of its `plot` alone."""
    name = window.tabs.full_name(window.tabs.currentIndex())
    unready = window.figure_unready(plot)
    if unready is not None:   # said before a file is chosen
        window.show_error(translate("MainWindow", "Cannot export the figure"),
                          problem_text(unready))
        return
    filters = [translate("Menus", "PNG at {scale} (*.png)").format(scale=label)
               for label in SCALES]
    filters.append(translate("Menus", "PDF, vector (*.pdf)"))
    # laid out at 16:9 (a plot of the dashboard is 535 × 248 at 1366 pixels: a teacher's tour)
    slides = [translate("Menus", "PNG for a slide, 16:9, 1920 × 1080 (*.png)"),
              translate("Menus", "PDF for a slide, 16:9, vector (*.pdf)")]
    filters += slides
    # the copy's scale (2×) first offered: 1× of a plot was 377 × 246 pixels, small for notes (a
    # student's tour)
    path, chosen = QFileDialog.getSaveFileName(
        window, (translate("Menus", "Export {tab}") if plot is None else
                 translate("Menus", "Export a plot of {tab}")).format(tab=name), "initlab.png",
        ";;".join(filters), filters[list(SCALES.values()).index(COPY_SCALE)])
    if path:
        pdf = chosen in (filters[len(SCALES)], slides[1])
        scale = list(SCALES.values())[filters.index(chosen)] \
            if chosen in filters[:len(SCALES)] else 1.0
        out = _with_suffix(path, ".pdf" if pdf else ".png", (".png", ".pdf"))
        if _replace_allowed(window, path, out):
            window.save_figure(out, scale, plot, slide=chosen in slides)
