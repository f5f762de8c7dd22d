"""The languages the window speaks, by code, and locale names → codes (no Qt: the command
line checks `--lang` without loading Qt)."""

from __future__ import annotations

SOURCE = "en"
# Language code → its own name (a language menu names each language in itself).
LANGUAGES = {"en": "English", "zh_CN": "简体中文"}
_TRADITIONAL = ("zh_tw", "zh_hk", "zh_hant", "zh_mo")


def normalize(name: str | None) -> str | None:
    """A language code from a locale name (``zh_CN.UTF-8``, ``zh-Hans``, ``en_US``, ``C``):
    one of LANGUAGES, or None when it is none of them."""
    if not name:
        return None
    code = name.split(".")[0].split("@")[0].replace("-", "_")
    if code in LANGUAGES:
        return code
    lower = code.lower()
    if lower.startswith("zh"):   # zh, zh_CN, zh_Hans, zh_SG: Simplified Chinese
        return None if lower in _TRADITIONAL or lower.startswith("zh_hant") else "zh_CN"
    if lower in ("c", "posix") or lower.startswith("en"):
        return SOURCE
    return None
