"""The Jacobian spectrum tab: a histogram of log10 singular values of J = ∂h^L/∂h^0.

Pennington et al. 2017: a well-conditioned deep net has singular values bunched around 1
(dynamical isometry), not just the right mean square. Vertical lines mark the root mean square
of the singular values (this network) against the mean-field theory's, and the float64 floor
when some singular values are below it (those are counted there, not binned: they cannot be
told from zero and would flatten the histogram). The work runs on the window's worker (widths
1024 at depth 200 take seconds) with progress and Cancel; beyond the engine's limits a message
says so.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy

from .texts import spectrum_text
from engine.jobs import spectrum_job
from engine.spectrum import MAX_SPECTRUM_DEPTH, MAX_SPECTRUM_WIDTH

from . import theme
from .analysis import AnalysisPanel
from .readout import rich

MONTE_CARLO = "#1f62b4"
THEORY = "#2b8a3e"


def histogram(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Bin edges and counts for a histogram of `values` (display binning only)."""
    values = np.asarray(values, dtype=float)
    bins = int(np.clip(len(values) // 4, 8, 60))
    lo, hi = float(values.min()), float(values.max())
    if hi - lo < 1e-9:
        lo, hi = lo - 0.5, hi + 0.5
    counts, edges = np.histogram(values, bins=bins, range=(lo, hi))
    return edges, counts


class SpectrumView(AnalysisPanel):
    """The histogram, the mean-square comparison and the words for them."""

    def __init__(self, parent=None):
        super().__init__(spectrum_job, "spectrum", parent)
        theme.configure()
        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.setMinimumSize(300, 240)
        self.body.addWidget(self.graphics, 1)
        self.text = QLabel(objectName="spectrum_text")
        self.text.setTextFormat(Qt.RichText)
        self.text.setWordWrap(True)
        self.text.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Fixed)
        self.text.setFixedHeight(self.text.fontMetrics().lineSpacing() * 4 + 10)
        self.body.addWidget(self.text)
        self.finish_layout()
        plot = self.plot = self.graphics.addPlot(
            row=0, col=0,
            title="Singular values of the input–output Jacobian J = ∂h<sup>L</sup>/∂h<sup>0</sup>")
        plot.setLabel("bottom", "log₁₀ singular value s")
        plot.setLabel("left", "count")
        plot.showGrid(x=True, y=True, alpha=0.25)
        for name in ("left", "bottom"):  # grid lines at major ticks only: cheaper to paint
            plot.getAxis(name).setStyle(maxTickLevel=0)
        self.legend = pg.LegendItem(colCount=2, labelTextSize="9pt", verSpacing=-6)
        self.graphics.addItem(self.legend, row=1, col=0)
        self.bars = plot.plot(stepMode="center", fillLevel=0, pen=pg.mkPen("#495057", width=1),
                              brush=pg.mkBrush(120, 130, 150, 150))
        self.legend.addItem(self.bars, "singular values of this network (histogram)")
        self.mc_line = self._line(MONTE_CARLO, Qt.SolidLine, "√(mean s²), this network")
        self.theory_line = self._line(THEORY, Qt.DashLine, "√(mean s²), mean-field theory")
        self.floor_line = self._line(theme.INVALID, Qt.DotLine, "float64 precision floor")
        self.floor_line.label = pg.InfLineLabel(self.floor_line, "", position=0.9,
                                                anchors=[(0, 0), (0, 0)], color=theme.INVALID,
                                                fill=(255, 255, 255, 200))
        self.spectrum = None

    def _line(self, color: str, style, name: str) -> pg.InfiniteLine:
        pen = pg.mkPen(color, width=2.5, style=style)
        line = pg.InfiniteLine(angle=90, movable=False, pen=pen)
        self.plot.addItem(line)   # in the range: the lines stay in view
        line.sample = pg.PlotDataItem(pen=pen)   # the legend's entry while the line shows
        line.sample_name = name
        line.hide()
        return line

    # -- AnalysisPanel ---------------------------------------------------------------------
    def key(self, config):
        return config.with_values(trials=1)   # the spectrum is of the first draw

    def start(self, config) -> None:
        if config.depth > MAX_SPECTRUM_DEPTH or max(config.widths) > MAX_SPECTRUM_WIDTH:
            self._clear()
            self.text.setText(rich(
                f"The Jacobian spectrum is computed for widths up to {MAX_SPECTRUM_WIDTH} and "
                f"depth up to {MAX_SPECTRUM_DEPTH}; this network has depth {config.depth} and "
                f"widths up to {max(config.widths)}. Make it smaller to see its spectrum."))
            self.done("Not computed: the network is beyond the spectrum's limits.")
            return
        self.status.setText(f"Computing the Jacobian of {config.depth} layers …")
        self.submit(self.key(config))

    def show_job_result(self, spectrum) -> None:
        self.spectrum = s = spectrum
        self.text.setText("<br>".join(rich(line) for line in spectrum_text(s)))
        if s.invalid is not None or len(s.log10_singular_values) == 0:
            self._clear()
            self.done("No spectrum for this network (see above).")
            return
        above = s.log10_singular_values[:len(s.log10_singular_values) - s.below_floor]
        if len(above):   # descending: the values reported at the floor come last
            self.bars.setData(*histogram(above))
        else:
            self.bars.setData([], [])
        self._set_line(self.mc_line, s.log10_mean_sq / 2)      # log10 √(mean s²)
        self._set_line(self.theory_line, s.theory_log10_mean_sq / 2)
        self._set_line(self.floor_line, s.log10_floor if s.below_floor else np.nan)
        self.floor_line.label.setFormat(f" ← {s.below_floor} below the floor ")
        self.done(f"Spectrum of one network ({len(s.log10_singular_values)} singular values).")

    def _set_line(self, line: pg.InfiniteLine, x: float) -> None:
        shown = bool(np.isfinite(x))
        if shown:
            line.setValue(float(x))
        if shown != line.isVisible():
            line.setVisible(shown)
            if shown:
                self.legend.addItem(line.sample, line.sample_name)
            else:
                self.legend.removeItem(line.sample)

    def _clear(self) -> None:
        self.spectrum = None
        self.bars.setData([], [])
        for line in (self.mc_line, self.theory_line, self.floor_line):
            self._set_line(line, np.nan)

    def counts(self) -> np.ndarray:
        """The histogram's counts as shown (tests)."""
        _, y = self.bars.getData()
        return np.zeros(0) if y is None else np.asarray(y)
