"""Runs spanning hundreds of decades, overflow, underflow and dead units display correctly."""

import math

from pathlib import Path

import numpy as np
import pyqtgraph as pg
import pytest

from engine import SimConfig, simulate
from gui import stop_texts
from gui.heatmap import nice_span
from gui.profile_pins import dots
from gui.typeset import as_shown


@pytest.fixture
def show(window, plotted):
    def run(values):
        shape = {} if "widths" in values else {"depth": 6, "width": 16}
        window.set_config(SimConfig.from_dict({**shape, "batch": 32, **values}))
        return plotted(window, timeout=30000)

    return run


def test_nice_span():
    assert [nice_span(v) for v in (0.2, 1, 1.5, 2.5, 4, 7, 149, 241)] == \
        [1, 1, 2, 3, 5, 10, 200, 300]


def test_an_exploding_linear_net_spans_hundreds_of_decades(window, show):
    result = show({"activation": "identity", "init": "constant", "variance": 1.0, "depth": 100,
                   "width": 32})
    assert result.monte_carlo.log10_forward_var[-1] > 140
    low, high = window.dashboard.forward.levels()
    assert low == -high and high >= 150
    xs, ys = window.dashboard.profile.forward_mc.getData()
    assert len(xs) == 101 and ys[-1] > 140
    assert window.dashboard.readout.verdict().kind == "exploding"
    assert "EXPLODING" in window.dashboard.readout.text()


def test_a_thirty_decade_profile_labels_every_ten_decades(window, show):
    """A tour: the verdict's "−30 over 50 layers" beside ticks at 0, −20 and −40 only."""
    result = show({"activation": "identity", "gain": 0.5, "depth": 50})
    assert round(result.monte_carlo.log10_forward_var[-1]) == -30
    axis = window.dashboard.profile.plot.getAxis("left")
    lo, hi = axis.range
    assert lo <= -30 and hi >= 0
    assert axis.tickSpacing(lo, hi, axis.geometry().height())[0][0] <= 10


def test_underflow_is_marked_where_it_begins(window, show):
    result = show({"gain": 0.1, "depth": 50, "bias_std": 1e-38})   # (float32's bias: 0)
    assert result.monte_carlo.forward_invalid is not None and result.monte_carlo.forward_invalid.reason == "underflow"
    marker = window.dashboard.profile.forward_marker
    assert marker.isVisible() and marker.value() == result.monte_carlo.forward_invalid.layer
    assert "underflow from t = " in marker.label.format
    heat = window.dashboard.forward
    assert heat.marker.isVisible()
    image = heat.image.image
    assert np.isnan(image[:, result.monte_carlo.forward_invalid.layer:]).all()  # empty beyond it
    xs, _ = window.dashboard.profile.forward_mc.getData()
    assert xs.max() < result.monte_carlo.forward_invalid.layer


def test_zero_weights_profile_shows_each_pass_s_one_layer_and_names_both_stops(window, show,
                                                                             qtbot):
    """A tour: zero weights under sigmoid leave each pass one finite layer (the input's
    variance; the output's gradient), drawn as nothing, and at 1366 pixels the two stops'
    labels both read "exactly zero variance from t = 1". Each lone point is a dot; each label
    keeps its pass's name in every form that has room for a word when both passes stop."""
    window.resize(1366, 768)
    result = show({"depth": 2, "activation": "sigmoid", "init": "zeros"})
    profile = window.dashboard.profile
    for curve, layer in ((profile.forward_mc, 0), (profile.backward_mc, 2)):
        xs, _ = curve.getData()
        assert list(xs) == [layer] and list(dots(curve).getData()[0]) == [layer]
    forms = [m.label.format.strip() for m in (profile.forward_marker, profile.backward_marker)]
    assert forms[0].startswith("forward") and forms[1].startswith("backward"), forms
    assert forms == ["forward from t = 1", "backward from t = 1"]   # (full forms: no room)
    window.set_language("zh_CN")   # re-worded, still named by their passes
    window.set_language("en")
    assert [m.label.format.strip() for m in (profile.forward_marker,
                                             profile.backward_marker)] == forms
    assert stop_texts.invalid_forms("forward", result.monte_carlo.stop("forward"), True) == (
        "forward exactly zero variance from t = 1", "forward from t = 1", "t = 1")
    # exported at 4×, a dot's outline is widened as the lines are (a review: 2 px in a 4× PNG)
    from gui import figures, theme

    drawn = []
    ring = dots(profile.forward_th)
    paint = ring.paint
    ring.paint = lambda *args: drawn.append(ring.opts["pen"].widthF()) or paint(*args)
    try:
        figures.image(window.shown_figure(profile), 4.0)
    finally:
        del ring.paint
    assert max(drawn) == pytest.approx(4 * ring.opts["pen"].widthF() / theme.line_scale())
    show({})   # a curve again: no dots
    assert len(dots(profile.forward_mc).getData()[0]) == 0
    assert len(profile.forward_mc.getData()[0]) > 1


def test_a_stretch_without_values_breaks_the_line_and_is_said_as_a_stretch(window, show):
    """A student's tour: selu with zero weights, layers of width 1 and a bias has exactly zero
    variance at t = 1 … 6 and a variance again at t = 7 (the units' biases); the profile
    bridged the stretch with one straight line and its marker said "from t = 1". The line
    breaks over it, its lone ends are dots, and the marker names the stretch."""
    window.resize(1366, 768)
    result = show({"activation": "selu", "init": "zeros", "bias_std": 1.0,
                   "widths": "16, 1x6, 4", "batch": 32})
    assert np.isfinite(result.monte_carlo.log10_forward_var[[0, 7]]).all()
    profile = window.dashboard.profile
    xs, _ = profile.forward_mc.getData()
    assert list(xs) == [0, 7] and not profile.forward_mc.opts["connect"].any()
    assert list(dots(profile.forward_mc).getData()[0]) == [0, 7]
    forms = stop_texts.invalid_forms("forward", result.monte_carlo.stop("forward"), True, 6)
    kept = "1\u00a0…\u00a06"   # (never parted by a line break: a hover had "6)" alone)
    assert forms == (f"forward exactly zero variance at t = {kept}", f"forward at t = {kept}",
                     f"t = {kept}")
    assert profile.forward_marker.label.format.strip() in forms
    # the distribution's hover over the stretch says so too (a review: "from t = 1")
    assert window.dashboard.distribution.describe(3, 0.0) == \
        f"layer 3: no histogram (forward exactly zero variance at t = {kept})"
    # one layer alone: float32 holds 10⁶ + 10⁻⁶·x as 10⁶ for every input at t = 1 only
    result = show({"activation": "linear", "alpha": 1e-6, "beta": 1e6, "depth": 6,
                   "width": 16, "batch": 32})
    xs, _ = profile.forward_mc.getData()
    assert list(xs) == [0, 2, 3, 4, 5, 6]
    assert list(profile.forward_mc.opts["connect"]) == [False, True, True, True, True, False]
    assert list(dots(profile.forward_mc).getData()[0]) == [0]
    assert profile.forward_marker.label.format.strip() in (
        "forward exactly zero variance at t = 1", "forward at t = 1", "t = 1")
    assert stop_texts.invalid_forms("forward", result.monte_carlo.stop("forward"),
                                    until=1)[1] == "exactly zero variance at t = 1"


def test_the_profile_marks_where_the_median_of_draws_ends(window, show):
    """With several draws the profile's solid line is their median: its marker, its end and
    the verdict are the median's (all twelve die one by one); the heatmaps show the first draw
    and mark its death."""
    result = show({"widths": "4x121", "activation": "relu", "init": "he", "trials": 12,
                   "batch": 64, "seed": 3})
    mc, d = result.monte_carlo, window.dashboard
    stop, first = mc.stop("forward"), mc.forward_invalid
    assert stop.reason == first.reason == "exactly zero variance" and stop.layer < first.layer
    assert d.profile.forward_marker.isVisible() and d.profile.forward_marker.value() == stop.layer
    assert d.forward.marker.isVisible() and d.forward.marker.value() == first.layer
    xs, _ = d.profile.forward_mc.getData()
    assert xs.max() == stop.layer - 1
    assert f"then exactly zero variance at layer {stop.layer}" in d.readout.text()
    assert "the heatmaps and the distribution show the first of 12 draws" in d.readout.text()
    # the min–max band ends at the first death of a draw, the 10–90 % band where its edge dies
    first_death = min(stops[0].layer for stops in mc.trial_forward_stops)
    band = d.profile.bands["forward"]
    assert band.edges[0].getData()[0].max() == first_death - 1
    assert band.edges[0].getData()[0].size == band.edges[3].getData()[0].size
    inner = band.edges[1].getData()[0]
    assert inner.max() > first_death and inner.size == band.edges[2].getData()[0].size


