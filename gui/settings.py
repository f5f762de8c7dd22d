"""The last config, window geometry, language (the one chosen in View ▸ Language), lesson step
and colour scale, and the view (the tab shown, the lesson open, the Training tab's comparison,
the Sweep tab's gains and view), kept in QSettings between launches.

The store is an INI file in the user's config folder; the environment variable
``INITLAB_SETTINGS`` names another file instead (tests use it, so they never touch the user's
settings). Anything unreadable in the store is reported as a problem and the defaults are used.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from dataclasses import dataclass, field

from PySide6.QtCore import QT_TRANSLATE_NOOP, QByteArray, QSettings

from engine import ConfigError, SimConfig
from engine.cli_options import VIEWS
from engine.config_files import COMPARE, MAX_CONFIG_BYTES, loads_config
from engine.sweep_range import usable_state

from .config_errors import problem_text
from .i18n import LANGUAGES, translate

ENV_VAR = "INITLAB_SETTINGS"
KEYS = ("config", "geometry", "version", "language", "lesson_step", "grey_safe", "tab",
        "lesson_open", "compare", "sweep")
VERSION = 2   # 2: the Sweep tab's fields ("sweep"), a key version 1 reads as unrecognized
UNRECOGNIZED = QT_TRANSLATE_NOOP("Settings", "the settings file has unrecognized content")
# QSettings.Status's names, in words
STATUS_WORDS = {"AccessError": QT_TRANSLATE_NOOP("Settings", "it cannot be opened"),
                "FormatError": QT_TRANSLATE_NOOP("Settings", "it is not in the INI format")}


def open_settings() -> QSettings:
    path = os.environ.get(ENV_VAR)
    if path:
        return QSettings(path, QSettings.IniFormat)
    return QSettings(QSettings.IniFormat, QSettings.UserScope, "InitLab", "InitLab")


@dataclass
class Stored:
    """What the store held: each part None when absent or unusable; `problem` says why."""

    config: SimConfig | None = None
    geometry: QByteArray | None = None
    language: str | None = None      # a key of gui.i18n.LANGUAGES, chosen in View ▸ Language
    lesson_step: int = 0
    grey_safe: bool = False           # View ▸ Grey-safe colour scale
    tab: str | None = None            # the tab shown, by its --view name ("training")
    lesson_open: bool = False
    compare: str = "single"           # the Training tab's comparison (COMPARE)
    sweep: dict | None = None         # the Sweep tab's fields (`engine.sweep_range.usable_state`)
    problem: str | None = None        # source text (a QT_TRANSLATE_NOOP of "Settings")
    problem_values: dict = field(default_factory=dict)
    newer: bool = False               # written by a newer version: never overwritten here

    def problem_text(self) -> str | None:
        """The problem in the current language."""
        if self.problem is None:
            return None
        values = {k: problem_text(v) if isinstance(v, ConfigError)
                  else translate("Settings", v) if k == "status" else v
                  for k, v in self.problem_values.items()}   # worded now, not when loaded
        return translate("Settings", self.problem).format(**values)


def load(settings: QSettings | None = None) -> Stored:
    settings = settings or open_settings()
    if settings.status() != QSettings.NoError:
        return Stored(problem=QT_TRANSLATE_NOOP(
            "Settings", "the settings file could not be read ({status})"),
            problem_values={"status": STATUS_WORDS.get(settings.status().name,
                                                       settings.status().name)})
    keys = settings.allKeys()
    if not keys:
        if _has_content(Path(settings.fileName())):   # (Qt reads garbage as no keys)
            return Stored(problem=UNRECOGNIZED)
        return Stored()  # first launch
    version = settings.value("version")
    if isinstance(version, str) and version.isascii() and version.isdigit() \
            and int(version) > VERSION:   # its keys may mean more than this version knows
        return Stored(newer=True, problem=QT_TRANSLATE_NOOP(
            "Settings", "the settings file is from a newer InitLab (version {version}); it is "
                        "left as it is"), problem_values={"version": version[:6]})
    unknown = [k for k in keys if k not in KEYS]
    if unknown or "config" not in keys:
        return Stored(problem=UNRECOGNIZED)
    out = Stored()
    raw = settings.value("config")
    try:
        if not isinstance(raw, str) or len(raw) > MAX_CONFIG_BYTES:
            raise ConfigError.of("config", "is not a config's text")
        data = loads_config(raw, Path(settings.fileName()).name)
        if not isinstance(data, dict):
            raise ConfigError.of("config", "is not a JSON object")
        out.config, refused = _salvaged(data)
        if refused:
            out.problem = (QT_TRANSLATE_NOOP("Settings", "a saved setting was refused "
                                                         "({problem})")
                           if len(refused) == 1 else
                           QT_TRANSLATE_NOOP("Settings", "{count} saved settings were refused "
                                                         "({problem}, …)"))
            out.problem_values = {"problem": refused[0], "count": len(refused)}
    except ConfigError as exc:
        out.problem = QT_TRANSLATE_NOOP("Settings", "the saved config is invalid ({problem})")
        out.problem_values = {"problem": exc}
    language = settings.value("language")
    if language in LANGUAGES:
        out.language = language
    elif language is not None and out.problem is None:
        out.problem = QT_TRANSLATE_NOOP("Settings", "the saved language is unknown")
    step = settings.value("lesson_step")
    if isinstance(step, str) and step.isascii() and step.isdigit() and len(step) < 4:
        out.lesson_step = int(step)
    out.grey_safe = settings.value("grey_safe") == "true"
    tab = settings.value("tab")
    if tab in VIEWS:
        out.tab = tab
    out.lesson_open = settings.value("lesson_open") == "true"
    if settings.value("compare") in COMPARE:
        out.compare = settings.value("compare")
    out.sweep = _sweep_state(settings.value("sweep"))
    geometry = settings.value("geometry")
    if isinstance(geometry, QByteArray):
        out.geometry = geometry
    elif geometry is not None and out.problem is None:
        out.problem = QT_TRANSLATE_NOOP("Settings", "the saved window geometry is unreadable")
    return out


def _has_content(path: Path) -> bool:
    """`path` is a file with more in it than INI text without keys: white space, section
    headers and comments (a settings file of no keys that Qt read without an error: binary
    garbage, a breaker's tour, had been taken for a first launch, and the window's close
    wrote over it without a word)."""
    try:
        with path.open("rb") as f:
            head = f.read(4096)
    except OSError:
        return False
    try:
        text = head.decode("utf-8-sig")
    except UnicodeDecodeError:
        return True
    return "\0" in text or any(line.strip() and not line.strip().startswith(("[", ";", "#"))
                               for line in text.splitlines())


def _salvaged(data: dict) -> tuple[SimConfig, list[ConfigError]]:
    """The config of `data` without the keys it refuses, and the refusals (an audit: one bad
    value, typed in the file by hand, lost the whole config, and closing the window saved the
    defaults over it). ConfigError if a refusal names no key of `data` (a rule across keys)."""
    data, refused = dict(data), []
    while True:
        try:
            return SimConfig.from_dict(data), refused
        except ConfigError as exc:
            if exc.key not in data:
                raise
            refused.append(exc)
            del data[exc.key]


def _sweep_state(raw) -> dict | None:
    """The Sweep tab's fields as stored (JSON), or None: absent or unusable, the tab opens on
    its default gains, as the tab shown falls back to the Network tab."""
    if not isinstance(raw, str) or len(raw) > 1000:
        return None
    try:
        return usable_state(json.loads(raw))
    except ValueError:
        return None


def save(config: SimConfig, geometry: QByteArray, settings: QSettings | None = None, *,
         language: str | None = None, lesson_step: int = 0, grey_safe: bool = False,
         tab: str | None = None, lesson_open: bool = False, compare: str = "single",
         sweep: dict | None = None) -> str | None:
    """Keep the session in the store; why it could not be written, if it could not (a
    long-session tour: a file made read-only lost the session on closing, unsaid)."""
    settings = settings or open_settings()
    settings.clear()
    settings.setValue("version", VERSION)
    settings.setValue("config", json.dumps(config.to_dict()))
    settings.setValue("geometry", QByteArray(geometry))
    if language is not None:
        settings.setValue("language", language)
    settings.setValue("lesson_step", str(lesson_step))
    settings.setValue("grey_safe", "true" if grey_safe else "false")
    if tab is not None:
        settings.setValue("tab", tab)
    settings.setValue("lesson_open", "true" if lesson_open else "false")
    settings.setValue("compare", compare)
    if sweep is not None:
        settings.setValue("sweep", json.dumps(sweep))
    return _written(settings)


def save_language(language: str, settings: QSettings | None = None) -> str | None:
    """Remember the language chosen in the menu at once (the rest is saved on closing); the
    words that say it could not be, if it could not."""
    settings = settings or open_settings()
    if "config" in settings.allKeys():   # never write a store `load` would call incomplete
        settings.setValue("language", language)
        problem = _written(settings)
        if problem:
            return translate("Settings", "The language chosen is not kept for the next launch: "
                                         "{problem}").format(problem=problem)
    return None


def _written(settings: QSettings) -> str | None:
    """Write `settings` to its file: None, or the file and why it was not written."""
    settings.sync()
    # (only an access error is the writing's: a format error is the reading's, and stays)
    if settings.status() != QSettings.AccessError:
        return None
    return translate("Settings", "{path} could not be written").format(
        path=settings.fileName())
