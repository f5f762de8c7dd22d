"""The dashboard: the four plots and the readout, i.e. everything File ▸ Export renders.

Theory arrives first (computed on the GUI thread in milliseconds) and updates the dashed
profile curves and the readout; the Monte Carlo result follows from the worker and updates
everything else. Updates are coalesced and staggered: a new theory or result only marks the
dashboard dirty, and the panels are updated one per event-loop pass (each pass then paints
one panel), always with the newest data, so the GUI thread never stalls for the whole
dashboard and a stream of changes still completes frames. The profile takes the theory and
the Monte Carlo in one pass (one repaint); during a stream a new theory alone is drawn at most
every `THEORY_FRAME_S`.

A preview frame is made cheaper: the profile shows every one, while the two heatmaps and the
distribution (each as costly to paint as the profile, and changing less from one gain to the
next) take turns, one at most every `PREVIEW_PANEL_S`, and the readout, whose rich text is
costly to lay out, follows at most every `PREVIEW_READOUT_S`. The full result updates
everything. Items are updated in place (setData / setImage), never re-created.

The readout takes its usual lines, or the height its text needs (at most `READOUT_SHARE` of
the dashboard), when the window is resized, the language or the hint changes, and, growing
only, when changes settle: after their Monte Carlo's plots, or `STALE_AFTER_MS` into a long
run; never during a drag. Each time re-lays out and repaints every plot. Lines beyond its
height scroll into view; an export draws them all.

Each panel words itself again when the language changes (Qt's LanguageChange reaches every
widget); the heatmaps' notes are functions of the config for that reason.
"""

from __future__ import annotations

import functools
import math
import time

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from . import theme
from .distribution import DistributionView
from .figures import Figure, widget_figure
from .heatmap import variance_maps
from .plot_grid import PlotGrid
from .profile import ProfileView
from .readout import Readout
from .texts import NO_MONTE_CARLO, per_unit_note, word

READOUT_SHARE = 0.3    # of the dashboard's height, at most, before the readout scrolls
STALE_AFTER_MS = 300   # Monte Carlo older than the theory this long is dimmed (not a drag's)
PREVIEW_READOUT_S = 0.25
PREVIEW_PANEL_S = 0.1
THEORY_FRAME_S = 1 / 30


