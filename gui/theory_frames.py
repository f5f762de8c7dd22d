"""The theory of the controls' config: at once, or once per frame during a stream of changes.

The mean-field theory is computed on the GUI thread (milliseconds; recent ones are kept,
`gui.results`). During a stream (a slider dragged, an arrow key held) it follows the newest
config at most every `FRAME_S`, and a slow theory at most every three times its cost, so that
it never takes more than a third of the GUI thread.
"""

from __future__ import annotations

import math
import time

from PySide6.QtCore import QObject, QTimer, Signal

import engine

from .results import theory_of

FRAME_S = 1 / 30


class TheoryFrames(QObject):
    """`follow(config, streaming)` for every change; `ready` carries each theory computed."""

    ready = Signal(object)    # the theory-only SimResult of the config followed
    failed = Signal(object)   # the exception raised by the engine (the theory is then None)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.theory: engine.SimResult | None = None
        self._config: engine.SimConfig | None = None
        self._frame = QTimer(self, singleShot=True)
        self._frame.timeout.connect(self.update)
        self._last = -math.inf   # when the last theory started
        self._cost = 0.0         # and how long it took

    def follow(self, config: engine.SimConfig, streaming: bool) -> None:
        """The theory of `config`: now, or in a stream at its next frame."""
        self._config = config
        if not streaming:
            self.update()
        elif not self._frame.isActive():
            wait = max(FRAME_S, 3 * self._cost) - (time.monotonic() - self._last)
            self._frame.start(max(0, round(1000 * wait)))

    def flush(self) -> None:
        """The stream is over: a theory waiting for its frame is computed now."""
        if self._frame.isActive():
            self.update()

    def update(self) -> None:
        self._frame.stop()
        start = self._last = time.monotonic()
        try:
            self.theory = theory_of(self._config)
        except Exception as exc:  # an engine failure must not take the window down
            self.theory = None
            self.failed.emit(exc)
            return
        finally:
            self._cost = time.monotonic() - start
        self.ready.emit(self.theory)
