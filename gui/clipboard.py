"""Text copied from the window reads as it is shown: without the zero-width word joiners that
keep its formulas on one line (`typeset.kept_formulas`, the lesson's and the readout's
words; Qt's copy already makes their no-break spaces plain ones). A review: "∂ℓ/∂h" pasted
into a search was not found.

Qt offers no hook before a label's copy, so the clipboard is mended right after it, every
format kept (a readout pasted into a document keeps its sub- and superscripts). Only text
with word joiners is mended, and only while the application is active: another program's
copy is left alone.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QClipboard, QGuiApplication

from .typeset import WORD_JOINER

_installed_for = None   # the application whose clipboard is watched
_JOINER = WORD_JOINER.encode("utf-8")


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
    if QGuiApplication.applicationState() != Qt.ApplicationActive:
        return
    clipboard = QGuiApplication.clipboard()
    data = clipboard.mimeData(mode)
    if data is None or WORD_JOINER not in data.text():
        return   # (so too when set again below: its signal comes back, with nothing to mend)
    mended = QMimeData()
    for kind in data.formats():   # (HTML as UTF-8 text; other formats as they are)
        mended.setData(kind, bytes(data.data(kind)).replace(_JOINER, b""))
    mended.setText(data.text().replace(WORD_JOINER, ""))
    clipboard.setMimeData(mended, mode)
