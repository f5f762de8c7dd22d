"""The window on small screens: it opens at a size that fits, a geometry saved on a larger
screen is brought back onto the current one, every control stays reachable and each plot keeps
a readable height; nothing moves under the mouse when a field's error comes and goes."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSize

from engine.config import SimConfig
from gui import screen_fit

PROBE = Path(__file__).with_name("screen_probe.py")


def _probe(tmp_path, width: int, height: int, *args: str) -> dict:
    screens = tmp_path / "screens.json"
    screens.write_text(json.dumps({"screens": [{
        "name": "small", "x": 0, "y": 0, "width": width, "height": height,
        "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={screens}",
           "INITLAB_SETTINGS": str(tmp_path / "initlab.ini")}
    done = subprocess.run([sys.executable, str(PROBE), *args], env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def _within(inner, outer) -> bool:
    x, y, w, h = inner
    X, Y, W, H = outer
    return X <= x and Y <= y and x + w <= X + W and y + h <= Y + H


@pytest.mark.parametrize("size", [(1366, 768), (1366, 700)], ids=["1366x768", "1366x700-taskbar"])
@pytest.mark.parametrize("saved", [False, True], ids=["first-launch", "saved-on-a-larger-screen"])
def test_the_window_fits_a_small_screen_with_every_part_reachable(tmp_path, size, saved):
    """Issue: at 1366 × 768 the window opened at 1500 × 940 (and restored a saved size as it
    was): the colour bars, the readout, the status bar with Cancel and the Pin buttons were
    off screen."""
    got = _probe(tmp_path, *size, *(["save-large"] if saved else []))
    area, window = got["area"], got["window"]
    assert _within(window, area), got
    assert window[2] >= 1200 and window[3] >= 600        # it uses the room there is
    inside = [0, 0, window[2], window[3]]
    for name, rect in got["inside"].items():
        if name != "cancel":                             # shown only while a run is long
            assert _within(rect, inside), (name, rect, window)
    assert got["controls_reachable"]
    assert min(got["plot_heights"].values()) >= 70, got["plot_heights"]
    assert got["plot_heights"]["profile"] >= 75, got["plot_heights"]


@pytest.mark.parametrize("size", [(1093, 574), (911, 472)], ids=["125%", "150%"])
def test_a_screen_shorter_than_the_plots_scrolls_the_tab_and_the_window_fits(tmp_path, size):
    """A tour: at 125 % or 150 % on a 1366 × 768 laptop (1093 × 614 or 911 × 512 logical
    pixels, less a taskbar) the window's minimum, 699 × 558, set by the plots' readable
    heights, was taller than the screen: the status bar and the Pin buttons off its bottom.
    Now the tab scrolls, its plots as tall as before, and the window fits."""
    got = _probe(tmp_path, *size)
    area, window = got["area"], got["window"]
    assert _within(window, area), got
    inside = [0, 0, window[2], window[3]]
    for name in ("status", "pin", "problem", "scroll"):
        assert _within(got["inside"][name], inside), (name, got)
    assert got["controls_reachable"]
    assert got["page_range"] == got["page_bottom"] > 0, got   # the readout: scrolled to
    assert min(got["plot_heights"].values()) >= 70, got["plot_heights"]


def test_a_short_narrow_page_keeps_its_height_for_its_width_and_scrolls(qtbot, window):
    """A tour at 911 × 440 with the lesson open: the Sweep, Phase, Spectrum and Activation
    pages were given their minimum height at any width, and their wrapped captions, taller on
    a narrow page, were drawn over their plots. A page gets its layout's least height at its
    width, and scrolls to it."""
    from PySide6.QtWidgets import QApplication

    window.resize(911, 440)
    window.lesson_action.setChecked(True)
    try:
        for index in (1, 2, 3, 5):
            window.tabs.setCurrentIndex(index)
            page = window.tabs.page(index)
            # all shown (its job starts from a timer: "not busy" held before it, a race audit)
            qtbot.waitUntil(lambda p=page: p.config() == window.config() and p.is_current()
                            if hasattr(p, "is_current") else not getattr(p, "busy",
                                                                        lambda: False)(),
                            timeout=30000)
            for _ in range(5):
                QApplication.processEvents()
            least = page.layout().minimumHeightForWidth(page.width())
            assert page.height() >= least, (type(page).__name__, page.height(), least)
            area = window.tabs.currentWidget()
            assert area.verticalScrollBar().maximum() == page.height() - area.viewport().height()
    finally:
        window.lesson_action.setChecked(False)


def test_fitted_shrinks_and_moves_a_geometry_onto_the_area():
    area = QRect(0, 0, 1366, 700)
    got = screen_fit.fitted(QRect(400, 300, 1880, 1040), area, QSize(700, 500))
    assert area.contains(got.adjusted(-screen_fit.BORDER, -screen_fit.TITLE,
                                      screen_fit.BORDER, screen_fit.BORDER))
    assert got.size() == QSize(1366 - 2 * screen_fit.BORDER, 700 - screen_fit.TITLE
                               - screen_fit.BORDER)
    small = QRect(100, 120, 800, 500)                    # a geometry that fits is kept
    assert screen_fit.fitted(small, area) == small
    off = screen_fit.fitted(QRect(-3000, 5000, 800, 500), QRect(1920, 0, 1366, 768))
    assert off.topLeft() == QPoint(1920 + screen_fit.BORDER, 768 - screen_fit.BORDER - 500)


def test_an_error_under_a_field_moves_no_control(qtbot, window):
    """Issue: an error under widths pushed the controls down, so a click meant for one
    control landed on another. The problem line's room is reserved, and a red field keeps
    its size (a style sheet made a line edit 4 px lower, moving every control below, and the
    gain box 18 px wider, without its arrows)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QPalette
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from gui.bindings import INVALID_BASE

    window.show()
    qtbot.waitExposed(window)
    keys = ("depth", "widths", "activation", "init", "gain", "batch", "seed")

    def where():
        for _ in range(3):   # the layouts' posted requests
            QApplication.processEvents()
        return ({k: window.controls.widget(k).geometry().size() for k in keys},
                {k: window.controls.widget(k).mapTo(window, QPoint(0, 0)) for k in keys},
                window.pin_bar.pin_button.mapTo(window, QPoint(0, 0)),
                window.dashboard.mapTo(window, QPoint(0, 0)))

    before = where()
    edit = window.controls.widget("widths")
    edit.setText("784, 0, 10")
    edit.textEdited.emit("784, 0, 10")
    assert "widths" in window.controls.problem.text()
    assert "entry 2 must be at least 1" in window.controls.problem.text()   # as typed
    assert edit.palette().color(QPalette.Base) == INVALID_BASE and where() == before
    gain = window.controls.widget("gain").lineEdit()
    for text in ("0", "1"):   # refused, then taken again
        gain.setFocus()
        gain.selectAll()
        QTest.keyClicks(gain, text)
        QTest.keyClick(gain, Qt.Key_Return)
        qtbot.waitUntil(lambda: ("gain" in window.controls.problem.text()) == (text == "0"))
        assert (gain.palette().color(QPalette.Base) == INVALID_BASE) == (text == "0")
        assert where() == before
        if text == "0":   # the box shows 1 again: said, or it reads as 1 refused (tours)
            assert gain.text() == "1" and "got 0 (kept 1)" in window.controls.problem.text()
    edit.setText("16x3")
    edit.textEdited.emit("16x3")
    assert window.controls.problem.text() == ""
    assert edit.palette().color(QPalette.Base) != INVALID_BASE and where() == before


