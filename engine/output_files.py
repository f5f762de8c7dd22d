"""Output files written all at once or not at all: each is staged as a private temporary file
beside its target (created exclusively: never through a link someone left there), then moved
onto it; a failure leaves no partial file and is a ConfigError naming the option or field
that chose the path. A symbolic link named is written through (its target replaced, the link
kept: an audit found `fig1.csv → ../paper/fig1.csv` made a plain file, the paper's copy
old); a read-only file is refused, not replaced; a file replaced keeps its mode."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from .config_fields import ConfigError
from .shown import quoted_path


def target(path) -> Path:
    """The file writing `path` replaces: where a symbolic link `path` points, else `path`
    (OSError for a name the system refuses)."""
    path = Path(path)
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def check_writable(path, key: str) -> None:
    """ConfigError naming `key` unless a file can be written at `path` now (checked before a
    long run: its folder takes a new file, and a file there is not read-only)."""
    _remove(stage_file(path, lambda tmp: None, key))


def stage_file(path, write, key: str) -> Path:
    """Write a new file for `path` through `write(temporary path)` in the same folder, created
    exclusively (never a link someone left there), and return that temporary path for
    `commit_files`. Any failure removes it and is a ConfigError naming `key`."""
    shown = quoted_path(path)   # as given (a link's target is not what the user named)
    path = Path(path)
    try:
        linked, path = path.is_symlink(), target(path)
        # else mkstemp would say "No such file or directory" of the file
        if path.parent.exists() and not path.parent.is_dir():
            raise ConfigError.of(key, "{folder} is not a folder",
                                 folder=quoted_path(path.parent))
        if not path.parent.is_dir() and linked:   # (a review: the link itself went unnamed)
            raise ConfigError.of(key, "{name} links to {target}, whose folder does not exist",
                                 name=shown, target=quoted_path(path))
        if not path.parent.is_dir():
            raise ConfigError.of(key, "folder {folder} does not exist",
                                 folder=quoted_path(path.parent))
        # a named pipe or a device (also behind a link: --stats null.json → /dev/null) would
        # be replaced by a regular file, and a reader of the pipe left waiting (a CLI tour)
        if path.exists() and not path.is_dir() and not path.is_file():
            raise ConfigError.of(key, "{name} is not a regular file", name=shown)
        mode = _kept_mode(path)
        if mode is not None and not mode & 0o222:   # (root may write it: not asked to)
            raise ConfigError.of(key, "{name} is read-only: make it writable, or choose "
                                      "another name", name=shown)
        fd, name = tempfile.mkstemp(prefix=".initlab-", suffix=".part", dir=path.parent or ".")
    except OSError as exc:
        raise ConfigError.of(key, "cannot write {name}: {problem}", name=shown,
                             problem=exc.strerror or str(exc)) from None
    if mode is None:   # mkstemp makes the file private; a new output gets the usual mode
        mask = os.umask(0)
        os.umask(mask)
        mode = 0o666 & ~mask
    os.close(fd)
    tmp = Path(name)
    try:
        os.chmod(tmp, mode)   # (os.fchmod: not on Windows before Python 3.13, a review)
        write(tmp)
    except OSError as exc:
        _remove(tmp)
        raise ConfigError.of(key, "cannot write {name}: {problem}", name=shown,
                             problem=exc.strerror or str(exc)) from None
    except BaseException:
        _remove(tmp)
        raise
    return tmp


def commit_files(staged: list[tuple[Path, Path, str]]) -> None:
    """Move staged files (temporary path, target, key) onto their targets; a failure removes
    every staged file not yet moved and is a ConfigError naming its key."""
    for i, (tmp, path, key) in enumerate(staged):
        try:
            os.replace(tmp, target(path))
        except OSError as exc:
            for rest, _, _ in staged[i:]:
                _remove(rest)
            raise ConfigError.of(key, "cannot write {name}: {problem}",
                                 name=quoted_path(path),
                                 problem=exc.strerror or str(exc)) from None


def _kept_mode(path: Path) -> int | None:
    """The permission bits of the regular file at `path`, which its replacement keeps (None:
    no such file)."""
    try:
        status = path.stat()
    except FileNotFoundError:
        return None
    return status.st_mode & 0o777 if stat.S_ISREG(status.st_mode) else None


def _remove(tmp: Path) -> None:
    try:
        tmp.unlink(missing_ok=True)
    except OSError:   # e.g. the folder became read-only: nothing more can be done
        pass


def write_text_atomically(path, text: str, key: str) -> None:
    """Write `text` to `path` all at once or not at all (see `stage_file`)."""
    tmp = stage_file(path, lambda p: p.write_text(text, encoding="utf-8"), key)
    commit_files([(tmp, Path(path), key)])
