"""The analysis tabs' common frame: lazy work on the window's runner, progress, Cancel, Run.

A panel is told every config the controls show (`set_config`) and updates its cheap parts
(markers) at once while visible, else when shown. It computes only while it is visible, and
only when the part of the config it depends on (`key`) differs from what it shows, is
computing, or was cancelled at; a run estimated long or large waits for “Run it”, as the
network's waits for F5 (`hold`). Its jobs go to the window's one runner (`use_runner`) on a
channel named after the panel: a newer request of the panel makes its older ones stale, and
the runner gives the visible tab's requests priority.

Every text is re-worded when the language changes (Qt's LanguageChange): static texts in
`retranslate`, and the status line from the callable that made it (`say`), so a finished
tab's status is re-worded too.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QProgressBar, QSizePolicy,
                               QVBoxLayout, QWidget)

from engine import cost as run_cost

from . import run_gate, theme
from .config_errors import failure_text
from .i18n import Retranslates, translate
from .texts import cost_phrase
from .typeset import plain, rich_label
from .figures import Figure, widget_figure
from .widgets import DelayedProgress, push_button, rich_lines_height
from .worker import Runner


class AnalysisPanel(Retranslates, QWidget):
    """Base of the Sweep, Phase diagram and Jacobian spectrum tabs.

    Subclasses implement `start(config)` (begin computing; call `submit(request)` for worker
    jobs and `done(render)` once everything is shown) and `show_job_result(result)`; they may
    override `key(config)` (what the result depends on), `config_changed(config, theory)`
    (cheap updates for every config) and `job_fraction(fraction)` (overall progress).
    Status texts are given as callables returning the text (`say`), so that a language change
    re-words them; subclasses extend `retranslate` and call it at the end of `__init__`.
    """

    computed = Signal()   # everything for the current key is shown (tests, screenshots)

    def __init__(self, job, name: str, parent=None):
        super().__init__(parent)
        self.setObjectName(name)
        theme.paper(self)
        self._job = job
        self._runner: Runner | None = None
        self._owns_runner = False
        self._config = self._config_theory = None
        self._marked = True   # the markers show self._config
        self._shown_key = self._wanted_key = self._stopped_key = None
        self.jobs = 0   # jobs submitted so far (a tab never shown submits none)
        self.holds = True     # long or large runs wait for “Run it” (`hold`)
        self.held = False     # the current config's run waits so
        self.failure = None   # why the current config's run failed (a ConfigError or a message)
        self._forced = False
        # plot items of the key shown, faint while another's work replaces them (a breaker's
        # tour: identity's phase cells and line under gelu's ★ and words for 6 s)
        self.drawn: tuple = ()
        self._drawn_key = None   # the key they were drawn for
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(4, 4, 4, 4)
        self.body.setSpacing(4)
        self.status = QLabel(objectName=f"{name}_status", textFormat=Qt.RichText)   # ξ_c, σ_w²
        self.status.setWordWrap(True)
        self.status.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        # its text level with the captions' above it (`theme.reachable_caption`'s margins:
        # a slide's last line stood 4 px left of the paragraph over it, a tour)
        self.status.setContentsMargins(4, 0, 4, 0)
        self.progress = QProgressBar(objectName=f"{name}_progress", maximumWidth=220,
                                     maximum=1000)
        self.cancel_button = push_button(objectName=f"{name}_cancel")
        self.run_button = push_button(objectName=f"{name}_run")
        self._status: Callable[[], str] | None = None        # renders the status line
        self._status_base: Callable[[], str] | None = None   # the part a Cancel keeps
        self.cancel_button.clicked.connect(self.cancel)
        self.run_button.clicked.connect(self.run_again)
        self._bar = QHBoxLayout()
        self._bar.addWidget(self.status, 1)
        for w in (self.progress, self.cancel_button, self.run_button):
            self._bar.addWidget(w)
            w.hide()
        self._busy = DelayedProgress(self.progress, self.cancel_button, self, wanted=self.busy)
        self._refresh_timer = QTimer(self, singleShot=True, interval=0)
        self._refresh_timer.timeout.connect(self._refresh)
        AnalysisPanel.retranslate(self)   # the subclass calls its own at the end of its __init__

    def retranslate(self) -> None:
        """Word every text in the current language (subclasses extend it)."""
        self.cancel_button.setText(translate("AnalysisPanel", "Cancel"))
        self.cancel_button.setAccessibleName(translate("AnalysisPanel",
                                                       "Cancel this tab's computation"))
        self._word_run_button()
        # two lines' room whatever it says (in this language's fonts): beside the progress bar
        # and Cancel it wraps, and the plots above moved by a line when they came and went
        self.status.setMinimumHeight(rich_lines_height(self.status, 2, self.cancel_button.text()))
        self.restate()

    def finish_layout(self) -> None:
        """Put the status row under the subclass's widgets."""
        self.body.addLayout(self._bar)

    # -- public ----------------------------------------------------------------------------
    def set_config(self, config, theory=None) -> None:
        """The config the controls show (and its theory-only SimResult, if at hand)."""
        self._config, self._config_theory, self._marked = config, theory, False
        if self.isVisible():
            self._mark()
            self._refresh_timer.start()

    def config(self):
        return self._config

    def use_runner(self, runner: Runner) -> None:
        """Run this panel's jobs on `runner` (the window's; shared by every tab)."""
        self._runner = runner
        runner.finished.connect(self._on_finished)
        runner.failed.connect(self._on_failed)
        runner.progressed.connect(self._on_progress)

    @property
    def runner(self) -> Runner:
        if self._runner is None:   # a panel used on its own: a runner of its own
            self.use_runner(Runner(parent=self))
            self._owns_runner = True
        return self._runner

    def channel(self) -> str:
        """The runner's channel of this panel's jobs."""
        return self.objectName()

    def busy(self) -> bool:
        return self._wanted_key is not None

    def is_current(self) -> bool:
        """Everything the current config needs is shown."""
        return self._config is not None and self._shown_key == self.key(self._config) \
            and not self.busy()

    def cancel(self) -> None:
        if not self.busy():
            return
        if self._runner is not None:
            self._runner.cancel(self.channel())
        base = self._status_base
        self._halt(lambda: translate("AnalysisPanel", "{status} — cancelled; “Run again” "
                                                      "computes it").format(
            status=base() if base is not None else ""))

    def run_again(self) -> None:
        self._stopped_key = self._shown_key = None
        self._forced = True   # (a held run runs)
        try:
            self._refresh()
        finally:
            self._forced = False

    def hold(self, estimate: Callable, base: Callable[[], str] | None = None) -> bool:
        """From `start`: hold its run until “Run it” when `estimate()` (`engine.cost.Cost`,
        or None) is long or too large for the memory available, as the network's waits for
        F5 (`run_gate`), saying so after `base()` if given; True if held. Never in a headless
        export (`holds` False), whose cost the command line has said."""
        if self._forced or not self.holds:
            return False
        cost, free = estimate(), run_cost.available_memory()
        if not run_gate.must_wait(cost, free):
            return False
        self.held = True
        self._halt((lambda: translate("AnalysisPanel", "{status} — not run: {cost}; “Run it” "
                                                       "computes it").format(
            status=base(), cost=cost_phrase(cost, free))) if base is not None else (
            lambda: translate("AnalysisPanel", "Not run: {cost}; “Run it” computes it"
                              ).format(cost=cost_phrase(cost, free))), base)
        return True

    def status_words(self) -> str:
        """What the status line says, in plain text (a headless export's refusal)."""
        return plain(self._status()) if self._status is not None else ""

    def halted(self) -> bool:
        """The current config's work was cancelled, failed or is held."""
        return self._wanted_key is None and self._stopped_key is not None

    def shutdown(self) -> None:
        if self._owns_runner:
            self._runner.shutdown()

    def figure(self) -> Figure:
        """The tab as a figure (File ▸ Export), without the controls above it."""
        return widget_figure(self, top=self.controls_height())

    def restate(self) -> None:
        """Render the status again (what it says depends on more than the language)."""
        if self._status is not None:
            self.status.setText(rich_label(self._status()))

    # -- for subclasses --------------------------------------------------------------------
    def key(self, config):
        return config

    def controls_height(self) -> int:
        """The height of the controls above the figure (left out of an exported image)."""
        return 0

    def config_changed(self, config, theory) -> None:
        pass

    def start(self, config) -> None:
        raise NotImplementedError

    def show_job_result(self, result) -> None:
        raise NotImplementedError

    def stopped(self) -> None:
        """Work for the wanted key was cancelled or failed."""

    def job_fraction(self, fraction: float) -> float:
        return fraction

    def submit(self, request) -> None:
        self.jobs += 1
        self.runner.submit(self.channel(), self._job, request)

    def say(self, render: Callable[[], str], base: Callable[[], str] | None = None) -> None:
        """Show the status `render()`, and again in the new language when it changes; `base`
        renders the part a Cancel keeps (default: all of it)."""
        self._status, self._status_base = render, base or render
        self.status.setText(rich_label(render()))

    def done(self, render: Callable[[], str] | None = None) -> None:
        """Everything for the wanted key is shown; `render`: the status then (see `say`)."""
        self._shown_key, self._wanted_key = self._wanted_key, None
        self._drawn_key = self._shown_key
        theme.dim(self.drawn, stale=False)
        self._set_busy(False)
        if render is not None:
            self.say(render)
        self.computed.emit()

    # -- internals -------------------------------------------------------------------------
    def showEvent(self, event) -> None:  # Qt override
        super().showEvent(event)
        self._mark()
        self._refresh_timer.start()

    def _mark(self) -> None:
        if not self._marked and self._config is not None:
            self._marked = True
            self.config_changed(self._config, self._config_theory)

    def _refresh(self) -> None:
        if self._config is None or not self.isVisible():
            return
        key = self.key(self._config)
        # what the view shows: the wanted key's (partly), else the shown or stopped key's
        if key == self._wanted_key or (self._wanted_key is None
                                       and key in (self._shown_key, self._stopped_key)):
            return
        if self._wanted_key is not None and self._runner is not None:
            self._runner.cancel(self.channel())
        # `start` replaces what the view shows: neither older key is shown any more
        self._wanted_key, self._stopped_key, self._shown_key = key, None, None
        self.held, self.failure = False, None
        self._set_busy(True)
        theme.dim(self.drawn, stale=key != self._drawn_key)   # (back to it: not faint)
        self.start(self._config)

    def _on_finished(self, channel: str, result) -> None:
        if channel == self.channel() and self._wanted_key is not None:
            self.show_job_result(result)

    def _on_progress(self, channel: str, fraction: float) -> None:
        if channel == self.channel():
            self._busy.set_fraction(self.job_fraction(fraction))

    def _on_failed(self, channel: str, failure) -> None:
        if channel != self.channel() or self._wanted_key is None:
            return
        self.failure = failure
        self._halt(lambda: translate("AnalysisPanel", "Failed: {message} — “Run again” retries"
                                     ).format(message=failure_text(failure)))

    def _halt(self, render: Callable[[], str], base: Callable[[], str] | None = None) -> None:
        """The wanted key's work stopped (cancelled, failed or held): “Run again” starts it."""
        self._stopped_key, self._wanted_key = self._wanted_key, None
        self.stopped()
        self._set_busy(False)
        self.say(render, base)

    def _word_run_button(self) -> None:
        # a held run has not run yet: "Run it", as the network's held run says (a visual check)
        self.run_button.setText(translate("AnalysisPanel", "Run it") if self.held
                                else translate("AnalysisPanel", "Run again"))

    def _set_busy(self, busy: bool) -> None:
        self._word_run_button()
        self.run_button.setVisible(not busy and self._stopped_key is not None)
        if busy:
            self._busy.start()
        else:
            self._busy.stop()
