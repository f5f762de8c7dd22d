"""A Chinese window: no English source text anywhere (widgets, actions, tooltips, plot labels,
all tabs), its labels, combo boxes and readout fit their room at the screen sizes the app
targets, and a missing Chinese font is named."""

import html
import re

import pytest

pytest.importorskip("PySide6")

from engine.config_fields import ACTIVATIONS  # noqa: E402
from gui import i18n  # noqa: E402


# -- every visible text of a Chinese window ---------------------------------------------------
# Words that stay as they are in Chinese: activation and rule names, symbols, units, formats.
ALLOWED_WORDS = {
    *ACTIVATIONS, "Xavier", "He", "LeCun", "Glorot", "Bengio", "Poole",
    "Hanin", "Rolnick", "Kaiming", "fan_in", "fan_out", "fan_avg", "InitLab", "PNG", "PDF", "CSV",
    "JSON", "Var", "exp", "log", "erf", "max", "min", "sqrt", "tanh'", "Esc", "Ctrl", "Shift",
    "Alt", "English", "Dive", "into", "Deep", "Learning", "Taylor", "Jacobian", "Monte",
    "Carlo", "std", "et", "al", "noto", "cjk", "fonts", "Debian", "Ubuntu", "MLP",
    "Schoenholz", "Pennington", "Saxe", "ReLU", "GELU", "SELU", "ELU", "Tanh", "Sigmoid",
    "leaky", "fan",   # fan: the symbol of fan_in / fan_out (γ = 2/fan)
    "PyTorch", "Keras", "MNIST", "Fashion", "IDX", "SGD", "Adam",
    "float",   # float16, float32: the formats' names
    "dropout",   # beside 暂退法, as the book writes it
}
# A tooltip's line naming the PyTorch and Keras initializers is code, not words.
LIBRARY_LINE = re.compile(r"^PyTorch[:：].*$", re.M)
# The gain as a symbol inside formulas (γ_t → gain²·γ_t); elsewhere it is a word to translate.
FORMULA_WORDS = re.compile(r"gain²|\S+-ubyte\S*")   # …, and file names

_WORD = re.compile(r"[A-Za-z_'][A-Za-z_']+")   # a token with "_" is a symbol: n_in, q_t


def _plain(text: str) -> str:
    text = re.sub(r"<su[bp]>[^<]*</su[bp]>", " ", text or "")   # notation: n<sub>out</sub>
    text = re.sub(r"<br\s*/?>", "\n", text)   # a tooltip's lines (LIBRARY_LINE is one)
    text = re.sub(r"<[^>]+>", " ", text)
    text = LIBRARY_LINE.sub(" ", html.unescape(text).replace("&", ""))
    return FORMULA_WORDS.sub(" ", text)


def _english_words(text: str) -> list[str]:
    return [w for w in _WORD.findall(_plain(text)) if len(w.strip("'")) > 2 and "_" not in w
            and w not in ALLOWED_WORDS and w.strip("'") not in ALLOWED_WORDS]


def _visible_texts(window):
    """(where, text) of every text a user can see or hover in `window`."""
    import pyqtgraph as pg
    from PySide6.QtWidgets import (QAbstractButton, QComboBox, QDockWidget, QGroupBox, QLabel,
                                   QLineEdit, QTabWidget, QWidget)

    out = [("title", window.windowTitle())]
    for w in window.findChildren(QWidget):
        name = w.objectName() or type(w).__name__
        if isinstance(w, QLabel):
            out.append((name, w.text()))
        elif isinstance(w, QAbstractButton):
            out.append((name, w.text()))
        elif isinstance(w, QGroupBox):
            out.append((name, w.title()))
        elif isinstance(w, QComboBox):
            out += [(name, w.itemText(i)) for i in range(w.count())]
        elif isinstance(w, QTabWidget):
            out += [(name, w.tabText(i)) for i in range(w.count())]
        elif isinstance(w, QDockWidget):
            out.append((name, w.windowTitle()))
        elif isinstance(w, QLineEdit):
            out.append((name, w.placeholderText()))
        out.append((name + ".toolTip", w.toolTip()))
    menus = list(window.menuBar().actions())
    while menus:
        action = menus.pop()
        out += [("action " + action.objectName(), action.text()),
                ("action.toolTip", action.toolTip() if action.toolTip() != action.text()
                 .replace("&", "") else "")]
        if action.menu() is not None:
            menus += action.menu().actions()
    for view in window.findChildren(pg.GraphicsView):
        for item in view.scene().items():
            if isinstance(item, pg.LabelItem):
                out.append(("plot label", item.text))
            elif isinstance(item, pg.TextItem):
                out.append(("plot text", item.textItem.toPlainText()))
            elif isinstance(item, pg.AxisItem):
                out.append(("axis", item.labelText))
    return out


