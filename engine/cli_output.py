"""The program's standard output: a failed write is said in one line (`OutputFailed`, a
full disk or a reader gone), and where it cannot encode γ, σ and … (`stdout_is_utf8`) they
are escaped. Used by main.py when it runs as the program."""

from __future__ import annotations

import codecs
import os
import sys


class OutputFailed(Exception):
    """Writing to stdout failed (its OSError is the cause): not an OSError, which argparse's
    --help would swallow, nor one a file's error could be taken for."""


class PrintedStdout:
    """The program's stdout, whose failed writes raise OutputFailed."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except OSError as exc:
            raise OutputFailed(exc.strerror or str(exc)) from exc

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as exc:
            raise OutputFailed(exc.strerror or str(exc)) from exc

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


def drop_stdout() -> None:
    """What is still buffered for stdout goes nowhere (the exit's flush would fail again)."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, AttributeError, ValueError):
        pass


def stdout_is_utf8() -> bool:
    """stdout writes UTF-8 (not Windows' cp1252, say: γ and … are escaped there)."""
    if sys.stdout is None:   # closed (`>&-`): nothing is printed
        return True
    return codecs.lookup(sys.stdout.encoding or "ascii").name == "utf-8"
