"""The fonts reports are drawn with (the PDF, the charts of every export and of the window): DejaVu Sans, which
matplotlib ships, then Symbola for the characters it lacks — emoji, which customers write ("Merci 🥐", "😡"): without
a second font each was an empty box in the PDF a manager reads, and a warning in the log. matplotlib takes a glyph
from the next family of the list when the first lacks it. Symbola is a system font (Debian: fonts-symbola, which
./dev installs; 3.1 MB, monochrome, so matplotlib can draw and embed it — Noto Color Emoji's bitmaps it cannot);
without it, reports are drawn as before."""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path

BASE_FAMILY = "DejaVu Sans"
EMOJI_FAMILY = "Symbola"


@cache
def families() -> tuple[str, ...]:
    """The font families to draw with, in order: the emoji font only when this system has it."""
    from matplotlib import font_manager

    logging.getLogger(font_manager.__name__).addFilter(_NoBoldEmoji())
    if EMOJI_FAMILY not in {entry.name for entry in font_manager.fontManager.ttflist}:
        # matplotlib lists the system's fonts once and keeps the list: a font installed since is found by its file.
        found = [path for path in font_manager.findSystemFonts() if Path(path).name.lower().startswith("symbola")]
        if not found:
            return (BASE_FAMILY,)
        font_manager.fontManager.addfont(sorted(found)[0])
    return (BASE_FAMILY, EMOJI_FAMILY)


class _NoBoldEmoji(logging.Filter):
    """Symbola has no bold: matplotlib says so once per process and weight ("Failed to find font weight bold for
    Symbola") and draws it regular, which is what a bold title's emoji should be. Not worth a line of the log."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not ("Failed to find font weight" in message and EMOJI_FAMILY in message)


def use_report_fonts() -> None:
    """Draw every later matplotlib text with `families()` (the same setting each time: safe from any thread)."""
    from matplotlib import rcParams

    rcParams["font.family"] = list(families())
