"""Regenerate the translation files: ``python -m gui.translations``.

`pyside6-lupdate` collects every `translate("Context", "…")` of gui/*.py into
gui/i18n/initlab_<language>.ts (new strings arrive "unfinished"; translations already made are
kept), then `pyside6-lrelease` compiles each .ts into the .qm the window loads. Translate the
unfinished messages (Qt Linguist, or any editor) and run this again. Source locations are left
out of the .ts so that moving code does not change it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .i18n import I18N_DIR, LANGUAGES, SOURCE

GUI_DIR = Path(__file__).parent


def sources() -> list[Path]:
    return sorted(GUI_DIR.glob("*.py"))


def ts_path(language: str) -> Path:
    return I18N_DIR / f"initlab_{language}.ts"


def _tool(name: str) -> str:
    found = shutil.which(name) or shutil.which(name, path=str(Path(sys.executable).parent))
    if found is None:
        raise RuntimeError(f"{name} is not installed (it comes with PySide6)")
    return found


def lupdate(ts: Path) -> None:
    """Update `ts` from the sources (created if missing)."""
    subprocess.run([_tool("pyside6-lupdate"), *map(str, sources()), "-locations", "none",
                    "-no-obsolete", "-ts", str(ts)], check=True, capture_output=True)


def lrelease(ts: Path, qm: Path) -> None:
    """Compile `ts` into `qm`, put in place whole: a running window maps its .qm into memory,
    and one rewritten under it lost its words (and once crashed)."""
    # (two builds: no race; a name no package pattern takes if a kill leaves it behind)
    handle, name = tempfile.mkstemp(prefix=".", suffix=".qm.tmp", dir=qm.parent)
    os.close(handle)
    tmp = Path(name)
    try:
        subprocess.run([_tool("pyside6-lrelease"), str(ts), "-qm", str(tmp)], check=True,
                       capture_output=True)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)   # as a new file's (mkstemp's is the owner's only)
        os.replace(tmp, qm)
    finally:
        tmp.unlink(missing_ok=True)


def main() -> int:
    I18N_DIR.mkdir(exist_ok=True)
    for language in LANGUAGES:
        if language == SOURCE:
            continue
        ts = ts_path(language)
        lupdate(ts)
        lrelease(ts, ts.with_suffix(".qm"))
        unfinished = ts.read_text(encoding="utf-8").count('type="unfinished"')
        print(f"{ts.name}: {unfinished} unfinished message(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
