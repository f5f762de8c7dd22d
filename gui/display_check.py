"""Can this machine open the window? Asked before Qt starts: Qt aborts (SIGABRT) when its X11
platform plugin cannot load, e.g. without libxcb-cursor0, with nothing a user can act on."""

from __future__ import annotations

import ctypes
import os
import re
import sys

# Debian/Ubuntu packages of the libraries Qt's xcb plugin loads (the README's apt-get line).
PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0", "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1", "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0", "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0", "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0", "libxkbcommon.so.0": "libxkbcommon0",
    "libEGL.so.1": "libegl1", "libGL.so.1": "libgl1", "libfontconfig.so.1": "libfontconfig1",
    "libdbus-1.so.3": "libdbus-1-3",
}
WITHOUT_A_WINDOW = "--stats and --export work without a window"


def load_xcb_plugin() -> str | None:
    """Load Qt's own X11 plugin as the dynamic linker would: None, or the linker's error."""
    import PySide6

    plugin = os.path.join(os.path.dirname(PySide6.__file__), "Qt", "plugins", "platforms",
                          "libqxcb.so")
    if not os.path.exists(plugin):
        return None   # another layout: let Qt speak for itself
    try:
        ctypes.CDLL(plugin)
    except OSError as exc:
        return str(exc)
    return None


def display_problem(environ=None, platform: str | None = None, load=load_xcb_plugin) -> str | None:
    """One line saying why the window cannot open here, or None when it can (or when Qt is
    told to use another platform plugin, which then reports for itself)."""
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if not platform.startswith("linux"):
        return None
    chosen = environ.get("QT_QPA_PLATFORM", "")
    if chosen and not chosen.startswith("xcb"):
        return None   # offscreen, wayland, vnc, …
    if not chosen and environ.get("WAYLAND_DISPLAY"):
        return None
    if not environ.get("DISPLAY"):
        return ("no display: the window needs an X11 or Wayland session (DISPLAY is not set); "
                f"{WITHOUT_A_WINDOW}")
    error = load()
    if error is None:
        return None
    match = re.match(r"([^:\s]+\.so[.\d]*)", error)
    library = match.group(1) if match else error
    package = PACKAGES.get(library)
    fix = (f"on Debian or Ubuntu: sudo apt-get install {package} (the README lists every "
           "package the window needs)" if package else "install the system package that "
           "provides it")
    return f"the window needs {library}, which this machine lacks; {fix}; {WITHOUT_A_WINDOW}"
