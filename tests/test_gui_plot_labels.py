"""Plot labels that fit: legends that shrink or take their short names, log axes whose labels
do not overprint."""

import math

import numpy as np
import pyqtgraph as pg
import pytest
import shiboken6
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QApplication

from gui.axis_ticks import EdgeAxis, LogAxis
from gui.heatmap import HeatmapView
from gui.plot_labels import AxisLabelForms, FittingLegend
from plot_probe import drawn_labels, drawn_tick_labels

LONG = "backward Var[∂ℓ/∂h<sup>t</sup>], median of 20 draws"


def _legend(qtbot, width: int):
    view = pg.GraphicsLayoutWidget()
    qtbot.addWidget(view)
    plot = view.addPlot(row=0, col=0)
    legend = FittingLegend(colCount=2, labelTextSize="8pt")
    view.addItem(legend, row=1, col=0)
    curves = [plot.plot([0, 1], [0, 1]) for _ in range(3)]
    for curve in curves:
        legend.addItem(curve, "")
    view.resize(width, 300)
    view.show()
    qtbot.waitExposed(view)
    return view, legend, curves


def _shown(legend):
    return [label.text for _, label in legend.items]


def _laid_out(qtbot, legend, compact: bool):
    qtbot.waitUntil(lambda: legend.compact == compact
                    and all(label.rect().width() > 0 for _, label in legend.items))


def test_a_legend_shows_its_short_names_only_where_the_full_ones_would_be_unreadable(qtbot):
    """The profile's full English names were at ~60 % (5 pt) in a 1024-pixel window. Where
    the full names would shrink below 85 %, every label that has a short name shows it; the
    others keep theirs; a wider view brings the full names back, and a name given while
    compact shows its short form."""
    view, legend, (a, b, c) = _legend(qtbot, 300)
    legend.name(a, LONG, "backward, median")
    legend.name(b, "forward, theory: expectation, ∞ width", "forward, theory")
    legend.name(c, "typical")                      # no short name
    _laid_out(qtbot, legend, True)
    assert _shown(legend) == ["backward, median", "forward, theory", "typical"]
    scale = legend.items[0][1].item.scale()
    assert scale >= legend.COMPACT_BELOW and all(
        label.item.scale() == scale for _, label in legend.items)

    legend.name(b, "forward, theory (renamed)", "forward, th.")
    assert _shown(legend)[1] == "forward, th."

    view.resize(1400, 300)
    _laid_out(qtbot, legend, False)
    assert _shown(legend) == [LONG, "forward, theory (renamed)", "typical"]
    assert all(label.item.scale() == 1.0 for _, label in legend.items)

    view.resize(300, 300)
    _laid_out(qtbot, legend, True)
    legend.removeItem(a)                           # its short name goes with it
    assert a not in [item.item for item, _ in legend.items] and len(legend.short_names) == 1


NAMES = ((LONG, "backward, median"),
         ("forward, typical run: expected log (a long name)", None),   # no short name
         ("forward, theory: expectation, ∞ width", "forward, theory"))


def _named(qtbot, width: int):
    view, legend, curves = _legend(qtbot, width)
    for curve, (full, short) in zip(curves, NAMES):
        legend.name(curve, full, short)
    qtbot.waitUntil(lambda: all(label.rect().width() > 0 for _, label in legend.items))
    return view, legend


def test_a_legend_chooses_its_names_by_its_width_alone(qtbot):
    """The choice depended on the names shown: a legend made compact while narrow kept its
    short names at widths where a new legend showed the full ones (one column of names
    without short ones never returned to full). Narrowed or widened to a width, a legend
    shows what a new one at that width shows."""
    widths = (300, 420, 540, 660, 780, 900, 1100)
    fresh = {}
    for width in widths:
        view, legend = _named(qtbot, width)
        qtbot.wait(20)
        fresh[width] = legend.compact
        view.close()
    assert set(fresh.values()) == {True, False}   # the sweep crosses the threshold
    view, legend = _named(qtbot, widths[0])
    for width in widths + widths[::-1]:
        view.resize(width, 300)
        qtbot.waitUntil(lambda w=width: legend.compact == fresh[w], timeout=2000)
        shown = _shown(legend)
        assert (shown[0] == "backward, median") == fresh[width] and shown[1] == NAMES[1][0]