def test_the_problem_line_keeps_one_line_and_grows_for_more_moving_no_control(qtbot,
                                                                              window):
    """A student's tour: three empty lines kept under the controls hid the Monte Carlo group
    at 1280 × 720. One is kept; two refusals take two, the controls staying where they are
    (the line is under their scroll area)."""
    from PySide6.QtWidgets import QApplication

    problem = window.controls.problem
    line = problem.fontMetrics().lineSpacing()
    keys = ("depth", "widths", "gain", "batch", "seed")

    def where():
        for _ in range(3):   # the layouts' posted requests
            QApplication.processEvents()
        return [window.controls.widget(k).mapTo(window, QPoint(0, 0)) for k in keys]

    assert line <= problem.height() < 2 * line
    before = where()
    for key, text in (("widths", "784, 0, 10"), ("seed", "x")):
        edit = window.controls.widget(key)
        edit.setText(text)
        edit.textEdited.emit(text)
    assert problem.text().count("\n") == 1 and problem.height() >= 2 * line
    assert where() == before
    for key, text in (("widths", "16x3"), ("seed", "0")):
        edit = window.controls.widget(key)
        edit.setText(text)
        edit.textEdited.emit(text)
    assert problem.text() == "" and problem.height() < 2 * line and where() == before


def test_the_readout_can_be_hidden_to_give_the_plots_its_room(qtbot, window):
    window.show()
    qtbot.waitExposed(window)
    before = window.dashboard.forward.height()
    action = window.menus.readout_action
    action.trigger()
    qtbot.waitUntil(lambda: window.dashboard.forward.height() > before)
    assert not window.dashboard.readout.isVisible()
    action.trigger()
    assert window.dashboard.readout.isVisible()
    qtbot.waitUntil(lambda: window.dashboard.forward.height() == before)


