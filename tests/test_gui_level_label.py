"""The profile's "input level" label stays clear of the curves where the view has a clear place."""

import numpy as np
import pytest
from PySide6.QtCore import QPointF

from engine import SimConfig


def _crossed(view, label) -> int:
    """How many of the view's lines pass through the label's text (its box less the margin)."""
    box = view.plot.getViewBox()
    rect = _glyphs(label)
    count = 0
    for curve in view.all_curves():
        x, y = curve.getData()
        if x is None or len(x) < 2:
            continue
        xs = np.linspace(x[0], x[-1], 2000)
        ys = np.interp(xs, x, y)
        points = (box.mapViewToScene(QPointF(a, b)) for a, b in zip(xs, ys))
        count += any(rect.contains(p) for p in points)
    return count


@pytest.mark.parametrize("values, size", [
    ({}, (1024, 700)),                                              # tanh: both passes near 0
    ({"trials": 4}, "zh_CN"),                                       # taller text, bands
    ({"activation": "relu", "init": "he", "gain": 1.3}, None),      # exploding
    ({"activation": "identity", "init": "constant", "variance": 0.001}, None),   # vanishing
])
def test_the_input_level_label_is_crossed_by_no_curve(qtbot, window, plotted, values, size):
    """It sat below its line at a tenth of the way, where the default network's forward
    pass leaves the input's level and its backward pass rises to it: both crossed it. (In
    a small plot every place may be crossed; then it takes the place crossed by fewest.)"""
    config = SimConfig.from_dict({"depth": 50, "width": 64, "batch": 64, **values})
    if size == "zh_CN":
        window.menus.language_actions["zh_CN"].trigger()
        size = (1024, 700)
    if size is not None:
        window.resize(*size)
    window.set_config(config)
    plotted(window)
    view = window.dashboard.profile
    label = view.reference.label
    qtbot.waitUntil(lambda: view.plot.getViewBox().viewRange()[0][1] > 45)   # laid out
    qtbot.waitUntil(lambda: _crossed(view, label) == 0, timeout=3000)
    place = view.level_label.place
    window.set_config(config.with_values(seed=1))   # a new draw: the place holds
    plotted(window)
    assert view.level_label.place == place and _crossed(view, label) == 0


def test_the_input_level_label_keeps_clear_of_a_markers_label(qtbot, window, plotted):
    """A dead network's "forward exactly zero variance from t = 6" ran over it: the
    marker's label counts as a crossing."""
    config = SimConfig.from_dict({"activation": "relu", "init": "he", "width": 3,
                                  "depth": 60, "batch": 64})
    window.resize(1200, 800)
    window.set_config(config)
    plotted(window)
    view = window.dashboard.profile
    marker = view.forward_marker.label
    assert marker.isVisible() and "from t = " in marker.toPlainText()
    label = view.reference.label
    qtbot.waitUntil(lambda: view.plot.getViewBox().viewRange()[0][1] > 55)   # laid out
    qtbot.waitUntil(lambda: not _glyphs(label).intersects(marker.sceneBoundingRect())
                    and _crossed(view, label) == 0, timeout=3000)


def _glyphs(label):
    """The label's text in the scene: its box less the document's margin."""
    margin = label.textItem.document().documentMargin()
    return label.sceneBoundingRect().adjusted(margin, margin, -margin, -margin)


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_markers_labels_fit_their_views_in_a_small_window(qtbot, window, plotted, language):
    """In a 1024-pixel window a dead relu net's labels were cut: "forward exactly zero va"
    at a heatmap's edge, the profile's backward label under its x axis. Each takes the side
    of its line with more room and the longest of its forms that fits there."""
    window.menus.language_actions[language].trigger()
    window.resize(1024, 700)
    window.set_config(SimConfig.from_dict({"activation": "relu", "init": "he", "width": 8,
                                           "depth": 1000, "batch": 64}))
    plotted(window)
    d = window.dashboard
    views = [(d.profile.plot.getViewBox(), m) for m in (d.profile.forward_marker,
                                                        d.profile.backward_marker)]
    views += [(heat.plot.getViewBox(), heat.marker) for heat in (d.forward, d.backward)]
    for box, marker in views:
        assert marker.isVisible()
        qtbot.waitUntil(lambda box=box, marker=marker: box.sceneBoundingRect().contains(
            _glyphs(marker.label)), timeout=3000)
        assert f"t = {marker.value():g}" in marker.label.toPlainText()
    # where there is room, the whole text
    from gui import stop_texts

    window.resize(1900, 1000)
    whole = stop_texts.invalid_text("backward", window.result().monte_carlo.backward_invalid)
    qtbot.waitUntil(lambda: d.profile.backward_marker.label.toPlainText().strip() == whole,
                    timeout=3000)


