"""The Sweep, Phase diagram and Jacobian spectrum tabs: lazy, progressive, cancellable."""

import csv
import math
import re

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from menu_probe import f5_entry
from worker_probe import ManualExecutor
from engine import SimConfig
from engine.critical_gain import critical_gain
from engine.phase import current_point, edge_gain, gain_for
from engine.spectrum import jacobian_spectrum
from engine.sweep import DEFAULT_SAMPLES, sweep, theory_sweep
from gui import MainWindow
from gui.phase_view import PhaseView
from gui.plot_labels import COMPACT_BELOW
from gui.texts import fmt
from gui.typeset import as_shown
from plot_probe import drawn_tick_labels


def _widget_pos(graphics, plot, x, y):
    """Where the view point (x, y) of `plot` is in `graphics`' viewport."""
    return graphics.mapFromScene(plot.getViewBox().mapViewToScene(QPointF(x, y)))


def _theory_ready(view) -> bool:
    theory = view.theory("backward")
    return theory.size > 0 and bool(np.isfinite(theory).all())


def _settled(window, panel) -> bool:
    """The panel shows everything for the config the controls show."""
    return panel.config() == window.config() and panel.is_current()


def _show(window, qtbot, panel, timeout=30000):
    window.tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: _settled(window, panel), timeout=timeout)


@pytest.mark.fresh_window   # (the file's window has shown its tabs after another test)
def test_tabs_compute_nothing_until_shown(window, qtbot, plotted):
    window.resize(1500, 940)   # (the tabs' full names: a narrow window takes short ones)
    qtbot.waitUntil(lambda: window.tabs.tabText(2) == "Phase diagram")
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == \
        ["Network", "Sweep", "Phase diagram", "Jacobian spectrum", "Weights", "Activation",
         "Training"]
    window.set_config(SimConfig.from_dict({"depth": 4}, base=window.config()))
    plotted(window)
    assert [p.jobs for p in (window.tabs.sweep, window.tabs.phase, window.tabs.spectrum)] == [0, 0, 0]


def test_sweep_shows_theory_at_once_then_monte_carlo(tmp_path, qtbot, small_config):
    executor = ManualExecutor()                         # each job runs when told to
    window = MainWindow(small_config, executor=executor)
    qtbot.addWidget(window)
    window.show()
    executor.finish()                                   # the network's Monte Carlo
    view = window.tabs.sweep
    config = window.config()
    base = config.with_values(gain=1.0, batch=DEFAULT_SAMPLES)
    window.tabs.setCurrentWidget(view)
    qtbot.waitUntil(lambda: _theory_ready(view), timeout=5000)
    assert view.mc_rows() == 0 and executor.running is not None   # the theory comes first
    values = view.values()
    assert len(values) == 41 and values[0] == pytest.approx(0.25) and values[-1] == 4
    np.testing.assert_allclose(view.theory("forward"),
                               theory_sweep(base, "gain", values).theory_forward)
    # the critical gain (a search of up to ~0.3 s) comes with the first job, not on this thread
    assert not view.views[0][3].isVisible() and "comes with the Monte Carlo" in view.note.text()
    assert executor.running[2].critical_gain
    executor.finish()
    qtbot.waitUntil(lambda: view.views[0][3].isVisible(), timeout=5000)
    assert "Critical gain" in view.note.text()
    assert "‖J‖²<sub>F</sub> = n<sub>L</sub>" in as_shown(view.note.text())   # typeset, not ‖J‖²_F
    # and the phase diagram line's gain beside it (where they differ: finite depth)
    edge = fmt(edge_gain(base))
    assert f"(endless depth) is at gain {edge};" in view.note.text()
    while not _settled(window, view):                   # the Monte Carlo, chunk by chunk
        qtbot.waitUntil(lambda: executor.running is not None or _settled(window, view))
        if executor.running:
            executor.finish()
    assert view.mc_rows() == 41 and view.jobs == 6       # in chunks of at most 8 gains
    assert [r.critical_gain for r in executor.started[-6:]] == [True] + [False] * 5
    mc = sweep(base, "gain", values, samples=DEFAULT_SAMPLES)
    np.testing.assert_allclose(view.shown("forward"), mc.forward, equal_nan=True, atol=1e-5)  # float32 sums grouped differently
    np.testing.assert_allclose(view.shown("backward"), mc.backward, equal_nan=True, atol=1e-5)
    # File ▸ Export statistics: the sweep's rows as `--sweep --stats` writes them (a tour: it
    # wrote the Network tab's per-layer statistics)
    assert window.export_stats(tmp_path / "sweep.csv")
    ours = list(csv.DictReader((tmp_path / "sweep.csv").read_text().splitlines()))
    theirs = list(csv.DictReader(mc.to_csv().splitlines()))
    assert len(ours) == len(theirs) == 41 * (config.depth + 1) and list(ours[0]) == list(theirs[0])
    for a, b in zip(ours, theirs):
        assert (a["gain"], a["layer"], a["config"]) == (b["gain"], b["layer"], b["config"])
        for column in ("log10_forward_var", "theory_log10_backward_var"):
            assert (a[column] == b[column] == "") or \
                float(a[column]) == pytest.approx(float(b[column]), abs=1e-5)
    plot, image, _, critical, current = view.views[0]
    assert image.image.shape == (41, config.depth + 1)   # gains (y) × layers (x)
    assert critical.isVisible()
    assert critical.value() == pytest.approx(math.log10(critical_gain(config)))
    assert current.value() == pytest.approx(0.0)
    assert drawn_tick_labels(plot.getAxis("left")) == ["0.25", "0.5", "1", "2", "4"]
    window.controls.widget("gain").setValue(2.0)          # only the marker moves
    qtbot.waitUntil(lambda: current.value() == pytest.approx(math.log10(2.0)), timeout=2000)
    assert view.is_current() and view.jobs == 6 and not view.busy()
    assert "outside the swept range" not in view.note.text()
    window.controls.widget("gain").setValue(0.1)          # off the maps: said, not lost
    qtbot.waitUntil(lambda: "gain 0.1 is outside the swept range 0.25–4" in view.note.text(),
                    timeout=2000)
    window.controls.widget("gain").setValue(1e6)   # as the settings write it (not 1e+06)
    qtbot.waitUntil(lambda: "gain 10⁶ is outside the swept range 0.25–4"
                    in as_shown(view.note.text()), timeout=2000)
    window.controls.widget("gain").setValue(2.0)
    qtbot.waitUntil(lambda: "outside the swept range" not in view.note.text(), timeout=2000)
    window.resize(1024, 700)   # narrow maps: the lines' labels end at the view's edges
    box = plot.getViewBox()

    def inside(line) -> bool:
        return box.rect().contains(line.label.mapRectToItem(box, line.label.boundingRect()))
    qtbot.waitUntil(lambda: box.width() < 300 and inside(critical) and inside(current))

    def crossed(label, line) -> bool:   # does `line` run through `label`?
        y0, y1 = sorted(p.y() for p in (label.mapToView(label.boundingRect().topLeft()),
                                          label.mapToView(label.boundingRect().bottomLeft())))
        return y0 < line.value() < y1
    # issue: at depth 1000 "current gain 1" sat on the dashed line of the critical gain 1.05
    window.controls.widget("gain").setValue(round(critical_gain(config) * 0.98, 3))
    qtbot.waitUntil(lambda: abs(current.value() - critical.value()) < 0.02, timeout=2000)
    assert not crossed(current.label, critical) and not crossed(critical.label, current)
    assert current.label.mapToView(current.label.boundingRect().topLeft()).y() \
        <= current.value() + 1e-9                                 # the lower line's: below
    out = tmp_path / "sweep.png"
    window.export_figure(out)                                 # the tab shown is exported,
    assert QImage(str(out)).width() == view.width()        # its maps and note without the
    assert view.controls_height() >= view.low.height()     # gain range's boxes (a tour: a
    assert QImage(str(out)).height() == view.height() - view.controls_height()   # slide's)
    assert "theory only" not in view.status.text()
    view.mode.setCurrentIndex(view.mode.findData("theory"))  # which an image no longer shows
    assert "The maps show the mean-field theory only (Monte Carlo: 41 of 41 gains " \
           "computed)" in view.status.text()


def test_sweep_cancel_keeps_the_theory_and_run_again_finishes(qtbot, window, plotted):
    window.set_config(SimConfig.from_dict({"depth": 8, "width": 16, "batch": 16}))
    plotted(window)
    view = window.tabs.sweep
    window.tabs.setCurrentWidget(view)
    qtbot.waitUntil(view.busy, timeout=5000)
    window.cancel()                                        # Esc: the current tab's work
    assert not view.busy() and not window.runner.is_busy(view.channel())
    assert "cancelled" in view.status.text() and view.run_button.isVisibleTo(window)
    qtbot.waitUntil(lambda: _theory_ready(view), timeout=5000)
    rows = view.mc_rows()
    if rows == 0:   # cancelled before the first job, which brings the critical gain
        assert "not computed" in view.note.text() and not view.views[0][3].isVisible()
    assert rows < 41
    with qtbot.assertNotEmitted(view.computed, wait=300):
        pass
    assert view.mc_rows() == rows
    qtbot.mouseClick(view.run_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: _settled(window, view), timeout=30000)
    assert view.mc_rows() == 41 and not view.run_button.isVisibleTo(window)


