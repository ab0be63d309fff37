"""Issue 16, the look: a dark mode that follows the system, with a setting, and no fixed light colour in what the
window draws itself (under a dark palette the thread's contact strip and the calendar's cells were white)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from cmdesk.ui import theme
from cmdesk.ui.icons import dark_palette


@pytest.fixture
def dark(qapp: QApplication) -> Iterator[None]:
    palette, style = qapp.palette(), qapp.style().name()
    assert theme.apply(qapp, "dark")
    yield
    qapp.setPalette(palette)
    qapp.setStyle(style)


def test_dark_is_a_dark_palette_and_the_window_draws_with_it(dark: None) -> None:
    assert dark_palette()
    tones = theme.colours()
    for key in ("base", "card", "out", "today", "other_month"):
        assert QColor(tones[key]).lightness() < 100, f"{key} is dark under a dark palette"
    assert QColor(tones["text"]).lightness() > 180
    assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 60


def test_following_the_system_changes_nothing_on_a_light_system(qapp: QApplication) -> None:
    before = qapp.palette().color(QPalette.ColorRole.Window).name()
    if theme.system_is_dark():
        pytest.fail("the test machine reports a dark scheme: this test expects the offscreen default (light)")
    assert not theme.apply(qapp, "system")
    assert qapp.palette().color(QPalette.ColorRole.Window).name() == before