def test_a_cleared_legend_keeps_nothing_of_its_old_names(qtbot):
    """The Training tab renames its runs by clearing its legend: pyqtgraph's clear left the
    removed labels' short names (and the compact state) behind."""
    view, legend, (a, b, _) = _legend(qtbot, 300)
    legend.name(a, LONG, "backward, median")
    _laid_out(qtbot, legend, True)
    legend.clear()
    assert legend.items == [] and not legend.compact
    legend.addItem(b, "zeros")
    view.resize(1400, 300)
    qtbot.waitUntil(lambda: legend.items[0][1].rect().width() > 0)
    view.resize(300, 300)
    qtbot.wait(50)
    assert _shown(legend) == ["zeros"] and not legend.compact


def test_a_log_axis_labels_1_2_3_and_5_times_a_power_of_ten(qtbot):
    """In a short log axis pyqtgraph labelled every tick 2 … 9, and 6, 7, 8 and 9 overprinted
    one another (the Training tab's loss at 1024 × 700); with none of 1, 2, 3, 5 in view, every
    tick keeps its label."""
    axis, plain = LogAxis("left"), pg.AxisItem("left")
    values = list(np.log10([0.3, 0.4, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 20.0]))
    every = plain.logTickStrings(values, 1.0, 1.0)
    kept = [label if i in (0, 2, 3, 4, 6, 11) else "" for i, label in enumerate(every)]
    assert axis.logTickStrings(values, 1.0, 1.0) == kept
    assert kept[:5] == ["0.3", "", "1", "2", "3"]
    few = list(np.log10([6.0, 7.0, 8.0]))
    assert axis.logTickStrings(few, 1.0, 1.0) == plain.logTickStrings(few, 1.0, 1.0)


def test_a_title_takes_its_short_form_where_the_full_one_would_be_too_small(qtbot):
    """The heatmaps' titles were at 5–6 pt at 1024 pixels in English."""
    from gui.plot_labels import COMPACT_BELOW, fit_title, set_title

    view = pg.GraphicsLayoutWidget()
    qtbot.addWidget(view)
    plot = view.addPlot()
    fit_title(plot)
    full = "Backward: per-unit Var[∂ℓ/∂h<sup>t</sup><sub>i</sub>] over the batch"
    set_title(plot, full, "Backward: per-unit Var")
    view.resize(200, 200)
    view.show()
    title = plot.titleLabel
    qtbot.waitUntil(lambda: title.text == "Backward: per-unit Var", timeout=2000)
    view.resize(1200, 200)
    qtbot.waitUntil(lambda: title.text == full and title.item.scale() == 1.0, timeout=2000)
    view.resize(200, 200)
    qtbot.waitUntil(lambda: title.text != full, timeout=2000)
    assert title.rect().width() < COMPACT_BELOW * title.forms[0][1]
    plot.setTitle("Another title, with no short form, long enough to be squeezed here")
    qtbot.wait(50)
    assert title.text.startswith("Another") and title.item.scale() < 1


def test_paired_titles_take_their_short_forms_together(qtbot):
    """In Chinese at 1024 pixels the forward heatmap kept its full title and the backward one
    took its short one: side by side, the pair read differently."""
    from gui.plot_labels import fit_title, pair_titles, set_title

    view = pg.GraphicsLayoutWidget()
    qtbot.addWidget(view)
    plots = [view.addPlot(row=0, col=col) for col in range(2)]
    for plot in plots:
        fit_title(plot)
    pair_titles(*plots)
    set_title(plots[0], "Forward: a title", "Forward")
    set_title(plots[1], "Backward: a title much longer than its partner's", "Backward")
    view.resize(1400, 200)
    view.show()
    titles = [plot.titleLabel for plot in plots]
    qtbot.waitUntil(lambda: [t.text for t in titles] == ["Forward: a title", titles[1].forms[0][0]])
    view.resize(520, 200)   # only the longer one would shrink below 85 %
    qtbot.waitUntil(lambda: [t.text for t in titles] == ["Forward", "Backward"], timeout=2000)
    view.resize(1400, 200)
    qtbot.waitUntil(lambda: titles[0].text == "Forward: a title"
                    and titles[1].text.startswith("Backward: a title"), timeout=2000)


