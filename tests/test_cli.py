"""The command line: --stats without Qt, strict JSON, and one-line errors with exit status 2."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run(*args, cwd=None):
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True,
                          text=True, cwd=cwd or ROOT, timeout=300)


def test_stats_json_without_importing_qt(tmp_path):
    out = tmp_path / "s.json"
    code = (
        "import sys, main\n"
        f"rc = main.main(['--set', 'depth=5', '--set', 'width=32', '--stats', {str(out)!r}])\n"
        "qt = [m for m in sys.modules if m.startswith(('PySide6', 'pyqtgraph', 'shiboken'))]\n"
        "print(rc, qt)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                          timeout=300)
    assert proc.stdout.strip() == "0 []", proc.stderr
    data = json.loads(out.read_text())
    assert data["config"]["widths"] == [32] * 6 and len(data["layers"]) == 6


def test_stats_csv_with_config_file(tmp_path):
    cfg = tmp_path / "net.json"
    cfg.write_text(json.dumps({"widths": "20, 30x2, 10", "activation": "relu", "init": "he"}))
    out = tmp_path / "s.csv"
    proc = run("--config", str(cfg), "--set", "seed=3", "--stats", str(out))
    assert proc.returncode == 0, proc.stderr
    lines = out.read_text().strip().split("\n")
    assert lines[0].split(",")[:2] == ["layer", "width"] and len(lines) == 5


def test_overflow_is_null_in_json(tmp_path):
    out = tmp_path / "s.json"
    proc = run("--set", "activation=elu", "--set", "init=constant", "--set", "variance=1",
               "--set", "depth=60", "--stats", str(out))
    assert proc.returncode == 0 and proc.stderr == ""
    text = out.read_text()
    assert "NaN" not in text and "Infinity" not in text
    assert json.loads(text)["layers"][-1]["log10_forward_var"] is None


@pytest.mark.parametrize("args, key", [
    (["--set", "depth=0"], "depth"),
    (["--set", "widths=abc"], "widths"),
    (["--set", "activation=tanhh"], "activation"),
    (["--set", "gain=-1"], "gain"),
    (["--set", "nonsense=1"], "nonsense"),
    (["--set", "gain"], "gain"),
    (["--config", "missing.json"], "config"),
    (["--bogus"], "arguments"),
])
def test_bad_input_is_one_line_and_writes_nothing(tmp_path, args, key):
    out = tmp_path / "s.json"
    proc = run(*args, "--stats", str(out))
    assert proc.returncode == 2
    lines = proc.stderr.strip().split("\n")
    assert len(lines) == 1 and lines[0].startswith(f"error: {key}: "), proc.stderr
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_invalid_json_config_names_the_problem(tmp_path):
    cfg = tmp_path / "bad.json"
    cfg.write_text("{\"depth\": 3,,}")
    proc = run("--config", str(cfg), "--stats", str(tmp_path / "s.json"))
    assert proc.returncode == 2 and "not valid JSON" in proc.stderr and "line 1" in proc.stderr
    cfg.write_text(json.dumps({"depth": 3, "gain": "big"}))
    proc = run("--config", str(cfg), "--stats", str(tmp_path / "s.json"))
    assert proc.returncode == 2 and proc.stderr.startswith("error: gain: ")


def test_stats_suffix_is_checked(tmp_path):
    proc = run("--stats", str(tmp_path / "s.txt"))
    assert proc.returncode == 2 and proc.stderr.startswith("error: stats: ")


def test_engine_never_imports_qt():
    """The engine is pure numpy: no module below engine/ imports Qt, pyqtgraph or gui."""
    import ast

    banned = ("PySide6", "PyQt5", "PyQt6", "pyqtgraph", "shiboken6", "gui")
    for path in (ROOT / "engine").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            for name in names:
                assert name.split(".")[0] not in banned, f"{path.name} imports {name}"
