"""What the controller knows of the current config's full Monte Carlo run, for an export: the
result delivered last, and the settings whose full run failed; and why an export cannot have
the full result now (`export_problem`: held for F5, failed, running, or stopped, and longer
than `run_gate.EXPORT_S` to run on the window's thread).
"""

from __future__ import annotations

import engine

from . import run_gate, texts
from .config_errors import failure_text


class FullRuns:
    """The full run of a config: delivered (`latest`), or failed (`failure_of`)."""

    def __init__(self):
        self.latest: engine.SimResult | None = None   # the newest result delivered
        self._failed: tuple | None = None   # (config, ConfigError): its full run failed

    def delivered(self, config: engine.SimConfig) -> bool:
        """`config`'s full result is here (`latest`)."""
        return self.latest is not None and self.latest.config == config

    def failure_of(self, config: engine.SimConfig) -> engine.ConfigError | None:
        """The error an export of `config` meets because its full run failed (None: not)."""
        if self._failed is not None and self._failed[0] == config:
            return self._failed[1]
        return None

    def remember_failure(self, config: engine.SimConfig, failure) -> engine.ConfigError:
        """The error an export of `config`, whose full run failed with `failure`, meets."""
        error = engine.ConfigError.of(
            "export", "the Monte Carlo of these settings failed ({error}): there is nothing of "
                      "them to export", error=failure_text(failure))
        self._failed = (config, error)
        return error

    def export_problem(self, config: engine.SimConfig, held: bool, busy: bool,
                       held_too: bool = False) -> engine.ConfigError | None:
        """Why an export cannot have `config`'s full result now (None: it has it, or may run
        it on the window's thread, at most `run_gate.EXPORT_S`): its run failed; it is
        `held` as too long (unless `held_too`: a headless export, which has no F5 and whose
        caller said the cost already); or it is running (`busy`), or was stopped, and would
        take longer (an audit: an export 8 s into a 20 s run froze the window for 20 s)."""
        if self.delivered(config):
            return None
        failure = self.failure_of(config)
        if failure is not None:   # not run again to fail
            return failure
        if held_too:
            return None
        estimate = run_gate.estimate(config)
        time = texts.duration_text(estimate.seconds) if estimate else "?"
        if held:   # minutes of work: not on the window's thread
            return engine.ConfigError.of(
                "export", "the Monte Carlo of these settings has not run (it would take about "
                          "{time}): start it with F5, and copy or export when it is done",
                time=time)
        # of unknown length (no estimate), run here only if nothing is running it already
        quick = estimate is not None and estimate.seconds <= run_gate.EXPORT_S
        if quick or (estimate is None and not busy):
            return None
        if busy:
            return engine.ConfigError.of(
                "export", "the Monte Carlo of these settings is still running (it takes about "
                          "{time}): copy or export when it is done", time=time)
        return engine.ConfigError.of(
            "export", "the Monte Carlo of these settings was stopped (it takes about {time}): "
                      "run it again with F5, and copy or export when it is done", time=time)
