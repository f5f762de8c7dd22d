"""Plot titles and legend labels that shrink to fit a narrow plot instead of widening it, or
take shorter forms where they would shrink too far; vertical axis labels that take a short
form where they would run far past their axis; the labels of two close lines kept off each
other. (The axes' tick labels: `axis_ticks`.)

pyqtgraph makes a label's text width its minimum width: a long title or two columns of long
legend labels in a narrow view widened the plot past the view's edge, cutting the title, the
legend and the colour bar beside the plot (at 1024 pixels, in English).
"""

from __future__ import annotations

from collections.abc import Callable

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetricsF
from shiboken6 import isValid

from . import theme
from .color_bar import TitleAxis


# A title or legend with a short form shows it where its full text would shrink below this.
COMPACT_BELOW = 0.85


class FittingTitle(pg.LabelItem):
    """A label that shrinks its text to fit its width, with no minimum width of its own.
    `legend`: the `FittingLegend` whose labels all take the scale of the most squeezed
    one. A title may have shorter forms (`set_title`)."""

    def __init__(self, *args, legend: FittingLegend | None = None, **kwargs):
        self.legend = legend
        # the width a legend's label asks for, when not its text's (a short name's full name)
        self.full_width: float | None = None
        # a title's forms, longest first, each with its text's width
        self.forms: tuple[tuple[str, float], ...] | None = None
        self.partners: list[FittingTitle] = []   # titles that take its form and scale with it
        # a title over its plot's left axis too: the view box, over which its text is centred
        # where it fits (in line with the titles that are not over their left axis)
        self.view: pg.ViewBox | None = None
        super().__init__(*args, **kwargs)

    def setText(self, text, **args) -> None:  # pyqtgraph override: a new text, no short form
        self.forms = None
        super().setText(text, **args)

    def shorten(self, *shorter: str) -> None:
        """Show the first of the text set last and `shorter` (shorter and shorter) that does
        not shrink below `COMPACT_BELOW`, or the last (a title asks for no width, so its room
        never depends on its text)."""
        full = self.text
        forms = [(full, self.item.boundingRect().width())]
        self.forms = None   # measured as plain texts (pyqtgraph's setText lays out again)
        for text in shorter:
            pg.LabelItem.setText(self, text)
            forms.append((text, self.item.boundingRect().width()))
        pg.LabelItem.setText(self, full)
        self.forms = tuple(forms)
        self._choose_form()

    def _fits(self, form: int) -> bool:
        room = self.rect().width()
        form = min(form, len(self.forms) - 1)
        return not 0 < room < COMPACT_BELOW * self.forms[form][1]

    def _choose_form(self, partners: bool = True) -> None:
        """Show the longest form that neither this title nor a partner would shrink too far
        in (the same for them all), else the shortest; then let the partners choose again
        (their room may have changed first)."""
        if self.forms is None or self.rect().width() <= 0:
            return
        group = [title for title in [self, *self.live_partners()] if title.forms is not None]
        count = max(len(title.forms) for title in group)
        form = next((i for i in range(count) if all(t._fits(i) for t in group)), count - 1)
        wanted = self.forms[min(form, len(self.forms) - 1)][0]
        if wanted != self.text:
            pg.LabelItem.setText(self, wanted)   # keeps the forms
            self.fit_scale()
        if partners:
            for title in self.live_partners():
                title._choose_form(partners=False)

    def live_partners(self) -> list[FittingTitle]:
        """The partners not yet deleted (side by side in two widgets, one may be torn down
        first when a window closes) and about as wide as this one (`alike`)."""
        return [title for title in self.partners
                if isValid(title) and alike(title.rect().width(), self.rect().width())]

    def squeeze(self) -> float:
        """The scale at which the text fits the label's width (≤ 1)."""
        natural, room = self.item.boundingRect().width(), self.rect().width()
        return room / natural if natural > room > 0 else 1.0

    def fit_scale(self) -> None:
        """Scale the text to fit; partners all take the smallest of their scales, so that
        titles side by side read alike (the sweep's backward title was at 85 % beside the
        forward one's 100 %)."""
        partners = self.live_partners()
        scale = min(title.squeeze() for title in [self, *partners])
        self.item.setScale(scale)
        for title in partners:
            if title.item.scale() != scale:
                title.item.setScale(scale)
                pg.LabelItem.resizeEvent(title, None)   # its text placed at the new scale
                title.centre()

    def resizeEvent(self, ev) -> None:  # Qt override
        if self.legend is None:
            self._choose_form()
            self.fit_scale()
        else:
            self.legend.fit_labels()
        super().resizeEvent(ev)   # places the text (as scaled) and calls updateMin
        self.centre()

    def centre(self) -> None:
        """Centre the text over the plot's view where it fits, for a title over the left axis
        too; pyqtgraph centres it over the whole label."""
        if self.view is None or not (isValid(self) and isValid(self.view)):
            return
        text, room = self.itemRect(), self.rect()
        middle = self.mapRectFromScene(self.view.sceneBoundingRect()).center().x()
        left = min(max(middle - text.width() / 2, room.left()), room.right() - text.width())
        self.item.moveBy(left - text.left(), 0)

    def updateMin(self) -> None:  # pyqtgraph override: no minimum width
        text = self.item.boundingRect()   # unscaled
        self.setMinimumWidth(0)
        self.setMinimumHeight(text.height())
        self._sizeHint = {Qt.SizeHint.MinimumSize: (0, text.height()),
                          # a title asks for no width (plots side by side share a row
                          # equally); a legend's label for its text's, or its full name's
                          Qt.SizeHint.PreferredSize: (0 if self.legend is None
                                                      else self.full_width or text.width(),
                                                      text.height()),
                          Qt.SizeHint.MaximumSize: (-1, -1),
                          Qt.SizeHint.MinimumDescent: (0, 0)}
        self.updateGeometry()


