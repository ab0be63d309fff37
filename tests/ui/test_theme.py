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


def _contrast(one: QColor, other: QColor) -> float:
    """WCAG's contrast ratio between two colours."""

    def luminance(colour: QColor) -> float:
        def channel(value: float) -> float:
            return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

        return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())

    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("appearance", ["light", "dark"])
def test_coloured_words_stay_readable_in_both_appearances(qapp: QApplication, appearance: str) -> None:
    """Errors, successes and dim notes were fixed deep colours (#c62828, #555): on a dark window they read at 3:1
    and 2:1. Now they come from the palette."""
    palette, style = qapp.palette(), qapp.style().name()
    theme.apply(qapp, appearance)
    try:
        tones = theme.colours()
        for tone in ("bad", "good", "info", "caution", "meta", "text"):
            ratio = _contrast(QColor(tones[tone]), QColor(tones["base"]))
            assert ratio >= (4.0 if tone == "meta" else 4.5), f"{tone} on {appearance}: {ratio:.1f}:1"
    finally:
        qapp.setPalette(palette)
        qapp.setStyle(style)


def test_the_window_code_has_no_fixed_text_colour() -> None:
    """What the window writes in colour takes it from theme.colours(), never a fixed hex in a style sheet."""
    import re
    from pathlib import Path

    ui = Path(theme.__file__).parent
    fixed = [
        f"{path.relative_to(ui)}:{number}"
        for path in sorted(ui.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"color:\s*#[0-9a-fA-F]{3,6}", line)
    ]
    assert fixed == []