@pytest.mark.parametrize("tab", ["sweep", "spectrum"])
def test_a_long_sweep_or_spectrum_waits_for_run_it_saying_its_cost(qtbot, window, plotted,
                                                                     monkeypatch, tab):
    """The weak-laptop tour: the Spectrum tab ran depth 1000 × width 2048 for over 100 s
    unsaid (and a sweep of it for minutes), where the network's Monte Carlo waits for F5. A
    run estimated long or large waits for “Run it” (a button named as the network's held run
    names it: it has not run), its cost said (the sweep's theory drawn all the same); “Run
    it” runs it; cancelled, it waits for “Run again”."""
    from gui import run_gate

    # (a network no other test of the file's window shows)
    window.set_config(SimConfig.from_dict({"depth": 8, "width": 16, "batch": 16, "seed": 11}))
    plotted(window)
    monkeypatch.setattr(run_gate, "CONFIRM_S", 0.0)   # every run counts as long
    view = getattr(window.tabs, tab)
    jobs = view.jobs
    window.tabs.setCurrentWidget(view)
    qtbot.waitUntil(lambda: view.halted(), timeout=5000)
    assert view.jobs == jobs and not window.runner.is_busy(view.channel())
    status = view.status_words()
    assert ("— not run: " if tab == "sweep" else "Not run: ") + "about " in status
    assert " of memory (" in status and " available)" in status
    assert status.endswith("; “Run it” computes it") and view.run_button.isVisibleTo(window)
    assert view.run_button.text() == "Run it" and f5_entry(window) == "&Run it"
    if tab == "sweep":
        qtbot.waitUntil(lambda: _theory_ready(view), timeout=5000)
        assert view.mc_rows() == 0 and "not run" in view.status_words()
        assert "the Monte Carlo has not run" in view.note.text()   # (not "stopped")
    else:   # said beside the plot too, where a large font leaves the status below the fold
        assert len(view.counts()) == 0 and "Not run: about " in as_shown(view.text.text())
    qtbot.mouseClick(view.run_button, Qt.LeftButton)
    assert view.busy() and view.cancel_button.isEnabled()
    view.cancel_button.click()
    assert view.run_button.text() == "Run again" and "cancelled" in view.status_words()
    assert f5_entry(window) == "&Run again"
    qtbot.mouseClick(view.run_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: _settled(window, view), timeout=30000)
    assert view.jobs > jobs and not view.run_button.isVisibleTo(window)
    if tab == "sweep":
        assert view.mc_rows() == 41
    else:
        assert view.counts().sum() > 0


def test_sweep_titles_take_their_short_forms_together(window, qtbot):
    """At 1024 pixels the backward title ("… by gain") was smaller than the forward one;
    the short forms leave "by gain" to the gain axis."""
    view = window.tabs.sweep
    window.tabs.setCurrentWidget(view)
    titles = [plot.titleLabel for plot, *_ in view.views]
    for width, short in ((1024, True), (1060, False), (1500, False)):
        window.resize(width, 760)
        qtbot.waitUntil(lambda: window.width() == width
                        and all(("by gain" in t.text) != short for t in titles))
        # at one scale: at 1060 the backward title was at 85 % beside the forward one's 100 %
        assert len({round(t.item.scale(), 3) for t in titles}) == 1


def test_the_sweep_maps_label_their_last_layer(window, qtbot):
    """A researcher's tour: the maps of 50 layers read 0 … 45 (pyqtgraph drops a label that
    runs past the view's end); the Network tab's maps label theirs."""
    window.set_config(window.config().with_values(widths="8x51"))
    view = window.tabs.sweep
    window.tabs.setCurrentWidget(view)
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: _theory_ready(view) and view.theory("forward").shape[1] == 51,
                    timeout=10000)
    for plot, *_ in view.views:
        labels = drawn_tick_labels(plot.getAxis("bottom"))
        assert labels[0] == "0" and labels[-1] == "50", labels


@pytest.mark.fresh_window   # (the window's phase tab is counted on by the tests after)
def test_the_phase_colour_bars_label_takes_its_short_form_where_it_would_be_cut(qtbot, window):
    """A tour at a 14 pt desktop font (and at 1024 × 600): "log₁₀ χ₁ (below 0: ordered, …)"
    was cut at both ends of its bar, "log₁₀ χ₁" gone with it."""
    view = window.tabs.phase
    axis = view.bar.getAxis("left")
    window.resize(1366, 768)
    _show(window, qtbot, view)
    qtbot.waitUntil(lambda: axis.labelText.startswith("log₁₀ χ₁   (below 0"))
    window.resize(1024, 600)
    qtbot.waitUntil(lambda: axis.labelText == "log₁₀ χ₁")


def test_the_star_is_outlined_in_white_on_dark_cells(qtbot, window, plotted):
    """A colour-blind tour: the ★'s violet outline was lost on the ordered phase's blue cells
    (2.5 apart in lightness printed in grey)."""
    from plot_probe import rgb_pixels

    window.set_config(window.config().with_values(activation="relu", init="he", gain=0.3,
                                                   bias_std=0.3))
    plotted(window)
    view = window.tabs.phase
    _show(window, qtbot, view)
    centre = _widget_pos(view.graphics, view.plot, *view.star_at())
    shot = view.graphics.viewport().grab().toImage()
    rgb = rgb_pixels(shot)
    ratio = shot.devicePixelRatio()
    x, y, r = round(centre.x() * ratio), round(centre.y() * ratio), round(16 * ratio)
    around = rgb[y - r:y + r, x - r:x + r].reshape(-1, 3)
    white = (around.min(axis=1) > 215).sum()
    dark = (around.max(axis=1) < 235).sum() - white
    assert dark > 0.3 * len(around), "the cells around the ★ are not dark"
    assert white > 20, white


def test_phase_diagram_hover_and_click_set_gain_and_bias(qtbot, window, plotted):
    window.set_config(window.config().with_values(activation="relu", init="he"))
    before = plotted(window).config
    view = window.tabs.phase
    _show(window, qtbot, view)
    assert view.jobs == 1
    d = view.diagram
    assert d.activation == "relu" and view.image.image.shape == (41, 41)
    np.testing.assert_allclose(view.critical.getData()[0], 2.0)   # relu: σ_w² = 2
    assert view.star_at() == pytest.approx(current_point(before))
    QApplication.processEvents()   # (laid out with the ★'s caption, two lines here)
    pos = _widget_pos(view.graphics, view.plot, 3.0, 0.1)
    qtbot.mouseMove(view.graphics.viewport(), pos)
    # relu has no fixed point q* beyond the line: q grows, two inputs do not decorrelate (a
    # tour: the region was called chaotic, as tanh's is)
    assert "χ₁ = 1.5" in as_shown(view.hover.text()) and "exploding" in view.hover.text()
    assert view.labels[1].toPlainText().startswith("exploding")
    # relu has no q* beyond the line: the title says χ₁ is taken in its limit there
    assert view.plot.titleLabel.text.endswith("or in its limit where there is none")
    # and no chaos to speak of: its title, and a critical point's words (a teacher's tour:
    # "Order and chaos" over a region called "exploding", the ★ "critical: the edge of chaos")
    assert view.plot.titleLabel.text.startswith("Order and explosion")
    assert "(critical: between order and explosion)" in view.point.text()   # relu under He
    assert view.colour.itemText(0) == "log₁₀ χ₁ (order and explosion)"   # (it said chaos)
    qtbot.mouseClick(view.graphics.viewport(), Qt.LeftButton, pos=pos)
    config = window.config()
    assert config.gain == pytest.approx(gain_for(before, 3.0), rel=0.02)
    assert config.bias_std == pytest.approx(math.sqrt(0.1), rel=0.02)
    assert window.controls.widget("gain").value() == config.gain
    assert plotted(window).config == config                # re-simulated
    assert view.jobs == 1 and view.is_current()            # the point stayed inside
    assert "ξ<sub>c</sub>" in view.status.text()           # typeset, not ξ_c
    window.resize(1024, 700)   # the network's point wraps rather than being cut
    qtbot.waitUntil(lambda: view.point.width() < 800)
    qtbot.waitUntil(lambda: view.point.height() >= view.point.heightForWidth(view.point.width()))
    assert view.point.heightForWidth(view.point.width()) > 1.5 * view.point.fontMetrics().height()
    # a tanh network's ★, while relu's diagram is still shown, is not worded by relu's (a
    # review: "between order and explosion" beside tanh's edge of chaos)
    window.set_config(window.config().with_values(activation="tanh", init="xavier", gain=1.0,
                                                  bias_std=0.0))
    assert "(critical: the edge of chaos)" in view.point.text()
    qtbot.waitUntil(lambda: view.diagram.activation == "tanh", timeout=10000)
    assert view.colour.itemText(0) == "log₁₀ χ₁ (order and chaos)"
    # a narrower tab (1024 pixels beside the lesson) takes the title's short form (a tour:
    # relu's long one was ~7 px high there)
    window.resize(700, 700)
    qtbot.waitUntil(lambda: view.plot.titleLabel.text == "Order and chaos: log₁₀ χ₁")
    assert view.plot.titleLabel.item.scale() >= COMPACT_BELOW
    window.resize(1024, 700)


def test_a_point_beyond_the_gain_control_is_clamped(qtbot, small_config):
    view = PhaseView(gain_range=(0.5, 1.2))
    qtbot.addWidget(view)
    view.set_config(small_config)
    with qtbot.waitSignal(view.configChosen) as chosen:
        view.choose_point(4.0, 0.04)                       # needs gain 2 at Xavier, tanh
    config, note = chosen.args
    assert config.gain == 1.2 and config.bias_std == pytest.approx(0.2)
    assert "clamped" in note and view.jobs == 0            # hidden: nothing computed


def test_the_phase_status_follows_a_switch_to_and_from_init_zeros(qtbot, window, plotted):
    """A review: the status was worded once per diagram, whose key does not include the init:
    switching to zeros kept "click to set gain and bias std there", and back, the reverse."""
    view = window.tabs.phase
    _show(window, qtbot, view)
    assert "click to set gain and bias std" in view.status.text()
    window.set_config(window.config().with_values(init="zeros"))
    qtbot.waitUntil(lambda: "sets only the bias std" in view.status.text(), timeout=5000)
    window.set_config(window.config().with_values(init="xavier"))
    qtbot.waitUntil(lambda: "click to set gain and bias std" in view.status.text(), timeout=5000)


def test_the_phase_line_is_dashed_and_said_where_it_is_a_jump(qtbot, window, plotted):
    """A researcher's tour: gelu's line at small σ_b² read "χ₁ = 1", where χ₁ jumps over 1."""
    view = window.tabs.phase
    window.set_config(window.config().with_values(activation="swish"))
    _show(window, qtbot, view)
    dashed = view.jump.getData()[0]
    assert np.isfinite(dashed).any() and not np.isfinite(view.critical.getData()[0]).any()
    assert "the black line, dashed, is where χ₁ jumps over 1" in as_shown(view.status.text())
    assert view.labels[2].textItem.toPlainText() == "χ₁ jumps over 1"
    window.set_config(window.config().with_values(activation="relu"))   # (crosses 1: solid)
    qtbot.waitUntil(lambda: _settled(window, view), timeout=10000)
    assert not np.isfinite(view.jump.getData()[0]).any()
    assert np.isfinite(view.critical.getData()[0]).any() and "dashed" not in view.status.text()
    assert view.labels[2].textItem.toPlainText() == "χ₁ = 1"


