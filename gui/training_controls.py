"""The Training tab's fields: task, data folder, optimizer, learning rate, batch, steps, dropout,
compare.

Each field is bound to one training key of the run config (the window's network with these keys
applied), as in the controls panel (gui/controls.py): an edit goes through
`SimConfig.from_dict({key: value}, base=...)`, so the engine validates it; a refused value turns
the field red with the reason below and `valid()` is False until it is fixed (or taken away:
Edit ▸ Undo), unless the box put back the value in force ("kept 0.01"). The spin boxes
reach beyond the engine's limits on purpose: the engine, not the widget, says what is allowed.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from engine import ConfigError, SimConfig

from . import theme
from .bindings import ComboBinding, LogBinding, ProblemLine, SpinBinding, TextBinding
from .config_errors import problem_text, reason_text
from .controls import LABELS as CONTROL_LABELS
from .i18n import Retranslates, translate
from .number_boxes import NumberSpinBox, int_spin_box
from .training_layout import TwoPartRow
from .typeset import rich
from .widgets import WordedCombo, push_button

TRAINING_KEYS = ("task", "data_dir", "optimizer", "lr", "train_batch", "steps", "dropout",
                 "weight_decay", "log_every")
TWO_D_TASKS = ("spiral", "circles", "xor", "gaussians")   # decision regions can be drawn
REGRESSION = ("teacher",)                                   # no classes: no accuracy
TASK_NAMES = {"spiral": QT_TRANSLATE_NOOP("TrainingView", "spiral"),
              "circles": QT_TRANSLATE_NOOP("TrainingView", "circles"),
              "xor": QT_TRANSLATE_NOOP("TrainingView", "XOR"),
              "gaussians": QT_TRANSLATE_NOOP("TrainingView", "two Gaussians"),
              "teacher": QT_TRANSLATE_NOOP("TrainingView", "teacher MLP (64-D)"),
              "mnist": QT_TRANSLATE_NOOP("TrainingView", "MNIST (IDX files)")}
OPTIMIZER_NAMES = {"sgd": QT_TRANSLATE_NOOP("TrainingView", "SGD"),
                   "momentum": QT_TRANSLATE_NOOP("TrainingView", "SGD + momentum"),
                   "adam": QT_TRANSLATE_NOOP("TrainingView", "Adam")}
COMPARE_NAMES = {"single": QT_TRANSLATE_NOOP("TrainingView", "this network only"),
                 "inits": QT_TRANSLATE_NOOP("TrainingView", "the lecture's four inits")}
LABELS = {"task": QT_TRANSLATE_NOOP("TrainingView", "task"),
          "data_dir": QT_TRANSLATE_NOOP("TrainingView", "data folder"),
          "optimizer": QT_TRANSLATE_NOOP("TrainingView", "optimizer"),
          "lr": QT_TRANSLATE_NOOP("TrainingView", "learning rate"),
          "train_batch": QT_TRANSLATE_NOOP("TrainingView", "mini-batch"),
          "steps": QT_TRANSLATE_NOOP("TrainingView", "steps"),
          "dropout": QT_TRANSLATE_NOOP("TrainingView", "dropout"),
          "compare": QT_TRANSLATE_NOOP("TrainingView", "compare")}


# keys no field shows (a file sets them)
FILE_ONLY_LABELS = {"weight_decay": QT_TRANSLATE_NOOP("TrainingView", "weight decay"),
                    "log_every": QT_TRANSLATE_NOOP("TrainingView", "logging interval")}


def field_name(key: str) -> str | None:
    """A config key as its field is labelled (in the controls or this tab, or as a file sets
    it), in the current language; None for a key none of them names."""
    if key in CONTROL_LABELS:
        return translate("ControlsPanel", CONTROL_LABELS[key])
    names = {**LABELS, **FILE_ONLY_LABELS}
    return translate("TrainingView", names[key]) if key in names else None


def _reason(key: str, exc: ConfigError) -> str:
    """Why `key`'s value was refused, in the current language."""
    return reason_text(exc) if exc.key == key else problem_text(exc)


