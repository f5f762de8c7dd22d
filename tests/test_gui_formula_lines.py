"""The readout and the tabs' captions wrap their prose, never their formulas, and copy as they
read."""

import re

import pytest

from text_lines import laid_out

# a setting of each family whose readout carries fractions, relations, a bracket with a
# space (E[σ'(√q_t z)²]), a Taylor series and float16's 65 504
SETTINGS = [{"activation": "tanh"}, {"activation": "sigmoid"},
            {"activation": "relu", "init": "he"}, {"activation": "linear"},
            {"activation": "elu", "gain": 3.0}]
SIGNS = ("/", "=", "≈", "≤", "≥", "<", ">", "→")


def _broken(html: str, widths, plain: bool = False) -> list:
    """Where a line of `html` (`plain`: plain text), laid out at any of `widths`, ends or
    begins beside a relation or a "/", ends after a "+" or "−" between terms, splits a name's
    short bracket, a bracketed sum of two terms or a number's groups of digits, begins with a
    per cent sign, or begins with a sub- or superscript."""
    found = []
    for width in widths:
        for lines in laid_out(html, width, plain=plain):
            for upper, lower in zip(lines, lines[1:]):
                upper, lower = upper.rstrip().rstrip("\u2060"), lower.lstrip("\u2060")
                open_bracket = re.search(r"[A-Za-z]\[[^\]]*$", upper)
                if (upper.endswith((*SIGNS, " +", " −")) or lower.startswith((*SIGNS, "%"))
                        or re.match("[⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻₀₁₂₃₄₅₆₇₈₉₊₋]", lower)
                        or (open_bracket and len(open_bracket.group(0)) < 40)
                        or (re.search(r"\d$", upper) and re.match(r"\d{3}(?!\d)", lower))
                        or (re.search(r"\([^()\s]+$", upper)
                            and re.match(r"[+−]\s[^()\s]+\)", lower))):
                    found.append((width, upper[-12:], lower[:12]))
    return found


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_readout_never_wraps_inside_a_formula(window, plotted, language):
    """The readout had wrapped "x²/" over "2", "q_t =" over its right side, "E[σ'(√q_t" over
    "z)²]" and "65" over "504", in both languages, and "增益" over "² = 9", at the widths a
    window gives it."""
    from engine import SimConfig
    from gui import i18n

    if language != "en" and i18n.missing_font(language):
        pytest.skip("no Chinese font installed")
    window.set_language(language)
    texts = []
    for settings in SETTINGS:
        window.set_config(SimConfig.from_dict({**window.config().to_dict(), **settings}))
        plotted(window)
        texts.append(window.dashboard.readout.view.toHtml())
    assert not any(_broken(text, range(240, 1000, 7)) for text in texts), \
        [_broken(text, range(240, 1000, 7))[:3] for text in texts]
    # the check finds what it looks for: the same words, wrapped as typed
    from gui.typeset import as_shown
    assert all(_broken(as_shown(text), range(240, 1000, 7)) for text in texts)


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_tabs_captions_never_wrap_inside_a_formula(window, plotted, qtbot, language):
    """The Sweep tab's note wrapped "χ₁" over "= 1", the phase diagram's point "σ_w² =" over
    "2", the spectrum's "∂h^L/" over "∂h^0", the Weights caption "65" over "536" and
    "U(±√(6/(nᵢₙ" over "+ nₒᵤₜ)))", the Activation caption "x²/" over "6"; in Chinese
    "（q → 0 时）" over "= 1"."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel
    from engine import SimConfig
    from gui import i18n

    if language != "en" and i18n.missing_font(language):
        pytest.skip("no Chinese font installed")
    window.set_language(language)
    window.resize(1280, 720)
    texts = {}
    for settings in ({"activation": "elu", "gain": 3.0, "bias_std": 0.3},
                     {"activation": "sigmoid"},
                     {"activation": "tanh", "gain": 1.0, "init": "xavier"}):   # U(±√(6/(…)))
        window.set_config(SimConfig.from_dict({**window.config().to_dict(), **settings}))
        for tab in range(1, 6):   # Sweep, Phase, Spectrum, Weights, Activation
            window.tabs.setCurrentIndex(tab)
            page = window.tabs.page(tab)
            qtbot.waitUntil(lambda: window.tabs.made(tab) is not None, timeout=20000)
            plotted(window)
            qtbot.waitUntil(lambda: all(not label.isVisible() or label.text()
                                        for label in page.findChildren(QLabel)
                                        if label.wordWrap()), timeout=20000)
            for label in page.findChildren(QLabel):
                if label.isVisible() and label.wordWrap() and len(label.text()) > 30:
                    plain = label.textFormat() == Qt.PlainText   # ("<" is no tag there)
                    texts[(tab, label.objectName(), label.text())] = plain
    assert len({tab for tab, _, _ in texts}) == 5, sorted(texts)
    # (from 300 pixels: a page is no narrower, it scrolls; the Weights caption is 309 wide
    # in the least window with the lesson open, where U(±√(6/(nᵢₙ + nₒᵤₜ))) = … fits)
    broken = {key: _broken(key[2], range(300, 1000, 17), plain)[:3]
              for key, plain in texts.items()}
    assert not any(broken.values()), {key: found for key, found in broken.items() if found}


def test_the_readouts_words_copy_as_shown(window, plotted, qtbot):
    """Copied from the readout, a formula reads as typed, without word joiners (a search for
    "decades/layer" in the pasted notes finds it), and the copy keeps its rich text (pasted
    into a document, n_tγ_t keeps its subscripts)."""
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtTest import QTest
    from PySide6.QtCore import Qt

    plotted(window)
    view = window.dashboard.readout.view
    assert "\u2060/\u2060" in view.toHtml() and "\u00a0=\u00a0" in view.toHtml()
    view.selectAll()
    view.setFocus()
    QTest.keyClick(view, Qt.Key_C, Qt.ControlModifier)
    copied = QGuiApplication.clipboard().text()
    assert "decades/layer" in copied and " = " in copied, copied[:80]
    assert "\u2060" not in copied and "\u00a0" not in copied
    data = QGuiApplication.clipboard().mimeData()
    assert data.hasHtml() and "vertical-align:sub" in data.html() \
        and "\u2060" not in data.html()


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_lesson_s_check_never_wraps_inside_a_formula(window, qtbot, plotted, language):
    """A probe of the lesson's check at the widths of its panel: "decades/" over "layer", and
    step 1's hint "constant γ" over "= 1/256" at 300 pixels."""
    from gui import i18n

    if language != "en" and i18n.missing_font(language):
        pytest.skip("no Chinese font installed")
    window.set_language(language)
    window.lesson_action.setChecked(True)
    panel = window.lesson
    texts = []
    try:
        for index in (0, 12):   # each first on another step's network (✗, a hint), then set up
            panel.set_step(index)
            texts.append(panel.check.text())
            panel.setup_button.click()
            plotted(window)   # (the check before the set-up has a ✓ beside its ✗)
            texts.append(panel.check.text())
    finally:
        window.lesson_action.setChecked(False)
    assert sum("✗" in text for text in texts) == 2
    assert not any(_broken(text, range(180, 700, 5)) for text in texts), \
        [_broken(text, range(180, 700, 5))[:3] for text in texts]


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_training_readout_never_wraps_inside_a_formula(qapp, language):
    """A probe of the Training tab's readout of the four inits: the zeros' line wrapped
    "σ(0) =" over "1/2" (at 680 pixels, the tab's width beside the lesson) and "σ(0)" over
    "= 0"."""
    from types import SimpleNamespace

    from engine import SimConfig
    from engine.training import compare_configs, train
    from gui import i18n
    from gui.training_readout import readout_html

    if language != "en" and i18n.missing_font(language):
        pytest.skip("no Chinese font installed")
    configs, labels = compare_configs(SimConfig.from_dict(
        {"depth": 6, "width": 16, "task": "spiral", "steps": 10, "log_every": 10}))
    chunk = SimpleNamespace(runs=train(list(configs), list(labels)))
    i18n.install(language)
    try:
        text = readout_html(labels, chunk, "tanh")
    finally:
        i18n.install(i18n.SOURCE)
    assert "σ(0)" in text
    assert not _broken(text, range(200, 1000, 5)), _broken(text, range(200, 1000, 5))[:5]


