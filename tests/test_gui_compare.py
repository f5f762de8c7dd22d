"""Ensembles (the trials control and the band) and pinned runs (profile, PNG, statistics)."""

import csv
import io
import json

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from engine import SimConfig, SimResult, mean_field
from gui import theme
from gui.pins import MAX_PINS, PinStore
from plot_probe import drawn_tick_labels


def _pixels(path):
    image = QImage(str(path)).convertToFormat(QImage.Format_RGB32)
    buffer = np.frombuffer(image.constBits(), dtype=np.uint8).copy()
    return buffer.reshape(image.height(), image.bytesPerLine() // 4, 4)[:, : image.width(), 2::-1]


def _grey_pixels(path) -> int:
    """Pixels of the forward pins' grey."""
    grey = np.array([int(theme.PIN_FORWARD[i:i + 2], 16) for i in (1, 3, 5)])
    return int((np.abs(_pixels(path).astype(int) - grey).sum(axis=2) < 12).sum())


def test_trials_control_changes_the_config_and_the_band_appears(window, plotted):
    profile = window.dashboard.profile
    assert not profile.bands["forward"].visible()
    spin = window.controls.widget("trials")
    assert "independent" in spin.toolTip()
    spin.setValue(6)
    assert window.config().trials == 6
    result = plotted(window)
    assert result.monte_carlo.trials == 6
    for direction, curve in (("forward", profile.forward_mc), ("backward", profile.backward_mc)):
        band = profile.bands[direction]
        assert band.visible()
        ensemble = result.monte_carlo.ensemble(direction)
        _, median = curve.getData()
        np.testing.assert_allclose(median, ensemble[2])            # the thick line: the median
        lo, hi = band.edges[1].getData()[1], band.edges[2].getData()[1]
        np.testing.assert_allclose(lo, ensemble[1])
        np.testing.assert_allclose(hi, ensemble[3])
        assert (lo <= median + 1e-12).all() and (median <= hi + 1e-12).all()
        assert (ensemble[4] - ensemble[0]).max() > 0               # the draws differ
    assert "median of 6 draws" in profile.legend.getLabel(profile.forward_mc).text
    spin.setValue(1)
    plotted(window)
    assert not profile.bands["forward"].visible()
    assert "Monte Carlo" in profile.legend.getLabel(profile.forward_mc).text


def test_pins_show_in_the_profile_the_png_and_the_statistics(tmp_path, window, plotted):
    first = window.result()
    window.pin_run()
    window.set_config(window.config().with_values(activation="relu", init="he"))
    second = plotted(window)
    window.pin_run()
    window.set_config(window.config().with_values(gain=2.0))
    current = plotted(window)
    profile = window.dashboard.profile
    assert len(profile.pins.curves) == 2
    labels = [label.text for _, label in profile.pin_legend.items]
    assert labels[0].startswith("pin 1: tanh · Xavier · gain 1")
    assert labels[1].startswith("pin 2: relu · He · gain 1")
    _, y = profile.pins.curves[0][0].getData()
    np.testing.assert_allclose(y, first.monte_carlo.log10_forward_var)
    _, y = profile.pins.curves[1][1].getData()
    np.testing.assert_allclose(y, second.monte_carlo.log10_backward_var)
    assert window.pin_bar.count.text() == "2 pinned"

    png = tmp_path / "pins.png"
    window.export_figure(png)
    assert (_pixels(png) < 250).any(axis=2).mean() > 0.2            # not blank
    pinned_grey = _grey_pixels(png)

    assert window.export_stats(tmp_path / "s.json")
    data = json.loads((tmp_path / "s.json").read_text())
    assert data["config"] == current.config.to_dict()
    assert [p["run"] for p in data["pins"]] == ["pin 1", "pin 2"]
    assert data["pins"][1]["config"] == second.config.to_dict()
    assert len(data["pins"][0]["layers"]) == first.config.depth + 1

    assert window.export_stats(tmp_path / "s.csv")
    rows = list(csv.DictReader(io.StringIO((tmp_path / "s.csv").read_text())))
    assert list(rows[0])[:2] == ["run", "layer"]
    runs = [r["run"] for r in rows]
    assert runs == ["current"] * 7 + ["pin 1"] * 7 + ["pin 2"] * 7
    assert float(rows[7]["log10_forward_var"]) == first.monte_carlo.log10_forward_var[0]

    assert profile.pin_legend.isVisible() and profile.pin_legend.geometry().height() > 0
    plot_height = profile.plot.geometry().height()
    window.pins.clear()
    assert profile.pins.curves == [] and profile.pin_legend.items == []
    QApplication.processEvents()   # the empty legend gives its row back to the plot
    assert not profile.pin_legend.isVisible() and profile.pin_legend.geometry().height() == 0
    assert profile.plot.geometry().height() > plot_height
    window.export_figure(png)
    assert pinned_grey > 2 * _grey_pixels(png) + 50                 # the pins' grey curves
    assert window.export_stats(tmp_path / "plain.csv")
    assert (tmp_path / "plain.csv").read_text() == current.to_csv()  # as --stats writes it


def test_a_far_pin_leaves_the_current_run_readable_and_says_it_is_beyond(window, plotted):
    """Issue: pins were dashed like the theory, and a pin far away squashed the current run
    into a line. Pins are thick grey solid/dash-dot lines; the y range follows the current run
    and widens for pins by a few decades at most."""
    from gui.profile_pins import PIN_MARGIN_DECADES

    window.set_config(SimConfig.from_dict({"activation": "identity", "init": "constant",
                                           "variance": 1.0, "depth": 40}, base=window.config()))
    # n·γ = 16 per layer: +48 decades at layer 40
    plotted(window)
    window.pin_run()
    window.set_config(window.config().with_values(init="xavier", variance=0.01))
    current = plotted(window)
    profile = window.dashboard.profile
    lo, hi = profile.plot.getViewBox().viewRange()[1]
    run = current.monte_carlo.log10_forward_var
    assert hi - lo < (run.max() - run.min()) + 2 * PIN_MARGIN_DECADES + 4   # not 48 decades
    label = profile.pin_legend.items[0][1].text
    assert "beyond the view" in label
    assert "Ctrl" not in label   # (the legend is also a slide's: no key to press, a tour)
    window.resize(1024, 700)   # short names, or the number alone: the note stays
    QApplication.processEvents()
    assert "beyond" in profile.pin_legend.items[0][1].text
    profile.plot.getViewBox().setYRange(-60, 60)   # zoomed out: in view, said so at once
    assert "beyond" not in profile.pin_legend.items[0][1].text
    # View ▸ Reset zoom (the legend's hint, Ctrl+0) shows the pin in full, as a teacher
    # comparing a pinned sigmoid with the fix expected; the next result fits as before
    pin_top = float(np.nanmax(profile.pins.curves[0][0].getData()[1]))
    window.dashboard.reset_zoom()
    lo, hi = profile.plot.getViewBox().viewRange()[1]
    assert hi >= pin_top > 40 and "beyond" not in profile.pin_legend.items[0][1].text
    window.set_config(window.config().with_values(seed=1))
    plotted(window)
    lo, hi = profile.plot.getViewBox().viewRange()[1]
    assert hi < pin_top and "beyond" in profile.pin_legend.items[0][1].text
    fwd, _ = profile.pins.curves[0]
    # never solid, and thinner than the current run (a page printed in grey: a dark solid pin
    # looked like the current run)
    assert all(fwd.opts["pen"].style() != style
               for style in (Qt.SolidLine, Qt.DashLine, Qt.DotLine))
    assert fwd.opts["pen"].widthF() < profile.forward_mc.opts["pen"].widthF()
    assert profile.forward_th.opts["pen"].style() == Qt.DashLine     # the theory, unlike pins
    window.pins.clear()


def test_a_much_deeper_pin_leaves_the_current_run_most_of_the_layer_axis(window, plotted):
    """A tour: after pinning a depth-1000 run, a depth-50 run filled 5 % of the profile."""
    from gui.profile import PIN_DEPTH_FACTOR

    window.set_config(SimConfig.from_dict({"depth": 200, "width": 8, "batch": 16}))
    plotted(window)
    window.pin_run()
    window.set_config(SimConfig.from_dict({"depth": 10}, base=window.config()))
    plotted(window)
    profile = window.dashboard.profile
    x_lo, x_hi = profile.plot.getViewBox().viewRange()[0]
    assert x_hi < PIN_DEPTH_FACTOR * 10 * 1.1 and "beyond the view" in \
        profile.pin_legend.items[0][1].text
    # the ticks are of the 40 layers shown, not every one of the current run's 10 (a tour:
    # "10111213…2324" ran together)
    ticks = drawn_tick_labels(profile.plot.getAxis("bottom"))
    assert 2 <= len(ticks) <= 12 and "1" not in ticks
    # a scroll reaches the pin's last layer, not layers far below 0
    profile.plot.getViewBox().setXRange(-500, 1000, padding=0)
    x_lo, x_hi = profile.plot.getViewBox().viewRange()[0]
    assert -15 < x_lo < 0 and 200 <= x_hi < 215
    window.set_config(SimConfig.from_dict({"depth": 100}, base=window.config()))   # all of it
    plotted(window)
    assert profile.plot.getViewBox().viewRange()[0][1] >= 200
    assert "beyond the view" not in profile.pin_legend.items[0][1].text


def _pin_tanh_and_relu(window, plotted) -> None:
    """Two pins of a small network: tanh, then relu (the window left showing relu)."""
    window.set_config(SimConfig.from_dict({"depth": 30, "width": 64, "batch": 64}))
    plotted(window)
    window.pin_run()
    window.set_config(window.config().with_values(activation="relu"))
    plotted(window)
    window.pin_run()


def test_a_pins_two_passes_are_told_apart_by_arrowheads_the_way_each_goes(window, plotted):
    """A colour-blind tour: a pin's forward and backward lines differed by a tint only, 1.8–3.5
    apart in lightness printed in grey (pin 4's gradient, rising from −30 decades, read as
    anyone's). ▷ marks the forward pass, ◁ the backward one, on points of each line, and the
    runs' legend (or its key, in a short profile) names the passes with them."""
    from gui.profile_pins import PIN_MARK_SYMBOLS

    window.resize(1500, 940)
    _pin_tanh_and_relu(window, plotted)
    profile = window.dashboard.profile
    pins = profile.pins
    assert len(pins.marks) == 2 * len(pins.curves) == 4
    for (forward, backward), marks in zip(pins.curves, zip(pins.marks[::2], pins.marks[1::2])):
        for curve, mark, direction in ((forward, marks[0], "forward"),
                                       (backward, marks[1], "backward")):
            x, y = curve.getData()
            mx, my = mark.getData()
            assert 3 <= len(mx) <= 5 and mark.opts["symbol"] == PIN_MARK_SYMBOLS[direction]
            assert np.isin(mx, x).all() and np.allclose(my, np.interp(mx, x, y))
    assert pins.marks[0].getData()[0].tolist() != pins.marks[2].getData()[0].tolist()  # staggered
    QApplication.processEvents()
    names = [label.text for _, label in profile.legend.items]   # the runs' legend says so
    assert names[:2] == ["▷ forward Var[h<sup>t</sup>], Monte Carlo",
                         "◁ backward Var[∂ℓ/∂h<sup>t</sup>], Monte Carlo"]
    # (and the key, its table where narrow)
    assert [label.text for label in profile.key.columns] == ["▷ forward", "◁ backward"]
    window.pins.clear()
    window.resize(1500, 940)
    QApplication.processEvents()
    assert pins.marks == [] and profile.legend.items[0][1].text.startswith("forward")


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_two_pins_leave_the_profile_a_readable_plot_in_a_small_window(window, plotted,
                                                                      language):
    """At 1024 × 700 two pins beside eight draws left the profile's plot 43 pixels high: the
    pins took a row each, the two legends 9 pixels of margin above and below. They share a
    row now, named by their setting's first parts where the full names would be too small."""
    window.menus.language_actions[language].trigger()
    window.resize(1024, 700)
    _pin_tanh_and_relu(window, plotted)
    window.set_config(window.config().with_values(init="he", trials=8))
    plotted(window)
    QApplication.processEvents()
    profile = window.dashboard.profile
    rows = {round(label.sceneBoundingRect().top()) for _, label in profile.pin_legend.items}
    assert len(rows) == 1
    texts = [label.text for _, label in profile.pin_legend.items]
    assert any(name in texts[1] for name in ("relu · Xavier · gain 1", "relu · Xavier · 增益 1"))
    assert "depth" not in texts[1] and "深度" not in texts[1]   # the short names
    # the relu pin's −11 decades, more than 4 below He's curves, beyond the view and named
    # so (new settings' own result has a range of its own: it had kept the relu run's)
    low = profile.plot.getViewBox().viewRange()[1][0]
    assert low > min(profile.pins.curves[1][0].getData()[1])
    assert any("beyond" in text or "视图外" in text for text in texts), texts
    assert profile.plot.getViewBox().height() >= 0.25 * profile.height()
    window.pins.clear()


def test_three_pins_in_a_short_profile_are_numbered_in_one_row(window, plotted):
    """A student's tour: three pins at 1366 × 700 took two rows of names, and the profile's
    plot was 72 pixels high (54 in Chinese beside the lesson). In a profile too short for two
    rows they are named by number, in one row; in a taller one, by name, two to a row."""
    window.resize(1366, 700)
    _pin_tanh_and_relu(window, plotted)
    window.set_config(window.config().with_values(activation="sigmoid"))
    plotted(window)
    window.pin_run()
    QApplication.processEvents()
    profile = window.dashboard.profile
    legend = profile.pin_legend
    assert [label.text for _, label in legend.items] == ["pin 1", "pin 2", "pin 3"]
    assert len({round(label.sceneBoundingRect().top()) for _, label in legend.items}) == 1
    assert profile.plot.getViewBox().height() >= 0.3 * profile.height()
    # the pins' row as close under the lines' names as their rows are to each other, give or
    # take the legends' margins (16 blank pixels had parted them, a keyboard tour's screenshot)
    tops = sorted({round(label.sceneBoundingRect().top())
                   for _, label in profile.legend.items if label.isVisible()})
    pitch = tops[1] - tops[0]
    first_pin = round(legend.items[0][1].sceneBoundingRect().top())
    assert first_pin - tops[-1] <= pitch + 6, (tops, first_pin)
    window.resize(1500, 1000)
    QApplication.processEvents()
    texts = [label.text for _, label in legend.items]
    assert all(text.startswith(f"pin {n}: ") for n, text in zip((1, 2, 3), texts)), texts
    assert len({round(label.sceneBoundingRect().top()) for _, label in legend.items}) == 2
    window.pins.clear()


def test_five_pins_beside_the_lesson_are_numbered_at_a_size_to_read(window, plotted):
    """A tour at 1024 × 700 with the lesson open: five pins, four to a row, were named at
    ~4 pixels; as many to a row as hold "pin N" at its size, the rows below."""
    window.lesson_action.setChecked(True)
    try:
        window.resize(1024, 700)
        for gain in (0.8, 0.9, 1.1, 1.2, 1.3):
            window.set_config(window.config().with_values(gain=gain))
            plotted(window)
            window.pin_run()
        QApplication.processEvents()
        legend = window.dashboard.profile.pin_legend
        assert [label.text for _, label in legend.items] == [f"pin {n}" for n in range(1, 6)]
        assert legend.scale >= 0.95, legend.scale   # (at its size, not squeezed)
        rows = {round(label.sceneBoundingRect().top()) for _, label in legend.items}
        assert 1 < len(rows) <= 3, rows
    finally:
        window.lesson_action.setChecked(False)
        window.pins.clear()


def test_pins_that_differ_beyond_the_short_names_keep_their_full_names(window, plotted):
    """Two pins of other depths would both read "pin N: tanh · Xavier · gain 1". (At 1024
    pixels their full names would be at 49 % of 8 pt: there they are named by number.)"""
    window.resize(1280, 700)
    window.set_config(SimConfig.from_dict({"depth": 10, "width": 64, "batch": 64}))
    plotted(window)
    window.pin_run()
    window.set_config(window.config().with_values(widths=(64,) * 21))
    plotted(window)
    window.pin_run()
    QApplication.processEvents()
    profile = window.dashboard.profile
    texts = [label.text for _, label in profile.pin_legend.items]
    assert "depth 10" in texts[0] and "depth 20" in texts[1], texts
    assert profile.pin_legend.compact   # (where short names are used: these are the full)
    window.resize(1024, 700)
    QApplication.processEvents()
    assert [label.text for _, label in profile.pin_legend.items] == ["pin 1", "pin 2"]
    window.pins.clear()


def test_pins_differ_in_shade_as_well_as_in_dashes(window, plotted):
    """A tour: on a projector the pins, in one grey with three dash styles, could not be
    told apart; each pin's lines take a shade of their grey of its own."""
    for gain in (0.5, 1.0, 2.0):
        window.set_config(window.config().with_values(gain=gain))
        plotted(window)
        window.pin_run()
    curves = window.dashboard.profile.pins.curves
    forward = [fwd.opts["pen"].color().name() for fwd, _ in curves]
    backward = [bwd.opts["pen"].color().name() for _, bwd in curves]
    assert len(set(forward)) == len(set(backward)) == 3
    assert forward[0] == theme.PIN_FORWARD and backward[0] == theme.PIN_BACKWARD
    dashes = {(fwd.opts["pen"].style(), tuple(fwd.opts["pen"].dashPattern()))
              for fwd, _ in curves}
    assert len(dashes) == 3 and not any(style == Qt.SolidLine for style, _ in dashes)


def test_the_store_keeps_the_newest_pins_under_their_numbers(qtbot):
    store = PinStore()
    result = _theory_only(SimConfig.from_dict({"depth": 2, "width": 3}))
    with qtbot.waitSignal(store.pinsChanged):
        store.pin(result)
    for _ in range(MAX_PINS + 1):
        store.pin(result)
    assert [p.run for p in store.pins()] == [f"pin {n}" for n in range(3, 3 + MAX_PINS)]
    store.clear()
    assert store.pins() == () and store.pin(result).run == "pin 1"


def test_a_pin_beyond_the_most_says_which_it_unpinned(window, plotted):
    """A tour: the sixth pin pushed out the oldest, and the status said only "Pinned pin 7"."""
    plotted(window)
    for _ in range(MAX_PINS):
        window.pin_run()
    assert window.statusBar().currentMessage().startswith(f"Pinned pin {MAX_PINS}")
    assert "unpinned" not in window.statusBar().currentMessage()
    window.pin_run()
    said = window.statusBar().currentMessage()
    assert said.startswith(f"Pinned pin {MAX_PINS + 1}") and said.endswith(
        f"; pin 1 unpinned (at most {MAX_PINS} pins: the oldest goes)"), said
    window.set_language("zh_CN")   # (a note re-worded in the new language)
    try:
        assert "固定运行 1 已取消固定" in window.statusBar().currentMessage()
    finally:
        window.set_language("en")
        window.pins.clear()


def _theory_only(config):
    return SimResult(config, theory=mean_field(config))


def test_clear_pins_pressed_with_space_leaves_the_focus_on_pin_run(window, qtbot, plotted):
    """A keyboard tour: Clear pins disabled itself as it was pressed and Qt handed the focus
    to the tab bar, away from the pins' row."""
    from PySide6.QtCore import Qt

    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    plotted(window)
    window.pin_run()
    clear = window.pin_bar.clear_button
    clear.setFocus()
    qtbot.waitUntil(clear.hasFocus)
    qtbot.keyClick(clear, Qt.Key_Space)
    assert window.pins.pins() == () and window.focusWidget() is window.pin_bar.pin_button


def test_pinning_and_clearing_are_undo_steps(window, plotted):
    """A rehearsal: Clear pins by mistake lost the runs kept; Edit ▸ Undo brings them back,
    under their numbers, in turn with the settings' own steps."""
    window.pin_run()
    window.set_config(window.config().with_values(gain=1.5))
    plotted(window)
    window.pin_run()
    pinned = window.pins.pins()
    assert [p.run for p in pinned] == ["pin 1", "pin 2"]
    window.pin_bar.clear_button.click()
    assert window.pins.pins() == () and window.dashboard.profile.pins.pins == []
    assert window.statusBar().currentMessage() == "Pins cleared; Edit ▸ Undo brings them back"
    assert window.menus.undo_action.text() == "&Undo clearing of the pins"
    window.menus.undo_action.trigger()
    assert window.pins.pins() == pinned
    assert "Pins cleared" not in window.statusBar().currentMessage()   # no longer true
    assert [p.run for p in window.dashboard.profile.pins.pins] == ["pin 1", "pin 2"]   # drawn
    window.menus.undo_action.trigger()                      # pin 2 taken back
    assert [p.run for p in window.pins.pins()] == ["pin 1"]
    window.menus.undo_action.trigger()                      # the gain
    assert window.config().gain == 1
    for _ in range(3):
        window.menus.redo_action.trigger()                  # the gain, pin 2, cleared again
    assert window.pins.pins() == () and window.config().gain == 1.5
    assert window.pins.pin(window.result()).run == "pin 1"  # numbering starts afresh


def test_the_pins_keep_their_kind_of_name_while_the_view_moves(window, plotted):
    """A review: in Chinese at 1250 pixels with the lesson open, the pins went from their short
    names to their numbers and back as gain 1.4, 1.5, 2.0 moved a pin across the view's edge;
    their kind of name depends on the width, the language and the pins, not on the view."""
    window.menus.language_actions["zh_CN"].trigger()
    window.resize(1250, 700)
    window.lesson_action.setChecked(True)
    try:
        _pin_tanh_and_relu(window, plotted)
        profile = window.dashboard.profile
        kinds = set()
        for gain in (1.4, 1.5, 2.0, 1.4):
            window.set_config(window.config().with_values(activation="tanh", gain=gain))
            plotted(window)
            QApplication.processEvents()
            texts = [label.text for _, label in profile.pin_legend.items]
            kinds.add(tuple("：" in text for text in texts))   # a setting named, or a number
        assert len(kinds) == 1, kinds
    finally:
        window.lesson_action.setChecked(False)
        window.menus.language_actions["en"].trigger()
        window.pins.clear()
