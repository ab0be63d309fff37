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
    "storage": {"storage", "domain"},
    "credentials": {"credentials", "domain"},
    "connectors": {"connectors", "domain"},
    "sync": {"sync", "connectors", "storage", "credentials", "domain"},
    "demo": {"demo", "storage", "domain"},
    "cli": {"cli", "sync", "connectors", "storage", "credentials", "domain", "demo", "paths", "app"},
    "models": {"models", "storage", "domain"},
    "app": {"app", "ui", "models", "sync", "connectors", "storage", "credentials", "domain", "demo", "paths"},
    "ui": {"ui", "models", "app", "sync", "connectors", "storage", "credentials", "domain", "demo", "paths"},
    "paths": set(),
}
QT_FREE = ["domain", "storage", "credentials", "connectors", "sync", "cli", "demo", "paths"]


def _layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def test_imports_point_down_only() -> None:
    wrong: list[str] = []
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE.parent).with_suffix("")
        module = ".".join(relative.parts)
        layer = _layer(module)
        if layer not in ALLOWED:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets = [node.module]
            elif isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            for target in targets:
                if layer not in ("ui", "app", "models") and target.split(".")[0] in ("PySide6", "qasync"):
                    wrong.append(f"{module} imports Qt")
                if layer in ("ui", "models") and target.split(".")[0] == "httpx":
                    wrong.append(f"{module} imports httpx: the UI never calls the network")
                if target == "cmdesk" or not target.startswith("cmdesk."):
                    continue
                if _layer(target) not in ALLOWED[layer] | {layer}:
                    wrong.append(f"{module} imports {target}")
    assert wrong == []


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
