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
    "services": {"services", "sync", "connectors", "storage", "credentials", "domain", "demo", "paths"},
    "cli": {"cli", "services", "sync", "connectors", "storage", "credentials", "domain", "demo", "paths"},
    "models": {"models", "domain", "services"},
    "app": {"app", "ui", "models", "services", "sync", "connectors", "storage", "credentials", "domain", "demo"}
    | {"paths"},
    "ui": {"ui", "models", "services", "domain", "paths"},
    "paths": set(),
}
"""DESIGN.md's diagram: app/ is the composition root (nothing imports it); ui/ commands through services/ and reads
through models/; models/ see Qt and domain (and the Reader, through services)."""

STILL_CROSSING = {
    "cli.main -> app",
    "models.conversation_list_model -> storage",
    "models.saved_views -> storage",
    "ui.add_source_dialog -> app",
    "ui.calendar_pane -> app",
    "ui.calendar_pane -> storage",
    "ui.client_box -> app",
    "ui.client_box -> storage",
    "ui.client_settings_dialog -> storage",
    "ui.composer_pane -> app",
    "ui.composer_pane -> storage",
    "ui.conversation_delegate -> storage",
    "ui.email_dialog -> app",
    "ui.main_window -> app",
    "ui.main_window -> demo",
    "ui.main_window -> sqlite3",
    "ui.main_window -> storage",
    "ui.main_window -> sync",
    "ui.mastodon_dialog -> app",
    "ui.mastodon_dialog -> connectors",
    "ui.mastodon_dialog -> sync",
    "ui.monitors_dialog -> connectors",
    "ui.monitors_dialog -> storage",
    "ui.monitors_dialog -> sync",
    "ui.outbox_pane -> app",
    "ui.outbox_pane -> storage",
    "ui.sidebar -> storage",
    "ui.snippet_menu -> storage",
    "ui.sources_pane -> storage",
    "ui.thread_view -> connectors",
    "ui.thread_view -> storage",
    "ui.tray -> storage",
}
"""Imports across the diagram that issue 14 has not yet removed (module -> layer). The list only shrinks: a new
crossing fails, and so does a listed one that is gone (remove it here, so the list stays the truth)."""
QT_FREE = ["domain", "storage", "credentials", "connectors", "sync", "services", "cli", "demo", "paths"]


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
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
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
    assert sorted(crossing - STILL_CROSSING) == [], "new imports across DESIGN.md's layers"
    assert sorted(STILL_CROSSING - crossing) == [], "gone: take them out of STILL_CROSSING"


def test_nothing_imports_the_composition_root() -> None:
    crossing, _ = _crossings()
    into_app = sorted(c for c in crossing if c.endswith("-> app"))
    assert into_app == sorted(c for c in STILL_CROSSING if c.endswith("-> app"))


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
