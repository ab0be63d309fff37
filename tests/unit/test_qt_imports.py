"""PySide6's import hook answered from the file's bytes (app/qt_imports.py): the same answers as shiboken's own,
without reading each module's source through inspect."""

from __future__ import annotations

import inspect
import sys
import types

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