def test_the_xavier_uniform_is_never_broken_inside_its_brackets(window, plotted, qtbot):
    """A tour at 1024 pixels with the lesson open: the Weights caption's "U(±√(6/(nᵢₙ" ended
    a line, "+ nₒᵤₜ))) = U(±√(6/512))" began the next."""
    from engine import SimConfig
    from gui.typeset import as_shown
    from gui.window_tabs import WEIGHTS_TAB

    window.set_config(SimConfig.from_dict({**window.config().to_dict(), "gain": 1.0,
                                           "init": "xavier", "widths": (256, 256, 256)}))
    window.tabs.setCurrentIndex(WEIGHTS_TAB)
    plotted(window)
    text = window.tabs.weights.caption.text()
    assert "U(±√(6/(nᵢₙ + nₒᵤₜ))) = U(±√(6/512))" in as_shown(text)
    assert not _broken(text, range(300, 1000, 3)), _broken(text, range(300, 1000, 3))[:3]


def test_a_hover_readout_never_wraps_beside_a_relation(qapp):
    """A tour, in Chinese: a heatmap's hover read "… 个数量级 =" over "0.184"."""
    from gui.hover import html

    for text in ("第 13 层，单元 202：对批量求得的 Var[hᵢ] −0.74 个数量级 = 0.184",
                 "layer 13, unit 202: Var[hᵢ] over the batch −0.74 decades = 0.184"):
        assert not _broken(html(text), range(120, 500, 3)), text
        assert _broken(text, range(120, 500, 3))   # (the check finds it, as typed)