class FittingLegend(pg.LegendItem):
    """A legend whose labels shrink to fit, all by one scale (`FittingTitle`).

    A label may also have a short name (`name`): where the full names would shrink below
    `COMPACT_BELOW` of their size, every label that has one shows its short name instead (at
    1024 pixels, the profile's full English names were at ~60 %, about 5 pt). Such a label
    asks the layout for its full name's width whichever name it shows, so the labels' room,
    and with it the choice, does not depend on the names shown (no lag between narrowing
    and widening the view).
    """

    COMPACT_BELOW = COMPACT_BELOW

    def __init__(self, *args, **kwargs):
        self.short_names: dict[FittingTitle, tuple[str, str, float]] = {}   # full, short, width
        self.compact = False
        self.scale = 1.0   # the labels' scale (≤ 1)
        self.fitted: Callable[[], None] | None = None   # told after each fit
        super().__init__(*args, **kwargs)

    def name(self, item, full: str, short: str | None = None) -> None:
        """Name `item`'s label: `full`, or `short` while the legend is compact."""
        label = self.getLabel(item)
        label.full_width = None
        label.setText(full)
        if short is None:
            self.short_names.pop(label, None)
        else:
            label.full_width = label.item.boundingRect().width()
            self.short_names[label] = (full, short, label.full_width)
            if self.compact:
                label.setText(short)
            else:
                label.updateMin()
        self.fit_labels()

    def addItem(self, item, name) -> None:  # pyqtgraph override: its body, another label
        label = FittingTitle(name, color=self.opts["labelTextColor"], justify="left",
                             size=self.opts["labelTextSize"], legend=self)
        sample = item if isinstance(item, self.sampleType) else self.sampleType(item)
        sample.sigClicked.connect(self.sigSampleClicked)
        self.items.append((sample, label))
        self._addItemToLayout(sample, label)
        self.updateSize()

    def clear(self) -> None:  # pyqtgraph override: no short name of a removed label is kept
        super().clear()
        self.short_names.clear()
        self.compact = False

    def removeItem(self, item) -> None:  # pyqtgraph override: the others may grow back
        label = self.getLabel(item)
        super().removeItem(item)
        self.short_names.pop(label, None)
        self.fit_labels()

    def fit_labels(self) -> None:
        rooms = [(label, label.rect().width()) for _, label in self.items]
        if self.short_names and all(room > 0 for _, room in rooms):   # laid out
            # (a label without a short name shows the same text either way: it has no say)
            full_scale = min((room / max(self.short_names[label][2], 1)
                              for label, room in rooms if label in self.short_names),
                             default=1.0)
            compact = full_scale < self.COMPACT_BELOW
            if compact != self.compact:
                self.compact = compact
                for label, (full, short, _) in self.short_names.items():
                    label.setText(short if compact else full)
        scale = self.scale = min((label.squeeze() for _, label in self.items), default=1.0)
        for _, label in self.items:
            label.item.setScale(scale)
        if self.fitted is not None:
            self.fitted()


