"""Tick labels of the plots' axes: written as the texts write numbers (5·10⁻⁷, 10², not
5e-07 or 1e+02), every tick of an axis alike, and in log mode only 1, 2, 3 and 5 times a power
of ten labelled (pyqtgraph labels 2 … 9, which overprint in a short axis)."""

from __future__ import annotations

import math
import re

import pyqtgraph as pg
from PySide6.QtGui import QFontMetricsF

from . import theme
from .texts import power_form


class EdgeAxis(pg.AxisItem):
    """An axis whose labels may run past its ends, `EDGE_ROOM` pixels if vertical (with a grid)
    and `EDGE_ROOM_ACROSS` if horizontal (half a label "1000" at the usual font, scaled with
    it; grid or not): pyqtgraph drops a label that does not fit inside the view, so in a
    short plot the ends had none (σ′ = 1 had no "1" beside it, the loss's 0.1 and 10 none),
    the profile of 100 layers no "100" on a slide (a teacher's tour), and the heatmaps of
    1000 layers ended at "800" beside the profile's "1000" (a student's)."""

    EDGE_ROOM = 8
    EDGE_ROOM_ACROSS = 16

    def __init__(self, *args, **kwargs):
        self.EDGE_ROOM_ACROSS = theme.pixels(EdgeAxis.EDGE_ROOM_ACROSS)
        super().__init__(*args, **kwargs)
        if self.orientation in ("top", "bottom"):   # (a colour bar's ends as they were)
            self.setStyle(hideOverlappingLabels=self.EDGE_ROOM_ACROSS)

    def boundingRect(self):  # pyqtgraph override
        rect = super().boundingRect()
        if self.grid is not False:   # (without one, a horizontal axis has its style's room)
            if self.orientation in ("left", "right"):
                rect = rect.adjusted(0, -self.EDGE_ROOM, 0, self.EDGE_ROOM)
            else:   # (more on the left, over the vertical axis: "−10⁻⁶" has a minus more
                rect = rect.adjusted(-2 * self.EDGE_ROOM_ACROSS, 0, self.EDGE_ROOM_ACROSS, 0)
        return rect

    def tickSpacing(self, minVal, maxVal, size):  # noqa: N803 (pyqtgraph override)
        # a vertical axis's labelled ticks a line of text apart at least: pyqtgraph always
        # labels its first level, and a short plot's 0 … 100 at every 20 overprinted one
        # another (the Training tab's accuracy at 1024 × 700, a tour); the next 1, 2, 5
        # spacing instead, that level alone
        levels = super().tickSpacing(minVal, maxVal, size)
        span = abs(maxVal - minVal)
        if self.orientation in ("top", "bottom") or not levels or size <= 0 \
                or not 0 < span < math.inf or self._tickSpacing is not None:
            return levels
        line = tick_line(self)
        spacing = levels[0][0]
        while spacing * size / span < line:
            wider = wider_spacing(spacing)
            if wider > span:   # (no tick might be left in view)
                break
            spacing = wider
        return levels if spacing == levels[0][0] else [(spacing, 0)]

    def generateDrawSpecs(self, p):  # pyqtgraph override
        # a label that runs past its plot's widget is cut there: the Activation tab's "10¹⁰⁰"
        # at the right end read "10¹⁰" (a tour); one without room is left out instead
        specs = super().generateDrawSpecs(p)
        if specs is None or self.orientation not in ("top", "bottom"):
            return specs
        axis, ticks, texts = specs
        top = self.topLevelItem()   # (the widget's layout, as large as its view)
        # (a label's box is wider than its glyphs: one a pixel over still shows whole, as
        # the profile's "10000" at depth 10 000, 0.2 px over, a review)
        seen = self.mapRectFromItem(top, top.boundingRect()).adjusted(-2, 0, 2, 0)
        return axis, ticks, [(rect, flags, text) for rect, flags, text in texts
                             if seen.left() <= rect.left() and rect.right() <= seen.right()]


def tick_line(axis: pg.AxisItem) -> float:
    """The height of a line of `axis`'s tick labels (labels closer than that overprint)."""
    return QFontMetricsF(axis.style["tickFont"] or axis.font()).height()


