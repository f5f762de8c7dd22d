"""The window's languages: the translation files are complete and current, the language follows
the system locale, View ▸ Language switches at once and is remembered, and a Chinese window
shows no English source text anywhere (widgets, actions, tooltips, plot labels, all tabs)."""

import html
import re
import shutil
import string
import xml.etree.ElementTree as ET

import pytest

pytest.importorskip("PySide6")

from gui import i18n, translations  # noqa: E402
from gui.languages import LANGUAGES, normalize  # noqa: E402


def _fields(text: str):
    """The str.format fields of `text` (sorted), or the error str.format would raise: a
    translation must take the same .format(...) as its source."""
    try:
        return sorted(name for _, name, _, _ in string.Formatter().parse(text) if name is not None)
    except ValueError as exc:
        return f"unformattable: {exc}"


def _messages(ts_path):
    """{(context, source): (translation, type)} of a .ts file."""
    root = ET.parse(ts_path).getroot()
    out = {}
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            tr = message.find("translation")
            out[(name, message.findtext("source"))] = (tr.text or "", tr.get("type"))
    return out


@pytest.mark.parametrize("language", [code for code in LANGUAGES if code != i18n.SOURCE])
def test_the_translation_files_are_current_and_complete(tmp_path, language):
    committed = translations.ts_path(language)
    fresh = tmp_path / committed.name
    shutil.copy(committed, fresh)
    translations.lupdate(fresh)   # what `python -m gui.translations` would make of the sources
    ours, theirs = _messages(committed), _messages(fresh)
    assert set(theirs) == set(ours), (
        "gui/i18n is out of date: run `python -m gui.translations` and translate the new "
        f"strings; new: {sorted(set(theirs) - set(ours))[:5]}, "
        f"gone: {sorted(set(ours) - set(theirs))[:5]}")
    unfinished = [key for key, (text, kind) in ours.items() if kind or not text.strip()]
    assert not unfinished, f"{len(unfinished)} unfinished, e.g. {unfinished[:5]}"
    for (context, source), (text, _) in ours.items():
        assert _fields(text) == _fields(source), (
            f"{context}: the translation of {source!r} must keep its {{placeholders}} and "
            "double the braces that are not placeholders")
    qm = tmp_path / "fresh.qm"
    translations.lrelease(committed, qm)
    assert qm.read_bytes() == committed.with_suffix(".qm").read_bytes(), (
        "the .qm is older than its .ts: run `python -m gui.translations`")


@pytest.mark.parametrize("name, code", [
    ("zh_CN.UTF-8", "zh_CN"), ("zh_CN", "zh_CN"), ("zh-Hans", "zh_CN"), ("zh_SG.UTF-8", "zh_CN"),
    ("zh_TW.UTF-8", None), ("en_US.UTF-8", "en"), ("C.UTF-8", "en"), ("POSIX", "en"),
    ("de_DE.UTF-8", None), ("", None), (None, None)])
def test_locale_names_map_to_languages(name, code):
    assert normalize(name) == code


def test_the_system_locale_chooses_the_language(monkeypatch):
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert i18n.system_language() == "zh_CN"
    monkeypatch.setenv("LC_ALL", "en_GB.UTF-8")   # LC_ALL wins over LANG, as in C
    assert i18n.system_language() == "en"
    monkeypatch.setenv("LC_ALL", "fr_FR.UTF-8")   # a language we do not have: English
    assert i18n.system_language() == "en"


def _zh(source: str, context: str = "MainWindow") -> str:
    return i18n.translate(context, source)


def test_a_window_made_under_a_chinese_locale_is_chinese(qtbot, monkeypatch, small_config):
    from gui import MainWindow
    from gui.executors import SyncExecutor

    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    window = MainWindow(small_config, executor=SyncExecutor())
    qtbot.addWidget(window)
    assert i18n.current() == "zh_CN"
    title = window.windowTitle()
    assert title != "InitLab — signal and gradient variance at initialization"
    assert re.search("[\u4e00-\u9fff]", title), title
    assert window.tabs.tabText(0) == _zh("Network") != "Network"


def test_view_language_switches_at_once_and_is_remembered(qtbot, settings_file, plotted):
    from gui.app import create_window
    from gui.executors import SyncExecutor

    window = create_window(executor=SyncExecutor())
    qtbot.addWidget(window)
    window.show()
    plotted(window)
    readout = window.dashboard.readout.text()
    chinese = window.menus.language_actions["zh_CN"]
    assert chinese in _all_actions(window)
    chinese.trigger()
    assert i18n.current() == "zh_CN"
    assert window.tabs.tabText(0) != "Network"
    assert window.menuBar().actions()[0].text() != "&File"
    assert window.dashboard.readout.text() != readout          # re-worded, not re-run
    assert chinese.isChecked() and not window.menus.language_actions["en"].isChecked()
    window.close()
    again = create_window(executor=SyncExecutor())
    qtbot.addWidget(again)
    assert i18n.current() == "zh_CN"                            # remembered
    again.menus.language_actions["en"].trigger()
    assert again.tabs.tabText(0) == "Network"
    assert again.menuBar().actions()[0].text() == "&File"
    again.close()