def test_a_chinese_window_shows_no_english_source_text(qtbot, small_config, plotted):
    from gui import MainWindow
    from gui.executors import SyncExecutor

    window = MainWindow(small_config, executor=SyncExecutor(), language="zh_CN")
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    plotted(window)
    window.lesson.show()
    for index in range(window.tabs.count()):   # build and fill every tab
        window.tabs.setCurrentIndex(index)
        panel = window.tabs.current_page()
        if hasattr(panel, "is_current"):   # (its job starts from a timer: "not busy" held
            qtbot.waitUntil(lambda p=panel: p.config() == window.config()    # before it)
                            and p.is_current(), timeout=30000)
        elif hasattr(panel, "busy"):
            qtbot.waitUntil(lambda p=panel: not p.busy(), timeout=30000)
        qtbot.wait(10)
    english = [(where, text, words) for where, text in _visible_texts(window)
               if (words := _english_words(text))]
    assert not english, "\n".join(f"{w}: {t[:90]!r} {ws}" for w, t, ws in english[:40])
    # nor a right-click menu of pyqtgraph's ("View All", "Mouse Mode", "Export...")
    import pyqtgraph as pg
    boxes = [item for view in window.findChildren(pg.GraphicsView)
             for item in view.scene().items() if isinstance(item, pg.ViewBox)]
    assert len(boxes) >= 10 and not [box for box in boxes if box.menuEnabled()]
    bars = [item for view in window.findChildren(pg.GraphicsView)
            for item in view.scene().items() if isinstance(item, pg.ColorBarItem)]
    assert len(bars) >= 4 and not [bar for bar in bars if bar.colorMapMenu]   # "None", "cet"


def test_chinese_labels_fit_at_1366_by_768(qtbot, small_config, plotted):
    """No control label is cut off in the smallest common screen, in either language."""
    from PySide6.QtWidgets import QLabel

    from gui import MainWindow
    from gui.executors import SyncExecutor

    for language in ("en", "zh_CN"):
        window = MainWindow(small_config, executor=SyncExecutor(), language=language)
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.show()
        plotted(window)
        qtbot.wait(10)
        assert window.width() == 1366 and window.height() == 768   # the minimum size fits
        for label in window.controls.findChildren(QLabel):
            if label.isVisible() and label.text() and not label.wordWrap():
                assert label.width() >= label.sizeHint().width() - 1, (language, label.text())
        window.close()


def test_a_missing_chinese_font_is_named(monkeypatch):
    from PySide6.QtGui import QFontDatabase

    assert i18n.missing_font("en") is None
    monkeypatch.setattr(QFontDatabase, "families", lambda *args: [])
    message = i18n.missing_font("zh_CN")
    assert message is not None and "fonts-noto-cjk" in message


def test_combo_boxes_fit_their_text_after_a_switch_of_language(qtbot, small_config, plotted):
    """A combo box sized to its Chinese items grows to hold the English ones (and back)."""
    from PySide6.QtWidgets import QComboBox

    from gui import MainWindow
    from gui.executors import SyncExecutor
    from gui.window_tabs import TRAINING_TAB

    tabs = (0, 1, TRAINING_TAB)   # the controls', the Sweep tab's and the Training tab's combos

    window = MainWindow(small_config, executor=SyncExecutor(), language="zh_CN")
    qtbot.addWidget(window)
    window.resize(1500, 940)
    window.show()
    plotted(window)
    for index in tabs:   # made and shown once, in Chinese
        window.tabs.setCurrentIndex(index)
        qtbot.wait(10)
    for language in ("en", "zh_CN"):
        window.set_language(language)
        for index in tabs:
            window.tabs.setCurrentIndex(index)
            qtbot.wait(10)
            for combo in window.findChildren(QComboBox):
                if not combo.isVisible():
                    continue
                fresh = QComboBox()   # sized to these items from scratch
                fresh.addItems([combo.itemText(i) for i in range(combo.count())])
                assert combo.width() >= fresh.sizeHint().width() - 1, (
                    language, combo.objectName(), combo.currentText())


