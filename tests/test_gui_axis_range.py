"""The profile's steady y range: all data shown, no jitter while a slider moves, user zoom kept."""

import pyqtgraph as pg
import pytest

from engine import SimConfig
from gui.axis_range import SteadyYRange, decade_step, snapped
from gui.heatmap import round_up


@pytest.mark.parametrize("lo, hi, expected", [
    ((-0.6), 0.05, (-1.0, 1.0)),      # less than a decade: at least one shown
    (-30.0, 2.0, (-40.0, 10.0)),
    (-240.0, 0.0, (-300.0, 100.0)),   # hundreds of decades: steps of 100
    (5.0, 100.0, (-10.0, 110.0)),
])
def test_snapped_ranges_hold_the_data_with_round_ends(lo, hi, expected):
    assert snapped(lo, hi) == expected


def test_round_up():
    assert [round_up(v) for v in (0.04, 0.41, 1.0, 4.2, 170)] == [0.05, 0.5, 1.0, 5.0, 200.0]


def test_the_range_holds_still_grows_at_once_and_shrinks_when_mostly_empty(qtbot):
    view = pg.PlotWidget()
    qtbot.addWidget(view)
    steady = SteadyYRange(view.getViewBox())
    steady.fit(-2.1, 0.0)
    first = steady.range
    assert first[0] <= -2.1 and first[1] >= 0.0
    for shift in (0.01, 0.05, -0.1):     # a drag moves the curves a little: no change
        steady.fit(-2.1 + shift, shift)
        assert steady.range == first
    steady.fit(-35.0, 0.0)               # data leave the range: it grows at once
    assert steady.range[0] <= -35.0
    steady.fit(-2.0, 0.0)                # data fill < 1/3 of it: it shrinks
    assert steady.range == first
    assert view.getViewBox().viewRange()[1] == pytest.approx(list(first))


def test_room_for_a_label_beside_a_level_is_given_and_kept_as_data(qtbot):
    """A label 0.2 of the range's height tall above the level 0: the range reaches far
    enough, and no further than a tenth of its step (no empty band); it is kept for the next
    results as data are (a visual check: widened, it shrank at the next result and cut off a
    pinned run's far end)."""
    view = pg.PlotWidget()
    qtbot.addWidget(view)
    steady = SteadyYRange(view.getViewBox())
    steady.fit(-60.0, 0.0)                        # pinned runs reach −60
    bottom, top = steady.range
    assert (bottom, top) == snapped(-60.0, 0.0) and top < 0.2 * (top - bottom)
    for _ in range(3):                            # the next results, the label asking room
        steady.fit(-20.0, 0.0, room=(0.0, 0.2, True))
        assert steady.range[0] == bottom          # the pins' end kept
        high = steady.range[1]
        edge = -0.2 * bottom / 0.8                # edge − 0 = 0.2 · (edge − bottom)
        assert edge <= high < edge + decade_step(high - bottom) / 10


def test_settle_fits_the_last_data_afresh_unless_zoomed_by_hand(qtbot):
    """A drag's frames keep a steady range; new settings' own result gets one of its own (a
    GUI tour: a vanishing run kept the −800…+800 of the exploding run before it)."""
    view = pg.PlotWidget()
    qtbot.addWidget(view)
    steady = SteadyYRange(view.getViewBox())
    steady.fit(-650.0, 800.0)   # the old run's curves beside the new settings' theory
    steady.fit(-650.0, 10.0)    # the new run fills more than a third: kept while streaming
    assert steady.range[1] >= 800.0
    steady.settle(-650.0, 10.0)
    assert steady.range == snapped(-650.0, 10.0)
    assert view.getViewBox().viewRange()[1] == pytest.approx(list(steady.range))
    view.getViewBox().sigRangeChangedManually.emit([False, True])   # a mouse zoom: kept
    view.getViewBox().setYRange(-1.0, 1.0, padding=0)
    steady.settle(-650.0, 10.0)
    assert view.getViewBox().viewRange()[1] == pytest.approx([-1.0, 1.0])


