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

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QLabel, QSizePolicy

from .spectrum_texts import spectrum_text
from engine import cost as run_cost
from engine.jobs import spectrum_job
from engine.config_fields import ConfigError
from engine.spectrum import check_limits

from . import axis_ticks, plot_labels, run_gate, theme
from .analysis import AnalysisPanel
from .i18n import translate
from .typeset import kept_formulas, rich
from .texts import power_of_ten, spectrum_stop_text
from .widgets import rich_lines_height

MONTE_CARLO = "#1f62b4"
THEORY = "#2b8a3e"
# The floor's line is left out of the x range when it lies further left of the rest than
# this many decades (or than the rest's own span): a pyramid's ten values, 10⁻⁰·¹ … 10⁰·⁴,
# beside relu's exact zeros at 10⁻¹²·⁴ were a sliver (a practitioner's tour). The left end
# then says where it is.
FLOOR_GAP = 3.0
# The y range over the tallest bar where the floor's label would cover a bar: room above the
# bars for it (drawn over the first bar, the tallest, it hid its top; a tour)
FLOOR_LABEL_ROOM = 1.3
HISTOGRAM_NAME = QT_TRANSLATE_NOOP("SpectrumView", "singular values of this network (histogram)")
# over an empty plot, why no spectrum was computed
BEYOND_LIMITS = QT_TRANSLATE_NOOP("SpectrumView", "not computed: beyond the spectrum's limits "
                                                  "(see below)")
NOT_RUN = QT_TRANSLATE_NOOP("SpectrumView", "not run yet (see below)")
NOT_COMPUTED = QT_TRANSLATE_NOOP("SpectrumView", "not computed (see below)")


