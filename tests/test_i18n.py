"""The window's languages: the translation files are complete and current, the language follows
the system locale, View ▸ Language switches at once, is remembered and leaks nothing, and every
refusal of the engine can be worded (a Chinese window's texts and their room:
`test_i18n_fit`)."""

import re
import shutil
import string
import xml.etree.ElementTree as ET

import pytest

from engine import SimConfig

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
    # GNU's LANGUAGE, by preference, before them, as gettext reads it (a locale tour: under
    # LANG=en_US, LANGUAGE=zh_CN:en had English), but not under the C locale
    monkeypatch.setenv("LANGUAGE", "de:zh_CN:en")
    assert i18n.system_language() == "zh_CN"
    monkeypatch.setenv("LC_ALL", "C")
    assert i18n.system_language() == "en"


def _zh(source: str, context: str = "MainWindow") -> str:
    return i18n.translate(context, source)


def test_a_window_made_under_a_chinese_locale_is_chinese(qtbot, monkeypatch, small_config):
    from gui import MainWindow
    from gui.executors import SyncExecutor

    # the locale as `system_language` reads it (tested above): setting LANG here would fix
    # the process's fallback fonts to Chinese ones for good, if they were first looked up
    # now (taller lines: later English windows at 1024 × 700 had their readout cut)
    monkeypatch.setattr(i18n, "system_language", lambda: "zh_CN")
    window = MainWindow(small_config, executor=SyncExecutor())
    qtbot.addWidget(window)
    assert i18n.current() == "zh_CN"
    title = window.windowTitle()
    assert title != "InitLab — signal and gradient variance at initialization"
    assert re.search("[\u4e00-\u9fff]", title), title
    assert window.tabs.tabText(0) == _zh("Network") != "Network"
    # identity and linear are words, not formulas' names: worded too (a tour), in the
    # activation box and in the readout's setting line
    combo = window.controls.widget("activation")
    assert combo.itemText(combo.findData("identity")) == "恒等"
    assert combo.itemText(combo.findData("tanh")) == "tanh"
    from gui.config_texts import config_text

    text = config_text(SimConfig.from_dict({"activation": "linear", "init": "constant"}))
    assert text.startswith("仿射（α = 1，β = 0） · 常数方差 γ = 0.01，正态 · ")


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


def test_a_language_asked_for_once_leaves_the_one_chosen(qtbot, settings_file, monkeypatch):
    """A locale tour: one launch with --lang zh_CN (copied from a tutorial) made every later
    launch Chinese, over English chosen in View ▸ Language; and the system's language of a
    first launch was kept as if chosen (the system moved to English, the window stayed
    Chinese)."""
    from gui import settings
    from gui.app import create_window
    from worker_probe import ManualExecutor

    monkeypatch.setattr(i18n, "system_language", lambda: "zh_CN")
    first = create_window(executor=ManualExecutor())          # the system's language …
    qtbot.addWidget(first)
    assert i18n.current() == "zh_CN"
    first.close()
    assert settings.load().language is None                     # … not kept as chosen
    chosen = create_window(executor=ManualExecutor())
    qtbot.addWidget(chosen)
    chosen.menus.language_actions["en"].trigger()               # chosen in the menu: kept
    chosen.close()
    once = create_window(executor=ManualExecutor(), language="zh_CN")   # --lang zh_CN
    qtbot.addWidget(once)
    assert i18n.current() == "zh_CN"
    once.close()
    assert settings.load().language == "en"
    later = create_window(executor=ManualExecutor())
    qtbot.addWidget(later)
    assert i18n.current() == "en"
    later.close()


def test_the_c_librarys_messages_stay_in_c_under_the_window(qapp):
    """A locale tour: Qt sets the C library's locale from the system's, and a German
    system's error texts came into an English window ("Datei oder Verzeichnis nicht
    gefunden"); they are C's, which the window words in its own language."""
    import locale

    from gui.app import make_app

    make_app()
    assert locale.setlocale(locale.LC_MESSAGES) == "C"
    assert locale.setlocale(locale.LC_NUMERIC) == "C"


def test_the_lang_option_is_checked_without_qt(tmp_path):
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "main.py", "--lang", "xx", "--stats",
                          str(tmp_path / "a.csv")], capture_output=True, text=True)
    assert out.returncode == 2
    assert out.stderr.startswith("error: lang: must be one of en, zh_CN")
    assert not (tmp_path / "a.csv").exists()


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


def _allowed_words(exc) -> set:
    """The words a refusal may keep in any language: its values' (keys, names as typed), the
    key of a refusal it holds, and a sweep's START, STOP and N as the command line has them."""
    from engine import ConfigError

    words = {"START", "STOP", "N"}
    for value in exc.values.values():
        if isinstance(value, ConfigError):
            words |= {value.key} | _allowed_words(value)
        elif value != " (whole numbers)":   # (a phrase of the engine's, worded)
            words |= set(re.findall(r"[A-Za-z_]+", str(value)))
    return words