def wider_spacing(spacing: float) -> float:
    """The next tick spacing of 1, 2 and 5 times a power of ten after `spacing` (one of
    them)."""
    mantissa = round(spacing / 10 ** math.floor(math.log10(spacing)))
    return spacing * (2.5 if mantissa == 2 else 2)


def end_label_room(graphics: pg.GraphicsLayoutWidget) -> None:
    """Room right of `graphics`' plots for the half of an end label that `EdgeAxis` lets run
    past a view: where a plot reaches the widget's edge, the Activation tab's "10⁻⁶", the
    spectrum's "−44" and the Weights tab's "0.04" were left out (they had been cut)."""
    left, top, _, bottom = graphics.ci.layout.getContentsMargins()
    graphics.ci.layout.setContentsMargins(left, top, theme.pixels(EdgeAxis.EDGE_ROOM_ACROSS),
                                          bottom)


class CountAxis(EdgeAxis):
    """An axis of counts: ticks on whole numbers only. A few singular values had their count
    axis ticked 0, 0.2, 0.4 … (a tour), and ticking every whole number crowded a short plot."""

    def tickSpacing(self, minVal, maxVal, size):  # noqa: N803 (pyqtgraph override)
        levels = [(spacing, offset) for spacing, offset in
                  super().tickSpacing(minVal, maxVal, size) if spacing >= 1]
        return levels or [(1.0, 0.0)]


class LogAxis(EdgeAxis):
    """An axis that, in log mode, labels only the ticks at 1, 2, 3 and 5 times a power of ten
    (all of them if none of those is in view). pyqtgraph labels every tick 2 … 9 that its
    fill rule lets through, and in a short axis 6, 7, 8 and 9 overprint one another. Upright,
    it leaves out a label closer than a line of text to another: a power of ten before 5,
    2 and 3 times one (the held-out loss over 0.05 … 3 in a plot 80 pixels tall read
    "3 2 1 0.5 0.3 0.2 0.1", 3 over 2 and 0.3 over 0.2, a review)."""

    LABELLED = (1, 2, 3, 5)
    RANK = {1: 0, 5: 1, 2: 2, 3: 3}   # which of two labels too close together stays

    def logTickStrings(self, values, scale, spacing):  # pyqtgraph override
        strings = super().logTickStrings(values, scale, spacing)
        kept = [s if _mantissa(v) in self.LABELLED else "" for v, s in zip(values, strings)]
        return self._apart(values, kept) if any(kept) else strings

    def _apart(self, values, texts: list) -> list:
        """`texts` of the ticks at `values` (decades), each a line of text from the others."""
        lo, hi = sorted(self.range)
        height = self.geometry().height()
        if self.orientation in ("top", "bottom") or not (height > 0 and 0 < hi - lo < math.inf):
            return texts
        line = tick_line(self) * (hi - lo) / height
        placed = [float(k) for k in range(math.ceil(lo), math.floor(hi) + 1)]   # the decades
        kept = [""] * len(texts)
        for i in sorted((i for i, text in enumerate(texts) if text),
                        key=lambda i: self.RANK.get(_mantissa(values[i]), len(self.RANK))):
            if _mantissa(values[i]) == 1 or all(abs(values[i] - p) >= line for p in placed):
                kept[i] = texts[i]
                placed.append(values[i])
        return kept


def _mantissa(decades: float) -> int:
    """m of the tick m·10ᵏ at log10 position `decades` (1 … 9; 10 read as 1)."""
    return round(10 ** (decades - math.floor(decades))) % 10 or 1


