"""The last config and window geometry, kept in QSettings between launches.

The store is an INI file in the user's config folder; the environment variable
``INITLAB_SETTINGS`` names another file instead (tests use it, so they never touch the user's
settings). Anything unreadable in the store is reported as a problem and the defaults are used.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QSettings

from engine import ConfigError, SimConfig
from engine.config import MAX_CONFIG_BYTES, loads_config

ENV_VAR = "INITLAB_SETTINGS"
KEYS = ("config", "geometry", "version")
VERSION = 1


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
    problem: str | None = None


def load(settings: QSettings | None = None) -> Stored:
    settings = settings or open_settings()
    if settings.status() != QSettings.NoError:
        return Stored(problem=f"the settings file could not be read ({settings.status().name})")
    keys = settings.allKeys()
    if not keys:
        return Stored()  # first launch
    unknown = [k for k in keys if k not in KEYS]
    if unknown or "config" not in keys:
        return Stored(problem="the settings file has unrecognized content")
    out = Stored()
    raw = settings.value("config")
    try:
        if not isinstance(raw, str) or len(raw) > MAX_CONFIG_BYTES:
            raise ConfigError("config", "is not a config's text")
        data = loads_config(raw, "the saved config")
        if not isinstance(data, dict):
            raise ConfigError("config", "is not a JSON object")
        out.config = SimConfig.from_dict(data)
    except ConfigError as exc:
        out.problem = f"the saved config is invalid ({exc.key}: {exc.reason})"
    geometry = settings.value("geometry")
    if isinstance(geometry, QByteArray):
        out.geometry = geometry
    elif geometry is not None and out.problem is None:
        out.problem = "the saved window geometry is unreadable"
    return out


def save(config: SimConfig, geometry: QByteArray, settings: QSettings | None = None) -> None:
    settings = settings or open_settings()
    settings.clear()
    settings.setValue("version", VERSION)
    settings.setValue("config", json.dumps(config.to_dict()))
    settings.setValue("geometry", QByteArray(geometry))
    settings.sync()
