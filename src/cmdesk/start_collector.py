"""The garbage collector while the program starts (launcher.program holds it off) and once the start is over (the
window's first paint, app/main.py; a command's parsed arguments, cli/main.py, let it go).

What a start makes — modules, classes, Qt's enums, the parsers — is never garbage, yet the collector walked it ~90
times before the window's first screen (11–13 ms, bench/ui.py), and a command's first collections walked it again
and again while the command imported what it needs (~50 ms of `cmdesk inbox`). Let go, the collector is turned on
with what the start made put aside (`gc.freeze()`): the window examines it once, in its background start's full
collection (sync/responsiveness.py); a command, which ends, never does. A collector this module did not turn off (a
test or a script calling `cmdesk.cli.main.main` in a process of its own) is left as it is."""

from __future__ import annotations

import gc


class _Held:
    by_the_start = False
    """Whether `hold` turned the collector off (and `let_go` is still to turn it on)."""


def hold() -> None:
    """The collector off until `let_go`, if it is on."""
    if gc.isenabled():
        gc.disable()
        _Held.by_the_start = True


def let_go() -> None:
    """The start is over: what it made put aside unexamined, the collector on — if `hold` turned it off."""
    if _Held.by_the_start:
        _Held.by_the_start = False
        gc.freeze()
        gc.enable()
