"""The Training tab's "maps of" box: which of the session's runs its layer maps show."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from .widgets import WordedCombo


class RunChoice(WordedCombo):
    """A box of the session's runs by name (each item's data: the run's label), sized to its
    names in any language, `label` its name beside it (and for a screen reader)."""

    def __init__(self, **kwargs):
        super().__init__(enabled=False, **kwargs)
        self.label = QLabel()
        self.label.setBuddy(self)

    def set_runs(self, names: tuple[str, ...], labels: tuple[str, ...]) -> None:
        """The runs of a new session, the run chosen kept where there are as many, else the
        last; no currentIndexChanged sent (the session's panels are reset anyway)."""
        blocked = self.blockSignals(True)
        keep = self.currentIndex() if self.count() == len(labels) else -1
        self.clear()
        for name, label in zip(names, labels):
            self.addItem(name, label)
        self.setCurrentIndex(keep if keep >= 0 else len(labels) - 1)
        # enabled, not shown, with several runs: the row keeps its layout (a layout change
        # would repaint every plot of the tab at once)
        self.setEnabled(len(labels) > 1)
        self.label.setEnabled(len(labels) > 1)
        self.blockSignals(blocked)

    def rename(self, names: tuple[str, ...]) -> None:
        """The runs' names in the current language."""
        for i, name in enumerate(names[:self.count()]):
            self.setItemText(i, name)
