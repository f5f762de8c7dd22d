"""The Training tab's progress bar: "step s of N", as wide as its longest text at that N."""

from __future__ import annotations

from PySide6.QtWidgets import QProgressBar

from .i18n import translate

MIN_WIDTH, MAX_WIDTH = 150, 220   # pixels, unless the text needs more


class StepProgress(QProgressBar):
    """A bar of a session's steps, its text in the window's language."""

    def __init__(self, **kwargs):
        super().__init__(maximum=1000, minimumWidth=MIN_WIDTH, maximumWidth=MAX_WIDTH,
                         **kwargs)

    def show_step(self, step: int, total: int) -> None:
        """Step `step` of `total`: the bar's share and its words, and a width that holds them
        at any step of this total ("第 8974 步，共 1000000 步" had wrapped and been cut in
        150 pixels: a tour)."""
        self.setValue(round(1000 * step / total) if total else 0)
        words = translate("TrainingView", "step {step} of {total}")
        self.setFormat(words.format(step=step, total=total))
        width = max(MIN_WIDTH, self.fontMetrics().horizontalAdvance(
            words.format(step=total, total=total)) + 16)
        if width != self.minimumWidth():
            self.setMinimumWidth(width)
            self.setMaximumWidth(max(MAX_WIDTH, width))
