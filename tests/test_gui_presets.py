"""The Presets menu reproduces the lecture in order; each sets the controls and says what to see."""

import pytest

from engine import SimConfig, SimResult, mean_field, monte_carlo
from engine.verdict import verdict
from gui.presets import DEMO_PRESETS, EXTRA_PRESETS, PRESETS, TRAINING_PRESETS

# The lecture's sequence and the verdict the (mean-field) theory gives for each.
EXPECTED = [
    ("identity", "constant", "vanishing"),
    ("identity", "constant", "stable"),
    ("identity", "constant", "exploding"),
    ("identity", "xavier", "stable"),
    ("identity", "xavier", "stable"),
    ("linear", "xavier", "exploding"),
    ("linear", "xavier", "exploding"),
    ("sigmoid", "xavier", "vanishing"),
    ("tanh", "xavier", "vanishing"),
    ("relu", "xavier", "vanishing"),
    ("sigmoid_scaled", "xavier", "vanishing"),
    ("relu", "he", "stable"),
]


def test_presets_follow_the_lecture_in_order():
    assert [(p.config().activation, p.config().init) for p in PRESETS] == \
        [(a, i) for a, i, _ in EXPECTED]
    gammas = [p.config().variance for p in PRESETS[:3]]
    assert gammas[0] < 1 / 256 == gammas[1] < gammas[2]
    assert PRESETS[3].config().distribution == "normal"
    assert PRESETS[4].config().distribution == "uniform"
    assert PRESETS[5].config().beta != 0 and PRESETS[6].config().alpha != 1


@pytest.mark.parametrize("preset, expected", list(zip(PRESETS, EXPECTED)),
                         ids=[p.name for p in PRESETS])
def test_each_preset_shows_what_the_hint_promises(preset, expected):
    config = preset.config()
    theory_verdict = verdict(SimResult(config, theory=mean_field(config)))
    assert theory_verdict.source == "theory" and theory_verdict.kind == expected[2]
    assert preset.hint.endswith(".") and len(preset.hint) < 260


def test_the_menu_applies_a_preset_and_shows_its_hint(qtbot, window, plotted):
    actions = [a for a in window.presets_menu.actions() if not a.isSeparator()]
    assert [a.text() for a in actions] == [p.name for p in DEMO_PRESETS + PRESETS
                                           + TRAINING_PRESETS + EXTRA_PRESETS]
    too_large = actions[len(DEMO_PRESETS) + 2]   # linear MLP, γ too large
    # the menu's tooltips typeset the hints' formulas: "n_{t−1}γ" read as it was written
    assert "n<sub>t−1</sub>γ" in too_large.toolTip() and "n_{" not in too_large.toolTip()
    xavier = next(a for a in actions if a.text() == "Xavier normal")
    assert "n<sub>in</sub> + n<sub>out</sub>" in xavier.toolTip()
    too_large.trigger()
    assert window.config() == PRESETS[2].config()
    assert window.controls.widget("variance").isVisibleTo(window)
    assert "2.56" in window.statusBar().currentMessage()
    assert "nₜ₋₁γ" in window.statusBar().currentMessage()
    result = plotted(window, timeout=30000)
    assert result.config == PRESETS[2].config()
    text = window.dashboard.readout.text()
    assert "Look for" in text and "heatmaps turn red" in text
    assert window.dashboard.readout.verdict().kind == "exploding"
    window.controls.widget("batch").setValue(64)  # moving away drops the hint
    assert "Look for" not in window.dashboard.readout.text()


