"""Light or dark: the window follows the system's colour scheme (Qt 6.5's style hints), or the choice made in
Preferences. A dark scheme gets Qt's Fusion style with a dark palette; every colour the window draws itself (the
thread's cards, the calendar's days, the chips) is taken from the palette here, never a fixed light one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

APPEARANCES = ("system", "light", "dark")


def _dark_palette() -> QPalette:
    palette = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#202124",
        QPalette.ColorRole.WindowText: "#e8eaed",
        QPalette.ColorRole.Base: "#17181a",
        QPalette.ColorRole.AlternateBase: "#26282b",
        QPalette.ColorRole.ToolTipBase: "#303134",
        QPalette.ColorRole.ToolTipText: "#e8eaed",
        QPalette.ColorRole.Text: "#e8eaed",
        QPalette.ColorRole.Button: "#2d2f33",
        QPalette.ColorRole.ButtonText: "#e8eaed",
        QPalette.ColorRole.BrightText: "#ff8a80",
        QPalette.ColorRole.Link: "#8ab4f8",
        QPalette.ColorRole.Highlight: "#3d6fb4",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.PlaceholderText: "#9aa0a6",
    }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#80868b"))
    return palette


def system_is_dark() -> bool:
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def apply(app: QApplication, appearance: str) -> bool:
    """Set the application's look; whether it is dark."""
    dark = appearance == "dark" or (appearance not in ("light", "dark") and system_is_dark())
    if dark:
        app.setStyle("Fusion")
        app.setPalette(_dark_palette())
    elif appearance == "light":
        app.setStyle("Fusion")
        app.setPalette(app.style().standardPalette())
    return dark


def mixed(base: QColor, tint: QColor, share: float) -> QColor:
    """`base` with `share` of `tint` (a tinted background that suits light and dark palettes alike)."""
    return QColor(
        round(base.red() * (1 - share) + tint.red() * share),
        round(base.green() * (1 - share) + tint.green() * share),
        round(base.blue() * (1 - share) + tint.blue() * share),
    )


_worked_out: tuple[int, dict[str, str]] | None = None
"""The last palette's colours, by its cache key: an inbox row asks for one each time it is painted."""


def colours() -> dict[str, str]:
    """The colours the window draws itself, from the application's palette (a copy: the caller may change it)."""
    global _worked_out
    palette = QGuiApplication.palette()
    if _worked_out is None or _worked_out[0] != palette.cacheKey():
        _worked_out = (palette.cacheKey(), _colours_of(palette))
    return dict(_worked_out[1])


def _colours_of(palette: QPalette) -> dict[str, str]:
    base = palette.color(QPalette.ColorRole.Base)
    window = palette.color(QPalette.ColorRole.Window)
    text = palette.color(QPalette.ColorRole.Text)
    highlight = palette.color(QPalette.ColorRole.Highlight)
    dark = base.lightness() < 128
    return {
        "base": base.name(),
        "text": text.name(),
        "meta": mixed(text, base, 0.45).name(),
        "card": mixed(base, text, 0.06).name(),
        "out": mixed(base, highlight, 0.12).name(),
        "warning": mixed(base, QColor("#ff9800"), 0.16).name(),
        "danger": mixed(base, QColor("#e53935"), 0.14).name(),
        "today": mixed(base, QColor("#fbc02d"), 0.18).name(),
        "other_month": mixed(base, window, 0.6).name(),
        "rule": mixed(base, text, 0.2).name(),
        # Words that say something went wrong, went right, or is under way: deep on a light background, pale on a
        # dark one (a deep red on near-black reads at 3:1; the pale one at 8:1).
        "bad": "#ef9a9a" if dark else "#c62828",
        "good": "#81c784" if dark else "#2e7d32",
        "info": "#90caf9" if dark else "#1565c0",
        "caution": "#ffb74d" if dark else "#b45309",
    }


def text_style(tone: str) -> str:
    """A style sheet giving a label the colour `tone` of colours() ("meta", "bad", "good", "info", "caution")."""
    return f"color: {colours()[tone]};"