def test_a_markers_label_sits_where_no_curve_runs(qtbot, window, plotted):
    """tanh at gain 10⁶: the box "backward underflow from t = 48", at 8 % of the height,
    hid the forward line from layer 24 to 48 (it runs along the input's level there)."""
    window.resize(1366, 768)
    window.set_config(SimConfig.from_dict({"activation": "tanh", "gain": 1e6, "batch": 64}))
    plotted(window)
    view = window.dashboard.profile
    label = view.backward_marker.label
    assert view.backward_marker.isVisible()
    qtbot.waitUntil(lambda: _crossed(view, label) == 0, timeout=3000)


def test_the_two_markers_labels_keep_clear_of_each_other(qtbot, window, plotted):
    """Each marker's label keeps clear of the curves and of the other's label (elu at gain
    60: the forward pass overflows at layer 24, the backward is undefined from there)."""
    window.resize(1024, 700)
    window.set_config(SimConfig.from_dict({"activation": "elu", "gain": 60.0, "batch": 64}))
    plotted(window)
    view = window.dashboard.profile
    forward, backward = view.forward_marker.label, view.backward_marker.label
    assert view.forward_marker.isVisible() and view.backward_marker.isVisible()
    qtbot.waitUntil(lambda: not forward.sceneBoundingRect().intersects(
        backward.sceneBoundingRect()), timeout=3000)


def test_the_input_level_label_goes_with_its_line_when_a_zoom_leaves_it_out(qtbot, window,
                                                                            plotted):
    """Zoomed onto the bottom of the profile, the line was out of view and "input level"
    stayed at the top with no line (a teacher's tour); zoomed back, it shows again."""
    plotted(window)
    view = window.dashboard.profile
    label, box = view.reference.label, view.plot.getViewBox()
    assert label.isVisible()
    box.setYRange(-3, -1.5, padding=0)
    qtbot.waitUntil(lambda: not label.isVisible(), timeout=2000)
    window.dashboard.reset_zoom()
    qtbot.waitUntil(label.isVisible, timeout=2000)


def _float16_max(qtbot, window, plotted, language, size, values):
    """The profile of the config `values` in a window of `size`, laid out: (view, its view
    box, float16's upper line, shown with its label)."""
    window.menus.language_actions[language].trigger()
    window.resize(*size)
    window.set_config(SimConfig.from_dict(values))
    plotted(window)
    view = window.dashboard.profile
    box = view.plot.getViewBox()
    high = view.float16.lines[1]
    assert high.isVisible() and high.label.isVisible()
    qtbot.waitUntil(lambda: box.viewRange()[0][1] > 0.95 * values["depth"])   # laid out
    return view, box, high


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_a_float16_label_keeps_clear_of_the_input_level_line(qtbot, window, plotted, language):
    """The lecture's 100 random 4 × 4 matrices at 1280 × 720: "float16 max" sat below its
    line, on the input level's line 9.6 decades lower, which ran through its text (a tour).
    Another level line counts as a crossing: the label goes above its line, where none runs.
    ("input level", between the two lines 14 px apart and with no room below, has no place
    clear of both.)"""
    view, box, high = _float16_max(qtbot, window, plotted, language, (1280, 720), {
        "activation": "identity", "init": "constant", "variance": 1.0, "width": 4,
        "depth": 100, "batch": 64})

    def struck() -> bool:
        y = box.mapViewToScene(QPointF(0, view.reference.value())).y()
        glyphs = _glyphs(high.label)
        return glyphs.top() <= y <= glyphs.bottom()

    qtbot.waitUntil(lambda: not struck(), timeout=3000)


@pytest.mark.parametrize("language, size", [("zh_CN", (1600, 1000)), ("en", (1366, 768))])
def test_no_level_label_sits_between_its_line_and_another_close_by(qtbot, window, plotted,
                                                                    language, size):
    """The 100 random 4 × 4 matrices at 1600 × 1000: "float16 max" under its line and
    "input level" over its own, 9.6 decades (about 30 px) lower, side by side in the strip
    between the two lines: which name was whose? (a student's tour). A label takes the side
    of its line away from a level line less than two of its heights off, where that side is
    clear."""
    view, box, high = _float16_max(qtbot, window, plotted, language, size, {
        "activation": "identity", "init": "constant", "variance": 1.0, "width": 4,
        "depth": 100, "batch": 64})

    def row(level: float) -> float:
        return box.mapViewToScene(QPointF(0, level)).y()

    top, bottom = row(high.value()), row(view.reference.value())
    tall = max(_glyphs(high.label).height(), _glyphs(view.reference.label).height())
    assert bottom - top < 2 * tall, "the lines are far apart here: the test shows nothing"

    def between() -> list:
        return [label for label in (high.label, view.reference.label)
                if top <= _glyphs(label).center().y() <= bottom]

    qtbot.waitUntil(lambda: not between(), timeout=3000)