def test_overflow_marks_both_passes(window, show):
    result = show({"activation": "elu", "init": "constant", "variance": 10.0, "depth": 100})
    assert result.monte_carlo.forward_invalid.reason == "overflow"
    d = window.dashboard
    assert d.profile.forward_marker.isVisible() and d.profile.backward_marker.isVisible()
    assert "overflow" in d.profile.forward_marker.label.format
    assert "undefined" in d.profile.backward_marker.label.format
    assert d.readout.verdict().kind == "exploding"
    # a later stable run hides the markers again
    show({})
    assert not d.profile.forward_marker.isVisible() and not d.forward.marker.isVisible()


def test_dead_units_are_black_not_a_small_variance(window, show, qtbot):
    """A relu unit dead for the whole batch has exactly zero variance: black, said so by the
    readout and the hover, apart from the colours of small variances."""
    from PySide6.QtCore import QPointF

    from gui import figures

    result = show({"activation": "relu", "init": "he", "width": 3, "depth": 30, "batch": 16})
    per_unit = result.monte_carlo.unit_log10_forward_var.T   # units × layers
    dead = np.isneginf(per_unit)
    assert dead.any() and np.isfinite(per_unit[~dead]).any()
    view = window.dashboard.forward
    assert np.isnan(view.image.image[dead]).all()        # not a colour of the scale ...
    np.testing.assert_array_equal(view.marks.image, dead)  # ... but the black layer
    assert "black: Var exactly 0" in window.dashboard.readout.text()
    image = figures.image(figures.widget_figure(view))
    box = view.plot.getViewBox()

    def pixel(i, t):
        point = view.mapFromScene(box.mapViewToScene(QPointF(t, i)))
        return image.pixelColor(point.x(), point.y())

    i, t = map(int, np.argwhere(dead)[-1])
    assert max(pixel(i, t).getRgb()[:3]) < 60, pixel(i, t).getRgb()
    i, t = map(int, np.argwhere(np.isfinite(per_unit))[-1])
    assert max(pixel(i, t).getRgb()[:3]) > 100, pixel(i, t).getRgb()
    i, t = map(int, np.argwhere(dead)[-1])
    assert "exactly 0" in view.describe(t, i)
    show({"width": 3, "depth": 30, "batch": 16})          # tanh: no unit is constant
    assert not view.marks.image.any() and "Per unit" not in window.dashboard.readout.text()


def test_grey_safe_hatches_black_and_dark_grey_cells(window, show):
    """The grey-safe scale uses every lightness from 30 to 90: printed in grey, black (dead)
    and dark grey (unresolved) cells read as its dark vanishing end. There they carry a light
    hatch over exactly those cells; the usual scale keeps them plain."""
    from PySide6.QtCore import QPointF, QRect

    from gui import figures
    from gui.heatmap_marks import HATCH

    result = show({"activation": "relu", "init": "he", "width": 3, "depth": 30, "batch": 16})
    dead = np.isneginf(result.monte_carlo.unit_log10_forward_var.T)
    view = window.dashboard.forward
    assert view.marks.hatched() == []
    window.menus.grey_safe_action.trigger()
    try:
        np.testing.assert_array_equal(view.marks.image, dead)   # the cells as before ...
        (region, _), = view.marks.hatched()                     # ... the dead ones hatched
        inside = np.array([[region.contains(QRect(t, i, 1, 1)) for t in range(dead.shape[1])]
                           for i in range(dead.shape[0])])
        np.testing.assert_array_equal(inside, dead)
        image = figures.image(figures.widget_figure(view))
        box = view.plot.getViewBox()
        i, t = map(int, np.argwhere(dead)[-1])
        seen = set()
        for dx in np.linspace(-0.45, 0.45, 19):   # across the cell: black and the stripes
            for dy in (-0.2, 0.0, 0.2):
                point = view.mapFromScene(box.mapViewToScene(QPointF(t + dx, i + dy)))
                seen.add(image.pixelColor(point.x(), point.y()).name())
        assert "#1a1a1a" in seen and HATCH in seen, seen
        # the readout says how they are drawn: in grey print the hatch alone tells them apart
        assert "black, hatched /: Var exactly 0" in window.dashboard.readout.text()
    finally:
        window.menus.grey_safe_action.trigger()
    assert view.marks.hatched() == []   # plain again
    assert "black: Var exactly 0" in window.dashboard.readout.text()
    np.testing.assert_array_equal(view.marks.image, dead)


def test_a_spread_float32_cannot_measure_is_dark_grey_not_a_floor_of_noise(window, show):
    """Sigmoid forgets its input ~1.2 decades a layer; from layer ~10 a unit's spread around
    its mean (~0.5) is below float32's resolution. Those cells are dark grey, said so, not
    the rounding floor (~10⁻¹³·⁴) drawn as if it were data."""
    from gui import figures

    result = show({"activation": "sigmoid", "width": 64, "depth": 30, "batch": 64})
    below = result.monte_carlo.unit_forward_unresolved.T   # units × layers
    assert below[:, 20:].mean() > 0.9 and not below[:, :5].any()
    view = window.dashboard.forward
    np.testing.assert_array_equal(view.marks.image == 2, below)
    assert "dark grey" in window.dashboard.readout.text()
    i, t = map(int, np.argwhere(below)[-1])
    assert "too small for float32" in view.describe(t, i)
    image = figures.image(figures.widget_figure(view))
    from PySide6.QtCore import QPointF, Qt

    from gui.heatmap_marks import HATCH
    seen = set()
    for dx in np.linspace(-0.45, 0.45, 19):   # across the cell: dark grey and the stripes
        point = view.mapFromScene(view.plot.getViewBox().mapViewToScene(QPointF(t + dx, i)))
        seen.add(image.pixelColor(point.x(), point.y()).name())
    assert "#767676" in seen, seen   # dark grey, not a colour
    # hatched "\" in the usual scale too: printed in grey, #767676 is the grey of a cell 16
    # decades down (a colour-blind tour)
    assert HATCH in seen and "dark grey, hatched \\" in window.dashboard.readout.text()
    (region, style), = view.marks.hatched()
    assert style == Qt.FDiagPattern and region.rectCount() > 0


def test_wide_and_narrow_layers_leave_the_rest_empty(window, show):
    result = show({"widths": "24, 8x4, 2"})
    image = window.dashboard.forward.image.image
    assert image.shape == (24, 6)
    assert np.isnan(image[8:, 1:]).all() and np.isfinite(image[:8, 1:5]).all()
    density = window.dashboard.distribution.image.image
    assert density.shape == (result.monte_carlo.hist_density.shape[1], 6)


def test_layers_beyond_an_overflow_are_empty_in_the_distribution_too(window, show):
    """They were painted the lowest colour, as if every bin were empty of values; the
    heatmaps beside it showed them as the empty ground."""
    result = show({"activation": "linear", "alpha": 3.0, "beta": 2.0, "depth": 100})
    overflow = result.monte_carlo.forward_invalid.layer
    density = result.monte_carlo.hist_density
    assert np.isnan(density[overflow + 1:]).all() and np.isfinite(density[:overflow]).all()
    image = window.dashboard.distribution.image.image
    assert np.isnan(image[:, overflow + 1:]).all()
    assert not np.isnan(image[:, :overflow]).any()
    assert window.dashboard.distribution.plot.getViewBox().background.brush().color() == \
        window.dashboard.forward.plot.getViewBox().background.brush().color()
    # the hover says why there is nothing
    view = window.dashboard.distribution
    assert view.describe(overflow + 2, 0.0) == \
        f"layer {overflow + 2}: no histogram (forward overflow from t = {overflow})"
    assert view.describe(1, 0.0).startswith("layer 1, (h − mean)/sd in [")   # (linear: standardized)