def training_values(config: SimConfig) -> dict:
    """The training keys of `config`."""
    return {key: getattr(config, key) for key in TRAINING_KEYS}


class TrainingControls(Retranslates, QWidget):
    """The training fields of `config()`; `trainingChanged` carries a new valid run config."""

    trainingChanged = Signal(object)   # the run config with the edited training key
    validityChanged = Signal(bool)     # every field holds a value the engine accepts
    compareChanged = Signal(str)       # "single" or "inits"

    def __init__(self, parent=None):
        super().__init__(parent)
        self._config = SimConfig()
        e = self._edit
        self.bindings = {
            "task": ComboBinding("task", e, TASK_NAMES, "TrainingView"),
            "data_dir": TextBinding("data_dir", e, str, lambda c: c.data_dir),
            "optimizer": ComboBinding("optimizer", e, OPTIMIZER_NAMES, "TrainingView"),
            "lr": LogBinding("lr", e, 1e-6, 100.0, 1e-4, 1.0, factor=10 ** 0.1,
                             steps_per_decade=20),
            "train_batch": SpinBinding("train_batch", int_spin_box(1, 65536), e),
            "steps": SpinBinding("steps", int_spin_box(1, 99_999_999), e),
            # (to 1, past the engine's 0.9: the engine says what it refuses, and why)
            "dropout": SpinBinding("dropout", NumberSpinBox(0.0, 1.0, 0.1), e),
        }
        self.bindings["lr"].slider.setMinimumWidth(90)
        dropout = self.bindings["dropout"].widget   # room for "0.25" beside its arrows
        dropout.setMinimumWidth(dropout.fontMetrics().horizontalAdvance("0.255") + 28)
        # a slider of decades and a box for one number, not half the tab (a tour: 400 pixels)
        self.bindings["lr"].row.setMaximumWidth(340)
        self.browse = push_button(objectName="data_dir_browse")
        self.browse.clicked.connect(self._browse)
        self.compare = WordedCombo(objectName="compare")
        for mode in COMPARE_NAMES:
            self.compare.addItem("", mode)
        self.compare.currentIndexChanged.connect(
            lambda i: self.compareChanged.emit(self.compare.itemData(i)))
        self.labels = {key: QLabel() for key in LABELS}
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(2)
        # two short rows rather than one long one, each in two halves (two lines where the
        # tab is narrow: `training_layout`)
        first, second = self.first_row, self.second_row = TwoPartRow(), TwoPartRow()
        folder = QHBoxLayout()
        for part, keys in ((first.left, ("task", "optimizer")), (first.right, ("lr",)),
                           (second.left, ("train_batch", "steps", "dropout"))):
            for key in keys:
                part.addWidget(self.labels[key])
                part.addWidget(getattr(self.bindings[key], "row", self.bindings[key].widget),
                               2 if key == "lr" else 0)
            part.addStretch(1)   # (the view fills the second row's right half)
        # the data folder (task mnist only) has a row of its own: a path needs the width
        for w in (self.labels["data_dir"], self.bindings["data_dir"].widget, self.browse):
            folder.addWidget(w, 1 if w is self.bindings["data_dir"].widget else 0)
        # a refused field's reason, in a line whose room is kept while the task stays: the
        # plots below never move as it comes and goes (two lines where a reason names a file).
        # The tab places it under its buttons, over the plots: between the rows of fields it
        # read as an empty row (a tour)
        self.problem = ProblemLine("training_problem", 1)
        # the keys no field shows, where a file set them: a weight decay in force, unsaid,
        # had read as training losing the gradient (a teacher's tour)
        self.file_keys = QLabel(objectName="training_file_keys")
        self.file_keys.setStyleSheet("color: #555")
        # a training preset's sentence on what to do and look for: in the status bar it was
        # cut at 1024 pixels, and gone once Start was pressed (a student's tour)
        self.hint = QLabel(objectName="training_hint", wordWrap=True, textFormat=Qt.RichText)
        self.hint.setStyleSheet(f"color: {theme.CURRENT}")
        self.hint.setVisible(False)
        self._hint = None
        for row in (first, second, folder):
            rows.addLayout(row)
        rows.addWidget(self.file_keys)
        rows.addWidget(self.hint)
        self._valid = True
        self._entered: set[str] = set()   # keys refused as entered (not in the config)
        self.retranslate()

    def _show_file_keys(self) -> None:
        c, default = self._config, SimConfig()
        said = []
        if c.weight_decay != default.weight_decay:
            said.append(translate("TrainingView", "weight decay {decay}").format(
                decay=f"{c.weight_decay:g}"))
        if c.log_every != default.log_every:
            said.append(translate("TrainingView", "logged every step") if c.log_every == 1
                        else translate("TrainingView", "logged every {every} steps").format(
                            every=c.log_every))
        self.file_keys.setVisible(bool(said))
        if said:
            self.file_keys.setText(translate("TrainingView", "Set by the config, no field "
                                                             "here: {settings}").format(
                settings=" · ".join(said)))

    def set_hint(self, hint) -> None:
        """A training preset's hint (a function giving it in the current language), or None."""
        self._hint = hint
        text = hint() if hint is not None else ""
        self.hint.setText(rich(text))
        self.hint.setVisible(bool(text))

    def retranslate(self) -> None:
        self.set_hint(self._hint)
        for key, label in self.labels.items():
            label.setText(translate("TrainingView", LABELS[key]))
            field = self.compare if key == "compare" else self.bindings[key]
            if isinstance(field, LogBinding):
                field.named_by(label)
            else:   # its name for a screen reader
                label.setBuddy(getattr(field, "widget", field))
        for b in self.bindings.values():
            if isinstance(b, ComboBinding):
                blocked = b.widget.blockSignals(True)
                b.retranslate()
                b.widget.blockSignals(blocked)
        blocked = self.compare.blockSignals(True)
        for i in range(self.compare.count()):
            self.compare.setItemText(i, translate("TrainingView",
                                                  COMPARE_NAMES[self.compare.itemData(i)]))
        self.compare.blockSignals(blocked)
        self.browse.setText(translate("TrainingView", "Browse…"))
        self.browse.setToolTip(translate("TrainingView", "the folder holding train-images-idx3-"
                                                         "ubyte and the other IDX files"))
        self.bindings["lr"].slider.setToolTip(translate("TrainingView",
                                                        "learning rate (log scale)"))
        self.bindings["steps"].widget.setToolTip(translate("TrainingView",
                                                           "training steps of each run"))
        self.bindings["dropout"].widget.setToolTip(translate(
            "TrainingView", "the share of each hidden layer's units zeroed at each training "
                            "step, the others scaled by 1/(1 − p) (inverted dropout; never when "
                            "evaluating): it breaks the symmetry of equal weights"))
        self._show_file_keys()
        self.bindings["train_batch"].widget.setToolTip(translate(
            "TrainingView", "examples per training step (the Monte Carlo's batch is another)"))
        for key, b in self.bindings.items():   # a refused value keeps its reason, re-worded
            if getattr(b, "refused", None) is not None:
                b.set_error(_reason(key, b.refused), b.refused)
        self._show_problem()
        self.compare.setToolTip(translate(
            "TrainingView", "train this network alone, or instead the lecture's four "
                            "initializations of it (zeros; Xavier at gains 0.1, 10 and 1) on "
                            "the same data and mini-batches"))

    # -- public ----------------------------------------------------------------------------
    def config(self) -> SimConfig:
        return self._config

    def set_config(self, config: SimConfig) -> None:
        """Show the run config `config` (a new network, a preset); clears the errors."""
        self._config = config
        self._clear_errors()
        self._refresh()
        self._set_valid(True)

    def valid(self) -> bool:
        return self._valid

    def mode(self) -> str:
        return self.compare.currentData()

    def set_mode(self, mode: str) -> None:
        self.compare.setCurrentIndex(self.compare.findData(mode))

    def refuse(self, exc: ConfigError) -> None:
        """Mark the field of `exc.key` red with its reason (the engine could not use it: a
        data folder it cannot read); invalid until the field is edited."""
        self.bindings[exc.key].set_error(_reason(exc.key, exc), exc)
        self._show_problem()
        self._set_valid(False)

    def blocking(self) -> list:
        """The refused fields' bindings that show a value not in force: a box that put its
        value back after a refusal ("(kept 0.01)") trains with the value it shows (a teacher's
        tour: Start stayed greyed beside the 0.01 in force)."""
        return [b for b in self.bindings.values() if b.reason and not b.kept]

    def has_refused(self) -> bool:
        """A field shows a value typed and refused (`discard_refused` takes it away)."""
        return any(b.key in self._entered for b in self.blocking())

    def discard_refused(self) -> bool:
        """Take away a refused value the fields still show: the values in force come back, no
        longer red (Edit ▸ Undo does this before it undoes a step: a teacher's tour had 50
        left red and the learning rate entered before undone). False when none is."""
        typed = [b for b in self.blocking() if b.key in self._entered]
        for binding in typed:   # (not a folder the engine could not read: it is in force)
            binding.set_error(None)
            binding.show(self._config)
            self._entered.discard(binding.key)
        if typed:
            self._show_problem()
            self._set_valid(not self.blocking())
        return bool(typed)

    def error_text(self, key: str) -> str:
        """Why the field of `key` is refused ("" when it is valid)."""
        return self.bindings[key].reason

    def _show_problem(self) -> None:
        self.problem.show_refusals(self.bindings.items(),
                                   lambda key: translate("TrainingView", LABELS.get(key, key)))
        self._fit_problem()

    def _fit_problem(self) -> None:
        """Room for a reason a line, two for task mnist (a reason naming a file); more only
        while more fields are refused at once (the plots then move down, rarely)."""
        refused = sum(1 for b in self.bindings.values() if b.reason)
        self.problem.set_lines(max(2 if self._config.task == "mnist" else 1, refused))

    def _clear_errors(self) -> None:
        self._entered.clear()
        for b in self.bindings.values():
            if b.reason:
                b.set_error(None)
        self._show_problem()

    # -- internals -------------------------------------------------------------------------
    def _edit(self, key: str, value, source) -> None:
        try:
            config = SimConfig.from_dict({key: value}, base=self._config)
        except ConfigError as exc:
            self.bindings[key].set_error(_reason(key, exc), exc)
            self._entered.add(key)
            self._show_problem()
            self._set_valid(not self.blocking())
            return
        self._clear_errors()
        changed = config != self._config
        self._config = config
        self._refresh(skip=source)
        self._set_valid(True)
        if changed:
            self.trainingChanged.emit(config)

    def _refresh(self, skip=None) -> None:
        for b in self.bindings.values():
            if not (b is skip and isinstance(b, TextBinding)):   # keep the cursor where it is
                b.show(self._config)
        mnist = self._config.task == "mnist"
        for w in (self.labels["data_dir"], self.bindings["data_dir"].widget, self.browse):
            w.setVisible(mnist)
        self._show_file_keys()
        self._fit_problem()

    def _set_valid(self, valid: bool) -> None:
        if valid != self._valid:
            self._valid = valid
            self.validityChanged.emit(valid)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, translate("TrainingView", "Folder of the MNIST IDX files"),
            self._config.data_dir)
        if folder:
            self.bindings["data_dir"].widget.setText(folder)
            self._edit("data_dir", folder, None)
