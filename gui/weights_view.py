"""The Weights panel: how the entries of one layer's W^t are distributed.

For the layer t chosen in the spin box (1 … L), the histogram of the weights this network draws
(all of W^t, or its first rows) over the density of the config's distribution, with the normal
and the uniform of the same variance γ_t beside it and the uniform's ends ±√(3γ_t) marked: at
Xavier's γ_t = 2/(n_{t−1} + n_t) those are the lecture's ±√(6/(n_in + n_out)). A flat box and a
bell of one variance give one variance profile (the Network tab's), which is the lecture's point.

The numbers come from `engine.weight_distribution`; this file draws them and words the caption.
While the panel is hidden a new config only marks it dirty.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

from engine.panel_stats import weights_text
from engine.weight_distribution import WeightDistribution, weight_distribution

from . import axis_ticks, plot_labels, theme
from .i18n import translate
from .layer_panel import LayerPanel, fixed_plot
from .texts import RULE_NAMES, distribution_name, fmt, word
from .typeset import kept_formulas, plain

HISTOGRAM_RGBA = (31, 98, 180, 90)
DRAWN_COLOR = "#1f62b4"
CHOSEN_COLOR = "#212529"
NORMAL_COLOR = "#e8590c"
UNIFORM_COLOR = "#2b8a3e"


class WeightsView(LayerPanel):
    """The distribution of W^t's entries (module docstring)."""

    def __init__(self, config=None, parent=None):
        super().__init__("weights_view", "weights_layer", parent)
        self._config = None
        self._numbers: WeightDistribution | None = None

        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.setFocusPolicy(Qt.ClickFocus)   # no Tab stop (the File menu reaches it)
        self.graphics.setMinimumSize(300, theme.pixels(220))   # (taller at a larger font)
        axis_ticks.end_label_room(self.graphics)   # (its "0.04" at variance 10⁻⁴, a review)
        self.plot = self.graphics.addPlot(row=0, col=0, axisItems={
            "left": axis_ticks.PowerAxis("left"), "bottom": axis_ticks.PowerAxis("bottom")})
        plot_labels.fit_title(self.plot)
        theme.line_axes(self.plot)
        fixed_plot(self.plot)
        self.histogram = pg.PlotDataItem(stepMode="center", fillLevel=0.0,
                                         fillBrush=pg.mkBrush(*HISTOGRAM_RGBA),
                                         pen=theme.pen(DRAWN_COLOR, 1.2))
        self.normal = pg.PlotDataItem(pen=theme.pen(NORMAL_COLOR, 2.0, style=Qt.DashLine),
                                      antialias=True)
        self.uniform = pg.PlotDataItem(pen=theme.pen(UNIFORM_COLOR, 2.0,
                                                    style=Qt.DashDotLine), antialias=True)
        self.chosen = pg.PlotDataItem(pen=theme.pen(CHOSEN_COLOR, 3.0), antialias=True)
        for item in (self.histogram, self.normal, self.uniform, self.chosen):
            self.plot.addItem(item)
        # the uniform's ends, ±√(3γ_t): ±√(6/(n_in + n_out)) under Xavier at gain 1; two
        # segments over the view's height, not InfiniteLines, whose position Qt takes for
        # unchanged within 10⁻¹² (QPointF's fuzzy ==: at γ_t = 10⁻³⁰ both stood at x = 0)
        self.ends = pg.PlotDataItem(pen=theme.pen(UNIFORM_COLOR, 1.2, style=Qt.DotLine),
                                    connect="pairs")
        self.plot.addItem(self.ends)
        # inside the box, ending at its right end (beyond it, it was cut off by the plot's
        # edge in a narrow window, a review)
        self.ends_label = pg.TextItem(color=UNIFORM_COLOR, anchor=(1, 0),
                                      fill=pg.mkBrush(255, 255, 255, 215))
        self.ends_label.setZValue(20)
        self.plot.addItem(self.ends_label, ignoreBounds=True)
        self._top = None   # the highest density drawn (`_fit_height`)
        self.plot.getViewBox().sigResized.connect(lambda box: self._fit_height())
        self.legend = plot_labels.FittingLegend(colCount=2, labelTextSize=theme.points(9),
                                                verSpacing=-4)
        self.graphics.addItem(self.legend, row=1, col=0)   # its entries: `_write_texts`

        self.finish_layout(self.graphics)
        self.retranslate()
        if config is not None:
            self.set_config(config)

    # -- the interface ------------------------------------------------------------------
    def set_config(self, config) -> None:
        """Show the weights of `config`; the layer stays where it was (clamped to 1 … L)."""
        spin = self.layer_spin
        blocked = spin.blockSignals(True)
        first = self._config is None
        spin.setMaximum(config.depth)
        if first:
            spin.setValue(1)
        spin.blockSignals(blocked)
        self._config = config
        self.schedule()

    def numbers(self) -> WeightDistribution | None:
        """The numbers drawn now (brought up to date first); None before any config."""
        self.flush()
        return self._numbers

    def stats_text(self, suffix: str) -> str | None:
        """File ▸ Export statistics on this tab: the numbers drawn now, as CSV (".csv") or
        JSON (`engine.panel_stats`); None before any config."""
        w = self.numbers()
        return None if w is None else weights_text(self._config, w, suffix)

    # -- drawing (LayerPanel) -----------------------------------------------------------
    def has_data(self) -> bool:
        return self._config is not None

    def redraw(self) -> None:
        self._numbers = weight_distribution(self._config, self.layer())
        self._draw(self._numbers)
        self._write_texts()

    def _draw(self, w: WeightDistribution) -> None:
        if w.gamma == 0:   # init zeros: every weight is 0, all the mass at one point
            for curve in (self.histogram, self.normal, self.uniform):
                curve.setData([], [])
            self.chosen.setData([0.0, 0.0], [0.0, 1.0])
            self.ends.setData([], [])
            self.ends_label.setPos(-0.02, 1.04)
            self.ends_label.show()
            self.plot.getViewBox().setRange(xRange=(-1.0, 1.0), yRange=(0.0, 1.1), padding=0.0)
            return
        # the config's own density solid (none for a 1 × 1 orthogonal W^t); the normal and
        # the uniform of its variance dashed, but not twice over the solid one
        self.chosen.setData(*(([], []) if w.density is None else (w.x, w.density)))
        self.normal.setData(*(([], []) if w.distribution == "normal" else (w.x, w.normal)))
        self.uniform.setData(*(([], []) if w.distribution == "uniform" else (w.x, w.uniform)))
        if w.hist_density is not None:
            self.histogram.setData(w.edges, w.hist_density)
        else:
            self.histogram.setData([], [])
        self._top = max(float(np.max(w.normal)), float(np.max(w.uniform)),
                        *(float(np.max(a)) for a in (w.density, w.hist_density)
                          if a is not None))
        self.plot.getViewBox().setXRange(w.x[0], w.x[-1], padding=0.0)
        self.ends_label.show()
        self._fit_height()

    def _fit_height(self) -> None:
        """The density axis up to the highest density and, above it, the ends' label (a
        tour: in a short plot, 1024 pixels with the lesson, the label had hidden the peak)."""
        w = self._numbers
        if w is None or w.gamma == 0 or self._top is None:
            return
        # the label's height, as a share of the plot's (pixels: a TextItem is not scaled)
        share = min((self.ends_label.boundingRect().height() + 2)
                    / max(self.plot.getViewBox().height(), 1.0), 0.4)
        high = 1.02 * self._top / (1.0 - share)
        self.plot.getViewBox().setYRange(0.0, high, padding=0.0)
        self.ends.setData([-w.bound, -w.bound, w.bound, w.bound], [0.0, high] * 2)
        self.ends_label.setPos(w.bound, high)

    # -- words --------------------------------------------------------------------------
    def retranslate(self) -> None:
        """Word the title, labels, legend and caption in the current language."""
        self.layer_label.setText(translate("WeightsView", "Layer &t:"))
        # (its name for a reader, and in its refusals)
        self.layer_spin.setAccessibleName(translate("WeightsView", "layer t"))
        self.layer_spin.setToolTip(translate(
            "WeightsView", "The layer whose weights W<sup>t</sup> are shown (1 … L)"))
        plot_labels.label_axis(self.plot, "bottom", translate(
            "WeightsView", "weight W<sup>t</sup><sub>ij</sub>"))
        self._write_texts()

    def _write_texts(self) -> None:
        w = self._numbers
        legend = ((self.histogram, translate("WeightsView", "this network's weights")),
                  (self.chosen, translate("WeightsView", "the chosen distribution")),
                  (self.normal, translate("WeightsView", "normal, same variance")),
                  (self.uniform, translate("WeightsView", "uniform, same variance")))
        shown = [(item, text) for item, text in legend
                 if item.getData()[0] is not None and len(item.getData()[0])]
        # the curves drawn now, each once; rebuilt only when they change (an entry added
        # again at once was laid out over another until the next layout pass)
        if [item for item, _ in shown] != [sample.item for sample, _ in self.legend.items]:
            self.legend.clear()
            for item, text in shown:
                self.legend.addItem(item, text)
        else:
            for item, text in shown:
                self.legend.getLabel(item).setText(text)
        # a point mass has a probability, not a density (a tour: init zeros' spike of height 1
        # on a density axis)
        plot_labels.label_axis(self.plot, "left", translate("WeightsView", "probability")
                               if w is not None and w.gamma == 0 else
                               translate("WeightsView", "probability density"))
        if w is None:
            self.plot.setTitle(translate("WeightsView", "The weights W<sup>t</sup>"))
            self.caption.setText(translate("WeightsView", "No network yet."))
            return
        config = self._config
        if w.gamma == 0:
            self.plot.setTitle(translate(
                "WeightsView", "Weights W<sup>t</sup> of layer t = {t} ({n_in} → {n_out}): "
                               "all 0 (init zeros)").format(t=w.layer, n_in=w.n_in,
                                                            n_out=w.n_out))
            self.ends_label.setText(translate("WeightsView", "every weight is 0: probability 1"))
            self.caption.setText(kept_formulas(plain(_caption(config, w))))
            return
        self.plot.setTitle(translate(
            "WeightsView", "Weights W<sup>t</sup> of layer t = {t} ({n_in} → {n_out}): "
                           "{distribution}, γ<sub>t</sub> = {gamma}").format(
            t=w.layer, n_in=w.n_in, n_out=w.n_out,
            distribution=distribution_name(w.distribution), gamma=fmt(w.gamma)))
        self.ends_label.setText(plain((translate("WeightsView",
                                                 "±√(6/(n_{{in}} + n_{{out}})) = ±{bound}")
                                       if _xavier_at_gain_1(config) else
                                       translate("WeightsView", "±√(3γₜ) = ±{bound}")).format(
            bound=fmt(w.bound))))   # (n_{in}: a student read the raw underscores)
        self.caption.setText(kept_formulas(plain(_caption(config, w))))


