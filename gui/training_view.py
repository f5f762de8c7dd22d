"""The Training tab: train the window's network (or, instead, the lecture's four inits of it).

The network is the window's config with the tab's training keys applied
(`gui.training_controls`); "compare" trains it alone or as the lecture's four inits
(`engine.training.COMPARE_INITS`: zeros, γ too small, γ too large, Xavier) on the same data
and mini-batches. Start / Pause / Step / Reset drive a `TrainingSession`, which trains in short
chunks on the window's runner; a chunk is drawn (`gui.training_plots`) if the tab is shown,
else when it shows again. The plots are built, first painted and drawn a piece per event-loop
pass (`gui.panel_pacing`), ahead while the window is idle: the GUI thread never spends long on
this tab at once, and the tab scrolls rather than widen the window past a 1024-pixel screen.
A change of the network or of a training key starts a new session at step 0; a refused value
turns its field red and nothing runs until it is fixed. The readout (`gui.training_readout`)
says per run where it stands, where it diverged, and whether a hidden layer's units are still
identical; numbers come from the engine's `TrainChunk`, the GUI only words and draws them.
"""

from __future__ import annotations

import functools

from PySide6.QtCore import QPoint, QTimer, Signal
from PySide6.QtWidgets import QWidget

from engine import ConfigError, SimConfig
from engine.training import layer_count

from . import theme
from .i18n import Retranslates, translate
from .panel_pacing import PanelPacer
from .run_buttons import RunButtons, RunButtonsFocus
from .run_choice import RunChoice
from .step_progress import StepProgress
from .training_controls import REGRESSION, TWO_D_TASKS, TrainingControls, training_values
from .training_layout import ReadoutLabel, StatusLabel, TwoPartRow, fill, lay_out
from .training_maps import LayerStepMaps, columns
from .training_plots import MAX_RUNS, CurvesView, pair_panel_titles
from .training_readout import caption_text, readout_html, run_name, run_text, status_text
from .training_regions import RegionsView
from .training_runs import TaskFacts, all_diverged
from .training_session import DONE, IDLE, PAUSED, RUNNING, TRAINING, TrainingSession
from .figures import Figure, captioned, widget_figure
from .widgets import settle_layouts


