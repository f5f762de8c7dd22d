"""Help ▸ Glossary, Keyboard shortcuts and About: the words the plots use, every key, and
what InitLab is.

The glossary is a table of (term, meaning) source texts worded in the window's language when
shown. The shortcuts are read from the window's own actions, so the list is always the keys
that work.
"""

from __future__ import annotations

import html
import math
import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSize, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout

from . import screen_fit, theme
from .i18n import translate
from .typeset import kept_numbers, rich

GLOSSARY = (
    (QT_TRANSLATE_NOOP("Help", "variance"),
     QT_TRANSLATE_NOOP("Help", "How far values spread around their mean: Var[x] = E[(x − E[x])²]. "
                               "The plots show log₁₀ of the variance of the signal hᵗ and of "
                               "the gradient ∂ℓ/∂hᵗ at every layer t.")),
    (QT_TRANSLATE_NOOP("Help", "decades"),
     QT_TRANSLATE_NOOP("Help", "Powers of ten: a change of −3 decades is a factor 10⁻³ = 0.001. "
                               "Vanishing and exploding are measured in decades over the "
                               "layers.")),
    (QT_TRANSLATE_NOOP("Help", "vanishing / exploding"),
     QT_TRANSLATE_NOOP("Help", "The variance shrinks (or grows) by a roughly constant factor per "
                               "layer, so it falls (or rises) by many decades over a deep "
                               "network: the signal or the gradient is lost in rounding, or "
                               "overflows.")),
    (QT_TRANSLATE_NOOP("Help", "pooled"),
     QT_TRANSLATE_NOOP("Help", "Computed over all the numbers of a layer together: every unit "
                               "and every input of the batch.")),
    (QT_TRANSLATE_NOOP("Help", "per unit, over the batch"),
     QT_TRANSLATE_NOOP("Help", "Computed for each unit separately, over the inputs of the batch "
                               "(the heatmaps); undefined for a batch of one input.")),
    (QT_TRANSLATE_NOOP("Help", "γ, gain"),
     QT_TRANSLATE_NOOP("Help", "γₜ is the variance of the weights of layer t, set by the "
                               "initialization rule; the gain multiplies every weight, so γ by "
                               "gain². The lecture writes γₜ and t; the book's text (d2l.ai, "
                               "zh.d2l.ai) writes this variance σ², and the layer l.")),
    (QT_TRANSLATE_NOOP("Help", "Xavier, He, LeCun"),
     QT_TRANSLATE_NOOP("Help", "Initialization rules: Xavier γ = 2/(nᵢₙ + nₒᵤₜ) (the "
                               "lecture's compromise), He γ = 2/nᵢₙ for relu, LeCun γ = 1/nᵢₙ.")),
    (QT_TRANSLATE_NOOP("Help", "Monte Carlo"),
     QT_TRANSLATE_NOOP("Help", "Real random networks, run on a batch of random inputs: what one "
                               "draw of the weights does (with trials > 1, the median over "
                               "several draws and its 10–90 % band).")),
    (QT_TRANSLATE_NOOP("Help", "mean-field theory"),
     QT_TRANSLATE_NOOP("Help", "The variances a network of infinite width has on average over "
                               "its weights, computed layer by layer without drawing any "
                               "(dashed lines). A finite network scatters around it.")),
    (QT_TRANSLATE_NOOP("Help", "typical run"),
     QT_TRANSLATE_NOOP("Help", "What one input does in the median network of this finite "
                               "width (dotted), where it can be computed exactly (for relu "
                               "and leaky relu, the units' mean taken off as at infinite "
                               "width); it can lie decades below the mean-field expectation. "
                               "The variance pooled over a batch (solid) is a mean over "
                               "inputs: on average over networks it lies between the two; one "
                               "network may stray outside.")),
    (QT_TRANSLATE_NOOP("Help", "χ₁"),
     QT_TRANSLATE_NOOP("Help", "The factor by which the gradient's variance grows per layer in "
                               "the mean-field theory: below 1 it vanishes (ordered phase), "
                               "above 1 it explodes (chaotic phase), 1 is the edge of chaos.")),
    (QT_TRANSLATE_NOOP("Help", "q*, fixed point"),
     QT_TRANSLATE_NOOP("Help", "The pre-activations' variance qₜ that the mean-field recursion "
                               "settles at with depth, where there is one (a bias keeps it above "
                               "0); χ₁ and ξ_c are taken there.")),
    (QT_TRANSLATE_NOOP("Help", "ordered and chaotic phases"),
     QT_TRANSLATE_NOOP("Help", "Ordered (χ₁ < 1): two inputs grow alike with depth, their "
                               "correlation tends to 1, and gradients vanish. Chaotic (χ₁ > 1): "
                               "two inputs decorrelate, and gradients explode. The line χ₁ = 1 "
                               "between them is the edge of chaos (the Phase diagram tab).")),
    (QT_TRANSLATE_NOOP("Help", "ξ_c, depth scale"),
     QT_TRANSLATE_NOOP("Help", "The number of layers over which two inputs' correlation reaches "
                               "its fixed point: how deep information about the input travels. "
                               "It diverges on the edge of chaos (Schoenholz et al. 2017).")),
    (QT_TRANSLATE_NOOP("Help", "critical gain"),
     QT_TRANSLATE_NOOP("Help", "The gain at which the gradient's squared norm crosses the whole "
                               "network unchanged (the Sweep tab's dashed line).")),
    (QT_TRANSLATE_NOOP("Help", "Jacobian spectrum"),
     QT_TRANSLATE_NOOP("Help", "The singular values of ∂hᴸ/∂h⁰: how much the network "
                               "stretches or squeezes each direction of its input.")),
)


