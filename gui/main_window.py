"""The main window: a switchboard wiring controls → controller → dashboard and tabs.

The controller (gui/controller.py) owns the scheduling: the theory of every config at once,
the Monte Carlo on the runner's one worker, a preview while a control is being changed in a
stream, the full config when it stops. The tabs beside the "Network" dashboard (Sweep, Phase
diagram, Jacobian spectrum) are told every config, compute only while shown, and share the
runner; the visible tab's requests go first. The Activation tab shows σ with its Taylor
polynomials over the pre-activations of the result shown; the Training tab trains the network
(alone or beside the lecture's four inits) on the same runner; the Lesson dock walks through
the lecture. Menus: File (open/save config, export PNG and statistics), Presets, Simulation (re-run,
cancel: the current tab's work), Compare (pin runs), View (language), Help (lesson, about).

The window's language is installed when it is made (`language`, else the system locale); a
change of language re-words every widget through Qt's LanguageChange event (`retranslate`).
"""

from __future__ import annotations

import importlib
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QLabel, QMainWindow, QMessageBox, QProgressBar, QPushButton,
                               QScrollArea, QSplitter, QTabWidget, QToolBar, QVBoxLayout,
                               QWidget)

import engine

from . import files, i18n, menus, screen_fit, settings, texts, theme
from .activation_view import ActivationView
from .analysis import AnalysisPanel
from .controller import NETWORK, Controller
from .results import monte_carlo_seconds
from .config_errors import problem_text
from .controls import ControlsPanel
from .dashboard import Dashboard
from .i18n import translate
from .lesson_panel import LessonPanel
from .phase_view import PhaseView
from .pins import PinBar, PinStore
from .spectrum_view import SpectrumView
from .sweep_view import SweepView
from .undo import ConfigHistory
from .widgets import DelayedProgress
from .worker import Runner

if TYPE_CHECKING:
    from .training_view import TrainingView

TAB_NAMES = (QT_TRANSLATE_NOOP("MainWindow", "Network"),
             QT_TRANSLATE_NOOP("MainWindow", "Sweep"),               # tabs 1, 2, 3: analysis
             QT_TRANSLATE_NOOP("MainWindow", "Phase diagram"),
             QT_TRANSLATE_NOOP("MainWindow", "Jacobian spectrum"),
             QT_TRANSLATE_NOOP("MainWindow", "Activation"),          # tab 4
             QT_TRANSLATE_NOOP("MainWindow", "Training"))            # tab 5
ANALYSIS_TABS = TAB_NAMES[1:4]
ACTIVATION_TAB = 4
TRAINING_TAB = 5
# The Training tab is made ahead, while the window is idle: its modules imported on a
# background thread this long after opening, then the tab built a plot item at a time (each
# 20–60 ms on the GUI thread) whenever no control has changed for IDLE_MS.
PRELOAD_AFTER_MS = 1500
IDLE_MS = 1000
PREBUILD_STEP_MS = 50   # between two steps: the window's own events come first