def _settled(qtbot, window) -> None:
    qtbot.waitUntil(lambda: window.result() is not None and window.result().config
                    == window.config() and not window.dashboard.pending(), timeout=15000)


def test_the_readout_shows_every_line_in_a_small_window(qtbot, window):
    """At 1024 × 700 the readout's lines, a preset's hint included, were cut off (its height
    was fixed): it takes the height they need, as long as the plots keep theirs."""
    from gui import presets

    window.resize(1024, 700)
    window.apply_preset(next(p for p in presets.PRESETS if p.name == "Tanh under Xavier"))
    _settled(qtbot, window)
    readout = window.dashboard.readout
    assert "Look for" in readout.text()
    qtbot.waitUntil(lambda: readout.hidden_height() == 0)     # (the scroll area lays out late)
    assert readout.height() >= readout.needed_height()
    assert not readout.view.verticalScrollBar().isVisible()


def test_a_readout_reworded_behind_another_tab_shows_every_line(qtbot, window):
    """Text set while another tab shows (a config changed there) did not lay out the hidden
    readout: back on the dashboard, its last lines were cut off, with no scroll bar."""
    from gui import presets
    from gui.window_tabs import ACTIVATION_TAB

    window.resize(1024, 700)
    window.apply_preset(next(p for p in presets.PRESETS if p.name == "Tanh under Xavier"))
    _settled(qtbot, window)
    window.tabs.setCurrentIndex(ACTIVATION_TAB)
    window.set_config(window.config().with_values(widths=[200 + i for i in range(51)]))
    _settled(qtbot, window)
    window.tabs.setCurrentIndex(0)
    readout = window.dashboard.readout
    assert "250" in readout.text()
    qtbot.waitUntil(lambda: readout.hidden_height() == 0)   # within its share: all lines