def test_heatmap_orientation_layer_on_x_unit_on_y(window):
    result = window.result()
    image = window.dashboard.backward.image.image
    assert image.shape == (max(result.config.widths), result.config.depth + 1)
    np.testing.assert_array_equal(image[:, -1], result.monte_carlo.unit_log10_backward_var[-1])
    rect = window.dashboard.backward.image.mapRectToParent(window.dashboard.backward.image.boundingRect())
    assert (rect.left(), rect.width()) == (-0.5, result.config.depth + 1)


def test_relus_atom_at_zero_does_not_hide_its_positive_half(window, show):
    """Issue: relu's histogram spike at 0 swamped a linear colour scale, so the positive half
    was invisible. The colour is log density over three decades below the peak."""
    from gui.distribution import DENSITY_DECADES

    result = show({"activation": "relu", "init": "he"})
    view = window.dashboard.distribution
    lo, hi = view.bar.levels()
    assert hi - lo == DENSITY_DECADES
    density = result.monte_carlo.hist_density[3]           # layer 3: half its mass at 0
    edges = result.monte_carlo.hist_edges
    centres = (edges[:-1] + edges[1:]) / 2
    shown = view.image.image[:, 3]
    spike = int(np.argmax(density))
    assert shown[spike] == pytest.approx(np.log10(density[spike])) and shown[spike] <= hi
    positive = (centres > centres[spike] + 0.5) & (centres < centres[spike] + 2.0)
    # the positive half: above the floor colour, and far below the spike (a linear scale
    # would have shown it at a few % of the bar, i.e. as background)
    assert (shown[positive] > lo + 1).all()
    assert density[positive].max() < 0.1 * density[spike]


def test_unbounded_activations_show_standardized_values(window, show):
    show({"activation": "relu"})
    assert "standardized" in window.dashboard.distribution.plot.getAxis("left").labelText
    show({"activation": "sigmoid"})
    assert window.dashboard.distribution.plot.getAxis("left").labelText == "h"


def test_the_distributions_hover_says_what_its_axis_leaves_out(window, show):
    """A tour: under tanh the input's column showed N(0, 1) within ±1 alone, its third
    beyond unsaid; the hover gives the share (the engine's count), and nothing for σ's
    values, all within its range."""
    result = show({"activation": "tanh"})
    view = window.dashboard.distribution
    share = result.monte_carlo.hist_beyond[0]
    assert 0.2 < share < 0.45
    assert view.describe(0, 0.1).endswith(
        f"; h⁰ is the input, not an output of σ: {100 * share:.1f} % of it lies outside σ's "
        "range (not drawn)")
    assert "not drawn" not in view.describe(3, 0.1)


def test_export_of_an_extreme_run_headless(tmp_path):
    from gui import headless

    out = tmp_path / "x.png"
    config = SimConfig.from_dict({"activation": "identity", "init": "constant", "variance": 1.0,
                                  "depth": 100, "width": 16, "batch": 8})
    headless.export_dashboard(config, out)
    assert out.stat().st_size > 10_000
    assert simulate(config).monte_carlo.forward_invalid is None  # log-scale tracking: nothing lost


def test_batch_one_says_per_unit_variance_is_undefined(qtbot, window):
    """A variance over one sample is undefined: the heatmaps say so instead of a solid colour."""
    from engine import SimConfig

    window.set_config(SimConfig.from_dict({"depth": 4, "width": 8, "batch": 1}))
    qtbot.waitUntil(lambda: window.result() is not None and window.result().config.batch == 1)
    mc = window.result().monte_carlo
    assert np.isnan(mc.unit_log10_forward_var).all() and np.isnan(mc.unit_log10_backward_var).all()
    assert np.isfinite(mc.log10_forward_var).all()   # the pooled variance is still defined
    for heatmap in (window.dashboard.forward, window.dashboard.backward):
        qtbot.waitUntil(lambda h=heatmap: h.note.text() != "")
        assert "batch" in heatmap.note.text()
    window.set_config(SimConfig.from_dict({"depth": 4, "width": 8, "batch": 4}))
    qtbot.waitUntil(lambda: window.result() is not None and window.result().config.batch == 4)
    qtbot.waitUntil(lambda: window.dashboard.forward.note.text() == "")


def test_the_typical_run_is_drawn_dotted_where_available(qtbot):
    """Dotted typical-run lines (the engine's, finite) beside the dashed expectation; where the
    engine has none (tanh), no dotted data and one legend entry saying so; the tooltip says
    what each kind of line is."""
    from PySide6.QtCore import Qt

    from engine import SimResult, mean_field
    from gui.profile import ProfileView

    view = ProfileView()
    qtbot.addWidget(view)

    def theory_of(values):
        config = SimConfig.from_dict({"depth": 100, "width": 4, **values})
        view.set_theory(SimResult(config, theory=mean_field(config)))
        return [label.text for _, label in view.legend.items]

    labels = theory_of({"activation": "identity", "init": "constant", "variance": 1.0})
    xs, ys = view.forward_typical.getData()
    assert len(xs) == 101 and ys[-1] == pytest.approx(48.347, abs=1e-3)
    assert view.backward_typical.getData()[1][0] == pytest.approx(48.347, abs=1e-3)
    assert view.forward_th.getData()[1][-1] == pytest.approx(60.206, abs=1e-3)
    assert view.forward_typical.opts["pen"].style() == Qt.DotLine
    assert view.forward_th.opts["pen"].style() == Qt.DashLine
    assert labels[-2:] == ["forward, typical run: expected log",
                           "backward, typical run: expected log"]
    tip = view.legend.toolTip()   # (the legend's: it names the lines)
    assert "mean-field theory: the expectation over weights (infinite width)" in tip
    assert "typical run: the expected log (one network)" in tip

    labels = theory_of({"activation": "tanh"})
    xs = view.forward_typical.getData()[0]
    assert xs is None or len(xs) == 0
    assert labels[-1] == "typical run (dotted): not drawn, no exact form for tanh" and len(labels) == 5
    # its short name, in a compact legend (a slide's), says why too (a tour: "typical run:
    # not drawn" alone read as noise on an English slide)
    assert ("typical run (dotted): not drawn, no exact form for tanh", "typical run: none for "
            "tanh") in [(full, short) for full, short, _ in view.legend.short_names.values()]
    assert "not drawn here" in view.legend.toolTip()
    # the entry says why (a tour: Xavier uniform had none, normal had them, nothing said why)
    assert theory_of({"activation": "relu", "init": "he", "distribution": "uniform"})[-1] \
        == "typical run (dotted): not drawn, exact for normal weights only"
    assert theory_of({"activation": "relu", "init": "he", "bias_std": 0.1})[-1] \
        == "typical run (dotted): not drawn, exact without bias only"
    assert theory_of({"activation": "linear", "beta": 0.5})[-1] \
        == "typical run (dotted): not drawn, exact with β = 0 only"

    labels = theory_of({"activation": "relu", "init": "he"})   # and back
    assert len(view.backward_typical.getData()[0]) == 101 and len(labels) == 6
    assert all(sample.isVisible() for sample, _ in view.legend.items)
    assert "not drawn here" not in view.legend.toolTip()


def test_hovering_a_plot_reads_out_what_is_under_the_mouse(window):
    """Issue: a hover readout on every plot: the layer, the value in decades and as a plain
    number, and for heatmaps the unit. It goes when the mouse leaves."""
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    result = window.result()
    dashboard = window.dashboard
    for view, x, y in ((dashboard.profile, 3, 0.0), (dashboard.forward, 2, 5),
                       (dashboard.distribution, 2, 0.1)):
        box = view.plot.getViewBox()
        view.hover.move_to(box.mapViewToScene(pg.Point(x, y)))
        shown = view.hover.text()
        assert shown.startswith(f"layer {x}") and "decades = " in shown, shown
        # values apart with "; " (a tour: "= 1.12 · theory 0.00" read as a product)
        assert " · " not in shown and (view is not dashboard.profile or "; theory" in shown)
        QApplication.sendEvent(view.viewport(), QEvent(QEvent.Leave))
        assert view.hover.text() == ""
    value = result.monte_carlo.log10_forward_var[3]
    dashboard.profile.hover.move_to(
        dashboard.profile.plot.getViewBox().mapViewToScene(pg.Point(3, 0)))
    assert f"forward: {value:+.2f}".replace("-", "−") in dashboard.profile.hover.text()
    unit = result.monte_carlo.unit_log10_forward_var[2][5]
    assert "unit 5: Var[h" in dashboard.forward.describe(2, 5)
    assert f"{unit:+.2f}".replace("-", "−") in dashboard.forward.describe(2, 5)
    assert dashboard.forward.describe(99, 5) == ""            # outside the data: nothing