class SpectrumView(AnalysisPanel):
    """The histogram, the mean-square comparison and the words for them."""

    def __init__(self, parent=None):
        super().__init__(spectrum_job, "spectrum", parent)
        theme.configure()
        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.setFocusPolicy(Qt.ClickFocus)   # no Tab stop (the File menu reaches it)
        self.graphics.setMinimumSize(300, theme.pixels(240))   # (taller at a larger font)
        axis_ticks.end_label_room(self.graphics)
        self.body.addWidget(self.graphics, 1)
        self.text = QLabel(objectName="spectrum_text")
        self.text.setTextFormat(Qt.RichText)
        self.text.setWordWrap(True)
        policy = QSizePolicy(QSizePolicy.Ignored, QSizePolicy.Minimum)
        policy.setHeightForWidth(True)   # as tall as its words need at its width
        self.text.setSizePolicy(policy)
        theme.reachable_caption(self.text)
        self.body.addWidget(self.text)
        self.finish_layout()
        plot = self.plot = self.graphics.addPlot(   # the texts: retranslate
            row=0, col=0, axisItems={"bottom": axis_ticks.PowerAxis("bottom"),
                                     "left": axis_ticks.CountAxis("left")})
        theme.no_context_menu(plot)
        theme.cache_axes(plot)   # (no SI prefix: a narrow spectrum read "(x0.001)")
        plot_labels.fit_title(plot)
        theme.line_axes(plot)
        theme.grid_beneath(plot, 0.25)
        for name in ("left", "bottom"):  # grid lines at major ticks only: cheaper to paint
            plot.getAxis(name).setStyle(maxTickLevel=0)
        self.legend = plot_labels.FittingLegend(colCount=2, labelTextSize=theme.points(9),
                                                verSpacing=-6)
        self.graphics.addItem(self.legend, row=1, col=0)
        # a bar each, outlined (an outline of the whole histogram merged neighbours of one
        # count: 2, 2, 2 read as one wide bar, a researcher's tour)
        pen, brush = theme.pen("#495057", 1), pg.mkBrush(120, 130, 150, 150)
        self.bars = pg.BarGraphItem(x0=[], x1=[], height=[], pen=pen, brush=brush)
        plot.addItem(self.bars)
        # its legend sample, as a histogram's elsewhere (never drawn itself; pyqtgraph's own
        # sample of a bar item is a box with a line through it)
        self._bars_sample = pg.PlotDataItem(pen=pen, fillLevel=0.0, fillBrush=brush)
        self.legend.addItem(self._bars_sample, translate("SpectrumView", HISTOGRAM_NAME))
        self.mc_line = self._line(MONTE_CARLO, Qt.SolidLine,
                                  QT_TRANSLATE_NOOP("SpectrumView", "√(mean s²), this network"))
        self.theory_line = self._line(THEORY, Qt.DashLine,
                                      QT_TRANSLATE_NOOP("SpectrumView",
                                                        "√(mean s²), mean-field theory"))
        # a linear or relu network's law at infinite width (`Spectrum.free_law`), in counts
        self.law_curve = pg.PlotDataItem(pen=theme.pen(THEORY, 2))
        self.law_curve.sample_name = QT_TRANSLATE_NOOP(
            "SpectrumView", "law of s at infinite width (free probability)")
        plot.addItem(self.law_curve)
        self.floor_line = self._line(theme.INVALID, Qt.DotLine,
                                     QT_TRANSLATE_NOOP("SpectrumView", "float64 precision floor"))
        self.floor_line.label = pg.InfLineLabel(self.floor_line, "", position=0.96,
                                                anchors=[(0, 0), (0, 0)], color=theme.INVALID,
                                                fill=(255, 255, 255, 200))
        # the floor's count in the x axis's label while its line is left of the view (over
        # the plot's left end, a tour read it as the tallest bar's)
        self.floor_off_view = False
        # an invisible point above the bars where the label needs room (`_fit_y`): the y
        # autorange, pyqtgraph's "A" button's too, takes it in; a zoom by hand stays
        self.label_room = pg.ScatterPlotItem(size=0, pen=None, brush=None)
        plot.addItem(self.label_room)
        plot.getViewBox().sigRangeChanged.connect(self._label_x)
        self.drawn = (self.bars, self.law_curve, self.mc_line, self.theory_line,
                      self.floor_line)   # faint while another network's spectrum computes
        self.note = pg.TextItem(anchor=(0.5, 0.5), color=theme.INVALID,
                                fill=(255, 255, 255, 220))   # why no histogram is drawn
        self.note.setZValue(30)
        self.plot.addItem(self.note, ignoreBounds=True)
        self.note.hide()
        self._empty: str | None = None   # why the plot is empty, when not computed
        self.spectrum = None
        self._text = None   # renders the words under the histogram
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.plot.setTitle(translate("SpectrumView", "Singular values of the input–output "
                                                     "Jacobian J = ∂h<sup>L</sup>/∂h<sup>0</sup>"))
        plot_labels.label_axis(self.plot, "left", translate("SpectrumView", "count"))
        self.text.setMinimumHeight(rich_lines_height(   # four lines, whatever it says now
            self.text, 4, translate("SpectrumView", HISTOGRAM_NAME)))
        for item, name in self._legend_names().items():
            label = self.legend.getLabel(item)   # None: not in the legend now
            if label is not None:
                label.setText(translate("SpectrumView", name))
        self._label_floor()
        self._show_note()
        if self._text is not None:
            self.text.setText(self._text())

    def _label_floor(self) -> None:
        s = self.spectrum
        below = s.below_floor if s is not None else 0
        self.floor_line.label.setFormat(
            " " + translate("SpectrumView", "← {count} below the floor").format(count=below) + " ")
        self._label_x(force=True)

    def _label_x(self, *_, force: bool = False) -> None:
        """The x axis's label, with the floor's count while its line is left of the view."""
        (x0, _), _ = self.plot.getViewBox().viewRange()
        s = self.spectrum
        off = bool(self.floor_line.isVisible() and s is not None and s.log10_floor < x0)
        if off == self.floor_off_view and not force:
            return   # (a label set again lays the plot out again)
        changed, self.floor_off_view = off != self.floor_off_view, off
        self._fill_legend()
        if changed and self._text is not None:   # (the text says where they are counted)
            self.text.setText(self._text())
        label = translate("SpectrumView", "log₁₀ singular value s")
        if off:
            note = rich(translate("SpectrumView", "← {count} below the floor at {floor}").format(
                count=s.below_floor, floor=power_of_ten(s.log10_floor)))
            label += f'&nbsp;&nbsp;&nbsp;<span style="color:{theme.INVALID}">{note}</span>'
        plot_labels.label_axis(self.plot, "bottom", label)

    def _show_text(self, render) -> None:
        """Show `render()` under the histogram, and again when the language changes."""
        self._text = render
        self.text.setText(render())

    def _line(self, color: str, style, name: str) -> pg.InfiniteLine:
        pen = theme.pen(color, 2.5, style=style)
        line = pg.InfiniteLine(angle=90, movable=False, pen=pen)
        self.plot.addItem(line)   # in the range: the lines stay in view
        line.sample = pg.PlotDataItem(pen=pen)   # the legend's entry while the line shows
        line.sample_name = name   # in English: translated when shown
        line.hide()
        return line

    # -- AnalysisPanel ---------------------------------------------------------------------
    def key(self, config):
        return config.with_values(trials=1)   # the spectrum is of the first draw

    def start(self, config) -> None:
        try:   # the limits the job itself checks
            check_limits(config)
        except ConfigError as exc:
            self._clear()
            depth, width, limits = config.depth, max(config.widths), exc.values
            self._show_text(lambda: rich(translate(
                "SpectrumView", "The Jacobian spectrum is computed for widths up to {max_width} "
                                "and depth up to {max_depth}; this network has depth {depth} and "
                                "widths up to {width}. Make it smaller to see its spectrum."
            ).format(**limits, depth=depth, width=width)))
            self.done(lambda: translate("SpectrumView", "Not computed: the network is beyond "
                                                        "the spectrum's limits."))
            self._note_empty(BEYOND_LIMITS)
            return
        if self.hold(lambda: run_gate.estimate(config, run_cost.spectrum_cost)):
            self._clear()   # (the last network's; the words beside the plot, where they are
            self._show_text(lambda: rich(self.status_words()))   # seen with a large font)
            self._note_empty(NOT_RUN)
            return
        self._empty = None
        self.note.hide()   # (a review: "not run yet" had stayed over the run it asked for)
        depth = config.depth
        self.say(lambda: translate("SpectrumView", "Computing the Jacobian of {depth} layers …"
                                   ).format(depth=depth))
        self.submit(self.key(config))

    def stopped(self) -> None:
        """Cancelled or failed, with no spectrum to show: said over the empty plot too."""
        if self.spectrum is None:
            self._note_empty(NOT_COMPUTED)

    def show_job_result(self, spectrum) -> None:
        self.spectrum = s = spectrum
        self._show_note()
        self._show_text(lambda: "<br>".join(
            rich(kept_formulas(line))
            for line in spectrum_text(s, floor_in_view=not self.floor_off_view)))
        if s.invalid is not None or len(s.log10_singular_values) == 0:
            self._clear()
            self.spectrum = s
            # the theory's √(mean s²) stays known: drawn, with why this network has none
            self._set_line(self.theory_line, s.theory_log10_mean_sq / 2)
            # centred on the theory's line, or on a range of its own: at the range left by
            # the last spectrum's edge it was cut in half (zero weights, a tour)
            x = s.theory_log10_mean_sq / 2 if np.isfinite(s.theory_log10_mean_sq) else 0.0
            self.plot.setRange(xRange=(x - 1.0, x + 1.0), yRange=(0.0, 1.0), padding=0.0)
            self.note.setPos(float(x), 0.5)
            self._show_note()
            self.done(lambda: translate("SpectrumView", "No spectrum for this network (see "
                                                        "above)."))
            return
        edges, counts = s.histogram()
        self.plot.enableAutoRange(y=True)   # (a network without a spectrum fixed it)
        if len(counts):
            self._set_bars(edges, counts)
        else:
            self._set_bars([], [])
        law = s.free_law() if len(counts) else None
        if law is not None:   # from the first bin, or the law's own lower end, if near
            reach = float(edges[0]) - (float(edges[-1]) - float(edges[0]))
            law = s.free_law(start=float(law[0][0]) if law[0][0] > reach else float(edges[0]))
        self._set_law(law, edges, len(s.log10_singular_values))
        self._set_line(self.mc_line, s.log10_mean_sq / 2)      # log10 √(mean s²)
        self._set_line(self.theory_line, s.theory_log10_mean_sq / 2)
        self._set_line(self.floor_line, s.log10_floor if s.below_floor else np.nan)
        self._fit_x(s, (*edges[:1], *edges[-1:], *((law[0][0], law[0][-1]) if law else ())))
        self._label_floor()
        self._fit_y(edges, counts)
        count = len(s.log10_singular_values)
        self.done(lambda: (translate("SpectrumView", "Spectrum of one network ({count} singular "
                                                     "value).") if count == 1 else
                           translate("SpectrumView", "Spectrum of one network ({count} singular "
                                                     "values).")).format(count=count))

    def _fit_x(self, s, ends) -> None:
        """The x range: the histogram's `ends` (and the law's), the two √(mean s²) lines,
        and the floor's line unless it lies far to their left (`FLOOR_GAP`)."""
        xs = [float(x) for x in (*ends, s.log10_mean_sq / 2, s.theory_log10_mean_sq / 2)
              if np.isfinite(x)]
        if not xs:
            self.plot.enableAutoRange(x=True)
            return
        lo, hi = min(xs), max(xs)
        if s.below_floor and s.log10_floor >= lo - max(FLOOR_GAP, hi - lo):
            lo = min(lo, s.log10_floor)
        self.plot.setXRange(lo, hi if hi > lo else lo + 1.0, padding=0.05)

    def _fit_y(self, edges, counts) -> None:
        """Room above the bars for the floor's label where it would reach the first bar, in
        view, as the x range now shown has it (`FLOOR_LABEL_ROOM`; none where the floor lies
        far enough left of the bars: they keep the plot's height)."""
        box, label = self.plot.getViewBox(), self.floor_line.label
        reach = label.boundingRect().width() * box.viewPixelSize()[0] \
            if box.width() > 0 else math.inf   # (not laid out yet: as if it reached)
        covers = (len(counts) > 0 and self.floor_line.isVisible() and not self.floor_off_view
                  and edges[0] < self.spectrum.log10_floor + reach)
        self.label_room.setData([float(edges[0])] if covers else [],
                                [FLOOR_LABEL_ROOM * float(max(counts))] if covers else [])

    def _set_law(self, law, edges, count: int) -> None:
        """The law (`Spectrum.free_law`, from the first bin or its own lower end; None: none)
        as the counts the histogram's bins would hold, `count` · bin width · density."""
        if law is None:
            self.law_curve.setData([], [])
        else:
            u, density = law
            self.law_curve.setData(u, count * (edges[1] - edges[0]) * density)
        self._fill_legend()

    def _set_line(self, line: pg.InfiniteLine, x: float) -> None:
        shown = bool(np.isfinite(x))
        if shown:
            line.setValue(float(x))
        line.setVisible(shown)
        self._fill_legend()

    def _fill_legend(self) -> None:
        """The legend names what the plot shows: the histogram while it has bars, each line
        while it is drawn, the floor's while it is in view (a researcher's tour: a network
        without a spectrum kept "singular values (histogram)" over empty axes, and a floor
        left out of the view its name)."""
        names = self._legend_names()
        wanted = [item for item, shown in (
            (self._bars_sample, len(self.bars.opts["height"]) > 0),
            (self.mc_line.sample, self.mc_line.isVisible()),
            (self.theory_line.sample, self.theory_line.isVisible()),
            (self.law_curve, self.law_curve.xData is not None and len(self.law_curve.xData) > 0),
            (self.floor_line.sample, self.floor_line.isVisible() and not self.floor_off_view))
            if shown]
        if [sample.item for sample, _ in self.legend.items] == wanted:
            return
        self.legend.clear()
        for item in wanted:
            self.legend.addItem(item, translate("SpectrumView", names[item]))

    def _legend_names(self) -> dict:
        """Each legend sample's name (English source text)."""
        lines = (self.mc_line, self.theory_line, self.floor_line)
        return {self._bars_sample: HISTOGRAM_NAME, self.law_curve: self.law_curve.sample_name,
                **{line.sample: line.sample_name for line in lines}}

    def _show_note(self) -> None:
        """Over the empty plot, why this network has no spectrum, or why none was computed
        (hidden when it has one)."""
        s = self.spectrum
        if s is None and self._empty is not None:
            self.note.setText(translate("SpectrumView", self._empty))
        elif s is None or s.invalid is None:
            self.note.hide()
            return
        else:
            self.note.setText(translate("texts", "no spectrum: {reason}").format(
                reason=spectrum_stop_text(s)))
        self.note.show()

    def _note_empty(self, source: str) -> None:
        """Over the empty plot, why it is empty (`source`: its words' source text; a tour: a
        network beyond the limits showed bare axes, the reason only in the words below)."""
        self._empty = source
        self.plot.setRange(xRange=(-1.0, 1.0), yRange=(0.0, 1.0), padding=0.0)
        self.note.setPos(0.0, 0.5)
        self._show_note()

    def _clear(self) -> None:
        self.spectrum = None
        self._empty = None
        self.note.hide()
        self.plot.enableAutoRange(x=True)   # (`_fit_x` set it: the next lines' range)
        self._set_bars([], [])
        self._set_law(None, (), 0)
        self.label_room.setData([], [])
        for line in (self.mc_line, self.theory_line, self.floor_line):
            self._set_line(line, np.nan)
        self._label_x()

    def counts(self) -> np.ndarray:
        """The histogram's counts as shown (tests)."""
        return np.asarray(self.bars.opts["height"], dtype=float)

    def _set_bars(self, edges, counts) -> None:
        edges = np.asarray(edges, dtype=float)
        self.bars.setOpts(x0=edges[:-1], x1=edges[1:], height=np.asarray(counts, dtype=float))
        self._fill_legend()
