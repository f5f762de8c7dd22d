"""The distribution heatmap: per layer (x), the histogram of activation values (y).

Bounded activations (sigmoid, tanh, 4·sigmoid − 2) are shown on their range, so saturation
reads as mass piling at the bounds (Glorot & Bengio 2010, Fig. 3/4); unbounded ones are shown
standardized, (h − mean)/std, so the shape stays visible however the scale drifts.

The colour is the log of the density over DENSITY_DECADES below its (rounded) peak, so an atom
and a spread-out part show together: relu's half of its mass at exactly 0 is one bin of high
density beside the positive half's low one, which a linear scale paints as background.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt

from . import plot_labels, theme
from .axis_range import ManualZoom
from .axis_ticks import EdgeAxis, PowerAxis
from .color_bar import ColorBar
from .empty_note import EmptyNote, Note
from .hover import HoverText
from .stop_texts import invalid_text, stretch_end
from .texts import decades_value, share_text
from .heatmap import integer_ticks, round_up
from .i18n import Retranslates, translate

DENSITY_DECADES = 3
# The standardized axis marks where h = 0 lies once some layer is this far off centre (in
# standard deviations): relu's zeros at −0.68 read as negative outputs (a teacher's tour).
ZERO_OFF_CENTRE = 0.1
# The hover says what share of a layer's values its axis leaves out from this share on (relu's
# tails beyond ±4 sd, a few tenths of a per cent, had lengthened every hover: a review).
SAID_BEYOND = 0.01


class DistributionView(Retranslates, pg.GraphicsLayoutWidget):
    """Histogram density of h^t per layer, as an image with a colour bar."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setFocusPolicy(Qt.ClickFocus)   # no Tab stop (the File menu reaches it)
        theme.configure()
        self.setMinimumSize(200, 160)
        self.plot = self.addPlot(axisItems={"left": PowerAxis("left"),
                                            "bottom": EdgeAxis("bottom")})
        # over the left axis too: its label ("h (standardized)", ~110 px) is shorter than the
        # plot's axis (≥ ~175 px in the dashboard, whose profile row keeps ≥ 19 lines)
        plot_labels.fit_title(self.plot, over_left_axis=True)
        theme.line_axes(self.plot)
        # never past the axis's ends: the title spreads over it (at 1024 × 640 "h = 0)" ran
        # over the title's "D", a tour of the exports)
        self.left_label = plot_labels.AxisLabelForms(self.plot.getAxis("left"), overrun=0)
        self._standardized = False
        theme.cache_axes(self.plot)
        theme.no_context_menu(self.plot)
        self.plot.getViewBox().setBackgroundColor(theme.EMPTY)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.plot.addItem(self.image)
        # where h = 0 lies on the standardized axis (`_show_zero`): a dark tick at each edge
        # of each layer's column, seen on the yellow of relu's zeros (white dashes were not, a
        # student's tour), the middle of the column left to the zeros' bright bin (a stroke
        # across narrow columns hid it, a review); the axis's label says what they are
        self.zero = pg.PlotDataItem(pen=theme.pen("k", 1.5), connect="pairs")
        self.zero.hide()
        self.plot.addItem(self.zero)
        self.bar = ColorBar(theme.DENSITY_CMAP, values=(0, 1))   # label: in retranslate
        self.bar.setImageItem(self.image, insert_in=self.plot)
        self.bar_label = plot_labels.AxisLabelForms(self.bar.getAxis("left"))
        self._rect = None
        self.zoom = ManualZoom(self, self.plot.getViewBox(), self._full_range)
        self._density = self._edges = None   # bins × layers and the bins' edges, as given
        self._beyond = None   # per layer, the share of its values beyond the edges
        self._invalid = None   # where the forward pass stopped being representable
        self._until: int | None = None   # … and where values come back (`stretch_end`)
        self.hover = HoverText(self, self.plot, self.describe)
        self._kept: float | None = None   # the colour bar's top kept for new data
        self._result = None   # the result shown, for drawing again in levels of its own
        self.note = EmptyNote(self.plot)   # why there is nothing yet (`say_empty`)
        self.retranslate()

    def set_stale(self, stale: bool) -> None:
        """Dim the picture: it is of older settings than the controls show."""
        theme.dim((self.image,), stale)

    def say_empty(self, note: Note) -> None:
        """While no result has been shown, say `note` over the empty plot (why there is none
        yet); "" says nothing."""
        if self._result is None:
            self.note.set(note)

    def retranslate(self) -> None:
        """Title, axis labels and colour bar in the current language."""
        plot_labels.set_title(
            self.plot,
            translate("DistributionView", "Distribution of activations h<sup>t</sup> (per layer)"),
            translate("DistributionView", "Distribution of h<sup>t</sup>"))
        plot_labels.label_axis(self.plot, "bottom", translate("DistributionView", "layer t"))
        self.bar_label.set(translate("DistributionView", "log₁₀ probability density (scale kept)")
                           if self._kept is not None else
                           translate("DistributionView", "log₁₀ probability density"),
                           translate("DistributionView", "log₁₀ density"))
        self._label_values()
        self.note.reword()

    def _label_values(self) -> None:
        """h, standardized or not; the ticks of h = 0 named where they show and the label
        fits its axis (else it is "h (standardized)")."""
        short = translate("DistributionView", "h (standardized)") if self._standardized else "h"
        self.left_label.set(translate("DistributionView", "h (standardized; black ticks: h = 0)")
                            if self._standardized and self.zero.isVisible() else short, short)

    def _show_zero(self, mc) -> None:
        """The ticks of h = 0 on each standardized layer's column, where some layer's is off
        centre (`ZERO_OFF_CENTRE`); none on a bounded σ's axis, which is h itself."""
        zero = mc.hist_zero if mc.hist_standardized else None
        finite = np.isfinite(zero) if zero is not None else None
        shown = finite is not None and bool(finite.any()) \
            and float(np.abs(zero[finite]).max()) >= ZERO_OFF_CENTRE
        if shown != self.zero.isVisible():
            self.zero.setVisible(shown)
            self._label_values()
        if shown:
            layers = np.flatnonzero(finite).astype(float)
            ends = np.column_stack([layers - 0.48, layers - 0.3, layers + 0.3, layers + 0.48])
            self.zero.setData(ends.ravel(), np.repeat(zero[finite], 4))

    def describe(self, x: float, y: float) -> str:
        """The hover readout: the density of h^t in the bin under the mouse."""
        if self._density is None:
            return ""
        t, b = round(x), int(np.searchsorted(self._edges, y)) - 1
        if not (0 <= t < self._density.shape[1] and 0 <= b < self._density.shape[0]):
            return ""
        density = float(self._density[b, t])
        if not np.isfinite(density):   # the whole layer (the empty ground): say why
            stop, until = self._invalid, self._until   # (a stretch: "at t = 1 … 6")
            if stop is not None and stop.layer <= t <= (math.inf if until is None else until):
                why = invalid_text("forward", stop, until)
            else:
                why = translate("DistributionView", "every value the same: nothing to "
                                                    "standardize by")
            return translate("DistributionView", "layer {t}: no histogram ({why})").format(
                t=t, why=why)
        with np.errstate(divide="ignore"):
            log10 = float(np.log10(density))
        # (standardized, it says so: a relu bin at −0.7 read as a negative output, a tour)
        text = (translate("DistributionView", "layer {t}, (h − mean)/sd in [{lo}, {hi}): density "
                                              "{value}") if self._standardized else
                translate("DistributionView", "layer {t}, h in [{lo}, {hi}): density {value}"))
        text = text.format(t=t, lo=f"{self._edges[b]:.3g}".replace("-", "−"),
                           hi=f"{self._edges[b + 1]:.3g}".replace("-", "−"),
                           value=decades_value(log10))
        return self._beyond_text(text, t)

    def _beyond_text(self, text: str, t: int) -> str:
        """The hover's `text`, with the share of layer t's values that the axis leaves out
        where it is `SAID_BEYOND` or more (a tour: the input's N(0, 1) is a third beyond
        tanh's ±1, unsaid); σ's own values are never beyond a bounded σ's axis."""
        beyond = self._beyond[t] if self._beyond is not None else math.nan
        if not (beyond >= SAID_BEYOND and (self._standardized or t == 0)):   # (NaN: not said)
            return text
        said = (translate("DistributionView", "{share} of its values lie beyond ±4 sd (not "
                                              "drawn)") if self._standardized else
                translate("DistributionView", "h⁰ is the input, not an output of σ: {share} of "
                                              "it lies outside σ's range (not drawn)"))
        return translate("DistributionView", "{text}; {beyond}").format(
            text=text, beyond=said.format(share=share_text(beyond)))

    def _full_range(self) -> None:
        """Every layer and value in view (a new range, a double-click, View ▸ Reset zoom)."""
        if self._rect is not None:
            x, y, w, h = self._rect
            self.plot.getViewBox().setRange(xRange=(x, x + w), yRange=(y, y + h), padding=0)

    def keep_levels(self, keep: bool) -> None:
        """Keep the colour bar's levels for new data (View ▸ Keep colour scales), or give
        each result its own again (drawn again now)."""
        self._kept = self.bar.levels()[1] if keep else None
        self.retranslate()   # the bar's label says the scale is kept
        if not keep and self._result is not None:
            self.set_data(self._result)

    def set_data(self, result) -> None:
        self._result = result
        self.note.set("")
        mc = result.monte_carlo
        density = np.asarray(mc.hist_density, dtype=np.float64).T  # rows: bins (y)
        edges = np.asarray(mc.hist_edges, dtype=np.float64)
        self._density, self._edges = density, edges
        self._beyond = mc.hist_beyond
        self._invalid = mc.forward_invalid   # (of the first draw, which it shows)
        self._until = stretch_end(mc.forward_invalid, mc.trial_log10_forward_var[0], "forward")
        finite = np.isfinite(density)
        # rounded up (1, 2, 3, 5 × 10^k): the colour bar holds still while a slider moves
        peak = float(density[finite].max()) if finite.any() else 0.0
        top = self._kept if self._kept is not None else \
            float(np.log10(round_up(peak))) if peak > 0 else 0.0
        levels = (top - DENSITY_DECADES, top)
        # a layer with no density (beyond an overflow, or with no spread to standardize by)
        # stays NaN, drawn as the empty ground like the heatmaps' (it read as zero density)
        with np.errstate(divide="ignore", invalid="ignore"):
            shown = np.maximum(np.log10(np.where(finite, density, np.nan)), levels[0])
        self.image.setImage(shown, autoLevels=False, levels=levels)
        if tuple(self.bar.levels()) != levels:
            self.bar.setLevels(levels)
        standardized = bool(mc.hist_standardized)
        if standardized != self._standardized:
            self._standardized = standardized
            self._label_values()
        self._show_zero(mc)
        layers = density.shape[1]
        rect = (-0.5, float(edges[0]), float(layers), float(edges[-1] - edges[0]))
        if rect != self._rect:
            self._rect = rect
            self.image.setRect(QRectF(*rect))
            self.plot.setLimits(xMin=rect[0], xMax=rect[0] + rect[2],
                                yMin=rect[1], yMax=rect[1] + rect[3])
            self._full_range()
            integer_ticks(self.plot.getAxis("bottom"), layers)
            # its labels' room measured afresh, as the heatmaps' (`HeatmapView.set_data`)
            self.plot.getAxis("left").textWidth = 0
