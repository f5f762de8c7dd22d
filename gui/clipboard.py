"""Text copied from the window reads as it is shown: without the zero-width word joiners and
with plain spaces for the no-break ones that keep its formulas on one line
(`typeset.kept_formulas`, the lesson's and the readout's words). A review: "∂ℓ/∂h" pasted
into a search was not found.

Only the window's copies change (Qt offers no hook before a label's copy, so the clipboard
is mended right after it): another program's text, copied while it is in front, is left alone.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QClipboard, QGuiApplication

from .typeset import as_shown

_installed_for = None   # the application whose clipboard is watched


def install() -> None:
    """Watch the application's clipboard and X11 selection (once per application)."""
    global _installed_for
    app = QGuiApplication.instance()
    if app is None or app is _installed_for:
        return
    _installed_for = app
    clipboard = QGuiApplication.clipboard()
    clipboard.dataChanged.connect(lambda: _as_shown(QClipboard.Clipboard))
    # (X11's selection, pasted by the middle button)
    clipboard.selectionChanged.connect(lambda: _as_shown(QClipboard.Selection))


def _as_shown(mode) -> None:
    # a copy made while the application is in front is its own (Qt's ownsClipboard() is
    # false on platforms that cannot tell, the offscreen one among them)
    if QGuiApplication.applicationState() != Qt.ApplicationActive:
        return
    clipboard = QGuiApplication.clipboard()
    text = clipboard.text(mode)
    shown = as_shown(text)
    if shown != text:   # (set again: its signal comes back, with nothing to mend)
        clipboard.setText(shown, mode)