class TrainingView(Retranslates, QWidget):
    """The Training tab; `set_config` gets the window's config, `runner` runs the chunks."""

    stateShown = Signal()   # its progress and status shown anew (the window marks its tab)

    def __init__(self, runner, config: SimConfig | None = None, parent=None):
        super().__init__(parent)
        self.setObjectName("training")
        theme.paper(self)
        self.session = TrainingSession(runner, self)
        self.fields = TrainingControls()
        self.buttons = RunButtons()
        self.start_button, self.pause_button = self.buttons.start, self.buttons.pause
        self.step_button, self.reset_button = self.buttons.step, self.buttons.reset
        self._focus = RunButtonsFocus(self.start_button, self.pause_button, self.step_button,
                                      self.fields.bindings["task"].widget)
        self.progress = StepProgress(objectName="train_progress")
        self.status = StatusLabel(objectName="train_status")
        self.run_choice = RunChoice(objectName="train_run")   # (no runs yet: disabled)
        self.run_label = self.run_choice.label
        self.curves, self.maps, self.regions = CurvesView(), LayerStepMaps(), RegionsView()
        self.curves.on_built = self.maps.on_built = \
            lambda: pair_panel_titles(self.curves, self.maps)
        # a line per run and two wrapped ones (the zeros' identical units, a gradient regained)
        self.readout = ReadoutLabel(1 + 2, objectName="train_readout")
        # the progress beside the steps it counts, so that the status has room beside the
        # buttons in a window 1024 pixels wide (it wraps onto its second line if it must)
        fill(self.fields.second_row.right, self.progress, self.run_label, self.run_choice, 1)
        buttons = TwoPartRow()
        fill(buttons.left, self.fields.labels["compare"], self.fields.compare, 1)
        fill(buttons.right, self.start_button, self.pause_button, self.step_button,
             self.reset_button, (self.status, 1), 0)   # (0: the room, the status moved away)
        self.arrangement = lay_out(self, self.fields, buttons, self.status,
                                   (self.curves, self.maps, self.regions), self.readout)
        self.scroll, self.content = self.arrangement.scroll, self.arrangement.content
        self._base = SimConfig()
        self._training = training_values(self._base)
        self._problem: ConfigError | None = None   # why the runs cannot be made
        self._task = TaskFacts()   # the task's shape and size, read once per task and folder
        self._dirty = False                # a chunk arrived while hidden
        self._failure = None               # why training failed (ConfigError or message)
        self.fields.trainingChanged.connect(self._on_training_changed)
        self.fields.validityChanged.connect(lambda valid: self._update_runs())
        self.fields.compareChanged.connect(lambda mode: self._update_runs())
        for button, slot in ((self.start_button, self.start), (self.pause_button, self.pause),
                             (self.step_button, self.step), (self.reset_button, self.reset)):
            button.clicked.connect(slot)
        self.run_choice.currentIndexChanged.connect(self._on_run_chosen)
        self.session.chunkArrived.connect(self._on_chunk)
        self.session.stateChanged.connect(lambda state: self._show_state())
        self.session.failed.connect(self._on_failed)
        self._said_below = ""   # the status said whole in the readout (`_below`)
        self.status.cut.connect(lambda cut: QTimer.singleShot(0, self, self._show_state))
        # built, first painted and drawn a piece per event-loop pass (the regions a run per
        # pass; the same step objects each time, so a step still waiting is not queued twice)
        self._region_steps = tuple(functools.partial(self._draw_region, i)
                                   for i in range(MAX_RUNS))
        self._pacer = PanelPacer(self, (self.curves, self.maps, self.regions),
                                 on_built=self._reset_panel, on_ready=self._draw,
                                 painted=self.content)
        self.set_config(config or SimConfig(), training=True)
        self.retranslate()

    # -- language --------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.buttons.retranslate()
        self.run_label.setText(translate("TrainingView", "maps of"))
        self.readout.keep_room(run_text(None))
        self.arrangement.words_changed()
        self._name_runs()
        self._show_state()
        self.status.keep_room()   # (measured on its words in the new language)
        self._show_readout()

    # -- public ----------------------------------------------------------------------------
    def set_config(self, config: SimConfig, training: bool = False) -> None:
        """The window's config: its network, and its training keys if they changed there (a
        file) or `training` (a preset); the tab's own edits of them are kept otherwise."""
        if training or training_values(config) != training_values(self._base):
            self._training = training_values(config)
        self._base = config
        # the Monte Carlo's batch and trials do not change a training: they do not restart it
        monte_carlo = {"batch": SimConfig.batch, "trials": SimConfig.trials}
        try:
            run = config.with_values(**monte_carlo, **self._training)
        except ConfigError:
            self._training = training_values(config)
            run = config.with_values(**monte_carlo)
        self.fields.set_config(run)
        self._update_runs()

    def set_training(self, values: dict) -> None:
        """The tab's training keys (an undo step), the window's network unchanged."""
        self._training = dict(values)
        self.set_config(self._base)

    def config(self) -> SimConfig:
        """The run config: the window's network with the tab's training keys."""
        return self.fields.config()

    def set_mode(self, mode: str) -> None:
        """"single" (this network only) or "inits" (the lecture's four inits)."""
        self.fields.set_mode(mode)

    def start(self) -> None:
        if self._runnable():
            self.session.start()

    def pause(self) -> None:
        self.session.pause()

    def step(self) -> None:
        if self._runnable():
            self.session.step_once(self.config().log_every)

    def reset(self) -> None:
        self.session.reset()
        self._new_session()

    def channel(self) -> str:
        """The runner's channel of the training chunks."""
        return TRAINING

    def busy(self) -> bool:
        return self.session.state() == RUNNING

    def task_shape(self) -> tuple[int, int] | None:
        """The task's (inputs, outputs), as read when the runs were made (None: unread)."""
        return self._task.shape

    def problem(self):
        """Why the runs cannot train now (a ConfigError: a refused field's, or a network too
        large), else None."""
        refused = [b.refused for b in self.fields.blocking() if b.refused is not None]
        return refused[0] if refused else self._problem

    def figure(self) -> Figure:
        """The tab as a figure (File ▸ Export): its plots and readout, its settings in a
        caption."""
        self._pacer.finish_building()
        self._pacer.reveal_all()
        if self._dirty:
            self._draw()
        self._pacer.run_waiting()
        self._room_readout()   # (its pass may not have come: a mode changed just now)
        # what was revealed just now is not laid out yet (colour bars had heaped over titles)
        settle_layouts()
        # all of it, unscrolled, below the fields and buttons (their settings in a caption)
        # and down to the readout's last line (its room is kept for more runs)
        shown = widget_figure(self.content,
                              top=self.curves.mapTo(self.content, QPoint(0, 0)).y(),
                              bottom=self.readout.y() + min(self.readout.height(),
                                                            self.readout.text_height()))
        return captioned(shown, self.caption(), self.readout.font())

    def caption(self) -> str:
        """The settings a figure of the tab was trained with, and how far, in words."""
        self._task.update(self.config())
        trained = self.session.step() if self.session.state() != DONE or self._ended_early() \
            else None
        return caption_text(self.config(), self.fields.mode(), self._task.shape, trained,
                            diverged=all_diverged(self.session.chunk()))

    def build_step_ahead(self) -> None:
        """Build one more plot item while the tab is hidden (the window is idle); once shown,
        the tab goes on by itself."""
        self._pacer.build_step_ahead()

    def ready(self) -> bool:
        """The plots are built (a piece per event-loop pass: ahead, or once the tab shows)."""
        return self._pacer.ready()

    def finish_building(self) -> None:
        """Build what is left of the plots now (an export needs them all)."""
        self._pacer.finish_building()

    def drawn(self) -> bool:
        """Every panel shows the newest chunk (none waits for its event-loop pass)."""
        return self._pacer.ready() and not self._pacer.waiting() and not self._dirty

    # -- runs ------------------------------------------------------------------------------
    def _runnable(self) -> bool:
        return self.fields.valid() and self._problem is None

    def _update_runs(self) -> None:
        if not self.fields.valid():
            self.session.pause()
            self._show_state()
            return
        try:
            configs, labels = self._task.runs(self.config(), self.fields.mode(),
                                              self.session.held())
        except ConfigError as exc:
            self._problem = exc
            self.session.pause()
            self._show_state()
            return
        self._problem = None
        if self.session.set_runs(configs, labels, self.config().task in TWO_D_TASKS):
            self._new_session()
        self._show_state()

    def _new_session(self) -> None:
        """Forget what the plots show; show step 0 of the new session if the tab is shown."""
        self._failure = None
        self.run_choice.set_runs(self._names(), self.session.labels())
        self._reset_panels()
        self._dirty = False
        # in a pass of its own: a new room lays the tab out again (~10 ms), which on top of
        # the switch itself had made a stall of ~40 ms (training_tab_latency.py)
        QTimer.singleShot(0, self, self._room_readout)
        if self.isVisible():
            self.session.show_start()

    def _reset_panels(self) -> None:
        """The plots of a new session: its runs, their names and length (those built)."""
        self.arrangement.show_regions(self.config().task in TWO_D_TASKS)
        # one panel per event-loop pass, as a chunk is drawn; the old session's drawing dropped
        self._pacer.replace(functools.partial(self._reset_panel, panel)
                            for panel in (self.curves, self.maps, self.regions) if panel.built)

    def _reset_panel(self, panel) -> None:
        if panel is self.curves:
            self.curves.set_runs(self._names(), self.session.total(),
                                 regression=self.config().task in REGRESSION,
                                 every=self.config().log_every)
        elif panel is self.regions:
            self.regions.set_runs(self._names())
        else:
            self._reset_maps()

    def _reset_maps(self) -> None:
        self.maps.set_run(self.run_choice.currentText(), self.session.total(),
                          layer_count(self.config()), self.config().log_every)

    def _names(self) -> tuple[str, ...]:
        return tuple(run_name(label) for label in self.session.labels())

    def _name_runs(self) -> None:
        """The run names in the current language (legend, region titles, chooser)."""
        names = self._names()
        self.run_choice.rename(names)
        if self._pacer.ready():
            self.curves.rename(names)
            self.regions.rename(names)
            self.maps.rename(self.run_choice.currentText())

    # -- slots -----------------------------------------------------------------------------
    def _on_training_changed(self, config: SimConfig) -> None:
        self._training = training_values(config)
        self._update_runs()

    def _on_run_chosen(self, index: int) -> None:
        if not self._pacer.ready():
            return
        self._reset_maps()
        self._draw_maps()

    def _on_chunk(self, chunk) -> None:
        if self.isVisible():
            self._draw()
        else:
            self._dirty = True
        self._show_state()

    def _on_failed(self, failure) -> None:
        """The engine refused to train: a refused value's field turns red (a ConfigError of
        a training key, e.g. a data folder it cannot read), anything else shows in the
        status, in the window's language."""
        if isinstance(failure, ConfigError) and failure.key in self.fields.bindings:
            self.fields.refuse(failure)
        else:
            self._failure = failure
        self._show_state()

    def showEvent(self, event) -> None:  # Qt override
        super().showEvent(event)
        self._pacer.show()   # builds on, or reveals the panels made ahead
        if self._pacer.ready() and self._dirty:
            self._draw()
        self.session.show_start()

    # -- drawing ---------------------------------------------------------------------------
    def _draw(self) -> None:
        """Show the newest chunk: one panel per event-loop pass."""
        if not self._pacer.ready():   # drawn once the plots are built
            self._dirty = True
            self._show_readout()
            return
        self._dirty = False
        if self.session.chunk() is None:
            return
        self._pacer.queue((self._draw_curves, self._draw_maps, *self._region_steps,
                           self._show_readout))

    def _ended_early(self) -> bool:
        """The session ended before its length (every run diverged: at step 1 of 1000, a
        teacher's tour saw maps and curves a pixel wide; at step 0 too, a review); its step
        axes then span the steps drawn."""
        return self.session.state() == DONE and self.session.step() < self.session.total()

    def _draw_curves(self) -> None:
        chunk = self.session.chunk()
        if chunk is not None:
            self.curves.show_runs(chunk.runs)

    def _draw_maps(self) -> None:
        chunk, index = self.session.chunk(), self.run_choice.currentIndex()
        if chunk is not None and 0 <= index < len(chunk.runs):
            self.maps.show_run(chunk.runs[index])
            # (step 0 alone one step wide, not log_every: ended there, the axis is that step)
            spans = [columns(run.steps) for run in chunk.runs if len(run.steps)]
            if self._ended_early() and spans:   # every run's columns, whichever is shown
                for panel in (self.maps, self.curves):   # (the curves after their pass)
                    panel.span(min(low for low, _ in spans), max(high for _, high in spans))

    def _draw_region(self, i: int) -> None:
        chunk = self.session.chunk()
        if chunk is not None:
            self.regions.show_run(chunk, i)

    def _show_state(self) -> None:
        state, step = self.session.state(), self.session.step()
        total = self.session.total() or self.config().steps   # (no runs: "step 0 of 0" had read)
        runnable = self._runnable()
        focused = self._focus.held()
        self.pause_button.setEnabled(state == RUNNING)
        self.start_button.setEnabled(runnable and state in (IDLE, PAUSED))
        self.step_button.setEnabled(runnable and state in (IDLE, PAUSED))
        self._focus.settle(focused)
        self.progress.show_step(step, total)
        self.status.setText(status_text(state, self.session.steps_per_second(),
                                        valid=self.fields.valid(), problem=self._problem,
                                        failure=self._failure,
                                        epochs=self._task.epochs(self.config()),
                                        diverged=all_diverged(self.session.chunk())))
        if self._below() != self._said_below:
            self._show_readout()
        self.stateShown.emit()

    def _room_readout(self) -> None:
        """The readout's room for the session's runs (and two wrapped lines), and its words."""
        self.readout.set_lines(len(self.session.labels()) + 2)
        self._show_readout()

    def _show_readout(self) -> None:
        configs = self.session.configs()   # (the runs': the four inits share σ and dropout)
        self._said_below = self._below()
        self.readout.setText(readout_html(self.session.labels(), self.session.chunk(),
                                          *((configs[0].activation, configs[0].dropout)
                                            if configs else ()), said_first=self._said_below))

    def _below(self) -> str:
        """What the status line cuts, said whole in a readout with no runs (a tour: at 1280 ×
        720 "Cannot train: …" ended at "a smaller mini-…", the readout under it empty)."""
        return "" if self.session.labels() else self.status.toolTip()