@pytest.mark.fresh_window   # a used window's readout may have grown for an earlier text
def test_new_readout_lines_never_move_the_plots_during_a_drag(qtbot, window):
    """A drag's new text keeps the readout's height (re-laying out the plots for it would
    repaint them all, on the GUI thread, every frame): lines beyond it scroll into view. Once
    the changes settle, it grows to show them."""
    from engine import simulate
    from gui.results import join, theory_of

    dashboard, readout = window.dashboard, window.dashboard.readout
    window.resize(1500, 940)
    _settled(qtbot, window)
    qtbot.waitUntil(lambda: readout.height() >= readout.needed_height())
    sizes = dashboard.splitter.sizes()
    widths = [16 + i for i in range(150)]                    # a setting of several lines
    long = theory_of(window.config().with_values(widths=widths))
    dashboard.show_theory(long, streaming=True)
    qtbot.waitUntil(lambda: "165" in readout.text() and readout.hidden_height() > 0)
    assert dashboard.splitter.sizes() == sizes and readout.view.verticalScrollBar().isVisible()
    bar = readout.view.verticalScrollBar()
    bar.setValue(bar.maximum())                  # the reader scrolls down; the text changes:
    kept = bar.value()
    other = theory_of(window.config().with_values(widths=widths + [7]))
    dashboard.show_theory(other, streaming=True)
    # (the new text: ", 7" alone was in the old one's "…, 70, 71", a race audit)
    qtbot.waitUntil(lambda: "165, 7" in readout.text())
    assert bar.value() == kept > 0               # they keep their place
    # the drag's full result (the controls still say "streaming"): it grows after the plots
    dashboard.show_result(join(simulate(long.config), long))
    qtbot.waitUntil(lambda: readout.hidden_height() == 0)
    assert dashboard.splitter.sizes()[1] > sizes[1]


def test_new_settings_move_the_plots_once_after_their_monte_carlo(qtbot, manual):
    """Settings whose lines need more room: the readout takes it after their Monte Carlo's
    plots, not for their theory first as well (each re-lays out and repaints every plot on the
    GUI thread: the slider's release stalled the window 30 ms for it, then the final plots
    came). A run that takes long gets the room when its older plots dim."""
    from gui.dashboard import STALE_AFTER_MS
    from gui.results import theory_of

    window, executor = manual
    window.controller.stream.gap_s = 0.0   # (a test's quick changes are not a stream: a review)
    dashboard, readout = window.dashboard, window.dashboard.readout
    window.resize(1500, 940)
    qtbot.waitUntil(lambda: not dashboard.pending())
    sizes = dashboard.splitter.sizes()
    long = window.config().with_values(widths=[16 + i for i in range(150)])
    window.set_config(long)                                  # its run waits
    qtbot.waitUntil(lambda: "165" in readout.text())
    assert dashboard.splitter.sizes() == sizes
    executor.finish()
    qtbot.waitUntil(lambda: window.result().config == long and not dashboard.pending())
    assert dashboard.splitter.sizes()[1] > sizes[1] and readout.hidden_height() == 0
    grown = dashboard.splitter.sizes()
    window.set_config(long.with_values(widths=[*long.widths, *range(200, 260)]))   # it waits long
    qtbot.waitUntil(lambda: dashboard.splitter.sizes()[1] > grown[1], timeout=3000)
    assert window.result().config == long
    # new settings, then a drag before their run ends: the plots stay put under the drag
    executor.finish()
    qtbot.waitUntil(lambda: not dashboard.pending())
    grown = dashboard.splitter.sizes()
    longer = window.config().with_values(widths=[*window.config().widths, *range(300, 340)])
    window.set_config(longer)
    qtbot.waitUntil(lambda: "339" in readout.text())
    dashboard.show_theory(theory_of(longer.with_values(gain=1.1)), streaming=True)
    qtbot.wait(STALE_AFTER_MS + 200)
    assert dashboard.splitter.sizes() == grown


def _right(item) -> float:
    return item.mapRectToScene(item.boundingRect()).right()