def set_title(plot: pg.PlotItem, full: str, *shorter: str | None) -> None:
    """Title `plot` (made by `fit_title`): `full`, or the first of `shorter` (shorter and
    shorter; None: as the one before) where the longer would shrink below `COMPACT_BELOW`
    (titles at 1024 pixels in English were at 5–6 pt)."""
    plot.setTitle(full)
    forms = [full]
    for text in shorter:   # None: the same as the form before (forms pair up by place)
        forms.append(forms[-1] if text is None else text)
    if len(forms) > 1:
        plot.titleLabel.shorten(*forms[1:])


def pair_axis_labels(*labels: AxisLabelForms) -> None:
    """These labels (side by side) take their short forms together."""
    for label in labels:
        label.partners = [other for other in labels if other is not label]


def pair_titles(*plots: pg.PlotItem) -> None:
    """The titles of `plots` (side by side, or one above the other) take their shorter forms
    together and one scale, so that they read alike."""
    titles = [plot.titleLabel for plot in plots]
    for title in titles:
        title.partners = [other for other in titles if other is not title]


def fit_title(plot: pg.PlotItem, over_left_axis: bool = False) -> None:
    """Give `plot` (new, untitled) a `FittingTitle` in place of its own title label, over its
    view box and right axis, and its left axis if `over_left_axis` (a short left label, as the
    heatmaps' "unit i"). A colour bar's column, and by default the left axis's, stay free:
    their rotated labels may rise into the title's row."""
    old = plot.titleLabel
    plot.layout.removeItem(old)
    old.setParentItem(None)
    if old.scene() is not None:
        old.scene().removeItem(old)
    plot.titleLabel = FittingTitle("", size=theme.points(11), parent=plot)
    first = 0 if over_left_axis else 1
    plot.layout.addItem(plot.titleLabel, 0, first, 1, 3 - first)   # over the right axis too
    if over_left_axis:
        plot.titleLabel.view = plot.getViewBox()
        # the layout may place (or move) the view after the title
        plot.getViewBox().geometryChanged.connect(plot.titleLabel.centre)
    plot.setTitle(None)


def set_axis_label(axis: pg.AxisItem, text: str) -> None:
    """Label `axis` `text`, centred on it. pyqtgraph places an axis's label only when the axis
    is resized: a new text of another length (a language switched, a short form taken) stayed
    where the old one was centred, and a colour bar's long label ran off the plot's top."""
    axis.setLabel(text)
    axis.resizeEvent()


def label_axis(item, side: str, text: str) -> None:
    """Label the axis on `side` of `item` (a plot, a colour bar) `text`, centred on it."""
    set_axis_label(item.getAxis(side), text)


