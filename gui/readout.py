"""The readout: the setting, the per-layer factors, the verdict and the formula that applies.

Every sentence comes from `gui.texts`, `gui.help_texts` (the formula) and
`gui.analysis_texts` (the theory gap); this panel only lays them out. On a change of language
(Qt's LanguageChange) it words the last result again.
"""

from __future__ import annotations


import math

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QFrame, QTextBrowser, QVBoxLayout, QWidget

from engine.number_formats import float16_exits
from engine.readout_facts import input_forgotten, theory_gap
from engine.verdict import Verdict, verdict

from . import (analysis_texts, config_texts, factor_texts, help_texts, texts, theme,
               verdict_texts)
from .figures import Figure
from .typeset import as_shown, kept_formulas, rich
from .i18n import Retranslates, translate
from .widgets import rich_lines_height, text_document


def _row(name: str, text: str, color: str | None = None) -> str:
    body = rich(kept_formulas(text))
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
        # A text view, which scrolls its own document: new text never re-lays out the
        # dashboard (that repaints every plot, tens of milliseconds on the GUI thread while a
        # slider is dragged), and it is laid out once per change. This widget's size hint is
        # constant; the dashboard's splitter sets the height (`needed_height`).
        self.view = QTextBrowser(objectName="readout", frameShape=QFrame.NoFrame,
                                 openLinks=False)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        # a Tab stop (after the tab bar), so that a keyboard and a screen reader reach the
        # verdict; Tab leaves it again (it takes no Tab of its own)
        self.view.setTabChangesFocus(True)
        theme.FocusFrame(self.view)
        self.view.document().setDocumentMargin(0)
        self.view.viewport().setAutoFillBackground(False)   # the dashboard's white
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*MARGINS)
        layout.addWidget(self.view)
        self._html = ""
        self._height = 0   # LINES lines of Latin text, in either language (retranslate)
        self.keep_usual_lines(False)
        self._hint = ""
        self._verdict: Verdict | None = None
        self._shown = None
        self.retranslate()

    def sizeHint(self) -> QSize:  # Qt override: constant, whatever the text says
        return QSize(400, self._height)

    def minimumSizeHint(self) -> QSize:  # Qt override
        return QSize(100, self.minimumHeight())

    def keep_usual_lines(self, keep: bool) -> None:
        """At least its usual LINES lines high where the page scrolls anyway (the dashboard's
        plots in one column: a lecturer's font showed two lines of it), else two lines."""
        self.setMinimumHeight(self._height if keep else self.fontMetrics().lineSpacing() * 2 + 8)

    def needed_height(self, width: int | None = None) -> int:
        """The height that shows every line of the text at `width` (default: the present),
        measured beside a scroll bar (once shown, it goes only if the text fits beside it)."""
        left, top, right, bottom = MARGINS
        bar = self.view.verticalScrollBar().sizeHint().width()
        # a document of its own, not the view's `clone()`: PySide keeps every clone referenced
        # from its original, never freed (a soak test: 874 of them after 500 changes)
        shown = self.view.document()
        document = text_document(shown.defaultFont(), None)
        document.setDefaultTextOption(shown.defaultTextOption())   # wrapped as shown
        document.setHtml(self._html)
        document.setTextWidth(max((self.width() if width is None else width)
                                  - left - right - bar, 1))
        return math.ceil(document.size().height()) + top + bottom

    def hidden_height(self) -> int:
        """How much of the text is below the visible part, in pixels."""
        return self.view.verticalScrollBar().maximum()

    def drawn_whole(self, owner: QWidget, shown: Figure) -> Figure:
        """`shown`, a figure of `owner` (which holds this readout), with the readout's text
        drawn whole where it scrolls: the figure taller by the lines it hides (an export)."""
        hidden = self.hidden_height() if self.isVisible() else 0
        if hidden == 0:
            return shown

        def paint(painter: QPainter) -> None:
            shown.paint(painter)
            top_left = self.mapTo(owner, QPoint(0, 0))
            painter.fillRect(QRect(top_left, QSize(self.width(),
                                                   owner.height() + hidden - top_left.y())),
                             Qt.white)   # the scrolled text and its scroll bar
            painter.save()
            painter.translate(self.view.viewport().mapTo(owner, QPoint(0, 0)))
            self.view.document().drawContents(painter)
            painter.restore()

        return Figure(shown.width, shown.height + math.ceil(hidden), paint)

    def retranslate(self) -> None:
        """Word the result shown (and the hint) again in the current language."""
        top, bottom = MARGINS[1], MARGINS[3]
        # lines of Latin text whatever the language: Chinese wraps into fewer, taller lines,
        # about as high in all (the presets' readouts at 1280 pixels: a median of 126 pixels
        # in English, 121 in Chinese); eight of its own lines had left a blank band under
        # its text, taken from the heatmaps (a tour at 1280 × 680)
        self._height = rich_lines_height(self.view, LINES, "Setting") + top + bottom
        self.view.setAccessibleName(translate("Readout", "Readout: the setting and its verdict"))
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
        said = verdict_texts.verdict_text(found)
        if pending:
            said = translate("Readout", "{verdict} — Monte Carlo running…").format(verdict=said)
        rows = [
            _row(translate("Readout", "Setting"), config_texts.config_text(result.config)),
            _row(translate("Readout", "Per layer"), factor_texts.factors_text(result)),
            _row(translate("Readout", "Verdict"), said, color),
            _row(translate("Readout", "Formula"), help_texts.lecture_formula(result.config)),
        ]
        beyond = verdict_texts.float16_text(float16_exits(result))
        if beyond:   # (the lecture: "especially severe for 16-bit floats")
            # (zh: 半精度, a label of its language: "float16" beside the others' Chinese sat
            # 3 px above its line, Latin letters in a row of taller Chinese glyphs)
            rows.insert(3, _row(translate("Readout", "float16"), beyond))
        forgotten = input_forgotten(result)
        if forgotten is not None and found.forward.input_lost is None:   # (the verdict says it)
            # under the verdict it qualifies, not last (a small window scrolled it out of view)
            rows.insert(3, _row(translate("Readout", "Inputs"),
                                analysis_texts.forgotten_text(forgotten), "#b35c00"))
        marks = texts.per_unit_text(result, hatched=theme.grey_safe())
        if marks:   # the heatmaps' black and grey cells
            rows.insert(2, _row(translate("Readout", "Per unit"), marks))
        gap = theory_gap(result)
        if gap is not None:
            rows.append(_row(translate("Readout", "Note"), analysis_texts.gap_text(gap), "#b35c00"))
        hint = self.hint()
        if hint:
            rows.append(_row(translate("Readout", "Look for"), hint, "#5f3dc4"))
        html = "<table cellspacing='1'>" + "".join(rows) + "</table>"
        if html == self._html:
            return   # (a selection is kept)
        self._html = html
        bar = self.view.verticalScrollBar()
        kept = bar.value()   # setHtml scrolls back to the top: the reader keeps their place
        self.view.setHtml(html)
        bar.setValue(kept)

    def verdict(self) -> Verdict | None:
        return self._verdict

    def text(self) -> str:
        """The readout's rich text as worded: without the no-break spaces and word joiners
        that keep its formulas whole (`kept_formulas`)."""
        return as_shown(self._html)
