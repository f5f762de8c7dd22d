"""Fuzzing and faults: hostile text everywhere a user can type or load it, and the file system
failing under every write (issue 11's "done when").

Fuzz (hypothesis, derandomized so CI and a developer see the same cases): `--set KEY=VALUE`,
config files (JSON of any shape, and raw bytes), the settings store, the window's text fields
and File ▸ Open. Each must end in a config or one clear refusal: exit status 2 with one line
``error: KEY: reason`` on the command line, a red field or a dialog in the window; never a
traceback. Faults: a full disk (a real file-size limit in a child process, and an injected
ENOSPC), a read-only or vanished folder, a failed rename, names at and past the 255-byte limit,
links, named pipes, folders where a file is expected; every write all or nothing, and no
temporary file left behind. (Killed workers and killed parents: tests/test_gui_worker.py.)
"""

from __future__ import annotations

import contextlib
import errno
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import main
from engine import ConfigError, SimConfig
from engine.config_fields import FIELDS
from gui.i18n import LANGUAGES

ROOT = Path(__file__).resolve().parents[1]
KEYS = sorted(FIELDS)
FUZZ = settings(derandomize=True, database=None, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

# Text that has broken parsers before: huge integers, floats past the float range, deep
# nesting, non-ASCII digits, control characters, byte-order marks, and the ordinary.
NASTY = st.sampled_from([
    "9" * 5000, "1" + "0" * 400, "-1e999", "1e-400", "nan", "inf", "-0", "0x10", "1_000",
    "[" * 5000, "{" * 3000, "١٢٣", "１６", "\u00b2", "\x00", "\ufeff{}", "2x" + "9" * 5000,
    "784, 256x3, 10", "16x0", "0", "-5", "1e6", "true", "null", '"', "'", "\\", "💥", " ",
])
VALUES = st.one_of(NASTY, st.text(max_size=40), st.integers().map(str),
                   st.floats(allow_nan=True, allow_infinity=True).map(repr))
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                  max_size=4),
    max_leaves=12)


def _cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main.main(list(args))
    return code, out.getvalue(), err.getvalue()


def _one_clear_line(code: int, out: str, err: str) -> None:
    """A config (the code printed) or one refusal line; nothing else, ever."""
    assert code in (0, 2), (code, err[:300])
    if code == 0:
        assert out.startswith(("import", "#", '"""', "from")), out[:200]
        return
    lines = err.rstrip("\n").split("\n")
    assert len(lines) == 1 and lines[0].startswith("error: "), err[:300]
    assert len(lines[0]) < 400 and "Traceback" not in err


# -- fuzz: the command line and config files ---------------------------------------------------
@settings(FUZZ, max_examples=150)
@given(key=st.one_of(st.sampled_from(KEYS), st.text(max_size=12)), value=VALUES)
def test_fuzz_set_assignments(key, value):
    _one_clear_line(*_cli("--set", f"{key}={value}", "--code", "torch"))


@settings(FUZZ, max_examples=100)
@given(data=st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=8)),
                            st.one_of(JSON, VALUES), max_size=5))