def test_the_titles_take_short_forms_beside_the_lesson(qtbot, window):
    """With the lesson open at 1024 × 700 the profile's title was at ~5 pt, the heatmaps' at
    ~4 pt."""
    from gui.plot_labels import COMPACT_BELOW

    window.resize(1024, 700)
    title = window.dashboard.profile.plot.titleLabel
    qtbot.waitUntil(lambda: window.width() == 1024 and title.text.endswith("units)"))
    window.lesson_action.setChecked(True)
    try:
        qtbot.waitUntil(lambda: title.text == "Variance profile")
        assert title.item.scale() >= COMPACT_BELOW
        # the heatmaps' titles, at ~45 % in their short forms, take their shortest, over the
        # left axis ("unit i") too
        heatmaps = [window.dashboard.forward.plot.titleLabel,
                    window.dashboard.backward.plot.titleLabel]
        qtbot.waitUntil(lambda: heatmaps[0].text == "Forward: Var[h<sup>t</sup><sub>i</sub>]")
        assert heatmaps[0].item.scale() == heatmaps[1].item.scale() >= 0.7
    finally:
        window.lesson_action.setChecked(False)
    qtbot.waitUntil(lambda: title.text.endswith("units)"))


def test_the_profile_names_its_lines_in_a_table_where_its_legend_would_be_unreadable(
        qtbot, window):
    """With the lesson open at 1024 × 700 the profile's legend, in its short names, was at
    48 % of 8 pt (4 pt) in English and 67 % in Chinese. A table takes its place there: the
    directions over their samples, the kinds of line beside theirs, each name once."""
    from gui.plot_labels import COMPACT_BELOW

    profile = window.dashboard.profile
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.width() == 1024 and profile.legend.isVisible())
    assert not profile.key.isVisible() and profile.key.maximumHeight() == 0
    window.lesson_action.setChecked(True)
    try:
        qtbot.waitUntil(lambda: profile.key.isVisible())
        assert not profile.legend.isVisible() and profile.legend.maximumHeight() == 0
        labels = [label for _, label in profile.key.items]
        # (no row for the typical run where it is not drawn: the plot's room is short)
        assert [label.text for label in labels] == ["forward", "backward", "Monte Carlo",
                                                     "theory"]
        assert all(label.item.scale() >= COMPACT_BELOW for label in labels)
        assert all(_right(label.item) <= profile.width() + 1 for label in labels)
        # each row's samples draw the profile's own lines, forward under "forward"
        samples = profile.key.samples()
        assert [s.item for s in samples] == [profile.forward_mc, profile.backward_mc,
                                             profile.forward_th, profile.backward_th]
        header = {label.text: label.sceneBoundingRect().center().x() for label in labels[:2]}
        for sample, direction in zip(samples, ["forward", "backward"] * 2):
            assert abs(sample.sceneBoundingRect().center().x() - header[direction]) < 2
        # several draws: the solid lines are their median
        window.set_config(SimConfig.from_dict({"trials": 3, "batch": 32, "depth": 10, "width": 16}))
        qtbot.waitUntil(lambda: "median" in profile.key.row_names())
        # pins are named by number alone there (their short names had been at 40 % of 8 pt)
        window.pin_run()
        window.set_config(window.config().with_values(activation="relu"))
        window.pin_run()
        qtbot.waitUntil(lambda: len(profile.pin_legend.items) == 2)
        pins = [label for _, label in profile.pin_legend.items]
        assert [label.text for label in pins] == ["pin 1", "pin 2"]
        assert all(label.item.scale() >= COMPACT_BELOW for label in pins)
    finally:
        window.lesson_action.setChecked(False)
    qtbot.waitUntil(lambda: profile.legend.isVisible())
    assert not profile.key.isVisible() and profile.key.maximumHeight() == 0
    assert [label.text for _, label in profile.pin_legend.items][0].startswith("pin 1: ")
    window.pins.clear()


def test_the_profile_chooses_its_table_within_a_resize(qtbot, window):
    """A figure is laid out and painted within one call, without events (`gui.figures`):
    the table must be in place when a resize returns, and the legend back after the next."""
    profile = window.dashboard.profile
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: window.width() == 1366 and profile.legend.isVisible())
    old = profile.size()
    profile.resize(240, 330)
    assert profile.key.isVisible() and not profile.legend.isVisible()
    assert profile.key.geometry().height() > 0
    profile.resize(old)
    assert profile.legend.isVisible() and not profile.key.isVisible()