def test_a_hover_readout_fits_its_plot_away_from_the_mouse(window, plotted):
    """A tour at 1366 × 768: a heatmap's readout was cut at the plot's edge ("… = 10", its
    exponent gone), and the profile's five lines covered the lines they read."""
    from PySide6.QtWidgets import QApplication

    dashboard = window.dashboard
    window.pin_run()
    window.set_config(window.config().with_values(activation="relu", init="he", gain=1.5))
    plotted(window)                                      # relu: its typical run is drawn
    window.resize(1024, 700)
    QApplication.processEvents()
    for view in (dashboard.forward, dashboard.profile):
        box = view.plot.getViewBox()
        (x0, x1), (y0, y1) = box.viewRange()
        for x, right in ((x0 + 0.1 * (x1 - x0), True), (x0 + 0.9 * (x1 - x0), False)):
            view.hover.move_to(box.mapViewToScene(pg.Point(x, (y0 + y1) / 2)))
            item = view.hover.item                     # its text in pixels, wrapped to fit
            assert item.textItem.boundingRect().width() <= box.width() + 0.5
            assert item.pos().x() == (x1 if right else x0)      # in a corner of the other
            if view is dashboard.forward:                       # side, inside the plot: the
                assert tuple(item.anchor) == ((1, 0) if right else (0, 0))   # top one, or
            else:                                               # the profile's bottom one
                assert tuple(item.anchor) in (((1, 0), (1, 1)) if right else ((0, 0), (0, 1)))
                assert item.pos().y() == (y1 if item.anchor[1] == 0 else y0)
    text = dashboard.profile.hover.text()
    assert "theory" in text and "typical" in text and "pin 1: forward" in text
    assert len(text.splitlines()) == 4                   # layer, forward, backward, the pin


@pytest.mark.parametrize("level, corner", [(0.95, "bottom"), (0.05, "top")])
def test_a_hover_readout_takes_the_corner_that_hides_fewer_curve_points(qtbot, level, corner):
    """A tour: in a short profile the readout in the top corner hid the backward curve from
    layer 19 to 42, while the bottom corner was empty."""
    from gui.hover import HoverText

    widget = pg.PlotWidget()
    qtbot.addWidget(widget)
    widget.resize(500, 200)
    widget.show()
    qtbot.waitExposed(widget)
    plot = widget.getPlotItem()
    curve = plot.plot(np.arange(51.0), np.full(51, level))
    plot.setRange(xRange=(0, 50), yRange=(0, 1), padding=0)

    class Source:
        def describe(self, x, y):
            return "layer 12<br>forward: −0.28 decades<br>backward: +5.15 decades"

        def curves(self):
            return [curve]

    source = Source()
    hover = HoverText(widget, plot, source.describe, source.curves)
    box = plot.getViewBox()
    hover.move_to(box.mapViewToScene(pg.Point(10, 0.5)))
    assert tuple(hover.item.anchor) == ((1, 1) if corner == "bottom" else (1, 0))


def test_the_readout_says_when_the_input_is_being_forgotten(window, show):
    """sigmoid under Xavier: the pooled variance stays within 2 decades while the units'
    variance over the batch falls below float32's resolution (the heatmap's dark grey): an
    "Inputs" row says the input is being forgotten. Not for tanh, nor beside the verdict's
    own "the input is lost" (zero weights with biases)."""
    show({"activation": "sigmoid", "depth": 20, "width": 64, "batch": 64})
    text = window.dashboard.readout.text()
    assert "Inputs" in text and "the input is being forgotten" in text
    show({"depth": 20, "width": 64, "batch": 64})
    assert "Inputs" not in window.dashboard.readout.text()
    show({"init": "zeros", "bias_std": 0.5, "depth": 20, "width": 64, "batch": 64})
    text = window.dashboard.readout.text()
    assert "the input is lost at layer 1" in text and "Inputs" not in text


def test_the_same_config_lays_its_axes_out_the_same_whatever_came_before(window, show):
    """A rehearsal: the default network's heatmaps ticked every 10 layers when the window
    opened and every 5 after a narrow relu network had been shown (pyqtgraph narrows an
    axis's text room only by 10 pixels or more: the layer axis had grown 7 pixels)."""
    def lengths():
        return [window.dashboard.forward.plot.getAxis("bottom").size().width(),
                window.dashboard.distribution.plot.getAxis("bottom").size().width()]

    show({"depth": 50, "width": 256})
    first = lengths()
    show({"depth": 6, "width": 32, "activation": "relu"})
    show({"depth": 50, "width": 256})
    assert lengths() == first


def test_kept_colour_scales_hold_for_new_settings_and_let_go_when_unchecked(window, plotted):
    """View ▸ Keep colour scales: a teacher exporting the heatmaps of gain 1 and gain 3 for
    a slide got ±3 and ±30 decades in the same colours; kept, both use the first's levels
    (the second saturates where it goes beyond), and unchecked each takes its own again."""
    from engine import SimConfig

    d = window.dashboard
    window.set_config(SimConfig.from_dict({"depth": 30, "width": 32, "batch": 64,
                                           "activation": "relu", "init": "he"}))
    plotted(window)
    before = [d.forward.levels(), d.backward.levels(), tuple(d.distribution.bar.levels())]
    window.menus.keep_levels_action.trigger()
    assert window.menus.keep_levels_action.isChecked()
    # said on the plots too (a tour: saturated maps with no sign of why)
    label = d.forward.bar.getAxis("left").labelText
    assert "scale kept" in label and "scale kept" in d.distribution.bar.getAxis("left").labelText
    window.set_config(window.config().with_values(gain=3.0))   # explodes: its own span is wider
    plotted(window)
    kept = [d.forward.levels(), d.backward.levels(), tuple(d.distribution.bar.levels())]
    assert kept == before
    window.menus.keep_levels_action.trigger()   # unchecked: the result's own levels, now
    own = [d.forward.levels(), d.backward.levels()]
    assert own[0][1] > before[0][1] and own[1][1] > before[1][1]
    assert "kept" not in d.forward.bar.getAxis("left").labelText


def _end_greys(bar) -> tuple[float, float]:
    """The grey (0.299 R + 0.587 G + 0.114 B) of a colour bar's two ends."""
    ends = bar.colorMap().getLookupTable(0.0, 1.0, 2, alpha=False).astype(float)
    return tuple(float(c @ (0.299, 0.587, 0.114)) for c in ends)


def test_the_grey_safe_scale_tells_vanishing_from_exploding_in_grey(window, plotted):
    """View ▸ Grey-safe colour scale: a teacher's handout printed in grey showed −30 and +30
    decades as one dark grey (the usual scale's two ends are equally dark). Checked, every
    variance map (made or made later) runs from dark to light; unchecked, back as it was."""
    from gui import theme
    from gui.window_tabs import PHASE_TAB, SWEEP_TAB

    d = window.dashboard
    low, high = _end_greys(d.forward.bar)
    assert abs(high - low) < 40                                 # the usual scale: alike
    try:
        window.menus.grey_safe_action.trigger()
        assert window.menus.grey_safe_action.isChecked()
        for tab in (SWEEP_TAB, PHASE_TAB):                       # tabs made after the change
            window.tabs.setCurrentIndex(tab)
        bars = [d.forward.bar, d.backward.bar, *(v.bar for v in window.tabs.made(SWEEP_TAB).views)]
        for bar in bars:
            low, high = _end_greys(bar)
            assert high - low > 120, bar                          # dark → light
        assert d.forward.image.getColorMap() is d.forward.bar.colorMap()   # the map itself
        # the unresolved units' grey stays apart from the scale's grey centre (a review)
        assert pg.mkColor(*d.forward.marks.lut[2][:3]).name() == theme.GREY_SAFE_UNRESOLVED
        assert pg.mkColor(d.forward.plot.getViewBox().state["background"]).name() == "#ffffff"
        window.menus.grey_safe_action.trigger()
        assert _end_greys(window.tabs.made(SWEEP_TAB).views[0].bar) == _end_greys(
            d.forward.bar)
        low, high = _end_greys(d.forward.bar)
        assert abs(high - low) < 40
        assert pg.mkColor(d.forward.plot.getViewBox().state["background"]).name() == theme.EMPTY
        assert pg.mkColor(*d.forward.marks.lut[2][:3]).name() == theme.UNRESOLVED
    finally:
        theme.set_grey_safe(False)
        window.tabs.setCurrentIndex(0)