class MainWindow(QMainWindow):
    """InitLab's window. `config()` is what the controls show, `result()` what is plotted."""

    resultShown = Signal(object)   # a Monte Carlo SimResult, after every panel shows it
    theoryShown = Signal(object)   # a theory-only SimResult, after the profile shows it

    def __init__(self, config: engine.SimConfig | None = None, *, persist: bool = False,
                 executor=None, language: str | None = None, lesson_step: int = 0,
                 parent=None):
        """`executor`: where jobs run (default: a worker process; tests pass a SyncExecutor);
        `language`: a key of gui.i18n.LANGUAGES (default: the system locale's)."""
        super().__init__(parent)
        i18n.install(language or i18n.system_language())
        theme.configure()
        self._persist = persist
        self._status_note = None   # (source text, values) of the last lasting status message
        self._status_shown = None  # … and its words, re-worded only while still shown
        self._result: engine.SimResult | None = None
        self._preview = False
        self._fraction = 0.0
        self._preset_config: engine.SimConfig | None = None
        self.controls = ControlsPanel(config)
        self.history = ConfigHistory(self.controls, self)   # Edit ▸ Undo / Redo
        self.dashboard = Dashboard()
        self.runner = Runner(executor, parent=self)
        self.controller = Controller(self.runner, self.controls.config(), parent=self)
        self.pins = PinStore(self)
        self.tabs = QTabWidget(objectName="tabs")
        self.tabs.addTab(self.dashboard, "")
        self._built: dict[int, AnalysisPanel] = {}
        for _ in ANALYSIS_TABS:   # each built when first shown or asked for
            self.tabs.addTab(QWidget(), "")
        self._activation: ActivationView | None = None   # built when first shown
        self.tabs.addTab(QWidget(), "")
        self._training: TrainingView | None = None       # built when first shown
        self.tabs.addTab(QWidget(), "")
        self.lesson = LessonPanel(self)
        self.lesson.setObjectName("lesson")
        self.addDockWidget(Qt.RightDockWidgetArea, self.lesson)
        self.lesson.hide()
        self.lesson.set_step(lesson_step)
        # not the dock's toggleViewAction: the dock re-titles that one, mnemonic lost
        self.lesson_action = QAction(self, objectName="lesson_action", checkable=True)
        self.lesson_action.setShortcut(QKeySequence("F1"))
        self.lesson_action.toggled.connect(self.lesson.setVisible)
        self.lesson.visibilityChanged.connect(self.lesson_action.setChecked)
        self.toolbar = QToolBar(objectName="toolbar", movable=False)
        self.toolbar.addAction(self.lesson_action)
        self.addToolBar(Qt.TopToolBarArea, self.toolbar)
        scroll = QScrollArea()
        scroll.setWidget(self.controls)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(self.controls.sizeHint().width() + 20)
        self.pin_bar = PinBar(self.pins)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(scroll, 1)
        column.addWidget(self.controls.problem)
        column.addWidget(self.pin_bar)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(1, 1)
        splitter.setCollapsible(1, False)
        self.setCentralWidget(splitter)
        self._build_status_bar()
        self.menus = menus.Menus(self)
        self.presets_menu = self.menus.presets_menu
        self.lesson.configRequested.connect(self.controls.set_config)
        self.lesson.visibilityChanged.connect(self._on_lesson_shown)
        self.controls.configChanged.connect(self._on_config_changed)
        self.controls.inputRejected.connect(self._on_input_rejected)
        self.controls.interactionFinished.connect(self.controller.end_stream)
        self.controller.theoryReady.connect(self._on_theory)
        self.dashboard.theoryShown.connect(self.theoryShown)
        self.controller.resultReady.connect(self._on_result)
        self.controller.failed.connect(self.statusBar().showMessage)
        self.controller.progressed.connect(self._on_progress)
        self.controller.busyChanged.connect(self._on_busy_changed)
        self.controller.held.connect(self._on_held)
        self.controller.estimated.connect(self._on_estimated)
        self.runner.workerDied.connect(lambda message: self.show_status(
            QT_TRANSLATE_NOOP("MainWindow", "{message}; a new one was started"), 8000,
            message=message))
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.pin_bar.pin_button.clicked.connect(self.pin_run)
        self.pins.pinsChanged.connect(lambda: self.dashboard.profile.set_pins(self.pins.pins()))
        screen_fit.open_fitted(self)
        self.retranslate()
        self.controller.set_config(self.controls.config())
        QTimer.singleShot(PRELOAD_AFTER_MS, self, _preload_training)
        self._prebuild = QTimer(self, singleShot=True, interval=PRELOAD_AFTER_MS + IDLE_MS)
        self._prebuild.timeout.connect(self._prebuild_training)
        self._prebuild.start()

    # -- public API ------------------------------------------------------------------------
    @property
    def sweep(self) -> SweepView:
        return self._panel(1)

    @property
    def phase(self) -> PhaseView:
        return self._panel(2)

    @property
    def spectrum(self) -> SpectrumView:
        return self._panel(3)

    @property
    def activation(self) -> ActivationView:
        """The Activation tab, built on first use (its plots cost a tenth of a second)."""
        if self._activation is None:
            self._activation = ActivationView()
            placeholder, current = self.tabs.widget(ACTIVATION_TAB), self.tabs.currentIndex()
            blocked = self.tabs.blockSignals(True)
            self.tabs.removeTab(ACTIVATION_TAB)
            self.tabs.insertTab(ACTIVATION_TAB, self._activation,
                                translate("MainWindow", TAB_NAMES[ACTIVATION_TAB]))
            self.tabs.setCurrentIndex(current)
            self.tabs.blockSignals(blocked)
            placeholder.deleteLater()
        return self._activation

    @property
    def training(self) -> TrainingView:
        """The Training tab, built on first use; it trains on the window's runner."""
        if self._training is None:
            from .training_view import TrainingView   # its engine is loaded when first shown

            self._training = TrainingView(self.runner, self.controls.config())
            placeholder, current = self.tabs.widget(TRAINING_TAB), self.tabs.currentIndex()
            blocked = self.tabs.blockSignals(True)
            self.tabs.removeTab(TRAINING_TAB)
            self.tabs.insertTab(TRAINING_TAB, self._training,
                                translate("MainWindow", TAB_NAMES[TRAINING_TAB]))
            self.tabs.setCurrentIndex(current)
            self.tabs.blockSignals(blocked)
            placeholder.deleteLater()
            if current == TRAINING_TAB:   # the tab shows: its chunks go first
                self.runner.priority = self._training.channel()
        return self._training

    def config(self) -> engine.SimConfig:
        return self.controls.config()

    def saved_config(self) -> engine.SimConfig:
        """What File ▸ Save config and the settings store keep: the controls' config with the
        Training tab's training keys (edited in the tab) once that tab is built."""
        config = self.controls.config()
        if self._training is None:
            return config
        from .training_controls import training_values

        return config.with_values(**training_values(self._training.config()))

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
        self._show_timing()
        self.lesson.set_result(result)
        if self.tabs.currentIndex() == ACTIVATION_TAB:
            self._show_activation()
        self.resultShown.emit(result)

    def _show_timing(self) -> None:
        result = self._result
        if result is None:
            return
        seconds = translate("MainWindow", "Monte Carlo {seconds} s").format(
            seconds=f"{monte_carlo_seconds(result):.2f}")
        self.timing.setText(translate("MainWindow", "preview (batch {batch}) · {seconds}").format(
            batch=result.config.batch, seconds=seconds) if self._preview else seconds)

    def showing_preview(self) -> bool:
        return self._result is not None and self._preview

    def apply_preset(self, preset) -> None:
        self.dashboard.readout.set_hint(preset.hint_text)   # re-worded on a language change
        self._preset_config = preset.config()
        self.controls.set_config(self._preset_config)
        if getattr(preset, "compare", None):   # a training preset: its tab, its comparison
            self.training.set_config(self._preset_config, training=True)
            self.training.set_mode(preset.compare)
            self.tabs.setCurrentIndex(TRAINING_TAB)
        self.show_status(QT_TRANSLATE_NOOP("Presets", "{name}: {hint}"), 15000,
                         name=preset.name, hint=preset.hint, context="Presets")

    def reset_to_defaults(self) -> None:
        """Edit ▸ Reset to defaults: the default config, one step that Undo takes back."""
        self.controls.set_config(engine.SimConfig())
        self.show_status(QT_TRANSLATE_NOOP(
            "MainWindow", "Reset to the default settings; Edit ▸ Undo brings yours back"), 10000)

    def set_language(self, language: str) -> None:
        """Word the window in `language` (a key of gui.i18n.LANGUAGES) now, and remember it."""
        i18n.install(language)
        # Qt posts LanguageChange to windows not yet on screen: deliver it now.
        QCoreApplication.sendPostedEvents(None, QEvent.LanguageChange)
        if self._persist:
            settings.save_language(language)
        problem = i18n.missing_font(language)
        if problem:
            self.statusBar().showMessage(problem, 30000)

    def show_status(self, text: str, timeout: int = 0, context: str = "MainWindow",
                    **values) -> None:
        """Show a status message given as source text (a QT_TRANSLATE_NOOP of `context`) with
        `values`: a change of language re-words it. Values that are source text of `context`
        themselves (a preset's name) are worded too."""
        self._status_note = (text, timeout, context, values)
        self._status_shown = self._status_text()
        self.statusBar().showMessage(self._status_shown, timeout)

    def _status_text(self) -> str:
        text, _, context, values = self._status_note
        worded = {k: translate(context, v) if isinstance(v, str) else v
                  for k, v in values.items()}
        return translate(context, text).format(**worded)

    def export_png(self, path: Path, scale: float = 1.0) -> None:
        """The current tab (the dashboard, a sweep, …) as a PNG `scale` times its on-screen
        size, the dashboard with the full-batch result, never a preview; ConfigError on failure."""
        if self.tabs.currentWidget() is self.dashboard:
            self.show_full_result()
        files.save_image(self.tabs.currentWidget().render_image(scale), Path(path))

    def show_full_result(self) -> engine.SimResult:
        """Plot the full-batch result of the config shown (run here and now if need be)."""
        result = self.controller.full_result()
        if result is not self._result or self.dashboard.pending():
            self.show_result(result, staggered=False)
        return result

    def save_png(self, path: Path, scale: float = 1.0) -> bool:
        """`export_png` with a dialog on failure; True if written."""
        return self._guarded(translate("MainWindow", "Cannot export PNG"), self.export_png,
                             Path(path), scale)

    def pin_run(self) -> None:
        """Pin the plotted Monte Carlo run: the profile overlays it on the next ones."""
        if self._result is None:
            self.show_status(QT_TRANSLATE_NOOP(
                "MainWindow", "Nothing to pin yet: no Monte Carlo run is plotted"), 5000)
            return
        self.statusBar().showMessage(translate("MainWindow", "Pinned {label}").format(
            label=self.pins.pin(self._result).label), 5000)

    def open_config(self, path: Path) -> bool:
        """Load a config file; a dialog names the problem if it cannot be used."""
        try:
            config = files.read_config(Path(path))
        except engine.ConfigError as exc:
            problem = _problem(exc)
            if exc.key != "config":
                problem = f"{Path(path).name}: {problem}"
            self.show_error(translate("MainWindow", "Cannot open config"), problem)
            return False
        self.dashboard.readout.set_hint("")
        self.controls.set_config(config)
        self.statusBar().showMessage(translate("MainWindow", "Opened {name}").format(
            name=Path(path).name), 5000)
        return True

    def save_config(self, path: Path) -> bool:
        return self._guarded(translate("MainWindow", "Cannot save config"), files.write_config,
                             Path(path), self.saved_config())

    def export_stats(self, path: Path) -> bool:
        if self._result is None:
            self.show_error(translate("MainWindow", "Nothing to export"),
                            translate("MainWindow", "No Monte Carlo result has been plotted yet."))
            return False
        result = self.show_full_result() if self._preview else self._result
        return self._guarded(translate("MainWindow", "Cannot export statistics"),
                             files.write_stats, Path(path),
                             result, self.pins.pins())

    def show_error(self, title: str, text: str) -> None:
        QMessageBox.warning(self, title, text)

    def rerun(self) -> None:
        panel = self.tabs.currentWidget()
        if isinstance(panel, AnalysisPanel):
            panel.run_again()
        else:
            self.controller.rerun()

    def cancel(self) -> None:
        """Esc: the work of the tab shown, else the Monte Carlo of the network."""
        panel = self.tabs.currentWidget()
        if isinstance(panel, AnalysisPanel) and panel.busy():
            panel.cancel()
        elif panel is self._training and panel.busy():
            panel.pause()
        else:
            self._cancel_monte_carlo()

    # -- building --------------------------------------------------------------------------
    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.timing = QLabel(objectName="timing")
        self.progress = QProgressBar(objectName="progress", maximumWidth=220, maximum=1000)
        self.cancel_button = QPushButton(objectName="cancel")
        self.cancel_button.clicked.connect(self._cancel_monte_carlo)
        # a run estimated long or large waits: what it would cost, and the button that runs it
        self.hold_note = QLabel(objectName="hold_note")
        self.run_button = QPushButton(objectName="run_held")
        self.run_button.clicked.connect(self.controller.rerun)
        self._held: tuple | None = None       # (Cost, bytes available) of the held run
        self._estimate = None                 # engine.cost.Cost of the long run going on
        for w in (self.hold_note, self.run_button, self.timing, self.progress, self.cancel_button):
            bar.addPermanentWidget(w)
        self.hold_note.hide()
        self.run_button.hide()
        # a run that takes a while gets a progress bar (a stream's previews never do)
        self._busy = DelayedProgress(self.progress, self.cancel_button, self, wanted=lambda: (
            self.runner.is_busy(NETWORK) and not self.controller.streaming()))

    def _panels(self) -> list[AnalysisPanel]:
        """The analysis tabs built so far."""
        return list(self._built.values())

    def _panel(self, index: int) -> AnalysisPanel:
        """The analysis tab at `index`, built on first use: a tab never opened costs nothing,
        and the window opens faster."""
        panel = self._built.get(index)
        if panel is not None:
            return panel
        if index == 1:
            panel = SweepView()
        elif index == 2:
            gain = self.controls.widget("gain")
            panel = PhaseView(gain_range=(gain.minimum(), gain.maximum()))
            panel.configChosen.connect(self._on_point_chosen)
        else:
            panel = SpectrumView()
        panel.use_runner(self.runner)
        self._built[index] = panel
        placeholder, current = self.tabs.widget(index), self.tabs.currentIndex()
        blocked = self.tabs.blockSignals(True)
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, panel, translate("MainWindow", TAB_NAMES[index]))
        self.tabs.setCurrentIndex(current)
        self.tabs.blockSignals(blocked)
        placeholder.deleteLater()
        theory = self.controller.theory()
        if theory is not None:
            panel.set_config(theory.config, theory)
        return panel

    # -- slots -----------------------------------------------------------------------------
    def _on_config_changed(self, config) -> None:
        if self._preset_config not in (None, config):
            self._preset_config = None
            self.dashboard.readout.set_hint("")
        self.controller.set_config(config, held=self.controls.dragging())
        if self._training is not None:
            self._training.set_config(config)

    def _on_theory(self, theory) -> None:
        self.dashboard.show_theory(theory, streaming=self.controller.streaming())
        if self.tabs.currentIndex() == ACTIVATION_TAB:
            self._show_activation()
        if self.lesson.isVisible():
            self.lesson.set_result(theory)
        for panel in self._panels():
            panel.set_config(theory.config, theory)

    def _on_result(self, result, preview: bool) -> None:
        self.show_result(result, preview=preview)

    def _show_training(self) -> None:
        if self.tabs.currentIndex() == TRAINING_TAB:
            self.training   # noqa: B018 (built on first use)

    def _prebuild_training(self) -> None:
        """One step of making the Training tab ahead of its first opening, when idle."""
        if self._training is not None and (self._training.ready() or self._training.isVisible()):
            return                           # done, or the tab shows and builds itself
        if self.controller.streaming() or self.controls.dragging():
            self._prebuild.start(IDLE_MS)    # the user is busy: later
            return
        if self._training is None:
            self.training                    # noqa: B018 (built on first use: the widgets)
        else:
            self._training.build_step_ahead()
        self._prebuild.start(PREBUILD_STEP_MS)

    def _on_tab_changed(self, index: int) -> None:
        if index == ACTIVATION_TAB:
            self._show_activation()
        if index == TRAINING_TAB:
            if self._training is None:   # built a pass later: the tab shows at once, blank
                QTimer.singleShot(0, self._show_training)
            else:
                self.runner.priority = self._training.channel()
            return
        self.runner.priority = (self._panel(index).channel() if index in self._analysis_indices()
                                else NETWORK)

    @staticmethod
    def _analysis_indices() -> range:
        return range(1, 1 + len(ANALYSIS_TABS))

    def _show_activation(self) -> None:
        """The Activation tab shows the result plotted, else the current theory."""
        result = self._result if self._result is not None and not self._preview else None
        theory = self.controller.theory()
        if result is None or (theory is not None and result.config != theory.config):
            result = theory
        if result is not None:
            self.activation.set_result(result)

    def _on_lesson_shown(self, visible: bool) -> None:
        """The lesson's check reads the plotted result if it is of the config shown, else the
        config's theory."""
        if not visible:
            return
        shown, theory = self._result, self.controller.theory()
        if shown is None or (theory is not None and shown.config != theory.config):
            shown = theory
        if shown is not None:
            self.lesson.set_result(shown)

    # -- language ----------------------------------------------------------------------------
    def changeEvent(self, event) -> None:  # Qt override
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Word the window's own texts (menus, tabs, status bar) in the current language; the
        panels re-word themselves on the same LanguageChange event."""
        self.setWindowTitle(translate(
            "MainWindow", "InitLab — signal and gradient variance at initialization"))
        for index, name in enumerate(TAB_NAMES):
            self.tabs.setTabText(index, translate("MainWindow", name))
        self.progress.setFormat(translate("MainWindow", "Monte Carlo %p%"))
        self.cancel_button.setText(translate("MainWindow", "Cancel"))
        self._show_hold()
        self.toolbar.setWindowTitle(translate("MainWindow", "Toolbar"))
        self.history.retranslate()   # first: the Undo / Redo menu entries name its steps
        self.menus.retranslate()
        if (self._status_note is not None
                and self.statusBar().currentMessage() == self._status_shown):
            self._status_shown = self._status_text()
            self.statusBar().showMessage(self._status_shown, self._status_note[1])
        self._show_timing()

    def _on_held(self, estimate, free) -> None:
        self._held = (estimate, free)
        self._estimate = None
        self.dashboard.show_cancelled("held")
        self._show_hold()

    def _on_estimated(self, estimate) -> None:
        self._held = None
        self._estimate = estimate
        self._show_hold()
        if estimate is not None:
            self.timing.setText(translate(
                "MainWindow", "Monte Carlo running: about {time}, {memory}…").format(
                    time=texts.duration_text(estimate.seconds),
                    memory=texts.bytes_text(estimate.peak_bytes)))

    def _show_hold(self) -> None:
        """The held run's cost and its Run button, or neither."""
        self.hold_note.setVisible(self._held is not None)
        self.run_button.setVisible(self._held is not None)
        if self._held is None:
            return
        estimate, free = self._held
        said = translate("MainWindow", "This run would take about {time} and {memory} of "
                                       "memory").format(
            time=texts.duration_text(estimate.seconds), memory=texts.bytes_text(estimate.peak_bytes))
        if free is not None:
            said = translate("MainWindow", "{said} ({free} available)").format(
                said=said, free=texts.bytes_text(free))
        if free is not None and estimate.peak_bytes > free:
            said = translate("MainWindow", "{said}: more than there is, it would likely fail"
                             ).format(said=said)
        self.hold_note.setText(said)
        self.run_button.setText(translate("MainWindow", "Run it (F5)"))

    def _cancel_monte_carlo(self) -> None:
        if self.controller.cancel():
            self.dashboard.show_cancelled()
            self.show_status(QT_TRANSLATE_NOOP(
                "MainWindow", "Monte Carlo cancelled — press F5 to run it again"), 8000)

    def _on_point_chosen(self, config, note: str) -> None:
        self.controls.set_config(config)
        self.statusBar().showMessage(note, 8000)

    def _on_input_rejected(self, key: str, reason: str) -> None:
        self.statusBar().showMessage(translate(
            "MainWindow", "{key}: {reason} — the plots show the last valid setting").format(
                key=key, reason=reason), 8000)

    def _on_progress(self, fraction: float) -> None:
        self._busy.set_fraction(fraction)

    def _on_busy_changed(self, busy: bool) -> None:
        if busy:
            self.dashboard.show_computing()
            self._busy.start()
        else:
            self._busy.stop()

    def _guarded(self, title: str, action, *args) -> bool:
        try:
            action(*args)
        except engine.ConfigError as exc:
            self.show_error(title, _problem(exc))
            return False
        self.statusBar().showMessage(translate("MainWindow", "Wrote {name}").format(
            name=args[0].name), 5000)
        return True

    # -- closing ---------------------------------------------------------------------------
    def closeEvent(self, event) -> None:  # Qt override
        if self._persist:
            settings.save(self.saved_config(), self.saveGeometry(), language=i18n.current(),
                          lesson_step=self.lesson.step())
        self.runner.shutdown()
        super().closeEvent(event)


def _preload_training() -> None:
    """Import the Training tab's modules (and the engine's training) on a background thread
    while the user looks at the first plots: the tab's first opening then builds widgets only
    (importing them took ~0.1 s of the GUI thread). Not a daemon: the interpreter waits for
    the import to end before it finalizes, which crashed (SIGSEGV) when the window was closed
    while the import ran."""
    threading.Thread(target=importlib.import_module, args=("gui.training_view",),
                     name="initlab-preload").start()


def _problem(exc: engine.ConfigError) -> str:
    return problem_text(exc)
