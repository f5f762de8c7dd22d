"""The Activation panel: σ and σ' over the range a layer's pre-activations take.

For the layer t chosen in the spin box (1 … L; the last by default, and it follows the last
layer while it is there), the top plot shows σ(x) with its Taylor polynomials at 0 of first and
third order (dashed), the bottom plot σ'(x), both over x ∈ ±4√q_t, with the N(0, q_t) density
of the pre-activations h'^t shaded beneath (scaled to fit) and the region where the
first-order polynomial is within 10 % of σ shaded behind. So one sees whether the units live
where σ is linear (tanh with Xavier) or in its flat tails (tanh with gain 4), where σ' ≈ 0.
The caption names the polynomials and the share of h'^t in that region.

The box "x: ±4√qₜ" may be set to a range chosen instead (±2, ±4 or ±8: σ's shape and where its
polynomials leave it, whatever the layer's spread); the caption says how much of h'^t it holds.

The box "Compare with the lecture's σ" draws sigmoid, its fix 4·sigmoid(x) − 2 and tanh (those
that are not σ itself) in thin lines on the same range instead of the Taylor polynomials: the
lecture's comparison, sigmoid off the dotted y = x near 0, the other two on it.

The last layer is the default because it shows what depth did: the variance there has been
multiplied by every layer's factor, and it is the level the verdict judges.

The numbers come from `engine.activation_curves`, the caption's words from `activation_texts`,
the curves' styles and shading from `activation_plots`; this file lays them out and fills
them. Items are updated in place; while the panel is hidden (another tab) a new result only
marks it dirty.
"""

from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox

from engine.activation_curves import (SOURCE_MONTE_CARLO, X_RANGES, ActivationCurves,
                                      layer_curves)
from engine.activations import activation_for
from engine.lecture_sigmas import LectureCurve
from engine.panel_stats import activation_text

from . import axis_ticks, plot_labels, theme
from .activation_plots import (IDENTITY_COLOR, LECTURE_STYLES, REGION_RGBA, SIGMA_COLOR,
                               TAYLOR1_COLOR, TAYLOR3_COLOR, Shading, styled_curve)
from .activation_texts import (caption_text, chosen_range_text, invalid_text, lecture_off_text,
                               lecture_text, legend_names, q_text, source_text)
from .axis_range import fitted_beside
from .i18n import translate
from .layer_panel import LayerPanel, fixed_plot
from .texts import activation_name, fmt, formula_text
from .typeset import kept_formulas, plain, rich

# The lecture's σ widen the y range to their own by at most this factor
LECTURE_SPANS = 5.0
# Beyond this half-width of x the lecture's σ are flat at their bounds but for a sliver at 0
# (an exploding relu's ±10⁴³: their slopes a spike on relu's step): not drawn, and said
LECTURE_HALF_WIDTH = 100.0
PADDING = 0.06          # of each y span, above and below
# Taylor values beyond this many y spans are clipped (invisible either way; Qt cannot draw
# a polyline to 1e40 pixels)
CLIP_SPANS = 1000.0
LEFT_AXIS_WIDTH = 66


