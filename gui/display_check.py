"""Can this machine open the window? Asked before Qt starts: Qt aborts (SIGABRT) when its X11
platform plugin cannot load, e.g. without libxcb-cursor0, with nothing a user can act on."""

from __future__ import annotations

import ctypes
import os
import re
import socket
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


def lacking_libraries() -> list[str]:
    """Those of `PACKAGES`' libraries the dynamic linker cannot load: asked once the plugin
    failed, so that every package missing is named at once (a README tour installed them one
    message at a time)."""
    lacking = []
    for library in PACKAGES:
        try:
            ctypes.CDLL(library)
        except OSError:
            lacking.append(library)
    return lacking


def _connects(address, family: int) -> bool:
    """Whether a socket of `family` connects to `address` within a second."""
    try:
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.settimeout(1.0)
            probe.connect(address)
        return True
    except OSError:
        return False


def x_server_reachable(display: str) -> bool:
    """Whether the X server of `display` ("[host]:N[.S]") answers: its local socket, the
    Linux abstract one or the file, or TCP port 6000 + N on its host (True for a form this
    does not know: Qt then speaks for itself)."""
    host, _, rest = display.rpartition(":")
    number = rest.split(".")[0]
    if not number.isdigit():
        return True
    if host in ("", "unix"):
        path = f"/tmp/.X11-unix/X{number}"
        return _connects("\0" + path, socket.AF_UNIX) or _connects(path, socket.AF_UNIX)
    if host.startswith("/"):   # a socket's path (XQuartz's form)
        return _connects(display, socket.AF_UNIX)
    try:   # IPv4 or IPv6 (ssh's forwarding of localhost:10), the name looked up within it too
        socket.create_connection((host, 6000 + int(number)), timeout=1.0).close()
        return True
    except OSError:
        return False


def wayland_reachable(environ) -> bool:
    """Whether the compositor of WAYLAND_DISPLAY answers on its socket."""
    name = environ.get("WAYLAND_DISPLAY", "")
    path = name if name.startswith("/") else os.path.join(environ.get("XDG_RUNTIME_DIR", ""),
                                                          name)
    return _connects(path, socket.AF_UNIX)


def display_problem(environ=None, platform: str | None = None, load=load_xcb_plugin,
                    reach=x_server_reachable, wayland=wayland_reachable,
                    lacking=lacking_libraries) -> str | None:
    """One line saying why the window cannot open here, or None when it can (or when Qt is
    told to use another platform plugin, which then reports for itself). A DISPLAY or
    WAYLAND_DISPLAY whose server does not answer is no display: Qt aborted there, naming
    libxcb-cursor0 (a tour)."""
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if not platform.startswith("linux"):
        return None
    chosen = environ.get("QT_QPA_PLATFORM", "")
    if chosen and not chosen.startswith("xcb"):
        return None   # offscreen, wayland, vnc, …
    if not chosen and environ.get("WAYLAND_DISPLAY") and wayland(environ):
        return None
    display = environ.get("DISPLAY")
    if not display:
        why = ("its compositor does not answer at WAYLAND_DISPLAY="
               f"{environ['WAYLAND_DISPLAY'][:60]}, and DISPLAY is not set"
               if environ.get("WAYLAND_DISPLAY") and not chosen else "DISPLAY is not set")
        return f"no display: the window needs an X11 or Wayland session ({why}); " \
               f"{WITHOUT_A_WINDOW}"
    if not reach(display):
        return (f"no display: no X server answers at DISPLAY={display[:60]} (is it running, "
                f"or was it closed?); {WITHOUT_A_WINDOW}")
    error = load()
    if error is None:
        return None
    match = re.match(r"([^:\s]+\.so[.\d]*)", error)
    named = match.group(1) if match else error
    libraries = list(dict.fromkeys([named, *lacking()]))
    packages = [PACKAGES[library] for library in libraries if library in PACKAGES]
    unknown = [library for library in libraries if library not in PACKAGES]
    fixes = [f"on Debian or Ubuntu: sudo apt-get install {' '.join(packages)} (the README "
             "lists every package the window needs)"] if packages else []
    if unknown:   # (an error that names no library: "provides it")
        fixes.append("install the system package that provides "
                     + (_listed(unknown) if match else "it"))
    fix = "; ".join(fixes)
    listed = _listed(libraries)
    return f"the window needs {listed}, which this machine lacks; {fix}; {WITHOUT_A_WINDOW}"


def say_unseen(environ=None, stream=None) -> None:
    """Say on `stream` (stderr) that the window will not be seen, where Qt is told to draw it
    on no screen: QT_QPA_PLATFORM=offscreen, as the tests run, had launched a window that ran
    unseen and without a word until killed (a README tour)."""
    chosen = (os.environ if environ is None else environ).get("QT_QPA_PLATFORM", "")
    if chosen.split(":")[0] in ("offscreen", "minimal"):
        print(f"note: QT_QPA_PLATFORM={chosen[:40]} draws the window on no screen: it runs "
              f"unseen until Ctrl+C; {WITHOUT_A_WINDOW}", file=stream or sys.stderr)


def _listed(names: list[str]) -> str:
    """"a", "a and b", "a, b and c"."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