def test_a_partner_far_from_its_size_does_not_hold_a_plot_to_its_short_forms(qtbot):
    """A tour of the exports: a heatmap's own slide, laid out at 1920 pixels while its partner
    stayed in the window at 1024, kept the short title and colour-bar label the pair had
    taken there. Partners are held alike only at about one size."""
    from gui.plot_labels import fit_title, pair_axis_labels, pair_titles, set_title

    views = [pg.GraphicsLayoutWidget() for _ in range(2)]
    plots = [view.addPlot() for view in views]
    labels = [AxisLabelForms(plot.getAxis("left")) for plot in plots]
    for view, plot, label in zip(views, plots, labels):
        qtbot.addWidget(view)
        fit_title(plot)
        set_title(plot, "A long title for a plot, over the batch", "Short")
        label.set("log₁₀ a rather long label (decades)", "log₁₀ a")
        view.resize(150, 90)
        view.show()
    pair_titles(*plots)
    pair_axis_labels(*labels)

    def shown(i: int) -> tuple[str, str]:
        return plots[i].titleLabel.text, plots[i].getAxis("left").labelText

    qtbot.waitUntil(lambda: shown(0) == shown(1) == ("Short", "log₁₀ a"), timeout=2000)
    views[0].resize(1900, 1000)
    qtbot.waitUntil(lambda: shown(0) == ("A long title for a plot, over the batch",
                                         "log₁₀ a rather long label (decades)"), timeout=2000)
    assert shown(1) == ("Short", "log₁₀ a")
    views[0].resize(150, 90)
    qtbot.waitUntil(lambda: shown(0) == ("Short", "log₁₀ a"), timeout=2000)


def test_a_title_takes_the_longest_of_its_forms_that_stays_readable(qtbot):
    """Beside the lesson at 1024 pixels the heatmaps' short titles were still at ~4 pt: a
    title may have several shorter forms, and shows the longest that fits."""
    from gui.plot_labels import COMPACT_BELOW, fit_title, set_title

    view = pg.GraphicsLayoutWidget()
    qtbot.addWidget(view)
    plot = view.addPlot()
    fit_title(plot)
    forms = ("Forward: per-unit Var[h<sup>t</sup><sub>i</sub>] over the batch",
             "Forward: per-unit Var[h<sup>t</sup><sub>i</sub>]", "Forward: Var[h]")
    set_title(plot, *forms)
    view.show()
    title = plot.titleLabel
    for width, shown in ((1400, 0), (250, 1), (200, 2), (120, 2), (1400, 0)):
        view.resize(width, 200)
        qtbot.waitUntil(lambda: title.text == forms[shown], timeout=2000)
        if shown < 2:
            assert title.item.scale() >= COMPACT_BELOW
        if shown > 0:   # the longer form would shrink too far
            assert title.rect().width() < COMPACT_BELOW * title.forms[shown - 1][1]


def test_a_short_vertical_axis_keeps_its_labels_a_line_apart(qtbot):
    """pyqtgraph always labels its first level of ticks: in a plot ~45 pixels tall 0 … 100 at
    every 20 overprinted one another (the Training tab's accuracy at 1024 × 700, a tour).
    There the next 1, 2, 5 spacing is taken; a tall plot keeps pyqtgraph's."""
    view = pg.GraphicsLayoutWidget()
    qtbot.addWidget(view)
    plot = view.addPlot(axisItems={"left": EdgeAxis("left")})
    plot.setYRange(0, 100, padding=0)
    axis = plot.getAxis("left")
    line = QFontMetricsF(axis.font()).height()
    view.show()
    for height, expected in ((400, ["0", "20", "40", "60", "80", "100"]),
                             (90, ["0", "50", "100"])):
        view.resize(300, height)
        qtbot.waitUntil(lambda: drawn_tick_labels(axis) == expected)
        centres = sorted(rect.center().y() for rect, _ in drawn_labels(axis))
        assert all(b - a >= line - 0.01 for a, b in zip(centres, centres[1:]))


