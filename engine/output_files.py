"""Output files written all at once or not at all: each is staged as a private temporary file
beside its target (created exclusively: never through a link someone left there), then moved
onto it; a failure leaves no partial file and is a ConfigError naming the option or field
that chose the path."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .config_fields import ConfigError, show_path


def stage_file(path, write, key: str) -> Path:
    """Write a new file for `path` through `write(temporary path)` in the same folder, created
    exclusively (never a link someone left there), and return that temporary path for
    `commit_files`. Any failure removes it and is a ConfigError naming `key`."""
    path = Path(path)
    try:
        # else mkstemp would say "No such file or directory" of the file
        if path.parent.exists() and not path.parent.is_dir():
            raise ConfigError.of(key, "{folder} is not a folder",
                                 folder=repr(show_path(path.parent)))
        if not path.parent.is_dir():
            raise ConfigError.of(key, "folder {folder} does not exist",
                                 folder=repr(show_path(path.parent)))
        fd, name = tempfile.mkstemp(prefix=".initlab-", suffix=".part", dir=path.parent or ".")
    except OSError as exc:
        raise ConfigError.of(key, "cannot write {name}: {problem}", name=path.name,
                             problem=exc.strerror or str(exc)) from None
    mask = os.umask(0)   # mkstemp makes the file private; an output gets the usual mode
    os.umask(mask)
    os.fchmod(fd, 0o666 & ~mask)
    os.close(fd)
    tmp = Path(name)
    try:
        write(tmp)
    except OSError as exc:
        _remove(tmp)
        raise ConfigError.of(key, "cannot write {name}: {problem}", name=path.name,
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
            os.replace(tmp, path)
        except OSError as exc:
            for rest, _, _ in staged[i:]:
                _remove(rest)
            raise ConfigError.of(key, "cannot write {name}: {problem}", name=Path(path).name,
                                 problem=exc.strerror or str(exc)) from None


def _remove(tmp: Path) -> None:
    try:
        tmp.unlink(missing_ok=True)
    except OSError:   # e.g. the folder became read-only: nothing more can be done
        pass


def write_text_atomically(path, text: str, key: str) -> None:
    """Write `text` to `path` all at once or not at all (see `stage_file`)."""
    tmp = stage_file(path, lambda p: p.write_text(text, encoding="utf-8"), key)
    commit_files([(tmp, Path(path), key)])
