"""The profile's shaded bands of an ensemble of draws: 10–90 % inside min–max, per pass."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg


class Band:
    """Two shaded bands of one pass: 10–90 % (darker) inside min–max (lighter)."""

    def __init__(self, plot: pg.PlotItem, color: str):
        self.edges = [pg.PlotCurveItem(pen=pg.mkPen(None)) for _ in range(4)]
        self.fills = []
        for (lo, hi), alpha in (((0, 3), 30), ((1, 2), 60)):
            fill = pg.FillBetweenItem(self.edges[lo], self.edges[hi],
                                      brush=pg.mkBrush(pg.mkColor(color).red(),
                                                       pg.mkColor(color).green(),
                                                       pg.mkColor(color).blue(), alpha))
            fill.setZValue(-10)
            self.fills.append(fill)
            plot.addItem(fill)
        for edge in self.edges:
            plot.addItem(edge)
        self.set_data(np.arange(1), None)

    def set_data(self, layers: np.ndarray, ensemble: np.ndarray | None) -> None:
        """`ensemble`: rows min, p10, median, p90, max (engine order) per layer; None hides."""
        if ensemble is None:
            for edge in self.edges:
                edge.setData([], [])
            for item in (*self.fills, *self.edges):
                item.hide()
            return
        rows = ensemble[[0, 1, 3, 4]]
        # each band where both its edges are numbers: min–max ends where a draw dies (−∞)
        for lo, hi in ((0, 3), (1, 2)):
            keep = np.isfinite(rows[lo]) & np.isfinite(rows[hi])
            for edge in (lo, hi):
                self.edges[edge].setData(np.asarray(layers)[keep], rows[edge][keep])
        for item in (*self.fills, *self.edges):
            item.show()

    def visible(self) -> bool:
        return self.fills[0].isVisible()