def test_the_lang_option_is_checked_without_qt(tmp_path):
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "main.py", "--lang", "xx", "--stats",
                          str(tmp_path / "a.csv")], capture_output=True, text=True)
    assert out.returncode == 2
    assert out.stderr.startswith("error: lang: must be one of en, zh_CN")
    assert not (tmp_path / "a.csv").exists()


# -- every visible text of a Chinese window ---------------------------------------------------
# Words that stay as they are in Chinese: activation and rule names, symbols, units, formats.
ALLOWED_WORDS = {
    "identity", "linear", "sigmoid", "sigmoid_scaled", "tanh", "relu", "leaky_relu", "elu",
    "selu", "gelu", "swish", "softplus", "Xavier", "He", "LeCun", "Glorot", "Bengio", "Poole",
    "Hanin", "Rolnick", "Kaiming", "fan_in", "fan_out", "fan_avg", "InitLab", "PNG", "CSV",
    "JSON", "Var", "exp", "log", "erf", "max", "min", "sqrt", "tanh'", "Esc", "Ctrl", "Shift",
    "Alt", "English", "Dive", "into", "Deep", "Learning", "Taylor", "Jacobian", "Monte",
    "Carlo", "std", "et", "al", "noto", "cjk", "fonts", "Debian", "Ubuntu", "MLP",
    "Schoenholz", "Pennington", "Saxe", "ReLU", "GELU", "SELU", "ELU", "Tanh", "Sigmoid",
    "leaky", "fan",   # fan: the symbol of fan_in / fan_out (γ = 2/fan)
    "PyTorch", "Keras", "MNIST", "Fashion", "IDX", "SGD", "Adam",
}
# A tooltip's line naming the PyTorch and Keras initializers is code, not words.
LIBRARY_LINE = re.compile(r"^PyTorch[:：].*$", re.M)
# The gain as a symbol inside formulas (γ_t → gain²·γ_t); elsewhere it is a word to translate.
FORMULA_WORDS = re.compile(r"gain²|\S+-ubyte\S*")   # …, and file names

_WORD = re.compile(r"[A-Za-z_'][A-Za-z_']+")   # a token with "_" is a symbol: n_in, q_t


def _plain(text: str) -> str:
    text = re.sub(r"<[^>]+>", " ", text or "")
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
        panel = window.tabs.widget(index)
        busy = getattr(panel, "busy", None)
        if busy is not None:
            qtbot.waitUntil(lambda p=panel: not p.busy(), timeout=30000)
        qtbot.wait(10)
    english = [(where, text, words) for where, text in _visible_texts(window)
               if (words := _english_words(text))]
    assert not english, "\n".join(f"{w}: {t[:90]!r} {ws}" for w, t, ws in english[:40])


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


def _all_actions(window):
    """Every action reachable from the menu bar."""
    found, todo = [], list(window.menuBar().actions())
    while todo:
        action = todo.pop()
        found.append(action)
        if action.menu() is not None:
            todo += action.menu().actions()
    return found


def test_switching_languages_back_and_forth_leaks_nothing(qtbot, small_config):
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QMenu

    from gui import MainWindow
    from gui.executors import SyncExecutor

    window = MainWindow(small_config, executor=SyncExecutor())
    qtbot.addWidget(window)
    menus, actions = len(window.findChildren(QMenu)), len(window.findChildren(QAction))
    texts = [a.text() for a in _all_actions(window)]
    for language in ("zh_CN", "en", "zh_CN", "en"):
        window.set_language(language)
    assert len(window.findChildren(QMenu)) == menus
    assert len(window.findChildren(QAction)) == actions
    assert [a.text() for a in _all_actions(window)] == texts          # English again, in full
    shortcuts = [a.shortcut().toString() for a in window.findChildren(QAction)
                 if not a.shortcut().isEmpty()]
    assert len(shortcuts) == len(set(shortcuts)), shortcuts
    assert window.lesson_action.text() == "&Lesson"


def test_every_refusal_of_the_engine_can_be_worded():
    """Each template of ConfigError.of (engine and gui/files.py) is listed for translation."""
    import ast
    from pathlib import Path

    from gui.config_errors import TEMPLATES

    root = Path(__file__).resolve().parents[1]
    used = set()
    for path in [*(root / "engine").rglob("*.py"), root / "gui" / "files.py",
                 root / "gui" / "settings.py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "of" and getattr(node.func.value, "id", "") == "ConfigError"):
                used.add(ast.literal_eval(node.args[1]))
    assert used and not used - set(TEMPLATES), sorted(used - set(TEMPLATES))


def test_a_refused_field_keeps_its_text_and_is_reworded(window):
    field = window.controls.widget("widths")
    field.setText("16, abc")
    field.textEdited.emit("16, abc")
    english = window.controls.error_text("widths")
    assert english.startswith("cannot read")
    window.set_language("zh_CN")
    assert field.text() == "16, abc"                      # what the user typed stays
    assert window.controls.error_text("widths") != english
    window.set_language("en")
    assert window.controls.error_text("widths") == english


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
    window.controller.stream_gap_s = 0.0   # each change its own, not a drag's
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
        qtbot.waitUntil(lambda: readout.hidden_height() == 0)   # the scroll area lays out late
        assert readout.height() >= readout.needed_height()
        window.set_language("en")
    window.close()
