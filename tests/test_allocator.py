"""engine.allocator: glibc takes the setting; other C libraries are left alone."""

import platform
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_glibc_keeps_freed_memory_and_other_libcs_are_left_alone():
    # in a child: the setting is process-wide and must not leak into the test process
    done = subprocess.run([sys.executable, "-c",
                           "from engine.allocator import retain_freed_memory as r; print(r())"],
                          capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    expected = sys.platform.startswith("linux") and platform.libc_ver()[0] == "glibc"
    assert done.stdout.strip() == str(expected)
