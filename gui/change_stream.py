"""Which changes of the controls form a *stream* (progressive refinement, `gui.controller`):
changes less than `gap_s` apart (a slider drag, an arrow key held on a spin box, the mouse
wheel over it), or while a slider is held. A stream ends when the slider is released or after
SETTLE_MS without a change (a slider held still, too). During one the Monte Carlo runs a
preview of the config (`preview_of`); the full config runs once it ends.
"""

from __future__ import annotations

import math
import time

from PySide6.QtCore import QObject, QTimer, Signal

import engine

# A preview's batch: the default network's preview takes ~17–25 ms in the worker at 16, which
# leaves room for ≥ 30 frames a second (benchmarks/gui_latency.py); at 32, ~22–33 ms did not.
# Its per-layer products cost about the same at either size (the weights' memory traffic).
PREVIEW_BATCH = 16
STREAM_GAP_S = 0.2         # a spin box held (arrow key or button) steps every 150 ms at first
SETTLE_MS = 250


def preview_of(config: engine.SimConfig) -> engine.SimConfig:
    """The config a stream of changes previews: a smaller batch, one trial."""
    return config.with_values(batch=min(config.batch, PREVIEW_BATCH), trials=1)


class ChangeStream(QObject):
    """Tells each change whether it is part of a stream; `settled` when one goes quiet."""

    settled = Signal()   # SETTLE_MS without a change

    def __init__(self, parent=None):
        super().__init__(parent)
        self.gap_s = STREAM_GAP_S
        self._last = -math.inf
        self._settle = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._settle.timeout.connect(self.settled)

    def change(self, held: bool = False) -> bool:
        """A change now (`held`: a slider is held down): True if it is part of a stream."""
        now = time.monotonic()
        streaming = held or now - self._last < self.gap_s
        self._last = now
        if streaming:
            self._settle.start()
        else:
            self._settle.stop()
        return streaming

    def end(self) -> None:
        """The stream is over (a slider released, or quiet): the next change starts afresh."""
        self._settle.stop()
        self._last = -math.inf

    def halt(self) -> None:
        """No longer wait for the stream to settle (its run cancelled or replaced)."""
        self._settle.stop()

    def active(self) -> bool:
        return self._settle.isActive()
