"""The main window: a switchboard wiring controls → controller → dashboard and tabs.

The controller (gui/controller.py) owns the scheduling: the theory of every config at once,
the Monte Carlo on the runner's one worker, a preview while a control is being changed in a
stream, the full config when it stops. The tabs beside the "Network" dashboard are
gui/window_tabs.py: the analysis tabs (Sweep, Phase diagram, Jacobian spectrum) are told every
config and share the runner, the Activation tab shows σ over the pre-activations of the result
shown while it is visible, and the Training tab trains on the same runner. The Lesson dock
walks through the lecture. Menus: File (open/save config, export PNG or PDF and statistics),
Presets, Simulation (re-run, cancel: the current tab's work), Compare (pin runs), View
(language), Help (lesson, about).

The window's language is installed when it is made (`language`, else the system locale); a
change of language re-words every widget through Qt's LanguageChange event (`retranslate`).
"""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QAccessible

try:   # Qt 6.8 and later
    from PySide6.QtGui import QAccessibleAnnouncementEvent
except ImportError:   # (PySide6 6.6 and 6.7: a refusal is shown, not said)
    QAccessibleAnnouncementEvent = None
from PySide6.QtWidgets import QApplication, QMainWindow, QSplitter, QToolBar

import engine

from . import accessible_plots, clipboard, i18n, menus, screen_fit, settings, theme
from .plot_menu import offer_menus
from .analysis import AnalysisPanel
from .controller import NETWORK, Controller
from .controls import ControlsPanel, controls_column
from .dashboard import Dashboard
from .i18n import Retranslates, translate
from .lesson_panel import LessonPanel
from .pins import PIN_NOTES, PINS_CLEARED, PinBar, PinStore
from .status_line import StatusBar, StatusLine
from .undo import ConfigHistory
from .widgets import send_undo_keys_to_window
from .window_config import PRESET_NOTE, WindowConfig
from .window_files import WindowFiles
from .window_tabs import ACTIVATION_TAB, TRAINING_TAB, WEIGHTS_TAB, WindowTabs
from .worker import Runner


