"""Keep freed memory in the worker process between Monte Carlo runs (glibc; elsewhere a no-op).

A default run keeps σ'(h'^t) of 50 layers (25 MiB) for its backward pass and frees it at the
end. glibc returns freed memory at the top of its heap to the operating system at once, so
the next run — the next frame of a slider drag — faults the same pages in again, 4 KiB at a
time (~480 page faults a run, ~6 with this). Raising the trim and mmap thresholds keeps up
to `RETAIN_BYTES` of freed memory for reuse. Only the window's worker processes call this.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys

RETAIN_BYTES = 256 * 2**20
# Arrays up to this size come from the heap, so their memory is reused; larger ones are still
# mapped and unmapped directly (rare, and worth returning).
MMAP_THRESHOLD_BYTES = 32 * 2**20
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3  # <malloc.h>


def retain_freed_memory() -> bool:
    """Ask glibc's malloc to keep freed memory for reuse; returns whether it took effect."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):  # musl and other C libraries have no mallopt
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    return bool(mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES)
                and mallopt(_M_TRIM_THRESHOLD, RETAIN_BYTES))