class Dashboard(QWidget):
    """Forward and backward heatmaps, the profile, the distribution and the readout."""

    theoryShown = Signal(object)   # a theory-only result, once the profile's dashed curves show it

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("dashboard")
        theme.paper(self)
        self.forward, self.backward = variance_maps()
        self.profile = ProfileView()
        self.distribution = DistributionView()
        self.readout = Readout()
        plots = self.plots = PlotGrid(self.profile, self.distribution, self.forward,
                                      self.backward)
        # (with its legend: its plot still ~6 lines high on a short screen)
        plots.set_minimum_lines(self.profile, 19)
        plots.arranged.connect(self._on_arranged)
        # The readout below the plots, behind a handle: on a short screen it can be made
        # smaller or collapsed (View ▸ Readout) and the plots get the room.
        self.splitter = QSplitter(Qt.Vertical, objectName="dashboard_splitter")
        self.splitter.addWidget(plots)
        self.splitter.addWidget(self.readout)
        self.splitter.setCollapsible(0, False)
        self.splitter.setCollapsible(1, False)   # hidden through View ▸ Readout instead
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setHandleWidth(6)
        self._readout_placed = False   # the user has moved the handle: keep their height
        self.splitter.splitterMoved.connect(lambda *_: setattr(self, "_readout_placed", True))
        self._resettle = False   # the next full result's lines may take less room
        self.dragging = lambda: False   # the window's: a control is being dragged
        self.streaming = lambda: False  # the window's: a stream of changes goes on
        self.readout.reworded.connect(self._on_reworded)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.splitter)
        self._theory = None          # theory-only result of the controls' config
        self._result = None          # the Monte Carlo result the panels show
        self._theory_dirty = False
        self._queued = None          # (result, done, preview) waiting for the panels
        self._streaming = False
        self._steps: list = []       # the passes still to run for the current frame
        self._readout_at = self._profile_at = self._panel_at = -1.0
        self._turn = 0               # the heavy panel a preview frame updates
        self._dashed = None          # the theory the profile's dashed curves show
        self._stepper = QTimer(self, singleShot=True, interval=0)
        self._stepper.timeout.connect(self._next_step)
        self._readout_timer = QTimer(self, singleShot=True)
        self._readout_timer.timeout.connect(   # a drag's delayed readout: no new height
            lambda: self._show_readout(throttle=False, settled=False))
        self._stale: str | None = None   # the Monte Carlo shown is older: "computing"/"cancelled"
        self._halted: str | None = None  # the current config's run was "cancelled" or is "held"
        self._halted_config = None   # … the config it was halted for, when known
        self.keep_zoom = False   # View ▸ Keep zoom for new settings
        self._stale_timer = QTimer(self, singleShot=True, interval=STALE_AFTER_MS)
        self._stale_timer.timeout.connect(lambda: self._set_stale(self._halted or "computing"))
        # a long run's readout takes the room its theory's lines need when its plots dim
        self._place_timer = QTimer(self, singleShot=True, interval=STALE_AFTER_MS)
        self._place_timer.timeout.connect(lambda: self._place_readout(grow_only=True))

    def sizeHint(self) -> QSize:
        return QSize(1100, 820)

    def show_readout(self, shown: bool) -> None:
        """Show or hide the readout (View ▸ Readout): hidden, the plots take its room."""
        self.readout.setVisible(shown)
        if shown and not self._readout_placed:
            self._place_readout()

    def _place_readout(self, grow_only: bool = False) -> None:
        """Give the readout the height its lines need, but at most `READOUT_SHARE` of the
        dashboard (the plots first; it scrolls beyond). `grow_only`: new text, which gets
        more room but gives none back, so that the plots do not jump with every result."""
        if self._readout_placed or not self.readout.isVisible():
            return   # the user's height is kept
        room = self.splitter.height() - self.splitter.handleWidth()
        now = self.splitter.sizes()[1]
        # at least its usual lines (its size hint), so that most results need no new room:
        # growing re-lays out and repaints every plot, on the GUI thread, after a drag
        wanted = min(max(self.readout.needed_height(self.splitter.width()),
                         self.readout.sizeHint().height()),
                     max(self.readout.minimumHeight(), int(room * READOUT_SHARE)))
        if grow_only:
            wanted = max(wanted, now)
        if wanted != now:
            self.splitter.setSizes([room - wanted, wanted])

    def _on_arranged(self, one_column: bool) -> None:
        self.readout.keep_usual_lines(one_column)   # (the page scrolls then)
        self._place_readout()

    def _on_reworded(self) -> None:
        """A new hint or language: room for the lines now, and again, giving room back, when
        the next full result shows (a preset after sigmoid's long readout kept its height:
        the same preset's plots were smaller than when it was chosen first)."""
        self._resettle = True
        self._place_readout(grow_only=self.dragging())   # (a drag from a preset drops its hint)

    def _settle_readout(self) -> None:
        self._place_timer.stop()
        if self.dragging():   # a held slider's full run: the plots never jump under it
            self._place_readout(grow_only=True)
            return
        self._place_readout(grow_only=not self._resettle)
        self._resettle = False

    def resizeEvent(self, event) -> None:  # Qt override
        super().resizeEvent(event)
        self._place_readout()

    def showEvent(self, event) -> None:  # Qt override
        super().showEvent(event)
        self._place_readout()   # its text may have changed while another tab showed

    def show_theory(self, theory, streaming: bool = False) -> None:
        """The mean-field curves and readout of the config now in the controls (`streaming`:
        more are coming: the readout may wait)."""
        if self._theory is None or theory.config != self._theory.config:
            if theory.config != self._halted_config:
                self._halted = None   # new settings: their Monte Carlo is requested
            if not self.keep_zoom:
                for view in self.views():   # new settings: their full range, unless kept
                    if view.zoom.zoomed:
                        view.zoom.reset()
        self._theory, self._theory_dirty, self._streaming = theory, True, streaming
        if streaming:   # a drag: no room taken under it
            self._place_timer.stop()
        self._check_stale()
        self._schedule()

    def show_result(self, result, done=None, staggered: bool = True, preview: bool = False) -> None:
        """A Monte Carlo result: every panel, then `done()` (`staggered`: one panel per
        event-loop pass; else all at once, as an export needs)."""
        if not preview:   # its last pass takes the readout's room
            self._place_timer.stop()
        if staggered:
            self._queued = (result, done, preview)
            self._schedule()
            return
        self._queued, self._steps = None, []
        for step in self._passes(result, done, preview):
            step()

    def show_cancelled(self, why: str = "cancelled", config=None) -> None:
        """The Monte Carlo of the controls' config was cancelled (or is `held`: long, it
        waits for F5; or `failed`): the readout stops saying that it runs, and the older Monte
        Carlo shown says why it is older. `config`, the config halted, keeps that state
        through its theory shown later (an export's own run can fail before it shows)."""
        self._halted, self._halted_config = why, config
        theory = self._theory
        if theory is not None and (self._result is None or self._result.config != theory.config):
            self._readout_timer.stop()
            self.readout.set_result(theory)
            self._place_timer.stop()
            self._place_readout(grow_only=True)
        if not self._fresh():
            self._stale_timer.stop()
            self._set_stale(why)
        self._say_why_empty()

    def show_computing(self) -> None:
        """The Monte Carlo of the controls' config runs (again, after a cancel or a hold)."""
        self._halted = None
        if self._stale in ("cancelled", "held", "failed"):
            self._set_stale("computing")
        self._say_why_empty()

    def _say_why_empty(self) -> None:
        """The maps that have shown no Monte Carlo yet say why (`texts.NO_MONTE_CARLO`)."""
        note = functools.partial(word, NO_MONTE_CARLO, self._halted or "computing")
        for view in (self.forward, self.backward, self.distribution):
            view.say_empty(note)

    def views(self) -> tuple:
        """The four plots."""
        return self.profile, self.distribution, self.forward, self.backward

    def keep_levels(self, keep: bool) -> None:
        """View ▸ Keep colour scales for new settings: the heatmaps' and the distribution's
        colour bars hold their levels (settings compared, or exported one after another, in
        the same colours); unchecked, each result takes its own again."""
        for view in (self.distribution, self.forward, self.backward):
            view.keep_levels(keep)

    def stretch_layers(self, on: bool) -> None:
        """View ▸ Stretch each layer to the heatmap's height: unit i of layer t at i / n_t,
        so that a narrow layer beside wide ones is as tall as they are."""
        for view in (self.forward, self.backward):
            view.set_stretched(on)

    def restyle(self) -> None:
        """View ▸ Grey-safe colour scale: the heatmaps in the scale now chosen, and the
        readout's words for their marks (hatched or not)."""
        for view in (self.forward, self.backward):
            view.restyle()
        self.readout.retranslate()

    def reset_zoom(self) -> None:
        """View ▸ Reset zoom: every plot's full range."""
        for view in self.views():
            view.zoom.reset()

    def stale(self) -> str | None:
        """Why the Monte Carlo shown is dimmed ("computing", "cancelled"), or None."""
        return self._stale

    # -- older Monte Carlo ------------------------------------------------------------------
    def _fresh(self) -> bool:
        """The Monte Carlo shown is of the controls' config (a preview's smaller batch and
        single draw aside), or there is none to compare."""
        theory, result = self._theory, self._result
        return theory is None or result is None or result.config.with_values(
            batch=theory.config.batch, trials=theory.config.trials) == theory.config

    def _check_stale(self) -> None:
        if self._fresh():
            self._stale_timer.stop()
            self._set_stale(None)
        elif self._stale is None and not self._stale_timer.isActive():
            self._stale_timer.start()   # a drag's previews come sooner: no flicker

    def _set_stale(self, state: str | None) -> None:
        if state == self._stale:
            return
        self._stale = state
        self.profile.set_stale(state)
        for view in (self.forward, self.backward, self.distribution):
            view.set_stale(state is not None)

    def pending(self) -> bool:
        """Panels are still to be updated."""
        return bool(self._steps) or self._queued is not None or self._theory_dirty

    # -- the passes ------------------------------------------------------------------------
    def _schedule(self) -> None:
        if not self._stepper.isActive() or self._stepper.remainingTime() > 0:
            self._stepper.start(0)

    def _next_step(self) -> None:
        if not self._steps:
            if self._queued is not None:
                self._steps, self._queued = self._passes(*self._queued), None
            elif self._theory_dirty:
                # during a stream, a theory alone waits a little: a Monte Carlo frame may
                # come and take it along (one repaint of the profile instead of two)
                wait = self._profile_at + THEORY_FRAME_S - time.monotonic()
                if self._streaming and wait > 0:
                    self._stepper.start(math.ceil(1000 * wait))
                    return
                self._steps = [lambda: self._show_profile(None),
                               lambda: self._show_readout(throttle=self._streaming,
                                                          settled=not self._streaming)]
        if self._steps:
            self._steps.pop(0)()
        if self.pending():
            self._stepper.start(0)

    def _passes(self, result, done, preview: bool) -> list:
        # the note is worded again when the language changes
        mc, note = result.monte_carlo, functools.partial(per_unit_note, result.config)
        widths = result.config.widths
        panels = [lambda: self.forward.set_data(mc.unit_log10_forward_var, mc.forward_invalid,
                                                note, mc.unit_forward_unresolved, widths),
                  lambda: self.backward.set_data(mc.unit_log10_backward_var, mc.backward_invalid,
                                                 note, mc.unit_backward_unresolved, widths),
                  lambda: self.distribution.set_data(result)]
        if preview:   # one of them, in turn, at most every PREVIEW_PANEL_S
            now = time.monotonic()
            if now - self._panel_at >= PREVIEW_PANEL_S:
                self._panel_at, self._turn = now, (self._turn + 1) % len(panels)
                panels = [panels[self._turn]]
            else:
                panels = []
        # a result of settled settings gets a y range of its own (`SteadyYRange.settle`); a
        # drag's small full runs keep the steady one (`_streaming` is a frame late: a review)
        settle = not preview and not self.streaming() and not self.dragging()
        passes = [lambda: self._show_profile(result, settle), *panels,
                  lambda: self._show_readout(throttle=preview, settled=False)]
        if done is not None:
            passes.append(done)
        if not preview:   # the final plots first, then any room the readout's lines need
            passes.append(self._settle_readout)
        return passes

    def _show_profile(self, result, settle: bool = False) -> None:
        """The Monte Carlo curves of `result` (None: unchanged) and the newest theory's, in a
        y range of their own if `settle` (else the steady one a drag keeps)."""
        if result is not None:
            self._result = result
            self.profile.set_monte_carlo(result)
            self._check_stale()
        self._profile_at = time.monotonic()
        theory = self._theory
        if self._theory_dirty or result is not None:
            self._theory_dirty = False
            same = theory is None or (self._result is not None
                                      and self._result.config == theory.config)
            source = self._result if same else theory
            if source is not None and source.theory is not None \
                    and source.theory is not self._dashed:   # (None: the theory failed)
                self._dashed = source.theory
                self.profile.set_theory(source)
            if theory is not None:
                self.theoryShown.emit(theory)
        if settle:
            self.profile.settle_range()

    def _show_readout(self, throttle: bool, settled: bool) -> None:
        """Describe the result shown if it is of the controls' config, else their theory
        (`throttle`: at most every PREVIEW_READOUT_S; `settled`: not a drag's, so the readout
        may grow to show it)."""
        wait = self._readout_at + PREVIEW_READOUT_S - time.monotonic()
        if throttle and wait > 0:
            if not self._readout_timer.isActive():
                self._readout_timer.start(round(1000 * wait))
            return
        self._readout_timer.stop()
        self._readout_at = time.monotonic()
        theory, result = self._theory, self._result
        ours = theory is None or (result is not None and result.config == theory.config)
        if ours:
            if result is not None:
                self.readout.set_result(result)
        else:  # the controls moved on, or this is a preview: keep describing their config
            self.readout.set_result(theory, pending=self._halted is None)
        if not settled:
            return   # never during a drag: it moves the plots
        if not ours and self._halted is None and result is not None:
            # their Monte Carlo comes (a drag's full run, new settings): the room once, after
            # its plots (`_settle_readout`), not now too: each re-lays out every plot (before
            # the first Monte Carlo, now: no plot of it moves)
            self._place_timer.start()
        else:
            self._place_readout(grow_only=True)

    def figure(self) -> Figure:
        """The whole dashboard as a figure; a readout that scrolls is drawn whole, the figure
        taller by the lines it hides."""
        return self.readout.drawn_whole(self, widget_figure(self))
