"""The readout: the setting, the per-layer factors, the verdict and the formula that applies.

Every sentence comes from `gui.texts`, `gui.help_texts` (the formula) and
`gui.analysis_texts` (the theory gap); this panel only lays them out. On a change of language
(Qt's LanguageChange) it words the last result again.
"""

from __future__ import annotations


from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from engine.verdict import Verdict, theory_gap, verdict

from . import analysis_texts, help_texts, texts, theme
from .texts import rich
from .i18n import Retranslates, translate


def _row(name: str, text: str, color: str | None = None) -> str:
    body = rich(text)
    if color:
        body = f"<span style='color:{color}; font-weight:600'>{body}</span>"
    return (f"<tr><td style='padding-right:10px; color:#555; white-space:nowrap'>{name}</td>"
            f"<td>{body}</td></tr>")


LINES = 8  # six rows, two of which may wrap
MARGINS = (8, 4, 8, 4)


class Readout(Retranslates, QWidget):
    """Rich-text lines describing the result currently shown, scrolled when they need more
    height than the dashboard gives them."""

    reworded = Signal()   # the language or the hint changed: the lines may need a new height

    def __init__(self, parent=None):
        super().__init__(parent)
        self.label = QLabel(objectName="readout")
        self.label.setTextFormat(Qt.RichText)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.label.setAlignment(Qt.AlignLeft | Qt.AlignTop)
        # New text must never re-lay out the dashboard (that repaints every plot, tens of
        # milliseconds on the GUI thread while a slider is dragged): the label's size changes
        # stay inside the scroll area, and this widget's size hint is constant. The dashboard's
        # splitter sets the height (`needed_height`), on its own terms.
        self.scroll = QScrollArea(widgetResizable=True, frameShape=QFrame.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.scroll.setWidget(self.label)
        self.scroll.viewport().setAutoFillBackground(False)
        self.label.setAutoFillBackground(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*MARGINS)
        layout.addWidget(self.scroll)
        self._height = self.fontMetrics().lineSpacing() * LINES + 12
        self.setMinimumHeight(self.fontMetrics().lineSpacing() * 2 + 8)
        self._hint = ""
        self._verdict: Verdict | None = None
        self._shown = None
        self.retranslate()

    def sizeHint(self) -> QSize:  # Qt override
        return QSize(400, self._height)

    def minimumSizeHint(self) -> QSize:  # Qt override
        return QSize(100, self.minimumHeight())

    def needed_height(self, width: int | None = None) -> int:
        """The height that shows every line of the text at `width` (default: the present)."""
        left, top, right, bottom = MARGINS
        width = (self.width() if width is None else width) - left - right
        return self.label.heightForWidth(max(width, 1)) + top + bottom

    def hidden_height(self) -> int:
        """How much of the text is below the visible part (scrolled to), in pixels."""
        return max(0, self.label.height() - self.scroll.viewport().height())

    def showEvent(self, event) -> None:  # Qt override
        super().showEvent(event)
        # text set while hidden (another tab shown) did not lay out the label: do it now
        QCoreApplication.postEvent(self.scroll, QEvent(QEvent.LayoutRequest))

    def retranslate(self) -> None:
        """Word the result shown (and the hint) again in the current language."""
        if self._shown is not None:
            self.set_result(*self._shown)
        self.reworded.emit()

    def set_hint(self, hint) -> None:
        """A preset's one sentence on what to look for ("" hides it): a text, or a function
        returning it in the current language (called again when the language changes)."""
        changed = hint != self._hint
        self._hint = hint
        if self._shown is not None:
            self.set_result(*self._shown)
        if changed:
            self.reworded.emit()

    def hint(self) -> str:
        """The hint shown, in the current language."""
        return self._hint() if callable(self._hint) else self._hint

    def set_result(self, result, pending: bool = False) -> None:
        """Describe `result`; `pending` says its Monte Carlo is still running."""
        self._shown = (result, pending)
        found = verdict(result)
        self._verdict = found
        color = theme.VERDICT_COLORS.get(found.kind)
        said = texts.verdict_text(found)
        if pending:
            said = translate("Readout", "{verdict} — Monte Carlo running…").format(verdict=said)
        rows = [
            _row(translate("Readout", "Setting"), texts.config_text(result.config)),
            _row(translate("Readout", "Per layer"), texts.factors_text(result)),
            _row(translate("Readout", "Verdict"), said, color),
            _row(translate("Readout", "Formula"), help_texts.lecture_formula(result.config)),
        ]
        gap = theory_gap(result)
        if gap is not None:
            rows.append(_row(translate("Readout", "Note"), analysis_texts.gap_text(gap), "#b35c00"))
        hint = self.hint()
        if hint:
            rows.append(_row(translate("Readout", "Look for"), hint, "#5f3dc4"))
        self.label.setText("<table cellspacing='1'>" + "".join(rows) + "</table>")

    def verdict(self) -> Verdict | None:
        return self._verdict

    def text(self) -> str:
        return self.label.text()
