"""A guard against a reference-counting bug of PySide6 6.12.0 on CPython < 3.12.

That build returns None (from every void method) and True/False (from signal emission) without
taking a new reference, as if they were immortal, which they are only from CPython 3.12 on. Each
call then steals one reference, and after some 10⁴ calls the interpreter aborts with
"Fatal Python error: none_dealloc". `guard()` detects the bug by behaviour (a void call that
changes None's reference count) and, only then, gives these singletons a reference count no
session can exhaust — what CPython 3.12 does for them anyway. Pinning PySide6 below 6.12 (or to a
fixed release) makes this a no-op.
"""

from __future__ import annotations

import ctypes
import sys

_SINGLETONS = (None, True, False)
_RESERVE = 1 << 40
_done = False


def steals_references() -> bool:
    """True when a void PySide6 call steals a reference to None."""
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(16):
        probe.setObjectName("probe")
    return sys.getrefcount(None) < before - 8


def guard() -> bool:
    """Apply the fix if this PySide6 build needs it; returns whether it did."""
    global _done
    if _done or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    if not steals_references():
        return False
    for obj in _SINGLETONS:  # ob_refcnt is the first field of every CPython object
        ctypes.c_ssize_t.from_address(id(obj)).value += _RESERVE
    _done = True
    return True