def test_where_the_fixed_point_ends_is_dotted_and_named(qtbot, window, plotted):
    """A researcher's tour: selu's near-white stripe at σ_w² ≈ 1.8, right of its line, read
    as a second critical line; it is where q* ends and the colour becomes χ₁'s limit."""
    view = window.tabs.phase
    window.set_config(window.config().with_values(activation="elu"))   # (as selu, at σ_w² = 2)
    _show(window, qtbot, view)
    x, y = view.edge.getData()
    assert np.isfinite(x).all() and abs(float(np.median(x)) - 2.0) < 0.1
    assert y.min() < 0 < view.diagram.sigma_b2.max() < y.max()   # the grid's whole height
    assert "dotted, where the fixed point q* ends" in as_shown(view.status.text())
    # (elu's chaotic band is named where it is wide enough for its name)
    assert view.labels[1].textItem.toPlainText() == "chaotic  χ₁ > 1"
    assert view.labels[3].isVisible() and view.labels[3].textItem.toPlainText() == \
        "exploding  χ₁ > 1"
    # a large bias: the edge at the low rows only, not at the names' (a review: the side
    # was named chaotic over cells without q*)
    window.set_config(window.config().with_values(bias_std=3.0))
    qtbot.waitUntil(lambda: _settled(window, view) and view.diagram.sigma_b2.max() > 9,
                    timeout=10000)
    assert np.isfinite(view.edge.getData()[0]).any() and not view.labels[3].isVisible()
    assert view.labels[1].textItem.toPlainText() == "chaotic or exploding  χ₁ > 1"
    window.set_config(window.config().with_values(activation="relu"))   # (no q* beyond)
    qtbot.waitUntil(lambda: _settled(window, view), timeout=10000)
    drawn = view.edge.getData()[0]
    assert (drawn is None or not len(drawn)) and "dotted" not in view.status.text()
    assert not view.labels[3].isVisible()


def test_an_exported_phase_diagram_says_what_it_shows_not_how_to_click_it(qtbot, window,
                                                                          monkeypatch):
    """A tour: the PNG kept "hover for χ₁ …, click to set gain and bias std there", which
    means nothing on paper. The image has the figure's sentence; the window keeps its own."""
    import gui.analysis
    from gui import figures

    view = window.tabs.phase
    _show(window, qtbot, view)
    drawn = []
    original = gui.analysis.widget_figure

    def widget_figure(widget, *args, **kwargs):
        made = original(widget, *args, **kwargs)

        def paint(painter):
            drawn.append((as_shown(view.status.text()), view.hover.text()))
            made.paint(painter)

        return figures.Figure(made.width, made.height, paint)

    monkeypatch.setattr(gui.analysis, "widget_figure", widget_figure)
    # a grid point named by the hover, then the mouse went to the File menu (a teacher's
    # tour: that line stayed, and went into the PNG)
    qtbot.mouseMove(view.graphics.viewport(), _widget_pos(view.graphics, view.plot, 2.0, 0.1))
    hovered = view.hover.text()
    assert "grid point" in hovered
    shown = view.status.text()
    assert not figures.image(view.figure()).isNull()
    status, hover = drawn[0]
    assert "the black line is χ₁ = 1" in status and hover == ""
    assert "hover" not in status and "click" not in status
    assert view.status.text() == shown and "click to set gain" in shown
    assert view.hover.text() == hovered   # the window keeps its own


def test_a_click_with_init_zeros_sets_the_bias_only(qtbot, small_config):
    """A tour: init zeros has σ_w² = 0 at every gain; a click printed a traceback (gain NaN
    refused) and the status still offered to set the gain."""
    view = PhaseView(gain_range=(0.01, 100.0))
    qtbot.addWidget(view)
    zeros = small_config.with_values(init="zeros", gain=1.5)
    view.set_config(zeros)
    with qtbot.waitSignal(view.configChosen) as chosen:
        view.choose_point(2.0, 0.09)
    config, note = chosen.args
    assert config == zeros.with_values(bias_std=0.3) and "init zeros" in note


@pytest.mark.fresh_window   # (its deep net's job would count in the tab's next test)
def test_neighbouring_bars_of_one_count_are_told_apart(qtbot, window, plotted):
    """A tour: the histogram was one outline, so neighbours of one count (2, 2, 2) read as a
    single wide bar; each bar is outlined, its edge drawn between them."""
    view = window.tabs.spectrum
    # (nine pairs of equal neighbours; depth 1000 had five, at 1.5 s a spectrum)
    window.set_config(SimConfig.from_dict({"depth": 50, "width": 256, "batch": 8}))
    _show(window, qtbot, view, timeout=60000)
    edges, counts = view.spectrum.histogram()
    pairs = [i for i in range(len(counts) - 1) if counts[i] == counts[i + 1] > 0]
    assert pairs, counts
    image = QImage(view.grab().toImage()).convertToFormat(QImage.Format_RGB32)
    box = view.plot.getViewBox()
    for i in pairs:
        seen = []
        # at three heights: a curve over the bars (the theory's) may cross the edge at one
        # (a fresh-clone CI run: one edge read 180 where the others read 87, on a bar 193)
        for height in (0.25, 0.5, 0.75):
            edge = box.mapViewToScene(QPointF(edges[i + 1], counts[i] * height))
            at = view.graphics.mapFromScene(edge) + view.graphics.mapTo(view, QPoint(0, 0))
            row = [QColor(image.pixel(at.x() + dx, at.y())).value() for dx in range(-2, 3)]
            # in the middle of the bar right of the edge (8 px right of it was the next edge
            # once the plot was a few pixels narrower)
            middle = box.mapViewToScene(QPointF((edges[i + 1] + edges[i + 2]) / 2, 0))
            inside = QColor(image.pixel(view.graphics.mapFromScene(middle).x()
                                        + view.graphics.mapTo(view, QPoint(0, 0)).x(),
                                        at.y())).value()
            seen.append((row, inside))
        # the edge, darker than the bar
        assert any(min(row) < inside - 40 for row, inside in seen), (i, seen)


def test_spectrum_histogram_and_mean_square(qtbot, window, plotted, small_config):
    view = window.tabs.spectrum
    _show(window, qtbot, view)
    s = view.spectrum
    expected = jacobian_spectrum(window.config())
    np.testing.assert_allclose(s.log10_singular_values, expected.log10_singular_values)
    assert view.counts().sum() == 16 - s.below_floor      # those at the floor are counted apart
    assert view.mc_line.value() == pytest.approx(s.log10_mean_sq / 2)
    assert view.theory_line.value() == pytest.approx(s.theory_log10_mean_sq / 2)
    text = as_shown(view.text.text())
    assert "mean s² = " in text and "theory" in text and "Var[s²]/E[s²]²" in text
    # decades on the axis, never an SI factor (a tour: a narrow spectrum read "(x0.001)")
    assert not any(view.plot.getAxis(side).autoSIPrefix for side in ("left", "bottom"))
    jobs = view.jobs
    window.set_config(SimConfig.from_dict({"widths": "4, 2049, 4", "batch": 8}))
    qtbot.waitUntil(lambda: _settled(window, view), timeout=10000)
    assert view.jobs == jobs                                 # beyond the limits: not run
    assert "widths up to 2048" in view.text.text() and view.counts().sum() == 0
    # issue: at gain 1e6 (tanh) the plot was empty axes, though the theory is known
    window.set_config(SimConfig.from_dict({"gain": 1e6}, base=small_config))
    qtbot.waitUntil(lambda: _settled(window, view), timeout=10000)
    s = view.spectrum
    assert s.invalid is not None and view.counts().sum() == 0
    assert not view.mc_line.isVisible() and view.theory_line.isVisible()
    assert view.theory_line.value() == pytest.approx(s.theory_log10_mean_sq / 2)
    assert view.note.isVisible() and "underflowed at layer 1" in view.note.toPlainText()
    window.set_config(small_config)
    qtbot.waitUntil(lambda: _settled(window, view), timeout=10000)
    assert not view.note.isVisible() and view.mc_line.isVisible()


def test_a_linear_networks_law_is_drawn_over_its_histogram(qtbot, window, small_config):
    """A linear network of equal widths with Gaussian weights: the law of s at infinite width
    (Fuss–Catalan) over the histogram, as counts: its bins' worth within 15 % of the values
    binned, in the legend and said below; a relu network's, for the half of its s not 0;
    none for tanh."""
    view = window.tabs.spectrum
    window.set_config(SimConfig.from_dict({"activation": "identity", "depth": 6,
                                           "width": 128, "batch": 8}))
    _show(window, qtbot, view)
    qtbot.waitUntil(lambda: _settled(window, view) and view.spectrum.config.depth == 6,
                    timeout=10000)
    u, counts = view.law_curve.getData()
    bars = view.bars.opts
    centres = (np.asarray(bars["x0"]) + np.asarray(bars["x1"])) / 2
    assert np.interp(centres, u, counts).sum() == pytest.approx(view.counts().sum(), rel=0.15)
    assert u[-1] == pytest.approx(view.spectrum.free_law()[0][-1])   # up to the law's edge
    assert u[0] == pytest.approx(bars["x0"][0], abs=1e-3)            # from the first bin
    names = [label.text for _, label in view.legend.items]
    assert "law of s at infinite width (free probability)" in names
    assert "the Fuss–Catalan law ×" in as_shown(view.text.text())
    relu = SimConfig.from_dict({"activation": "relu", "init": "he", "depth": 4, "width": 200,
                                "batch": 8})
    window.set_config(relu)                       # half the s are 0: the curve is the others'
    qtbot.waitUntil(lambda: _settled(window, view) and view.spectrum.config.activation == "relu",
                    timeout=10000)
    u, counts = view.law_curve.getData()
    bars = view.bars.opts
    centres = (np.asarray(bars["x0"]) + np.asarray(bars["x1"])) / 2
    assert np.interp(centres, u, counts).sum() == pytest.approx(view.counts().sum(), rel=0.15)
    assert view.counts().sum() < 0.6 * 200 and "masked by relu" in as_shown(
        view.text.text())
    window.set_config(small_config)                              # tanh
    qtbot.waitUntil(lambda: _settled(window, view) and view.spectrum.config == view.key(
        small_config), timeout=10000)
    drawn, _ = view.law_curve.getData()
    assert drawn is None or len(drawn) == 0
    assert "law of s at infinite width (free probability)" not in [
        label.text for _, label in view.legend.items]