def test_the_saturation_preset_piles_mass_at_the_bounds():
    config = SimConfig.from_dict({**EXTRA_PRESETS[0].values, "depth": 10, "width": 64,
                                  "batch": 64})
    density = monte_carlo(config).hist_density[-1]
    assert density[0] + density[-1] > 5 * density[len(density) // 2]


def test_a_long_hint_in_the_status_bar_is_cut_before_the_timing_and_its_formulas_typeset(
        qtbot, window):
    """A status bar shows no rich text and Qt cut a long message under its permanent widgets
    without a mark ("…the gradient shrinks 16-fold onlyMonte Carlo 1.09 s"): the message ends
    in "…" short of the timing and shows whole in a tooltip over it, with n_{t−1} as nₜ₋₁."""
    from PySide6.QtCore import QEvent, QPoint
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QStatusBar, QToolTip

    bar = window.statusBar()
    window.resize(1024, 700)
    window.apply_preset(PRESETS[0])   # "… n_{t−1}γ = n_tγ = 0.256 < 1: each layer …"
    timing = window.status_line.timing
    # the preset's own run timed (not the run before's: "Monte Carlo < 0.01 s" is wider
    # than its "0.10 s", and the timing moved under the tooltip's test)
    qtbot.waitUntil(lambda: window.result() is not None
                    and window.result().config == window.config(), timeout=30000)
    qtbot.waitUntil(lambda: timing.isVisible() and timing.text() != "")
    whole, shown = bar.currentMessage(), QStatusBar.currentMessage(bar)   # given / drawn
    assert "nₜ₋₁γ = nₜγ" in whole and "_{" not in whole
    assert shown.endswith("…") and whole.startswith(shown[:-1])
    qtbot.waitUntil(lambda: 6 + bar.fontMetrics().horizontalAdvance(QStatusBar.currentMessage(bar))
                    < timing.x())

    def tip_at(x) -> str:
        QToolTip.hideText()
        qtbot.waitUntil(lambda: not QToolTip.isVisible())
        x = x()   # where it is now: the wait above lets the status bar lay out again
        QApplication.sendEvent(bar, QHelpEvent(QEvent.ToolTip, QPoint(x, bar.height() // 2),
                                               bar.mapToGlobal(QPoint(x, 5))))
        return QToolTip.text() if QToolTip.isVisible() else ""
    qtbot.waitUntil(lambda: not window.controller.busy())   # no other run's timing to come
    assert tip_at(lambda: 40) == whole
    assert tip_at(lambda: timing.x() + 5) == ""   # not over the timing
    window.resize(2400, 900)   # room for all of it: whole, no tooltip
    qtbot.waitUntil(lambda: QStatusBar.currentMessage(bar) == whole)
    assert tip_at(lambda: 40) == ""
    bar.showMessage("Opened my_run_2.json")   # only a hint's formulas are typeset
    assert QStatusBar.currentMessage(bar) == "Opened my_run_2.json"
    bar.showMessage("")   # an empty message is no message, not "…"
    assert QStatusBar.currentMessage(bar) == "" == bar.currentMessage()


def test_a_preset_gets_the_same_readout_room_whatever_came_before(qtbot, window, plotted):
    """A rehearsal: "γ too large" after sigmoid's long readout kept sigmoid's room (170
    pixels against 120), its plots smaller than when it was chosen first."""
    sigmoid = next(p for p in PRESETS if p.config().activation == "sigmoid")
    window.resize(1366, 768)
    sizes = window.dashboard.splitter.sizes
    window.apply_preset(PRESETS[2])
    plotted(window, timeout=30000)
    qtbot.waitUntil(lambda: not window.dashboard.pending())   # (its room: the last pass)
    first = sizes()
    window.apply_preset(sigmoid)
    plotted(window, timeout=30000)
    qtbot.waitUntil(lambda: sizes()[1] > first[1])   # its longer lines: more room
    window.apply_preset(PRESETS[2])
    plotted(window, timeout=30000)
    qtbot.waitUntil(lambda: sizes() == first)


def test_the_readout_keeps_its_room_while_a_slider_is_held(qtbot, window, plotted):
    """A review: a drag that starts on a preset drops its hint; held still, the slider's full
    run came, and the readout gave its room back under the held slider: the plots jumped."""
    sigmoid = next(p for p in PRESETS if p.config().activation == "sigmoid")
    window.resize(1366, 768)
    window.apply_preset(sigmoid)
    plotted(window, timeout=30000)
    qtbot.waitUntil(lambda: not window.dashboard.pending())
    sizes = window.dashboard.splitter.sizes
    before = sizes()
    slider = window.controls.gain.slider
    slider.setSliderDown(True)
    seen = []
    for position in (60, 150):
        slider.setValue(position)
        qtbot.waitUntil(lambda: window.result().config.gain == window.config().gain
                        and window.result().config.batch == window.config().batch
                        and not window.dashboard.pending(), timeout=30000)   # held still
        seen.append(sizes())
    slider.setSliderDown(False)
    assert all(s == before for s in seen), (before, seen)


def test_the_demo_of_sigmoids_gradient_opens_the_activation_tab_at_layer_1(window, qtbot):
    """The lecture's first figure (sigmoid and its gradient over ±8) had no direct route
    (a lecturer's tour)."""
    from gui.window_tabs import ACTIVATION_TAB, NETWORK_TAB

    window.tabs.activation.set_compared(True)   # left on (a review: they flattened its 1/4)
    window.tabs.activation.set_x_range(2.0)     # and a range chosen: the figure is its own
    window.apply_preset(DEMO_PRESETS[0])
    try:
        assert window.tabs.currentIndex() == ACTIVATION_TAB
        assert not window.tabs.activation.compare_box.isChecked()
        assert window.tabs.activation.x_range() is None
        view = window.tabs.activation
        qtbot.waitUntil(lambda: view.curves() is not None and view.layer() == 1)
        assert view.curves().half_width == pytest.approx(8.0, abs=0.1)
        # the product's lines are the profile's: its demo opens the Network tab (a tour: it
        # stayed on the Activation tab's straight y = x)
        window.apply_preset(DEMO_PRESETS[1])
        assert window.tabs.currentIndex() == NETWORK_TAB
    finally:
        window.tabs.setCurrentIndex(NETWORK_TAB)
