"""PySide6's import hook answered from the file's bytes (app/qt_imports.py): the same answers as shiboken's own,
without reading each module's source through inspect."""

from __future__ import annotations

import inspect
import linecache
import sys
import types
from pathlib import Path

import pytest

import cmdesk.domain.stories
import cmdesk.ui.theme
from cmdesk.app.qt_imports import LIGHT, import_qt


def _feature() -> types.ModuleType:
    import_qt()
    return sys.modules["shibokensupport.feature"]


def test_the_light_question_gives_shibokens_answers() -> None:
    feature = _feature()
    light = feature._mod_uses_pyside
    assert getattr(light, LIGHT, False), "import_qt answers the question the light way"
    without_file = types.ModuleType("made_here")
    for module, expected in ((cmdesk.ui.theme, True), (cmdesk.domain.stories, False), (sys, False)):
        assert light(module) is expected, module.__name__
    assert light(without_file) is False
    import_qt()
    assert feature._mod_uses_pyside is light, "asked twice, the hook is made light once"


def test_it_reads_no_source_through_inspect(monkeypatch: pytest.MonkeyPatch) -> None:
    feature = _feature()

    def refused(_module: object) -> str:
        raise AssertionError("inspect.getsource was called")

    monkeypatch.setattr(inspect, "getsource", refused)
    assert feature._mod_uses_pyside(cmdesk.ui.theme) is True


def test_a_module_imported_later_leaves_no_lines_in_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """shiboken's own question read each module through linecache, which kept its lines for good (~30 MB on the
    idle window)."""
    _feature()
    source = tmp_path / "made_for_the_hook.py"
    source.write_text("from PySide6.QtCore import QObject\n\nVALUE = QObject\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    module = __import__("made_for_the_hook")  # an import statement's way, through the hook PySide6 installed
    try:
        assert sys.modules["shibokensupport.feature"].pyside_feature_dict.get("made_for_the_hook") == 0, (
            "the hook still asked, and was told the module uses PySide6"
        )
        assert str(source) not in linecache.cache
    finally:
        del sys.modules[module.__name__]