def test_stretched_layers_give_a_narrow_layer_the_map_s_height(window, plotted):
    """View ▸ Stretch each layer to the heatmap's height: a practitioner's tour could not read
    the 10 output units of 784, 512, 256, 128, 10 (1 % of the map). Stretched, each layer
    fills the map, unit i at i / n_t, the hover naming that unit; unchecked, as before."""
    from engine import SimConfig

    d = window.dashboard
    window.set_config(SimConfig.from_dict({"widths": [784, 512, 256, 128, 10], "batch": 32,
                                           "activation": "relu", "init": "he"}))
    result = plotted(window)

    def drawn():   # units × layers: a colour, or black (exactly 0: a dead relu unit)
        return np.isfinite(d.forward.image.image) | (d.forward.marks.image > 0)

    assert drawn()[:, 4].sum() == 10                            # the output: 10 of 784 rows
    try:
        window.menus.stretch_action.trigger()
        image = d.forward.image.image
        assert drawn().all()                                    # every layer fills the map
        assert "stretched" in d.forward.plot.getAxis("left").labelText
        # an output unit i of 10 with a variance shows at i/10 … (i+1)/10, its own value
        values = result.monte_carlo.unit_log10_forward_var[4, :10]
        i = int(np.flatnonzero(np.isfinite(values))[0])
        assert f"layer 4, unit {i}:" in d.forward.describe(4, (i + 0.5) / 10)
        rows = image.shape[0]
        assert image[int((i + 0.5) / 10 * rows), 4] == pytest.approx(values[i])
        assert "unit 384:" in d.forward.describe(1, 0.75)      # ⌊0.75 · 512⌋
        window.menus.stretch_action.trigger()
        assert drawn()[:, 4].sum() == 10
        assert "unit 7:" in d.forward.describe(4, 7)
    finally:
        if window.menus.stretch_action.isChecked():
            window.menus.stretch_action.trigger()


def test_the_distribution_marks_where_relu_is_zero(window, show):
    """On the standardized axis relu's zeros sit at ≈ −0.68 (a teacher's tour: they read as
    negative outputs): dark ticks at each edge of each layer's column mark h = 0, the axis's
    label says so; an identity net's h = 0 is the centre (none), a bounded σ's axis is h
    itself (none)."""
    view = window.dashboard.distribution
    label = view.plot.getAxis("left").labelText
    result = show({"activation": "relu", "init": "he", "depth": 8, "width": 32, "batch": 64})
    assert view.zero.isVisible() and "black ticks: h = 0" in view.plot.getAxis("left").labelText
    x, y = view.zero.getData()   # two ticks per layer, the middle of its column left free
    np.testing.assert_allclose(y, result.monte_carlo.hist_zero[np.round(x).astype(int)])
    assert np.allclose(x[1::2] - x[::2], 0.18) and np.allclose(x[2::4] - x[1::4], 0.6)
    # the hover says the axis is standardized (a student's tour: "h in [−0.75, −0.625)")
    assert "(h − mean)/sd in [" in view.describe(3.0, float(y[12]))
    for values in ({"activation": "identity", "init": "xavier"}, {"activation": "tanh"}):
        show({"depth": 8, "width": 32, "batch": 64, **values})
        assert not view.zero.isVisible() and "ticks" not in view.plot.getAxis("left").labelText
    assert label is not None


def test_the_layer_axes_label_their_last_layer_of_four_digits(window, show):
    """A student's tour at depth 1000: the heatmaps' and the distribution's layer axes ended
    at "800", without a label at their end, beside the profile's "1000"."""
    from plot_probe import drawn_tick_labels

    window.resize(1366, 768)
    show({"depth": 1000, "width": 4, "batch": 4})
    d = window.dashboard
    for plot in (d.forward.plot, d.backward.plot, d.distribution.plot, d.profile.plot):
        labels = drawn_tick_labels(plot.getAxis("bottom"))
        assert labels[0] == "0" and labels[-1] == "1000", labels


def test_the_distribution_s_axis_label_stays_beside_its_axis(window, show, qtbot):
    """A tour of the exports at 1024 × 640: "h (standardized; black ticks: h = 0)", centred on
    a shorter axis, ran up over the title spread above it; the short form is taken there."""
    view = window.dashboard.distribution
    axis = view.plot.getAxis("left")
    show({"activation": "relu", "init": "he", "depth": 8, "width": 32, "batch": 64})
    try:
        for size in ((1024, 640), (1600, 1000)):
            window.resize(*size)
            qtbot.waitUntil(lambda: axis.geometry().height() > 0, timeout=2000)
            qtbot.wait(50)
            text = axis.label.boundingRect().width()
            assert text <= axis.geometry().height(), (size, axis.labelText)
        assert axis.labelText == "h (standardized; black ticks: h = 0)"   # room for it
        window.resize(1024, 640)
        qtbot.waitUntil(lambda: axis.labelText == "h (standardized)", timeout=2000)
    finally:
        window.resize(1366, 768)


def test_a_block_of_dark_grey_layers_is_named_in_the_map(window, show):
    """A deep sigmoid's forward map turns dark grey from layer ~10 on: cropped onto a slide
    without the readout it read as missing data (a teacher's tour). Its name sits over the
    block; a map without such a block has none."""
    result = show({"activation": "sigmoid", "depth": 20, "width": 32, "batch": 64})
    view = window.dashboard.forward
    unresolved = result.monte_carlo.unit_forward_unresolved
    full = [t for t in range(21) if unresolved[t, :32].all()]
    assert len(full) >= 5 and view.unresolved_note.isVisible()
    assert "float32" in view.unresolved_note.toPlainText()
    assert full[0] <= view.unresolved_note.pos().x() <= full[-1]
    assert not window.dashboard.backward.unresolved_note.isVisible()
    show({"activation": "tanh", "depth": 20, "width": 32, "batch": 64})
    assert not view.unresolved_note.isVisible()


def test_the_dark_grey_block_s_name_never_covers_the_stop_s_label(window, show, qtbot):
    """A tour at 1024 × 600: linear α = 10⁻⁶, β = 10⁶ loses every unit's spread at t = 1; the
    block's name hid "forward exactly zero variance from t = 1" in the short map. It gives
    way to the label (the readout's Per unit line says it); where both fit, both show."""
    view = window.dashboard.forward
    shown = []
    try:
        for size in ((1024, 600), (1600, 1000)):
            window.resize(*size)
            show({"activation": "linear", "alpha": 1e-6, "beta": 1e6, "depth": 50,
                  "width": 32, "batch": 64})
            qtbot.wait(50)
            label, note = view.marker.label, view.unresolved_note
            assert view.marker.isVisible() and label.isVisible()
            assert not (note.isVisible() and note.sceneBoundingRect().intersects(
                label.sceneBoundingRect())), size
            shown.append(note.isVisible())
        assert shown == [False, True]
    finally:
        window.resize(1366, 768)


