"""The Sweep tab's row of fields: the gains swept (from, to, how many: log-spaced), and what
the tab shows (maps of the Monte Carlo or of the theory only, or lines). Each gain box bounds
the other so that "from" stays below "to"; `rangeChanged` and `modeChanged` say what the user
changed. `engine.sweep_range` says which gains they can show."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel

from engine.config_fields import MAX_GAIN, MIN_GAIN
from engine.sweep import DEFAULT_GAINS, DEFAULT_SAMPLES, sweep_values
from engine.sweep_range import COUNT_RANGE, MIN_RATIO, SHOWN
from engine.sweep_range import state as recorded_state

from .i18n import translate
from .number_boxes import LogSpinBox, int_spin_box, say_range_when_refused
from .widgets import WordedCombo

# what the tab shows: maps of the Monte Carlo (the theory until it comes), of the theory only,
# or the line view (Monte Carlo beside theory); one box, as narrow as can be (the
# tab's least width sets the window's at 1024 pixels with the lesson open); its items say which
# view each is, after "show" (a teacher's tour: "Monte Carlo, theory only, lines" read as a
# choice of data, and the line view went unfound)
MODES = dict(zip(SHOWN, (QT_TRANSLATE_NOOP("SweepView", "maps, Monte Carlo"),
                        QT_TRANSLATE_NOOP("SweepView", "maps, theory only"),
                        QT_TRANSLATE_NOOP("SweepView", "lines by gain"))))


class SweepFields(QObject):
    """The fields (`low`, `high`, `count`, `mode`) in `row`, a layout."""

    rangeChanged = Signal()
    modeChanged = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        # the gain box's range (a tour: 1e-6 and 1e6 were refused here only)
        self.low = LogSpinBox(MIN_GAIN, MAX_GAIN, factor=2 ** 0.5)
        self.high = LogSpinBox(MIN_GAIN, MAX_GAIN, factor=2 ** 0.5)
        self.count = int_spin_box(*COUNT_RANGE)
        low, high, count = DEFAULT_GAINS
        self.count.setValue(count)
        # (a researcher's tour: 10 in "from" beside "to" 4 read "must be between 1e-06 and
        # 3.80952", 4 ÷ 1.05, not why)
        say_range_when_refused(self.low, lambda value, shown: translate(
            "SweepView", "must be below the highest gain {high} (at most {most}: the ends are "
                         "a factor {ratio} apart at least), got {shown}"
        ).format(high=f"{self.high.value():g}", most=f"{self.low.maximum():g}", shown=shown,
                 ratio=f"{MIN_RATIO:g}")
            if value > self.low.maximum() else None)   # (1e308 had read "≤ 3.8095238095238093")
        say_range_when_refused(self.high, lambda value, shown: translate(
            "SweepView", "must be above the lowest gain {low} (at least {least}: the ends are "
                         "a factor {ratio} apart at least), got {shown}"
        ).format(low=f"{self.low.value():g}", least=f"{self.high.minimum():g}", shown=shown,
                 ratio=f"{MIN_RATIO:g}")
            if value < self.high.minimum() else None)
        say_range_when_refused(self.count)
        self.low.setValue(low)
        self.high.setValue(high)
        self.mode = WordedCombo(objectName="sweep_mode")
        # its text whole where there is room, cut short where not: at 1024 pixels with the
        # lesson open its full width had made the window 1055 pixels wide
        self.mode.setMinimumContentsLength(6)
        for name in MODES:
            self.mode.addItem("", name)   # the texts: retranslate
        for w, name in ((self.low, "sweep_from"), (self.high, "sweep_to"),
                        (self.count, "sweep_count")):
            w.setObjectName(name)
            w.valueChanged.connect(self._on_range_changed)
        self.mode.currentIndexChanged.connect(lambda _: self.modeChanged.emit())
        self._keep_order()
        self.gain_label, self.to_label, self.values_label = QLabel(), QLabel(), QLabel()
        self.mode_label = QLabel()
        self.mode_label.setBuddy(self.mode)
        self.row = QHBoxLayout()
        for w in (self.gain_label, self.low, self.to_label, self.high, self.count,
                  self.values_label, self.mode_label, self.mode):
            if w is self.mode_label:   # (a gap: "values show" ran together)
                self.row.addSpacing(12)
            self.row.addWidget(w)
        self.row.addStretch(1)

    def retranslate(self) -> None:
        for i in range(self.mode.count()):
            self.mode.setItemText(i, translate("SweepView", MODES[self.mode.itemData(i)]))
        self.mode.setToolTip(translate("SweepView", "maps, Monte Carlo: every layer by gain, "
                                                    "each gain's row showing the theory until its "
                                                    "Monte Carlo arrives; maps, theory only: the "
                                                    "mean-field prediction; lines by gain: the "
                                                    "output's signal and the input's gradient by "
                                                    "gain, in decades, Monte Carlo beside theory"))
        self.count.setToolTip(translate("SweepView", "number of gains, log-spaced; one network "
                                                     "of {samples} inputs each (not the "
                                                     "Monte Carlo's batch or trials)"
                                        ).format(samples=DEFAULT_SAMPLES))
        self.gain_label.setText(translate("SweepView", "gain"))
        self.to_label.setText(translate("SweepView", "to"))
        self.values_label.setText(translate("SweepView", "values"))
        self.mode_label.setText(translate("SweepView", "show"))
        # what a screen reader says for each field ("to" alone would be its label's)
        for field, name in ((self.low, translate("SweepView", "lowest gain")),
                            (self.high, translate("SweepView", "highest gain")),
                            (self.count, translate("SweepView", "number of gains")),
                            (self.mode, translate("SweepView", "show: maps of the Monte "
                                                              "Carlo or of the theory only, or "
                                                              "lines by gain"))):
            field.setAccessibleName(name)

    def values(self):
        return sweep_values("gain", self.low.value(), self.high.value(), self.count.value())

    def theory_only(self) -> bool:
        return self.mode.currentData() == "theory"

    def lines(self) -> bool:
        return self.mode.currentData() == "lines"

    def state(self) -> dict:
        """The gains and view chosen, as the settings store keeps them (`usable_state`)."""
        return recorded_state(self.low.value(), self.high.value(), self.count.value(),
                              self.mode.currentData())

    def set_state(self, state: dict) -> None:
        """Put back a `state` that `usable_state` passed."""
        self.mode.setCurrentIndex(self.mode.findData(state["show"]))
        self.set_range(state["from"], state["to"], state["values"])

    def set_range(self, low: float, high: float, count: int) -> None:
        """Sweep `count` gains from `low` to `high` (log-spaced), as if typed."""
        for box in (self.low, self.high, self.count):
            box.blockSignals(True)
        self.low.setMaximum(MAX_GAIN)
        self.high.setMinimum(MIN_GAIN)
        self.low.setValue(low)
        self.high.setValue(high)
        self.count.setValue(count)
        for box in (self.low, self.high, self.count):
            box.blockSignals(False)
        self._on_range_changed()

    def _keep_order(self) -> None:
        """‘from’ stays below ‘to’: each bounds the other."""
        for box in (self.low, self.high):
            box.blockSignals(True)
        self.low.setMaximum(self.high.value() / MIN_RATIO)
        self.high.setMinimum(self.low.value() * MIN_RATIO)
        for box in (self.low, self.high):
            box.blockSignals(False)

    def _on_range_changed(self) -> None:
        self._keep_order()
        self.rangeChanged.emit()