class PowerAxis(LogAxis):
    """An axis that writes very small and very large tick values as the texts do, 5·10⁻⁷,
    where pyqtgraph writes 5e-07 (it switches to "%g" below 0.001 and from 10⁴ on); when one
    tick needs a power of ten, every tick is written so (not 800000 beside 10⁶). In log mode
    likewise: 0.1, 0.2, 1, 10, 100 or 10⁻², 10², 2·10⁴, where pyqtgraph writes 0.03 beside 10¹
    and 2·10¹; only 1, 2, 3 and 5 times a power of ten labelled (`LogAxis`)."""

    def tickStrings(self, values, scale, spacing):  # pyqtgraph override
        if self.logMode:
            return super().tickStrings(values, scale, spacing)
        lo, hi = (v * scale for v in self.range)
        # decided once for the axis, from its coarsest ticks (every level alike: the finer
        # level had read −10⁻⁵ beside the major 0.99996)
        size = abs(self.geometry().height() if self.orientation in ("left", "right")
                   else self.geometry().width())
        coarsest = max((s for s, _ in self.tickSpacing(*self.range, max(size, 1.0))),
                       default=spacing) * scale
        if values and coarsest < OFFSET_BEYOND * max(abs(lo), abs(hi)):
            return offset_texts([v * scale for v in values], reference(lo, hi))
        strings = super().tickStrings(values, scale, spacing)
        if any(power_form(s) != s for s in strings):
            strings = [_e_text(v * scale) for v in values]
        return [power_form(s).replace("-", "−") for s in strings]   # a true minus, as the texts

    def generateDrawSpecs(self, p):  # pyqtgraph override
        # the labels of every level to one number of decimals: pyqtgraph writes each level to
        # its own spacing's, and a slide's phase diagram read 0.1, 0.15, 0.2 (a tour)
        specs = super().generateDrawSpecs(p)
        if specs is None or self.logMode or self._tickLevels is not None:
            return specs   # (ticks set by hand are written as they were given)
        axis, ticks, texts = specs
        return axis, ticks, alike_decimals(texts)

    def logTickStrings(self, values, scale, spacing):  # pyqtgraph override
        labelled = super().logTickStrings(values, scale, spacing)
        shown = [10.0 ** v * scale for v, s in zip(values, labelled) if s]
        # one style for the whole axis, from the range in view: pyqtgraph asks level by level
        # (10⁻³ · 0.01 · 10⁻¹ · 1 · 10¹ · 100 at gain 100, the even decades one level)
        ends = [10.0 ** v * scale for v in self.range]
        texts = iter(tick_texts(shown, plain=_plain(ends)))
        return [next(texts) if s else "" for s in labelled]


_DECIMAL = re.compile(r"^[−-]?[0-9]+(?:\.([0-9]+))?$")


def alike_decimals(texts: list) -> list:
    """Tick labels ((rect, flags, text) as pyqtgraph draws them) with as many decimals each as
    the one with most, where all are plain decimals: 0.10, 0.15, 0.20 (not 0.1, 0.15, 0.2)."""
    found = [_DECIMAL.match(text) for _, _, text in texts]
    if not texts or not all(found):
        return texts
    most = max(len(m.group(1) or "") for m in found)
    if most == 0:
        return texts
    return [(rect, flags, text + ("" if m.group(1) else ".") + "0" * (most - len(m.group(1) or "")))
            for (rect, flags, text), m in zip(texts, found)]


def reference(lo: float, hi: float) -> float:
    """The number with the fewest digits between lo and hi: the axis's reference when its
    ticks are written as differences (one for every level of ticks pyqtgraph asks for)."""
    mid = (lo + hi) / 2
    largest = max(abs(lo), abs(hi))
    if not 0 < largest < math.inf or lo == hi:
        return mid
    step = 10.0 ** math.ceil(math.log10(largest))
    while step > 0 and not lo <= round(mid / step) * step <= hi:
        step /= 10
    return float(f"{round(mid / step) * step if step > 0 else mid:.12g}")


def offset_texts(values: list[float], ref: float) -> list[str]:
    """Ticks that differ in their 6th digit or beyond, each written as its difference from
    `ref` (`reference`), `ref` as itself: −2·10⁻⁷, 0.5, +2·10⁻⁷ (0.4999998 … 0.5000002 were
    too wide for the axis, which drew none: σ at gain 10⁻⁶)."""
    texts = []
    for v in values:
        if math.isclose(v, ref, rel_tol=1e-12, abs_tol=0.0):
            texts.append(_number(ref, 12))
        else:
            difference = _number(float(f"{v - ref:.3g}"))
            texts.append(difference if difference.startswith("−") else "+" + difference)
    return texts


def _number(value: float, digits: int = 3) -> str:
    """A tick value as the texts write numbers, to `digits` significant digits: 0.5, 2500,
    10⁶, 2·10⁻⁷, with a true minus."""
    plain = value == 0 or 1e-3 <= abs(value) < 1e4
    text = f"{value:.{digits}g}" if plain else power_form(_e_text(value, digits))
    return text.replace("-", "−")