def test_the_spectrum_words_fit_their_label_in_either_language(qtbot):
    """The lines under the Jacobian spectrum (a relu network: some singular values below the
    float64 floor, so there are four) are never cut off: not in Chinese, whose glyphs come
    from a taller fallback font than the label's own (its fourth line was cut in half), and
    not where a narrow window wraps them."""
    from engine import SimConfig
    from gui import MainWindow
    from gui.executors import SyncExecutor
    from gui.window_tabs import TAB_NAMES

    config = SimConfig.from_dict({"depth": 6, "widths": "64,32,32,32,32,32,64",
                                  "activation": "relu", "init": "he", "batch": 16})
    languages = ["en"] + ([] if i18n.missing_font("zh_CN") else ["zh_CN"])
    for language in languages:
        window = MainWindow(config, executor=SyncExecutor(), language=language)
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.show()
        window.tabs.setCurrentIndex(TAB_NAMES.index("Jacobian spectrum"))
        view = window.tabs.spectrum
        qtbot.waitUntil(lambda: view.spectrum is not None and not view.busy(), timeout=30000)
        label = view.text
        assert view.spectrum.below_floor > 0 and label.text().count("<br>") == 3
        for width in (1366, 800):
            window.resize(width, 768)
            qtbot.waitUntil(lambda: label.height() >= label.heightForWidth(label.width()),
                            timeout=2000)
        assert label.heightForWidth(label.width()) > label.minimumHeight()   # wrapped at 800
        window.close()


def test_the_readout_shows_every_line_in_chinese_in_a_small_window(qtbot, small_config):
    """Chinese glyphs come from a taller fallback font: at 1024 × 700 the readout's fixed
    height cut its last line in half, a preset's hint or not. It takes the height its lines
    need, and again when the language changes."""
    from gui import MainWindow, presets
    from gui.executors import SyncExecutor

    if i18n.missing_font("zh_CN"):
        pytest.skip("no Chinese font installed")
    window = MainWindow(small_config, executor=SyncExecutor(), language="en")
    qtbot.addWidget(window)
    window.controller.stream.gap_s = 0.0   # each change its own, not a drag's
    window.resize(1024, 700)
    window.show()
    readout = window.dashboard.readout
    for preset in (None, "Linear MLP, γ = 1/n"):
        if preset is not None:
            window.apply_preset(next(p for p in presets.PRESETS if p.name == preset))
        window.set_language("zh_CN")
        qtbot.waitUntil(lambda: window.result() is not None and window.result().config
                        == window.config() and not window.dashboard.pending(), timeout=15000)
        assert "设置" in readout.text() and ("注意观察" in readout.text()) == bool(preset)
        qtbot.waitUntil(lambda: readout.hidden_height() == 0,   # the text view lays out late
                        timeout=15000)
        assert readout.height() >= readout.needed_height()
        window.set_language("en")
    window.close()


def test_axis_labels_stay_centred_on_their_axes_after_a_switch_of_language(
        qtbot, small_config, plotted):
    """pyqtgraph places an axis's label when the axis is resized, not when its text changes:
    after a switch to English the heatmaps' colour bars kept the place of the shorter Chinese
    label, and "log₁₀ Var[∂ℓ/∂hᵢ] (decades)" ran off the top of the window (in the PNG too)."""
    import pyqtgraph as pg

    from gui import MainWindow
    from gui.color_bar import TitleAxis
    from gui.executors import SyncExecutor

    window = MainWindow(small_config, executor=SyncExecutor(), language="zh_CN")
    qtbot.addWidget(window)
    window.resize(1366, 720)
    window.show()
    plotted(window)
    window.set_language("en")
    qtbot.wait(10)
    axes = [item for view in window.findChildren(pg.GraphicsView) if view.isVisible()
            for item in view.scene().items()
            if isinstance(item, pg.AxisItem) and item.label.isVisible() and item.labelText]
    assert len(axes) >= 8
    for axis in axes:
        label = axis.mapRectFromItem(axis.label, axis.label.boundingRect())
        vertical = axis.orientation in ("left", "right")
        middle, length = (label.center().y(), axis.size().height()) if vertical else \
            (label.center().x(), axis.size().width())
        if isinstance(axis, TitleAxis) and label.height() > length:   # raised off the map's
            top = axis.mapRectFromItem(axis.topLevelItem(), axis.topLevelItem().boundingRect())
            assert length - 1 <= label.bottom() <= length / 2 + label.height() / 2 + 1
            assert label.top() >= top.top() - 1   # (as far as its widget lets it: bottom axis)
        else:
            assert abs(middle - length / 2) <= 1.5, (axis.labelText, middle, length)