def test_the_weights_tab_draws_the_lectures_normal_and_uniform(window, show):
    """A teacher's tour: Xavier normal and uniform give the same plots, and nothing showed
    the weights themselves (a box against a bell, the uniform's ends ±√(6/(n_in + n_out)))."""
    from gui.window_tabs import WEIGHTS_TAB
    from gui.texts import fmt

    show({"widths": "64, 32, 8", "distribution": "uniform", "batch": 16})
    window.tabs.setCurrentIndex(WEIGHTS_TAB)
    view = window.tabs.weights

    def caption() -> str:   # (as it reads: without the marks that keep formulas whole)
        return as_shown(view.caption.text())

    view.set_layer(2)
    w = view.numbers()
    assert (w.layer, w.n_in, w.n_out) == (2, 32, 8)
    assert view.ends.getData()[0] == pytest.approx([-w.bound, -w.bound, w.bound, w.bound])
    assert w.bound == pytest.approx(math.sqrt(6 / 40))
    assert "±√(6/(nᵢₙ + nₒᵤₜ))" in view.ends_label.toPlainText()
    entries = [label.text for _, label in view.legend.items]
    assert entries == ["this network's weights", "the chosen distribution",
                       "normal, same variance"]   # (the uniform is the chosen one)
    x, y = view.histogram.getData()
    assert len(x) == len(w.edges) and np.allclose(y, w.hist_density)
    assert "all 256 weights" in caption() and "U(±√(6/40))" in caption()
    window.set_config(window.config().with_values(distribution="normal"))   # told at once
    assert view.numbers().distribution == "normal"
    assert [label.text for _, label in view.legend.items][-1] == "uniform, same variance"
    assert "Xavier gives γₜ = 0.05 to layer 2" in caption()
    # γ_t holds gain² (a teacher: "Xavier gives γ_t = 0.00692" at gain 1.331, Xavier's 0.0039)
    window.set_config(window.config().with_values(gain=2.0))
    assert "Xavier at gain 2 gives γₜ = 0.2 to layer 2" in caption()
    # a distribution's arguments are never cut by a line's end ("N(0," over "s²)", a tour)
    window.set_config(window.config().with_values(distribution="truncated_normal"))
    assert "N(0, s²) cut at ±2s" in caption() and "N(0,\u00a0s" in view.caption.text()
    assert "N(0, γₜ) and U(±√(3γₜ))" in caption() and "N(0,\u00a0γ" in view.caption.text()
    # the weights beyond the plot's range, said by its half-width ("±4 sd" beside "bias std")
    show({"widths": "256, 256, 8", "batch": 16})
    view.set_layer(1)
    assert view.numbers().beyond == 2
    assert "2 of them lie beyond ±4√γₜ (4 standard deviations), outside the plot." in caption()
    assert f"mean square {fmt(view.numbers().drawn_var)} (their variance about a mean of 0)" \
        in caption()
    # one weight has no variance (a tour: "the one weight … as this network draws them …,
    # variance 0.513"): its square
    show({"widths": "1, 1", "batch": 16})
    view.set_layer(1)
    square = fmt(view.numbers().drawn_var)
    assert f"the one weight of Wᵗ as this network draws it (seed 0), its square {square}." \
        in caption() and "variance" not in caption().split("Histogram")[1]


def test_the_weights_ends_label_stays_above_the_peak_in_a_short_plot(window, show, qtbot):
    """A tour at 1024 × 700 with the lesson open: the label "±√(6/(nᵢₙ + nₒᵤₜ)) = ±0.108",
    drawn on white, hid the top of the histogram and of the density."""
    from PySide6.QtCore import QPointF
    from PySide6.QtWidgets import QApplication
    from gui.window_tabs import WEIGHTS_TAB

    show({"widths": "256, 256, 256", "batch": 16})
    window.tabs.setCurrentIndex(WEIGHTS_TAB)
    view = window.tabs.weights
    for height in (700, 900):
        window.resize(1024, height)
        QApplication.processEvents()
        w = view.numbers()
        box = view.plot.getViewBox()
        peak = max(float(np.max(w.hist_density)), float(np.max(w.density)))
        label = view.ends_label.sceneBoundingRect()
        top = box.mapViewToScene(QPointF(0.0, peak)).y()
        assert label.bottom() <= top + 1, (height, label, top)
        assert box.sceneBoundingRect().top() - 1 <= label.top()   # inside the plot


def test_export_statistics_on_the_weights_and_activation_tabs_writes_their_numbers(
        window, show, tmp_path):
    """A review: File ▸ Export statistics on these tabs wrote the Network tab's per-layer
    statistics; now the densities and histogram, or the curves, of the layer shown (the
    lecture's σ too when compared), as `--stats --view … --layer …` writes them."""
    import csv
    import json

    import main
    from gui.window_tabs import ACTIVATION_TAB, WEIGHTS_TAB

    show({"widths": "64, 32, 8", "distribution": "uniform", "batch": 16,
          "activation": "tanh"})
    window.tabs.setCurrentIndex(WEIGHTS_TAB)
    window.tabs.weights.set_layer(2)
    w = window.tabs.weights.numbers()
    assert window.export_stats(tmp_path / "weights.csv")
    rows = list(csv.DictReader((tmp_path / "weights.csv").read_text().splitlines()))
    assert list(rows[0]) == ["series", "x_from", "x_to", "density", "config"]
    assert len({r["config"] for r in rows}) == 1
    assert SimConfig.from_dict(json.loads(rows[0]["config"])) == window.config()
    hist = [r for r in rows if r["series"] == "histogram"]
    np.testing.assert_array_equal([float(r["density"]) for r in hist], w.hist_density)
    np.testing.assert_array_equal([float(r["x_from"]) for r in hist], w.edges[:-1])
    uniform = [float(r["density"]) for r in rows if r["series"] == "uniform"]
    np.testing.assert_array_equal(uniform, w.uniform)
    assert window.export_stats(tmp_path / "weights.json")
    data = json.loads((tmp_path / "weights.json").read_text())
    assert data["config"] == window.config().to_dict() and data["layer"] == 2
    assert data["uniform_bound"] == pytest.approx(math.sqrt(6 / 40))
    assert data["histogram"]["drawn"] == 256 and data["histogram"]["whole_layer"]

    window.tabs.setCurrentIndex(ACTIVATION_TAB)
    view = window.tabs.activation
    view.set_layer(1)
    view.set_compared(True)
    c = view.curves()
    assert window.export_stats(tmp_path / "activation.csv")
    rows = list(csv.DictReader((tmp_path / "activation.csv").read_text().splitlines()))
    assert list(rows[0]) == ["layer", "source", "x", "sigma", "dsigma", "taylor1", "taylor3",
                             "density",
                             "sigma_sigmoid", "dsigma_sigmoid", "sigma_sigmoid_scaled",
                             "dsigma_sigmoid_scaled", "config"]
    assert SimConfig.from_dict(json.loads(rows[0]["config"])) == window.config()
    assert len(rows) == c.x.size and {(r["layer"], r["source"]) for r in rows} == {
        ("1", "monte_carlo")}
    np.testing.assert_array_equal([float(r["sigma"]) for r in rows], c.sigma)
    np.testing.assert_array_equal([float(r["density"]) for r in rows], c.density)
    fix = view.lecture()[1]
    np.testing.assert_array_equal([float(r["sigma_sigmoid_scaled"]) for r in rows], fix.sigma)
    assert window.export_stats(tmp_path / "activation.json")
    data = json.loads((tmp_path / "activation.json").read_text())
    assert (data["layer"], data["source"]) == (1, "monte_carlo") and data["q"] == c.q
    assert [lc["activation"] for lc in data["lecture"]] == ["sigmoid", "sigmoid_scaled"]
    assert data["lecture"][0]["slope_at_0"] == 0.25
    assert data["taylor_terms"]["third"]["x_nonnegative"] == [[1.0, 1], [-1 / 3, 3]]
    # the command line writes the same files
    assert window.save_config(tmp_path / "config.json")
    for name, extra in (("weights.csv", ["--layer", "2"]),
                        ("activation.json", ["--layer", "1", "--lecture-sigmas"])):
        out = tmp_path / f"cli_{name}"
        assert main.main(["--config", str(tmp_path / "config.json"), "--stats", str(out),
                          "--view", name.split(".")[0], *extra]) == 0
        assert out.read_text() == (tmp_path / name).read_text()
    view.set_compared(False)


def test_every_tab_stays_in_sight_in_a_narrow_window_with_the_lesson(window, qtbot):
    """A tour: at 1024 pixels with the lesson open, the tab bar scrolled and two of its seven
    tabs were out of sight. Short names take the full ones' place where those do not fit
    (the full name in the tab's tooltip, and in an export's title); narrower still, names
    are elided, and narrower than Qt elides them the tab bar scrolls (a large-font tour:
    the tabs' least width had pushed the window past the screen's edge)."""
    from PySide6.QtWidgets import QApplication

    tabs = window.tabs
    bar = tabs.tabBar()

    def in_sight() -> bool:
        return all(bar.rect().contains(bar.tabRect(i)) for i in range(tabs.count()))

    full = [tabs.tabText(i) for i in range(tabs.count())]
    assert full[3] == "Jacobian spectrum" and tabs.tabToolTip(3) == ""
    window.lesson_action.trigger()
    for width, height in ((1024, 700), (860, 640)):
        window.resize(width, height)
        QApplication.processEvents()
        assert in_sight() or width < 1024, (width, [bar.tabRect(i) for i in range(tabs.count())])
        assert window.width() == width   # (its tabs do not widen it)
        assert tabs.tabText(3) != "Jacobian spectrum"
        assert [tabs.tabToolTip(i) for i in range(tabs.count())] == full
        assert [tabs.full_name(i) for i in range(tabs.count())] == full
    assert tabs.tabText(2) == "Phase" and tabs.tabText(3) == "Spectrum"
    window.resize(1500, 940)
    window.lesson.hide()
    QApplication.processEvents()
    assert [tabs.tabText(i) for i in range(tabs.count())] == full
    assert in_sight() and tabs.tabToolTip(3) == ""


