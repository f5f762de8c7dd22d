"""A long session: what a change leaves behind in the window is freed, so that memory stays
flat over hundreds of changes (a soak test found the readout's measuring documents kept for
ever: ~0.1 MB a change, 874 of them after 500 changes)."""

import gc

from PySide6.QtGui import QTextDocument

from engine import SimConfig


def _alive(kind) -> int:
    """Objects of exactly `kind` (not isinstance: on the objects of another test's import of
    torch it reads a deprecated attribute, a FutureWarning)."""
    gc.collect()
    return sum(type(o) is kind for o in gc.get_objects())


def test_changes_leave_no_text_document_behind(window, plotted):
    readout = window.dashboard.readout
    for activation in ("relu", "tanh"):   # the readout measured at least once for each
        window.set_config(SimConfig.from_dict({"activation": activation}, base=window.config()))
        plotted(window)
    before = _alive(QTextDocument)
    for i in range(12):
        change = {"seed": i + 1, "activation": ("relu", "tanh")[i % 2]}
        window.set_config(SimConfig.from_dict(change, base=window.config()))
        plotted(window)
        readout.needed_height(300 + 10 * i)
    assert _alive(QTextDocument) <= before
