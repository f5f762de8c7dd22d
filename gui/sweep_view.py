"""The Sweep tab: layer (x) × gain (y, log scale) → log10 variance, forward and backward.

The mean-field theory fills the map at once (a few gains per event-loop pass, drawn when all
are done, so the window never stalls); the Monte Carlo follows in chunks of gains, one job
each on the window's worker, and replaces the theory's rows as they arrive. A dashed line marks
the network's critical gain (`engine.critical_gain`, computed by the first job: its
search may take a few tenths of a second), a solid one the gain the controls show; moving the
gain only moves that line.
"""

from __future__ import annotations

import math
import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QSizePolicy

from .analysis_texts import (critical_gain_definition, critical_gain_words, sweep_note_text,
                             sweep_status_text)
from engine.jobs import SweepRequest, sweep_job
from engine.readout_facts import sweep_gap
from engine.sweep import (DEFAULT_SAMPLES, SweepResult, theory_sweep)

from . import plot_labels, run_gate, theme
from .analysis import AnalysisPanel
from .config_texts import setting_number
from .heatmap import span_of
from .heatmap_marks import Marks
from .sweep_fields import SweepFields
from .sweep_hover import SweepHover, overflowed
from .sweep_lines import GainLines
from .sweep_map import cells_rect, gain_map, lay_out_maps
from .i18n import translate
from .typeset import rich_label, rich_tooltip

CHUNK = 8                 # gains per Monte Carlo job
THEORY_BUDGET_S = 0.010   # theory computed per event-loop pass
# Sweeps span tens of decades; the colour scale covers 90 % of the cells and saturates beyond,
# so the band of stable gains is not washed out by the extreme corners.
SPAN_PERCENTILE = 90


