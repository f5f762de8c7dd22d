"""The profile: log10 pooled variance against layer, Monte Carlo solid, mean-field theory
dashed, the typical run dotted.

Forward (h^t) and backward (∂ℓ/∂h^t) curves share the axes, one legend row per kind of line.
The dashed line is the expectation over weights at infinite width; the dotted one is the
expected log of one input's squared norm (what one input of the median network follows; the
solid line, pooled over the batch, lies between it and the dashed one), drawn only where
the engine computes it exactly, and said to be unavailable elsewhere. A dotted grey line marks
the input's level, brown ones float16's limits where a curve passes them (`format_lines`), and
a vertical line the layer where a pass overflows or underflows.
With K > 1 trials the solid line is their median, over a 10–90 % band and a lighter min–max
band. Pinned runs are grey lines (dash-dot, never solid nor the theory's dashes), named in
the legend; they widen the y range by a few decades at most, and the layer axis to four times
the current run's depth, so the current run stays readable.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer
from shiboken6 import isValid

from engine.theory import typical_unavailable

from . import axis_ticks, plot_labels, theme
from .accessible_plots import plain_words
from .axis_range import ManualZoom, SteadyYRange
from .bands import Band
from .format_lines import Float16Lines, input_level_line
from .hover import HoverText
from .heatmap import integer_ticks
from .invalid_marker import InvalidMarker
from .i18n import Retranslates, translate
from .level_label import LevelLabel
from .line_key import KeyInPlace, LineKey
from .profile_names import (DIRECTIONS, KEY_NAMES, TH_NAMES, TYPICAL_NAMES, hover_text,
                            lines_tooltip, mc_name, profile_titles, short_name,
                            typical_missing_text)
from .profile_pins import (ARROWS, PinnedLines, extent, finite_points, monte_carlo_line,
                           set_points)
from .stop_texts import stretch_end

# Pinned runs widen the layer axis to at most this many times the current run's depth: a
# depth-1000 pin left a depth-50 run 5 % of the plot.
PIN_DEPTH_FACTOR = 4
# A profile shorter than this many lines names three pins or more by number, in one row
PINS_NAMED_LINES = 22


class ProfileView(Retranslates, pg.GraphicsLayoutWidget):
    """log10 pooled variance per layer for both passes, Monte Carlo and theory."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setFocusPolicy(Qt.ClickFocus)   # no Tab stop (the File menu reaches it)
        theme.configure()
        self.setMinimumSize(200, 160)
        plot = self.plot = self.addPlot(row=0, col=0,
                                        axisItems={"left": axis_ticks.PowerAxis("left"),
                                                   "bottom": axis_ticks.EdgeAxis("bottom")})
        plot_labels.fit_title(plot)
        theme.line_axes(plot)
        self.left_label = plot_labels.AxisLabelForms(plot.getAxis("left"))
        theme.grid_beneath(plot, 0.25)
        for name in ("left", "bottom"):  # grid lines at major ticks only: 3× cheaper to paint
            plot.getAxis(name).setStyle(maxTickLevel=0)
        # a labelled tick every 10 decades of a 30-decade run, not every 20 (its grid lines are
        # then the only ones: the verdict's "−30 over 50 layers" had no tick between −20, −40)
        plot.getAxis("left").setTickDensity(2.0)
        theme.cache_axes(plot)
        theme.no_context_menu(plot)
        # rows: Monte Carlo, theory, typical run; columns: forward, backward
        self.legend = plot_labels.FittingLegend(colCount=2, labelTextSize=theme.points(8),
                                                verSpacing=-6)
        self.addItem(self.legend, row=1, col=0)
        # the same as a table, in its place where even its short names would be too small
        self.key = LineKey(size=theme.points(8))
        self.addItem(self.key, row=2, col=0)
        self.switch = KeyInPlace(self, self.legend, self.key, lambda shown: self._fit_pins())
        # two columns, as the runs' legend (five pins took five rows of a short plot's room);
        # short names where it is narrow
        self.pin_legend = plot_labels.FittingLegend(colCount=2, labelTextSize=theme.points(8),
                                                    verSpacing=-6)
        self.addItem(self.pin_legend, row=3, col=0)
        # 2 px above and below the legends, not 9 (four pins at 1280 × 720: 16 blank pixels)
        self.legend.layout.setContentsMargins(9, 2, 9, 0)
        self.pin_legend.layout.setContentsMargins(9, 0, 9, 2)
        for row in (1, 2):
            self.ci.layout.setRowSpacing(row, 0)
        self.pins = PinnedLines(plot, self.pin_legend)
        self.reference = input_level_line()
        plot.addItem(self.reference, ignoreBounds=True)
        self._trials = 1
        self._stale: str | None = None   # why the Monte Carlo is dimmed (set_stale)
        self._typical = True   # whether the typical-run lines exist for the config shown
        self._missing = (None, "")   # why not: `typical_missing_text`'s arguments
        solid, dashed, dotted = Qt.SolidLine, Qt.DashLine, Qt.DotLine
        self.forward_mc = self._curve(theme.FORWARD, 2.5, solid, mc_name("forward", 1))
        self.backward_mc = self._curve(theme.BACKWARD, 2.5, solid, mc_name("backward", 1))
        self.forward_th = self._curve(theme.FORWARD, 1.5, dashed,
                                      translate("ProfileView", TH_NAMES["forward"]))
        self.backward_th = self._curve(theme.BACKWARD, 1.5, dashed,
                                       translate("ProfileView", TH_NAMES["backward"]))
        self.forward_typical = self._curve(theme.FORWARD, 2.0, dotted,
                                           translate("ProfileView", TYPICAL_NAMES["forward"]))
        self.backward_typical = self._curve(theme.BACKWARD, 2.0, dotted,
                                            translate("ProfileView", TYPICAL_NAMES["backward"]))
        self.bands = {"forward": Band(plot, theme.FORWARD), "backward": Band(plot, theme.BACKWARD)}
        # their labels at the height the fewest curves cross, the forward's high first
        heights = (0.92, 0.75, 0.5, 0.25, 0.08)
        self.forward_marker = InvalidMarker(heights, self.all_curves,
                                            lambda: [self.backward_marker.label])
        self.backward_marker = InvalidMarker(heights[::-1], self.all_curves,
                                             lambda: [self.forward_marker.label])
        self.plot.addItem(self.forward_marker, ignoreBounds=True)
        self.plot.addItem(self.backward_marker, ignoreBounds=True)
        self.y_range = SteadyYRange(plot.getViewBox())
        self.zoom = ManualZoom(self, plot.getViewBox(), self._full_range)
        self.hover = HoverText(self, plot, self.describe, self.all_curves)
        plot.getViewBox().disableAutoRange(axis=pg.ViewBox.XAxis)
        self.float16 = Float16Lines(plot, self.all_curves, lambda: [
            self.forward_marker.label, self.backward_marker.label, self.reference,
            self.reference.label])
        self.level_label = LevelLabel(self.reference, plot.getViewBox(), self.all_curves, lambda: [
            self.forward_marker.label, self.backward_marker.label, *self.float16.lines,
            *self.float16.labels()], lambda share, above: self.y_range.set_room(
                (self.reference.value(), share, above)))
        for marker, other in ((self.forward_marker, self.backward_marker),
                              (self.backward_marker, self.forward_marker)):
            # once the label is placed in its new form (after this event); the other marker's
            # label looks again where this one went (it had been placed beside the old place)
            marker.formChanged.connect(
                lambda: QTimer.singleShot(0, self, self.level_label.update))
            marker.formChanged.connect(
                lambda other=other: QTimer.singleShot(0, self, other.place_label))
        self._depth: int | None = None
        self._x_depth = 0
        plot.getViewBox().sigRangeChanged.connect(lambda *_: self._judge_pins())
        plot.getViewBox().sigXRangeChanged.connect(lambda *_: self._tick_layers())
        self.retranslate()

    def retranslate(self) -> None:
        """Title, axis labels, legends and markers in the current language."""
        plot_labels.label_axis(self.plot, "bottom", translate("ProfileView", "layer t"))
        self.left_label.set(translate("ProfileView", "log₁₀ variance (decades)"),
                            translate("ProfileView", "log₁₀ variance"))
        self.reference.label.setFormat(translate("ProfileView", "input level"))
        for direction, curve in (("forward", self.forward_th), ("backward", self.backward_th)):
            self.legend.name(curve, translate("ProfileView", TH_NAMES[direction]),
                             short_name("theory", direction))
        self._name_typical()
        self._name_trials()
        self.pins.retranslate()
        self._fit_pins()
        self.forward_marker.retranslate()
        self.backward_marker.retranslate()
        self.float16.retranslate()
        self.level_label.update()   # its new width, beside the markers' new words

    def _name_trials(self) -> None:
        """The title and the solid lines' legend names, which say how many draws there are
        (the short names leave the count to the title); beside pins, the arrowhead each pass
        has on their lines (`ARROWS`: a row of its own had cost a short profile its room)."""
        kind = "median" if self._trials > 1 else "monte_carlo"
        for direction, curve in (("forward", self.forward_mc), ("backward", self.backward_mc)):
            arrow = self._arrow(direction)
            self.legend.name(curve, arrow + mc_name(direction, self._trials),
                             arrow + short_name(kind, direction))
        plot_labels.set_title(self.plot, *profile_titles(self._trials, self._stale))
        self._fill_key()

    def _name_typical(self) -> None:
        """The dotted lines' legend names, or one entry saying they are not available; the
        tooltip that says what each kind of line is."""
        if self._typical:
            for direction, curve in (("forward", self.forward_typical),
                                     ("backward", self.backward_typical)):
                self.legend.name(curve, translate("ProfileView", TYPICAL_NAMES[direction]),
                                 short_name("typical", direction))
        else:   # why, in the legend (a tour: Xavier uniform had none and normal had them)
            self.legend.name(self.forward_typical, *typical_missing_text(*self._missing))
        for sample, _ in self.legend.items:   # no dotted sample of a line not drawn
            if sample.item is self.forward_typical:
                sample.setVisible(self._typical)
        # on the legend and the key, which name the lines, not over the plot (a student's
        # tour: it covered the hover's readout of the layer's values)
        tip = lines_tooltip(self._typical)
        for item in (self.legend, self.key):
            item.setToolTip(tip)
        self.setAccessibleDescription(plain_words(tip))   # (a reader's: it had the tooltip)
        self._fill_key()

    def _fill_key(self) -> None:
        """The key's columns (the directions, in their lines' colours) and rows (the kinds of
        line drawn)."""
        self.key.set_columns([(self._arrow(direction) + translate("ProfileView",
                                                                  DIRECTIONS[direction]), colour)
                              for direction, colour in (("forward", theme.FORWARD),
                                                        ("backward", theme.BACKWARD))])
        rows = [(translate("ProfileView", KEY_NAMES["median" if self._trials > 1
                                                    else "monte_carlo"]),
                 [self.forward_mc, self.backward_mc]),
                (translate("ProfileView", KEY_NAMES["theory"]),
                 [self.forward_th, self.backward_th])]
        if self._typical:   # (none drawn: no row, to spare a short plot; the tooltip says why)
            rows.append((translate("ProfileView", KEY_NAMES["typical"]),
                         [self.forward_typical, self.backward_typical]))
        self.key.set_rows(rows)

    def _judge_pins(self) -> None:
        """Each pin beyond the view or not (`PinnedLines.judge`), then named to fit."""
        self.pins.judge()
        self._fit_pins()

    def _fit_pins(self) -> None:
        """The pins by number alone where the lines are in the table, or where their short
        names would be too small to read."""
        if hasattr(self, "pins") and isValid(self.ci):   # (made after the key; not closed)
            # the legends' width: the view's within its margins (not a legend's own, which a
            # layout pass changes on its way: a pin named by number at a drag's frame stayed so)
            left, _, right, _ = self.ci.layout.getContentsMargins()
            self.pins.set_tight(self.pins.too_long(self.ci.width() - left - right)
                                or self.switch.tight or self._crowded())   # (width kept)

    def _crowded(self) -> bool:
        """More pins than one row of names holds, in a profile too short for two rows (a
        student's tour: three pins at 1366 × 700 left the plot 72 pixels, 54 in Chinese beside
        the lesson). Judged by the view's height, which naming them does not change."""
        lines = self.height() / max(self.fontMetrics().lineSpacing(), 1)
        return len(self.pins.pins) > 2 and lines < PINS_NAMED_LINES

    def resizeEvent(self, ev) -> None:  # Qt override
        super().resizeEvent(ev)
        # at once, not after this event: a figure is painted within one call (`gui.figures`)
        if hasattr(self, "switch") and self.switch.choose():   # (pyqtgraph resizes in __init__)
            self.ci.layout.activate()
        self._fit_pins()

    def _curve(self, color: str, width: float, style, name: str) -> pg.PlotDataItem:
        curve = self.plot.plot(pen=theme.pen(color, width, style=style), antialias=True)
        self.legend.addItem(curve, name)
        return curve

    def set_theory(self, result) -> None:
        layers, theory = result.layers, result.theory
        for curve, values in ((self.forward_th, theory.log10_forward_var),
                              (self.backward_th, theory.log10_backward_var),
                              (self.forward_typical, theory.typical_log10_forward_var),
                              (self.backward_typical, theory.typical_log10_backward_var)):
            set_points(curve, finite_points(layers, values), False)   # (a lone point: a ring)
        # why there is no typical run, and the activation only where it is why (a new text
        # re-lays out the legend)
        missing = typical_unavailable(result.config)
        self._show_typical(bool(theory.typical_available),
                           (missing, result.config.activation if missing == "activation" else ""))
        self._depth = result.config.depth
        self._fit()

    def _show_typical(self, available: bool, missing: tuple = (None, "")) -> None:
        """One legend entry saying why there are none (`missing`: `typical_unavailable`'s
        reason and the activation) instead of two names (the backward entry is the legend's
        last, so taking it out and back keeps the order)."""
        if available == self._typical and (available or missing == self._missing):
            return
        self._missing = missing
        if available == self._typical:
            self._name_typical()
            return
        self._typical = available
        if available:
            self.legend.addItem(self.backward_typical, "")
        else:
            self.legend.removeItem(self.backward_typical)
        self._name_typical()

    def set_monte_carlo(self, result) -> None:
        layers, mc = result.layers, result.monte_carlo
        trials = mc.trials
        lines = {d: monte_carlo_line(result, d) for d in ("forward", "backward")}
        for direction, curve in (("forward", self.forward_mc), ("backward", self.backward_mc)):
            set_points(curve, finite_points(layers, lines[direction]))
            self.bands[direction].set_data(layers, mc.ensemble(direction) if trials > 1
                                           else None)
        if trials != self._trials:   # relabel only on a change: text re-lays out the legend
            self._trials = trials
            self._name_trials()
        # where the solid lines end (the median's; heatmaps: the first draw's), "at t = 1 …
        # 300" where they resume; labels named by their pass when both stop (a tour)
        stops = {d: mc.stop(d) for d in ("forward", "backward")}
        for d, marker in (("forward", self.forward_marker), ("backward", self.backward_marker)):
            marker.show_invalid(d, stops[d], result.config.depth, None not in stops.values(),
                                stretch_end(stops[d], lines[d], d))
        self._set_reference(result)
        self._fit()

    def settle_range(self) -> None:
        """New settings' own result shown (its theory too): a y range of its own (`_fit`)."""
        self._fit(settle=True)

    def set_stale(self, state: str | None) -> None:
        """The Monte Carlo curves are of older settings than the dashed theory: dimmed, and
        the title says why ("computing" or "cancelled"); None: shown in full again."""
        self._stale = state
        theme.dim((self.forward_mc, self.backward_mc, self.forward_marker,
                   self.backward_marker, *(i for band in self.bands.values()
                                           for i in (*band.fills, *band.edges))),
                  state is not None)
        self._name_trials()

    def _lines(self) -> list[pg.PlotDataItem]:
        """The current run's six lines."""
        return [self.forward_mc, self.forward_th, self.backward_mc, self.backward_th,
                self.forward_typical, self.backward_typical]

    def all_curves(self) -> list[pg.PlotDataItem]:
        return self._lines() + self.pins.all_curves()

    def _fit(self, whole_pins: bool = False, settle: bool = False) -> None:
        """Keep every curve, band and the input level inside the (steady) y range, and the
        pinned runs as far as they stay near them (in full: `whole_pins`); `settle`: new
        settings' own result, fitted afresh (`SteadyYRange.settle`)."""
        curves = self._lines()
        curves += [edge for band in self.bands.values() if band.visible() for edge in band.edges]
        lo, hi = extent([np.array([self.reference.value()])] + [c.getData()[1] for c in curves])
        lo, hi = self.pins.widen(lo, hi, whole_pins)   # pins, as far as they stay near
        (self.y_range.settle if settle else self.y_range.fit)(
            lo, hi, room=(self.reference.value(), *self.level_label.room))
        self._judge_pins()
        # x: the current run's layers and a deeper pinned run's, up to PIN_DEPTH_FACTOR times
        depth = max([self._depth or 0] + self.pins.depths())
        if self._depth and not whole_pins:
            depth = min(depth, PIN_DEPTH_FACTOR * self._depth)
        if depth and depth != self._x_depth:
            self._x_depth = depth
            # a scroll or zoom reaches the deepest pin, not negative layers
            deepest = max([self._depth or 0] + self.pins.depths())
            self.plot.setLimits(xMin=-0.05 * deepest - 1, xMax=1.05 * deepest + 1)
            self.plot.getViewBox().setXRange(0, depth, padding=0.02)
        self.level_label.update()
        self.float16.update()

    def _tick_layers(self) -> None:
        """A tick at every layer only where the view spans few (a depth-6 run beside deeper
        pins spans 24 layers: its 24 labels had run together)."""
        lo, hi = self.plot.getViewBox().viewRange()[0]
        integer_ticks(self.plot.getAxis("bottom"), int(hi - lo) + 1)

    def describe(self, x: float, y: float) -> str:
        """The hover readout at layer round(x): each drawn line's value there, the pinned
        runs' too (two lines, a pin a line: five lines were taller than a short plot)."""
        del y
        t = round(x)
        if self._depth is None or not 0 <= t <= self._depth:
            return ""

        def at(curve):
            return _value_at(curve, t) if curve.isVisible() else None
        lines = {"forward": {"mc": at(self.forward_mc), "theory": at(self.forward_th),
                             "typical": at(self.forward_typical)},
                 "backward": {"mc": at(self.backward_mc), "theory": at(self.backward_th),
                              "typical": at(self.backward_typical)}}
        pins = [(pin.number, at(fwd), at(bwd))
                for pin, (fwd, bwd) in zip(self.pins.pins, self.pins.curves)]
        return hover_text(t, lines, [p for p in pins if p[1:] != (None, None)])

    def _full_range(self) -> None:
        """Every curve in view again (View ▸ Reset zoom, a double-click), the pinned runs in
        full: a teacher's pinned sigmoid (−63 decades) beside the fix (−2) stayed cut off by
        the margin new results keep to, and the legend's hint led nowhere. The next result
        fits as usual."""
        self.y_range.reset()
        self._x_depth = 0
        self._fit(whole_pins=True)

    def _set_reference(self, result) -> None:
        level = float(result.monte_carlo.log10_forward_var[0])
        self.reference.setValue(level if np.isfinite(level) else 0.0)

    def _arrow(self, direction: str) -> str:
        return ARROWS[direction] if getattr(self, "pins", None) and self.pins.pins else ""

    def set_pins(self, pins) -> None:
        """Draw the pinned runs (engine results with `.label`/`.result`, oldest first)."""
        arrows = bool(self.pins.pins)
        self.pins.set(pins)
        if bool(pins) != arrows:
            self._name_trials()
        self._fit()
        self._fit_pins()


def _value_at(curve: pg.PlotDataItem, t: int) -> float | None:
    """The curve's y at x = t (None where it has no point there)."""
    x, y = curve.getData()
    if x is None or not len(x):
        return None
    at = np.flatnonzero(np.asarray(x) == t)
    return float(y[at[0]]) if at.size else None
