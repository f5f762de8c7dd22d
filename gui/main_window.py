"""The main window: a switchboard wiring controls → theory + worker → dashboard and tabs.

A control change is coalesced (a single-shot timer merges the changes of one event-loop pass,
and waits longer when the theory itself is slow), the mean-field theory is computed right away
on the GUI thread (milliseconds) and the Monte Carlo is requested from the one runner, which
drops stale work. The tabs beside the "Network" dashboard (Sweep, Phase diagram, Jacobian
spectrum) are told every config and compute, through runners of their own, only while shown.
Menus: File (open/save config, export PNG and statistics), Presets, Simulation (re-run,
cancel: the current tab's work), Compare (pin runs).
"""

from __future__ import annotations

import time
from collections import OrderedDict
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (QLabel, QMainWindow, QMessageBox, QProgressBar, QPushButton,
                               QScrollArea, QSplitter, QTabWidget, QVBoxLayout, QWidget)

import engine
from engine.jobs import monte_carlo_job

from . import files, menus, settings, theme
from .analysis import AnalysisPanel
from .controls import ControlsPanel
from .dashboard import Dashboard
from .phase_view import PhaseView
from .pins import PinBar, PinStore
from .spectrum_view import SpectrumView
from .sweep_view import SweepView
from .worker import SimRunner

SHOW_PROGRESS_AFTER_MS = 250
DRAG_INTERVAL_S = 0.033   # theory refresh while a slider is dragged
THEORIES_KEPT = 16        # recent theory results, joined to the Monte Carlo of their config