def test_a_typed_change_after_an_exploding_run_refits_the_profile(window, plotted):
    """The window: relu at gain 100 explodes to ~+800 decades; sigmoid at depth 500 then
    vanishes to ~−630, more than a third of the range both make, and its range is its own,
    not −700…+900."""
    window.set_config(SimConfig.from_dict({"depth": 200, "width": 32, "batch": 64,
                                           "activation": "relu", "init": "he", "gain": 100.0}))
    plotted(window, timeout=30000)
    window.set_config(SimConfig.from_dict({"depth": 500, "width": 32, "batch": 64,
                                           "activation": "sigmoid"}))
    result = plotted(window, timeout=30000)
    lo, hi = window.dashboard.profile.plot.getViewBox().viewRange()[1]
    top = max(max(result.monte_carlo.log10_forward_var), max(result.theory.log10_forward_var),
              0.0)
    assert hi - top < 0.2 * (hi - lo), (lo, hi)


def test_an_x_only_zoom_leaves_y_managed(qtbot):
    view = pg.PlotWidget()
    qtbot.addWidget(view)
    steady = SteadyYRange(view.getViewBox())
    steady.fit(-2.0, 0.0)
    view.getViewBox().sigRangeChangedManually.emit([True, False])   # wheel over the x axis
    steady.fit(-50.0, 0.0)
    assert steady.managed and steady.range[0] <= -50.0


def test_a_manual_zoom_is_kept_until_auto_range_is_asked_for(qtbot):
    view = pg.PlotWidget()
    qtbot.addWidget(view)
    box = view.getViewBox()
    steady = SteadyYRange(box)
    steady.fit(-2.0, 0.0)
    box.sigRangeChangedManually.emit([False, True])   # what a mouse zoom emits
    box.setYRange(-0.5, 0.5, padding=0)
    steady.fit(-50.0, 0.0)
    assert not steady.managed and box.viewRange()[1] == pytest.approx([-0.5, 0.5])
    box.enableAutoRange(axis=pg.ViewBox.YAxis)        # the "A" button
    assert steady.managed and steady.range[0] <= -50.0
    assert not box.state["autoRange"][1]


def test_the_window_profile_keeps_every_curve_inside_its_range(window, plotted):
    window.set_config(SimConfig.from_dict({"depth": 20, "width": 32, "batch": 64,
                                           "activation": "identity", "gain": 3.0}))
    result = plotted(window, timeout=30000)
    lo, hi = window.dashboard.profile.plot.getViewBox().viewRange()[1]
    for curve in (result.monte_carlo.log10_forward_var, result.theory.log10_backward_var):
        assert lo <= min(curve) and max(curve) <= hi


@pytest.mark.parametrize("scale", [2, 4])
def test_an_export_at_scale_paints_cached_axes_afresh(qtbot, scale):
    """Axes are cached as on-screen pixmaps; an export at 2× or 4× must not scale them up."""
    from PySide6.QtWidgets import QGraphicsItem

    from gui import figures

    view = _profile_with_theory(qtbot)              # painted once: the axis caches fill
    axes = [view.plot.getAxis(name) for name in ("left", "bottom")]
    assert all(a.cacheMode() != QGraphicsItem.CacheMode.NoCache for a in axes)
    cached = figures.image(figures.widget_figure(view), scale)
    assert all(a.cacheMode() != QGraphicsItem.CacheMode.NoCache for a in axes)  # restored
    for name in ("left", "bottom", "right", "top"):
        view.plot.getAxis(name).setCacheMode(QGraphicsItem.CacheMode.NoCache)
    fresh = figures.image(figures.widget_figure(view), scale)
    assert cached == fresh


def _zoom_in(view):
    """What a wheel over a plot does: a smaller range, and the manual-change signal."""
    box = view.plot.getViewBox()
    box.scaleBy((0.25, 0.25))
    box.sigRangeChangedManually.emit([True, True])
    return box


def _full(view):
    """The view's x and y ranges, flat."""
    (x0, x1), (y0, y1) = view.plot.getViewBox().viewRange()
    return [x0, x1, y0, y1]


def test_new_settings_show_the_full_range_unless_the_zoom_is_kept(window, plotted):
    """Issue: a stray scroll zoomed a plot and the zoom survived new runs and presets."""
    dashboard = window.dashboard
    full = {view: _full(view) for view in dashboard.views()}
    for view in dashboard.views():
        _zoom_in(view)
        assert view.zoom.zoomed and _full(view) != full[view]
    window.set_config(window.config().with_values(seed=7))   # new settings, same shapes
    plotted(window)
    for view in dashboard.views():
        assert not view.zoom.zoomed
        assert _full(view) == pytest.approx(full[view], abs=1e-6), type(view).__name__
    window.menus.keep_zoom_action.trigger()                  # View ▸ Keep zoom …
    assert dashboard.keep_zoom
    _zoom_in(dashboard.forward)
    zoomed = _full(dashboard.forward)
    window.set_config(window.config().with_values(seed=8))
    plotted(window)
    assert _full(dashboard.forward) == pytest.approx(zoomed)
    window.menus.keep_zoom_action.trigger()


