"""The dashboard's four plots: two by two, or in one column where two would crowd them.

A plot narrower than PLOT_MIN_LINES lines of text crowds its ticks and colour bar (a
lecturer's tour: at 1280 × 720 with a 16 pt font and the lesson open, the heatmaps were
~10 px wide, their ticks run together). Where two such plots do not fit side by side, the
four go in one column, each at least ONE_COLUMN_LINES high, and the page scrolls
(`gui.lazy_tabs.PageScroll`). Least heights are kept in lines of text, so that they follow
the font.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QGridLayout, QWidget

PLOT_MIN_LINES = 12
ONE_COLUMN_LINES = 15
SPACING = 4


class PlotGrid(QWidget):
    """The plots `first` (its cell holds its legend too: its row is the taller), `second`,
    `third`, `fourth`, two by two or one under the other (`arranged`: whether in one)."""

    arranged = Signal(bool)

    def __init__(self, first: QWidget, second: QWidget, third: QWidget, fourth: QWidget):
        super().__init__(objectName="plots")
        self.plots = (first, second, third, fourth)
        self._floors = [plot.minimumHeight() for plot in self.plots]   # pixels, as made
        self._lines = [0] * 4
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(SPACING)
        self.one_column: bool | None = None
        self._arrange(False)

    def set_minimum_lines(self, plot: QWidget, lines: int) -> None:
        """`plot` at least `lines` lines of text high, whatever the layout."""
        self._lines[self.plots.index(plot)] = lines
        self._fit_heights()

    def resizeEvent(self, event) -> None:  # Qt override
        super().resizeEvent(event)
        self._arrange(self._narrow(event.size().width()))

    def changeEvent(self, event) -> None:  # Qt override
        super().changeEvent(event)
        if event.type() == QEvent.FontChange:
            self._fit_heights()
            self._arrange(self._narrow(self.width()))

    def _narrow(self, width: int) -> bool:
        """Too narrow for two plots side by side: below PLOT_MIN_LINES each, or at the least
        width two by two takes (a page narrower than that scrolled sideways: the review)."""
        widest = max(PLOT_MIN_LINES * self.fontMetrics().lineSpacing(), *(
            max(plot.minimumWidth(), plot.minimumSizeHint().width()) for plot in self.plots))
        return width <= 2 * widest + SPACING

    def _fit_heights(self) -> None:
        line = self.fontMetrics().lineSpacing()
        column = ONE_COLUMN_LINES if self.one_column else 0
        for plot, floor, lines in zip(self.plots, self._floors, self._lines):
            plot.setMinimumHeight(max(floor, line * max(lines, column)))

    def _arrange(self, one_column: bool) -> None:
        if one_column == self.one_column:
            return
        self.one_column = one_column
        grid = self._grid
        for plot in self.plots:
            grid.removeWidget(plot)
        for row in range(4):
            grid.setRowStretch(row, 0)
        for i, plot in enumerate(self.plots):
            grid.addWidget(plot, *((i, 0) if one_column else divmod(i, 2)))
        # two by two the first row is the taller: its plot about as high as the second's
        for row, stretch in enumerate((5, 4, 4, 4) if one_column else (5, 4)):
            grid.setRowStretch(row, stretch)
        self._fit_heights()
        self.arranged.emit(one_column)