class AxisLabelForms:
    """A vertical axis's label that takes its short form where the full one would run more
    than `overrun` pixels past the axis's ends (rotated, it is centred on the axis), or, with
    `within` (a plot whose whole height it may take), would be taller than that. In a short
    plot, the Chinese window's "log₁₀ Var[∂ℓ/∂hᵢ]（数量级）" ran twice the height of its
    colour bar, from above the title to the widget's bottom edge."""

    OVERRUN = 50

    def __init__(self, axis: pg.AxisItem, within: pg.GraphicsWidget | None = None,
                 overrun: float = OVERRUN):
        self.axis = axis
        self.within = within
        self.overrun = overrun
        self.forms: tuple[str, str] | None = None
        self.full_width = 0.0
        self.partners: list[AxisLabelForms] = []   # labels side by side: one form for all
        axis.geometryChanged.connect(self.choose)

    def set(self, full: str, short: str) -> None:
        """Label the axis `full`, or `short` where `full` would run too far."""
        self.forms = (full, short)
        set_axis_label(self.axis, full)
        self.full_width = self.axis.label.boundingRect().width()
        self.choose()

    def _too_long(self) -> bool:
        if not isValid(self.axis):   # a partner's plot torn down first (a window closing)
            return False
        room = self.axis.geometry().height()
        if self.forms is None or room <= 0:
            return False
        if isinstance(self.axis, TitleAxis) and self.full_width > self.axis.room():
            return True   # (it would run below its bar however raised: the phase diagram's ξc)
        if self.within is not None and isValid(self.within):
            return self.full_width > self.within.geometry().height()
        return self.full_width > room + self.overrun

    def choose(self, partners: bool = True) -> None:
        if self.forms is None or not isValid(self.axis) or self.axis.geometry().height() <= 0:
            return
        full, short = self.forms
        height = self.axis.geometry().height()
        alongside = [label for label in self.partners if isValid(label.axis)
                     and alike(label.axis.geometry().height(), height)]
        wanted = short if any(label._too_long() for label in [self, *alongside]) else full
        if wanted != self.axis.labelText:
            set_axis_label(self.axis, wanted)
        if partners:
            for label in alongside:
                label.choose(partners=False)


def alike(size: float, other: float) -> bool:
    """Two partners' widths (titles) or heights (axes) close enough that they are shown side by
    side: in a plot's own slide, laid out at 16:9 beside the window's, the plot took the
    narrow partner's short forms ("Forward: per-unit Var[hᵗᵢ]" without "over the batch", its
    colour bar's "log₁₀ Var[hᵢ]", at 1920 pixels: a tour of the exports)."""
    return size > 0 and other > 0 and min(size, other) >= 2 / 3 * max(size, other)


def keep_labels_off_the_other_line(plot, critical, current) -> None:
    """The labels of two horizontal lines of `plot` (pg.InfiniteLine, `critical` may be hidden):
    each above or below its line by where the line is in the view (pyqtgraph's choice), unless
    the lines are closer than the labels are tall: then the upper line's label goes above it
    and the lower's below, so neither line strikes through the other's label (the sweep's
    critical gain 1.05 over "current gain 1") nor one label covers the other."""
    lo, hi = plot.getViewBox().viewRange()[1]
    height = plot.getViewBox().height()   # 0 before the first layout: not judged yet
    pixels = height * abs(critical.value() - current.value()) / (hi - lo) if hi > lo else 0.0
    # closer than their labels are tall together, both labels could sit between the lines,
    # one over the other where the view is narrow ("current gain 1" under "critical gain
    # 1.18" at a 12 pt desktop font, a tour; a fixed 24 px had been used)
    room = critical.label.boundingRect().height() + current.label.boundingRect().height()
    close = critical.isVisible() and height > 0 and pixels < room
    for line in (critical, current):
        x = line.label.anchors[0][0]
        if not close:
            line.label.anchors = [(x, 0), (x, 1)]   # by the half of the view it is in
        else:
            above = line.value() > (current if line is critical else critical).value() or (
                line.value() == current.value() and line is critical)
            line.label.anchors = [(x, 1), (x, 1)] if above else [(x, 0), (x, 0)]
        line.label.updatePosition()


def label_two_lines(plot, critical, current, forms) -> None:
    """Label the two horizontal lines with `forms` ((full, short) each): in full, or both short
    where the view is too narrow for the full ones ("ritical gain 1" was cut at the sweep
    map's edge at 1024 pixels with the lesson open); then `keep_labels_off_the_other_line`."""
    width = plot.getViewBox().width()
    metrics = QFontMetricsF(current.label.textItem.font())
    fits = width <= 0 or all(metrics.horizontalAdvance(f" {full} ") + 8 <= width
                             for full, _ in forms)
    for line, (full, short) in zip((critical, current), forms):
        line.label.setFormat(full if fits else short)
    keep_labels_off_the_other_line(plot, critical, current)