def test_a_double_click_or_view_reset_zoom_shows_the_full_range(window, qtbot):
    from PySide6.QtCore import QPoint, Qt

    dashboard = window.dashboard
    view = dashboard.forward
    full = _full(view)
    _zoom_in(view)
    centre = view.viewport().rect().center()
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=QPoint(centre))
    qtbot.mouseDClick(view.viewport(), Qt.LeftButton, pos=QPoint(centre))
    qtbot.mouseRelease(view.viewport(), Qt.LeftButton, pos=QPoint(centre))
    assert not view.zoom.zoomed and _full(view) == pytest.approx(full, abs=1e-6)
    for v in dashboard.views():
        _zoom_in(v)
    [action] = [a for a in window.menus.all_actions() if a.shortcut().toString() == "Ctrl+0"]
    action.trigger()                                         # View ▸ Reset zoom
    assert not any(v.zoom.zoomed for v in dashboard.views())


@pytest.mark.parametrize("scale", [2, 4])
def test_an_export_at_scale_draws_its_lines_as_much_wider_as_its_text(qtbot, scale):
    """A researcher's tour: curves stayed 3 pixels wide in a 4× PNG whose text was four times
    as large (the plots' pens are cosmetic), hairlines in print. Each line is now `scale`
    times as wide, its pixels scale² times as many; the pens are the screen's again after."""

    from gui import figures

    view = _profile_with_theory(qtbot)
    curve = view.plot.listDataItems()[0]
    pen = curve.opts["pen"]
    colour = pen.color().getRgb()[:3]

    single, scaled = (_pixels_of(figures.image(figures.widget_figure(view), s), colour, 8)
                      for s in (1, scale))
    assert single > 100 and scaled > 0.75 * scale ** 2 * single, (single, scaled)
    assert curve.opts["pen"].widthF() == pen.widthF()


@pytest.mark.parametrize("scale", [2, 4])
def test_an_export_at_scale_widens_lines_and_sizes_symbols_once(qtbot, scale):
    """A review: a straight line (pyqtgraph's InfiniteLine paints with its currentPen) kept
    its width at 2× and 4×, and a scatter symbol grew by the scale twice (256× its area at
    4×, not 16×)."""
    import pyqtgraph as pg

    from gui import figures

    plot = pg.PlotWidget()
    qtbot.addWidget(plot)
    plot.resize(300, 200)
    plot.setBackground("w")
    plot.setRange(xRange=(0, 10), yRange=(0, 10), padding=0)
    plot.addItem(pg.InfiniteLine(3, angle=0, pen=pg.mkPen("#00c000", width=2)))
    plot.addItem(pg.ScatterPlotItem([7], [7], size=10, pen=None, brush="#c00000"))
    plot.show()
    qtbot.wait(50)

    images = [figures.image(figures.widget_figure(plot), s) for s in (1, scale)]
    for colour in ((0, 192, 0), (192, 0, 0)):
        single, scaled = (_pixels_of(image, colour, 40) for image in images)
        assert 0.6 * scale ** 2 * single < scaled < 1.6 * scale ** 2 * single, \
            (colour, single, scaled)


def _profile_with_theory(qtbot):
    """A variance profile on its own, showing a theory, painted once."""
    from engine import SimResult, mean_field
    from gui.profile import ProfileView

    view = ProfileView()
    qtbot.addWidget(view)
    view.resize(500, 320)
    view.show()
    config = SimConfig.from_dict({"depth": 20, "width": 16})
    view.set_theory(SimResult(config, theory=mean_field(config)))
    qtbot.wait(50)
    return view


def _pixels_of(image, colour, tolerance: int) -> int:
    """How many pixels of `image` are `colour` (RGB), each channel within `tolerance`."""
    import numpy as np
    from PySide6.QtGui import QImage

    rgb = image.convertToFormat(QImage.Format_RGB32)
    px = np.frombuffer(rgb.constBits(), np.uint8).reshape(
        rgb.height(), rgb.bytesPerLine() // 4, 4)[:, :rgb.width(), 2::-1]
    return int(np.all(np.abs(px.astype(int) - colour) <= tolerance, axis=-1).sum())