def test_a_short_log_axis_keeps_its_labels_a_line_apart(qtbot):
    """In log mode over less than ~2 decades pyqtgraph labels the ticks 2 … 9 of one level
    (`LogAxis` keeps 1, 2, 3 and 5): the held-out loss over 0.05 … 3 in a plot 80 pixels
    tall read 3 over 2 and 0.3 over 0.2, 8 pixels apart (a review). A label closer than a
    line to another is left out, a power of ten last; a tall plot keeps them all."""
    view = pg.GraphicsLayoutWidget()
    qtbot.addWidget(view)
    plot = view.addPlot(axisItems={"left": LogAxis("left")})
    plot.setLogMode(y=True)
    plot.setYRange(math.log10(0.05), math.log10(3.0), padding=0)
    axis = plot.getAxis("left")
    line = QFontMetricsF(axis.font()).height()
    view.show()
    for height, least in ((420, ["0.1", "0.2", "0.3", "0.5", "1", "2"]), (120, ["0.1", "1"])):
        view.resize(300, height)
        qtbot.waitUntil(lambda: set(least) <= set(drawn_tick_labels(axis)))
        centres = sorted(rect.center().y() for rect, _ in drawn_labels(axis))
        assert all(b - a >= line - 0.01 for a, b in zip(centres, centres[1:]))
    assert len(drawn_tick_labels(axis)) < 6


def test_a_colour_bars_long_title_keeps_clear_of_the_maps_last_layer_label(qtbot):
    """Rotated and centred on a colour bar shorter than itself, a heatmap's title ran below
    the bar into the label of the map's last layer ("300" touched "log₁₀" at 1366 × 768, a
    tour). It is raised where there is room above it; a title shorter than its bar stays
    centred."""
    view = HeatmapView("Backward", "∂ℓ/∂h<sub>i</sub>")
    qtbot.addWidget(view)
    data = np.linspace(280.0, 0.0, 301)[:, None] * np.ones((301, 64))
    view.set_data(data)
    view.show()
    bottom = view.plot.getAxis("bottom")
    title = view.bar.getAxis("left")
    bar = view.bar.getViewBox().sceneBoundingRect()
    for size in ((470, 240), (470, 400)):
        view.resize(*size)
        qtbot.waitUntil(lambda: "300" in drawn_tick_labels(bottom)
                        and view.bar.getViewBox().sceneBoundingRect() != bar)
        bar = view.bar.getViewBox().sceneBoundingRect()
        text = title.label.mapRectToScene(title.label.boundingRect())
        last = next(bottom.mapRectToScene(rect) for rect, t in drawn_labels(bottom) if t == "300")
        assert not text.intersects(last)
        assert text.bottom() <= bar.bottom() + 1 and text.top() >= 0
        if text.height() < bar.height():   # (tall: centred, as pyqtgraph centres it)
            assert text.center().y() == pytest.approx(bar.center().y(), abs=1)
    assert text.height() < bar.height()


def test_a_colour_bars_title_too_long_for_its_room_takes_its_short_form(qtbot):
    """Raised as far as its widget allows, a title longer than its bar and the room above
    still ran below the bar (the phase diagram's ξc title, in Chinese at 1024 × 700 with the
    lesson, beside the x axis's "4.0": an audit): it takes its short form there."""
    view = HeatmapView("Backward", "∂ℓ/∂h<sub>i</sub>")
    qtbot.addWidget(view)
    view.set_data(np.linspace(280.0, 0.0, 301)[:, None] * np.ones((301, 64)))
    view.show()
    title = view.bar.getAxis("left")
    full, short = view.bar_label.forms
    shown = set()
    for height in range(170, 261, 6):
        view.resize(470, height)
        qtbot.waitUntil(lambda: abs(view.height() - height) <= 1)
        QApplication.processEvents()
        text = title.label.mapRectToScene(title.label.boundingRect())
        bar = view.bar.getViewBox().sceneBoundingRect()
        shown.add(title.labelText)
        if title.labelText == full:   # the full form only where it ends at the bar's bottom
            assert text.bottom() <= bar.bottom() + 1, height
        else:
            assert view.bar_label.full_width > title.room() - 0.5, height
    assert shown == {full, short}