def glossary_html() -> str:
    """The glossary as an HTML table, in the current language, its indices typeset (ξ_c had
    shown its underscore, where the Phase tab writes ξ<sub>c</sub>)."""
    rows = "".join(
        f"<tr><td valign='top'><b>{rich(translate('Help', term))}</b></td>"
        f"<td>{rich(kept_numbers(translate('Help', meaning)))}</td></tr>"
        for term, meaning in GLOSSARY)
    return f"<table cellspacing='6'>{rows}</table>"


# a keyboard's own Undo / Redo keys (Qt binds them too): listed, they read as names
# ("Ctrl+Shift+Z, Ctrl+Y, Redo"), not keys to press
_OWN_KEYS = (Qt.Key_Undo, Qt.Key_Redo)


def shortcuts_html(actions, names=None, others=()) -> str:
    """Every action of `actions` that has a key, as an HTML table: key, what it does (its
    text, or its entry in `names`); then the (keys, what) pairs of `others`, keys that are
    no action's."""
    rows = []
    for action in actions:
        keys = list(dict.fromkeys(k.toString(QKeySequence.NativeText)
                                  for k in action.shortcuts()
                                  if not k.isEmpty() and k[0].key() not in _OWN_KEYS))
        if keys:
            what = _without_mnemonic((names or {}).get(action, action.text()))
            rows.append((", ".join(keys), what))
    rows += others
    # (each row's cells middle-aligned: Chinese glyphs, from a taller font, had stood lower
    # than their keys; room after the keys, which had run into the words, a GUI tour)
    cells = "".join(f"<tr><td valign='middle' style='padding-right: 12px'>"
                    f"<b>{html.escape(keys)}</b></td>"
                    f"<td valign='middle'>{html.escape(what)}</td></tr>" for keys, what in rows)
    return f"<table cellspacing='6'>{cells}</table>"


def _without_mnemonic(text: str) -> str:
    """A menu text as read: "&Undo" → "Undo", "撤销(&U)" → "撤销", "&&" → "&"."""
    text = re.sub(r"\(&[^&]\)", "", text.replace("&&", "\0"))
    return text.replace("&", "").replace("\0", "&")


