"""Where a line's label sits: a horizontal line's above or below it, at the place along it
that the fewest curves (and other labels) cross (`LevelLabel`); a vertical line's at the
height the fewest curves cross (`quiet_height`).

The profile's "input level" line is where curves start or end (the forward pass starts at the
input's level, the backward pass ends near it), so a fixed place, below the line at a tenth of
the way, was crossed by both passes in the default network.
"""

from __future__ import annotations

import functools
import math
from typing import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF

# places along the line (fractions of the view's width), first choice first
PLACES = (0.1, 0.3, 0.5, 0.7, 0.85, 0.05, 0.2, 0.4, 0.6, 0.8)
GRID = 241   # points across the view at which the curves are looked at
# a label over another is unreadable, a curve through a label is not: at relu + He (both
# theory lines along the level) every place was crossed once, and the tie left "input level"
# under a marker's label
LABEL_WEIGHT = 3
MAX_ROOM = 0.3   # the largest share of a view's height a label asks room for


class LevelLabel:
    """Keeps `line`'s label clear of the (visible) curves `curves()` returns and of the
    (visible) labels and other lines `others()` returns (a level line's box is a strip across
    the view: a label on it is struck through), each counting as a crossing, as does another
    level line that a side faces closer than two of the label's heights (the label would read
    as that line's name): it moves only when another place counts fewer (so it does not
    wander during a drag).
    Call `update` when the label's text or another label changes; the view's size and range
    are followed. Where the side with more room is taken by another label or line, it tells
    `wants_room(share, above)`: the share of the view's height its text needs on the other
    side (`above` the line or not), 0 where it needs none (`axis_range.SteadyYRange.fit`
    gives it)."""

    def __init__(self, line: pg.InfiniteLine, box: pg.ViewBox,
                 curves: Callable[[], list[pg.PlotDataItem]],
                 others: Callable[[], list[pg.GraphicsObject]] = list,
                 wants_room: Callable[[float, bool], None] = lambda share, above: None):
        self.line, self.box, self.curves, self.others = line, box, curves, others
        self.wants_room = wants_room
        self.room: tuple[float, bool] = (0.0, True)   # what `wants_room` was told last
        self.place: tuple[float, bool] | None = None   # (along the line, above it)
        box.sigResized.connect(self.update)
        box.sigRangeChanged.connect(self.update)

    def update(self) -> None:
        if not self.line.isVisible():   # (placed when shown: its owner calls this then)
            return
        # a range change is signalled before the view applies it, and applying it places the
        # other labels: without this their boxes could be of the range before
        self.box.updateMatrix()
        (x0, x1), (y0, y1) = self.box.viewRange()
        width, height = self.box.width(), self.box.height()
        if width <= 0 or height <= 0 or x1 <= x0 or y1 <= y0:
            return
        label = self.line.label
        level = self.line.value()
        # pyqtgraph leaves a line's label where it was when the line leaves the view (a zoom)
        label.setVisible(y0 <= level <= y1)
        # in data units (the label ignores the view's scale): the text's box, and its glyphs'
        # (the box less the document's margin: a curve along the line may pass through it)
        text = label.boundingRect()
        margin = label.textItem.document().documentMargin()
        per_x, per_y = (x1 - x0) / width, (y1 - y0) / height
        span_x, span_y = text.width() * per_x, text.height() * per_y
        inset_x, inset_y = margin * per_x, margin * per_y
        xs = np.linspace(x0, x1, GRID)
        ys = curve_values(self.curves(), xs)
        others = self.others()
        boxes = label_boxes(self.box, others)
        # the other level lines: a label between its line and another less than two of its
        # heights away reads as either's name ("float16 max" under its line beside "input
        # level" over its own, 9.6 decades lower: which line was which? a student's tour)
        levels = [item.value() for item in others
                  if isinstance(item, pg.InfiniteLine) and item.angle == 0 and item.isVisible()]

        @functools.cache   # (each place once an update)
        def crossings(place: tuple[float, bool]) -> int:
            along, above = place
            lo, hi = ((level + inset_y, level + span_y - inset_y) if above
                      else (level - span_y + inset_y, level - inset_y))
            start = x0 + along * (x1 - x0)
            window = ys[:, (xs >= start + inset_x) & (xs <= start + span_x - inset_x)]
            mine = QRectF(start + inset_x, lo, span_x - 2 * inset_x, hi - lo)
            with np.errstate(invalid="ignore"):
                return (int(((window >= lo) & (window <= hi)).any(axis=1).sum())
                        + LABEL_WEIGHT * sum(mine.intersects(other) for other in boxes))

        def score(place: tuple[float, bool]) -> int:
            """Its crossings, and one for each level line it faces closer than two of its
            heights (the choice of a place only: the room asked for below is for crossings)."""
            above = place[1]
            return crossings(place) + sum(0 < (v - level if above else level - v) < 2 * span_y
                                          for v in levels)

        room = 1.0 - span_x / (x1 - x0) - 0.02
        # the side with more room first (pyqtgraph's own choice), then the other if it fits
        sides = [(y0 + y1) / 2 > level]
        if (level - span_y + inset_y >= y0) if sides[0] else (level + span_y - inset_y <= y1):
            sides.append(not sides[0])
        places = [(along, above) for above in sides for along in PLACES if along <= room] \
            or [(PLACES[0], sides[0])]
        if self.place not in places or score(self.place) > 0:
            best = min(places, key=score)
            if self.place not in places or score(best) < score(self.place):
                self.place = best
                along, above = best
                label.anchors = [(0, 1), (0, 1)] if above else [(0, 0), (0, 0)]
                label.setPosition(along)
        # room on the other side asked for where the first is taken by a label or line and
        # the other would be clearer (a tour: at sigmoid's -70 … 10 decades "input level" had
        # room below alone, on float16's line, and read as that line's name); last: the range
        # it changes places the label again
        if crossings(self.place) == 0:   # (clear: as it is, or none wanted on the first side)
            wanted = self.room if self.place[1] != sides[0] else (0.0, True)
        else:
            taken = min(crossings(place) for place in places if place[1] == sides[0])
            other = [(along, not sides[0]) for along in PLACES if along <= room]
            share = math.ceil((text.height() - margin) / height * 50) / 50   # (no refit a px)
            wanted = (share, not sides[0]) if taken >= LABEL_WEIGHT and share < MAX_ROOM \
                and min(map(crossings, other), default=taken) < taken else (0.0, True)
        if wanted != self.room:
            self.room = wanted
            self.wants_room(*wanted)