class MainWindow(Retranslates, WindowConfig, WindowFiles, QMainWindow):
    """InitLab's window. `config()` is what the controls show, `result()` what is plotted."""

    resultShown = Signal(object)   # a Monte Carlo SimResult, after every panel shows it
    theoryShown = Signal(object)   # a theory-only SimResult, after the profile shows it

    def __init__(self, config: engine.SimConfig | None = None, *, persist: bool = False,
                 executor=None, language: str | None = None, lesson_step: int = 0,
                 chosen_language: str | None = None, parent=None):
        """`executor`: where jobs run (default: a worker process; tests pass a SyncExecutor);
        `language`: a key of gui.i18n.LANGUAGES (default: the system locale's);
        `chosen_language`: the one chosen in View ▸ Language, which the settings keep (None:
        the system's), not one a launch asked for once (`--lang`)."""
        super().__init__(parent)
        i18n.install(language or i18n.system_language())
        theme.configure()
        accessible_plots.install()
        clipboard.install()   # (copies read as shown)
        self._persist = persist
        self.chosen_language = chosen_language
        self._result: engine.SimResult | None = None
        self._preview = False
        self._preset = None   # the preset whose hint the readout shows
        self._preset_config: engine.SimConfig | None = None   # … and its config
        self._rejection, self._rejected = "", None   # the status bar's refusal, and its key
        self.controls = ControlsPanel(config)
        self.history = ConfigHistory(self.controls, self._window_state,   # Edit ▸ Undo / Redo
                                     self._show_state, self)
        self.dashboard = Dashboard()
        self.dashboard.dragging = self.controls.dragging
        self.runner = Runner(executor, parent=self)
        self.controller = Controller(self.runner, self.controls.config(), parent=self)
        self.dashboard.streaming = self.controller.streaming
        self.pins = PinStore(self)
        self.pins.use_stack(self.history.stack)   # Clear pins by mistake: Undo
        self.pins.cleared.connect(lambda: self.show_status(PINS_CLEARED, 5000))
        self.pins.restored.connect(lambda: self.status_line.withdraw(*PIN_NOTES))
        self.tabs = WindowTabs(self.dashboard, self.runner, self.controller, self.controls)
        self.lesson = LessonPanel(self)
        self.addDockWidget(Qt.RightDockWidgetArea, self.lesson)
        self.lesson.hide()
        self.lesson.set_step(lesson_step)
        self.lesson_action = self.lesson.make_toggle_action(self)
        self.toolbar = QToolBar(objectName="toolbar", movable=False)
        theme.focus_rings_on_tool_buttons(self.toolbar)
        self.toolbar.addAction(self.lesson_action)
        # a Tab stop (a toolbar's buttons have none): the lesson is a keyboard user's too
        self.toolbar.widgetForAction(self.lesson_action).setFocusPolicy(Qt.TabFocus)
        # in the menu bar's corner: a row of its own cost the profile its height (a tour)
        self.toolbar.setContentsMargins(0, 0, 0, 0)   # (its text level with the menus')
        self.toolbar.layout().setContentsMargins(0, 0, 0, 0)
        self.toolbar.setStyleSheet(self.toolbar.styleSheet()
                                   + " QToolBar { border: 0px; padding: 0px; spacing: 0px; }")
        self.pin_bar = PinBar(self.pins)
        splitter = QSplitter()
        splitter.addWidget(controls_column(self.controls, self.pin_bar))
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(1, 1)
        splitter.setCollapsible(1, False)
        self.setCentralWidget(splitter)
        self.setStatusBar(StatusBar())
        self.status_line = StatusLine(
            self.statusBar(), run_held=self.controller.rerun, cancel=self._cancel_monte_carlo,
            busy_wanted=lambda: (self.runner.is_busy(NETWORK)
                                 and not self.controller.streaming()), parent=self)
        self.hold_note, self.run_button = self.status_line.hold_note, self.status_line.run_button
        self.menus = menus.Menus(self)
        # as tall as the menu bar with its menus, so that its text is level with theirs
        self.toolbar.setFixedHeight(self.menuBar().sizeHint().height())
        self.menuBar().setCornerWidget(self.toolbar, Qt.TopRightCorner)
        self.presets_menu = self.menus.presets_menu
        self.lesson.configRequested.connect(self._set_up)
        self.lesson.visibilityChanged.connect(self._on_lesson_shown)
        self.controls.configChanged.connect(self._on_config_changed)
        self.controls.inputRejected.connect(self._on_input_rejected)
        self.controls.inputAccepted.connect(self._withdraw_rejection)
        self.controls.inputWithdrawn.connect(self._withdraw_rejection)
        self.controls.interactionFinished.connect(self.controller.end_stream)
        self.controller.theoryReady.connect(self._on_theory)
        self.dashboard.theoryShown.connect(self.theoryShown)
        self.controller.resultReady.connect(
            lambda result, preview: self.show_result(result, preview=preview))
        self.controller.failed.connect(self.statusBar().showMessage)
        # the older Monte Carlo says why it stays (it had read "computing…" for ever)
        self.controller.monteCarloFailed.connect(
            lambda: self.dashboard.show_cancelled("failed", self.controller.config()))
        self.controller.monteCarloFailed.connect(self.status_line.stopped)
        self.controller.progressed.connect(self._on_progress)
        self.controller.busyChanged.connect(self._on_busy_changed)
        # its progress and cost while the Monte Carlo runs, not while it waits behind the
        # visible tab's work (a training's chunks: "Monte Carlo 0%" for minutes, a tour)
        self.controller.runningChanged.connect(self.status_line.running)
        self.controller.held.connect(self._on_held)
        self.controller.estimated.connect(lambda cost: self.status_line.estimated(cost))
        self.runner.workerDied.connect(lambda message: self.show_status(
            QT_TRANSLATE_NOOP("MainWindow", "{message}; a new one was started"), 8000,
            message=message))
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.tabs.pointChosen.connect(self._on_point_chosen)
        self.tabs.pageMade.connect(lambda _index, page: offer_menus(page, self))
        offer_menus(self.tabs, self)   # the pages made already
        self.tabs.trainingMade.connect(self.history.follow_training)
        self.tabs.trainingMade.connect(self.follow_training_edits)
        self.tabs.trainingMade.connect(lambda view: send_undo_keys_to_window(view.fields))
        send_undo_keys_to_window(self.controls)
        if self.tabs.made(TRAINING_TAB) is not None:
            self.history.follow_training(self.tabs.made(TRAINING_TAB))
            send_undo_keys_to_window(self.tabs.made(TRAINING_TAB).fields)
        self.pin_bar.pin_button.clicked.connect(self.pin_run)
        self.pins.pinsChanged.connect(lambda: self.dashboard.profile.set_pins(self.pins.pins()))
        screen_fit.open_fitted(self)
        # the first control has the focus when the window shows (not the Lesson, Tab's first)
        self.controls.widget("depth").setFocus(Qt.OtherFocusReason)
        self.retranslate()
        self.controller.set_config(self.controls.config())
        self._ahead = self.tabs.made_ahead(self.dashboard)

    # -- public API ------------------------------------------------------------------------
    def config(self) -> engine.SimConfig:
        return self.controls.config()

    def result(self) -> engine.SimResult | None:
        """The result the plots show now: during a stream of changes, a preview (its config
        carries the preview's batch); the full-batch result replaces it."""
        return self._result

    def set_config(self, config: engine.SimConfig) -> None:
        self.controls.set_config(config)

    def show_result(self, result: engine.SimResult, staggered: bool = True,
                    preview: bool = False) -> None:
        """Plot a Monte Carlo result; `result()` returns it once every panel shows it
        (`staggered`: one panel per event-loop pass; an export does all at once)."""
        self.dashboard.show_result(result, done=lambda: self._shown(result, preview),
                                   staggered=staggered, preview=preview)

    def _shown(self, result: engine.SimResult, preview: bool) -> None:
        self._result, self._preview = result, preview
        self.status_line.show_timing(result, preview)
        self.lesson.set_result(result)
        if self.tabs.currentIndex() == ACTIVATION_TAB:
            self._show_activation()
        self.resultShown.emit(result)

    def showing_preview(self) -> bool:
        return self._result is not None and self._preview

    def set_language(self, language: str) -> None:
        """Word the window in `language` (a key of gui.i18n.LANGUAGES) now; remember it."""
        i18n.install(language)
        self.chosen_language = language
        # (posted to windows not yet on screen: delivered now)
        QCoreApplication.sendPostedEvents(None, QEvent.LanguageChange)
        problem = "; ".join(filter(None, (settings.save_language(language) if self._persist
                                          else None, i18n.missing_font(language))))
        if problem:
            self.statusBar().showMessage(problem, 30000)

    def set_grey_safe(self, on: bool) -> None:
        """View ▸ Grey-safe colour scale: the variance maps (heatmaps, sweep, χ₁) in a scale
        whose lightness rises from vanishing to exploding (print, colour-blind eyes)."""
        theme.set_grey_safe(on)
        self.dashboard.restyle()
        for index in range(self.tabs.count()):
            tab = self.tabs.made(index)
            if tab is not None and hasattr(tab, "restyle"):
                tab.restyle()

    def show_status(self, text: str, timeout: int = 0, context: str = "MainWindow",
                    **values) -> None:
        """Show a status message given as source text (a QT_TRANSLATE_NOOP of `context`) with
        `values`: a change of language re-words it."""
        self.status_line.note(text, timeout, context, **values)

    def pin_run(self) -> None:
        """Pin the plotted Monte Carlo run: the profile overlays it on the next ones."""
        if self._result is None:
            self.show_status(QT_TRANSLATE_NOOP(
                "MainWindow", "Nothing to pin yet: no Monte Carlo run is plotted"), 5000)
            return
        self.show_status(**self.pins.pin_status(self._result))

    def rerun(self) -> None:
        panel = self.tabs.current_page()
        if isinstance(panel, AnalysisPanel):
            panel.run_again()
        else:
            self.controller.rerun()

    def run_is_held(self) -> bool:
        """F5 would start a run held until asked for (the tab shown's, or the network's)."""
        panel = self.tabs.current_page()
        return (panel.held if isinstance(panel, AnalysisPanel)
                else self.controller.held_config() is not None)

    def can_cancel(self) -> bool:
        """Esc would stop something: the tab shown's work, or the network's Monte Carlo."""
        return self._busy_tab() is not None or self.controller.busy()

    def cancel(self) -> None:
        """Esc: the work of the tab shown, else the Monte Carlo of the network."""
        panel = self._busy_tab()
        if isinstance(panel, AnalysisPanel):
            panel.cancel()
        elif panel is not None:   # the Training tab
            panel.pause()
        else:
            self._cancel_monte_carlo()

    def _busy_tab(self):
        """The tab shown if it has work running (an analysis tab, the Training tab), else None."""
        panel = self.tabs.current_page()
        if (isinstance(panel, AnalysisPanel) or panel is self.tabs.made(TRAINING_TAB)) \
                and panel.busy():
            return panel
        return None

    # -- slots -----------------------------------------------------------------------------
    def _on_config_changed(self, config) -> None:
        if self._preset_config not in (None, config):
            self.show_preset(None)
            self.status_line.withdraw(PRESET_NOTE)
        self.controller.set_config(config, held=self.controls.dragging())
        for tab in (self.tabs.made(TRAINING_TAB), self.tabs.made(WEIGHTS_TAB)):
            if tab is not None:   # (one not made yet takes the config when it is)
                tab.set_config(config)
        self.history.changed()   # now that the Training tab has taken what it takes of it

    def _on_theory(self, theory) -> None:
        self.dashboard.show_theory(theory, streaming=self.controller.streaming())
        if self.tabs.currentIndex() == ACTIVATION_TAB:
            self._show_activation()
        if self.lesson.isVisible():
            self.lesson.set_result(theory)
        for panel in self.tabs.panels():
            panel.set_config(theory.config, theory)

    def _on_tab_changed(self, index: int) -> None:
        if index == ACTIVATION_TAB:
            self._show_activation()
        elif index == WEIGHTS_TAB:
            self.tabs.weights   # noqa: B018 (made on first use, with the controls' config)

    def _plotted_or_theory(self, previews: bool) -> engine.SimResult | None:
        """The result plotted if it is of the config shown (a preview only if `previews`),
        else the config's theory."""
        shown = None if self._preview and not previews else self._result
        if shown is not None and shown.config == self.controller.config():
            return shown   # (the theory may still be an older config's: its timer not run)
        theory = self.controller.theory()
        if shown is None or (theory is not None and shown.config != theory.config):
            shown = theory
        return shown

    def _show_activation(self) -> None:
        result = self._plotted_or_theory(previews=False)
        if result is not None:
            self.tabs.activation.set_result(result)

    def _on_lesson_shown(self, visible: bool) -> None:
        """The lesson's check reads what the window shows."""
        shown = self._plotted_or_theory(previews=True) if visible else None
        if shown is not None:
            self.lesson.set_result(shown)

    # -- language ----------------------------------------------------------------------------
    def retranslate(self) -> None:
        """Word the window's own texts (menus, tabs, status bar) in the current language; the
        panels re-word themselves on the same LanguageChange event."""
        self._withdraw_rejection()
        self.setWindowTitle(translate(
            "MainWindow", "InitLab — signal and gradient variance at initialization"))
        self.tabs.retranslate()
        self.history.retranslate()   # first: the Undo entries and the status note name steps
        self.status_line.retranslate()
        self.toolbar.setWindowTitle(translate("MainWindow", "Toolbar"))
        self.menus.retranslate()

    def _on_held(self, estimate, free) -> None:
        self.dashboard.show_cancelled("held")
        self.status_line.held(estimate, free)

    def _cancel_monte_carlo(self) -> None:
        if self.controller.cancel():
            self.dashboard.show_cancelled()
            self.status_line.stopped()
            self.show_status(QT_TRANSLATE_NOOP(
                "MainWindow", "Monte Carlo cancelled — press F5 to run it again"), 8000)

    def _on_point_chosen(self, config, note: str) -> None:
        self.controls.set_config(config)
        self.statusBar().showMessage(note, 8000)

    def _on_input_rejected(self, key: str, reason: str) -> None:
        self._rejected, refused_before, self._rejection = key, self._rejection, translate(
            "MainWindow", "{field}: {reason} — the plots show the last valid setting").format(
                field=self.controls.label(key), reason=reason)
        self.statusBar().showMessage(self._rejection, 8000)
        # a screen reader says a new refusal, not one a key typed ("got 'ab'" one key later)
        if QAccessibleAnnouncementEvent is not None \
                and _gist(self._rejection) != _gist(refused_before):
            QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(
                self.controls.widget(key), self._rejection))

    def _withdraw_rejection(self, key: str | None = None) -> None:
        """Clear the status bar's refusal if it still shows: the value typed since is valid
        (typing "42" in the seed had left "seed: is empty" for 8 s), the language changed (the
        line under the controls says it, re-worded), or it is `key`'s, taken away by Esc."""
        if key is not None and key != self._rejected:   # (another field's stands)
            return
        if self._rejection and self.statusBar().currentMessage() == self._rejection:
            self.statusBar().clearMessage()
        self._rejection = ""

    def _on_progress(self, fraction: float) -> None:
        self.status_line.busy.set_fraction(fraction)

    def _on_busy_changed(self, busy: bool) -> None:
        if busy:
            self.dashboard.show_computing()

    # -- closing ---------------------------------------------------------------------------
    def keep_settings_file(self) -> None:
        """Never write the settings file (a newer version's): closing leaves it as it is."""
        self._persist = False

    def closeEvent(self, event) -> None:  # Qt override
        focused = QApplication.focusWidget()
        if focused is not None and self.isAncestorOf(focused):
            # a number typed, not entered, is entered as leaving its box would (a tour)
            focused.clearFocus()
        if self._persist:
            problem = settings.save(self.saved_config(), self.saveGeometry(),
                                    language=self.chosen_language,
                                    lesson_step=self.lesson.step(),
                                    grey_safe=theme.grey_safe(), **self.view_state())
            if problem and not self.close_unsaved(problem):
                event.ignore()
                return
        self.runner.shutdown()
        self._ahead.stop()
        super().closeEvent(event)


def _gist(refusal: str) -> str:
    """A refusal without the text it quotes or the numbers it gives ("got 20000", then
    "got 200000" is one reason: the value typed grew by a key)."""
    return re.sub(r"'[^']*'|\d[\d.,]*(?:e[-+]?\d+)?", "#", refusal)
