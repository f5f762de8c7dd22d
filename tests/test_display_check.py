"""Launching the window on a machine that cannot show it: one clear line and exit status 1,
never Qt's abort."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from gui.display_check import display_problem, say_unseen

ROOT = Path(__file__).resolve().parents[1]
MISSING = "libxcb-cursor.so.0: cannot open shared object file: No such file or directory"


def test_a_missing_xcb_library_is_named_with_its_package():
    text = display_problem({"DISPLAY": ":0"}, "linux", load=lambda: MISSING, reach=lambda d: True,
                           lacking=list)
    assert "libxcb-cursor.so.0" in text and "apt-get install libxcb-cursor0" in text
    assert "--stats and --export work without a window" in text


def test_every_missing_xcb_library_is_named_at_once():
    """A README tour: the window named libxcb-icccm4, then, once installed, libxcb-keysyms1,
    and so on, one launch each."""
    text = display_problem({"DISPLAY": ":0"}, "linux", load=lambda: MISSING, reach=lambda d: True,
                           lacking=lambda: ["libxcb-icccm.so.4", "libxcb-cursor.so.0",
                                            "libxcb-keysyms.so.1"])
    assert text.startswith("the window needs libxcb-cursor.so.0, libxcb-icccm.so.4 and "
                           "libxcb-keysyms.so.1, which this machine lacks")
    assert "apt-get install libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 (" in text


def test_no_display_is_said_as_such():
    text = display_problem({}, "linux", load=lambda: None)
    assert text.startswith("no display") and "--stats" in text


def test_a_working_machine_or_another_platform_is_left_to_qt():
    assert display_problem({"DISPLAY": ":0"}, "linux", load=lambda: None,
                           reach=lambda d: True) is None
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux", load=lambda: MISSING) is None
    assert display_problem({"WAYLAND_DISPLAY": "wayland-0"}, "linux", load=lambda: MISSING,
                           wayland=lambda e: True) is None
    assert display_problem({}, "darwin", load=lambda: MISSING) is None


def test_main_without_a_display_exits_1_with_one_line(tmp_path):
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["INITLAB_SETTINGS"] = str(tmp_path / "s.ini")
    proc = subprocess.run([sys.executable, str(ROOT / "main.py")], capture_output=True,
                          text=True, env=env, timeout=60)
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr.startswith("error: no display") and proc.stderr.count("\n") == 1


def test_a_display_whose_server_does_not_answer_is_no_display(tmp_path):
    """A tour: DISPLAY=:99 with no X server (or WAYLAND_DISPLAY with no compositor) got past
    the check, and Qt aborted naming libxcb-cursor0, which was installed."""
    from gui.display_check import wayland_reachable, x_server_reachable

    text = display_problem({"DISPLAY": ":99"}, "linux", load=lambda: None,
                           reach=lambda d: False)
    assert text.startswith("no display: no X server answers at DISPLAY=:99")
    text = display_problem({"WAYLAND_DISPLAY": "wayland-9"}, "linux", load=lambda: None,
                           wayland=lambda e: False)
    assert text.startswith("no display") and "WAYLAND_DISPLAY=wayland-9" in text
    # the probes themselves: a socket nobody listens on, and one somebody does
    import socket

    assert not x_server_reachable(":987") and x_server_reachable("odd form")
    assert not wayland_reachable({"XDG_RUNTIME_DIR": str(tmp_path), "WAYLAND_DISPLAY": "w-0"})
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(str(tmp_path / "w-0"))
        server.listen(1)
        assert wayland_reachable({"XDG_RUNTIME_DIR": str(tmp_path), "WAYLAND_DISPLAY": "w-0"})
    if sys.platform.startswith("linux"):   # an X server's abstract socket, as Xorg and Xvfb
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
            server.bind("\0/tmp/.X11-unix/X4321")
            server.listen(1)
            assert x_server_reachable(":4321") and x_server_reachable("unix:4321.0")


def test_a_window_drawn_on_no_screen_is_said_so():
    """A README tour: QT_QPA_PLATFORM=offscreen, copied from the test command, launched a
    window that ran unseen and without a word until killed."""
    import io

    for chosen, said in (("offscreen", True), ("minimal", True), ("xcb", False), ("", False)):
        stream = io.StringIO()
        say_unseen({"QT_QPA_PLATFORM": chosen} if chosen else {}, stream)
        assert stream.getvalue().startswith(
            f"note: QT_QPA_PLATFORM={chosen} draws the window on no screen") == said
        assert ("--stats and --export work without a window" in stream.getvalue()) == said