def test_a_sweeps_and_the_spectrums_refusals_are_said_in_chinese(qapp, tmp_path):
    """A review: a sweep's refusals, the spectrum's limits and a tab with nothing to export
    had no template, and a Chinese window said them in English; a refusal at one value of a
    sweep words the refusal it holds too. The numbers stay."""
    from types import SimpleNamespace

    from engine import ConfigError
    from engine_checks import sweep_and_spectrum_refusals
    from gui import files
    from gui.config_errors import reason_text

    refusals = sweep_and_spectrum_refusals()
    with pytest.raises(ConfigError) as info:
        files.write_panel_stats(tmp_path / "x.csv", SimpleNamespace(stats_text=lambda _: None))
    refusals.append(info.value)
    try:
        i18n.install("zh_CN")
        for exc in refusals:
            said = reason_text(exc)
            english = set(re.findall(r"[A-Za-z_]+", said)) - _allowed_words(exc)
            assert not english, (exc.reason, said)
            numbers = [sorted(re.findall(r"[\d.]+", text)) for text in (said, exc.reason)]
            assert numbers[0] == numbers[1], (exc.reason, said)
        nested = refusals[8]
        assert reason_text(nested) == "在 width = 53504 处：width：必须介于 1 和 16384 之间，" \
                                      "输入为 53504"
    finally:
        i18n.install("en")
    assert reason_text(nested) == nested.reason


@pytest.mark.parametrize("text", ["", "{a: 1}", '{"a" 1}', '{"a": 1 "b": 2}', '"abc',
                                  '{"a": 1} x', '"a\x01"', '"\\q"', '"\\u12"', "[1,]",
                                  '{"a": 1,}'])
def test_a_file_that_is_not_json_is_said_in_chinese(qapp, text):
    """A keyboard tour: opening a file that is not JSON read "notjson.json 不是有效的 JSON
    （第 1 行第 1 列：Expecting value）", Python's parser's words left in English."""
    from engine import ConfigError
    from engine.config_files import loads_config
    from gui.config_errors import reason_text

    with pytest.raises(ConfigError) as info:
        loads_config(text, "a.json")
    try:
        i18n.install("zh_CN")
        said = reason_text(info.value)
    finally:
        i18n.install("en")
    assert said.startswith("a.json 不是有效的 JSON（第 1 行第 ")
    words = said.removeprefix("a.json").replace("JSON", "").replace("\\uXXXX", "")
    assert not re.findall(r"[A-Za-z]{2,}", words), said


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


def test_a_quoted_text_takes_the_languages_quotes(window):
    """A tour: Chinese refusals quoted what was typed as Python does, 'abc'."""
    field = window.controls.widget("seed")
    field.setText("abc")
    field.textEdited.emit("abc")
    assert "got 'abc'" in window.controls.error_text("seed")
    window.set_language("zh_CN")
    assert "“abc”" in window.controls.error_text("seed")
    assert "'abc'" not in window.controls.error_text("seed")

    # the example in the same quotes as what was typed (a tour: 无法解析 “784 256 10”；
    # 请按 '784, 256x3, 10' 的格式)
    field = window.controls.widget("widths")
    for typed in ("784 256 10", ""):
        field.setText(typed)
        field.textEdited.emit(typed)
        text = window.controls.error_text("widths")
        assert "“784, 256x3, 10”" in text and "'" not in text


def test_the_status_bar_names_a_refused_field_as_the_controls_do(window):
    """In Chinese the status bar said "widths：第 1 项必须至少为 1…": the field's key, and its
    entries counted from 0 (the 0 of "784, 0, 10" is the second one typed)."""
    window.set_language("zh_CN")
    field = window.controls.widget("widths")
    field.setText("784, 0, 10")
    field.textEdited.emit("784, 0, 10")
    message = window.statusBar().currentMessage()
    label = window.controls.label("widths")
    assert label != "widths" and message.startswith(label + "：") and "widths" not in message
    assert _zh("entry {i} must be at least 1, got {shown}", "ConfigError").format(
        i=2, shown=0) in message
    assert window.controls.problem.text().startswith(label)
    # back in English the message would have stayed Chinese: it goes (the line under the
    # controls, re-worded, still says it)
    window.set_language("en")
    assert window.statusBar().currentMessage() == ""
    assert window.controls.problem.text().startswith("widths")


def test_a_refusal_leaves_the_status_bar_once_a_valid_value_is_typed(window):
    """Each keystroke is tried: typing "42" into the seed refused the empty text first, and
    the status bar said "seed: must be a whole number" for 8 s over a valid seed."""
    field = window.controls.widget("seed")
    for text in ("", "4", "42"):
        field.setText(text)
        field.textEdited.emit(text)
        if not text:
            assert window.statusBar().currentMessage().startswith("seed:")
    assert window.config().seed == 42
    assert window.statusBar().currentMessage() == "" and window.controls.problem.text() == ""
    window.statusBar().showMessage("Pinned run 1", 5000)   # not a refusal: it stays
    field.setText("43")
    field.textEdited.emit("43")
    assert window.statusBar().currentMessage() == "Pinned run 1"