def test_no_spectrum_is_said_whole_in_the_middle_of_the_plot(qtbot, window, small_config):
    """A tour: zero weights' "no spectrum: the Jacobian …" was centred at x = 0.5, the right
    edge of the range a spectrum before had left, and cut in half."""
    view = window.tabs.spectrum
    _show(window, qtbot, view)
    window.set_config(SimConfig.from_dict({"init": "zeros", "activation": "sigmoid"},
                                          base=small_config))
    qtbot.waitUntil(lambda: _settled(window, view) and view.note.isVisible(), timeout=10000)
    box = view.plot.getViewBox().sceneBoundingRect()
    view.graphics.grab()   # (a text item takes the view's scale when painted)
    note = view.note.mapRectToScene(view.note.boundingRect())
    assert box.contains(note), (box, note)
    assert abs(note.center().x() - box.center().x()) < 2
    window.set_config(small_config)   # a spectrum again: its counts fill the height
    qtbot.waitUntil(lambda: _settled(window, view) and not view.note.isVisible(), timeout=10000)
    view.graphics.grab()   # (pyqtgraph ranges an auto-ranged view when it paints)
    (_, _), (y0, y1) = view.plot.getViewBox().viewRange()
    assert y1 >= view.counts().max() > 1


def test_a_few_singular_values_are_counted_in_whole_numbers(qtbot, window):
    """A tour: the 4 × 4 demo's four singular values had the count axis ticked 0, 0.2 … 1;
    and a short plot is not ticked at every whole number (a breaker's tour: at 900 × 450
    its labels 0 … 6 were crowded)."""
    view = window.tabs.spectrum
    window.set_config(SimConfig.from_dict({"widths": "4x5", "batch": 8}))
    _show(window, qtbot, view)
    axis = view.plot.getAxis("left")
    lo, hi = axis.range
    ticks = [v for _, values in axis.tickValues(lo, hi, axis.height()) for v in values]
    assert ticks and all(float(v).is_integer() for v in ticks), ticks
    [(major, _), *_] = axis.tickSpacing(0.0, 12.0, 60)   # twelve counts in 60 pixels
    assert major > 1 and float(major).is_integer()


def _label_on_a_bar(view) -> bool:
    """The floor's label covers some bar of the spectrum's histogram."""
    view.floor_line.label.updatePosition()   # (placed as its view is now)
    box, opts = view.plot.getViewBox(), view.bars.opts
    label = box.mapSceneToView(view.floor_line.label.sceneBoundingRect()).boundingRect()
    return any(label.intersects(QRectF(x0, 0.0, x1 - x0, h))
               for x0, x1, h in zip(opts["x0"], opts["x1"], opts["height"]))


def test_the_floors_label_is_not_drawn_over_the_bars(qtbot, window):
    """A tour: "← 236 below the floor" hid the top of the tallest bar, the first. The y range
    leaves it room above the bars where it would reach them, none where it does not, and the
    room stays in the range pyqtgraph's "A" button restores; a zoom by hand stays, through a
    change of language."""
    view = window.tabs.spectrum
    window.set_config(SimConfig.from_dict({"depth": 60, "width": 32, "gain": 0.3, "batch": 8}))
    _show(window, qtbot, view)
    assert view.spectrum.below_floor > 0 and not view.floor_off_view
    box = view.plot.getViewBox()
    qtbot.waitUntil(lambda: box.viewRange()[1][1] > 1.25 * view.counts().max())   # (painted)
    assert not _label_on_a_bar(view)
    box.setYRange(0.0, 2.0, padding=0.0)   # a zoom by hand
    window.set_language("zh_CN")
    window.set_language("en")
    assert box.viewRange()[1] == pytest.approx([0.0, 2.0])
    box.enableAutoRange()   # the "A" button
    qtbot.waitUntil(lambda: box.viewRange()[1][1] > 1.25 * view.counts().max())
    assert not _label_on_a_bar(view)
    # relu's exact zeros far left of the bars: no room needed, none taken
    window.set_config(SimConfig.from_dict({"activation": "relu", "init": "he", "widths": "64x30",
                                           "batch": 8}))
    qtbot.waitUntil(lambda: _settled(window, view), timeout=10000)
    qtbot.waitUntil(lambda: box.viewRange()[1][1] < 1.15 * view.counts().max())
    assert not view.floor_off_view and not _label_on_a_bar(view)


def test_a_floor_far_left_of_the_histogram_is_said_at_the_left_end(qtbot, window):
    """A practitioner's tour: relu's exact zeros at 10⁻¹²·⁴ stretched the axis of a pyramid's
    ten values (10⁻⁰·¹ … 10⁰·⁴) to a sliver; and the text called them rounding."""
    view = window.tabs.spectrum
    window.set_config(SimConfig.from_dict({"widths": [784, 512, 256, 128, 10], "batch": 32,
                                           "activation": "relu", "init": "he"}))
    _show(window, qtbot, view)
    s = view.spectrum
    assert s.below_floor == 2
    (x0, x1), _ = view.plot.getViewBox().viewRange()
    assert s.log10_floor < x0 and x1 - x0 < 2                 # the histogram fills the plot
    label = view.plot.getAxis("bottom").labelText     # said in the axis's label, clear
    assert view.floor_off_view and "2 below the floor at 10" in label   # of the bars
    assert "relu&#x27;s units off for this input" in view.text.text()

    def legend() -> list[str]:
        return [label.text for _, label in view.legend.items]

    # where they are counted, and no floor's line in the legend (a researcher's tour: "marked
    # on the left" and a legend entry, where no line was)
    assert "(counted in the x axis&#x27;s label, not in the histogram)" in view.text.text()
    assert "float64 precision floor" not in legend() and len(legend()) == 3
    view.plot.getViewBox().setXRange(-14, 1)                   # zoomed out: the line, no note
    assert not view.floor_off_view and "below" not in view.plot.getAxis("bottom").labelText
    assert "(marked on the left, not in the histogram)" in view.text.text()
    assert legend()[-1] == "float64 precision floor" and len(legend()) == 4
    assert not _label_on_a_bar(view)
    # the floor is relative: said beside the value it is relative to (a tour read "10¹⁴·⁵ …
    # cannot be told from zero" as a contradiction)
    assert re.search(r"floor 10<sup>−12\.\d</sup> \(the largest singular value, 2\.\d+, × "
                     r"max\(n<sub>0</sub>, n<sub>L</sub>\)·ε\)",
                     view.text.text()), view.text.text()
    # no spectrum after one (a review): the note why, in view, and no floor's count left
    window.set_config(SimConfig.from_dict({"widths": "16x9", "batch": 32, "gain": 1e6}))
    qtbot.waitUntil(lambda: _settled(window, view), timeout=10000)
    assert view.spectrum.invalid is not None and not view.floor_off_view
    assert view.note.isVisible()
    assert "singular values of this network (histogram)" not in legend()   # (no bars)

    def note_in_view():
        (x0, x1), _ = view.plot.getViewBox().viewRange()
        return x0 <= view.note.pos().x() <= x1

    qtbot.waitUntil(note_in_view, timeout=2000)
    window.set_config(window.config().with_values(widths=(256,) * 11, activation="relu",
                                                  init="he"))
    qtbot.waitUntil(lambda: _settled(window, view), timeout=10000)
    s = view.spectrum
    (x0, _), _ = view.plot.getViewBox().viewRange()
    assert s.below_floor and x0 < s.log10_floor and not view.floor_off_view


def test_a_tab_left_computing_shows_its_config_again_when_the_config_returns(qtbot,
                                                                             small_config):
    """Issue: Sweep finished at A; B (huge) opened briefly; back to A (a preset): Sweep kept
    B's map and "0 of 41 gains … running" for minutes while the worker ground on B."""
    executor = ManualExecutor()
    window = MainWindow(small_config, executor=executor)
    qtbot.addWidget(window)
    window.show()
    view = window.tabs.sweep
    window.tabs.setCurrentWidget(view)
    while not view.is_current():                           # A, to the end
        qtbot.waitUntil(lambda: executor.running is not None or view.is_current())
        if executor.running:
            executor.finish()
    assert view.shown().shape[1] == small_config.depth + 1
    window.tabs.setCurrentIndex(0)
    big = SimConfig.from_dict({"depth": 12}, base=small_config)
    window.set_config(big)
    window.tabs.setCurrentWidget(view)                     # B starts, never finishes
    qtbot.waitUntil(lambda: view.busy() and view.shown().shape[1] == 13, timeout=5000)
    window.tabs.setCurrentIndex(0)
    window.set_config(small_config)                        # back to A
    window.tabs.setCurrentWidget(view)
    qtbot.waitUntil(lambda: view.shown().shape[1] == small_config.depth + 1, timeout=5000)
    assert view.busy() or view.is_current()                # A again, not B's map
    while not view.is_current():
        qtbot.waitUntil(lambda: executor.running is not None or view.is_current())
        if executor.running:
            executor.finish()
    sweeps = [r for r in executor.started if hasattr(r, "values")]   # SweepRequests
    assert all(r.config.depth == small_config.depth for r in sweeps[-6:])


def test_a_phase_diagram_of_another_network_is_dimmed_until_the_new_one_comes(qtbot,
                                                                           small_config):
    """A breaker's tour: from identity to gelu, the phase tab showed identity's cells and
    χ₁ = 1 line for the 6 s gelu's diagram took, under gelu's ★ and words. They are drawn
    faint until the new diagram replaces them."""
    executor = ManualExecutor()
    window = MainWindow(small_config.with_values(activation="identity"), executor=executor)
    qtbot.addWidget(window)
    window.show()
    view = window.tabs.phase

    def run_out() -> None:
        while not view.is_current():
            qtbot.waitUntil(lambda: executor.running is not None or view.is_current())
            if executor.running:
                executor.finish()

    window.tabs.setCurrentWidget(view)
    run_out()
    assert all(item.opacity() == 1.0 for item in view.drawn)
    window.set_config(window.config().with_values(activation="tanh"))
    qtbot.waitUntil(lambda: view.busy(), timeout=5000)
    assert view.diagram.activation == "identity"
    assert all(item.opacity() < 0.5 for item in view.drawn)
    run_out()
    assert view.diagram.activation == "tanh"
    assert all(item.opacity() == 1.0 for item in view.drawn)


