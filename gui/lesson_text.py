"""The lesson's words as rich text: a step's paragraphs (`paragraphs_html`) and formulas
(`formula_html`), kept whole where a line break would split a term, and the box that shows the
formulas at the largest size that fits (`FormulaLabel`)."""

from __future__ import annotations

import math
import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QStyle

from . import theme
from .typeset import NBSP, kept_fractions, kept_numbers, kept_relations, kept_sums, rich
from .widgets import text_document

FORMULA_STYLE = ("background: #f3f0ff; border: 1px solid #d0bfff; border-radius: 4px; "
                 "padding: 6px;")
# The formulas' font: this size where each line fits the box's width, else smaller, down to
# the smallest, before a line wraps (at the dock's usual width "sigmoid(x) = 1/2 + x/4" had
# wrapped over "− x³/48 + …" at 11 pt, a tour)
FORMULA_POINTS = (11.0, 10.5, 10.0, 9.5, 9.0)


def formula_html(formulas: str) -> str:
    """One formula a line. A narrow dock wraps a long one between its terms, before a "+" or
    "−", never around an "=" or a relation ("<", "≥", …) nor before a closing "+ …" or the
    term it follows (it wrapped to "n_tγ_t =" over "1 ⇒ …", "…" alone, "+ …" alone), nor
    inside a fraction; a double space separates two parts of a line (HTML would fold it),
    and may wrap."""
    def kept(line: str) -> str:
        line = kept_relations(line.replace("  ", "\0"))   # "x <" over "0" (a tour)
        line = line.replace("\0⇒\0", f"\0⇒{NBSP}{NBSP}")   # "⇒" begins the next part
        line = line.replace(" + …", f"{NBSP}+{NBSP}…").replace(" …", f"{NBSP}…")
        # a line may begin with "+" or "−", never end with one; x³/48 is one term
        line = kept_fractions(kept_sums(line))
        return rich(line).replace("\0", "&nbsp; ")
    return "<br>".join(kept(line) for line in formulas.split("\n"))


def paragraphs_html(text: str) -> str:
    """Source text with blank-line paragraphs → rich text with typeset sub/superscripts,
    never wrapped at a relation ("贴着 y" over "= x", a tour), inside a product of indexed
    symbols ("W^t" over "h^{t−1}"), a fraction ("∂ℓ/" over "∂h^{t−1}") or a number ("65 504")."""
    return "".join(
        f"<p>{rich(kept_fractions(kept_relations(_kept_terms(kept_numbers(part.strip())))))}</p>"
        for part in text.split("\n\n"))


# A symbol with an index: "h^t", "γ_t", "n_{t−1}", "W^t_{ij}" (not "fan_in": a word follows "_").
_INDEXED = re.compile(r"\^|_(\{|.(?![a-z]))")
_OPERATORS = ("+", "−", "·", "×")


def _kept_terms(text: str) -> str:
    """`text` with no line break between two indexed symbols nor around an operator between
    them: "σ(W^t h^{t−1} + b^t)" and "γ_t Var[h^{t−1}]" stay whole."""
    words = text.split(" ")
    indexed = [bool(_INDEXED.search(word)) for word in words]
    out = words[0]
    for i in range(1, len(words)):
        before = indexed[i - 1] or (words[i - 1] in _OPERATORS and i >= 2 and indexed[i - 2])
        after = indexed[i] or (words[i] in _OPERATORS and i + 1 < len(words) and indexed[i + 1])
        out += (NBSP if before and after else " ") + words[i]
    return out


class FormulaLabel(QLabel):
    """The step's formulas (`formula_html`), centred, at the largest of `FORMULA_POINTS` at
    which every line fits the box's width (after a resize, grown only with room to spare:
    `_fit`); wrapped between terms only below the smallest."""

    def __init__(self, **kwargs):
        super().__init__(wordWrap=True, **kwargs)
        self.setTextFormat(Qt.RichText)
        self.setAlignment(Qt.AlignCenter)
        self.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.setStyleSheet(FORMULA_STYLE)
        self._fit()

    def setText(self, text: str) -> None:  # Qt override
        super().setText(text)
        self._fit(fresh=True)

    def _fit(self, fresh: bool = False) -> None:
        """The largest size that fits; after a resize (not `fresh`: a new text), grown only
        where it fits with a scroll bar's width to spare: a larger size makes the lesson's
        page taller and can bring its scroll bar, whose width would take it back, and so on
        without end (a tour: at 10 pt and 1280 × 640 a formula went 10 ↔ 10.6 pt until the
        stack overflowed: a crash)."""
        room = self.contentsRect().width()   # (within the style's padding and border)
        spare = self.style().pixelMetric(QStyle.PM_ScrollBarExtent, None, self) + 1
        font = self.font()
        # the sizes grown with the desktop font, then on down to the smallest as set (at 11 pt
        # the formulas could no longer shrink below 11: more of them wrapped, a tour)
        scale = theme.point_scale()
        sizes = sorted({p * scale for p in FORMULA_POINTS} | set(FORMULA_POINTS), reverse=True)
        current = font.pointSizeF()
        grown_from = math.inf if fresh else current
        for points in sizes:
            font.setPointSizeF(points)
            width = text_document(font, self.text()).size().width()
            if width <= room - (spare if points > grown_from else 0):
                break
        if font.pointSizeF() != current:
            self.setFont(font)

    def resizeEvent(self, event) -> None:  # Qt override
        super().resizeEvent(event)
        self._fit()