def test_qts_own_file_dialog_speaks_chinese(qapp, tmp_path):
    """A tour: the export dialog (Qt's own, on Linux) read "Look in:" and "Files of type:"
    beside 文件名称 and 保存: Qt's Chinese catalogue lacks those two; ours has them. Its
    column of file sizes read 体积 (a volume), Qt's word, and each folder's type "Folder"
    (Qt 6 asks a context its catalogue lacks); ours are 大小 and 文件夹."""
    from PySide6.QtCore import QFileInfo, Qt
    from PySide6.QtWidgets import QFileDialog, QFileIconProvider, QFileSystemModel, QLabel

    from gui import i18n

    try:
        i18n.install("zh_CN")
        dialog = QFileDialog(None, "x")
        dialog.setOption(QFileDialog.DontUseNativeDialog, True)
        dialog.setAcceptMode(QFileDialog.AcceptSave)
        labels = [label.text() for label in dialog.findChildren(QLabel)]
        assert "查找范围(&L)：" in labels and "文件类型(&T)：" in labels, labels
        assert not any(c.isascii() and c.isalpha() for text in labels
                       for c in text.replace("&L", "").replace("&T", "").replace("&N", ""))
        model = dialog.findChild(QFileSystemModel)
        headers = [model.headerData(i, Qt.Horizontal) for i in range(model.columnCount())]
        assert headers[:2] == ["名称", "大小"], headers
        assert QFileIconProvider().type(QFileInfo(str(tmp_path))) == "文件夹"
        dialog.deleteLater()
    finally:
        i18n.install("en")


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_lesson_reads_without_stray_braces(qapp, language):
    """A review: step 10's Chinese wrote n_{{t−1}} (doubled as a formatted text needs) in a
    text that is typeset unformatted, and read "n{t−1}" with a stray brace."""
    from PySide6.QtCore import QCoreApplication

    from gui import i18n
    from gui.lesson_text import paragraphs_html
    from gui.lesson_steps import STEPS

    try:
        i18n.install(language)
        for number, step in enumerate(STEPS, start=1):
            for text in (step.title, step.text, step.formula, step.hint):
                shown = paragraphs_html(QCoreApplication.translate("Lesson", text)) if text else ""
                assert "{" not in shown and "}" not in shown, (number, shown)
    finally:
        i18n.install("en")


def test_chinese_is_drawn_in_simplified_chinese_shapes(qapp):
    """门, 骨 and 直 differ between Chinese and Japanese faces; under an English or C locale
    Qt took the system's first CJK face, the Japanese one, for the window and its PDFs (a
    teacher's tour). 简体中文 puts a Simplified Chinese face after the window's own; English
    restores the font as it was."""
    from PySide6.QtGui import QColor, QFont, QFontDatabase, QFontInfo, QImage, QPainter

    installed = set(QFontDatabase.families())
    if not {"Noto Sans CJK SC", "Noto Sans CJK JP"} <= installed:
        pytest.skip("needs Noto Sans CJK SC and JP to tell their shapes apart")

    def drawn(font):
        image = QImage(120, 40, QImage.Format_RGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        font = QFont(font)
        font.setPixelSize(24)
        painter.setFont(font)
        painter.drawText(2, 30, "门骨直")
        painter.end()
        return image

    before = qapp.font()
    sc, jp = drawn(QFont("Noto Sans CJK SC")), drawn(QFont("Noto Sans CJK JP"))
    assert sc != jp
    try:
        i18n.install("zh_CN")
        assert drawn(qapp.font()) == sc
        latin = QFont(qapp.font())
        assert QFontInfo(latin).family() == QFontInfo(before).family()   # Latin as before
    finally:
        i18n.install("en")
    assert qapp.font() == before


def test_plots_made_in_english_draw_chinese_in_chinese_shapes_after_a_switch(qapp):
    """A teacher's tour: a window started in English and switched to 简体中文 drew its plots'
    titles and legends in Noto Sans CJK JP (their items kept the fonts they were made with),
    so "：" sat centred and Han characters took Japanese forms in its PDFs; a window started
    in Chinese drew them in the SC face."""
    import pyqtgraph as pg
    from PySide6.QtGui import QFontDatabase
    from PySide6.QtWidgets import QGraphicsTextItem

    if "Noto Sans CJK SC" not in set(QFontDatabase.families()):
        pytest.skip("needs a Simplified Chinese face")
    plot = pg.PlotWidget(title="variance")
    plot.setLabel("left", "log10 variance")
    plot.addLegend().addItem(pg.PlotDataItem([0, 1]), "forward")

    def families():
        return {tuple(item.font().families()) for item in plot.scene().items()
                if isinstance(item, QGraphicsTextItem)}

    english = families()
    assert len(english) == 1 and "Noto Sans CJK SC" not in next(iter(english))
    try:
        i18n.install("zh_CN")
        assert families() == {tuple(qapp.font().families())}
        assert "Noto Sans CJK SC" in qapp.font().families()
    finally:
        i18n.install("en")
    assert families() == english
    plot.close()