def test_an_axis_label_takes_its_short_form_where_the_full_one_runs_far_past_the_axis(qtbot):
    """Rotated and centred, a long label in a short plot ran from above the title to the
    widget's bottom edge (the Chinese heatmaps' colour bars at 1024 × 700)."""
    view = pg.GraphicsLayoutWidget()
    qtbot.addWidget(view)
    axis = view.addPlot().getAxis("left")
    label = AxisLabelForms(axis)
    label.set("log₁₀ a rather long label (decades)", "log₁₀ short")
    view.show()
    for height, short in ((600, False), (80, True), (600, False)):
        view.resize(300, height)
        qtbot.waitUntil(lambda: (axis.labelText == "log₁₀ short") == short, timeout=2000)
    assert label.full_width > 80 + AxisLabelForms.OVERRUN


def test_paired_axis_labels_take_their_short_forms_together(qtbot):
    """Side by side at 1024 × 700, the forward colour bar read "log₁₀ Var[hᵢ] (decades)" and
    the backward one, its full label longer, "log₁₀ Var[∂ℓ/∂hᵢ]"."""
    from gui.plot_labels import pair_axis_labels

    view = pg.GraphicsLayoutWidget()
    qtbot.addWidget(view)
    axes = [view.addPlot(row=0, col=col).getAxis("left") for col in range(2)]
    labels = [AxisLabelForms(axis) for axis in axes]
    pair_axis_labels(*labels)
    labels[0].set("log₁₀ a (decades)", "log₁₀ a")
    labels[1].set("log₁₀ a much, much longer label (decades)", "log₁₀ b")
    view.show()
    height = round((labels[0].full_width + labels[1].full_width) / 2)   # one too long only
    view.resize(600, height)
    qtbot.waitUntil(lambda: [a.labelText for a in axes] == ["log₁₀ a", "log₁₀ b"], timeout=2000)
    assert labels[0].full_width <= axes[0].geometry().height() + AxisLabelForms.OVERRUN
    view.resize(600, 900)
    qtbot.waitUntil(lambda: axes[1].labelText.endswith("(decades)"), timeout=2000)
    assert axes[0].labelText.endswith("(decades)")


def test_a_title_over_the_left_axis_is_centred_over_the_view(qtbot):
    """Spanning the heatmaps' left axis too, their titles sat ~25 px left of their images'
    centres; where the text fits it is centred over the view."""
    from gui.plot_labels import fit_title, set_title

    view = pg.GraphicsLayoutWidget()
    qtbot.addWidget(view)
    plot = view.addPlot()
    fit_title(plot, over_left_axis=True)
    set_title(plot, "Forward", None, "F")   # None: the form before again
    assert [text for text, _ in plot.titleLabel.forms] == ["Forward", "Forward", "F"]
    view.resize(800, 300)
    view.show()
    title, box = plot.titleLabel, plot.getViewBox()
    left = plot.getAxis("left")
    qtbot.waitUntil(lambda: box.sceneBoundingRect().width() > 500)
    qtbot.wait(20)
    text = title.item.sceneBoundingRect()
    assert abs(text.center().x() - box.sceneBoundingRect().center().x()) <= 1.5
    assert title.sceneBoundingRect().left() <= left.sceneBoundingRect().left() + 1   # spans it


def test_pairs_outlive_a_partner_torn_down_first(qtbot):
    """The heatmaps are two widgets: closing a window deleted one's axis and title while the
    other's, laid out once more, still asked them (RuntimeError in Qt's event loop)."""
    from gui.plot_labels import fit_title, pair_axis_labels, pair_titles, set_title

    views = [pg.GraphicsLayoutWidget() for _ in range(2)]
    plots = [view.addPlot() for view in views]
    labels = [AxisLabelForms(plot.getAxis("left")) for plot in plots]
    for plot, label in zip(plots, labels):
        fit_title(plot, over_left_axis=True)
        set_title(plot, "A long title for a plot", "Short")
        label.set("log₁₀ a long label (decades)", "log₁₀ a")
    pair_titles(*plots)
    pair_axis_labels(*labels)
    qtbot.addWidget(views[1])
    views[1].show()
    views[0].deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(plots[0]))
    for width, height in ((150, 90), (900, 600)):
        views[1].resize(width, height)
        qtbot.wait(30)
    assert plots[1].titleLabel.text == "A long title for a plot"