def _xavier_at_gain_1(config) -> bool:
    """The uniform's ends are the lecture's ±√(6/(n_in + n_out)) exactly."""
    return config.init == "xavier" and config.gain == 1.0


def _count(n: int) -> str:
    """A count with thin groups of three: 65 536."""
    return f"{n:,}".replace(",", " ")


def _caption(config, w: WeightDistribution) -> str:
    """What the plot shows and why the shape does not matter to the variances."""
    if w.gamma == 0:
        return translate("WeightsView", "Init zeros: every weight of layer {t} is 0 (γ_t = 0)."
                         ).format(t=w.layer)
    rule = word(RULE_NAMES, config.init)
    if config.gain != 1.0:   # γ_t holds gain² (a teacher: "Xavier gives 0.00692" at gain 1.331)
        rule = translate("WeightsView", "{rule} at gain {gain}").format(
            rule=rule, gain=f"{config.gain:g}")   # (as the gain box shows it: 1.331)
    parts = [translate(
        "WeightsView", "{rule} gives γ_t = {gamma} to layer {t}: N(0, γ_t) and U(±√(3γ_t)) "
                       "have that one variance, so every variance formula of the lecture "
                       "(Var[h^t] = n_{{t−1}}γ_t Var[h^{{t−1}}], and backward n_tγ_t) gives "
                       "both the same profile; only the shape differs.").format(
        rule=rule, gamma=fmt(w.gamma), t=w.layer)]
    if _xavier_at_gain_1(config):
        parts.append(translate(
            "WeightsView", "Xavier's uniform: U(±√(6/(n_{{in}} + n_{{out}}))) = U(±√(6/{sum})) = "
                           "U(±{bound}).").format(sum=w.n_in + w.n_out, bound=fmt(w.bound)))
    if w.hist_density is not None and w.drawn == 1:   # (a tour: "its variance" of one number)
        parts.append(translate("WeightsView", "Histogram: the one weight of W^t as this network "
                                              "draws it (seed {seed}), its square {var}.").format(
            seed=config.seed, var=fmt(w.drawn_var, zeros=True)))
    elif w.hist_density is not None:
        drawn = (translate("WeightsView", "all {n} weights of W^t") if w.whole else
                 translate("WeightsView", "the first {n} weights of W^t (its first rows)")
                 ).format(n=_count(w.drawn))
        parts.append(translate("WeightsView", "Histogram: {drawn} as this network draws them "
                                              "(seed {seed}), mean square {var} (their "
                                              "variance about a mean of 0).").format(
            drawn=drawn, seed=config.seed, var=fmt(w.drawn_var, zeros=True)))
        if w.beyond:   # (a tour: "all 65 536" while the bins held 99.997 % of them)
            parts.append((translate("WeightsView", "One of them lies beyond ±4√γ_t (4 "
                                                   "standard deviations), outside the plot.")
                          if w.beyond == 1 else
                          translate("WeightsView", "{n} of them lie beyond ±4√γ_t (4 "
                                                   "standard deviations), outside the plot.")
                          ).format(n=_count(w.beyond)))
    else:
        parts.append(translate(
            "WeightsView", "No histogram: W^t has {n} weights, and a part of a {distribution} "
                           "draw is not the network's own (it needs the whole matrix)."
        ).format(n=_count(w.n_in * w.n_out),
                 distribution=distribution_name(w.distribution)))
    if w.cut is not None:
        parts.append(translate("WeightsView", "The truncated normal: N(0, s²) cut at ±2s = "
                                              "±{cut}, s chosen so that its variance is γ_t."
                               ).format(cut=fmt(w.cut)))
    if w.distribution == "orthogonal":
        parts.append(translate("WeightsView", "An orthogonal matrix's entries are those of unit "
                                              "vectors along its longer side, n = {n}, scaled "
                                              "to variance γ_t: their density is "
                                              "(1 − x²/(nγ_t)) raised to (n − 3)/2, scaled, on "
                                              "|x| < √(nγ_t): uniform at n = 3, nearly normal "
                                              "as n grows."
                                              ).format(n=max(w.n_in, w.n_out))
                     if w.density is not None else
                     translate("WeightsView", "An orthogonal 1 × 1 matrix has one entry, ±√γ_t: "
                                              "no density."))
    text = parts[0]
    for part in parts[1:]:   # (Chinese puts no space after "。")
        text = translate("WeightsView", "{first} {second}").format(first=text, second=part)
    return text