def curve_values(curves: list[pg.PlotDataItem], xs: np.ndarray) -> np.ndarray:
    """The visible curves' y at `xs` (one row per curve; NaN beyond a curve's ends)."""
    lines = [np.interp(xs, x, y, left=np.nan, right=np.nan) for x, y in
             (curve.getData() for curve in curves if curve.isVisible())
             if x is not None and len(x) > 1]
    return np.vstack(lines) if lines else np.empty((0, len(xs)))


def label_boxes(box: pg.ViewBox, items) -> list[QRectF]:
    """The visible `items`' boxes in the view's units."""
    return [box.mapSceneToView(item.sceneBoundingRect()).boundingRect()
            for item in items if item.isVisible()]


def quiet_height(box: pg.ViewBox, curves: list[pg.PlotDataItem], x_span: tuple[float, float],
                 label_height: float, heights: tuple[float, ...], others=(),
                 current: float | None = None) -> float:
    """Of `heights` (fractions of the view's height, first choice first), the one where a
    label `label_height` pixels tall over the data x range `x_span` is crossed by the fewest
    visible `curves` and labels `others` (each of these LABEL_WEIGHT): standing on the
    height in the view's lower half, hanging from it in the upper (as `invalid_marker.InvalidMarker`
    anchors it); `current` is kept unless another is crossed less (no jumps in a drag). The
    profile's backward marker, low in the view, hid the forward line that ran there (tanh at
    gain 10⁶)."""
    (_, _), (y0, y1) = box.viewRange()
    if box.height() <= 0 or y1 <= y0 or x_span[1] <= x_span[0]:
        return heights[0] if current is None else current
    ys = curve_values(curves, np.linspace(*x_span, 25))
    boxes = label_boxes(box, others)
    tall = label_height * (y1 - y0) / box.height()

    def crossings(height: float) -> int:
        at = y0 + height * (y1 - y0)
        lo, hi = (at, at + tall) if height < 0.5 else (at - tall, at)
        mine = QRectF(x_span[0], lo, x_span[1] - x_span[0], hi - lo)
        with np.errstate(invalid="ignore"):
            return (int(((ys >= lo) & (ys <= hi)).any(axis=1).sum())
                    + LABEL_WEIGHT * sum(mine.intersects(other) for other in boxes))

    best = min(heights, key=crossings)   # the first of the least crossed
    if current in heights and crossings(current) <= crossings(best):
        return current
    return best
