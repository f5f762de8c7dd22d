"""A job's progress and cancellation: its steps counted (one per layer and pass), reported as
a fraction, and its stop request polled at each step (`Cancelled` raised).

Pure Python; no Qt.
"""

from __future__ import annotations

from typing import Callable


class Cancelled(Exception):
    """Raised inside a pass when its `should_stop` callback returns True."""


class Progress:
    """Counts a job's steps (one per layer and pass); polls `should_stop` at each (and after
    each draw the caller makes ahead of a pass)."""

    def __init__(self, total: int, should_stop: Callable[[], bool] | None = None,
                 on_progress: Callable[[float], None] | None = None):
        self.total = max(total, 1)
        self.done = 0
        self.should_stop = should_stop
        self.on_progress = on_progress
        self._last = -1.0

    def poll(self) -> None:
        """Raise `Cancelled` if a stop was requested (no step done)."""
        if self.should_stop is not None and self.should_stop():
            raise Cancelled()

    def step(self, count: int = 1) -> None:
        self.done += count
        self.poll()
        if self.on_progress is not None:
            fraction = min(self.done / self.total, 1.0)
            if fraction - self._last >= 0.005 or fraction >= 1.0:
                self._last = fraction
                self.on_progress(fraction)
