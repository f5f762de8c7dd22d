"""Making the Training tab ahead of its first opening, while the window is idle.

From `AHEAD_AFTER_MS` after the window opens, one step every `PREBUILD_STEP_MS` (the window's
own events come first) while nothing keeps it busy (a drag, a stream of changes, a run whose
plots are coming or being drawn), else a look again after `IDLE_MS`: its modules are imported,
a module a step (`import_next`: 1–6 ms each, ~20 ms in all), then the tab is built a plot item
at a time (each 20–60 ms). All on the GUI thread: an import on a thread of its own
defines Qt classes there while the window runs, and crashed when the window closed during it.
Opened before it is ready, the tab imports what is missing a module per event-loop pass and
builds itself while it shows. A closed window makes nothing more (`stop`).
"""

from __future__ import annotations

import importlib
import sys

from PySide6.QtCore import QObject, QTimer

AHEAD_AFTER_MS = 1500
IDLE_MS = 1000
PREBUILD_STEP_MS = 50
# The tab's modules, each after those it imports: importing them in this order costs one
# module's import at a time.
MODULES = ("gui.panel_pacing", "gui.chunk_pacing", "gui.training_layout", "gui.training_controls",
           "gui.training_axes", "gui.training_plots", "gui.training_maps",
           "gui.training_session",
           "gui.training_readout", "gui.training_runs", "gui.training_regions",
           "gui.run_buttons", "gui.training_view")


class TrainingAhead(QObject):
    """`view()`: the tab if made, `make()` makes it, `busy()`: the user is changing controls
    or a run's plots are coming."""

    def __init__(self, view, make, busy, parent=None):
        super().__init__(parent)
        self._view, self._make, self._busy = view, make, busy
        self._timer = QTimer(self, singleShot=True, interval=AHEAD_AFTER_MS)
        self._timer.timeout.connect(self._step)
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _step(self) -> None:
        view = self._view()
        if view is not None and (view.ready() or view.isVisible()):
            return                          # done, or the tab shows and builds itself
        if self._busy():
            self._timer.start(IDLE_MS)      # the user is busy: later
            return
        if view is not None:
            view.build_step_ahead()
        elif not import_next():             # a module a step, then the widgets
            self._make()
        self._timer.start(PREBUILD_STEP_MS)


def import_next() -> bool:
    """Import the first of the tab's `MODULES` not imported yet; False when none is left."""
    for name in MODULES:
        if name not in sys.modules:
            importlib.import_module(name)
            return True
    return False