class SweepView(AnalysisPanel):
    """The gain sweep: two maps (forward, backward) with colour bars and gain lines."""

    def __init__(self, parent=None):
        super().__init__(sweep_job, "sweep", parent)
        theme.configure()
        self.fields = SweepFields(self)
        self.low, self.high, self.count = self.fields.low, self.fields.high, self.fields.count
        self.mode = self.fields.mode
        self.fields.rangeChanged.connect(self._on_range_changed)
        self.fields.modeChanged.connect(self._on_mode_changed)
        self.body.addLayout(self.fields.row)
        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.setFocusPolicy(Qt.ClickFocus)   # no Tab stop (the File menu reaches it)
        self.graphics.setMinimumSize(300, theme.pixels(240))
        self.body.addWidget(self.graphics, 1)
        self.lines_graphics = pg.GraphicsLayoutWidget()   # the line view, in its place
        self.lines_graphics.setFocusPolicy(Qt.ClickFocus)
        self.lines_graphics.setMinimumSize(300, theme.pixels(240))
        self.lines_graphics.hide()
        self.body.addWidget(self.lines_graphics, 1)
        self.lines = GainLines(self.lines_graphics)
        self.note = QLabel(objectName="sweep_note", wordWrap=True, textFormat=Qt.RichText)
        self.note.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)   # never widens
        theme.reachable_caption(self.note)
        self.body.addWidget(self.note)
        self.finish_layout()
        self._line_labels = (("", ""), ("gain", "gain"))   # (full, short): `_label_lines`
        self.views = [gain_map(self.graphics, col, lambda: self._line_labels)
                      for col in (0, 1)]
        self.views[1][0].setYLink(self.views[0][0])
        plot_labels.pair_titles(self.views[0][0], self.views[1][0])
        # black over a cell of exactly zero variance, as the Network tab's maps (zero weights
        # had painted the saturated blue of "less than the bar's end", a tour)
        self.zero_marks = [Marks() for _ in self.views]
        for (plot, *_), marks in zip(self.views, self.zero_marks):
            plot.addItem(marks)
        self._zeros = False   # a map shows exactly zero variance (the note says black)
        self._undefined = None   # the first gain whose forward pass overflowed: no gradient
        self._gap = None      # where the Monte Carlo parts from the theory (said in the note)
        self._gap_known = False   # (worked out once the sweep is complete)
        self._gain = None       # the gain the controls show (its line's label)
        self._critical = None   # (critical gain, lowest, highest swept, side if missing) once known
        self._edge = math.nan   # the phase diagram line's gain, with it
        self._values = np.array([])
        self._theory = self._mc = self._mc_done = self._beyond = None
        self._rows = {"mc": [], "theory": []}
        self._spans: list[float] = []   # the colour bars' spans, forward and backward
        self._chunks: list[np.ndarray] = []
        self._chunk = 0
        self._theory_next = 0
        self._theory_cost = 0.0
        self._request_config = None
        self._rect = None
        self._theory_timer = QTimer(self, singleShot=True, interval=0)
        self._theory_timer.timeout.connect(self._theory_step)
        self.hover = SweepHover(self)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.fields.retranslate()
        # (at 1024 pixels with the lesson open, the short forms were at 4 px)
        titles = ((translate("SweepView", "Forward: log₁₀ Var[h<sup>t</sup>] by gain"),
                   translate("SweepView", "Forward: log₁₀ Var[h<sup>t</sup>]"),
                   translate("SweepView", "Forward")),
                  (translate("SweepView", "Backward: log₁₀ Var[∂ℓ/∂h<sup>t</sup>] by gain"),
                   translate("SweepView", "Backward: log₁₀ Var[∂ℓ/∂h<sup>t</sup>]"),
                   translate("SweepView", "Backward")))
        for (plot, _, bar, _, _), forms, quantity in zip(self.views, titles, ("h", "∂ℓ/∂h")):
            plot_labels.set_title(plot, *forms)
            plot_labels.label_axis(plot, "bottom", translate("SweepView", "layer t"))
            plot_labels.label_axis(plot, "left", translate("SweepView", "gain (log scale)"))
            plot_labels.label_axis(   # a vertical colour bar's label is on its left
                bar, "left", translate("SweepView", "log₁₀ Var[{quantity}] (decades; saturates "
                                                    "beyond)").format(quantity=quantity))
        self._label_lines()

    def _label_lines(self) -> None:
        """The gain lines' labels, the note under the maps."""
        gain = None if self._gain is None else setting_number(self._gain)
        current = (translate("SweepView", "gain"),) * 2 if gain is None else (
            translate("SweepView", "current gain {gain}").format(gain=gain),
            translate("SweepView", "current {gain}").format(gain=gain))
        critical, described = critical_gain_words(self._critical, self.busy(), self.held)
        self._line_labels = critical, current
        if self._theory is not None:   # a sweep was started
            values = self.values()
            found = self._critical is not None and math.isfinite(self._critical[0])
            text = sweep_note_text(described, self._request_config, self._gain,
                                   (values[0], values[-1]), self._spans, self.showing_lines(),
                                   self._zeros, theme.grey_safe(), undefined=self._undefined,
                                   gains=(self._critical[0], self._edge) if found else None,
                                   gap=None if self.fields.theory_only() else self._gap)
            self.note.setText(rich_label(text))
        definition = rich_tooltip(critical_gain_definition())
        self.note.setToolTip(definition)
        for plot, _, _, critical_line, current_line in self.views:
            critical_line.setToolTip(definition)
            plot_labels.label_two_lines(plot, critical_line, current_line, self._line_labels)
        self.lines.retranslate(critical[0], current[0])
        self.lines.set_lines(self._critical[0] if self._critical is not None else None,
                             self._gain)

    # -- AnalysisPanel ---------------------------------------------------------------------
    def values(self) -> np.ndarray:
        return self.fields.values()

    def key(self, config):
        return (config.with_values(gain=1.0, trials=1, batch=DEFAULT_SAMPLES),
                tuple(self.values()))

    def config_changed(self, config, theory) -> None:
        self._gain = config.gain
        for *_, current in self.views:
            current.setValue(math.log10(config.gain))
        self._label_lines()

    def start(self, config) -> None:
        base, values = self.key(config)
        self._request_config = base
        self._values = np.array(values)
        shape = (len(values), config.depth + 1)
        self._theory = [np.full(shape, np.nan), np.full(shape, np.nan)]
        self._mc = [np.full(shape, np.nan), np.full(shape, np.nan)]
        self._beyond = [np.zeros(shape, dtype=bool), np.zeros(shape, dtype=bool)]
        self._mc_done = np.zeros(len(values), dtype=bool)
        self._rows = {"mc": [None] * len(values), "theory": [None] * len(values)}   # SimResults
        self._chunks = np.array_split(np.arange(len(values)), math.ceil(len(values) / CHUNK))
        self._chunk = 0
        self._theory_next = 0
        self._critical, self._edge = None, math.nan
        self._gap, self._gap_known = None, False
        for *_, critical, _ in self.views:
            critical.setVisible(False)
        self.lines.set_gains(self._values)
        self.lines.clear()   # (the last sweep's curves are of another range or network)
        self._label_lines()
        self._layout_axes(shape)
        if not self.hold(lambda: run_gate.sweep_estimate(base, values, DEFAULT_SAMPLES, CHUNK),
                         self._summary()):
            self._submit_chunk()
        self._theory_step()   # (held, the theory is drawn all the same)

    def _submit_chunk(self) -> None:
        rows = self._chunks[self._chunk]
        # the theory is drawn already (theory_sweep on this thread): the worker skips it
        self.submit(SweepRequest(self._request_config, "gain",
                                 tuple(float(v) for v in self._values[rows]),
                                 critical_gain=self._critical is None))
        self._say()

    def _theory_step(self) -> None:
        """Theory for as many gains as fit in the budget (it goes on after a Cancel, which
        stops only the Monte Carlo)."""
        if self._theory is None or self._theory_next > len(self._values):
            return
        start = time.perf_counter()
        while self._theory_next < len(self._values):
            left = THEORY_BUDGET_S - (time.perf_counter() - start)
            n = max(1, int(left / self._theory_cost)) if self._theory_cost else 1
            rows = slice(self._theory_next, min(self._theory_next + n, len(self._values)))
            t0 = time.perf_counter()
            part = theory_sweep(self._request_config, "gain", self._values[rows])
            self._theory_cost = (time.perf_counter() - t0) / len(part.values)
            self._theory[0][rows], self._theory[1][rows] = part.theory_forward, part.theory_backward
            self._rows["theory"][rows] = part.results
            self._theory_next = rows.stop
            if time.perf_counter() - start > THEORY_BUDGET_S:
                break
        if self._theory_next < len(self._values):   # more next pass; one repaint at the end
            self._theory_timer.start()
            return
        self._theory_next += 1   # done
        self._redraw()
        if self.busy():
            self._say()   # "the other rows show the theory" now holds
            self._finish_if_done()
        else:
            self.restate()   # a cancelled status says so too

    def show_job_result(self, result) -> None:
        rows = self._chunks[self._chunk]
        if len(result.values) != len(rows) or not np.allclose(result.values, self._values[rows]):
            return   # not the chunk asked for
        if result.critical_gain is not None:
            self._show_critical(result.critical_gain, result.edge_gain, result.critical_side)
        # an underflowed layer is below the colour bar's range, not missing: its lowest colour
        # (not black, exactly zero; nor "0" under the mouse: a review)
        for i, direction in enumerate(("forward", "backward")):
            missing = np.isnan(getattr(result, direction))   # (before `saturated` fills it)
            self._mc[i][rows] = result.saturated(direction)
            self._beyond[i][rows] = missing & np.isinf(self._mc[i][rows])
        self._mc_done[rows] = True
        for i, row in zip(rows, result.results):
            self._rows["mc"][i] = row
        self._chunk += 1
        if self._chunk < len(self._chunks):
            self._submit_chunk()
        self._redraw()
        self._finish_if_done()

    def _show_critical(self, gain: float, edge: float, side: int) -> None:
        self._critical = (gain, self._values[0], self._values[-1], side)
        self._edge = edge
        for *_, critical, _ in self.views:
            critical.setVisible(math.isfinite(gain))
            if math.isfinite(gain):
                critical.setValue(math.log10(gain))
        self._label_lines()

    def sweep_result(self) -> SweepResult | None:
        """The sweep shown, Monte Carlo and theory of every gain (File ▸ Export statistics);
        None until both are complete."""
        return self._complete() if self.is_current() else None

    def _complete(self) -> SweepResult | None:
        """The sweep's Monte Carlo and theory of every gain, once all are in."""
        if self._theory is None or None in self._rows["mc"] or None in self._rows["theory"]:
            return None
        critical = self._critical[0] if self._critical is not None else None
        return SweepResult.combine("gain", self._values, self._rows["mc"],
                                   self._rows["theory"], critical)

    def stopped(self) -> None:
        self._label_lines()

    def job_fraction(self, fraction: float) -> float:
        return (self._chunk + fraction) / max(len(self._chunks), 1)

    def _finish_if_done(self) -> None:
        if self._mc_done.all() and self._theory_next > len(self._values):
            self.done(self._summary())
        else:
            self._say()

    def _say(self) -> None:
        summary = self._summary()
        self.say(lambda: translate("SweepView", "{summary} — Monte Carlo running…"
                                   ).format(summary=summary()), base=summary)

    def _summary(self):
        """Renders how much Monte Carlo is shown now (a status for `say`)."""
        n = int(self._mc_done.sum()) if self._mc_done is not None else 0
        total = len(self._values)
        # (the theory's progress and the boxes as they are when it is said again)
        return lambda: sweep_status_text(n, total, self._theory_next <= total,
                                         self.fields.theory_only(), self.showing_lines())

    def restyle(self) -> None:
        """View ▸ Grey-safe colour scale: the maps in the scale now chosen."""
        for view, marks in zip(self.views, self.zero_marks):
            theme.restyle_variance_map(view.bar, view.plot)
            marks.restyle()
        if self._theory is not None:
            self._redraw()   # (the grey-safe scale hatches the black)
            self._label_lines()   # (… and the note says so)

    def controls_height(self) -> int:
        shown = self.lines_graphics if self.showing_lines() else self.graphics
        return shown.y() - self.body.contentsMargins().top()

    def showing_lines(self) -> bool:
        return self.fields.lines()

    def _on_mode_changed(self) -> None:
        self.graphics.setVisible(not self.showing_lines())
        self.lines_graphics.setVisible(self.showing_lines())
        self._label_lines()   # the note and the status say colours or lines
        self.restate()
        self._redraw()

    # -- drawing ---------------------------------------------------------------------------
    def shown(self, direction: str = "forward") -> np.ndarray:
        """The values × layers array the map of `direction` shows."""
        i = 0 if direction == "forward" else 1
        if self._theory is None:
            return np.zeros((0, 0))
        if self.fields.theory_only():
            return self._theory[i]
        return np.where(self._mc_done[:, None], self._mc[i], self._theory[i])

    def theory(self, direction: str = "forward") -> np.ndarray:
        """The mean-field map of `direction` (NaN rows: not computed yet)."""
        return np.zeros((0, 0)) if self._theory is None else \
            self._theory[0 if direction == "forward" else 1]

    def mc_rows(self) -> int:
        return 0 if self._mc_done is None else int(self._mc_done.sum())

    def hover_source(self) -> tuple:
        """What the hover readouts read: the gains swept, which rows the maps show from the
        Monte Carlo (None: the theory's alone), its cells beyond float32 (±∞ in `shown`, not
        exact zeros; per direction) and where the cells lie (None: no sweep yet)."""
        mc = None if self.fields.theory_only() else self._mc_done
        return self._values, mc, self._beyond, self._rect

    def _layout_axes(self, shape) -> None:
        rect = cells_rect(self._values, shape[1])
        if rect != self._rect:
            self._rect = rect
            lay_out_maps(self.views, rect, self._values)

    def _redraw(self) -> None:
        if self._theory is None:
            return
        spans, zeros = [], False
        for i, ((plot, image, bar, _, _), marks, direction) in enumerate(zip(
                self.views, self.zero_marks, ("forward", "backward"))):
            data = self.shown(direction)
            span = span_of(data, SPAN_PERCENTILE)
            shown = np.clip(data, -span, span)   # ±inf (exact zeros, overflow) at the ends
            image.setImage(shown, autoLevels=False, levels=(-span, span))
            image.setRect(self._rect)   # after setImage: the rect scales the image's pixels
            zero = np.isneginf(data)   # exact zeros, black; not a pass's cells beyond float32
            if not self.fields.theory_only():
                zero &= ~(self._beyond[i] & self._mc_done[:, None])
            marks.set_marks(zero, np.zeros_like(zero))
            marks.setRect(self._rect)
            zeros = zeros or bool(zero.any())
            bar.setLevels((-span, span))
            spans.append(span)
        # the line view: the forward map's last layer, the backward map's first
        done = self._mc_done if not self.fields.theory_only() else \
            np.zeros_like(self._mc_done)
        mc = [np.where(done, self._mc[0][:, -1], np.nan), np.where(done, self._mc[1][:, 0], np.nan)]
        theory = [self._theory[0][:, -1], self._theory[1][:, 0]]
        if self.showing_lines():   # (zeros the lines leave out, not the maps' cells)
            zeros = any(np.isneginf(line).any() for line in (*mc, *theory))
        gap_found = False
        if not self._gap_known:   # (the theory's gap of each gain, once, when all are in)
            shown = self._complete()
            if shown is not None:
                self._gap, self._gap_known = sweep_gap(shown.values, shown.results), True
                gap_found = self._gap is not None
        # the note says when the two colour bars differ, zeros, and the theory's gap
        # a gain's gradient is undefined past a forward pass that overflowed (NaN behind +∞)
        undone = done & np.isnan(self._mc[1]).any(axis=1) & overflowed(self._mc[0],
                                                                        self._beyond[0])
        undefined = float(self._values[undone.argmax()]) if undone.any() else None
        if (spans, zeros, undefined) != (self._spans, self._zeros, self._undefined) or gap_found:
            self._spans, self._zeros, self._undefined = spans, zeros, undefined
            self._label_lines()
        self.lines.show(self._values, mc, theory)

    def set_range(self, low: float, high: float, count: int) -> None:
        """Sweep `count` gains from `low` to `high` (log-spaced), as if typed."""
        self.fields.set_range(low, high, count)

    def _on_range_changed(self) -> None:
        if self._config is not None:
            self.set_config(self._config)