def show_text(window, title: str, body: str, name: str, size=(640, 480)) -> QDialog:
    """A non-modal dialog showing `body` (HTML), titled `title`: the one of that `name`
    already open, brought to the front, else a new one, deleted when closed (a soak test:
    each opening had left a hidden dialog behind, ~0.9 MB). `size` is its most at the usual
    font; a shorter text gets a shorter dialog."""
    dialog = next((d for d in window.findChildren(QDialog, name) if d.isVisible()), None)
    if dialog is None:
        dialog = QDialog(window, objectName=name)
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(dialog.close)
        layout = QVBoxLayout(dialog)
        layout.addWidget(QTextBrowser(objectName=f"{name}_text"))
        layout.addWidget(buttons)
        # with the desktop's font, and within the screen (a large-font tour: 1124 × 844 at
        # 16 pt, its Close button under a 600-pixel screen's edge); the text scrolls
        dialog.resize(QSize(theme.pixels(size[0]), theme.pixels(size[1])).boundedTo(
            screen_fit.available(window).size() - screen_fit.FRAME))
    dialog.setWindowTitle(title)
    if dialog.property("body") != body:   # (set again, the text scrolls back to the top)
        dialog.setProperty("body", body)
        text = dialog.findChild(QTextBrowser, f"{name}_text")
        text.setHtml(body)
        if not dialog.isVisible():   # as tall as its text at its width, where that is less
            dialog.layout().activate()
            text.document().setTextWidth(text.viewport().width())
            fitted = dialog.height() - text.viewport().height() \
                + math.ceil(text.document().size().height())
            dialog.resize(dialog.width(), min(dialog.height(), fitted))
    dialog.setWindowState(dialog.windowState() & ~Qt.WindowMinimized)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog


def about_text() -> str:
    """Help ▸ About: what InitLab is, its version, the lecture it follows, its libraries and
    its licence."""
    from importlib import metadata

    import numpy
    import pyqtgraph
    import PySide6

    try:
        version = metadata.version("initlab")
    except metadata.PackageNotFoundError:   # run from a folder, not installed
        version = "—"
    return translate(
        "Menus", "<b>InitLab</b> {version} — signal and gradient variance at initialization.<p>"
        "A simulator of the lecture on numerical stability and model initialization "
        "(Dive into Deep Learning, section “Numerical Stability and Initialization”): watch "
        "signals and gradients vanish or explode in a deep network, and how the "
        "initialization and the activation function fix it.<p>"
        "Monte Carlo of the network beside the mean-field theory; Help ▸ Lesson walks "
        "through the lecture.<p>Built on numpy {numpy}, PySide6 {pyside} (Qt) and "
        "pyqtgraph {pyqtgraph}.").format(version=version, numpy=numpy.__version__,
                                        pyside=PySide6.__version__,
                                        pyqtgraph=pyqtgraph.__version__) + "<p>" + translate(
        "Menus", "Free software under the MIT licence (the LICENSE file): use, change and "
                 "share it, in class and beyond.")


def show_about(window) -> QDialog:
    """Help ▸ About, a dialog of the Glossary's kind (a message box grew taller than a small
    screen at a large font, its OK under the edge: a large-font tour)."""
    return show_text(window, translate("Menus", "About InitLab"), about_text(), "about",
                     (520, 400))


def show_glossary(window) -> QDialog:
    return show_text(window, translate("Help", "Glossary"), glossary_html(), "glossary")


def show_shortcuts(window) -> QDialog:
    actions = [*window.menus.all_actions(), *window.lesson.step_actions()]
    # (the key named as a key: Qt's own name for it, "菜单", read as "the menu")
    plot_keys = (translate("Help", "Menu key, {keys}").format(
                     keys=QKeySequence(Qt.SHIFT | Qt.Key_F10).toString(QKeySequence.NativeText)),
                 translate("Help", "A plot's menu (copy or export that plot), once a click "
                                   "chose the plot"))
    return show_text(window, translate("Help", "Keyboard shortcuts"),
                     shortcuts_html(actions, window.menus.bare_names(), [plot_keys]),
                     "shortcuts")