def test_fuzz_config_files_of_json(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("cfg") / "net.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    _one_clear_line(*_cli("--config", str(path), "--code", "torch"))


@settings(FUZZ, max_examples=60)
@given(content=st.binary(max_size=300))
def test_fuzz_config_files_of_bytes(tmp_path_factory, content):
    path = tmp_path_factory.mktemp("cfg") / "net.json"
    path.write_bytes(content)
    _one_clear_line(*_cli("--config", str(path), "--code", "torch"))


# -- fuzz: the settings store, the window's fields, File ▸ Open --------------------------------
@settings(FUZZ, max_examples=60)
@given(content=st.one_of(
    st.binary(max_size=300),
    st.builds(lambda key, value: f"[General]\n{key}={value}\n".encode(),
              st.sampled_from(["config", "language", "lesson_step", "geometry", "x"]), VALUES),
    # a saved config beside other keys: load reads them all only when "config" is there
    st.builds(lambda config, others: ("[General]\nconfig=" + config + "\n" + "".join(
        f"{key}={value}\n" for key, value in others)).encode(),
              st.sampled_from(['"{}"', '"{\\"depth\\": 3}"', '"{\\"depth\\": 0}"', "x"]),
              st.lists(st.one_of(
                  st.tuples(st.just("lesson_step"),
                            st.sampled_from(["3", "999", "0", "-1", "1e3"])),
                  st.tuples(st.just("language"), st.sampled_from(["zh_CN", "en", "xx", ""])),
                  st.tuples(st.sampled_from(["language", "lesson_step", "geometry"]), VALUES)),
                  min_size=1, max_size=3))))
def test_fuzz_the_settings_store(tmp_path_factory, content):
    """Whatever the store holds, loading gives the stored values or a problem to show."""
    from PySide6.QtCore import QSettings

    from gui import settings as store

    path = tmp_path_factory.mktemp("ini") / "initlab.ini"
    path.write_bytes(content)
    stored = store.load(QSettings(str(path), QSettings.IniFormat))
    assert stored.config is None or isinstance(stored.config, SimConfig)
    assert stored.language is None or stored.language in LANGUAGES
    assert isinstance(stored.lesson_step, int) and 0 <= stored.lesson_step < 1000
    if stored.problem is not None:   # worded
        assert stored.problem_text().strip()


@settings(FUZZ, max_examples=60)
@given(key=st.sampled_from(["widths", "seed"]), text=VALUES)
def test_fuzz_the_window_text_fields(window, key, text):
    before = window.config()
    edit = window.controls.widget(key)
    edit.setText(text)
    edit.textEdited.emit(text)                        # what typing or a paste sends
    reason = window.controls.error_text(key)
    if reason:
        assert window.config() == before and edit.property("invalid")
        assert len(reason) < 400
    edit.setText("16x7" if key == "widths" else "0")   # back to a valid value
    edit.textEdited.emit(edit.text())
    assert window.controls.error_text(key) == ""


@settings(FUZZ, max_examples=40)
@given(content=st.one_of(st.binary(max_size=200), JSON.map(json.dumps)))
def test_fuzz_file_open(window, tmp_path_factory, monkeypatch, content):
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: shown.append(text))
    path = tmp_path_factory.mktemp("open") / "net.json"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    opened = window.open_config(path)
    assert opened or (len(shown) == 1 and "net.json" in shown[0])


# -- faults: the file system fails under a write ------------------------------------------------
def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


@pytest.mark.parametrize("args", [("--stats", "out.json"), ("--stats", "out.csv"),
                                  ("--export", "out.png"),
                                  ("--stats", "out.json", "--export", "out.png")],
                         ids=["json", "csv", "png", "json+png"])
def test_a_full_disk_in_a_child_process_is_one_error_line(tmp_path, args):
    """A real write failure: the child may write at most 2 KiB per file (RLIMIT_FSIZE; Python
    ignores SIGXFSZ, so the write fails with EFBIG as on a full disk)."""
    (tmp_path / "out.json").write_text("old")

    def limit():
        resource.setrlimit(resource.RLIMIT_FSIZE, (2048, 2048))

    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "--set", "depth=3",
                           "--set", "width=64", *args], cwd=tmp_path, preexec_fn=limit,
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    lines = done.stderr.strip().split("\n")
    assert done.returncode == 2 and len(lines) == 1, done.stderr[-500:]
    assert lines[0].startswith(("error: stats: ", "error: export: ")), lines
    assert (tmp_path / "out.json").read_text() == "old"      # the old file is kept
    assert not (tmp_path / "out.png").exists() and _leftovers(tmp_path) == []


INJECTED = [(errno.ENOSPC, "No space left on device"), (errno.EROFS, "Read-only file system"),
            (errno.EACCES, "Permission denied"), (errno.EIO, "Input/output error")]