class ActivationView(LayerPanel):
    """σ, σ' and their Taylor polynomials over a layer's pre-activations (module docstring)."""

    def __init__(self, parent=None):
        super().__init__("activation_view", "activation_layer", parent)
        self._result = None
        self._wanted: int | None = None   # a layer asked for before the first result
        self._curves: ActivationCurves | None = None
        self._source = ""
        self._shown_layer = 0
        self._formula = ("", "")
        self._lecture: tuple[LectureCurve, ...] = ()   # the lecture's σ drawn now
        self._compared: tuple[LectureCurve, ...] = ()  # and asked for (drawn or not)
        self._outside: list[str] = []   # those of them drawn beyond the view's y range
        self._too_wide = False   # asked for, but x's range is too wide to show them
        self._legend_names: tuple[str, ...] | None = None
        self._legend_key: tuple | None = None   # what the legend is worded for
        self.compare_box = QCheckBox(objectName="activation_compare")
        self.compare_box.toggled.connect(lambda _on: self.schedule())
        self.top.insertWidget(2, self.compare_box)
        self.top.insertSpacing(2, 16)
        # x over the layer's pre-activations (±4√q_t), or a range chosen: σ's shape and where
        # its Taylor polynomials leave it, when the layer spans ±0.75 (a teacher's tour)
        # (no label beside it: the top row's width is the page's least, and beside the lesson
        # at 1024 pixels a label and longer items made the page scroll sideways)
        self.range_box = QComboBox(objectName="activation_range")
        self.range_box.setSizeAdjustPolicy(QComboBox.AdjustToContents)
        for half_width in (None, *X_RANGES):
            self.range_box.addItem("x: ±4√qₜ" if half_width is None else f"x: ±{half_width:g}",
                                   half_width)
        self.range_box.currentIndexChanged.connect(lambda _index: self.schedule())
        self.top.insertWidget(2, self.range_box)
        self.top.insertSpacing(2, 16)

        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.setFocusPolicy(Qt.ClickFocus)   # no Tab stop (the File menu reaches it)
        # two plots and a legend: below this the plots were ~30 px, their ticks overprinted (a
        # tour at 911 × 440; the tab's page scrolls instead)
        self.graphics.setMinimumSize(300, theme.pixels(380))   # (taller at a larger font)
        axis_ticks.end_label_room(self.graphics)
        self.sigma_plot, self.dsigma_plot = (
            self.graphics.addPlot(row=row, col=0, axisItems={
                "left": axis_ticks.PowerAxis("left"), "bottom": axis_ticks.PowerAxis("bottom")})
            for row in (0, 1))
        for plot in (self.sigma_plot, self.dsigma_plot):
            plot_labels.fit_title(plot)
            theme.line_axes(plot)
        # one above the other, read alike (at 1024 pixels σ's title was smaller than σ′'s, a
        # student's tour)
        plot_labels.pair_titles(self.sigma_plot, self.dsigma_plot)
        # the x ranges are set together (not linked: pyqtgraph aligns linked views by their
        # pixels), and equal left axes keep x = 0 of both plots one above the other
        for plot in (self.sigma_plot, self.dsigma_plot):
            plot.getAxis("left").setWidth(theme.pixels(LEFT_AXIS_WIDTH))
            fixed_plot(plot)
        self.graphics.ci.layout.setRowStretchFactor(0, 3)
        self.graphics.ci.layout.setRowStretchFactor(1, 2)
        self.sigma_panel = Shading(self.sigma_plot)
        self.dsigma_panel = Shading(self.dsigma_plot)
        # y = x beneath all (what the lecture asks of σ near 0: σ(0) = 0, σ'(0) = 1; sigmoid's
        # first order 1/2 + x/4 is not it, though σ follows it closely); σ broad beneath the
        # thin dashed polynomials, which show on it where they agree
        self.identity_curve = styled_curve(self.sigma_plot, IDENTITY_COLOR, 1.5, Qt.DotLine)
        self.sigma_curve = styled_curve(self.sigma_plot, SIGMA_COLOR, 3.5, Qt.SolidLine)
        self.taylor1_curve = styled_curve(self.sigma_plot, TAYLOR1_COLOR, 1.8, Qt.DashLine)
        self.taylor3_curve = styled_curve(self.sigma_plot, TAYLOR3_COLOR, 1.8, Qt.DashDotLine)
        self.dsigma_curve = styled_curve(self.dsigma_plot, SIGMA_COLOR, 3.5, Qt.SolidLine)
        self.lecture_items = {name: (styled_curve(self.sigma_plot, color, 2.0, style),
                                     styled_curve(self.dsigma_plot, color, 2.0, style))
                              for name, (color, style) in LECTURE_STYLES.items()}
        # q_t and where it came from, in the σ plot's top-left corner
        self.info = pg.TextItem(anchor=(0, 0), color=SIGMA_COLOR,
                                fill=pg.mkBrush(255, 255, 255, 215))
        self.info.setZValue(20)
        self.sigma_plot.addItem(self.info, ignoreBounds=True)
        self.sigma_plot.getViewBox().sigResized.connect(lambda *_: self._place_info())
        # a legend sample for the shaded region (never drawn itself)
        self.region_sample = pg.PlotDataItem(pen=pg.mkPen(None), fillLevel=0.0,
                                              fillBrush=pg.mkBrush(*REGION_RGBA))
        self.legend = plot_labels.FittingLegend(colCount=3, labelTextSize=theme.points(9),
                                                verSpacing=-4)
        self.graphics.addItem(self.legend, row=2, col=0)
        self._fill_legend((), "")

        self.finish_layout(self.graphics)
        self.retranslate()

    # -- the interface ------------------------------------------------------------------
    def set_result(self, result) -> None:
        """Show `result` (a SimResult, theory-only or with Monte Carlo) of the config shown.
        The layer stays where it was (clamped to 1 … L), or on the last one if it was there."""
        depth = result.config.depth
        spin = self.layer_spin
        at_last = self._result is None or spin.value() == spin.maximum()
        blocked = spin.blockSignals(True)
        spin.setMaximum(depth)
        if self._wanted is not None:   # asked for before any result (a preset)
            spin.setValue(min(self._wanted, depth))
            self._wanted = None
        elif at_last:
            spin.setValue(depth)
        spin.blockSignals(blocked)
        self._result = result
        self.schedule()

    def set_layer(self, layer: int) -> None:  # LayerPanel's: before a result, remembered
        if self._result is None:
            self._wanted = layer
        super().set_layer(layer)

    def curves(self) -> ActivationCurves | None:
        """The numbers drawn now (brought up to date first); None before any result."""
        self.flush()
        return self._curves

    def stats_text(self, suffix: str) -> str | None:
        """File ▸ Export statistics on this tab: the numbers drawn now, as CSV (".csv") or
        JSON (`engine.panel_stats`); None before any result."""
        self.flush()
        if self._curves is None:
            return None
        return activation_text(self._result.config, self._shown_layer, self._source,
                               self._curves, self._compared, suffix)

    def lecture(self) -> tuple[LectureCurve, ...]:
        """The lecture's σ drawn beside this one now (empty unless compared)."""
        self.flush()
        return self._lecture

    def set_compared(self, on: bool) -> None:
        """Draw the lecture's σ beside this one (the Compare box)."""
        self.compare_box.setChecked(on)

    def x_range(self) -> float | None:
        """The half-width of x chosen (one of X_RANGES), or None: the layer's ±4√q_t."""
        return self.range_box.currentData()

    def set_x_range(self, half_width: float | None) -> None:
        """Draw x over ±`half_width` (one of X_RANGES), or None: over the layer's ±4√q_t."""
        index = self.range_box.findData(half_width)
        if index < 0:
            raise ValueError(f"no x range ±{half_width}: one of {X_RANGES} or None")
        self.range_box.setCurrentIndex(index)

    # -- drawing (LayerPanel) -----------------------------------------------------------
    def has_data(self) -> bool:
        return self._result is not None

    def redraw(self) -> None:
        result, t = self._result, self.layer()
        act = activation_for(result.config)
        self._source, c, self._compared = layer_curves(result, t, self.compare_box.isChecked(),
                                                       self.x_range())
        self._curves = c
        self._too_wide = (self.compare_box.isChecked() and c.invalid is None
                          and c.half_width > LECTURE_HALF_WIDTH)
        self._lecture = (self._compared if c.invalid is None and not self._too_wide
                         else ())   # (those drawn)
        self._fill_legend(tuple(lc.name for lc in self._lecture), act.name)
        self._shown_layer = t
        self._formula = (html.escape(formula_text(act.formula)),
                         html.escape(formula_text(act.derivative)))
        if c.invalid is not None:
            for curve in (self.sigma_curve, self.taylor1_curve, self.taylor3_curve,
                          self.dsigma_curve, self.identity_curve, *self._lecture_curves()):
                curve.setData([], [])
            self.sigma_panel.clear()
            self.dsigma_panel.clear()
            for plot in (self.sigma_plot, self.dsigma_plot):
                plot.getViewBox().setRange(xRange=(-1.0, 1.0), yRange=(-1.0, 1.0), padding=0.0)
        else:
            self._draw(c)
        self._write_texts()

    def _lecture_curves(self) -> list[pg.PlotDataItem]:
        return [curve for pair in self.lecture_items.values() for curve in pair]

    def _draw(self, c: ActivationCurves) -> None:
        w = c.half_width
        lecture = self._lecture
        # the lecture's σ beside, unless they would shrink σ to a line: below 1e-6 sigmoid's
        # 1/2 had flattened tanh's slope (a review)
        lo, hi = fitted_beside(c.sigma, [lc.sigma for lc in lecture], PADDING, LECTURE_SPANS)
        self._outside = [lc.name for lc in lecture
                         if not np.any((lc.sigma >= lo) & (lc.sigma <= hi))]
        self.sigma_plot.getViewBox().setRange(xRange=(-w, w), yRange=(lo, hi), padding=0.0)
        self.sigma_curve.setData(c.x, c.sigma)
        reach = CLIP_SPANS * (hi - lo)
        for curve, values in ((self.taylor1_curve, c.taylor1), (self.taylor3_curve, c.taylor3)):
            # (the lecture's σ take the Taylor polynomials' place: one comparison at a time)
            curve.setData(*((c.x, np.clip(values, lo - reach, hi + reach)) if not lecture
                            else ([], [])))
        self.identity_curve.setData(c.x, np.clip(c.x, lo - reach, hi + reach))
        self.sigma_panel.set_density(c.x, c.density, lo, hi)
        dlo, dhi = fitted_beside(c.dsigma, [lc.dsigma for lc in lecture], PADDING,
                                 LECTURE_SPANS, include_zero=True)
        self.dsigma_plot.getViewBox().setRange(xRange=(-w, w), yRange=(dlo, dhi), padding=0.0)
        self.dsigma_curve.setData(c.x, c.dsigma)
        drawn = {lc.name: lc for lc in lecture}
        for name, (sigma_curve, dsigma_curve) in self.lecture_items.items():
            lc = drawn.get(name)
            sigma_curve.setData(*((c.x, lc.sigma) if lc is not None else ([], [])))
            dsigma_curve.setData(*((c.x, lc.dsigma) if lc is not None else ([], [])))
        self.dsigma_panel.set_density(c.x, c.density, dlo, dhi)
        shown = [(max(a, -2.0 * w), min(b, 2.0 * w)) for a, b in c.linear_region
                 if b > -w and a < w]
        if lecture:   # (the band is the first-order polynomial's, not drawn beside them)
            shown = []
        self.sigma_panel.set_regions(shown)
        self.dsigma_panel.set_regions(shown)

    def _fill_legend(self, lecture: tuple[str, ...], sigma: str) -> None:
        """The legend's entries: with the lecture's σ `lecture` in place of the Taylor
        polynomials when there are any, σ (named `sigma`) then named beside them; entries
        and words change only when these do (not at every result of a drag)."""
        key = (lecture, sigma if lecture else "")
        if key == self._legend_key:
            return
        self._legend_key = key
        if lecture != self._legend_names:
            self._legend_names = lecture
            self.legend.clear()
            middle = ([self.lecture_items[name][0] for name in lecture] if lecture
                      else [self.taylor1_curve, self.taylor3_curve, self.region_sample])
            for item in (self.sigma_curve, *middle, self.sigma_panel.density,
                         self.identity_curve):
                self.legend.addItem(item, "")
        self._word_legend()

    # -- words --------------------------------------------------------------------------
    def retranslate(self) -> None:
        """Word every title, label, legend entry and the caption in the current language."""
        self.layer_label.setText(translate("ActivationView", "Layer &t:"))
        # (its name for a reader, and in its refusals)
        self.layer_spin.setAccessibleName(translate("ActivationView", "layer t"))
        self.layer_spin.setToolTip(translate(
            "ActivationView", "The layer whose pre-activations h′ᵗ are shown (1 … L)"))
        plot_labels.label_axis(self.dsigma_plot, "bottom", translate(
            "ActivationView", "pre-activation x = h′<sup>t</sup>"))
        plot_labels.label_axis(self.sigma_plot, "left", "σ(x)")
        plot_labels.label_axis(self.dsigma_plot, "left", "σ′(x)")
        self.range_box.setAccessibleName(translate("ActivationView", "x range"))
        self.range_box.setToolTip(translate(
            "ActivationView", "The range of x drawn: ±4√qₜ, that of the pre-activations of "
                              "layer t (4 standard deviations), or a range chosen, to see σ's "
                              "shape and where its Taylor polynomials leave it"))
        self.compare_box.setText(translate("ActivationView",
                                           "Compare &with the lecture's σ"))
        self.compare_box.setToolTip(translate(
            "ActivationView", "Draw sigmoid, its fix 4·sigmoid(x) − 2 and tanh beside σ, in "
                              "place of the Taylor polynomials"))
        self._word_legend()
        # (its meaning in the caption: a longer legend entry set the whole legend's scale)
        self._write_texts()

    def _word_legend(self) -> None:
        sigma = (translate("ActivationView", "σ and σ′: {name}").format(
                     name=activation_name(self._result.config.activation))
                 if self._lecture else translate("ActivationView", "σ and σ′"))
        # short names where the full ones would shrink (a narrow window: at 1024 pixels with
        # the lesson open the Chinese legend was at ~7 px), as the profile's legend
        items = {"taylor1": self.taylor1_curve, "taylor3": self.taylor3_curve,
                 "density": self.sigma_panel.density, "region": self.region_sample}
        legend = ((self.sigma_curve, sigma, None), (self.identity_curve, "y = x", None),
                  *((items[key], *legend_names(key)) for key in items),
                  *((self.lecture_items[name][0], activation_name(name), None)
                    for name in LECTURE_STYLES))
        for item, text, short in legend:
            if self.legend.getLabel(item) is not None:
                self.legend.name(item, text, short)

    def _write_texts(self) -> None:
        c = self._curves
        if c is None:
            self.sigma_plot.setTitle(translate("ActivationView", "The activation σ(x)"))
            self.dsigma_plot.setTitle(translate("ActivationView", "Its slope σ′(x)"))
            self.info.setHtml("")
            self.caption.setText(translate("ActivationView", "No network yet."))
            return
        t, (formula, derivative) = self._shown_layer, self._formula
        if self.x_range() is None or c.invalid is not None:
            title = translate("ActivationView", "σ(x) = {formula} around the pre-activations "
                                                "h′<sup>t</sup> of layer t = {t}")
        else:   # (the range is not the layer's: "around" them was not so)
            title = translate("ActivationView", "σ(x) = {formula} over ±{w}, with the density "
                                                "of h′<sup>t</sup> of layer t = {t}")
        self.sigma_plot.setTitle(title.format(formula=formula, t=t, w=fmt(c.half_width)))
        self.dsigma_plot.setTitle(translate("ActivationView", "σ′(x) = {derivative}"
                                            ).format(derivative=derivative))
        info = translate("ActivationView", "q<sub>t</sub> = Var[h′<sup>t</sup>] = {q}<br>{source}"
                         ).format(q=q_text(c), source=source_text(
                             self._source == SOURCE_MONTE_CARLO,
                             self._result is not None and self._result.monte_carlo is not None))
        why = invalid_text(c.invalid).format(t=t) if c.invalid is not None else ""
        self.info.setHtml(info + ("<br>" + rich(why) if why else ""))
        self._place_info()
        lecture = lecture_text(self._lecture, activation_name(self._result.config.activation),
                               [activation_name(name) for name in self._outside]
                               ) if self._lecture else ""
        note = lecture_off_text(c.half_width) if self._too_wide else ""
        if self.x_range() is not None and c.invalid is None:
            note = " ".join(filter(None, (chosen_range_text(c, t), note)))
        # q_t as qₜ (plain text)
        self.caption.setText(kept_formulas(plain(caption_text(c, t, why, lecture, note))))

    def _place_info(self) -> None:
        """q_t's box in the σ plot's top-left corner, or in its bottom-right one where fewer
        points of the curves lie under it there, or as few and fewer of the density's outline
        (at 1024 × 600 the top-left box hid sigmoid's left end beside tanh; a curve hidden is
        worse than a piece of the density's tail)."""
        box = self.sigma_plot.getViewBox()
        (x_lo, x_hi), (y_lo, y_hi) = box.viewRange()
        dx, dy = box.viewPixelSize() if box.width() > 0 else (0.0, 0.0)
        size = self.info.boundingRect()
        w, h = size.width() * abs(dx), size.height() * abs(dy)
        curves = [self.sigma_curve, self.taylor1_curve, self.taylor3_curve, self.identity_curve,
                  *(pair[0] for pair in self.lecture_items.values())]

        def under(left: float, bottom: float) -> tuple[int, int]:
            counts = []
            for items in (curves, [self.sigma_panel.density]):
                count = 0
                for curve in items:
                    x, y = curve.getData()
                    if x is not None and len(x):
                        count += int(np.count_nonzero((x >= left) & (x <= left + w)
                                                      & (y >= bottom) & (y <= bottom + h)))
                counts.append(count)
            return counts[0], counts[1]

        right = w > 0 and under(x_hi - w, y_lo) < under(x_lo, y_hi - h)
        self.info.setAnchor((1, 1) if right else (0, 0))
        self.info.setPos(x_hi if right else x_lo, y_lo if right else y_hi)