class MainWindow(QMainWindow):
    """InitLab's window. `config()` is what the controls show, `result()` what is plotted."""

    resultShown = Signal(object)   # a Monte Carlo SimResult, after every panel shows it
    theoryShown = Signal(object)   # a theory-only SimResult, after the profile shows it

    def __init__(self, config: engine.SimConfig | None = None, *, persist: bool = False,
                 runner: SimRunner | None = None, parent=None):
        super().__init__(parent)
        theme.configure()
        self.setWindowTitle("InitLab — signal and gradient variance at initialization")
        self._persist = persist
        self._result: engine.SimResult | None = None
        self._theory_cost = 0.0
        self._fraction = 0.0
        self._last_update = 0.0
        self._preset_config: engine.SimConfig | None = None
        self.controls = ControlsPanel(config)
        self.dashboard = Dashboard()
        # The worker runs the Monte Carlo alone: the theory of a config is computed here once,
        # for the dashed curves, and joined to its Monte Carlo when that arrives.
        self.runner = runner or SimRunner(simulate=monte_carlo_job, parent=self)
        self._theories: OrderedDict = OrderedDict()
        self.pins = PinStore(self)
        gain = self.controls.widget("gain")
        self.sweep = SweepView()
        self.phase = PhaseView(gain_range=(gain.minimum(), gain.maximum()))
        self.spectrum = SpectrumView()
        self.tabs = QTabWidget(objectName="tabs")
        for widget, name in ((self.dashboard, "Network"), (self.sweep, "Sweep"),
                             (self.phase, "Phase diagram"), (self.spectrum, "Jacobian spectrum")):
            self.tabs.addTab(widget, name)
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
        column.addWidget(self.pin_bar)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(1, 1)
        splitter.setCollapsible(1, False)
        self.setCentralWidget(splitter)
        self._build_status_bar()
        self.presets_menu = menus.build(self)
        self._tick = QTimer(self, singleShot=True)
        self._tick.timeout.connect(self._update_now)
        self._progress_timer = QTimer(self, singleShot=True, interval=SHOW_PROGRESS_AFTER_MS)
        self._progress_timer.timeout.connect(self._show_progress)
        self.controls.configChanged.connect(self._on_config_changed)
        self.controls.inputRejected.connect(self._on_input_rejected)
        self.controls.interactionFinished.connect(self._on_interaction_finished)
        self.runner.finished.connect(self._on_result)
        self.runner.failed.connect(self._on_failed)
        self.runner.progressed.connect(self._on_progress)
        self.runner.busyChanged.connect(self._on_busy_changed)
        self.phase.configChosen.connect(self._on_point_chosen)
        self.pin_bar.pin_button.clicked.connect(self.pin_run)
        self.pins.pinsChanged.connect(lambda: self.dashboard.profile.set_pins(self.pins.pins()))
        self.resize(1500, 940)
        self._update_now()

    # -- public API ------------------------------------------------------------------------
    def config(self) -> engine.SimConfig:
        return self.controls.config()

    def result(self) -> engine.SimResult | None:
        return self._result

    def set_config(self, config: engine.SimConfig) -> None:
        self.controls.set_config(config)

    def show_result(self, result: engine.SimResult, staggered: bool = True) -> None:
        """Plot a finished Monte Carlo result; `result()` returns it once every panel shows
        it (`staggered`: one panel per event-loop pass; the headless export does all at once)."""
        self.dashboard.show_result(result, done=lambda: self._shown(result), staggered=staggered)

    def _shown(self, result: engine.SimResult) -> None:
        self._result = result
        self.resultShown.emit(result)

    def apply_preset(self, preset) -> None:
        self.dashboard.readout.set_hint(preset.hint)
        self._preset_config = preset.config()
        self.controls.set_config(self._preset_config)
        self._update_now()
        self.statusBar().showMessage(f"{preset.name}: {preset.hint}", 15000)

    def export_png(self, path: Path, scale: float = 1.0) -> None:
        """The current tab (the dashboard, a sweep, …) as a PNG `scale` times its on-screen
        size; ConfigError on failure."""
        files.save_image(self.tabs.currentWidget().render_image(scale), Path(path))

    def save_png(self, path: Path, scale: float = 1.0) -> bool:
        """`export_png` with a dialog on failure; True if written."""
        return self._guarded("Cannot export PNG", self.export_png, Path(path), scale)

    def pin_run(self) -> None:
        """Pin the plotted Monte Carlo run: the profile overlays it on the next ones."""
        if self._result is None:
            self.statusBar().showMessage("Nothing to pin yet: no Monte Carlo run is plotted", 5000)
            return
        self.statusBar().showMessage(f"Pinned {self.pins.pin(self._result).label}", 5000)

    def open_config(self, path: Path) -> bool:
        """Load a config file; a dialog names the problem if it cannot be used."""
        try:
            config = files.read_config(Path(path))
        except engine.ConfigError as exc:
            problem = _problem(exc)
            if exc.key != "config":
                problem = f"{Path(path).name}: {problem}"
            self.show_error("Cannot open config", problem)
            return False
        self.dashboard.readout.set_hint("")
        self.controls.set_config(config)
        self.statusBar().showMessage(f"Opened {Path(path).name}", 5000)
        return True

    def save_config(self, path: Path) -> bool:
        return self._guarded("Cannot save config", files.write_config, Path(path), self.config())

    def export_stats(self, path: Path) -> bool:
        if self._result is None:
            self.show_error("Nothing to export", "No Monte Carlo result has been plotted yet.")
            return False
        return self._guarded("Cannot export statistics", files.write_stats, Path(path),
                             self._result, self.pins.pins())

    def show_error(self, title: str, text: str) -> None:
        QMessageBox.warning(self, title, text)

    # -- building --------------------------------------------------------------------------
    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.timing = QLabel(objectName="timing")
        self.progress = QProgressBar(objectName="progress", maximumWidth=220, maximum=1000)
        self.progress.setFormat("Monte Carlo %p%")
        self.cancel_button = QPushButton("Cancel", objectName="cancel")
        self.cancel_button.clicked.connect(self._cancel_monte_carlo)
        for w in (self.timing, self.progress, self.cancel_button):
            bar.addPermanentWidget(w)
        self.progress.hide()
        self.cancel_button.hide()

    # -- the update cycle --------------------------------------------------------------------
    def _on_config_changed(self, config) -> None:
        if self._preset_config not in (None, config):
            self._preset_config = None
            self.dashboard.readout.set_hint("")
        if self.controls.dragging():
            # a request only replaces the one waiting for the worker: cheap at any rate, and
            # the worker never idles for want of the newest value
            self._request_monte_carlo(config)
        if not self._tick.isActive():  # merge changes; slow theory → fewer updates
            wait = 2 * self._theory_cost
            if self.controls.dragging():  # ~30 updates a second are plenty for the eye
                wait = max(wait, DRAG_INTERVAL_S - (time.perf_counter() - self._last_update))
            self._tick.start(round(1000 * min(max(wait, 0.0), 0.25)))

    def _update_now(self) -> None:
        self._tick.stop()
        self._last_update = time.perf_counter()
        config = self.config()
        start = time.perf_counter()
        theory = None
        try:
            theory = engine.theory_result(config)
        except Exception as exc:  # an engine failure must not take the window down
            self.statusBar().showMessage(f"Theory failed: {type(exc).__name__}: {exc}")
        else:
            self._theories[config] = theory
            while len(self._theories) > THEORIES_KEPT:
                self._theories.popitem(last=False)
            self.dashboard.show_theory(theory)
            self.theoryShown.emit(theory)
        self._theory_cost = time.perf_counter() - start
        for panel in self._panels():
            panel.set_config(config, theory)
        self._request_monte_carlo(config)

    def _request_monte_carlo(self, config) -> None:
        shown = self.dashboard.latest_result()
        if shown is not None and shown.config == config:
            if self.controls.dragging():
                self.runner.drop_queued()  # the running frame still shows; the release re-checks
            elif self.runner.busy:
                self.runner.cancel()
        else:
            self.runner.request(config, keep_running=self.controls.dragging())

    def _on_interaction_finished(self) -> None:
        self._update_now()
        shown = self.dashboard.latest_result()
        if shown is None or shown.config != self.config():
            self.runner.finish_now(self.config())

    def _panels(self) -> tuple[AnalysisPanel, ...]:
        return self.sweep, self.phase, self.spectrum

    def rerun(self) -> None:
        panel = self.tabs.currentWidget()
        if isinstance(panel, AnalysisPanel):
            panel.run_again()
        else:
            self.runner.submit(self.config())

    def cancel(self) -> None:
        """Esc: the work of the tab shown, else the Monte Carlo of the network."""
        panel = self.tabs.currentWidget()
        if isinstance(panel, AnalysisPanel) and panel.busy():
            panel.cancel()
        else:
            self._cancel_monte_carlo()

    def _cancel_monte_carlo(self) -> None:
        if self.runner.busy:
            self.runner.cancel()
            self.statusBar().showMessage("Monte Carlo cancelled — press F5 to run it again", 8000)

    def _on_result(self, result) -> None:
        try:
            result = engine.with_theory(result, self._theories.get(result.config))
        except Exception as exc:  # the Monte Carlo still shows, without its dashed curves
            self.statusBar().showMessage(f"Theory failed: {type(exc).__name__}: {exc}")
        self.show_result(result)
        self.timing.setText(f"Monte Carlo {result.elapsed_seconds:.2f} s")

    def _on_failed(self, config, message: str) -> None:
        self.statusBar().showMessage(f"Monte Carlo failed: {message}")

    def _on_point_chosen(self, config, note: str) -> None:
        self.controls.set_config(config)
        self.statusBar().showMessage(note, 8000)

    def _on_input_rejected(self, key: str, reason: str) -> None:
        self.statusBar().showMessage(f"{key}: {reason} — the plots show the last valid setting",
                                     8000)

    def _on_progress(self, fraction: float) -> None:
        self._fraction = fraction
        if self.progress.isVisible():  # a hidden bar's setValue still costs ~1 ms a call
            self.progress.setValue(round(fraction * 1000))

    def _on_busy_changed(self, busy: bool) -> None:
        if busy:
            self._fraction = 0.0
            self.progress.setValue(0)
            self._progress_timer.start()
        else:
            self._progress_timer.stop()
            self.progress.hide()
            self.cancel_button.hide()

    def _show_progress(self) -> None:
        if self.runner.busy:
            self.progress.setValue(round(self._fraction * 1000))
            self.progress.show()
            self.cancel_button.show()

    def _guarded(self, title: str, action, *args) -> bool:
        try:
            action(*args)
        except engine.ConfigError as exc:
            self.show_error(title, _problem(exc))
            return False
        self.statusBar().showMessage(f"Wrote {args[0].name}", 5000)
        return True

    # -- closing -----------------------------------------------------------------------------------
    def closeEvent(self, event) -> None:  # Qt override
        if self._persist:
            settings.save(self.config(), self.saveGeometry())
        self.runner.shutdown()
        for panel in self._panels():
            panel.shutdown()
        super().closeEvent(event)


def _problem(exc: engine.ConfigError) -> str:
    return exc.reason if exc.key in ("config", "stats", "export") else f"{exc.key}: {exc.reason}"