def test_a_large_font_and_the_lesson_keep_the_window_within_a_small_screen(window, qapp):
    """A large-font tour: at 14 pt the lesson's opening made the window 1203 pixels wide (the
    tabs' least width, every name elided, beside the controls and the lesson), its Next
    button off a 1024-pixel screen."""
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    font = QApplication.font()
    large = QFont(font)
    large.setPointSizeF(14)
    QApplication.setFont(large)
    try:
        window.lesson_action.trigger()
        QApplication.processEvents()
        assert window.lesson.isVisible()
        assert window.minimumSizeHint().width() <= 1024 - 16
    finally:
        QApplication.setFont(font)


def test_the_analysis_plots_grow_with_a_large_font_rather_than_squeeze(qapp):
    """A large-font tour: at 16 pt in a 1024 × 600 window the Activation tab's two plots were
    ~50 px tall, σ′'s ticks 1.0 … 0 printed over each other; the page scrolls instead."""
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    from gui.activation_view import ActivationView

    font = QApplication.font()
    large = QFont(font)
    large.setPointSizeF(16)
    heights = []
    for size in (font, large):
        QApplication.setFont(size)
        try:
            view = ActivationView()
            heights.append(view.graphics.minimumHeight())
            view.deleteLater()
        finally:
            QApplication.setFont(font)
    assert heights[0] == 380 and heights[1] > 1.4 * 380


def test_the_weights_tab_of_zeros_is_a_probability_not_a_density(window, show):
    """A tour: init zeros drew its point mass, height 1, on a "probability density" axis."""
    from gui.window_tabs import WEIGHTS_TAB

    show({"init": "zeros", "batch": 16, "depth": 4, "width": 16})
    window.tabs.setCurrentIndex(WEIGHTS_TAB)
    view = window.tabs.weights
    assert view.numbers().gamma == 0
    assert view.plot.getAxis("left").labelText == "probability"
    assert view.ends_label.toPlainText() == "every weight is 0: probability 1"
    show({"batch": 16, "depth": 4, "width": 16})
    assert view.plot.getAxis("left").labelText == "probability density"


def test_a_window_of_1024_pixels_with_the_lesson_open_fits_every_tab(window):
    """A tour: with the lesson open, the Sweep tab's fields made the window 1055 pixels wide
    (1027 in Chinese), off a 1024-pixel screen; its view box may be cut short instead."""
    from PySide6.QtWidgets import QApplication

    window.resize(1024, 640)
    window.lesson_action.trigger()
    try:
        for language in ("en", "zh_CN"):
            window.set_language(language)
            for index in range(window.tabs.count()):
                window.tabs.setCurrentIndex(index)
                QApplication.processEvents()
                assert window.minimumSizeHint().width() <= 1024, (language, index)
    finally:
        window.set_language("en")
        window.lesson.hide()


def test_the_activation_legend_stays_readable_at_1024_pixels_beside_the_lesson(window, qtbot):
    """A tour: at 1024 pixels with the lesson open the Chinese legend of the Activation tab
    shrank to ~7 px; its long entries now take short names where the full ones would shrink."""
    from gui.plot_labels import COMPACT_BELOW
    from gui.window_tabs import ACTIVATION_TAB

    window.resize(1024, 640)
    window.lesson_action.trigger()
    try:
        window.set_language("zh_CN")
        window.tabs.setCurrentIndex(ACTIVATION_TAB)
        legend = window.tabs.activation.legend
        qtbot.waitUntil(lambda: legend.items and all(label.rect().width() > 0
                                                     for _, label in legend.items))
        qtbot.waitUntil(lambda: legend.compact)
        scales = {round(label.item.scale(), 6) for _, label in legend.items}
        assert len(scales) == 1 and scales.pop() >= COMPACT_BELOW
        assert "一阶泰勒" in [label.text for _, label in legend.items]
    finally:
        window.set_language("en")
        window.lesson.hide()
    qtbot.waitUntil(lambda: not legend.compact)


def test_a_failed_monte_carlo_is_said_and_nothing_of_older_settings_is_exported(
        window, qtbot, monkeypatch, tmp_path):
    """A tour (gelu at gain 10⁴, width 1, before its engine fault was mended): the status bar
    said "Monte Carlo failed", but the profile read "computing…" for ever, File ▸ Export let a
    traceback out and File ▸ Export statistics wrote the previous settings' numbers."""
    import gui.controller
    from engine import SimConfig

    real = gui.controller.monte_carlo_job

    tried = []

    def failing(config, **kwargs):
        if config.gain == 7.0:
            tried.append(config)
            raise OverflowError("math range error")
        return real(config, **kwargs)

    errors = []
    monkeypatch.setattr(gui.controller, "monte_carlo_job", failing)
    monkeypatch.setattr(window, "show_error", lambda title, text: errors.append(text))
    window.set_config(SimConfig.from_dict({"depth": 6, "width": 16, "batch": 32, "gain": 7.0}))
    qtbot.waitUntil(lambda: window.dashboard.stale() == "failed")
    assert "Monte Carlo failed: OverflowError" in window.statusBar().currentMessage()
    # what to do, in the title itself: the status bar moves on (a long-session tour)
    assert "failed (F5 runs it again)" in window.dashboard.profile.plot.titleLabel.text
    for export in (lambda: window.export_stats(tmp_path / "s.json"),
                   lambda: window.save_figure(tmp_path / "f.png")):
        assert not export()
        assert "failed (OverflowError: math range error)" in errors[-1]
    assert list(tmp_path.iterdir()) == []
    runs = len(tried)
    window.rerun()   # F5, as the title says: run again (and failed again)
    qtbot.waitUntil(lambda: len(tried) > runs and window.dashboard.stale() == "failed")
    # the next settings' run is "computing", not "failed" (a review)
    window.set_config(SimConfig.from_dict({"depth": 6, "width": 16, "batch": 32, "gain": 2.0}))
    qtbot.waitUntil(lambda: window.result().config == window.config())
    assert window.dashboard.stale() is None
    assert "failed" not in window.dashboard.profile.plot.titleLabel.text


def test_an_export_whose_own_run_fails_says_so_everywhere(qtbot, small_config, manual,
                                                          monkeypatch):
    """A review: an export ran the settings itself (their run still to come) and failed; the
    run it had cancelled left "computing…" up for good."""
    import gui.controller

    window, _ = manual
    monkeypatch.setattr(gui.controller, "monte_carlo_job",
                        lambda config, **kwargs: (_ for _ in ()).throw(MemoryError("no room")))
    monkeypatch.setattr(window, "show_error", lambda title, text: None)
    window.set_config(small_config.with_values(gain=3.0))   # its run waits in the executor
    assert window.result().config != window.config()
    assert not window.save_figure(Path("/nonexistent/f.png"))
    qtbot.waitUntil(lambda: window.dashboard.stale() == "failed")
    assert "Monte Carlo failed: MemoryError: no room" in window.statusBar().currentMessage()
    calls = []
    monkeypatch.setattr(gui.controller, "monte_carlo_job", lambda *a, **k: calls.append(a))
    assert not window.export_stats(Path("/nonexistent/s.json"))   # not run again to fail
    assert calls == []


