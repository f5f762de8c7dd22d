"""The dashboard: the four plots and the readout, i.e. everything File ▸ Export PNG renders.

Theory arrives first (computed on the GUI thread in milliseconds) and updates the dashed
profile curves and the readout; the Monte Carlo result follows from the worker and updates
everything else. Items are updated in place (setData / setImage), never re-created.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, QTimer
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QGridLayout, QWidget

from .distribution import DistributionView
from .heatmap import HeatmapView
from .profile import ProfileView
from .readout import Readout
from .widgets import render_image


class Dashboard(QWidget):
    """Forward and backward heatmaps, the profile, the distribution and the readout."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("dashboard")
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(QPalette.Window, QColor("white"))
        self.setPalette(palette)
        self.forward = HeatmapView("Forward: per-unit Var[h<sup>t</sup><sub>i</sub>]", "h<sub>i</sub>")
        self.backward = HeatmapView("Backward: per-unit Var[∂ℓ/∂h<sup>t</sup><sub>i</sub>]",
                                    "∂ℓ/∂h<sub>i</sub>", direction="backward")
        self.profile = ProfileView()
        self.distribution = DistributionView()
        self.readout = Readout()
        grid = QGridLayout(self)
        grid.setContentsMargins(4, 4, 4, 4)
        grid.setSpacing(4)
        grid.addWidget(self.profile, 0, 0)
        grid.addWidget(self.distribution, 0, 1)
        grid.addWidget(self.forward, 1, 0)
        grid.addWidget(self.backward, 1, 1)
        grid.addWidget(self.readout, 2, 0, 1, 2)
        grid.setRowStretch(0, 1)
        grid.setRowStretch(1, 1)
        self._theory = None
        self._result = None
        self._steps: list = []
        self._stepper = QTimer(self, singleShot=True, interval=0)
        self._stepper.timeout.connect(self._next_step)

    def sizeHint(self) -> QSize:
        return QSize(1100, 820)

    def show_theory(self, theory) -> None:
        """The mean-field curves and readout of the config now in the controls."""
        self._theory = theory
        self.profile.set_theory(theory)
        current = self._result is not None and self._result.config == theory.config
        self.readout.set_result(self._result if current else theory, pending=not current)

    def show_result(self, result, done=None, staggered: bool = True) -> None:
        """A finished Monte Carlo result: every panel, then `done()`.

        `staggered` updates one panel per event-loop pass, so Qt paints them in separate
        frames: the GUI thread never stalls for the whole dashboard at once (a newer result
        replaces the panels still to come).
        """
        steps = [lambda: self._show_summary(result),
                 lambda: self.forward.set_data(result.unit_log10_forward_var,
                                               result.forward_invalid),
                 lambda: self.backward.set_data(result.unit_log10_backward_var,
                                                result.backward_invalid),
                 lambda: self.distribution.set_data(result)]
        if done is not None:
            steps.append(done)
        if not staggered:
            for step in steps:
                step()
            return
        self._steps = steps
        self._next_step()

    def latest_result(self):
        """The newest Monte Carlo result given to the dashboard (its panels may still be
        updating)."""
        return self._result

    def pending(self) -> bool:
        """Panels of the newest result are still to be updated."""
        return bool(self._steps)

    def _next_step(self) -> None:
        if self._steps:
            self._steps.pop(0)()
        if self._steps:
            self._stepper.start()

    def _show_summary(self, result) -> None:
        self._result = result
        self.profile.set_monte_carlo(result)
        theory = self._theory
        if theory is None or theory.config == result.config:
            self.profile.set_theory(result)
            self.readout.set_result(result)
        else:  # the controls moved on: keep describing their config
            self.readout.set_result(theory, pending=True)

    def render_image(self, scale: float = 1.0) -> QImage:
        """The whole dashboard as an image `scale` times its size in pixels."""
        return render_image(self, scale)
