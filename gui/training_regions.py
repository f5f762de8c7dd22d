"""The Training tab's decision regions: on a 2-D task, each run's predicted class over the
plane (the engine's grid, drawn in light class colours, grey where a diverged network predicts
nothing) with the held-out points on top, one view per run, updated in place as regions arrive.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsWidget, QSizePolicy

from engine.training import NO_PREDICTION

from . import theme
from .i18n import translate
from .training_plots import MAX_RUNS, Worded, run_text_colors

# Class colours of the points (as in TensorFlow Playground: orange, blue, then more), and a
# symbol each: printed in grey, orange and blue points differ little (a colour-blind tour).
CLASS_COLORS = np.array([(230, 119, 0), (25, 113, 194), (47, 158, 68), (156, 54, 181),
                         (201, 42, 42), (12, 133, 153), (240, 140, 0), (95, 61, 196),
                         (134, 142, 150), (92, 148, 13)], dtype=np.uint8)
CLASS_SYMBOLS = ("o", "t", "s", "d", "h", "p", "star", "t1", "t2", "t3")
# The regions: the same colours mixed with white, the first class's lighter than the second's
# (at 0.35 each, the two classes' regions printed in grey as one: lightness 86 and 81; now 92
# and 77).
REGION_SHARES = np.array([0.2, 0.42] + [0.35] * 8)
REGION_COLORS = (255 - (255 - CLASS_COLORS.astype(int)) * REGION_SHARES[:, None]).astype(np.uint8)
NO_PREDICTION_COLOR = np.array((200, 200, 200), dtype=np.uint8)   # outputs NaN or ∞: grey
# The held-out points: POINT_SIZE pixels (5 had read a triangle as a "T"), smaller in a map
# narrower than POINTS_ACROSS of them, down to a third of that
POINT_SIZE = 6.0
POINTS_ACROSS = 40


class RegionsView(Worded):
    """Each run's decision regions (2-D tasks) with the held-out points: one view per run
    (2 × 2 for three or four), titled with the run's name in its colour."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setMinimumSize(170, 240)   # two columns of two squares
        self.titles, self.boxes, self.images, self.scatters = [], [], [], []
        self._names: tuple[str, ...] = ()
        self._laid_out = 0   # the views in the layout
        self._colors: tuple[str, ...] = ()
        self._points = [None] * MAX_RUNS    # the held-out points each view shows
        self._extent = [None] * MAX_RUNS
        self._step: int | None = None   # the step the regions shown are of

    def _build(self):
        for _ in range(MAX_RUNS):   # plain view boxes: no axes, menus or buttons to build
            box = pg.ViewBox(lockAspect=True, enableMouse=False, enableMenu=False)
            image = pg.ImageItem(axisOrder="row-major")
            scatter = pg.ScatterPlotItem(size=POINT_SIZE, pen=theme.pen("w", 0.6))
            # the points stay put all session: painted once, then copied over each new image
            scatter.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
            box.addItem(image)
            box.addItem(scatter)
            box.sigResized.connect(lambda box, scatter=scatter: _size_points(box, scatter))
            self.titles.append(pg.LabelItem(""))
            self.boxes.append(box)
            self.images.append(image)
            self.scatters.append(scatter)
        # the step the maps are of, under them: on a slow network a pause may come a few
        # steps past the last logged one, the numbers' (a tour: regions of step 7 beside
        # "step 0: …", unsaid)
        self.step_label = pg.LabelItem("", color="#555555", size=theme.points(8))
        self.spare = QGraphicsWidget()
        self.spare.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Expanding)
        yield

    def plot_count(self) -> int:
        """How many maps it shows (its right-click menu's "this plot" or "these plots")."""
        return self._laid_out

    def resizeEvent(self, event) -> None:  # Qt override
        super().resizeEvent(event)
        self._fit_boxes()

    def _fit_boxes(self) -> None:
        """Each view no taller than its column is wide: a view's square image is centred in
        it, so a taller view left its name far above the map (~60 pixels at 1024 pixels)."""
        if not getattr(self, "_laid_out", 0):   # pyqtgraph resizes it before __init__ ends
            return
        columns = 1 if self._laid_out == 1 else 2
        layout = self.ci.layout
        left, _, right, _ = layout.getContentsMargins()
        side = (self.width() - left - right
                - (columns - 1) * layout.horizontalSpacing()) / columns
        for box in self.boxes:
            box.setMaximumHeight(max(side, 1.0))

    def retranslate(self) -> None:
        for title, name, color in zip(self.titles, self._names, self._colors):
            title.setText(name, color=color, size=theme.points(9))
        self._word_step()
        # (its views have no plot titles: a reader had no name for it, an audit)
        self.setAccessibleName(translate("TrainingView", "Decision regions: {names}").format(
            names="; ".join(self._names)))

    def _word_step(self) -> None:
        self.step_label.setText("" if self._step is None else translate(
            "TrainingView", "decision regions at step {step}").format(step=self._step))

    def rename(self, names: tuple[str, ...]) -> None:
        self._names = names
        self.retranslate()

    def set_runs(self, names: tuple[str, ...]) -> None:
        # lay out as many views as runs. Not judged by `_names`: a language change may rename
        # the new session's runs before their views are laid out (the Chinese window showed
        # one map of four)
        if len(names) != self._laid_out:
            self._laid_out = len(names)
            self.ci.clear()
            columns = 1 if len(names) == 1 else 2
            for i in range(len(names)):
                row, col = 2 * (i // columns), i % columns
                self.ci.addItem(self.titles[i], row=row, col=col)
                self.ci.addItem(self.boxes[i], row=row + 1, col=col)
            # the room the squares leave goes below them, not between a name and its map
            below = 2 * -(-len(names) // columns)
            self.ci.addItem(self.step_label, row=below, col=0, colspan=columns)
            self.ci.addItem(self.spare, row=below + 1, col=0)
        self._names, self._colors = names, run_text_colors(len(names))
        self._fit_boxes()
        self._points = [None] * MAX_RUNS
        self._extent = [None] * MAX_RUNS
        self._step = None
        for image, scatter in zip(self.images, self.scatters):
            image.clear()
            scatter.clear()
        self.retranslate()

    def show_run(self, chunk, i: int) -> None:
        """Run i's regions of `chunk` (if it has them) and the held-out points (once a
        session): one run per event-loop pass, as its points alone take ~5 ms to set."""
        if i >= min(len(self._names), MAX_RUNS):
            return
        if chunk.points is not None and self._points[i] is None:   # the same all session
            self._points[i] = chunk.points
            x, labels = chunk.points
            brushes = [pg.mkBrush(*c) for c in CLASS_COLORS]
            kinds = [int(k) % len(brushes) for k in labels]
            self.scatters[i].setData(x[:, 0], x[:, 1], brush=[brushes[k] for k in kinds],
                                     symbol=[CLASS_SYMBOLS[k] for k in kinds])
        if chunk.regions is None or i >= len(chunk.regions):
            return
        if chunk.step != self._step:
            self._step = chunk.step
            self._word_step()
        extent = chunk.region_extent
        x0, x1, y0, y1 = extent
        classes = np.asarray(chunk.regions[i], dtype=np.intp)
        rgb = np.where((classes == NO_PREDICTION)[..., None], NO_PREDICTION_COLOR,
                       REGION_COLORS[classes % len(REGION_COLORS)])
        self.images[i].setImage(rgb, autoLevels=False, levels=(0, 255))
        # after setImage: the rect scales the image's pixels (the grid may change)
        self.images[i].setRect(QRectF(x0, y0, x1 - x0, y1 - y0))
        if extent != self._extent[i]:
            self.boxes[i].setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)
            self._extent[i] = extent


def _size_points(box: pg.ViewBox, scatter: pg.ScatterPlotItem) -> None:
    """The held-out points a size for their map's (the square within `box`, which a short
    window makes lower than its column is wide): ~400 points of 6 px hid most of a map ~100
    px across, Xavier's spiral boundary with it (a tour at 1280 × 720, a review at 1600 × 600)."""
    side = min(box.width(), box.height())
    size = min(POINT_SIZE, max(POINT_SIZE / 3, side / POINTS_ACROSS))
    if side > 0 and scatter.opts["size"] != size:
        scatter.setSize(size)
