"""Keep freed memory in the process for the next arrays (glibc's malloc; elsewhere a no-op).

numpy allocates every temporary afresh. glibc maps arrays above a threshold that starts at
128 KiB straight from the operating system and unmaps them when freed, and returns freed
memory at the top of its heap at once; so a pass over 50 layers page-faulted its arrays in
again, 4 KiB at a time, layer after layer and run after run (a 41-gain sweep spent ~20 % of its
time so). Raising the two thresholds lets freed memory be reused: up to `RETAIN_BYTES` stays
with the process. Arrays above `MMAP_THRESHOLD_BYTES` are still mapped and returned: numpy
asks huge pages for those (2 MiB, so few faults), which heap memory would not get. The
processes that compute call this once (the window's worker, which gives the memory back when
idle with `malloc_trim`; the command line; the benchmarks, to measure what those run).
"""

from __future__ import annotations

import ctypes
import sys

RETAIN_BYTES = 256 * 2**20
MMAP_THRESHOLD_BYTES = 4 * 2**20
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3   # <malloc.h>


def retain_freed_memory() -> bool:
    """Ask glibc's malloc to keep freed memory for reuse; whether it took effect."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        mallopt = ctypes.CDLL("libc.so.6").mallopt
    except (OSError, AttributeError):   # musl and other C libraries have no mallopt
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    return bool(mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES)
                and mallopt(_M_TRIM_THRESHOLD, RETAIN_BYTES))