def test_a_power_axis_writes_every_level_of_labels_to_one_number_of_decimals(qtbot):
    """A tour of the exports: the phase diagram's σ_b² axis on a slide read 0.1, 0.15, 0.2,
    0.25, 0.3 (pyqtgraph writes each level to its own spacing's decimals)."""
    from gui.axis_ticks import PowerAxis

    view = pg.GraphicsLayoutWidget()
    qtbot.addWidget(view)
    plot = view.addPlot(axisItems={"left": PowerAxis("left")})
    plot.setYRange(0.0, 0.3, padding=0)
    view.resize(300, 700)
    view.show()
    qtbot.waitUntil(lambda: plot.getAxis("left").geometry().height() > 500, timeout=2000)
    labels = drawn_tick_labels(plot.getAxis("left"))
    assert "0.15" in labels and "0.10" in labels and "0.1" not in labels, labels
    assert {len(text.split(".")[1]) for text in labels} == {2}, labels


def test_a_power_axis_writes_every_tick_alike_once_one_needs_a_power_of_ten(qapp):
    """A tour: the phase diagram's axis read 800000 beside 1e+06."""
    from gui.axis_ticks import PowerAxis

    axis = PowerAxis("bottom")
    assert axis.tickStrings([0.0, 4e5, 8e5, 1e6], 1.0, 2e5) == ["0", "4·10⁵", "8·10⁵", "10⁶"]
    assert axis.tickStrings([0.5, 1.0, 1.5], 1.0, 0.5) == ["0.5", "1.0", "1.5"]   # pyqtgraph's
    # a true minus, as the texts write it (a teacher: the profile's "-20" beside "−20 decades")
    assert axis.tickStrings([-40.0, -20.0, 0.0], 1.0, 20.0) == ["−40", "−20", "0"]


def test_ticks_close_beside_their_size_are_written_as_differences_and_drawn(qapp):
    """A tour: σ of sigmoid at gain 10⁻⁶ spans 0.5 ± 5·10⁻⁷; its ticks 0.4999996 … were
    wider than the axis, which drew none."""
    from gui.axis_ticks import PowerAxis

    axis = PowerAxis("left")
    axis.setRange(0.5 - 5e-7, 0.5 + 5e-7)
    assert axis.tickStrings([0.4999996, 0.4999998, 0.5, 0.5000002], 1.0, 2e-7) == [
        "−4·10⁻⁷", "−2·10⁻⁷", "0.5", "+2·10⁻⁷"]
    # one reference for every level pyqtgraph asks for (a review: the finer level's ticks
    # took 0.4999995 for theirs, so "+2·10⁻⁷" marked two heights)
    assert axis.tickStrings([0.4999995, 0.4999997, 0.5000001], 1.0, 1e-7) == [
        "−5·10⁻⁷", "−3·10⁻⁷", "+10⁻⁷"]
    axis.setRange(1e6 - 5, 1e6 + 5)   # σ = x + 10⁶: differences as plain numbers
    assert axis.tickStrings([999998.0, 1e6, 1000002.0], 1.0, 2.0) == ["−2", "10⁶", "+2"]
    axis.setRange(0.0, 1.0)
    assert axis.tickStrings([0.0, 0.5, 1.0], 1.0, 0.5) == ["0", "0.5", "1.0"]   # as before
    axis.setRange(0.5 - 5e-7, 0.5 + 5e-7)
    plot = pg.PlotWidget(axisItems={"left": axis})
    plot.resize(300, 300)
    plot.getAxis("left").setWidth(66)
    plot.setYRange(0.5 - 5e-7, 0.5 + 5e-7, padding=0)
    plot.show()
    qapp.processEvents()
    from PySide6.QtGui import QImage, QPainter

    image = QImage(10, 10, QImage.Format_ARGB32)
    painter = QPainter(image)
    try:
        _, _, texts = axis.generateDrawSpecs(painter)   # the labels pyqtgraph draws
    finally:
        painter.end()
    assert len(texts) >= 3 and "0.5" in [text for *_, text in texts]
    # every level written alike, decided once for the axis (a re-review: at 1 ± 4·10⁻⁵ the
    # major ticks read 0.99996 and the finer ones −10⁻⁵)
    plot.resize(300, 700)
    plot.setYRange(1 - 4e-5, 1 + 4e-5, padding=0)
    qapp.processEvents()
    levels = axis.tickValues(1 - 4e-5, 1 + 4e-5, axis.geometry().height())
    differences = [text[0] in "+−" for spacing, values in levels
                   for text in axis.tickStrings(values, 1.0, spacing) if text != "1"]
    assert len(levels) > 1 and len(set(differences)) == 1
    plot.close()


