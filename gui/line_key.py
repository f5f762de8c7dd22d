"""A legend as a table, for plots whose lines pair up: one column per pair's member (the
profile's forward and backward), its name over its samples; one row per kind of line (Monte
Carlo, theory…), its name beside its samples. Each name is written once, so it stays
readable where a legend naming every line would shrink its text below reading size (the
profile at 1024 pixels with the lesson open: its short names at 48 % of 8 pt in English).
`KeyInPlace` shows it in the legend's place only there."""

from __future__ import annotations

from collections.abc import Callable

import pyqtgraph as pg
from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QGraphicsGridLayout
from shiboken6 import isValid

from . import theme
from .plot_labels import COMPACT_BELOW, FittingLegend, FittingTitle


class LineKey(pg.GraphicsWidget):
    """The table: `set_columns` names its columns, `set_rows` its rows. Its labels shrink to
    fit, all by one scale (as a `FittingLegend`'s)."""

    def __init__(self, size: str | None = None, color=None):
        super().__init__()
        self.size, self.color = size or theme.points(8), color
        self.layout = QGraphicsGridLayout()
        self.layout.setContentsMargins(9, 2, 9, 2)
        self.layout.setHorizontalSpacing(6)
        self.layout.setVerticalSpacing(-6)   # (as the profile's legend: its room is the plot's)
        self.setLayout(self.layout)
        self.columns: list[FittingTitle] = []
        self.items: list[tuple[pg.GraphicsWidget | None, FittingTitle]] = []   # FittingLegend's
        self._rows: list[tuple[FittingTitle, list[pg.ItemSample]]] = []
        self._column_names: list | None = None   # as last set (nothing to do if the same)
        self._shown_rows: list | None = None

    def _label(self, text: str, color=None) -> FittingTitle:
        options = {"color": color or self.color} if (color or self.color) else {}
        label = FittingTitle(text, justify="left", size=self.size, legend=self, **options)
        return label

    def set_columns(self, names: list[tuple[str, object]]) -> None:
        """The columns' names and colours, left to right (the header row)."""
        if names == self._column_names:
            return
        self._column_names = list(names)
        if len(names) == len(self.columns):
            for label, (name, color) in zip(self.columns, names):
                label.setText(name, color=color)
            self.fit_labels()
            return
        self._clear()
        self.columns = [self._label(name, color) for name, color in names]
        self._lay_out()

    def set_rows(self, rows: list[tuple[str, list[pg.PlotDataItem]]]) -> None:
        """The rows: each a kind's name and its lines, one per column. Rows as they are
        already cost nothing (the profile names them again at every result's dimming)."""
        shown = [(name, tuple(lines)) for name, lines in rows]
        if shown == self._shown_rows:
            return
        self._shown_rows = shown
        self._clear()
        self._rows = [(self._label(name), [pg.ItemSample(line) for line in lines])
                      for name, lines in rows]
        self._lay_out()

    def samples(self) -> list[pg.ItemSample]:
        return [sample for _, samples in self._rows for sample in samples]

    def row_names(self) -> list[str]:
        return [label.text for label, _ in self._rows]

    def _clear(self) -> None:
        while self.layout.count():
            item = self.layout.itemAt(0)
            self.layout.removeAt(0)
            if item.graphicsItem().scene() is not None:
                item.graphicsItem().scene().removeItem(item.graphicsItem())

    def _lay_out(self) -> None:
        """Header row: the columns' names over their samples' columns; each row: its samples,
        then its name in the last column."""
        n = len(self.columns)
        for c, label in enumerate(self.columns):
            self.layout.addItem(label, 0, c, Qt.AlignmentFlag.AlignHCenter)
        for r, (label, samples) in enumerate(self._rows, start=1):
            for c, sample in enumerate(samples):
                self.layout.addItem(sample, r, c, Qt.AlignmentFlag.AlignCenter)
            self.layout.addItem(label, r, n)
        self.items = ([(None, label) for label in self.columns]
                      + [(None, label) for label, _ in self._rows])
        self.layout.invalidate()
        self.fit_labels()

    def fit_labels(self) -> None:
        """Every label at the scale of the most squeezed one (`FittingTitle.resizeEvent`)."""
        scale = min((label.squeeze() for _, label in self.items), default=1.0)
        for _, label in self.items:
            label.item.setScale(scale)

    def update_samples(self) -> None:
        """Repaint the samples (a line hidden or shown from the other legend)."""
        for sample in self.samples():
            sample.update()


class KeyInPlace:
    """A `LineKey` shown in a `FittingLegend`'s place where the legend's labels, in their
    short names, would shrink below COMPACT_BELOW, and the legend back where they would not;
    `switched(shown)` is told. Decided as the legend fits its labels (after that layout pass,
    not within it) and at once by `choose` (a figure is laid out and painted within one call)."""

    def __init__(self, owner: QObject, legend: FittingLegend, key: LineKey,
                 switched: Callable[[bool], None]):
        self.owner, self.legend, self.key, self.switched = owner, legend, key, switched
        self.tight = False
        self._heights = {legend: legend.maximumHeight(), key: key.maximumHeight()}
        self._show(False)
        legend.fitted = self._fitted

    def wanted(self) -> bool:
        return self.legend.compact and self.legend.scale < COMPACT_BELOW

    def _fitted(self) -> None:
        if self.wanted() != self.tight:
            QTimer.singleShot(0, self.owner, self.choose)

    def choose(self) -> bool:
        """Show the key or the legend, whichever the legend's scale asks for; True if that
        changed (the caller's layout then wants activating)."""
        if not (isValid(self.legend) and isValid(self.key)):   # (a view closed meanwhile)
            return False
        tight = self.wanted()
        if tight == self.tight:
            return False
        self.tight = tight
        self._show(tight)
        return True

    def _show(self, shown: bool) -> None:
        """The hidden one keeps no height (hidden, a layout's item keeps its room)."""
        for item, visible in ((self.key, shown), (self.legend, not shown)):
            item.setVisible(visible)
            item.setMaximumHeight(self._heights[item] if visible else 0)
        if shown:
            self.key.update_samples()
        self.switched(shown)
