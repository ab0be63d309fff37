"""The `cmdesk` program (`cmdesk`, `python -m cmdesk`, the desktop bundle): the window when asked for — app/, the
composition root, imported only here — and every other command through cli/."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from cmdesk import paths, start_collector


def run_gui(args: argparse.Namespace) -> int:
    from cmdesk.app.qt_imports import import_qt

    import_qt()  # first: every module imported after it pays PySide6's import hook (app/qt_imports.py)
    from cmdesk.app.main import run

    return run(
        paths.data_dir(getattr(args, "data_dir", None)),
        screenshots=getattr(args, "screenshots", None),
        demo_if_empty=getattr(args, "demo_if_empty", False),
        startup_time=getattr(args, "startup_time", False),
    )


def program() -> int:
    """The program as it is started (the `cmdesk` command, `python -m cmdesk`, the bundle): dataclasses compiled
    through the machine's cache (dataclass_code.py) and the garbage collector held off until the start is over
    (start_collector.py), then `main` on the command line's arguments."""
    start_collector.hold()
    from cmdesk import dataclass_code

    dataclass_code.install(paths.cache_dir())
    return main()


def main(argv: Sequence[str] | None = None) -> int:
    from cmdesk.cli.main import main as command_line

    return command_line(argv, run_gui=run_gui)
