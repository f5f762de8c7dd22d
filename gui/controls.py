"""The controls panel: widgets ↔ SimConfig, one small binding per config key.

Each control's objectName is its config key (the gain's slider is ``gain_slider``, the seed
button ``new_seed``). A user edit goes through `SimConfig.from_dict({key: value}, base=...)`,
so the engine validates everything; a rejected value turns its field red, its reason shows in
the problem line (`problem`, whose room is reserved) and the config (and so the plots) stay as
they were. The bindings of key ↔ widget are `gui.bindings`. Group titles, row labels and combo
texts are English source text worded in the window's language by `retranslate` (the combo's
item data stays the config's value).
"""

from __future__ import annotations

import secrets

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (QFormLayout, QGroupBox, QHBoxLayout, QLabel, QScrollArea,
                               QSizePolicy, QVBoxLayout, QWidget)

from engine import ConfigError, SimConfig, format_widths
from engine.config_fields import ACTIVATIONS, APPLIES_ONLY, DISTRIBUTIONS, MODES

from . import help_texts, texts, typeset, wheel_guard
from .bindings import (Binding, ComboBinding, GainBinding, LogBinding, ProblemLine, SpinBinding,
                       TextBinding, int_or_text, limits, name_field)
from .config_errors import problem_text, reason_text
from .i18n import Retranslates, translate
from .number_boxes import LogSpinBox, NumberSpinBox, int_spin_box
from .widgets import push_button

# The row labels (the config keys in words) and group titles, worded by `retranslate`.
LABELS = {
    "depth": QT_TRANSLATE_NOOP("ControlsPanel", "depth"),
    "width": QT_TRANSLATE_NOOP("ControlsPanel", "width"),
    "widths": QT_TRANSLATE_NOOP("ControlsPanel", "widths"),
    "activation": QT_TRANSLATE_NOOP("ControlsPanel", "activation"),
    "alpha": QT_TRANSLATE_NOOP("ControlsPanel", "alpha"),
    "beta": QT_TRANSLATE_NOOP("ControlsPanel", "beta"),
    "negative_slope": QT_TRANSLATE_NOOP("ControlsPanel", "negative slope"),
    "init": QT_TRANSLATE_NOOP("ControlsPanel", "init"),
    "variance": QT_TRANSLATE_NOOP("ControlsPanel", "variance"),
    "mode": QT_TRANSLATE_NOOP("ControlsPanel", "mode"),
    "distribution": QT_TRANSLATE_NOOP("ControlsPanel", "distribution"),
    "gain": QT_TRANSLATE_NOOP("ControlsPanel", "gain"),
    "bias_std": QT_TRANSLATE_NOOP("ControlsPanel", "bias std"),
    "batch": QT_TRANSLATE_NOOP("ControlsPanel", "batch"),
    "trials": QT_TRANSLATE_NOOP("ControlsPanel", "trials"),
    "seed": QT_TRANSLATE_NOOP("ControlsPanel", "seed"),
}
GROUPS = {
    "network": QT_TRANSLATE_NOOP("ControlsPanel", "Network"),
    "activation": QT_TRANSLATE_NOOP("ControlsPanel", "Activation"),
    "init": QT_TRANSLATE_NOOP("ControlsPanel", "Initialization"),
    "monte_carlo": QT_TRANSLATE_NOOP("ControlsPanel", "Monte Carlo"),
}
# Rows that apply only in some settings: key → predicate on the config (the engine's table;
# the gain, moot with init zeros, stays enabled: its slider is the window's main control).
CONDITIONAL = {key: applies for key, (applies, *_) in APPLIES_ONLY.items() if key != "gain"}


def field_label(key: str) -> str:
    """A config key as its row in the controls names it, in the current language."""
    return translate("ControlsPanel", LABELS[key])


