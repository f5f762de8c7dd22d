"""The scheduling owner: config → theory → runner request → result, without widgets.

`set_config` hears every change of the controls. The config's mean-field theory is computed
on the GUI thread and emitted (`theoryReady`) at once, or once per frame during a stream
(`gui.theory_frames`); the Monte Carlo is asked of the runner and comes back joined to its
config's theory (`resultReady`, `gui.results`). Changes close together are a *stream*
(`gui.change_stream`): its Monte Carlo is a *preview* (a batch of at most `PREVIEW_BATCH`,
one trial; a running preview finishes, so frames keep coming), and when it ends (a slider
released, a pause: `end_stream`) the full config runs once. An export asks for
`full_result()`, never a preview. A full run estimated long or large (`gui.run_gate`) is said
(`estimated`), or held (`held`) with its previews until F5 (`rerun`).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

import engine
from engine.jobs import monte_carlo_job

from . import run_gate
from .change_stream import ChangeStream, preview_of
from .config_errors import failure_text
from .full_runs import FullRuns
from .i18n import translate
from .results import join, theory_of
from .theory_frames import TheoryFrames

NETWORK = "network"        # the runner's channel of the dashboard's Monte Carlo


class Controller(QObject):
    """Owns the config's way to the plots; `runner` is shared with the analysis tabs."""

    theoryReady = Signal(object)         # theory-only SimResult of the current config
    resultReady = Signal(object, bool)   # joined Monte Carlo result, is it a preview
    failed = Signal(str)                 # a message for the status bar (translated)
    monteCarloFailed = Signal()          # the network's Monte Carlo failed (said by `failed`)
    busyChanged = Signal(bool)           # the network's Monte Carlo is running or waiting
    runningChanged = Signal(bool)        # … is running (not waiting behind another's job)
    progressed = Signal(float)
    estimated = Signal(object)           # Cost of the full run started; None: small, a preview
    held = Signal(object, object)        # (Cost, bytes available or None): waits for F5

    def __init__(self, runner, config: engine.SimConfig, parent=None):
        super().__init__(parent)
        self.runner = runner
        self.stream = ChangeStream(self)
        self.stream.settled.connect(self.end_stream)
        self._config = config
        self._theories = TheoryFrames(self)
        self._theories.ready.connect(self.theoryReady)
        self._theories.failed.connect(self._theory_failed)
        self._previews: set = set()      # configs run as previews since the last full request
        self._held: engine.SimConfig | None = None   # a large run waiting for F5
        self._runs = FullRuns()   # the full runs delivered, or failed (for an export)
        self._free = run_gate.FreeMemory()
        runner.finished.connect(self._on_finished)
        runner.failed.connect(self._on_failed)
        runner.progressed.connect(lambda channel, f: channel == NETWORK and self.progressed.emit(f))
        runner.busyChanged.connect(lambda channel, busy: channel == NETWORK and
                                   self.busyChanged.emit(busy))
        runner.runningChanged.connect(lambda channel, running: channel == NETWORK and
                                      self.runningChanged.emit(running))

    # -- public ----------------------------------------------------------------------------
    def config(self) -> engine.SimConfig:
        return self._config

    def theory(self) -> engine.SimResult | None:
        """The theory-only result of the current config (None if it failed)."""
        return self._theories.theory

    def set_config(self, config: engine.SimConfig, held: bool = False) -> None:
        """A change of the controls; `held`: a slider is held down (more values coming)."""
        self._config = config
        if self.stream.change(held):
            self._request(preview=True)
            self._theories.follow(config, streaming=True)
        else:
            self._theories.follow(config, streaming=False)
            self._request(preview=False)

    def end_stream(self) -> None:
        """The stream of changes is over (a slider released, or a pause): run the full config."""
        self.stream.end()
        self._theories.flush()
        if self._previews:
            self._request(preview=False)

    def streaming(self) -> bool:
        return self.stream.active()

    def rerun(self) -> None:
        """Run the full config again (F5), whatever is shown and however long it takes."""
        self.stream.halt()
        self._previews.clear()
        self._held = None
        estimate = run_gate.estimate(self._config)
        self.runner.submit(NETWORK, monte_carlo_job, self._config)
        self.estimated.emit(estimate if run_gate.notable(estimate) else None)

    def held_config(self) -> engine.SimConfig | None:
        """The config whose run waits for F5 (estimated long or large), if any."""
        return self._held

    def busy(self) -> bool:
        """The Monte Carlo (or a stream's final run) is running or waiting."""
        return self.runner.is_busy(NETWORK) or self.streaming()

    def cancel(self) -> bool:
        """Stop the Monte Carlo (and a stream's final run); True if something was stopped."""
        busy = self.busy()
        self.stream.halt()
        self._previews.clear()
        self.runner.cancel(NETWORK)
        return busy

    def full_result(self, held_too: bool = False) -> engine.SimResult:
        """The full Monte Carlo result of the current config: the one delivered, else run here
        and now if it is quick (an export must never show a preview); else ConfigError
        ("export", …), `export_problem`'s."""
        config = self._config
        if self._runs.delivered(config):
            return self._runs.latest
        problem = self.export_problem(held_too)
        if problem is not None:
            raise problem
        self.cancel()
        self._previews.clear()
        self._held = None
        try:
            monte_carlo = monte_carlo_job(config)
        except engine.ConfigError:
            raise
        except Exception as exc:   # an engine fault: said in the export's dialog, no traceback
            failure = f"{type(exc).__name__}: {exc}"
            self._on_failed(NETWORK, failure)   # (said, for the run it cancelled)
            raise self._runs.remember_failure(config, failure) from None
        self._runs.latest = join(monte_carlo, theory_of(config))
        return self._runs.latest

    def export_problem(self, held_too: bool = False) -> engine.ConfigError | None:
        """Why an export cannot have the current config's full result now (None: it has it,
        or may run it on the window's thread): `FullRuns.export_problem`."""
        return self._runs.export_problem(self._config, self._held == self._config,
                                         self.busy(), held_too)

    def awaited(self) -> bool:
        """The current config's full result is not here and not held nor failed: it runs,
        or was stopped (what an export waits for, `export_problem`)."""
        config = self._config
        return not (self._runs.delivered(config) or self._held == config
                    or self._runs.failure_of(config) is not None)

    def is_preview(self, result: engine.SimResult) -> bool:
        return result.config != self._config and result.config in self._previews

    # -- internals -------------------------------------------------------------------------
    def _on_failed(self, channel: str, failure) -> None:
        if channel == NETWORK:
            # the full run's failure, for an export asked for later (remembered, as the same
            # settings fail the same way); a stream's is its preview's, not the config's
            if not self.streaming():
                self._runs.remember_failure(self._config, failure)
            self.failed.emit(translate("Controller", "Monte Carlo failed: {message}").format(
                message=failure_text(failure)))
            self.monteCarloFailed.emit()

    def _theory_failed(self, exc: Exception) -> None:
        self.failed.emit(translate("Controller", "Theory failed: {error}").format(
            error=f"{type(exc).__name__}: {exc}"))

    def _request(self, preview: bool) -> None:
        config = self._config
        if preview:
            config = preview_of(config)
            self._previews.add(config)
            if self._held not in (None, self._config):
                self._held = None             # a stream moved on: the held run is not shown
        else:
            self._previews.clear()
            self._held = None
            if self._runs.delivered(config):
                self.runner.cancel(NETWORK)   # shown already: older work is of no use
                self.estimated.emit(None)
                return
        estimate = run_gate.estimate(config)
        free = self._free.read(fresh=config == self._config)   # not a smaller preview
        if run_gate.must_wait(estimate, free):
            self.runner.cancel(NETWORK)       # older work is of no use either
            if not preview:
                self._held = config
                self.held.emit(estimate, free)
            elif self._held is None:          # (nothing of the stream's config is shown)
                self.estimated.emit(None)
            return
        self.runner.submit(NETWORK, monte_carlo_job, config, preview=preview)
        self.estimated.emit(estimate if not preview and run_gate.notable(estimate) else None)

    def _on_finished(self, channel: str, monte_carlo) -> None:
        if channel != NETWORK:
            return
        try:
            result = join(monte_carlo, theory_of(monte_carlo.config))
        except Exception as exc:  # the Monte Carlo still shows, without its dashed curves
            self._theory_failed(exc)
            result = monte_carlo
        self._runs.latest = result
        self.resultReady.emit(result, self.is_preview(result))