def test_a_spectrum_of_another_network_is_dimmed_until_the_new_one_comes(qtbot,
                                                                       small_config):
    """A teacher's tour: after a switch to a long relu net and a Cancel, the identity net's
    bars and law stood at full strength under the relu net's controls (a slide grabbed then
    was wrong). Faint until the new spectrum replaces them, as the phase diagram is."""
    executor = ManualExecutor()
    window = MainWindow(small_config.with_values(activation="identity"), executor=executor)
    qtbot.addWidget(window)
    window.show()
    view = window.tabs.spectrum
    shown = (view.bars, view.law_curve, view.mc_line, view.theory_line)
    window.tabs.setCurrentWidget(view)
    qtbot.waitUntil(lambda: executor.running is not None and executor.running[2] is not None
                    and view.busy())
    while not view.is_current():
        if executor.running:
            executor.finish()
        qtbot.waitUntil(lambda: executor.running is not None or view.is_current())
    assert view.counts().sum() > 0 and all(item.opacity() == 1.0 for item in shown)
    window.set_config(window.config().with_values(activation="relu"))
    qtbot.waitUntil(lambda: view.busy(), timeout=5000)
    assert all(item.opacity() < 0.5 for item in shown)
    window.cancel()
    qtbot.waitUntil(lambda: not view.busy(), timeout=5000)
    assert view.spectrum.config.activation == "identity"
    assert all(item.opacity() < 0.5 for item in shown)


def test_a_tab_still_computing_is_not_exported_half_drawn(tmp_path, qtbot, small_config,
                                                        monkeypatch):
    """Issue: Ctrl+E on the Sweep tab 0.8 s after opening it wrote "0 of 41 gains … Monte
    Carlo running…" with the progress bar and Cancel in the PNG, and said it wrote it."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    from gui import menus

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: shown.append(text))
    executor = ManualExecutor()
    window = MainWindow(small_config, executor=executor)
    qtbot.addWidget(window)
    window.show()
    executor.finish()                                      # the network's Monte Carlo
    view = window.tabs.sweep
    window.tabs.setCurrentWidget(view)
    qtbot.waitUntil(lambda: view.busy() and executor.running is not None, timeout=5000)
    assert not window.save_figure(tmp_path / "sweep.png")
    assert not (tmp_path / "sweep.png").exists()
    assert len(shown) == 1 and "does not show the result of these settings yet" in shown[0]
    assert "Sweep" in shown[0]
    menus.export_figure(window)                               # said before a file is chosen
    assert len(shown) == 2
    QApplication.clipboard().clear()
    assert not window.offer_copy() and not window.offer_copy(view.graphics)   # nor copied
    assert len(shown) == 4 and QApplication.clipboard().image().isNull()
    while not view.is_current():
        qtbot.waitUntil(lambda: executor.running is not None or view.is_current())
        if executor.running:
            executor.finish()
    assert window.save_figure(tmp_path / "sweep.png") and (tmp_path / "sweep.png").exists()
    # its gains and view recorded, opened again on the tab (a practitioner's tour: a sweep's
    # figure had come back as the tab's range of the moment)
    from engine.config_files import file_settings

    state = view.fields.state()
    assert file_settings(tmp_path / "sweep.png")[1] == {"sweep": state}
    window.tabs.setCurrentIndex(0)
    view.fields.set_range(0.5, 2.0, 9)
    assert window.open_config(tmp_path / "sweep.png")
    assert view.fields.state() == state and window.tabs.current_page() is view
    assert window.offer_copy(view.graphics)
    copied = QApplication.clipboard().image()   # the maps, the white around them cut
    assert 0.8 * 2 * view.graphics.width() <= copied.width() <= 2 * view.graphics.width()


def test_a_status_of_one_or_two_lines_never_moves_the_plots(qtbot, window, plotted):
    """Beside the progress bar and Cancel a sweep's status wrapped to two lines, and the maps
    grew by a line when the Monte Carlo finished (English, 1024 pixels)."""
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QApplication

    window.resize(1024, 700)
    view = window.tabs.sweep
    _show(window, qtbot, view)
    wide = view.status.width()

    def top():
        for _ in range(3):   # the layouts' posted requests
            QApplication.processEvents()
        return view.status.mapTo(window, QPoint(0, 0)).y()

    view.say(lambda: "short")
    before = top()
    line = "a status as long as a busy sweep's " * 4
    assert view.status.fontMetrics().horizontalAdvance(line) > wide   # two lines
    view.say(lambda: line)
    assert top() == before
    window.set_language("zh_CN")   # taller lines (a fallback font): the room grows with them
    view.say(lambda: "状态")
    before = top()
    line = "一个正在扫描的状态，" * 12
    assert view.status.fontMetrics().horizontalAdvance(line) > view.status.width()
    view.say(lambda: line)
    assert top() == before


def test_the_phase_diagram_spans_its_grid_before_its_values_come(qtbot):
    """While its first diagram was computed its axes ran over −0.5 … 0.5: negative
    variances, for a second or two."""
    from gui.worker import Runner

    executor = ManualExecutor()
    view = PhaseView()
    view.use_runner(Runner(executor, parent=view))
    qtbot.addWidget(view)
    config = SimConfig.from_dict({"depth": 8, "width": 16, "batch": 16})
    view.set_config(config)
    view.show()
    qtbot.waitUntil(lambda: executor.running is not None, timeout=5000)
    request = executor.running[2]
    (x0, x1), (y0, y1) = view.plot.getViewBox().viewRange()
    (w_lo, w_hi), (b_lo, b_hi) = request.ranges.sigma_w2, request.ranges.sigma_b2
    assert view.diagram is None and 0 <= w_lo and 0 <= b_lo
    cell_w, cell_b = (w_hi - w_lo) / 40 / 2, (b_hi - b_lo) / 40 / 2
    assert (x0, x1) == pytest.approx((w_lo - cell_w, w_hi + cell_w))
    assert (y0, y1) == pytest.approx((b_lo - cell_b, b_hi + cell_b))
    executor.finish()
    qtbot.waitUntil(lambda: view.diagram is not None, timeout=5000)
    assert view.plot.getViewBox().viewRange()[0] == pytest.approx([x0, x1])


@pytest.mark.parametrize("values, ordered_named", [
    ({"activation": "relu", "init": "he"}, True),
    ({"activation": "identity", "gain": 2.0}, True),
    ({"activation": "linear", "alpha": 2.0, "gain": 1.9}, False)],
    ids=["default", "a-sixth", "a-sliver"])
def test_a_phase_too_thin_for_its_name_goes_unnamed(qtbot, values, ordered_named):
    """linear σ = 2x at gain 1.9 puts the network at σ_w² = 3.6 on a linear axis to 5.4: the
    ordered phase (σ_w² < 0.25) is a sliver at the left edge, where its name was cut in half
    and covered the line (relu at gain 30, σ_w² = 1800, before the axis went logarithmic
    there). A phase wide enough for its name is named: identity at gain 2 has the ordered
    phase on a sixth of an axis to 6, ~150 pixels, where a fixed fifth had hidden it (a
    tour)."""
    from gui.worker import Runner

    executor = ManualExecutor()
    view = PhaseView()
    view.use_runner(Runner(executor, parent=view))
    qtbot.addWidget(view)
    view.set_config(SimConfig.from_dict({"depth": 8, "width": 16, "batch": 16, **values}))
    view.resize(1100, 600)
    view.show()
    qtbot.waitUntil(lambda: executor.running is not None, timeout=5000)
    executor.finish()
    qtbot.waitUntil(lambda: view.diagram is not None, timeout=5000)
    ordered, chaotic, line, no_fixed_point = view.labels
    assert ordered.isVisible() == ordered_named
    assert chaotic.isVisible() and line.isVisible() and not no_fixed_point.isVisible()


def test_a_network_far_beyond_the_line_gets_a_log_axis(qtbot, window, plotted):
    """A tour: at gain 10⁶ the σ_w² axis ran linearly to 1.1·10¹², the ordered phase and the
    line χ₁ = 1 a sliver at its left edge. Beyond 4× the usual range the axis is log10 σ_w²:
    both phases named, the line at σ_w² = 2 (relu), the star at its σ_w², hover and click
    where they point."""
    window.set_config(window.config().with_values(activation="relu", init="he", gain=1e3))
    view = window.tabs.phase
    _show(window, qtbot, view)
    assert view.diagram.log_sigma_w2 and view.plot.getAxis("bottom").logMode
    (x0, x1), _ = view.plot.getViewBox().viewRange()
    assert x0 < math.log10(0.02) and x1 > math.log10(2e6)   # log10 σ_w², past the network's
    assert all(label.isVisible() for label in view.labels[:3])   # (relu: no q* beyond)
    line_x = view.critical.getData()[0]
    np.testing.assert_allclose(line_x[np.isfinite(line_x)], math.log10(2.0), rtol=1e-9)
    assert view.star_at()[0] == pytest.approx(math.log10(2e6))

    def hover_at_5() -> bool:
        """The hover at σ_w² = 5 names the grid point there: the nearest of 41 log-spaced
        σ_w², 0.2 decades apart. (Moved there anew each time: under load a layout still
        pending at the first move took the point elsewhere.)"""
        at = _widget_pos(view.graphics, view.plot, math.log10(5.0), 0.1)
        qtbot.mouseMove(view.graphics.viewport(), at + QPoint(2, 0))
        qtbot.mouseMove(view.graphics.viewport(), at)
        found = re.search(r"σ<sub>w</sub>² = ([0-9.]+)", as_shown(view.hover.text()))
        return bool(found) and abs(math.log10(float(found.group(1)) / 5.0)) < 0.11

    qtbot.waitUntil(hover_at_5, timeout=5000)
    pos = _widget_pos(view.graphics, view.plot, math.log10(5.0), 0.1)
    qtbot.mouseClick(view.graphics.viewport(), Qt.LeftButton, pos=pos)
    assert window.config().gain == pytest.approx(math.sqrt(2.5), rel=0.05)   # σ_w² = 2·gain² (He)
    plotted(window)
    # inside the log range, but within the usual one: a linear axis again
    qtbot.waitUntil(lambda: _settled(window, view) and not view.diagram.log_sigma_w2)
    assert not view.plot.getAxis("bottom").logMode
    assert view.star_at()[0] == pytest.approx(2.0 * window.config().gain ** 2)


def test_the_star_of_a_network_without_a_bias_is_drawn_whole(qtbot, window, plotted):
    """A tour at 1280 × 720: at σ_b² = 0 (every network without a bias) the ★ sits half a
    cell above the grid's bottom edge, and in a small plot the view's clip cut off the tips
    of its lower arms (an axis tick crossed it too). Drawn over the view, it is whole: as
    tall as the same ★ in the middle of the diagram."""
    from gui.phase_view import STAR

    def star_rows() -> int:
        image = view.graphics.grab().toImage().convertToFormat(QImage.Format_RGB32)
        pixels = np.frombuffer(image.constBits(), np.uint8).reshape(
            image.height(), image.width(), 4)[:, :, 2::-1].astype(int)   # (BGRA: RGB)
        star = QColor(STAR)
        outline = np.abs(pixels - [star.red(), star.green(), star.blue()]).sum(axis=2) < 60
        return int(outline.any(axis=1).sum())

    window.resize(1024, 600)
    view = window.tabs.phase
    rows = {}
    for bias in (0.3, 0.0):   # (σ_b² = 0.09: inside the grid)
        window.set_config(SimConfig.from_dict({"depth": 10, "width": 32, "batch": 32,
                                               "bias_std": bias}))
        plotted(window)
        _show(window, qtbot, view)
        qtbot.waitUntil(lambda: view.star_at() is not None
                        and view.star_at()[1] == pytest.approx(bias ** 2, abs=1e-9))
        rows[bias] = star_rows()
    assert rows[0.0] >= rows[0.3] - 1 >= 14, rows   # (a row either way: its place in a pixel)


def test_zero_weights_after_a_log_axis_put_no_nan_star_and_warn_nothing(qtbot, window, plotted):
    """A breaker's tour: at gain 10⁶ (a log σ_w² axis) a switch to init zeros put σ_w² = 0
    at log10 0 = NaN until the next diagram came, and pyqtgraph warned "All-NaN slice
    encountered" at every switch."""
    import warnings

    # (relu: its diagrams take milliseconds, tanh's a second each)
    window.set_config(SimConfig.from_dict({"gain": 1e6, "depth": 10, "width": 32, "batch": 32,
                                           "activation": "relu"}))
    view = window.tabs.phase
    _show(window, qtbot, view)
    assert view.diagram.log_sigma_w2 and view.star_at() is not None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        window.set_config(window.config().with_values(init="zeros"))
        plotted(window)
        qtbot.waitUntil(lambda: _settled(window, view))
        view.graphics.grab()   # (painted: pyqtgraph's bounds are asked for)
    assert [str(w.message) for w in caught] == []
    # (the next diagram is linear, from 0: the star at σ_w² = 0)
    assert not view.diagram.log_sigma_w2 and view.star_at()[0] == pytest.approx(0.0, abs=1e-9)
    window.set_config(window.config().with_values(init="xavier"))
    plotted(window)
    qtbot.waitUntil(lambda: _settled(window, view) and view.star_at() is not None)


