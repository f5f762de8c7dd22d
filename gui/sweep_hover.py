"""The Sweep tab's hover readouts (`gui.hover`): over a map, the cell's gain, layer and value
(its colour saturates beyond the bar's ends: ±20 decades read alike whether −20 or −300);
over the line view, the nearest gain swept and its four values. Read from the arrays the tab
shows (`SweepView.shown`), never computed here."""

from __future__ import annotations

import math

import numpy as np

from .hover import HoverText
from .i18n import translate
from .texts import decades_value, fmt, source_word

QUANTITIES = {"forward": "Var[h<sup>t</sup>]", "backward": "Var[∂ℓ/∂h<sup>t</sup>]"}


def overflowed(forward: np.ndarray, beyond: np.ndarray) -> np.ndarray:
    """Per gain (the last axis: layers), whether its forward pass overflowed float32 (+∞
    among its cells beyond float32's range): its Monte Carlo has no gradient from there."""
    return (beyond & np.isposinf(forward)).any(axis=-1)


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
        """The row of the gain swept nearest `log10_gain` (None: no sweep shown yet). The
        gains of the sweep drawn, not of the boxes (a review: a range just typed read its
        first gain beside the old sweep's value)."""
        values = self.view.hover_source()[0]
        if len(values) == 0 or len(values) != self.view.theory().shape[0]:
            return None
        return int(np.argmin(np.abs(np.log10(values) - log10_gain)))

    def _gain(self, row: int) -> str:
        return fmt(float(self.view.hover_source()[0][row]))

    def _from_monte_carlo(self, row: int) -> bool:
        done = self.view.hover_source()[1]
        return done is not None and bool(done[row])

    def _value(self, direction: str, row: int, t: int, monte_carlo: bool) -> str:
        """Cell (row, t) of the Monte Carlo's map (a row it has) or the theory's, in decades,
        or, for the Monte Carlo's cells beyond float32 (±∞ on its colour scale, "0" or "∞" as
        a number), what they are."""
        maps = self.view.shown if monte_carlo else self.view.theory
        value = float(maps(direction)[row, t])
        if not monte_carlo:
            return decades_value(value)
        beyond = self.view.hover_source()[2]
        if beyond[0 if direction == "forward" else 1][row, t]:
            return (translate("SweepView", "below float32's range (the pass underflowed)")
                    if value < 0 else
                    translate("SweepView", "beyond float32's range (the pass overflowed)"))
        if math.isnan(value) and direction == "backward" \
                and overflowed(maps("forward")[row], beyond[0][row]):
            # (no gradient through a forward pass that overflowed: "—" said nothing, a tour)
            return translate("SweepView", "undefined (the forward pass overflowed)")
        return decades_value(value)

    def _describe_cell(self, direction: str, x: float, y: float) -> str:
        data, rect = self.view.shown(direction), self.view.hover_source()[3]
        if rect is None or not (rect.top() <= y <= rect.bottom()):
            return ""
        row, t = self._row(y), round(x)
        if row is None or not 0 <= t < data.shape[1]:
            return ""
        monte_carlo = self._from_monte_carlo(row)
        return translate("SweepView", "gain {gain}, layer {t}: {quantity} {value} ({source})"
                         ).format(gain=self._gain(row), t=t, quantity=QUANTITIES[direction],
                                  value=self._value(direction, row, t, monte_carlo),
                                  source=source_word(monte_carlo))

    def describe_ends(self, x: float, y: float) -> str:
        """The nearest gain's values at the network's two ends: the lines' points, its
        Monte Carlo's (where it has one) above the theory's."""
        row = self._row(x) if math.isfinite(x) else None
        if row is None:
            return ""
        lines = [translate("texts", "gain {gain}").format(gain=self._gain(row))]
        for monte_carlo in (True, False) if self._from_monte_carlo(row) else (False,):
            lines.append(translate("SweepView", "{source}: Var[h<sup>L</sup>] {forward}; "
                                                "Var[∂ℓ/∂h<sup>0</sup>] {backward}").format(
                source=source_word(monte_carlo),
                forward=self._value("forward", row, -1, monte_carlo),
                backward=self._value("backward", row, 0, monte_carlo)))
        return "<br>".join(lines)
