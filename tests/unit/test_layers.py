"""The layering of DESIGN.md holds by construction: imports point down only, and nothing below the UI needs Qt."""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "cmdesk"

ALLOWED = {
    "domain": {"domain"},
    "analysis": {"analysis", "domain"},
    "storage": {"storage", "analysis", "domain"},
    "credentials": {"credentials", "domain"},
    "connectors": {"connectors", "domain"},
    "sync": {"sync", "connectors", "storage", "credentials", "analysis", "domain"},
    "demo": {"demo", "storage", "domain"},
    "services": {"services", "sync", "connectors", "storage", "credentials", "analysis", "domain", "demo", "paths"}
    | {"reports"},
    "cli": {"cli", "services", "sync", "connectors", "storage", "credentials", "analysis", "domain", "demo", "paths"}
    | {"reports", "dataclass_code", "start_collector"},
    "reports": {"reports", "domain"},
    "models": {"models", "domain"},
    "app": {"app", "ui", "models", "services", "sync", "connectors", "storage", "credentials", "domain", "demo"}
    | {"analysis", "paths", "dataclass_code", "start_collector"},
    "ui": {"ui", "models", "services", "domain", "paths", "reports"},
    "paths": set(),
    "dataclass_code": set(),
    "start_collector": set(),
}
"""DESIGN.md's diagram: app/ is the composition root (only the launcher, the program's entry point, imports it); ui/
commands through services/ and reads through the Reader (domain/reader.py) and models/; models/ see Qt and domain."""
QT_FREE = ["domain", "analysis", "storage", "credentials", "connectors", "sync", "services", "cli", "demo", "paths"]
QT_FREE += ["reports"]


def _is_module(name: str) -> bool:
    """Whether `from cmdesk import name` imports a module or package (not `__version__`)."""
    return (PACKAGE / name).is_dir() or (PACKAGE / f"{name}.py").is_file()


def _layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _crossings() -> tuple[set[str], list[str]]:
    """(imports across the diagram as "module -> layer", imports of Qt or httpx where they must not be)."""
    crossing: set[str] = set()
    wrong: list[str] = []
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE.parent).with_suffix("")
        module = ".".join(relative.parts)
        layer = _layer(module)
        if layer not in ALLOWED:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.ImportFrom) and node.module == "cmdesk" and node.level == 0:
                targets = [f"cmdesk.{alias.name}" for alias in node.names if _is_module(alias.name)]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets = [node.module]
            elif isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            for target in targets:
                top = target.split(".")[0]
                if layer not in ("ui", "app", "models") and top in ("PySide6", "qasync"):
                    wrong.append(f"{module} imports Qt")
                if layer in ("ui", "models") and top == "httpx":
                    wrong.append(f"{module} imports httpx: the UI never calls the network")
                if layer in ("ui", "models") and top == "sqlite3":
                    crossing.add(f"{module.removeprefix('cmdesk.')} -> sqlite3")
                if target == "cmdesk" or not target.startswith("cmdesk."):
                    continue
                if _layer(target) not in ALLOWED[layer] | {layer}:
                    crossing.add(f"{module.removeprefix('cmdesk.')} -> {_layer(target)}")
    return crossing, wrong


def test_imports_point_down_only() -> None:
    crossing, wrong = _crossings()
    assert wrong == []
    assert sorted(crossing) == [], "imports across DESIGN.md's layers"


def test_only_the_launcher_imports_the_composition_root() -> None:
    importers = set()
    for path in PACKAGE.rglob("*.py"):
        module = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if _layer(module) == "app":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("cmdesk.app"):
                importers.add(module)
    assert importers == {"cmdesk.launcher"}


def test_every_non_ui_package_imports_without_pyside6(tmp_path: Path) -> None:
    script = textwrap.dedent(
        f"""
        import importlib, importlib.abc, pkgutil, sys

        class NoQt(importlib.abc.MetaPathFinder):
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in ("PySide6", "shiboken6", "qasync"):
                    raise ImportError(f"blocked: {{name}}")
                return None

        sys.meta_path.insert(0, NoQt())
        import cmdesk
        imported = 0
        for info in pkgutil.walk_packages(cmdesk.__path__, "cmdesk."):
            if info.name.split(".")[1] in {QT_FREE!r}:
                importlib.import_module(info.name)
                imported += 1
        from cmdesk.cli.main import main
        assert main(["client", "list", "--data-dir", sys.argv[1]]) == 0
        assert not [m for m in sys.modules if m.startswith(("PySide6", "qasync"))]
        print("imported", imported)
        """
    )
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout.split("imported")[1]) >= 25
