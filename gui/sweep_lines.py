"""The Sweep tab's line view: by gain (x, log scale), the variance at the two ends of the
network, where the maps only give colours: the signal reaching the output, Var[h^L] (the
forward map's last column), and the gradient reaching the input, Var[∂ℓ/∂h^0] (the backward
map's first). Monte Carlo (solid, a point per gain swept) beside the mean-field theory
(dashed); the network's critical gain (dashed) and the gain the controls show (solid) as
vertical lines, and the input's level at 0 decades.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

from . import axis_ticks, plot_labels, theme
from .i18n import translate
from .sweep_map import gain_lines


class GainLines:
    """The line view's plot in `graphics` (its words: `retranslate`)."""

    def __init__(self, graphics: pg.GraphicsLayoutWidget):
        # (the left axis writes −10 with a true minus, as every other plot: a teacher's tour)
        self.plot = plot = graphics.addPlot(row=0, col=0,
                                            axisItems={"left": axis_ticks.PowerAxis("left")})
        theme.no_context_menu(plot)
        theme.cache_axes(plot)
        plot_labels.fit_title(plot)
        theme.line_axes(plot)
        plot.setMouseEnabled(x=False, y=False)
        theme.grid_beneath(plot, 0.2)
        plot.getAxis("left").enableAutoSIPrefix(False)
        self.legend = plot_labels.FittingLegend(colCount=2, labelTextSize=theme.points(8),
                                                verSpacing=-6)
        graphics.addItem(self.legend, row=1, col=0)
        self.legend.layout.setContentsMargins(9, 2, 9, 2)
        self.reference = pg.InfiniteLine(pos=0.0, angle=0, movable=False,
                                         pen=theme.pen(theme.REFERENCE, 1.5,
                                                      style=Qt.DotLine))
        plot.addItem(self.reference, ignoreBounds=True)
        self.curves = {}
        # the backward curves wider, under the forward ones: where the two coincide (a
        # linear network) both colours show, not the orange alone
        # discs and squares: the two apart on a page printed in grey
        for direction, color, wide, z, symbol in (("forward", theme.FORWARD, 1.0, 2, "o"),
                                                  ("backward", theme.BACKWARD, 2.0, 1, "s")):
            mc = self.curves[direction, "mc"] = plot.plot(
                pen=theme.pen(color, 1.5 * wide), symbol=symbol, symbolSize=4 + 2 * wide,
                symbolPen=None, symbolBrush=color, antialias=True)
            # the legend's sample draws the scatter's own marker, which pyqtgraph sets only
            # with the first points: a grey disc until the Monte Carlo came
            mc.scatter.setBrush(pg.mkBrush(color))
            mc.scatter.setPen(pg.mkPen(None))
            mc.scatter.setSize(4 + 2 * wide)
            mc.scatter.setSymbol(symbol)
            theory = self.curves[direction, "theory"] = plot.plot(
                pen=theme.pen(color, 1.0 * wide + 0.5, style=Qt.DashLine), antialias=True)
            for curve in (mc, theory):
                curve.setZValue(z)
        for key in (("forward", "mc"), ("backward", "mc"), ("forward", "theory"),
                    ("backward", "theory")):   # rows: Monte Carlo, theory
            self.legend.addItem(self.curves[key], "")
        # labels beside their lines, the critical one at the top, the current one at the
        # bottom (each moved to the side with room: `set_lines`)
        self.critical, self.current = gain_lines(90, (0.97, None), (0.03, None))
        for line in (self.critical, self.current):
            plot.addItem(line, ignoreBounds=True)
        self.critical.setVisible(False)
        self.current.setVisible(False)
        self._swept = (0.0, 0.0)   # the gains swept, first and last (`set_gains`)

    def retranslate(self, critical: str, current: str) -> None:
        """Its words in the current language; `critical` and `current`: the lines' labels."""
        plot_labels.set_title(
            self.plot, translate("SweepLines", "At the ends: Var[h<sup>L</sup>] reaching the "
                                               "output, Var[∂ℓ/∂h<sup>0</sup>] reaching the "
                                               "input"),
            translate("SweepLines", "At the ends, by gain"))
        plot_labels.label_axis(self.plot, "bottom", translate("SweepLines", "gain (log scale)"))
        plot_labels.label_axis(self.plot, "left", translate("SweepLines",
                                                            "log₁₀ variance (decades)"))
        names = {("forward", "mc"): translate("SweepLines", "Var[h<sup>L</sup>], Monte Carlo"),
                 ("backward", "mc"): translate("SweepLines",
                                               "Var[∂ℓ/∂h<sup>0</sup>], Monte Carlo"),
                 ("forward", "theory"): translate("SweepLines", "Var[h<sup>L</sup>], theory"),
                 ("backward", "theory"): translate("SweepLines",
                                                   "Var[∂ℓ/∂h<sup>0</sup>], theory")}
        for key, name in names.items():
            self.legend.name(self.curves[key], name)
        self.critical.label.setFormat(critical)
        self.current.label.setFormat(current)

    def set_gains(self, values: np.ndarray) -> None:
        """The gains swept: the x axis from the first to the last (log scale)."""
        lo, hi = math.log10(values[0]), math.log10(values[-1])
        self._swept = (float(values[0]), float(values[-1]))
        self.plot.setXRange(lo, hi, padding=0.05)   # (room for the end ticks' labels)
        self.plot.getViewBox().updateMatrix()   # (the lines' labels pick their side by it)
        self.plot.getAxis("bottom").setTicks([axis_ticks.log_ticks(values[0], values[-1])])

    def clear(self) -> None:
        for curve in self.curves.values():
            curve.setData([], [])

    def show(self, values: np.ndarray, monte_carlo, theory) -> None:
        """`monte_carlo` and `theory`: (forward at layer L, backward at layer 0) by gain, in
        decades (NaN: not computed; ±inf, exactly zero variance or beyond float64: left out)."""
        x = np.log10(values)
        for kind, ends in (("mc", monte_carlo), ("theory", theory)):
            for direction, y in zip(("forward", "backward"), ends):
                # the finite points only, joined where they are neighbours (NaNs given to
                # pyqtgraph warned "All-NaN slice" while it sized a curve not computed yet)
                kept = np.flatnonzero(np.isfinite(y))
                joined = np.append(np.diff(kept) == 1, False)
                self.curves[direction, kind].setData(x[kept], np.asarray(y)[kept],
                                                     connect=joined)

    def set_lines(self, critical: float | None, current: float | None) -> None:
        """The gains of the vertical lines (None, or not finite: not drawn); the critical
        label hangs from the top, the current one stands on the bottom, each on the side
        away from the other line (the critical gain 1.18's ran across the line at 1), unless
        that side has too little room."""
        (x0, x1), _ = self.plot.getViewBox().viewRange()
        at = {}
        lo, hi = self._swept
        for line, gain in ((self.critical, critical), (self.current, current)):
            # (a gain off the swept range, which the note says, is not drawn in the margin)
            shown = gain is not None and math.isfinite(gain) and lo <= gain <= hi
            line.setVisible(shown)
            if shown:
                at[line] = math.log10(gain)
                line.setValue(at[line])
        for line, other, top in ((self.critical, self.current, True),
                                 (self.current, self.critical, False)):
            if line not in at:
                continue
            x = at[line]
            near = other in at and x0 <= at[other] <= x1   # (a line off the view: no matter)
            left = at[other] > x if near else x > (x0 + x1) / 2
            room = 0.3 * (x1 - x0)   # about a label's width
            if left and x - x0 < room:
                left = False
            elif not left and x1 - x < room:
                left = True
            anchor = (1.0 if left else 0.0, 0.0 if top else 1.0)
            line.label.anchors = [anchor, anchor]
            # its text: pyqtgraph words a label only while it shows, and a line shown again
            # at the same gain (a re-sweep) sends no change of value
            line.label.valueChanged()
