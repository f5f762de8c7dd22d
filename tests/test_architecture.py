"""The architecture, checked on the source: the engine never imports Qt or the GUI, and no
module borrows another module's private names.

Imports are read with `ast` from every .py file under engine/ (and gui/, main.py and tests/ for
private names),
recursively, relative imports resolved; a subprocess checks that running the engine loads no
Qt module at all (nothing imported indirectly either).
"""

import ast
import functools
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PROJECT = ("engine", "gui", "main")
# Top-level modules the engine must not import (prefixes: PyQt5, PyQt6, PySide2, PySide6, …).
QT_PREFIXES = ("PySide", "PyQt", "shiboken", "pyqtgraph", "qtpy")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _is_package(path: Path) -> bool:
    return path.name == "__init__.py"


def imports(source: str, module: str, package: bool = False, bound: bool = False):
    """(imported module, imported name or None, line) for every import in `source`, the source
    of `module` (a package's __init__ when `package`); relative imports made absolute. String
    imports (`importlib.import_module("x")`, `__import__("x")`) count as ``import x``. With
    `bound`, each with the name it binds last (its `as` name, if any; None for a string
    import)."""
    for target, name, line, binds in _imports(source, module, package):
        yield (target, name, line, binds) if bound else (target, name, line)


@pytest.fixture(autouse=True)
def _trees_let_go():
    """The trees parsed for a test are let go after it: kept (~650,000 objects), every later
    full garbage collection of the test process walked them, ~0.2 s each (conftest's after
    a window's deletion): a fifth of a suite's time went there."""
    yield
    _parsed.cache_clear()
    _imports.cache_clear()


@functools.lru_cache(maxsize=None)
def _parsed(source: str) -> ast.AST:
    """`source`'s tree, parsed once for every check that reads it (none changes it)."""
    return ast.parse(source)


@functools.lru_cache(maxsize=None)
def _imports(source: str, module: str, package: bool) -> tuple:
    """(`imports`' facts, once per source: each check reads them.)"""
    return tuple(_found_imports(source, module, package))


