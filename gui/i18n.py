"""The window's languages: English (the source text) and 简体中文, through Qt's translators.

Every visible string is written in English inside `translate("Context", "…")` (Qt's
`QCoreApplication.translate`), so `pyside6-lupdate` finds it; the translations live in
`gui/i18n/initlab_<language>.ts` and are compiled to `.qm` files beside them
(`python -m gui.translations` regenerates both). `install(language)` swaps the application's
translators (ours and Qt's own, for standard buttons and dialogs); Qt then sends every widget a
LanguageChange event and the window re-words itself.

The language is, in order: `--lang` on the command line, the one chosen in View ▸ Language
(remembered), the system locale (LC_ALL, LC_MESSAGES, LANG, then Qt's view of the system).
The command line's messages and the CSV/JSON keys stay English: they are a data contract.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import (QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QLibraryInfo, QLocale,
                            QTranslator)
from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QGuiApplication
from PySide6.QtWidgets import (QApplication, QGraphicsSimpleTextItem, QGraphicsTextItem,
                               QGraphicsView)

from .languages import LANGUAGES, SOURCE, normalize

I18N_DIR = Path(__file__).with_name("i18n")
CJK_FONT_PACKAGE = "fonts-noto-cjk"

translate = QCoreApplication.translate

# Qt's own file dialog words that Qt's Chinese catalogue lacks (its "File &name:" is there,
# "Look in:" is not; a folder's type is asked of a context Qt 6 renamed, so it read "Folder"),
# and one it words amiss (a file's "Size" as 体积, a volume): our catalogue answers for them,
# as it is asked first.
QT_DIALOG_WORDS = (QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
                   QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
                   QT_TRANSLATE_NOOP("QFileSystemModel", "Size"),
                   QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Drive"),
                   # (lupdate reads a disambiguation in translate() only; no translator is
                   # installed yet, so these are the source words)
                   translate("QAbstractFileIconProvider", "Folder", "All other platforms"),
                   translate("QAbstractFileIconProvider", "File Folder", "Match Windows Explorer"))

# Simplified Chinese faces, the usual ones of Linux, Windows and macOS: put after the window's
# own font when the language is 简体中文, so that Han characters are drawn in Chinese shapes.
# Otherwise Qt takes the system's first CJK face, under an English or C locale often the
# Japanese one (门, 骨 and 直 drawn, and a PDF embedded, in Noto Sans CJK JP: a teacher's tour).
SIMPLIFIED_CHINESE_FAMILIES = (
    "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN",
    "Microsoft YaHei", "PingFang SC", "Hiragino Sans GB", "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei", "SimHei", "Droid Sans Fallback")

_installed: list[QTranslator] = []
_base_font: QFont | None = None   # the application's font before 简体中文's faces were added
_loaded: dict[str, list[QTranslator]] = {}   # language → its translators, loaded once
_current = SOURCE


class Retranslates:
    """Mixed into a widget (before its Qt class) that words its texts in `retranslate()`: Qt's
    LanguageChange event calls it, unless `can_retranslate()` says there is nothing to word."""

    def changeEvent(self, event) -> None:  # Qt override
        if event.type() == QEvent.LanguageChange and self.can_retranslate():
            self.retranslate()
        super().changeEvent(event)

    def can_retranslate(self) -> bool:
        # a closed pyqtgraph view has dropped its items (GraphicsView.close) but may live on
        return not getattr(self, "closed", False)

    def retranslate(self) -> None:
        raise NotImplementedError


def system_language() -> str:
    """The language of the system locale: the POSIX variables first (as the C library reads
    them; GNU's LANGUAGE, languages by preference, before them where the locale is not C,
    as gettext reads it: a tour's LANGUAGE=zh_CN:en beside LANG=en_US got English), else
    Qt's view of the system; English when neither names a language we have."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            if value.split(".")[0] not in ("C", "POSIX"):
                preferred = (normalize(p) for p in os.environ.get("LANGUAGE", "").split(":"))
                return next((p for p in preferred if p), None) or normalize(value) or SOURCE
            return normalize(value) or SOURCE
    return normalize(QLocale.system().name()) or SOURCE


def current() -> str:
    """The language installed now ("en" until `install` is called)."""
    return _current


def install(language: str) -> str:
    """Make `language` (a key of LANGUAGES) the application's language; returns it. Widgets
    are told by Qt's LanguageChange event."""
    global _current
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}: one of {', '.join(LANGUAGES)}")
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("create the QApplication before installing a language")
    if language == _current and (_installed or language == SOURCE):
        return language
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if language != SOURCE:
        _installed.extend(_translators(app, language))
        for translator in _installed:
            app.installTranslator(translator)
    _current = language
    _use_fonts(language)
    return language


def _use_fonts(language: str) -> None:
    """The application font for `language`: its own, and for 简体中文 followed by the
    installed Simplified Chinese faces (`SIMPLIFIED_CHINESE_FAMILIES`)."""
    global _base_font
    app = QCoreApplication.instance()
    if not isinstance(app, QGuiApplication):
        return
    before = app.font().families()
    if language != "zh_CN":
        if _base_font is not None:   # as it was before 简体中文
            app.setFont(_base_font)
            _base_font = None
    else:
        installed = set(QFontDatabase.families())
        chinese = [f for f in SIMPLIFIED_CHINESE_FAMILIES if f in installed]
        if _base_font is None and chinese:
            _base_font = app.font()
            font = QFont(_base_font)
            # the family the font resolves to first, not its name: a fontconfig alias ("Sans
            # Serif") is no family of Qt's, and a list starting with one matched the next,
            # the Chinese face, for Latin text too
            font.setFamilies([QFontInfo(_base_font).family(), *chinese])
            app.setFont(font)
    if app.font().families() != before:
        _refont_plots(before, app.font().families())


def _refont_plots(before: list[str], after: list[str]) -> None:
    """The plots' text items in the application's new families: each keeps the font it was
    given (a copy of the application's, sized), families included, so a plot made in English
    drew its Chinese titles and legends in the system's first CJK face, the Japanese one,
    after a switch to 简体中文 (a teacher's tour). Items in other families keep them."""
    for view in QApplication.allWidgets():
        if not isinstance(view, QGraphicsView) or view.scene() is None:
            continue
        for item in view.scene().items():
            if isinstance(item, (QGraphicsTextItem, QGraphicsSimpleTextItem)) \
                    and item.font().families() == before:
                font = QFont(item.font())
                font.setFamilies(after)
                item.setFont(font)


def _translators(app, language: str) -> list[QTranslator]:
    """Qt's own translator for `language` (standard buttons, dialogs), if Qt ships one, then
    ours (searched first: the last installed wins)."""
    if language not in _loaded:
        ours = QTranslator(app)
        if not ours.load(f"initlab_{language}", str(I18N_DIR)):
            raise RuntimeError(f"the translation file initlab_{language}.qm is missing "
                               f"from {I18N_DIR.name}/")
        qt = QTranslator(app)
        found = qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.TranslationsPath))
        _loaded[language] = [qt, ours] if found else [ours]
    return _loaded[language]


def missing_font(language: str) -> str | None:
    """What to install when no font can draw `language` (e.g. Chinese without a CJK font),
    else None."""
    if language != "zh_CN":
        return None
    if QFontDatabase.families(QFontDatabase.SimplifiedChinese):
        return None
    return translate("i18n", "No Chinese font is installed, so Chinese text shows as boxes: "
                             "install one, e.g. the package {package} on Debian/Ubuntu."
                     ).format(package=CJK_FONT_PACKAGE)