def test_the_sweep_paints_exactly_zero_variance_black_and_says_so(qtbot, window):
    """A tour: zero weights' layers of exactly zero variance were the saturated blue of "a
    decade or more below" on the Sweep's ±1 bar, black on the Network tab's maps."""
    view = window.tabs.sweep
    window.set_config(SimConfig.from_dict({"depth": 2, "width": 16, "batch": 16,
                                           "activation": "sigmoid", "init": "zeros"}))
    _show(window, qtbot, view)
    qtbot.waitUntil(lambda: view.mc_rows() == len(view.values()), timeout=30000)
    for (plot, *_), black_layers in zip(view.views, ((1, 2), (0, 1))):
        box = plot.getViewBox()
        image = view.graphics.grab(box.mapRectToScene(box.boundingRect()).toRect()).toImage()
        for layer in (0, 1, 2):   # each layer's column, a quarter down (off gain 1's line)
            x = image.width() * (layer + 0.5) / 3
            pixel = image.pixelColor(int(x), image.height() // 4)
            black = max(pixel.red(), pixel.green(), pixel.blue()) < 40
            assert black == (layer in black_layers), (layer, pixel.name())
    assert "Black: exactly zero variance" in view.note.text()
    # the lines leave the zeros out: said so, not as "beyond float32" (a breaker's tour)
    view.mode.setCurrentIndex(view.mode.findData("lines"))
    assert "A point of exactly zero variance is left out" in view.note.text()
    assert "float32" not in view.note.text()   # (a teacher: its lines reach −620 decades)
    assert "Black" not in view.note.text()
    view.mode.setCurrentIndex(view.mode.findData("mc"))
    window.set_grey_safe(True)   # (hatched there, and said so)
    qtbot.waitUntil(lambda: "Black hatched (/): exactly zero variance"
                    in as_shown(view.note.text()))
    window.set_grey_safe(False)
    window.set_config(SimConfig.from_dict({"depth": 2, "width": 16, "batch": 16}))
    qtbot.waitUntil(lambda: _settled(window, view) and "Black" not in view.note.text(),
                    timeout=30000)
    assert not any(marks.image.any() for marks in view.zero_marks)


def test_the_sweep_note_says_where_the_monte_carlo_parts_from_the_theory(qtbot, window):
    """A researcher's tour: at gains up to 1000 the gradient fell 193 decades below the
    theory, the note silent (the gains of `engine.readout_facts.sweep_gap`)."""
    view = window.tabs.sweep
    window.set_config(SimConfig.from_dict({"depth": 10, "width": 16, "batch": 16}))
    view.set_range(0.5, 1000, 5)
    _show(window, qtbot, view)
    qtbot.waitUntil(lambda: "The Monte Carlo parts from the theory at 3 of 5 gains (22.4–1000)"
                    in view.note.text(), timeout=30000)
    view.set_range(0.5, 2, 3)
    qtbot.waitUntil(lambda: _settled(window, view), timeout=30000)
    assert "parts from the theory" not in view.note.text()


def test_the_sweep_note_says_when_its_colour_bars_differ():
    """A tour: at depth 1000 the forward bar spanned ±20 decades and the backward ±1000, and
    nothing under the maps said so (a slide's reader compares their colours)."""
    from gui.analysis_texts import sweep_note_text

    note = sweep_note_text("Critical gain 1.05", None, 1.0, (0.25, 4.0), [20.0, 1000.0])
    assert note.endswith("The colour bars differ: ±20 decades forward, ±1000 backward.")
    assert "colour bars differ" not in sweep_note_text("x", None, 1.0, (0.25, 4.0), [30, 30])



@pytest.mark.fresh_window   # (the file's window kept a relu diagram whose ranges an earlier test
# widened and which still serves this config, where the command line draws the default ranges:
# it failed where xdist gave this test's process those tests and not the ones that end it)
def test_export_statistics_on_the_phase_and_spectrum_tabs_writes_their_numbers(
        qtbot, window, plotted, tmp_path, monkeypatch):
    """A tour: File ▸ Export statistics on these tabs wrote the Network tab's per-layer
    statistics; there was no way to get the phase grid or the singular values out."""
    import csv
    import json

    view = window.tabs.phase
    window.set_config(window.config().with_values(activation="relu"))   # (a quick diagram)
    _show(window, qtbot, view)
    d = view.diagram
    assert window.export_stats(tmp_path / "phase.csv")
    rows = list(csv.DictReader((tmp_path / "phase.csv").read_text().splitlines()))
    assert len(rows) == d.log10_chi1.size and list(rows[0]) == ["sigma_w2", "sigma_b2",
                                                                 "log10_chi1", "xi_c", "config"]
    # the config in every row, as a run's (an audit: the CSV alone did not say what made it)
    assert len({r["config"] for r in rows}) == 1
    assert SimConfig.from_dict(json.loads(rows[0]["config"])) == window.config()
    assert float(rows[1]["log10_chi1"]) == d.log10_chi1[0, 1]
    assert window.export_stats(tmp_path / "phase.json")
    data = json.loads((tmp_path / "phase.json").read_text())
    assert data["config"] == window.config().to_dict() and len(data["grid"]) == len(rows)
    view = window.tabs.spectrum
    _show(window, qtbot, view)
    s = view.spectrum
    assert window.export_stats(tmp_path / "spectrum.json")
    data = json.loads((tmp_path / "spectrum.json").read_text())
    np.testing.assert_allclose(data["log10_singular_values"], s.log10_singular_values)
    assert data["theory_log10_mean_sq"] == pytest.approx(s.theory_log10_mean_sq)
    assert data["theory_eig_normalized_var"] == pytest.approx(s.theory_eig_normalized_var)
    assert window.export_stats(tmp_path / "spectrum.csv")
    rows = list(csv.DictReader((tmp_path / "spectrum.csv").read_text().splitlines()))
    assert len(rows) == len(s.log10_singular_values) and rows[0]["at_floor"] in ("0", "1")
    assert SimConfig.from_dict(json.loads(rows[-1]["config"])) == s.config
    # the command line writes the same files (a tour: `--stats --view phase` was refused, the
    # window was the only way to these numbers)
    import main

    assert window.save_config(tmp_path / "config.json")
    for name in ("phase.json", "spectrum.csv"):
        out = tmp_path / f"cli_{name}"
        assert main.main(["--config", str(tmp_path / "config.json"), "--stats", str(out),
                          "--view", name.split(".")[0]]) == 0
        assert out.read_text() == (tmp_path / name).read_text()
    said = []   # beyond the spectrum's limits: said so, nothing written
    monkeypatch.setattr(window, "show_error", lambda title, text: said.append(text))
    window.set_config(SimConfig.from_dict({"widths": "4, 2049, 4", "batch": 8}))
    qtbot.waitUntil(lambda: _settled(window, view), timeout=10000)
    assert not window.export_stats(tmp_path / "beyond.csv")
    assert "beyond the spectrum's limits" in said[0] and not (tmp_path / "beyond.csv").exists()
    # … and over the plot, not bare axes with the reason only under them (a tour)
    assert view.note.isVisible() and view.note.toPlainText().startswith("not computed: beyond")
    window.set_language("zh_CN")
    try:
        assert view.note.isVisible() and view.note.toPlainText().startswith("未计算")
    finally:
        window.set_language("en")
    window.set_config(SimConfig.from_dict({"widths": "4, 8, 4", "batch": 8}))
    qtbot.waitUntil(lambda: _settled(window, view), timeout=10000)
    assert not view.note.isVisible()


def test_the_phase_diagram_colours_by_xi_c_too(qtbot, window, plotted):
    """A researcher: ξ_c, the depth over which two inputs' correlation is forgotten
    (Schoenholz et al. 2017, Fig. 1), was only in the hover. The colour box shows it over the
    plane: log10 ξ_c, largest along the line χ₁ = 1 where it diverges, no colour where there is
    no fixed point q*; the exported image leaves the box out and its title says what it shows."""
    window.set_config(window.config().with_values(bias_std=0.2))
    view = window.tabs.phase
    _show(window, qtbot, view)
    jobs, d = view.jobs, view.diagram
    view.colour.setCurrentIndex(view.colour.findData("xi_c"))
    assert view.jobs == jobs   # the same diagram, coloured anew
    shown = view.image.image
    lo, hi = view.bar.levels()
    assert lo < hi and float(np.nanmax(shown)) == hi   # the line's cells, at the top colour
    assert np.array_equal(np.isnan(shown), np.isnan(d.xi_c))
    finite = np.isfinite(d.xi_c) & (np.log10(d.xi_c) > lo) & (np.log10(d.xi_c) < hi)
    np.testing.assert_allclose(shown[finite], np.log10(d.xi_c[finite]))
    row = int(np.argmin(np.abs(d.sigma_b2 - 0.15)))   # across a row: largest at the line
    crossing = np.nanargmax(d.xi_c[row])
    assert abs(d.sigma_w2[crossing] - d.critical_sigma_w2[row]) < 2 * (d.sigma_w2[1] - d.sigma_w2[0])
    assert "Depth scale ξ<sub>c</sub>" in view.plot.titleLabel.text
    assert view.figure().height < view.height()   # without the colour box's row
    view.colour.setCurrentIndex(view.colour.findData("chi1"))
    assert view.plot.titleLabel.text.startswith("Order and chaos")
    np.testing.assert_array_equal(view.image.image, np.clip(d.log10_chi1, *view.bar.levels()))


def test_the_sweep_line_view_draws_the_maps_ends_and_crosses_zero_at_the_critical_gain(
        tmp_path, qtbot, window, plotted):
    """Show ▸ lines at the ends: the forward map's last layer and the backward map's first,
    by gain, in decades, Monte Carlo beside the theory. For tanh under Xavier (n_0 = n_L) the
    input's gradient has the output gradient's variance (0 decades) at the critical gain,
    its definition (‖J‖²_F = n_L): the theory's line crosses 0 there."""
    window.set_config(SimConfig.from_dict({"depth": 20, "width": 32, "batch": 16}))
    plotted(window)
    view = window.tabs.sweep
    _show(window, qtbot, view)
    view.mode.setCurrentIndex(view.mode.findData("lines"))
    assert view.lines_graphics.isVisibleTo(window) and not view.graphics.isVisibleTo(window)
    curves = view.lines.curves
    for direction, layer in (("forward", -1), ("backward", 0)):
        x, mc = curves[direction, "mc"].getData()
        _, th = curves[direction, "theory"].getData()
        shown = view.shown(direction)[:, layer]   # (points beyond float32 are left out)
        finite = np.isfinite(shown)
        np.testing.assert_allclose(10 ** x, view.values()[finite], rtol=1e-12)
        np.testing.assert_array_equal(mc, shown[finite])
        np.testing.assert_array_equal(th, view.theory(direction)[:, layer])
    gain = 10 ** view.lines.critical.value()   # the critical gain's line
    x, th = curves["backward", "theory"].getData()
    assert abs(np.interp(math.log10(gain), x, th)) < 0.2
    line = view.lines.critical
    assert line.isVisible() and line.value() == pytest.approx(math.log10(gain))
    assert line.label.textItem.toPlainText().startswith("critical gain ")   # as drawn
    out = tmp_path / "lines.png"   # the exported tab: the lines and the note, no controls
    assert window.save_figure(out)
    image = QImage(str(out))
    assert image.height() == view.height() - view.controls_height()
    # swept again (a review: the label came back blank, pyqtgraph words a hidden one never)
    view.set_range(0.5, 2.0, 9)
    qtbot.waitUntil(lambda: _settled(window, view), timeout=30000)
    assert line.label.textItem.toPlainText().startswith("critical gain ")
    assert len(curves["forward", "theory"].getData()[0]) == 9
    view.set_range(gain * 1.3, gain * 3, 5)   # the critical gain off the range: not drawn
    qtbot.waitUntil(lambda: _settled(window, view), timeout=30000)
    assert not line.isVisible() and "outside" in view.note.text()
    view.mode.setCurrentIndex(view.mode.findData("theory"))   # the maps of the theory
    assert view.graphics.isVisibleTo(window) and "Colour:" in view.note.text()


def test_hovering_the_sweep_reads_out_each_cell_and_each_gains_ends(qtbot, window, plotted):
    """A practitioner's tour: the Sweep's maps and lines said nothing under the mouse, and a
    map's colours saturate past ±20 decades (−28.7 read as −20). Over a cell: its gain, layer,
    value and source; over the line view: the nearest gain's ends, Monte Carlo and theory."""
    from PySide6.QtGui import QTextDocument

    from gui.hover import html
    from gui.texts import decades_value

    window.set_config(SimConfig.from_dict({"depth": 20, "width": 32, "batch": 16}))
    plotted(window)
    view = window.tabs.sweep
    view.mode.setCurrentIndex(view.mode.findData("mc"))
    view.set_range(0.25, 4.0, 41)   # (the defaults: a test before may have left others)
    _show(window, qtbot, view)
    values = view.values()
    row, t = 0, 20   # gain 0.25, the last layer: the forward map far below its bar's end
    plot = view.views[0][0]
    at = _widget_pos(view.graphics, plot, t, math.log10(values[row]))
    qtbot.mouseMove(view.graphics.viewport(), at + QPoint(2, 0))
    qtbot.mouseMove(view.graphics.viewport(), at)
    value = view.shown("forward")[row, t]
    assert value < view.views[0].bar.levels()[0]   # beyond the colour bar: the readout tells
    said = f"gain {fmt(values[row])}, layer {t}: Var[h<sup>t</sup>] {decades_value(value)} " \
           "(Monte Carlo)"
    qtbot.waitUntil(lambda: view.hover.readouts[0].item.isVisible())
    shown = QTextDocument()
    shown.setHtml(html(said))   # (as the readout typesets it)
    assert view.hover.readouts[0].item.toPlainText() == shown.toPlainText()
    view.mode.setCurrentIndex(view.mode.findData("lines"))
    plot = view.lines.plot
    at = _widget_pos(view.lines_graphics, plot, math.log10(values[row]) + 0.005, 0.0)
    qtbot.mouseMove(view.lines_graphics.viewport(), at + QPoint(2, 0))
    qtbot.mouseMove(view.lines_graphics.viewport(), at)
    qtbot.waitUntil(lambda: view.hover.readouts[2].item.isVisible())
    said = "<br>".join([f"gain {fmt(values[row])}"] + [
        f"{source}: Var[h<sup>L</sup>] {decades_value(maps('forward')[row, -1])}; "
        f"Var[∂ℓ/∂h<sup>0</sup>] {decades_value(maps('backward')[row, 0])}"
        for source, maps in (("Monte Carlo", view.shown), ("theory", view.theory))])
    shown.setHtml(html(said))
    assert view.hover.readouts[2].item.toPlainText() == shown.toPlainText()
    view.mode.setCurrentIndex(view.mode.findData("mc"))
    try:
        # a pass that left float32: its cells at the colour's end, said as such under the mouse,
        # not "0", nor painted black as exactly zero (a review: tanh at gain 1000, whose gradient
        # underflows in float32 while the theory's rises)
        window.set_config(SimConfig.from_dict({"depth": 40, "width": 32, "batch": 16}))
        plotted(window)
        view.set_range(1.0, 1000.0, 4)
        qtbot.waitUntil(lambda: _settled(window, view), timeout=30000)
        assert view.shown("backward")[3, 0] == -np.inf and not view.zero_marks[1].image[3, 0]
        assert view.hover.describe_backward(0, 3.0) == (
            "gain 1000, layer 0: Var[∂ℓ/∂h<sup>t</sup>] below float32's range (the pass "
            "underflowed) (Monte Carlo)")
        assert "theory: Var[h<sup>L</sup>]" in view.hover.describe_ends(3.0, 0.0)
        # a forward pass that overflowed leaves the gradient undefined: said, not "—" (a tour)
        window.set_config(SimConfig.from_dict({"activation": "selu", "init": "lecun",
                                               "depth": 40, "width": 16, "batch": 16}))
        plotted(window)
        view.set_range(3.0, 30.0, 3)
        qtbot.waitUntil(lambda: _settled(window, view), timeout=30000)
        assert np.isnan(view.shown("backward")[2, 2])
        assert view.hover.describe_backward(2, math.log10(30.0)).endswith(
            "undefined (the forward pass overflowed) (Monte Carlo)")
        # and the note says why those cells are grey, or the line stops (a tour)
        assert ("From gain 30 the Monte Carlo has no gradient: the forward pass overflowed "
                "float32 (grey in the backward map).") in as_shown(view.note.text())
        view.mode.setCurrentIndex(view.mode.findData("lines"))
        assert "(no point on the backward line)" in as_shown(view.note.text())
        view.mode.setCurrentIndex(view.mode.findData("mc"))
    finally:   # (the file's window keeps its sweep range: the defaults back)
        view.set_range(0.25, 4.0, 41)


def test_the_sweep_lines_legend_shows_each_curves_marker_before_any_point(qtbot):
    """A tour: before the first Monte Carlo point, both legend entries showed pyqtgraph's
    grey disc (the scatter's marker is set with the first points)."""
    import pyqtgraph as pg

    from gui import theme
    from gui.sweep_lines import GainLines

    graphics = pg.GraphicsLayoutWidget()
    qtbot.addWidget(graphics)
    lines = GainLines(graphics)
    for direction, color in (("forward", theme.FORWARD), ("backward", theme.BACKWARD)):
        scatter = lines.curves[direction, "mc"].scatter
        assert scatter.opts["brush"].color().name() == color
        assert scatter.opts["pen"].style() == Qt.NoPen


def test_the_status_line_stands_level_with_the_caption_above_it(window, qtbot):
    """A tour of the exports: the sweep's last line ("Monte Carlo at all 41 gains …") stood
    4 px left of the caption's paragraph over it."""
    view = window.tabs.sweep
    window.tabs.setCurrentWidget(view)
    qtbot.waitUntil(lambda: view.note.isVisible() and view.status.isVisible(), timeout=2000)

    def text_left(label) -> int:
        return label.mapTo(window, label.contentsRect().topLeft()).x()

    assert text_left(view.status) == text_left(view.note)
    phase = window.tabs.phase   # (its ★ line, over the status: a visual check)
    window.tabs.setCurrentWidget(phase)
    qtbot.waitUntil(lambda: phase.point.isVisible() and phase.status.isVisible(), timeout=2000)
    assert text_left(phase.status) == text_left(phase.point) == text_left(phase.hover)


def test_a_sweep_field_refusal_names_the_field_in_the_status_bar(window, qtbot):
    """A tour: a refused sweep value came as a passing tooltip only, naming no field ("must
    be between 1e-06 and 3.80952, got 0")."""
    from PySide6.QtTest import QTest

    window.tabs.setCurrentWidget(window.tabs.sweep)
    box = window.tabs.sweep.fields.low
    box.lineEdit().setFocus()
    box.lineEdit().selectAll()
    QTest.keyClicks(box.lineEdit(), "0")
    QTest.keyClick(box.lineEdit(), Qt.Key_Return)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith(
        "lowest gain: must be ≥ 1e-6"))
    assert window.statusBar().currentMessage().endswith(f"got 0 (kept {box.text()})")
    # a value taken: the refusal's words go (one the box does not hold already: the file's
    # window may have it at 0.5 from a test before, and the value would not change)
    box.setValue(0.6 if box.value() == 0.5 else 0.5)
    assert window.statusBar().currentMessage() == ""
    # a bound the other box sets is said as that (a researcher's tour: 10 beside "to" 4 read
    # "must be between 1e-06 and 3.80952", 4 ÷ 1.05)
    fields = window.tabs.sweep.fields
    fields.set_range(0.25, 4, 21)
    for box, typed, said in (
            (fields.low, "10", "lowest gain: must be below the highest gain 4 (at most 3.80952: "
                               "the ends are a factor 1.05 apart at least), got 10 (kept 0.25)"),
            (fields.high, "0.1", "highest gain: must be above the lowest gain 0.25 (at least "
                                 "0.2625: the ends are a factor 1.05 apart at least), got 0.1 "
                                 "(kept 4)"),
            # beyond the gain's own range too (a tour: 1e308 read "must be ≤ 3.8095238095238093")
            (fields.low, "1e308", "lowest gain: must be below the highest gain 4 (at most "
                                  "3.80952: the ends are a factor 1.05 apart at least), got "
                                  "1e308 (kept 0.25)"),
            # a locale tour: "0,5" read "must be between 1e-06 and 3.80952, got '0,5'"
            (fields.low, "0,5", "lowest gain: must be a number, got '0,5' (kept 0.25)"),
            (fields.count, "1.5", "number of gains: must be a whole number, got 1.5 (kept 21)"),
            # neither 1000 nor 1 is a count it takes (a visual check)
            (fields.count, "1.000", "number of gains: must be between 2 and 201, got 1.000 "
                                    "(kept 21)")):
        box.lineEdit().setFocus()
        box.lineEdit().selectAll()
        QTest.keyClicks(box.lineEdit(), typed)
        QTest.keyClick(box.lineEdit(), Qt.Key_Return)
        qtbot.waitUntil(lambda: window.statusBar().currentMessage() == said)
    # the kept value typed again: taken, its refusal goes (a tour: it stayed, as the value
    # did not change)
    box.lineEdit().selectAll()
    QTest.keyClicks(box.lineEdit(), "21")
    QTest.keyClick(box.lineEdit(), Qt.Key_Return)
    assert box.value() == 21 and window.statusBar().currentMessage() == ""
    # a whole number written with a point is the number (as the depth box takes it), not a
    # refusal put back without a word
    fields.count.lineEdit().selectAll()
    QTest.keyClicks(fields.count.lineEdit(), "30.0")
    QTest.keyClick(fields.count.lineEdit(), Qt.Key_Return)
    qtbot.waitUntil(lambda: fields.count.value() == 30)