@pytest.mark.parametrize("language", ["en", "zh_CN"])
@pytest.mark.parametrize("size", [(1366, 768), (1280, 720)])
def test_the_input_level_label_has_room_beside_its_own_line(qtbot, window, plotted, language,
                                                             size):
    """Sigmoid under Xavier: float16's smallest normal number's line runs 8.8 decades under
    the input level's, and the range (−70 … 10 decades) left "input level" no room above its
    line: it sat on float16's line, a white backing over it, and read as that line's name (a
    README tour's slide; a tour before, struck through). The range now gives it room above its
    own line: its text clear of float16's lines, right by its own."""
    config = SimConfig.from_dict({"activation": "sigmoid", "init": "xavier", "depth": 50,
                                  "width": 64, "batch": 64})
    window.menus.language_actions[language].trigger()
    window.resize(*size)
    window.set_config(config)
    plotted(window)
    view = window.dashboard.profile
    box = view.plot.getViewBox()
    low = view.float16.lines[0]
    assert low.isVisible()
    qtbot.waitUntil(lambda: box.viewRange()[0][1] > 45)   # laid out
    _assert_beside_its_own_line(view, low)


def _assert_beside_its_own_line(view, low) -> None:
    """"input level" clear of float16's line `low`, right by its own, inside the view."""
    box = view.plot.getViewBox()

    def row(level: float) -> float:
        return view.mapFromScene(box.mapViewToScene(QPointF(0, level))).y()

    glyphs = view.mapFromScene(_glyphs(view.reference.label)).boundingRect()
    assert not glyphs.top() - 2 <= row(low.value()) <= glyphs.bottom() + 2
    own = row(view.reference.value())
    assert 0 <= own - glyphs.bottom() <= 6 or 0 <= glyphs.top() - own <= 6, (glyphs, own)
    assert box.sceneBoundingRect().contains(_glyphs(view.reference.label))


def test_the_input_level_label_keeps_its_room_after_reset_zoom_with_a_pin(window, plotted):
    """A review: pinned sigmoid at gain 0.2 beside sigmoid at depth 10, View ▸ Reset zoom
    fitted the range once (−140 … 10), the label's request for room, made as it changed,
    was lost, and "input level" sat on float16's line."""
    window.resize(1280, 720)
    window.set_config(SimConfig.from_dict({"activation": "sigmoid", "gain": 0.2,
                                           "batch": 64}))
    plotted(window)
    window.pin_run()
    window.set_config(SimConfig.from_dict({"activation": "sigmoid", "depth": 10, "batch": 64}))
    plotted(window)
    window.dashboard.reset_zoom()   # (View ▸ Reset zoom)
    view = window.dashboard.profile
    assert view.plot.getViewBox().viewRange()[1][0] <= -130   # the pin in full
    _assert_beside_its_own_line(view, view.float16.lines[0])
    window.pins.clear()


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_no_grid_line_runs_through_a_float16_label(qtbot, window, plotted, language):
    """An exploding relu network, 300 layers: the grid line at t = 100 ran through
    "float16 max" (a tour). Its label is on the page's colour, as the input level's: over
    its text only the page and the text's brown are drawn, no grid grey."""
    view, box, high = _float16_max(qtbot, window, plotted, language, (1366, 768), {
        "activation": "relu", "init": "he", "gain": 3.0, "depth": 300, "width": 64,
        "batch": 64})
    rect = view.mapFromScene(_glyphs(high.label)).boundingRect()
    ticks = [x for x in range(0, 301, 50)
             if rect.left() < view.mapFromScene(box.mapViewToScene(QPointF(x, 0))).x()
             < rect.right()]
    assert ticks, "no grid line under the label: the test shows nothing here"
    image = view.grab().toImage()
    ratio = image.devicePixelRatio()
    grey = 0
    for y in range(rect.top() + 1, rect.bottom()):
        for x in range(rect.left() + 1, rect.right()):
            c = image.pixelColor(int(x * ratio), int(y * ratio))
            r, g, b = c.red(), c.green(), c.blue()
            grey += max(r, g, b) - min(r, g, b) < 10 and max(r, g, b) < 230   # (grid: ~192)
    assert grey == 0


def test_the_level_lines_labels_are_drawn_over_the_pinned_runs(window, plotted):
    """A tour: five pins of tanh at gains 0.8 … 1.4 (at 1024 × 700 with the lesson) left
    "input level" no clear place, and the pinned lines ran through it; a pin is context,
    drawn under every label of the plot."""
    window.resize(1024, 700)
    config = SimConfig.from_dict({"depth": 50, "width": 64, "batch": 64,
                                  "activation": "relu", "init": "he"})
    for gain in (0.8, 1.4):
        window.set_config(config.with_values(gain=gain))
        plotted(window)
        window.pin_run()
    window.set_config(config.with_values(gain=1.3))   # past float16's largest: its line shown
    plotted(window)
    view = window.dashboard.profile
    pinned = [*view.pins.all_curves(), *view.pins.marks]
    labels = [view.reference.label, view.float16.lines[1].label]   # (float16's largest)
    assert len(pinned) == 8 and all(label.isVisible() for label in labels)
    for label in labels:
        drawn = label.scene().items(label.sceneBoundingRect())   # the topmost first
        under = [item for item in drawn if item in pinned]
        assert under and all(drawn.index(label) < drawn.index(item) for item in under)
    window.pins.clear()