# Ticks closer together than this share of their size are written as differences.
OFFSET_BEYOND = 1e-5


def _plain(values) -> bool:
    """Whether numbers in this range read plainly (10⁻³ ≤ v ≤ 10⁴, with room for rounding)."""
    return all(1e-3 * (1 - 1e-9) <= v <= 1e4 * (1 + 1e-9) for v in values)


def tick_texts(values: list[float], plain: bool | None = None) -> list[str]:
    """Positive tick values of a log axis as the texts write numbers: 0.1, 2, 100 when every
    one reads so plainly (10⁻³ ≤ v ≤ 10⁴; or as `plain` says, for a whole axis), else 10⁻²,
    2·10⁻², 1, 5, 10², 2·10⁶ (not 1e-06 beside 0.0001 and 100000)."""
    if plain if plain is not None else _plain(values):
        return [f"{v:g}" for v in values]
    texts = []
    for v in values:
        mantissa, exponent = _e_text(v).split("e")
        texts.append(mantissa if int(exponent) == 0 else power_form(f"{mantissa}e{exponent}"))
    return texts


def _e_text(value: float, digits: int = 4) -> str:
    """``8e+05``, ``2.5e+05``, ``0``: a tick value in e-notation (to `digits` significant
    digits), no trailing zeros."""
    if value == 0:
        return "0"
    mantissa, exponent = f"{value:.{digits - 1}e}".split("e")
    return f"{mantissa.rstrip('0').rstrip('.')}e{exponent}"


def _even_steps(lo: float, hi: float) -> list[float]:
    """Evenly spaced values from lo to hi, a step of 1, 2 or 5 times a power of ten, at most
    six of them: a narrow range's ticks (0.9 … 1.1 had only its two ends labelled)."""
    k = math.floor(math.log10(hi - lo)) if hi > lo else 0
    for step in (m * 10.0 ** e for e in (k - 2, k - 1, k) for m in (1, 2, 5)):
        first, last = math.ceil(lo / step - 1e-9), math.floor(hi / step + 1e-9)
        if last - first < 6:
            decimals = max(0, 1 - math.floor(math.log10(step)))   # (0.1 · 3 is 0.30000000000000004)
            return [round(i * step, decimals) for i in range(first, last + 1)]
    return []


def log_ticks(lo: float, hi: float) -> list[tuple[float, str]]:
    """Tick positions (log10 v) and labels (v) for a log axis from lo to hi (the sweep's
    gains): 3 to 9 of them (every other or third power of ten over many decades, even steps
    over a narrow range), written alike (10⁻⁶ … 10⁶, not 1e-06 beside 0.0001: `tick_texts`)."""
    span = range(math.floor(math.log10(lo)) - 1, math.ceil(math.log10(hi)) + 2)
    choices = ([2.0 ** k for k in range(-40, 41)] if 1e-3 <= lo and hi < 1e4 else [],
               [m * 10.0 ** k for k in span for m in (1, 2, 5)],   # (not 1.907·10⁻⁶ = 2⁻¹⁹)
               [10.0 ** k for k in span])
    for values in choices:
        inside = [v for v in values if lo * (1 - 1e-9) <= v <= hi * (1 + 1e-9)]
        if 3 <= len(inside) <= 9:
            break
    if len(inside) < 3:
        inside = _even_steps(lo, hi)
        if len(set(tick_texts(inside))) < len(inside):   # beyond the texts' digits: 1, 1, 1…
            inside = []
    if len(inside) < 2:   # a range too narrow for even three steps: its ends, to three digits
        ends = [float(f"{v:.3g}") for v in (lo, hi)]
        return [(math.log10(v), text) for v, text in zip((lo, hi), tick_texts(ends))]
    if len(inside) > 9:   # powers of ten over many decades: every step-th, 1 among them
        step = -(-len(inside) // 9)
        inside = [v for v in inside if round(math.log10(v)) % step == 0] or inside[::step]
    return [(math.log10(v), text) for v, text in zip(inside, tick_texts(inside))]