def test_the_current_gain_is_drawn_over_a_white_halo_on_a_maps_dark_end(qtbot):
    """A colour-blind tour: the current gain's violet line on a map's blue end (gain 0.4,
    vanishing) was 2.5 apart in lightness printed in grey, 3.2 in colour to a deuteranope."""
    import pyqtgraph as pg

    from gui import theme
    from gui.sweep_map import gain_map
    from plot_probe import rgb_pixels

    graphics = pg.GraphicsLayoutWidget()
    qtbot.addWidget(graphics)
    plot, image, bar, critical, current = gain_map(graphics, 0, lambda: (("",) * 2,) * 2)
    image.setImage(np.full((20, 10), -30.0), autoLevels=False, levels=(-30, 30))
    image.setRect(0, 0, 10, 1)
    bar.setLevels((-30, 30))
    plot.setRange(xRange=(0, 10), yRange=(0, 1), padding=0)
    critical.hide()
    current.setValue(0.5)
    graphics.resize(300, 300)
    graphics.show()
    qtbot.waitUntil(lambda: plot.getViewBox().height() > 200)
    shot = graphics.grab().toImage()
    rgb = rgb_pixels(shot).astype(int)
    middle = plot.getViewBox().mapViewToScene(pg.Point(5, 0.5))
    ratio = shot.devicePixelRatio()
    x, y = round(middle.x() * ratio), round(middle.y() * ratio)
    column = rgb[y - 12:y + 13, x]
    violet = np.array([int(theme.CURRENT[i:i + 2], 16) for i in (1, 3, 5)])
    lines = np.flatnonzero(np.abs(column - violet).sum(axis=1) < 60)
    assert lines.size, column   # the line …
    above, below = column[: lines[0]], column[lines[-1] + 1:]
    for side in (above, below):   # … between white, then the map's dark blue
        assert (side.min(axis=1) > 200).any() and (side.min(axis=1) < 120).any(), column
    assert len(above) - np.flatnonzero(above.min(axis=1) < 120)[-1] \
        == np.flatnonzero(below.min(axis=1) < 120)[0] + 1   # as wide on either side
    # not on the line view's white, where it only cut the curves it crossed (a visual check)
    from gui.sweep_map import HaloLine, gain_lines
    assert not isinstance(gain_lines(90, (0.97, None), (0.03, None))[1], HaloLine)


