"""The Sweep tab's hover readouts (`gui.hover`): over a map, the cell's gain, layer and value
(its colour saturates beyond the bar's ends: ±20 decades read alike whether −20 or −300);
over the line view, the nearest gain swept and its four values. Read from the arrays the tab
shows (`SweepView.shown`), never computed here."""

from __future__ import annotations

import math

import numpy as np

from .hover import HoverText
from .i18n import translate
from .texts import decades_value, fmt

QUANTITIES = {"forward": "Var[h<sup>t</sup>]", "backward": "Var[∂ℓ/∂h<sup>t</sup>]"}


class SweepHover:
    """Hover readouts over `view`'s two maps and its line view."""

    def __init__(self, view):
        self.view = view
        (forward, *_), (backward, *_) = view.views
        self.readouts = [HoverText(view.graphics, forward, self.describe_forward),
                         HoverText(view.graphics, backward, self.describe_backward),
                         HoverText(view.lines_graphics, view.lines.plot, self.describe_ends,
                                   self.line_curves)]

    def line_curves(self) -> list:
        """The line view's curves (its readout takes the corner that hides fewer points)."""
        return list(self.view.lines.curves.values())

    def describe_forward(self, x: float, y: float) -> str:
        return self._describe_cell("forward", x, y)

    def describe_backward(self, x: float, y: float) -> str:
        return self._describe_cell("backward", x, y)

    def _row(self, log10_gain: float) -> int | None:
        """The row of the gain swept nearest `log10_gain` (None: none swept yet)."""
        values = self.view.values()
        if self.view.theory().size == 0 or len(values) != self.view.theory().shape[0]:
            return None
        return int(np.argmin(np.abs(np.log10(values) - log10_gain)))

    def _source(self, row: int) -> str:
        done = self.view.monte_carlo_rows()
        return (translate("SweepView", "Monte Carlo") if done is not None and done[row]
                else translate("SweepView", "theory"))

    def _describe_cell(self, direction: str, x: float, y: float) -> str:
        data, rect = self.view.shown(direction), self.view.map_rect()
        if rect is None or not (rect.top() <= y <= rect.bottom()):
            return ""
        row, t = self._row(y), round(x)
        if row is None or not 0 <= t < data.shape[1]:
            return ""
        return translate("SweepView", "gain {gain}, layer {t}: {quantity} {value} ({source})"
                         ).format(gain=fmt(float(self.view.values()[row])), t=t,
                                  quantity=QUANTITIES[direction],
                                  value=decades_value(float(data[row, t])),
                                  source=self._source(row))

    def describe_ends(self, x: float, y: float) -> str:
        """The nearest gain's values at the network's two ends: the lines' points, its
        Monte Carlo's (where it has one) above the theory's."""
        row = self._row(x) if math.isfinite(x) else None
        if row is None:
            return ""
        sources = [(translate("SweepView", "theory"), self.view.theory)]
        done = self.view.monte_carlo_rows()
        if done is not None and done[row]:   # (the maps shown have its row from the Monte Carlo)
            sources.insert(0, (translate("SweepView", "Monte Carlo"), self.view.shown))
        lines = [translate("SweepView", "gain {gain}").format(
            gain=fmt(float(self.view.values()[row])))]
        for source, maps in sources:
            lines.append(translate("SweepView", "{source}: Var[h<sup>L</sup>] {forward}; "
                                                "Var[∂ℓ/∂h<sup>0</sup>] {backward}").format(
                source=source, forward=decades_value(float(maps("forward")[row, -1])),
                backward=decades_value(float(maps("backward")[row, 0]))))
        return "<br>".join(lines)