class ControlsPanel(Retranslates, QWidget):
    """All controls; `config()` is the SimConfig they show."""

    configChanged = Signal(object)     # a new valid SimConfig
    inputRejected = Signal(str, str)   # key, reason (the config did not change)
    inputAccepted = Signal()           # an edit was valid: no field is refused any more
    inputWithdrawn = Signal(str)       # key: its refused text was taken away (Esc), not all
    interactionFinished = Signal()     # a slider was released: the value is final

    def __init__(self, config: SimConfig | None = None, parent=None):
        super().__init__(parent)
        self._config = config or SimConfig()
        self._bindings: dict[str, Binding] = {}
        self._forms: dict[str, QFormLayout] = {}
        e = self._edit
        self._boxes: dict[str, QGroupBox] = {}
        self._tooltips_for: tuple | None = None   # the settings the tooltips were written for
        # the widths the depth box last took layers from: stepping it back up restores them
        self._deeper: tuple[int, ...] | None = None
        self._reverting: str | None = None
        # the window puts it under us; one line kept, three at most (a student's tour: three
        # kept empty hid the Monte Carlo group at 1280 × 720)
        self.problem = ProblemLine("controls_problem", 3, least=1)
        self._add_group("network", [
            SpinBinding("depth", int_spin_box(*limits("depth")), e),
            SpinBinding("width", int_spin_box(*limits("width")), e),
            TextBinding("widths", e, str, lambda c: format_widths(c.widths),
                        self._typed),
        ])
        self._add_group("activation", [
            ComboBinding("activation", e,
                         {a: texts.ACTIVATION_LABELS.get(a, a) for a in ACTIVATIONS}, "texts"),
            SpinBinding("alpha", NumberSpinBox(*limits("alpha"), 0.1), e),
            SpinBinding("beta", NumberSpinBox(*limits("beta"), 0.1), e),
            SpinBinding("negative_slope", NumberSpinBox(*limits("negative_slope"), 0.01), e),
        ])
        self.gain = GainBinding(e)
        self._add_group("init", [
            ComboBinding("init", e, texts.RULE_NAMES, "texts"),
            SpinBinding("variance", LogSpinBox(*limits("variance")), e),
            ComboBinding("mode", e, {m: m for m in MODES}),
            ComboBinding("distribution", e,
                         {d: texts.DISTRIBUTION_NAMES[d] for d in DISTRIBUTIONS}, "texts"),
            self.gain,
            SpinBinding("bias_std", NumberSpinBox(*limits("bias_std"), 0.05), e),
        ])
        seed = TextBinding("seed", e, int_or_text, lambda c: str(c.seed), self._typed)
        self.new_seed = push_button(objectName="new_seed")
        self.new_seed.clicked.connect(lambda: e("seed", secrets.randbelow(10**6), None))
        # the button beside its field, not on a row of its own: at 1280 × 680 (a 1080p
        # laptop at 150 %, maximized) that row was what made the controls scroll, and the
        # Chinese had the button cut in half (a tour)
        seed.row = QWidget()
        row = QHBoxLayout(seed.row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(seed.widget, 1)
        row.addWidget(self.new_seed)
        # (room for a seed of 8 digits, not a line edit's usual 17: the row would widen the
        # controls and take that from the plots)
        seed.widget.setMinimumWidth(seed.widget.fontMetrics().horizontalAdvance("0" * 8) + 12)
        seed.widget.setSizePolicy(QSizePolicy.Ignored, seed.widget.sizePolicy().verticalPolicy())
        self._add_group("monte_carlo", [SpinBinding("batch", int_spin_box(*limits("batch")), e),
                                        SpinBinding("trials", int_spin_box(*limits("trials")), e),
                                        seed])
        self.gain.slider.sliderReleased.connect(self.interactionFinished)
        self.retranslate()
        self._refresh()

    def retranslate(self) -> None:
        """Word every label, title, item and tooltip in the current language."""
        for group, box in self._boxes.items():
            box.setTitle(translate("ControlsPanel", GROUPS[group]))
        for key, b in self._bindings.items():
            label = self._row_label(b)
            if label is not None:
                label.setText(translate("ControlsPanel", LABELS[key]))
                if isinstance(b, LogBinding):
                    b.named_by(label)
                elif b.key == "seed":   # (its row holds the New seed button too)
                    name_field(label, b.widget)
            if isinstance(b, ComboBinding):
                blocked = b.widget.blockSignals(True)
                b.retranslate()
                b.widget.blockSignals(blocked)
        self.new_seed.setText(translate("ControlsPanel", "New seed"))
        self.new_seed.setToolTip(translate("ControlsPanel", "draw a fresh random seed"))
        for b in self._bindings.values():   # what the user typed stays; only words change
            if b.refused is not None:
                b.set_error(self._reason(b.key, b.refused), b.refused)
        self._show_problem()
        self._show_tooltips()

    def _row_label(self, binding: Binding) -> QLabel | None:
        field = getattr(binding, "row", binding.widget)
        for form in self._forms.values():
            label = form.labelForField(field)
            if label is not None:
                return label
        return None

    # -- building ------------------------------------------------------------------------------
    def _add_group(self, group: str, bindings: list[Binding]) -> None:
        box = self._boxes[group] = QGroupBox()
        form = QFormLayout(box)
        form.setContentsMargins(6, 4, 6, 4)
        form.setVerticalSpacing(3)
        for b in bindings:
            self._bindings[b.key] = b
            form.addRow(LABELS[b.key], getattr(b, "row", b.widget))
            if isinstance(b, TextBinding):   # Esc in a refused text: the value from before
                b.widget.escaped.connect(self.discard_refused_typing)
        self._forms[group] = form
        if not self.layout():
            layout = QVBoxLayout(self)
            layout.setContentsMargins(4, 4, 4, 4)
            layout.addStretch(1)
        self.layout().insertWidget(self.layout().count() - 1, box)

    # -- public ----------------------------------------------------------------------------------
    def config(self) -> SimConfig:
        return self._config

    def set_config(self, config: SimConfig) -> None:
        """Show `config` (a preset, an opened file); emits configChanged if it differs."""
        changed = config != self._config
        self._config = config
        self._deeper = None   # (a preset, a file, Undo: not what the depth box took from)
        self._clear_errors()
        self.inputAccepted.emit()   # no field is refused: a refusal's note goes
        self._refresh()
        if changed:
            self.configChanged.emit(config)

    def dragging(self) -> bool:
        """A slider is held down: more values are coming."""
        return self.gain.slider.isSliderDown()

    def widget(self, key: str) -> QWidget:
        return self.findChild(QWidget, key)

    def error_text(self, key: str) -> str:
        """Why the field of `key` is refused ("" when it is valid)."""
        return self._bindings[key].reason

    def label(self, key: str) -> str:
        """The name of the field of `key`, in the current language."""
        return field_label(key)

    def _show_problem(self, newest: str | None = None) -> None:
        self.problem.show_refusals(self._bindings.items(), self.label, newest)

    # -- edits -----------------------------------------------------------------------------------
    def _edit(self, key: str, value, source) -> None:
        base = self._config
        if key == "depth":
            try:   # (their width × batch may be refused since: then the widths there are)
                base = base.with_values(widths=self._depth_source(base.widths))
            except ConfigError:
                pass
        try:
            config = SimConfig.from_dict({key: value}, base=base)
        except ConfigError as exc:
            reason = self._reason(key, exc)
            self._bindings[key].set_error(reason, exc)
            self._show_problem(newest=key)
            self.inputRejected.emit(key, reason)
            return
        self._clear_errors()
        self.inputAccepted.emit()
        if key == "depth":
            self._deeper = base.widths
        elif config.widths != self._config.widths:   # typed widths: a new network to step from
            self._deeper = None
        changed = config != self._config
        self._config = config
        self._refresh(skip=source)
        if changed:
            self.configChanged.emit(config)

    def _depth_source(self, widths: tuple[int, ...]) -> tuple[int, ...]:
        """The widths a depth edit starts from: those the depth box last took layers from,
        while `widths` are what is left of them (their first hidden layers, the same ends),
        else `widths`. A tour: a pyramid 784, 512, 256, 128, 10 stepped down to depth 1 and
        back up came back as 784, 10x4 (at depth 1 no hidden width is left to repeat)."""
        deeper = self._deeper
        if deeper is None or len(deeper) <= len(widths):
            return widths
        kept = (deeper[0], *deeper[1:len(widths) - 1], deeper[-1])
        return deeper if kept == widths else widths

    def _typed(self, binding: TextBinding) -> None:
        """Typing in a text field ended (Return, or the focus left). Refused, the value from
        before the typing comes back, the text staying red with its reason: each keystroke
        was tried, and the last accepted was a prefix nobody meant ("784, 256x0, 10" had left
        the network at "784, 256", depth 1; "784, 256x100000, 10", at depth 10 000).
        Accepted, the text is tidied ("784,256,256,10" → "784, 256x2, 10")."""
        if not binding.reason:
            binding.show(self._config)
            return
        before = binding.before()
        if before is None:
            return
        config = SimConfig.from_dict({binding.key: before}, base=self._config)   # (shown)
        if config != self._config:
            self._config = config
            self._refresh(skip=binding)
            self._reverting = binding.key
            try:
                self.configChanged.emit(config)
            finally:
                self._reverting = None

    def finish_typing(self) -> None:
        """End the typing in a text field as leaving it would: a refused text puts back the
        value from before it (a preset, Reset, File ▸ Open or the lesson's Set up may come
        while the focus stays in the field)."""
        for binding in self._bindings.values():
            if isinstance(binding, TextBinding) and binding.reason:
                self._typed(binding)

    def has_refused_typing(self) -> bool:
        """A field still shows a text it refused (Edit ▸ Undo takes it away)."""
        return any(isinstance(b, TextBinding) and b.reason for b in self._bindings.values())

    def discard_refused_typing(self) -> bool:
        """Take away a refused text from its field: the value from before the typing comes
        back (as `finish_typing`), its text shown and no longer red. False when there is none."""
        refused = [b for b in self._bindings.values() if isinstance(b, TextBinding) and b.reason]
        for binding in refused:
            self._typed(binding)
            binding.set_error(None)
            binding.show(self._config)
        if refused:
            self._show_problem()
            if any(b.reason for b in self._bindings.values()):   # another's refusal stands
                for binding in refused:
                    self.inputWithdrawn.emit(binding.key)
            else:
                self.inputAccepted.emit()
        return bool(refused)

    def reverting(self) -> str | None:
        """The text field whose refused typing is being undone now (its configChanged is
        part of that typing: the undo history merges them), else None."""
        return self._reverting

    def _show_tooltips(self, force: bool = True) -> None:
        """Write every control's tooltip; unless `force`d, only when the activation or its
        parameters changed (the settings they depend on): a drag of the gain would write them
        60× a second."""
        config = self._config
        depends_on = tuple(getattr(config, key) for key in help_texts.HELP_KEYS)
        if not force and depends_on == self._tooltips_for:
            return
        self._tooltips_for = depends_on
        # a reader is told the words, not the tooltip's markup (an audit: it was given
        # "<qt>L, the number of weight layers: h<sup>t</sup>…", with &#x27; and &gt;)
        for widget, key in [(b.widget, b.key) for b in self._bindings.values()] + [
                (self.gain.slider, "gain")]:
            text = help_texts.control_help(key, config)
            widget.setToolTip(typeset.rich_tooltip(text))
            widget.setAccessibleDescription(typeset.plain(text))

    @staticmethod
    def _reason(key: str, exc: ConfigError) -> str:
        return reason_text(exc) if exc.key == key else problem_text(exc)

    def _clear_errors(self) -> None:
        for b in self._bindings.values():
            if b.reason:
                b.set_error(None)
        self._show_problem()

    def _refresh(self, skip=None) -> None:
        config = self._config
        for b in self._bindings.values():
            if not (b is skip and isinstance(b, TextBinding)):  # keep the cursor where it is
                b.show(config)
        self._show_tooltips(force=False)
        # rows that apply to some settings only are greyed, not hidden: nothing below them
        # moves when they come and go, so a click lands where it was aimed
        for key, applies in CONDITIONAL.items():
            binding = self._bindings[key]
            binding.widget.setEnabled(applies(config))
            label = self._row_label(binding)
            if label is not None:
                label.setEnabled(applies(config))


def controls_column(controls: ControlsPanel, below: QWidget) -> QWidget:
    """The window's left column: the controls (scrolled in a short window, never sideways),
    the line saying why a typed value was refused, and `below` (the pin bar)."""
    scroll = QScrollArea(widgetResizable=True)
    scroll.setFocusPolicy(Qt.NoFocus)   # no Tab stop of its own: a control Tab reaches shows
    scroll.setWidget(controls)
    wheel_guard.guard(controls)   # (the wheel scrolls a short column, not its fields)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
    scroll.setMinimumWidth(controls.sizeHint().width() + 20)
    column = QWidget()
    layout = QVBoxLayout(column)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(scroll, 1)
    layout.addWidget(controls.problem)
    layout.addWidget(below)
    return column
