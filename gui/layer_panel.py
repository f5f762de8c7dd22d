"""The base of a tab about one layer t of the network (the Activation and Weights tabs): a white
page with a "Layer t" box above its plots and a caption below, drawn only while shown (a change
while hidden marks it dirty, drawn when the tab shows), exported without the layer box (the
plots' titles name the layer).
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from . import theme
from .figures import Figure, widget_figure
from .i18n import Retranslates
from .number_boxes import int_spin_box, say_range_when_refused


def fixed_plot(plot: pg.PlotItem) -> None:
    """A plot whose ranges the panel sets (no zoom, pan, menu or auto-range), with grid lines
    at its major ticks, beneath what the plot draws (`theme.grid_beneath`)."""
    theme.grid_beneath(plot, 0.25)
    for name in ("left", "bottom"):
        plot.getAxis(name).setStyle(maxTickLevel=0)
    theme.no_context_menu(plot)
    plot.getViewBox().setMouseEnabled(x=False, y=False)
    plot.getViewBox().disableAutoRange()
    plot.hideButtons()
    theme.cache_axes(plot)


class LayerPanel(Retranslates, QWidget):
    """Subclasses make `graphics` (the plots), call `finish_layout()`, word `caption` (plain
    text under the plots) and say when they have something to draw (`has_data`) and how
    (`redraw`)."""

    def __init__(self, object_name: str, spin_name: str, parent=None):
        super().__init__(parent)
        theme.configure()
        self.setObjectName(object_name)
        theme.paper(self)
        self._dirty = False
        self.layer_label = QLabel()
        self.layer_spin = int_spin_box(1, 1)
        self.layer_spin.setObjectName(spin_name)
        self.layer_spin.setAccelerated(False)
        say_range_when_refused(self.layer_spin)
        self.layer_label.setBuddy(self.layer_spin)
        self.layer_spin.valueChanged.connect(lambda _value: self.schedule())
        self.top = QHBoxLayout()
        self.top.addWidget(self.layer_label)
        self.top.addWidget(self.layer_spin)
        self.top.addStretch(1)
        self.caption = QLabel(wordWrap=True, textFormat=Qt.PlainText)
        theme.reachable_caption(self.caption)
        self.caption.setContentsMargins(8, 2, 8, 6)

    def finish_layout(self, graphics: QWidget) -> None:
        """The layer box, `graphics` (taking the room) and the caption, one above the other."""
        self.graphics = graphics
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(self.top)
        layout.addWidget(graphics, 1)
        layout.addWidget(self.caption)

    def layer(self) -> int:
        """The layer t shown."""
        return self.layer_spin.value()

    def set_layer(self, layer: int) -> None:
        """Show layer `layer` (clamped to 1 … L)."""
        self.layer_spin.setValue(layer)

    def figure(self) -> Figure:
        """The plots and caption as a figure (File ▸ Export); the layer box is left out: the
        titles name the layer."""
        self.flush()
        return widget_figure(self, top=self.graphics.y() - self.layout().contentsMargins().top())

    def schedule(self) -> None:
        """Something shown changed: drawn now if the tab shows, else when it does."""
        self._dirty = True
        if self.isVisible():
            self.flush()

    def flush(self) -> None:
        """Draw what `schedule` asked for, if there is anything to draw."""
        if self._dirty and self.has_data():
            self._dirty = False
            self.redraw()

    def showEvent(self, event) -> None:  # Qt override
        super().showEvent(event)
        self.flush()

    def has_data(self) -> bool:
        raise NotImplementedError

    def redraw(self) -> None:
        raise NotImplementedError
