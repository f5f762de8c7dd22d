"""The profile: log10 pooled variance against layer, Monte Carlo solid, theory dashed.

Forward (h^t) and backward (∂ℓ/∂h^t) curves share the axes; a dotted line marks the input's
level, and a vertical line marks the layer where a pass overflows or underflows.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

from . import theme
from .heatmap import InvalidMarker, integer_ticks


def _finite(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The plottable points (pyqtgraph cannot place ±inf or NaN on an axis)."""
    y = np.asarray(y, dtype=np.float64)
    keep = np.isfinite(y)
    return np.asarray(x)[keep], y[keep]


class ProfileView(pg.GraphicsLayoutWidget):
    """log10 pooled variance per layer for both passes, Monte Carlo and theory."""

    def __init__(self, parent=None):
        super().__init__(parent)
        theme.configure()
        self.setMinimumSize(200, 160)
        plot = self.plot = self.addPlot(row=0, col=0, title="Variance profile (pooled over batch and units)")
        plot.setLabel("bottom", "layer t")
        plot.setLabel("left", "log₁₀ variance (decades)")
        plot.showGrid(x=True, y=True, alpha=0.25)
        for name in ("left", "bottom"):  # grid lines at major ticks only: 3× cheaper to paint
            plot.getAxis(name).setStyle(maxTickLevel=0)
        self.legend = pg.LegendItem(colCount=2, labelTextSize="8pt", verSpacing=-6)
        self.addItem(self.legend, row=1, col=0)
        self.reference = pg.InfiniteLine(
            pos=0.0, angle=0, movable=False,
            pen=pg.mkPen(theme.REFERENCE, width=1.5, style=Qt.DotLine),
            label="input level", labelOpts={"position": 0.1, "color": theme.REFERENCE,
                                            "anchors": [(0, 0), (0, 1)]})
        plot.addItem(self.reference, ignoreBounds=True)
        solid, dashed = Qt.SolidLine, Qt.DashLine
        self.forward_mc = self._curve(theme.FORWARD, 2.5, solid, "forward Var[h<sup>t</sup>], Monte Carlo")
        self.forward_th = self._curve(theme.FORWARD, 1.5, dashed, "forward, mean-field theory")
        self.backward_mc = self._curve(theme.BACKWARD, 2.5, solid,
                                       "backward Var[∂ℓ/∂h<sup>t</sup>], Monte Carlo")
        self.backward_th = self._curve(theme.BACKWARD, 1.5, dashed, "backward, mean-field theory")
        self.forward_marker = InvalidMarker()
        self.backward_marker = InvalidMarker()
        self.backward_marker.label.setPosition(0.08)
        self.plot.addItem(self.forward_marker, ignoreBounds=True)
        self.plot.addItem(self.backward_marker, ignoreBounds=True)

    def _curve(self, color: str, width: float, style, name: str) -> pg.PlotDataItem:
        curve = self.plot.plot(pen=pg.mkPen(color, width=width, style=style), antialias=True)
        self.legend.addItem(curve, name)
        return curve

    def set_theory(self, result) -> None:
        layers = result.layers
        self.forward_th.setData(*_finite(layers, result.theory_log10_forward_var))
        self.backward_th.setData(*_finite(layers, result.theory_log10_backward_var))
        integer_ticks(self.plot.getAxis("bottom"), len(layers))

    def set_monte_carlo(self, result) -> None:
        layers = result.layers
        self.forward_mc.setData(*_finite(layers, result.log10_forward_var))
        self.backward_mc.setData(*_finite(layers, result.log10_backward_var))
        self.forward_marker.show_invalid("forward", result.forward_invalid, result.depth)
        self.backward_marker.show_invalid("backward", result.backward_invalid, result.depth)
        self._set_reference(result)

    def _set_reference(self, result) -> None:
        level = float(result.log10_forward_var[0])
        self.reference.setValue(level if np.isfinite(level) else 0.0)