@pytest.mark.parametrize("code, words", INJECTED, ids=[e[1] for e in INJECTED])
@pytest.mark.parametrize("stage", ["create", "write", "rename"])
def test_an_injected_failure_at_each_stage_of_a_write(tmp_path, monkeypatch, code, words, stage):
    """The temporary file cannot be created (a read-only or full folder), written (a full
    disk) or moved into place: one error naming the file and the reason; the old file stays."""
    target = tmp_path / "out.json"
    target.write_text("old")

    def fail(*args, **kwargs):
        raise OSError(code, words)

    if stage == "create":
        monkeypatch.setattr(tempfile, "mkstemp", fail)
    elif stage == "write":
        monkeypatch.setattr(Path, "write_text", fail)
    else:
        monkeypatch.setattr(os, "replace", fail)
    code_, out, err = _cli("--set", "depth=2", "--set", "width=8", "--stats", str(target))
    monkeypatch.undo()
    assert code_ == 2 and err.startswith("error: stats: ") and words in err, err
    assert target.read_text() == "old" and _leftovers(tmp_path) == []


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="root writes into read-only folders (the injected EROFS covers it)")
def test_a_read_only_folder_is_one_error_line(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        code, _, err = _cli("--set", "depth=2", "--stats", str(folder / "s.json"))
        assert code == 2 and err.startswith("error: stats: ") and "s.json" in err
    finally:
        folder.chmod(0o755)


@pytest.mark.parametrize("name, ok", [("a" * 250 + ".json", True), ("a" * 251 + ".json", False),
                                      ("é" * 125 + ".json", True)],
                         ids=["255-bytes", "256-bytes", "255-bytes-utf8"])
def test_names_at_and_past_the_limit(tmp_path, name, ok):
    code, _, err = _cli("--set", "depth=2", "--set", "width=8", "--stats", str(tmp_path / name))
    assert code == (0 if ok else 2), err
    if not ok:
        assert err.startswith("error: stats: ") and len(err) < 400
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("folder, words", [
    (lambda tmp: tmp / ("a" * 300), "/net.json': File name too long"),   # a name too long
    (lambda tmp: tmp / "file", "is not a folder"),               # a file where a folder is
    (lambda tmp: tmp / "missing", "missing' does not exist"),
], ids=["name-too-long", "file-as-folder", "missing"])
def test_the_windows_writes_refuse_an_odd_folder_with_a_config_error(tmp_path, folder, words):
    """The window's Save / Export catch ConfigError: the folder's check raised OSError for a
    name too long, and called a file "a folder that does not exist"."""
    from engine.output_files import stage_file

    (tmp_path / "file").write_text("")
    with pytest.raises(ConfigError, match=words):
        stage_file(folder(tmp_path) / "net.json", lambda tmp: tmp.write_text("{}"), "export")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]


@pytest.mark.parametrize("make, flag", [
    (lambda p: p.mkdir(), "--stats"),                                   # a folder
    (lambda p: p.symlink_to(p.parent / "missing" / "x.json"), "--config"),   # dangling link
    (lambda p: p.symlink_to(p), "--config"),                             # a link to itself
    (lambda p: p.mkdir(), "--config"),                                   # a folder as config
    (lambda p: (p.write_text("{}"), p.chmod(0o000)), "--config"),        # unreadable (non-root)
], ids=["folder-as-output", "dangling-link", "link-loop", "folder-as-config", "unreadable"])
def test_odd_paths_are_one_error_line(tmp_path, make, flag):
    path = tmp_path / "x.json"
    make(path)
    try:
        code, out, err = _cli("--set", "depth=2", "--set", "width=8", flag, str(path),
                              *(["--code", "torch"] if flag == "--config" else []))
    finally:
        if path.exists() and not path.is_symlink() and path.is_file():
            path.chmod(0o644)
    if code == 0:   # root reads a mode-000 file
        assert os.geteuid() == 0 and flag == "--config"
        return
    _one_clear_line(code, out, err)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
@pytest.mark.parametrize("flag", ["--stats", "--export"])
def test_a_named_pipe_as_an_output_never_hangs(tmp_path, flag):
    """Nobody reads the pipe: the output replaces it (the write goes to a temporary file),
    or is refused; either way the command ends."""
    fifo = tmp_path / ("out.json" if flag == "--stats" else "out.png")
    os.mkfifo(fifo)
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "--set", "depth=2",
                           "--set", "width=8", flag, str(fifo)], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode in (0, 2) and "Traceback" not in done.stderr
    assert _leftovers(tmp_path) == []


def test_a_vanished_output_folder_is_one_error_line(tmp_path):
    code, out, err = _cli("--set", "depth=2", "--stats", str(tmp_path / "gone" / "s.json"))
    _one_clear_line(code, out, err)
    assert "does not exist" in err


def test_every_refusal_is_a_config_error_naming_a_key():
    """The contract the fuzzing relies on: ConfigError carries a key and a one-line reason."""
    exc = ConfigError("widths", "must be at least 1")
    assert exc.key == "widths" and "\n" not in exc.reason
