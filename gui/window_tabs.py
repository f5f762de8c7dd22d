"""The window's tabs: which they are, how each is made on first use, whose work goes first.

Tab 0 is the "Network" dashboard. Tabs 1–3 are the analysis panels (Sweep, Phase diagram,
Jacobian spectrum): told every config, computing only while shown, on the window's runner.
Tab 4 shows how a layer's weights are distributed, tab 5 σ with its Taylor polynomials; tab 6
trains the network. The Training tab is
usually built ahead while the window is idle (`gui.training_ahead`); opened before that, it
shows at once and is built over the next event-loop passes (a module imported per pass). The
visible tab's requests go first on the runner (`runner.priority`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QTimer, Signal

from . import training_ahead
from .activation_view import ActivationView
from .analysis import AnalysisPanel
from .controller import NETWORK
from .i18n import translate
from .lazy_tabs import LazyTabs
from .phase_view import PhaseView
from .spectrum_view import SpectrumView
from .sweep_view import SweepView
from .weights_view import WeightsView

if TYPE_CHECKING:
    from .training_view import TrainingView

TAB_NAMES = (QT_TRANSLATE_NOOP("MainWindow", "Network"),
             QT_TRANSLATE_NOOP("MainWindow", "Sweep"),               # tabs 1, 2, 3: analysis
             QT_TRANSLATE_NOOP("MainWindow", "Phase diagram"),
             QT_TRANSLATE_NOOP("MainWindow", "Jacobian spectrum"),
             QT_TRANSLATE_NOOP("MainWindow", "Weights"),             # tab 4
             QT_TRANSLATE_NOOP("MainWindow", "Activation"),          # tab 5
             QT_TRANSLATE_NOOP("MainWindow", "Training"))            # tab 6
# shorter names where the full ones do not fit (gui.lazy_tabs)
SHORT_TAB_NAMES = (None, None, QT_TRANSLATE_NOOP("MainWindow", "Phase"),
                   QT_TRANSLATE_NOOP("MainWindow", "Spectrum"), None,
                   QT_TRANSLATE_NOOP("MainWindow", "σ(x)"),
                   QT_TRANSLATE_NOOP("MainWindow", "Train"))
NETWORK_TAB = 0
ANALYSIS_TABS = range(1, 4)
SWEEP_TAB, PHASE_TAB, SPECTRUM_TAB = 1, 2, 3
WEIGHTS_TAB = 4
ACTIVATION_TAB = 5
TRAINING_TAB = 6
# the tabs by the command line's names for them (`engine.cli_options.VIEWS`)
VIEW_TABS = {"network": NETWORK_TAB, "sweep": SWEEP_TAB, "phase": PHASE_TAB,
             "spectrum": SPECTRUM_TAB, "weights": WEIGHTS_TAB, "activation": ACTIVATION_TAB,
             "training": TRAINING_TAB}


def figure_title(index: int) -> str:
    """The title of a figure file of tab `index` (its properties), in the language
    installed: "InitLab — Network"."""
    return "InitLab — " + translate("MainWindow", TAB_NAMES[index]).replace("&", "")


class WindowTabs(LazyTabs):
    """The dashboard and the tabs beside it; `controller` gives the theory a new analysis
    panel starts from, `controls` the gain's range and the Training tab's first config."""

    pointChosen = Signal(object, str)   # the phase diagram's (config, note): show this config
    trainingMade = Signal(object)       # the Training tab, just made (its edits: undo steps)

    def __init__(self, dashboard, runner, controller, controls, parent=None):
        super().__init__(TAB_NAMES, parent, short=SHORT_TAB_NAMES, objectName="tabs")
        self._runner, self._controller, self._controls = runner, controller, controls
        self.sweep_state: dict | None = None   # the Sweep tab's fields, kept until it is made
        self.set_page(0, dashboard)
        for index in ANALYSIS_TABS:
            self.set_maker(index, lambda index=index: self._make_panel(index))
        self.set_maker(ACTIVATION_TAB, ActivationView)
        self.set_maker(TRAINING_TAB, self._make_training)
        self.set_maker(WEIGHTS_TAB, lambda: WeightsView(self._controls.config()))
        self.currentChanged.connect(self._on_changed)

    @property
    def sweep(self) -> SweepView:
        return self.page(1)

    @property
    def phase(self) -> PhaseView:
        return self.page(2)

    @property
    def spectrum(self) -> SpectrumView:
        return self.page(3)

    @property
    def activation(self) -> ActivationView:
        """The Activation tab, made on first use (its plots cost a tenth of a second)."""
        return self.page(ACTIVATION_TAB)

    @property
    def weights(self) -> WeightsView:
        """The Weights tab, made on first use; told every config by the window."""
        return self.page(WEIGHTS_TAB)

    def made_ahead(self, dashboard) -> training_ahead.TrainingAhead:
        """The Training tab made while the window is idle: no drag, no run whose plots are
        coming or being drawn on `dashboard` (`gui.training_ahead`)."""
        controller, controls = self._controller, self._controls
        return training_ahead.TrainingAhead(
            lambda: self.made(TRAINING_TAB), lambda: self.training,
            lambda: controller.busy() or dashboard.pending() or controls.dragging(), self)

    @property
    def training(self) -> TrainingView:
        """The Training tab, made on first use; it trains on the window's runner."""
        return self.page(TRAINING_TAB)

    def panels(self) -> list[AnalysisPanel]:
        """The analysis tabs made so far."""
        return [p for p in map(self.made, ANALYSIS_TABS) if p is not None]

    def _make_panel(self, index: int) -> AnalysisPanel:
        if index == 1:
            panel = SweepView()
            if self.sweep_state is not None:
                panel.fields.set_state(self.sweep_state)
        elif index == 2:
            gain = self._controls.widget("gain")
            panel = PhaseView(gain_range=(gain.minimum(), gain.maximum()))
            panel.configChosen.connect(self.pointChosen)
        else:
            panel = SpectrumView()
        panel.use_runner(self._runner)
        theory = self._controller.theory()
        if theory is not None:
            panel.set_config(theory.config, theory)
        return panel

    def _make_training(self) -> TrainingView:
        from .training_mark import TrainingMark
        from .training_view import TrainingView   # its engine is loaded when first shown

        view = TrainingView(self._runner, self._controls.config())
        TrainingMark(self, TRAINING_TAB, view)
        if self.currentIndex() == TRAINING_TAB:   # the tab shows: its chunks go first
            self._runner.priority = view.channel()
        self.trainingMade.emit(view)
        return view

    def _show_training(self) -> None:
        if self.currentIndex() != TRAINING_TAB:
            return
        if training_ahead.import_next():   # a module per event-loop pass: the window answers
            QTimer.singleShot(0, self, self._show_training)
            return
        self.training   # noqa: B018 (built on first use)

    def _on_changed(self, index: int) -> None:
        if index == TRAINING_TAB:
            training = self.made(TRAINING_TAB)
            if training is None:   # made a pass later: the tab shows at once, blank
                QTimer.singleShot(0, self, self._show_training)
            else:
                self._runner.priority = training.channel()
            return
        self._runner.priority = self.page(index).channel() if index in ANALYSIS_TABS else NETWORK