def test_a_power_axis_in_log_mode_writes_its_ticks_alike(qapp):
    """The phase diagram's log σ_w² axis: pyqtgraph wrote 0.03 beside 10¹ and 2·10¹ and
    labelled every tick 2 … 9, which overprinted (σ_w² 0.02 … 125 at gain 10)."""
    from gui.axis_ticks import PowerAxis

    axis = PowerAxis("bottom")
    axis.setLogMode(True)
    axis.setRange(math.log10(0.02), 2.2)
    plain = np.log10([0.03, 0.04, 0.1, 1.0, 2.0, 7.0, 10.0, 20.0, 100.0])
    assert axis.tickStrings(list(plain), 1.0, 1.0) == ["0.03", "", "0.1", "1", "2", "", "10",
                                                       "20", "100"]
    axis.setRange(-2.5, 12.5)
    wide = np.log10([0.01, 1.0, 100.0, 2e4, 1e12])
    assert axis.tickStrings(list(wide), 1.0, 1.0) == ["10⁻²", "1", "10²", "2·10⁴", "10¹²"]
    # one style for the axis, from its range: pyqtgraph asks for the even decades and the odd
    # ones apart, and at gain 100 (σ_w² to 10⁵) the window read 10⁻³ · 0.01 · 10⁻¹ · 1 · 100
    axis.setRange(-3.3, 5.2)
    assert axis.tickStrings([-2.0, 0.0, 2.0, 4.0], 1.0, 2.0) == ["10⁻²", "1", "10²", "10⁴"]


def test_a_sweeps_gain_axis_writes_its_ticks_alike_and_at_most_nine():
    """A tour took the sweep to 10⁻⁶ … 10⁶: thirteen labels, 1e-06 beside 0.0001 and 100000."""
    from gui.axis_ticks import log_ticks as gain_ticks

    def texts(lo, hi):
        return [text for _, text in gain_ticks(lo, hi)]

    assert texts(1e-6, 1e6) == ["10⁻⁶", "10⁻⁴", "10⁻²", "1", "10²", "10⁴", "10⁶"]
    assert texts(0.25, 4.0) == ["0.25", "0.5", "1", "2", "4"]
    assert texts(1e-3, 1e3) == ["0.001", "0.01", "0.1", "1", "10", "100", "1000"]
    assert texts(1e-6, 1e-5) == ["10⁻⁶", "2·10⁻⁶", "5·10⁻⁶", "10⁻⁵"]   # not 2⁻¹⁹ = 1.907·10⁻⁶
    # a narrow range: even steps (a tour: 0.9 … 1.1 had its two ends labelled, nothing
    # between), written alike
    assert texts(0.9, 1.1) == ["0.9", "0.95", "1", "1.05", "1.1"]
    assert texts(1e-6, 1.5e-6) == ["10⁻⁶", "1.1·10⁻⁶", "1.2·10⁻⁶", "1.3·10⁻⁶", "1.4·10⁻⁶",
                                   "1.5·10⁻⁶"]
    assert texts(1.2345, 1.3) == ["1.24", "1.26", "1.28", "1.3"]
    assert texts(1.0, 1.0) == ["1", "1"]   # one gain: its ends
    assert len(texts(1.0, 1.00001)) == 2   # steps beyond the texts' digits: no 1, 1, 1, 1
    ticks = gain_ticks(1e-6, 1e6)
    assert [position for position, _ in ticks] == [-6.0, -4.0, -2.0, 0.0, 2.0, 4.0, 6.0]