@pytest.mark.parametrize("apart", [0.3, 0.6, 0.9, 1.2, 1.5, 2.0, 2.5, 3.0])
def test_the_two_gain_lines_labels_never_cover_each_other(qtbot, apart):
    """A tour at a 12 pt desktop font: on a narrow sweep map "current gain 1" lay under
    "critical gain 1.18", the lines 24–40 px apart (both labels between them). Lines `apart`
    label heights apart, the labels long enough to overlap side by side: they never do."""
    import pyqtgraph as pg

    from gui import plot_labels
    from gui.sweep_map import gain_map

    graphics = pg.GraphicsLayoutWidget()
    qtbot.addWidget(graphics)
    forms = (("critical gain 1.18 (a long label)",) * 2, ("current gain 1 (a long label)",) * 2)
    plot, _, _, critical, current = gain_map(graphics, 0, lambda: forms)
    graphics.resize(330, 400)
    graphics.show()
    plot.setYRange(0.0, 1.0, padding=0)
    box = plot.getViewBox()
    qtbot.waitUntil(lambda: box.height() > 200)
    critical.label.setFormat(forms[0][0])
    tall = critical.label.boundingRect().height()
    for middle in (0.2, 0.5, 0.8):    # low, central and high in the view
        current.setValue(middle)
        critical.setValue(middle + apart * tall / box.height())
        plot_labels.label_two_lines(plot, critical, current, forms)
        rects = [line.label.sceneBoundingRect() for line in (critical, current)]
        assert not rects[0].intersects(rects[1]), (apart, middle)


def test_the_sweep_tells_a_critical_gain_beyond_the_gains_allowed_from_none(window, qtbot):
    """A tour: at variance 10⁻³⁰ the note said "at no gain does the gradient's squared norm
    reach the input unchanged"; its critical gain is ~6·10¹³, beyond the largest gain."""
    window.set_config(window.config().with_values(activation="linear", init="constant",
                                                  variance=1e-30))
    window.tabs.setCurrentIndex(1)
    view = window.tabs.sweep
    qtbot.waitUntil(lambda: "No critical gain" in view.note.text(), timeout=10000)
    assert "No critical gain up to 10⁶, the largest gain the app takes" \
        in as_shown(view.note.text())
    assert not view.views[0][3].isVisible()


def test_the_phase_diagram_keeps_its_height_as_clicks_change_its_point(window, qtbot):
    """A tour at 1024 × 700 with the lesson, in Chinese: a click whose ★ took two lines
    instead of three grew the map 35 pixels, and the next click shrank it again, under the
    pointer."""
    from PySide6.QtWidgets import QLabel
    from engine import SimConfig
    from gui.widgets import settle_layouts

    window.set_language("zh_CN")
    window.lesson_action.setChecked(True)
    try:
        window.set_config(SimConfig.from_dict({**window.config().to_dict(), "gain": 1.0,
                                               "bias_std": 0.0, "widths": (256,) * 11}))
        window.resize(1024, 700)
        window.tabs.setCurrentIndex(2)
        view = window.tabs.phase
        qtbot.waitUntil(lambda: view.diagram is not None and bool(view.point.text()),
                        timeout=20000)
        heights, lines = [], set()
        for sigma_w2, sigma_b2 in ((3.85, 0.288), (1.0, 0.0), (2.0, 0.05)):
            window.set_config(view.choose_point(sigma_w2, sigma_b2))
            # (its job starts from a timer: "not busy" held before it, a race audit)
            qtbot.waitUntil(lambda: _settled(window, view), timeout=20000)
            settle_layouts()
            heights.append(view.graphics.height())
            probe = QLabel(view.point.text(), wordWrap=True)   # the text's own height
            probe.setFont(view.point.font())
            probe.setContentsMargins(view.point.contentsMargins())
            lines.add(probe.heightForWidth(view.point.width()))
            assert view.point.height() >= probe.heightForWidth(view.point.width())   # all of it
        assert len(lines) > 1 and len(set(heights)) == 1, (lines, heights)
        # another network's words measure anew (a review: unequal widths' 90 pixels were kept
        # over equal widths' 72, an empty line): the room is kept over clicks only
        for widths in ((256, 512, 128, 256, 64, 10), (256,) * 11):
            window.set_config(window.config().with_values(widths=widths))
            qtbot.waitUntil(lambda: _settled(window, view), timeout=20000)
            settle_layouts()
        probe = QLabel(view.point.text(), wordWrap=True)
        probe.setFont(view.point.font())
        probe.setContentsMargins(view.point.contentsMargins())
        assert view.point.height() == probe.heightForWidth(view.point.width())
    finally:
        window.lesson_action.setChecked(False)
        window.set_language("en")
