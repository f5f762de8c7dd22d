"""What the process is told around Qt: its locales and which of Qt's messages reach the console.

Qt needs a UTF-8 locale, and once it runs, the C library's messages and numbers go back to
"C" (`before_qt`, `after_qt`); on the offscreen platform, Qt's notices of what it cannot do
are not printed (`quiet_messages`).
"""

from __future__ import annotations

import locale
import os
import sys

# Qt's messages not printed (their starts): the offscreen platform's notices of what it
# cannot do, and a settings file's unreadable value, which the window says in its own words
QUIET = ("This plugin does not support propagateSizeHints()",
         "This plugin does not support raise()",
         "QVariant::load: unknown user type")


def quiet_messages() -> None:
    """Print Qt's messages but the QUIET ones (for the offscreen platform)."""
    from PySide6.QtCore import qInstallMessageHandler

    def handler(mode, context, message: str) -> None:
        if not message.startswith(QUIET):
            print(message, file=sys.stderr)

    qInstallMessageHandler(handler)


def before_qt() -> None:
    """Under LC_ALL=C, C.UTF-8: Qt needs UTF-8 and switches to it itself, saying so in four
    lines on the console (Python's own switch, PEP 538, yields to LC_ALL; Linux only, where
    Qt warns)."""
    if sys.platform.startswith("linux") and os.environ.get("LC_ALL") in ("C", "POSIX"):
        os.environ["LC_ALL"] = "C.UTF-8"


def after_qt() -> None:
    """The C library's messages and numbers in "C" again: Qt set its locale from the
    system's, and the system's error texts then came in its language inside the window's
    sentences (a locale tour: "cannot read '…': Datei oder Verzeichnis nicht gefunden" in an
    English window); the window words them in its own (`gui.config_errors.SYSTEM_ERRORS`).
    LC_NUMERIC "C" too, as Qt's documentation asks of an application (Qt leaves the
    system's)."""
    for category in ("LC_MESSAGES", "LC_NUMERIC"):   # (Windows has no LC_MESSAGES)
        if hasattr(locale, category):
            locale.setlocale(getattr(locale, category), "C")
