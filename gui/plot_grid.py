"""The dashboard's four plots: two by two, or in one column where two would crowd them.

A plot narrower than PLOT_MIN_LINES lines of text crowds its ticks and colour bar (a
lecturer's tour: at 1280 × 720 with a 16 pt font and the lesson open, the heatmaps were
~10 px wide, their ticks run together). Where two such plots do not fit side by side, the
four go in one column, each at least ONE_COLUMN_LINES high, and the page scrolls
(`gui.lazy_tabs.PageScroll`).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QGridLayout, QWidget

PLOT_MIN_LINES = 16
ONE_COLUMN_LINES = 15


class PlotGrid(QWidget):
    """The plots `first` (its cell holds its legend too: its row is the taller), `second`,
    `third`, `fourth`, two by two or one under the other."""

    def __init__(self, first: QWidget, second: QWidget, third: QWidget, fourth: QWidget):
        super().__init__(objectName="plots")
        self.plots = (first, second, third, fourth)
        self._heights = [plot.minimumHeight() for plot in self.plots]   # two by two
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(4)
        self.one_column: bool | None = None
        self._arrange(False)

    def resizeEvent(self, event) -> None:  # Qt override
        super().resizeEvent(event)
        self._arrange(self._narrow(event.size().width()))

    def changeEvent(self, event) -> None:  # Qt override
        super().changeEvent(event)
        if event.type() == QEvent.FontChange:
            self._arrange(self._narrow(self.width()))

    def set_minimum_height(self, plot: QWidget, height: int) -> None:
        """`plot`'s least height two by two (in one column, at least ONE_COLUMN_LINES)."""
        self._heights[self.plots.index(plot)] = height
        self.one_column, one = None, self.one_column
        self._arrange(bool(one))

    def _narrow(self, width: int) -> bool:
        return width < 2 * PLOT_MIN_LINES * self.fontMetrics().lineSpacing()

    def _arrange(self, one_column: bool) -> None:
        if one_column == self.one_column:
            return
        self.one_column = one_column
        grid = self._grid
        for plot in self.plots:
            grid.removeWidget(plot)
        for row in range(4):
            grid.setRowStretch(row, 0)
        tall = ONE_COLUMN_LINES * self.fontMetrics().lineSpacing() if one_column else 0
        for i, (plot, height) in enumerate(zip(self.plots, self._heights)):
            grid.addWidget(plot, *((i, 0) if one_column else divmod(i, 2)))
            plot.setMinimumHeight(max(height, tall))
        # two by two the first row is the taller: its plot about as high as the second's
        for row, stretch in enumerate((5, 4, 4, 4) if one_column else (5, 4)):
            grid.setRowStretch(row, stretch)
