"""PySide6 imported for the window, with its import hook made light.

Importing PySide6 replaces Python's `__import__` (to offer `from __feature__ import snake_case`), and from then on,
after each module imported, shiboken asks whether that module uses PySide6 by reading its whole source through
`inspect.getsource` — linecache and the tokenizer, for every module the window imports
(shibokensupport/feature.py, `_mod_uses_pyside`, PYSIDE-2029) — and linecache kept every line it read for the life
of the process. cmdesk selects no feature; the same question is answered here from the file's bytes: the same
answer, without the tokenizer and with nothing kept. Measured on this project's 2-core machine: the first screen
on 1M 550 / 610 ms (best / median of 15) → 500 / 570; the idle window (bench/idle.py, after the ~800 modules of
its background start) 178 → 147 MB on the demo, 205 → 175–179 MB on 1M.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType

LIGHT = "_cmdesk_light"
"""Marks the question already answered the light way."""


def import_qt() -> None:
    """Import PySide6 and make its per-module question light (nothing changes where shiboken has no such hook)."""
    import PySide6.QtCore  # noqa: F401  (its import installs shiboken's hook)

    feature = sys.modules.get("shibokensupport.feature")
    asks: Callable[[ModuleType], bool] | None = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or asks is None or getattr(asks, LIGHT, False):
        return
    feature._mod_uses_pyside = _light(asks)  # type: ignore[attr-defined]


def _light(asks: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    def uses_pyside(module: ModuleType) -> bool:
        """Whether the module's source names PySide6, read from its file; shiboken's own answer for a module without
        a source file of its own (built in, frozen, in a bundle's archive)."""
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass
        return asks(module)

    setattr(uses_pyside, LIGHT, True)
    return uses_pyside


__all__ = ["import_qt"]