@pytest.mark.parametrize("width", [1024, 1500])
def test_long_titles_and_legends_never_widen_their_plots(qtbot, window, width):
    """pyqtgraph makes a label's text width its minimum width: at 1024 pixels (English) the
    heatmaps' titles widened them past their views' edges, cutting their colour bars, and the
    profile's two legend columns cut its backward column and title (the Training tab's maps
    also kept such a width after their title got shorter). Titles and legend labels now
    shrink where there is no room for them (a legend's labels all by one scale, or its short
    names where the full ones would be too small to read), and keep their size where there
    is."""
    window.resize(width, 760)
    d = window.dashboard
    views = (d.profile, d.distribution, d.forward, d.backward)
    qtbot.waitUntil(lambda: window.width() == width
                    and all(v.ci.size().width() <= v.width() for v in views)
                    and d.backward.plot.titleLabel.rect().width() > 100)   # laid out
    for view in (d.forward, d.backward):   # the colour bar inside the view
        assert _right(view.bar.axis) <= view.width() and _right(view.bar) <= view.width()
    for view in views:
        assert _right(view.plot.titleLabel.item) <= view.width() + 1
    labels = [label for _, label in d.profile.legend.items]
    assert all(_right(label.item) <= d.profile.width() + 1 for label in labels)
    scales = {round(label.item.scale(), 6) for label in labels}
    # at 1024 the full English names would shrink to ~60 % (5 pt): the short ones show instead
    assert len(scales) == 1 and scales.pop() >= d.profile.legend.COMPACT_BELOW
    assert d.profile.legend.compact == (width == 1024)
    assert ("forward, Monte Carlo" in labels[0].text) == (width == 1024)
    backward = d.backward.plot.titleLabel   # a short form at 1024, readable
    assert ("over the batch" in backward.text) == (width != 1024)
    assert backward.item.scale() >= d.profile.legend.COMPACT_BELOW


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_controls_fit_a_maximized_window_on_a_1080p_laptop_at_150_percent(
        qtbot, window, language):
    """A tour at 1280 × 680 (1920 × 1080 at 150 %, maximized above a taskbar): the controls
    scrolled by 3 pixels in English and 19 in Chinese, the New seed button cut in half; it
    now sits beside the seed's field."""
    scroll = window.controls.parentWidget().parentWidget()   # the controls' scroll area
    window.set_language(language)
    try:
        window.resize(1280, 680)
        qtbot.waitUntil(lambda: window.size().toTuple() == (1280, 680))
        qtbot.wait(20)   # (the layout's posted requests)
        assert scroll.verticalScrollBar().maximum() == 0
        button = window.controls.new_seed
        corner = button.mapTo(scroll.viewport(), button.rect().bottomRight())
        assert scroll.viewport().rect().contains(corner)
    finally:
        window.set_language("en")


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_training_tab_beside_the_lesson_shows_its_maps_at_1280_pixels(
        qtbot, window, language):
    """A tour at 1280 × 720 with the lesson open (its step 13 sends a student here): the tab,
    ~710 pixels wide, stacked its panels and the gradient maps were below the fold. Its three
    panels now stand side by side there, the maps in view without scrolling."""
    from gui.window_tabs import TRAINING_TAB

    window.set_language(language)
    window.resize(1280, 720)
    window.lesson_action.setChecked(True)
    try:
        window.tabs.setCurrentIndex(TRAINING_TAB)
        qtbot.waitUntil(lambda: window.tabs.made(TRAINING_TAB) is not None
                        and window.width() == 1280)
        layout = window.tabs.made(TRAINING_TAB).arrangement
        qtbot.wait(20)
        assert not layout.narrow
        view = layout.scroll.viewport()
        bottom = layout.maps.mapTo(view, layout.maps.rect().bottomLeft())
        assert view.rect().contains(bottom), (bottom, view.rect())
    finally:
        window.lesson_action.setChecked(False)
        window.set_language("en")


