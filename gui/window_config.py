"""The window's settings as a whole: the config saved (the controls' with the Training tab's
training keys), what an undo step keeps and puts back, presets and their hints, a config
taken from a file or the lesson, Reset to defaults, and the view kept between launches."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSignalBlocker

import engine
from engine.sweep_range import usable_state

from .i18n import translate
from .training_controls import training_values
from .undo import WindowState
from .window_tabs import (ACTIVATION_TAB, NETWORK_TAB, SWEEP_TAB, TRAINING_TAB, VIEW_TABS,
                          WEIGHTS_TAB)

# a preset's note in the status bar (withdrawn when the settings leave the preset)
PRESET_NOTE = QT_TRANSLATE_NOOP("Presets", "{name}: {hint}")
# A trained session dropped by a change, said with its steps: more than one, or one ("1 steps
# trained before are dropped", a breaker's tour)
RESTARTED = (QT_TRANSLATE_NOOP("MainWindow", "Training starts again from step 0: the network "
                                             "or a training setting changed ({steps} steps "
                                             "trained before are dropped)"),
             QT_TRANSLATE_NOOP("MainWindow", "Training starts again from step 0: the network "
                                             "or a training setting changed (the 1 step "
                                             "trained before is dropped)"))


class WindowConfig:
    """Mixed into MainWindow, whose controls, tabs, history, dashboard's readout, status line
    and `_preset` / `_preset_config` (the preset whose hint shows, and its config) these use."""

    def saved_config(self) -> engine.SimConfig:
        """What File ▸ Save config and the settings store keep: the controls' config with the
        Training tab's training keys (edited in the tab) once that tab is built."""
        config = self.controls.config()
        training = self.tabs.made(TRAINING_TAB)
        if training is None:
            return config
        values = training_values(training.config())
        # (at every change of a drag: re-validating the same config took ~0.1 ms at the
        # default depth, ~4 ms at depth 10 000)
        return config if values == training_values(config) else config.with_values(**values)

    def _window_state(self) -> WindowState:
        """What an undo step keeps: the config as saved, the Training tab's comparison and
        the preset whose hint shows."""
        training = self.tabs.made(TRAINING_TAB)
        compare = training.fields.mode() if training is not None else WindowState.compare
        return WindowState(self.saved_config(), compare, self._preset)

    def view_state(self) -> dict:
        """What the settings store keeps of the view: the tab shown (its --view name), the
        lesson open or not, the Training tab's comparison, the Sweep tab's gains and view."""
        tab = next(name for name, index in VIEW_TABS.items()
                   if index == self.tabs.currentIndex())
        sweep = self.tabs.made(SWEEP_TAB)
        return {"tab": tab, "lesson_open": self.lesson_action.isChecked(),
                "compare": self._window_state().compare,
                "sweep": sweep.fields.state() if sweep is not None else self.tabs.sweep_state}

    def restore_view(self, tab: str | None, lesson_open: bool, compare: str,
                     sweep: dict | None = None, recorded: dict | None = None) -> None:
        """The view of the last launch (`view_state`), as no step of Edit ▸ Undo (a tour: the
        tab, the lesson and the four inits came back as the Network tab alone; a teacher's
        sweep to gain 1000 came back as the default gains), or the tab that a --config file's
        figure shows as it `recorded` it (`engine.config_files.file_settings`)."""
        recorded = recorded or {}
        if recorded.get("compare"):
            tab, compare = "training", recorded["compare"]
        if usable_state(recorded.get("sweep")) is not None:
            tab, sweep = "sweep", recorded["sweep"]
        self.tabs.sweep_state = sweep
        if compare != WindowState.compare:
            self.tabs.training   # noqa: B018 (made: it shows the comparison)
            self.history.apply(WindowState(self.saved_config(), compare, self._preset))
        if tab in VIEW_TABS:
            self.tabs.setCurrentIndex(VIEW_TABS[tab])
        self.lesson_action.setChecked(lesson_open)

    def _show_state(self, state: WindowState) -> None:
        """Put back a state (an undo or redo): the comparison, the config, then the preset's
        hint (a change of config away from the preset's had taken it off)."""
        training = self.tabs.made(TRAINING_TAB)
        if training is not None:
            training.set_mode(state.compare)
        self._show_config(state.config)
        self.show_preset(state.preset)

    def show_preset(self, preset) -> None:
        """Show `preset`'s hint in the readout (None: no hint); it stays while the config is
        the preset's."""
        self._preset = preset
        self._preset_config = preset.config() if preset is not None else None
        if preset is not None and not getattr(preset, "compare", None):
            # a network's preset keeps the Training tab's keys (the controls' until now)
            self._preset_config = self._preset_config.with_values(
                **training_values(self.controls.config()))
        self.dashboard.readout.set_hint(preset.hint_text if preset is not None else "")
        training = self.tabs.made(TRAINING_TAB)
        if training is not None:   # a training preset's hint there too
            training.fields.set_hint(preset.hint_text if getattr(preset, "compare", None)
                                     else None)

    def _show_config(self, config: engine.SimConfig) -> None:
        """Show a whole config (an undo or redo): the Training tab's keys, then the controls
        (which hand the tab their training keys only when those change)."""
        training = self.tabs.made(TRAINING_TAB)
        if training is not None:
            training.set_training(training_values(config))
            # the controls keep their own training keys: a training-only step does not
            # re-run the network's Monte Carlo, nor change what a later change hands the tab
            config = config.with_values(**training_values(self.controls.config()))
        self.controls.set_config(config)

    def apply_preset(self, preset) -> None:
        with self.history.one_step(distinct=True, what=lambda: translate(
                "Undo", "preset “{name}”").format(name=preset.title())):
            self.show_preset(preset)   # its hint, re-worded on a language change
            self.controls.set_config(self._preset_config)
            if getattr(preset, "compare", None):   # a training preset: its tab, its comparison
                self._open_training(self._preset_config, preset.compare)
                self.tabs.training.fields.set_hint(preset.hint_text)
            elif getattr(preset, "tab", ""):   # a demo: the tab of its figure
                self._open_figure_tab(preset.tab, preset.layer)
            elif self.tabs.currentIndex() == TRAINING_TAB:   # its hint is of the Network tab
                self.tabs.setCurrentIndex(NETWORK_TAB)
        self.status_line.note(PRESET_NOTE, 15000, "Presets", typeset=True, name=preset.name,
                              hint=preset.hint)

    def follow_training_edits(self, view) -> None:
        """A training preset's hint goes when the Training tab (`view`, just made) leaves its
        settings (a tour: it stayed over task MNIST and "this network only")."""
        def check(*_) -> None:
            preset = self._preset
            # (but for the keys its hint asks to change: the symmetry's dropout)
            def kept(config):
                values = training_values(config)
                return {k: v for k, v in values.items() if k not in preset.free}
            if preset is not None and getattr(preset, "compare", None) and (
                    view.fields.mode() != preset.compare
                    or kept(view.config()) != kept(self._preset_config)):
                self.show_preset(None)
                self.status_line.withdraw(PRESET_NOTE)
        view.fields.trainingChanged.connect(check)
        view.fields.compareChanged.connect(check)
        # a change that drops a trained session says so (Undo brings the settings back, not
        # the training)
        view.session.restarted.connect(lambda steps: self.show_status(
            RESTARTED[steps == 1], 10000, steps=steps))

    def take_config(self, config: engine.SimConfig, training: bool = True, what=None,
                    compare: str | None = None) -> None:
        """A config from a file or the lesson, one step of its own (`what()` its name); the
        Training tab (once made) takes its training keys too if `training` (else only those
        that changed), and with a comparison `compare` (a figure of that tab) it is shown."""
        with self.history.one_step(distinct=True, what=what):
            self.controls.set_config(config)
            tab = self.tabs.made(TRAINING_TAB)
            if compare is not None:
                self._open_training(config, compare)
            elif training and tab is not None:
                tab.set_config(config, training=True)

    def _set_up(self, config: engine.SimConfig) -> None:
        """The lesson's "Set up"; a step that trains sets the Training tab's keys, and one
        with a comparison opens that tab with it, as a training preset does (its text had
        asked for both by hand: a teacher's tour)."""
        step = self.lesson.current()
        compare = step.compare

        def what() -> str:
            return translate("Undo", "lesson step “{title}”").format(
                title=translate("Lesson", step.title))
        if not compare:
            self.take_config(config,
                             training_values(config) != training_values(engine.SimConfig()),
                             what)
            # the tab its figure is on (a lecturer's tour: the Taylor step left the Network
            # tab showing, its expansions being on the Activation tab; a student's: the
            # steps after it left the Activation tab showing, their text on the profile)
            self._open_figure_tab(step.tab or "network", step.layer, step.lecture_sigmas)
            return
        with self.history.one_step(distinct=True, what=what):
            self.controls.set_config(config)
            self._open_training(config, compare)

    def _open_figure_tab(self, tab: str, layer: int = 0, lecture_sigmas: bool = False) -> None:
        """The tab a preset's or a lesson step's figure is on ("network", "activation",
        "weights"): the Activation tab at `layer` (0: as it is), the lecture's σ beside or not
        (a demo of sigmoid's gradient had drawn them, left on, flattening its 1/4)."""
        if tab == "activation":
            self.tabs.activation.set_compared(lecture_sigmas)
            self.tabs.activation.set_x_range(None)   # (the figure is the layer's own range)
            if layer:
                self.tabs.activation.set_layer(layer)
        self.tabs.setCurrentIndex({"network": NETWORK_TAB, "activation": ACTIVATION_TAB,
                                   "weights": WEIGHTS_TAB}[tab])

    def _open_training(self, config: engine.SimConfig, compare: str) -> None:
        """The Training tab shown with `config`'s training keys and the comparison `compare`:
        one new session for both (a review: the tab shown made one for the config, sent its
        step 0 to the worker, and cancelled it for the comparison's)."""
        view = self.tabs.training
        with QSignalBlocker(view.fields):   # (its runs made anew by set_config)
            view.set_mode(compare)
        view.set_config(config, training=True)
        self.tabs.setCurrentIndex(TRAINING_TAB)

    def open_sweep(self, state: dict) -> None:
        """The Sweep tab shown with the gains and view `state` (a figure of it opened: a
        practitioner's tour had its 61 gains come back as the tab's 41)."""
        sweep = self.tabs.made(SWEEP_TAB)
        if sweep is not None:
            sweep.fields.set_state(state)
        else:
            self.tabs.sweep_state = state
        self.tabs.setCurrentIndex(SWEEP_TAB)

    def reset_to_defaults(self) -> None:
        """Edit ▸ Reset to defaults: the default config, the Training tab's keys and comparison
        included (an audit: its learning rate and steps had stayed, and were saved), one step
        that Undo takes back."""
        with self.history.one_step(distinct=True,
                                   what=lambda: translate("Undo", "reset to defaults")):
            self.controls.set_config(engine.SimConfig())
            training = self.tabs.made(TRAINING_TAB)
            if training is not None:
                training.set_config(engine.SimConfig(), training=True)
                training.set_mode("single")
        self.show_status(QT_TRANSLATE_NOOP(
            "MainWindow", "Reset to the default settings; Edit ▸ Undo brings yours back"), 10000)