def test_a_scattered_mass_of_marks_is_left_plain_in_the_grey_safe_scale(qtbot):
    """A review: thousands of scattered dead cells (a rectangle each) took a map's paint from
    1 to 30 ms at every result of a drag; cells so small show no stripe anyway."""
    from gui import theme
    from gui.heatmap import HeatmapView
    from gui.heatmap_marks import MAX_RECTS

    theme.set_grey_safe(True)
    try:
        view = HeatmapView("Forward", "h")
        qtbot.addWidget(view)
        data = np.random.default_rng(0).normal(size=(101, 256))
        block = data.copy()
        block[60:, :] = -np.inf                       # one rectangle a row: hatched
        view.set_data(block)
        assert view.marks.hatched()
        scattered = data.copy()
        scattered[np.random.default_rng(1).random(data.shape) < 0.3] = -np.inf
        view.set_data(scattered)                      # ~5 000 rectangles: plain black
        assert view.marks.hatched() == [] and (view.marks.image == 1).sum() > MAX_RECTS
    finally:
        theme.set_grey_safe(False)


@pytest.mark.parametrize("span", [2, 50, 5000, 50000])
def test_a_colour_bar_writes_its_negative_values_however_wide(qapp, span):
    """An audit: a run of depth 3000 (relu, gain 0.3) spans −4000 decades; its heatmaps' bars,
    at −5000 … 5000, wrote only 0, 2000 and 4000: pyqtgraph drops a label wider than its
    axis, and the axis had a fixed width. It widens where its values need it."""
    from PySide6.QtGui import QImage, QPainter

    from gui import theme
    from gui.color_bar import ColorBar

    view = pg.GraphicsLayoutWidget()
    bar = ColorBar(theme.VARIANCE_CMAP)
    view.addItem(bar)
    bar.axis.setLabel("log₁₀ Var[h]")
    view.resize(200, 300)
    view.show()
    bar.setLevels((-span, span))
    qapp.processEvents()
    image = QImage(10, 10, QImage.Format_ARGB32)
    painter = QPainter(image)
    try:
        texts = [text for _, _, text in bar.axis.generateDrawSpecs(painter)[2]]
    finally:
        painter.end()
    negative = [t for t in texts if t.startswith("−")]
    positive = [t for t in texts if t[0].isdigit() and float(t) != 0]
    assert negative and len(negative) == len(positive), texts
    if span == 2:
        assert bar.axis.width() == theme.pixels(bar.AXIS_WIDTH)   # as it was where they fit
    view.close()


def test_the_layer_axes_label_their_ends(window, plotted):
    """A teacher's tour: on a slide the profile of 100 layers had no "100" at its end, and the
    maps never labelled their first and last layer (10 … 90 for 100 layers): pyqtgraph drops
    a label that runs past the axis, by half its width at either end."""
    from plot_probe import drawn_tick_labels

    window.set_config(window.config().with_values(widths="16x101"))
    plotted(window)
    dashboard = window.dashboard
    assert drawn_tick_labels(dashboard.profile.plot.getAxis("bottom"))[-1] == "100"
    for heatmap in (dashboard.forward, dashboard.backward):
        labels = drawn_tick_labels(heatmap.plot.getAxis("bottom"))
        assert labels[0] == "0" and labels[-1] == "100", labels


def test_the_line_kinds_tooltip_is_the_legends_not_the_plots(window, show, qtbot):
    """A student's tour: the profile's tooltip (what solid, dashed and dotted lines are) came
    up anywhere over the plot and covered the hover's readout of a layer's values. The
    legend and the key carry it; the plot has none."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QToolTip

    profile = window.dashboard.profile
    assert profile.toolTip() == ""
    assert profile.accessibleDescription().startswith("Solid: Monte Carlo")   # a reader's words
    for item in (profile.legend, profile.key):
        assert "Monte Carlo" in item.toolTip() and "typical run" in item.toolTip()
    view = profile.viewport()
    for item, shown in ((profile.plot.vb, False), (profile.legend, True)):
        QToolTip.hideText()
        qtbot.waitUntil(lambda: not QToolTip.isVisible())   # (it fades)
        centre = profile.mapFromScene(item.mapToScene(item.boundingRect().center()))
        QApplication.sendEvent(view, QHelpEvent(QEvent.ToolTip, centre,
                                                view.mapToGlobal(centre)))
        assert QToolTip.isVisible() is shown, (item, QToolTip.text()[:200])
    QToolTip.hideText()


def test_float16s_limits_are_drawn_and_said_where_a_run_reaches_them(window, show):
    """The lecture: exploding values leave the range, "especially severe for 16-bit floats
    (6e-5 – 6e4)". A run that passes float16's largest number shows the line and its label
    on the profile, and the readout names the layer; a stable run shows neither."""
    from engine.number_formats import FLOAT16_LEVELS

    profile = window.dashboard.profile
    show({"activation": "tanh", "init": "xavier"})
    low, high = profile.float16.lines
    assert not high.label.isVisible() and "half precision" not in window.dashboard.readout.text()
    show({"activation": "identity", "init": "constant", "variance": 0.01, "widths": "256x51"})
    assert high.value() == pytest.approx(FLOAT16_LEVELS[1])
    assert high.label.isVisible() and high.label.toPlainText() == "float16 max"
    assert "65\u00a0504" in high.toolTip()   # (kept whole where the tooltip wraps)
    text = window.dashboard.readout.text()
    assert "in half precision the signal is ∞ from layer 24" in text
    assert "in half precision the gradient is ∞ from layer 26 down" in text
    window.set_language("zh_CN")
    assert high.label.toPlainText() == "float16 最大值"
    assert "半精度下信号从第 24 层起为 ∞" in window.dashboard.readout.text()


def _baselines(document) -> list[tuple[str, float, float]]:
    """Each row of a readout's table: its label, and the baselines of the label and of the
    first line of its text."""
    from PySide6.QtGui import QTextCursor

    cursor = QTextCursor(document)
    cursor.movePosition(QTextCursor.NextBlock)
    table = cursor.currentTable()
    layout = document.documentLayout()
    rows = []
    for row in range(table.rows()):
        both = []
        for column in (0, 1):
            block = table.cellAt(row, column).firstCursorPosition().block()
            line = block.layout().lineAt(0)
            both.append(layout.blockBoundingRect(block).top() + line.y() + line.ascent())
        rows.append((table.cellAt(row, 0).firstCursorPosition().block().text(), *both))
    return rows


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_each_readout_label_stands_on_its_lines_baseline(window, show, language):
    """In Chinese the row "float16", Latin letters beside the others' Chinese labels, stood 3 px
    above its line (of taller Chinese glyphs): every label is in the window's language, on
    the baseline of its text's first line."""
    window.set_language(language)
    show({"activation": "identity", "init": "constant", "variance": 0.01, "widths": "256x51"})
    rows = _baselines(window.dashboard.readout.view.document())
    assert ("半精度" if language == "zh_CN" else "float16") in [name for name, _, _ in rows]
    for _, label, text in rows:
        assert abs(label - text) < 1, rows


@pytest.mark.parametrize("variance", [1e-30, 0.01])
def test_the_uniforms_ends_stand_at_their_value_however_small(window, show, variance):
    """A tour: at γ_t = 10⁻³⁰ the dotted ends ±√(3γ_t) = ±1.73·10⁻¹⁵ stood at x = 0, on the
    bell's peak, their label pointing there (Qt takes a position within 10⁻¹² for unchanged).
    Halfway up the plot its dotted colour is drawn at ±√(3γ_t), not in the middle."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QColor

    from gui.weights_view import UNIFORM_COLOR
    from gui.window_tabs import WEIGHTS_TAB

    show({"activation": "identity", "init": "constant", "variance": variance,
          "distribution": "uniform", "widths": "32, 32", "batch": 16})
    window.tabs.setCurrentIndex(WEIGHTS_TAB)
    view = window.tabs.weights
    w = view.numbers()
    box = view.plot.getViewBox()
    graphics = box.scene().views()[0]
    image = graphics.grab().toImage()
    ratio = image.devicePixelRatio()
    top = box.viewRange()[1][1]
    dotted = QColor(UNIFORM_COLOR)

    def near(x: float) -> bool:   # (a dotted line: over a few rows, some fall between dots)
        at = graphics.mapFromScene(box.mapViewToScene(QPointF(x, 0.5 * top)))
        for dx in range(-3, 4):
            for dy in range(-6, 7):
                c = image.pixelColor(int((at.x() + dx) * ratio), int((at.y() + dy) * ratio))
                if sum(abs(a - b) for a, b in zip(c.getRgb()[:3], dotted.getRgb()[:3])) < 90:
                    return True
        return False

    assert near(w.bound) and near(-w.bound) and not near(0.0)