def test_the_readout_keeps_as_much_room_in_chinese_as_in_english(qtbot, window):
    """Chinese wraps the readout into fewer, taller lines: eight of them (152 pixels against
    English's 120) left a blank band under its text at 1280 × 680 while the heatmaps above
    were squashed to 68 pixels (a tour)."""
    english = window.dashboard.readout.sizeHint().height()
    window.set_language("zh_CN")
    try:
        assert window.dashboard.readout.sizeHint().height() == english
    finally:
        window.set_language("en")


def test_plots_too_narrow_side_by_side_go_in_one_column_and_the_page_scrolls(qtbot):
    """A lecturer's tour: at 1280 × 720 with a 16 pt font and the lesson open the Network
    tab's heatmaps were ~10 px wide, their ticks run together ("2040"). Where two plots of
    PLOT_MIN_LINES lines do not fit side by side, the four go one under the other, each as
    wide as the page and at least ONE_COLUMN_LINES high."""
    from gui.dashboard import Dashboard
    from gui.plot_grid import ONE_COLUMN_LINES, PLOT_MIN_LINES

    dashboard = Dashboard()
    qtbot.addWidget(dashboard)
    line = dashboard.plots.fontMetrics().lineSpacing()
    dashboard.resize(2 * PLOT_MIN_LINES * line + 200, 900)
    dashboard.show()
    qtbot.waitUntil(lambda: dashboard.plots.one_column is False)
    top = {plot.geometry().top() for plot in dashboard.plots.plots}
    assert len(top) == 2                                  # two by two
    dashboard.resize(2 * PLOT_MIN_LINES * line - 100, 900)
    qtbot.waitUntil(lambda: dashboard.plots.one_column)
    qtbot.wait(50)
    plots = dashboard.plots.plots
    assert len({plot.geometry().left() for plot in plots}) == 1
    assert all(plot.width() >= PLOT_MIN_LINES * line for plot in plots)
    assert all(plot.minimumHeight() >= ONE_COLUMN_LINES * line for plot in plots)
    assert dashboard.profile.minimumHeight() >= 19 * line   # its own least height kept
    # the page scrolls then: the readout keeps its usual lines (it had kept two)
    assert dashboard.readout.minimumHeight() == dashboard.readout.sizeHint().height()
    font = dashboard.font()   # a larger font: the least heights follow it (the review)
    font.setPointSizeF(font.pointSizeF() * 1.5)
    dashboard.setFont(font)
    qtbot.waitUntil(lambda: dashboard.plots.fontMetrics().lineSpacing() > line)
    line = dashboard.plots.fontMetrics().lineSpacing()
    assert all(plot.minimumHeight() >= ONE_COLUMN_LINES * line for plot in plots)
    assert dashboard.profile.minimumHeight() >= 19 * line
    dashboard.resize(2 * PLOT_MIN_LINES * line + 200, 900)
    qtbot.waitUntil(lambda: dashboard.plots.one_column is False)
    assert dashboard.forward.minimumHeight() < ONE_COLUMN_LINES * line
    assert dashboard.profile.minimumHeight() >= 19 * line
    assert dashboard.readout.minimumHeight() < dashboard.readout.sizeHint().height()
    # at a small font, the plots' own least widths decide (it had scrolled sideways)
    font.setPointSizeF(5)
    dashboard.setFont(font)
    qtbot.waitUntil(lambda: 2 * PLOT_MIN_LINES * dashboard.plots.fontMetrics().lineSpacing()
                    < 2 * dashboard.forward.minimumWidth() - 10)
    dashboard.resize(2 * dashboard.forward.minimumWidth() - 10, 900)
    qtbot.waitUntil(lambda: dashboard.plots.one_column)