def _found_imports(source: str, module: str, package: bool):
    here = module.split(".") if package else module.split(".")[:-1]
    for node in ast.walk(_parsed(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, None, node.lineno, alias.asname or alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here[: len(here) - (node.level - 1)] if node.level > 1 else here
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:
                yield target, alias.name, node.lineno, alias.asname or alias.name
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant) \
                and isinstance(node.args[0].value, str):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in ("import_module", "__import__"):
                yield node.args[0].value, None, node.lineno, None


def qt_imports(source: str, module: str, package: bool = False) -> list[str]:
    """The imports of Qt, pyqtgraph or the gui package in `source`."""
    bad = []
    for target, name, line in imports(source, module, package):
        top = target.split(".")[0]
        if top.startswith(QT_PREFIXES) or top == "gui":
            bad.append(f"{module}:{line} imports {target}")
    return bad


def private_imports(source: str, module: str, package: bool = False,
                    project: tuple[str, ...] = PROJECT) -> list[str]:
    """Names starting with "_" imported from another project module: ``from .x import _y``,
    ``from engine.x import _y``, ``from . import _x``, and ``import engine._x`` (the same
    thing spelled as a module). A public name of a package-private module (``from ._x import
    y``) is allowed."""
    bad = []
    for target, name, line in imports(source, module, package):
        if target.split(".")[0] not in project:
            continue   # __future__, numpy, the standard library, …
        private = name.startswith("_") if name is not None else any(
            part.startswith("_") for part in target.split(".")[1:])
        if private:
            bad.append(f"{module}:{line} imports {name or target} from {target}")
    return bad


def private_attributes(source: str, module: str, package: bool = False,
                       project: tuple[str, ...] = PROJECT) -> list[str]:
    """Private names read through a name imported from another project module: ``passes._x``
    after ``from engine import passes`` (or ``… as p``: ``p._x``), ``engine.passes._x`` after
    ``import engine``, ``Executor._cache`` after ``from gui.executors import Executor``
    (dunders allowed). Not what an instance or a subclass reads through ``self``."""
    imported = {}
    for target, _, _, bound in imports(source, module, package, bound=True):
        if target.split(".")[0] in project and bound is not None:
            imported[bound] = target
    bad, inner = [], set()
    for node in ast.walk(_parsed(source)):   # (outer nodes first: a chain is read once)
        if not isinstance(node, ast.Attribute) or id(node) in inner:
            continue
        chain, root = [node.attr], node.value
        while isinstance(root, ast.Attribute):
            inner.add(id(root))
            chain.append(root.attr)
            root = root.value
        if isinstance(root, ast.Name) and root.id in imported and any(
                part.startswith("_") and not part.startswith("__") for part in chain):
            bad.append(f"{module}:{node.lineno} reads {root.id}.{'.'.join(reversed(chain))}")
    return sorted(set(bad))


def sources(*packages: str):
    for package in packages:
        for path in sorted((ROOT / package).rglob("*.py")):
            yield path, _module_name(path), _is_package(path)


def test_the_scanners_find_what_they_look_for():
    """The checks below would pass vacuously if these did not flag anything."""
    assert qt_imports("import PySide6.QtCore", "engine.x")
    assert qt_imports("from PyQt5 import QtWidgets", "engine.x")
    assert qt_imports("import pyqtgraph as pg", "engine.x")
    assert qt_imports("from shiboken6 import isValid", "engine.x")
    assert qt_imports("from gui.texts import fmt", "engine.x")
    assert qt_imports("from ...gui import texts", "engine.theory.x")         # → gui
    assert qt_imports("importlib.import_module('PySide6.QtGui')", "engine.x")
    assert qt_imports("def f():\n    from PySide6 import QtCore\n", "engine.x")  # lazy, too
    assert not qt_imports("from . import gui_words\nimport numpy, guidata", "engine.x")
    assert not qt_imports("from .passes import run_pass", "engine.theory")   # → engine.passes

    assert private_imports("from .passes import _Pass", "engine.sweep")
    assert private_imports("from engine.passes import _column", "gui.worker")
    assert private_imports("from ..passes import _Pass", "engine.theory.recursion")
    assert private_imports("from . import _blas", "gui.app")
    assert private_imports("import engine._private", "gui.app")
    assert private_imports("from ._gaussian import moments", "engine.theory", package=True) == []
    assert not private_imports("from __future__ import annotations", "engine.sweep")
    assert not private_imports("from numpy import _core", "engine.sweep")
    assert not private_imports("from .passes import run_pass, LayerStep", "engine.sweep")
    assert private_imports("from test_x import _helper", "test_y", project=("test_x",))
    assert not private_imports("from test_x import helper", "test_y", project=("test_x",))
    assert private_attributes("from engine import passes\npasses._Pass", "gui.worker")
    assert private_attributes("import engine.passes\nengine.passes._x(1)", "gui.worker")
    assert private_attributes("from .executors import Sync\nSync._wanted = 1", "gui.app")
    assert not private_attributes("from engine import passes\npasses.__name__", "gui.worker")
    assert not private_attributes("import numpy\nnumpy._core", "gui.worker")
    assert not private_attributes("from engine import passes\nself._x", "gui.worker")
    assert private_attributes("import engine.passes as ep\nep._x", "gui.worker")
    assert private_attributes("from engine import passes as p\np._x", "gui.worker")
    assert len(private_attributes("from engine import passes\npasses._A.b", "gui.w")) == 1


def test_engine_imports_no_qt_and_no_gui():
    """No module below engine/ (sub-packages included) imports Qt, pyqtgraph or gui, not even
    inside a function."""
    scanned, bad = [], []
    for path, module, package in sources("engine"):
        scanned.append(module)
        bad += qt_imports(path.read_text(encoding="utf-8"), module, package)
    assert {"engine", "engine.passes", "engine.simulation", "engine.sweep"} <= set(scanned)
    assert bad == []


def test_no_module_imports_private_names_of_another():
    """engine/, gui/ and main.py; and the tests, which take no private name of the project
    nor of one another (a shared helper is public, or lives in conftest), whether imported or
    read through an imported name."""
    bad = []
    for path, module, package in sources("engine", "gui"):
        for check in (private_imports, private_attributes):
            bad += check(path.read_text(encoding="utf-8"), module, package)
    for check in (private_imports, private_attributes):
        bad += check((ROOT / "main.py").read_text(encoding="utf-8"), "main")
    tests = tuple(path.stem for path in (ROOT / "tests").glob("*.py"))
    for path in sorted((ROOT / "tests").glob("*.py")):
        for check in (private_imports, private_attributes):
            bad += check(path.read_text(encoding="utf-8"), path.stem, project=PROJECT + tests)
    assert bad == []


def test_running_the_engine_loads_no_qt():
    """Every engine module imported and a simulation run: no Qt module (nor gui) in
    sys.modules. The GUI's words (gui.texts, gui.config_texts, gui.help_texts,
    gui.analysis_texts, gui.spectrum_texts, gui.phase_texts) and their facts (engine.verdict)
    need no Qt either."""
    code = """
import json, pkgutil, sys, importlib
import engine
for info in pkgutil.walk_packages(engine.__path__, "engine."):
    importlib.import_module(info.name)
config = engine.SimConfig.from_dict({"depth": 3, "width": 8, "batch": 8})
result = engine.simulate(config)
prefixes = %r
def loaded(also=()):
    return sorted(m for m in sys.modules
                  if m.split(".")[0].startswith(prefixes) or m.split(".")[0] in also)
out = {"layers": len(result.layer_rows()), "engine": loaded(also=("gui",))}
import gui.texts, gui.verdict_texts, gui.config_texts, gui.help_texts, gui.analysis_texts
import gui.phase_texts, gui.spectrum_texts
import engine.verdict
gui.verdict_texts.verdict_text(engine.verdict.verdict(result))
gui.config_texts.config_text(config)
gui.help_texts.lecture_formula(config)
out["texts"] = loaded()
print(json.dumps(out))
""" % (QT_PREFIXES,)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out == {"layers": 4, "engine": [], "texts": []}


def test_the_training_tab_modules_are_listed_after_what_they_import():
    """Opened at once, the Training tab imports its modules one per event-loop pass, in the
    order of `gui.training_ahead.MODULES`: a module listed before one it imports would pull
    that one in too, and the pass would take both."""
    from gui.training_ahead import MODULES

    assert MODULES[-1] == "gui.training_view"
    for i, module in enumerate(MODULES):
        path = ROOT / (module.replace(".", "/") + ".py")
        for target, name, _ in imports(path.read_text(encoding="utf-8"), module):
            for imported in (target, f"{target}.{name}"):
                if imported in MODULES:
                    assert MODULES.index(imported) < i, (module, imported)
    # and nothing of the tab's own is left out of the list
    view = ROOT / "gui" / "training_view.py"
    own = {t for t, _, _ in imports(view.read_text(encoding="utf-8"), "gui.training_view")
           if t.startswith("gui.training") or t.endswith("_pacing")}
    assert own <= set(MODULES), own - set(MODULES)
