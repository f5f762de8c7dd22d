"""The Phase diagram tab: log10 χ₁ over (σ_w², σ_b²) for the current activation.

Poole et al. 2016 and Schoenholz et al. 2017: χ₁ < 1 is the ordered phase (gradients vanish),
χ₁ > 1 the chaotic one (they explode); the black curve is the order–chaos line χ₁ = 1. The star
is the network's hidden layers. Hovering names a point (σ_w², σ_b², χ₁, ξ_c); a click sets the
gain and bias std that put the network there, through the controls like any other edit.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy

from engine import SimConfig
from engine.jobs import PhaseRequest, phase_job
from engine.phase import activation_key, default_ranges, gain_for, keeps, network_point

from . import axis_ticks, plot_labels, theme
from .texts import activation_name, han_joined
from .typeset import rich_label
from .analysis import AnalysisPanel
from .color_bar import ColorBar
from .figures import Figure
from .phase_cells import (color_span, edge_line, grid_rect, jump_bound, line_name_left,
                          line_parts, name_places, view_x, xi_c_colours)
from .i18n import translate
from .phase_texts import (chosen_note, colour_names, diagram_status, line_text,
                          network_point_text, phase_point_text, phase_titles, region_names)
from .widgets import RoomKeepingLabel, WordedCombo

GRID = 41
STAR = theme.CURRENT
LABEL_SHARE = 0.2   # the least share of the width a phase needs for its name, unmeasured
LABEL_ROOM = 1.2    # a phase's width, measured, at least this many times its name's


class PhaseView(AnalysisPanel):
    """The (σ_w², σ_b²) plane coloured by log10 χ₁ (or ξ_c), with the critical line and the
    network."""

    configChosen = Signal(object, str)   # a SimConfig for the controls, a note for the user

    def __init__(self, gain_range: tuple[float, float] = (1e-4, 1e4), parent=None):
        super().__init__(phase_job, "phase", parent)
        theme.configure()
        self.gain_range = gain_range
        row = QHBoxLayout()
        self.colour_label = QLabel()
        self.colour = WordedCombo(objectName="phase_colour")
        for name in ("chi1", "xi_c"):   # (`colour_names`)
            self.colour.addItem("", name)   # the texts: retranslate
        self.colour.currentIndexChanged.connect(self._paint)
        self.colour_label.setBuddy(self.colour)   # its name for a screen reader
        row.addWidget(self.colour_label)
        row.addWidget(self.colour)
        row.addStretch(1)
        self.body.addLayout(row)
        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.setFocusPolicy(Qt.ClickFocus)   # no Tab stop (the File menu reaches it)
        self.graphics.setMinimumSize(300, theme.pixels(240))   # (taller at a larger font)
        self.body.addWidget(self.graphics, 1)
        self.hover = QLabel(objectName="phase_hover")
        self.point = RoomKeepingLabel(objectName="phase_point")
        for label in (self.hover, self.point):
            label.setTextFormat(Qt.RichText)
            label.setContentsMargins(4, 0, 4, 0)   # level with the status line (`AnalysisPanel`)
            self.body.addWidget(label)
        # the hover's line keeps its height as the mouse moves; the point wraps (it was cut)
        self.hover.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Fixed)
        self.hover.setFixedHeight(self.hover.fontMetrics().lineSpacing() + 6)
        self.point.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        self.finish_layout()
        plot = self.plot = self.graphics.addPlot(   # the texts: retranslate
            axisItems={"bottom": axis_ticks.PowerAxis("bottom"),
                       "left": axis_ticks.PowerAxis("left")})
        theme.no_context_menu(plot)
        plot_labels.fit_title(plot)
        theme.line_axes(plot)
        plot.setMouseEnabled(x=False, y=False)
        plot.hideButtons()
        for axis in ("left", "bottom"):
            plot.getAxis(axis).enableAutoSIPrefix(False)
        plot.getViewBox().setBackgroundColor(theme.EMPTY)
        self.image = pg.ImageItem(axisOrder="row-major")
        plot.addItem(self.image)
        self.bar = ColorBar(theme.variance_cmap())
        self.bar.setImageItem(self.image, insert_in=plot)
        # its short form where the full one is taller than the plot (cut at 14 pt and 150 %)
        self.bar_label = plot_labels.AxisLabelForms(self.bar.getAxis("left"), within=plot)
        self.critical = plot.plot(pen=theme.pen("k", 3), connect="finite", antialias=True)
        self.jump = plot.plot(pen=theme.pen("k", 3, Qt.DashLine), connect="finite",
                              antialias=True)   # (where the line is a jump over χ₁ = 1)
        # (where the χ₁ > 1 side's fixed point q* ends: beyond it the colour is χ₁'s limit)
        self.edge = plot.plot(pen=theme.pen("k", 2, Qt.DotLine), connect="finite")
        self.labels = [pg.TextItem("", color="k", anchor=anchor, fill=(255, 255, 255, 170))
                       for anchor in ((0.5, 0.5), (0.5, 0.5), (-0.1, 0.5), (0.5, 0.5))]
        for label in self.labels:
            plot.addItem(label, ignoreBounds=True)
            label.hide()
        self.drawn = (self.image, self.critical, self.jump, self.edge, *self.labels)
        # The star outlined 2.5 px (at 1.5 it was lost on ξ_c's yellow cells, a tour at 200 %)
        # over a white outline 1.5 px wider each side (its violet was lost on the blue cells,
        # a colour-blind tour); over the view in the plot's pixels, over the axes (z 0.5): the
        # view's clip cut one on the grid's edge in half (σ_b² = 0, no bias; a tour)
        self.star, self.star_halo = (
            pg.ScatterPlotItem(size=18, symbol="star", brush=brush, pen=theme.pen(*pen))
            for brush, pen in ((pg.mkBrush("#fcc419"), (STAR, 2.5)),
                               (None, ((255, 255, 255, 230), 5.5))))
        for item, z in ((self.star, 1), (self.star_halo, 0.9)):
            item.setParentItem(plot)
            item.setZValue(z)
        # (a new range at once; a view moved in its plot; a new size when next painted)
        for moved in ("sigRangeChanged", "geometryChanged", "sigTransformChanged"):
            getattr(plot.getViewBox(), moved).connect(self._place_star)
        self.diagram = None
        self._label_rect = None   # the diagram's rectangle its names were placed in
        self._log = False   # the σ_w² axis of the diagram shown (or framed) is logarithmic
        self._point = None   # the network's point (engine.phase.NetworkPoint)
        self._hovered = None   # the grid point hovered: phase_point_text's arguments
        self._figure_status = None   # the status of an exported figure (`figure`)
        # the names measured against the phases' widths again (a resize, a language)
        plot.getViewBox().sigResized.connect(lambda _vb: self._replace_labels())
        self.graphics.scene().sigMouseMoved.connect(self._on_hover)
        self.graphics.scene().sigMouseClicked.connect(self._on_click)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.colour_label.setText(translate("PhaseView", "Colour:"))
        self._title()
        plot_labels.label_axis(self.plot, "bottom", translate(
            "PhaseView", "σ<sub>w</sub><sup>2</sup> = n·γ (weight variance × fan-in)"))
        plot_labels.label_axis(self.plot, "left", translate(
            "PhaseView", "σ<sub>b</sub><sup>2</sup> (bias variance)"))
        self._name_phases()
        self._show_point()
        self._show_hovered()

    def _name_phases(self) -> None:
        """The regions' names, and the colours' (`phase_texts.region_names`, `colour_names`)."""
        kind = "chaotic" if self.diagram is None else self.diagram.beyond_line
        bar, short, self._names = region_names(kind, self.colour.currentData())
        names = colour_names(kind)
        for i in range(self.colour.count()):
            self.colour.setItemText(i, names[self.colour.itemData(i)])
        self.bar_label.set(bar, short)
        for label, text in zip(self.labels, self._names):
            label.setText(text)
        self._replace_labels()

    def _replace_labels(self) -> None:
        if self.diagram is not None and self._label_rect is not None:
            self._place_labels(self._label_rect)

    # -- AnalysisPanel ---------------------------------------------------------------------
    def key(self, config):
        """The activation, and the ranges (`engine.phase.PhaseRanges`): those of the diagram
        shown (or coming) while they serve the config (`engine.phase.keeps`), else the
        engine's defaults for it."""
        act = activation_key(config)
        for key in (self._wanted_key, self._shown_key):
            if key is not None and key[0] == act and keeps(key[1], config):
                return key
        return act, default_ranges(config)

    def config_changed(self, config, theory) -> None:
        del theory   # (the ★'s values are the diagram's, at its point)
        self._point = network_point(config)
        self._place_star()
        self._show_point()
        self.restate()   # a click's meaning depends on the init (zeros: the bias only)

    def _place_star(self) -> None:
        if self._point is not None:
            x = view_x([self._point.sigma_w2], self._log)
            # (zero weights have no place on a log axis: no star, nor NaN for pyqtgraph to warn
            # "All-NaN slice" about, a breaker's tour)
            shown = bool(np.isfinite(x).all() and np.isfinite(self._point.sigma_b2))
            box = self.plot.getViewBox()
            point = QPointF(float(x[0]), float(self._point.sigma_b2)) if shown else None
            if shown and box.viewRect().contains(point):   # (its edges included)
                at = self.plot.mapFromScene(box.mapViewToScene(point))
                for item in (self.star_halo, self.star):
                    item.setData([at.x()], [at.y()])
            else:
                for item in (self.star_halo, self.star):
                    item.setData([], [])

    def star_at(self) -> tuple[float, float] | None:
        """Where the ★ is drawn, in the diagram's coordinates (σ_w² or its log10, σ_b²), or None."""
        xs, ys = self.star.getData()
        if not len(xs):
            return None
        at = self.plot.getViewBox().mapSceneToView(self.plot.mapToScene(QPointF(xs[0], ys[0])))
        return at.x(), at.y()

    def _title(self) -> None:
        plot_labels.set_title(self.plot, *phase_titles(self.colour.currentData(), self._beyond()))

    def _beyond(self, star: bool = False) -> str:
        """The diagram's χ₁ > 1 side; for the ★, "chaotic" unless it is of the ★'s activation."""
        mine = not star or (self._config is not None and self._shown_key is not None
                            and self._shown_key[0] == activation_key(self._config))
        return self.diagram.beyond_line if self.diagram is not None and mine else "chaotic"

    def restyle(self) -> None:
        """View ▸ Grey-safe colour scale: χ₁'s cells in the scale now chosen."""
        self._paint()

    def _paint(self) -> None:
        """Colour the cells by the quantity chosen (no new job: the diagram has both)."""
        self._title()
        self._name_phases()
        d = self.diagram
        if d is None:
            return
        if self.colour.currentData() == "xi_c":
            data, levels = xi_c_colours(d.xi_c)
            colours = theme.DENSITY_CMAP
        else:
            span = color_span(d.log10_chi1)
            data, levels = np.clip(d.log10_chi1, -span, span), (-span, span)
            colours = theme.variance_cmap()
        self.bar.setColorMap(theme.colormap(colours))
        self.image.setImage(data, autoLevels=False, levels=levels)
        self.bar.setLevels(levels)

    def controls_height(self) -> int:
        return self.graphics.y() - self.body.contentsMargins().top()

    def _show_point(self) -> None:
        if self._point is not None:
            p = self._point   # (its room kept over clicks: they change no widths)
            self.point.setText(rich_label(network_point_text(p, self._beyond(True))),
                               room=(p.equal_widths, p.all_layers, p.layers_differ()))

    def start(self, config) -> None:
        _, ranges = self.key(config)
        activation = config.activation
        self.say(lambda: han_joined(translate(
            "PhaseView", "Computing the phase diagram of {activation} ({grid}×{grid} fixed "
                         "points)…").format(activation=activation_name(activation), grid=GRID)))
        self.submit(PhaseRequest(config, size=GRID, ranges=ranges))
        if self.diagram is None:   # the axes span the grid at once, not pyqtgraph's −0.5 … 0.5
            self._set_log(ranges.log_sigma_w2)
            w_lo, w_hi = view_x(np.array(ranges.sigma_w2), self._log)
            self._frame(grid_rect(np.linspace(w_lo, w_hi, GRID),
                                   np.linspace(*ranges.sigma_b2, GRID)))

    def _set_log(self, log: bool) -> None:
        """Put the σ_w² axis (and the star) on a log or a linear scale."""
        self._log = log
        self.plot.getAxis("bottom").setLogMode(log)
        self._place_star()

    def show_job_result(self, diagram) -> None:
        self.diagram = d = diagram
        self._hovered = None   # (a point of the diagram before, maybe not on this one)
        self._show_hovered()
        self._paint()
        self._set_log(d.log_sigma_w2)
        rect = grid_rect(view_x(d.sigma_w2, self._log), d.sigma_b2)
        self.image.setRect(rect)
        self._frame(rect)
        solid, dashed = line_parts(view_x(d.line_sigma_w2, self._log), d.line_jumps)
        self.critical.setData(solid, d.line_sigma_b2)
        self.jump.setData(dashed, d.line_sigma_b2)
        self.edge.setData(*edge_line(view_x(d.fixed_point_edge, self._log), d.sigma_b2, rect))
        jumps_below, everywhere = jump_bound(d.line_jumps, d.line_sigma_b2)
        self._label_rect = rect
        self._place_labels(rect)   # (`_paint` named them)
        facts = (bool(np.isfinite(d.critical_sigma_w2).any()), jumps_below, everywhere,
                 bool(np.isfinite(d.fixed_point_edge).any()))

        def status() -> str:   # (the init may change under the same diagram: asked each time)
            zeros = self._config is not None and math.isnan(gain_for(self._config, 1.0))
            all_layers = self._point is not None and self._point.all_layers
            return diagram_status(d.activation, line_text(*facts), "zeros" if zeros
                                  else "click_all" if all_layers else "click")
        self.done(status)
        self._show_point()   # (its critical words are the diagram's: relu's borders no chaos)
        self._figure_status = lambda: diagram_status(d.activation, line_text(*facts), "figure")

    def figure(self) -> Figure:
        """The tab as a figure: its status says what it shows, not how to hover and click it
        (an exported PNG said "hover for χ₁ …"), without the last grid point hovered."""
        tab = super().figure()

        def paint(painter) -> None:
            shown, hovered = self.status.text(), self.hover.text()
            if self.is_current() and self._figure_status is not None:
                self.status.setText(rich_label(self._figure_status()))
            self.hover.setText("")
            try:
                tab.paint(painter)
            finally:
                self.status.setText(shown)
                self.hover.setText(hovered)

        return Figure(tab.width, tab.height, paint)

    def _frame(self, r: QRectF) -> None:
        """Show exactly `r` (the grid's cells), and never more."""
        self.plot.setLimits(xMin=r.left(), xMax=r.right(), yMin=r.top(), yMax=r.bottom())
        self.plot.getViewBox().setRange(xRange=(r.left(), r.right()), yRange=(r.top(), r.bottom()),
                                        padding=0)

    def _place_labels(self, rect: QRectF) -> None:
        d = self.diagram
        line_x, edge_x = (view_x(v, self._log) for v in (d.critical_sigma_w2, d.fixed_point_edge))
        places = name_places(rect, line_x, d.sigma_b2, edge_x)
        # a jump over 1 is not χ₁ = 1 (a review: swish's line, all dashed, was named "χ₁ = 1")
        jumps_below, everywhere = jump_bound(d.line_jumps, d.line_sigma_b2)
        name = translate("PhaseView", "χ₁ jumps over 1") if everywhere or (
            jumps_below is not None and places[2][1] < jumps_below) else "χ₁ = 1"
        # the χ₁ > 1 side named apart either side of the fixed point's edge where it parts them
        beyond = self._names[4] if places[3][2] > 0 else self._names[1]
        for label, text in ((self.labels[2], name), (self.labels[1], beyond)):
            if label.textItem.toPlainText() != text:   # (this runs on each resize)
                label.setText(text)
        width = 1.2 * self.labels[2].textItem.boundingRect().width() \
            * self.plot.getViewBox().viewPixelSize()[0]
        self.labels[2].setAnchor((1.1, 0.5) if line_name_left(line_x, edge_x, width)
                                 else (-0.1, 0.5))
        # a phase's name needs its width (in a sliver it was cut and covered the line), not a
        # fixed fifth of the plot (which hid the name of a phase of 150 pixels; a tour)
        pixels = self.plot.getViewBox().width()
        for label, (x, y, share) in zip(self.labels, places):
            fits = (share * pixels >= LABEL_ROOM * label.textItem.boundingRect().width()
                    if pixels > 0 else share >= LABEL_SHARE)   # (not laid out yet)
            label.setVisible(share > 0 and fits)
            label.setPos(x, y)

    # -- hover and click -----------------------------------------------------------------
    def _grid_point(self, scene_pos):
        """(i, j, σ_w², σ_b²) under a scene position, or None outside the diagram."""
        d = self.diagram
        vb = self.plot.getViewBox()
        if d is None or not vb.sceneBoundingRect().contains(scene_pos):
            return None
        p = vb.mapSceneToView(scene_pos)
        if not self.image.mapRectToParent(self.image.boundingRect()).contains(p):
            return None
        j = int(np.argmin(np.abs(view_x(d.sigma_w2, self._log) - p.x())))
        i = int(np.argmin(np.abs(d.sigma_b2 - p.y())))
        return i, j, 10.0 ** p.x() if self._log else p.x(), p.y()

    def _on_hover(self, scene_pos) -> None:
        hit = self._grid_point(scene_pos)
        if hit is None:
            self._hovered = None
        else:
            i, j, _, _ = hit
            d = self.diagram
            self._hovered = (float(d.sigma_w2[j]), float(d.sigma_b2[i]),
                             float(d.log10_chi1[i, j]), float(d.xi_c[i, j]), d.homogeneous)
        self._show_hovered()

    def _show_hovered(self) -> None:
        if self._hovered is None:
            self.hover.setText("")
        else:
            self.hover.setText(rich_label(translate("PhaseView", "grid point {point}").format(
                point=phase_point_text(*self._hovered, beyond=self._beyond()))))

    def _on_click(self, event) -> None:
        if event.button() != Qt.LeftButton or event.double():
            return
        hit = self._grid_point(event.scenePos())
        if hit is not None:
            self.choose_point(hit[2], hit[3])

    def choose_point(self, sigma_w2: float, sigma_b2: float) -> SimConfig | None:
        """Set the gain and bias std that give the hidden layers (σ_w², σ_b²) (the gain clamped
        to the control's range); emits configChosen and returns the new config."""
        config = self._config
        if config is None:
            return None
        d = self.diagram
        if d is not None:   # the diagram's own range: no σ_w² ≤ 0
            sigma_w2, sigma_b2 = (min(max(v, a[0]), a[-1]) for v, a in (
                (sigma_w2, d.sigma_w2), (sigma_b2, d.sigma_b2)))
        bias = round(math.sqrt(max(sigma_b2, 0.0)), 4)
        gain = gain_for(config, sigma_w2)
        if math.isnan(gain):   # init zeros: σ_w² is 0 at every gain
            chosen = config.with_values(bias_std=bias)
            self.configChosen.emit(chosen, chosen_note(None, bias))
            return chosen
        gain = float(f"{gain:.4g}")
        lo, hi = self.gain_range
        clamped = not lo <= gain <= hi
        gain = min(max(gain, lo), hi)
        chosen = config.with_values(gain=gain, bias_std=bias)
        self.configChosen.emit(chosen, chosen_note(gain, bias, self.gain_range if clamped
                                                   else None))
        return chosen
