"""The garbage collector while the program starts (launcher.program): off until the start is over, then on, with what
the start made put aside (`gc.freeze()`: a command's collections do not walk it again and again). What the window's
start put aside at its first paint (app/main.py) is examined once by the background start's full collection
(sync/responsiveness.py), so start-up garbage is not kept for the session."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import textwrap
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest

from cmdesk.sync.responsiveness import keep_loop_responsive


class _Node:
    def __init__(self) -> None:
        self.other: _Node | None = None


@pytest.fixture
def process_settings() -> Iterator[None]:
    """keep_loop_responsive changes the whole process: put its settings back."""
    thresholds, interval = gc.get_threshold(), sys.getswitchinterval()
    yield
    gc.unfreeze()
    gc.set_threshold(*thresholds)
    sys.setswitchinterval(interval)
    gc.enable()


@pytest.mark.usefixtures("process_settings")
def test_garbage_the_start_put_aside_is_collected_by_the_background_start() -> None:
    first, second = _Node(), _Node()
    first.other, second.other = second, first
    kept = weakref.ref(first)
    del first, second
    gc.freeze()  # as the window does at its first paint, the cycle among what it puts aside
    gc.collect()
    assert kept() is not None, "a frozen cycle is not collected"
    keep_loop_responsive()
    assert kept() is None


def test_a_command_runs_with_the_collector_on_and_the_start_put_aside() -> None:
    script = textwrap.dedent(
        """
        import gc, sys
        from cmdesk import launcher
        from cmdesk.cli import main as cli

        seen = []

        def run_command(handler, args):
            seen.append((gc.isenabled(), gc.get_freeze_count() > 0))
            return 0

        cli._run_command = run_command
        sys.argv = ["cmdesk", "sync"]
        status = launcher.program()
        print("collector on, the start put aside:", seen, "status", status)
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "collector on, the start put aside: [(True, True)] status 0" in done.stdout, done.stdout


def test_the_window_starts_without_a_collection_and_turns_the_collector_on_once_painted(tmp_path: Path) -> None:
    script = textwrap.dedent(
        """
        import gc, sys
        from cmdesk import launcher

        collections = []
        started = []
        gc.callbacks.append(lambda phase, info: started and phase == "stop" and collections.append(info))
        run_gui = launcher.run_gui

        def measured_run_gui(args):
            import cmdesk.app.main as app

            report = app.report_startup_time

            def reported(window, phases):
                print("before the first screen:", len(collections), "collections;", "on:", gc.isenabled(),
                      "put aside:", gc.get_freeze_count() > 0)
                report(window, phases)

            app.report_startup_time = reported
            return run_gui(args)

        launcher.run_gui = measured_run_gui
        started.append(True)
        sys.exit(launcher.program())
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script, "gui", "--startup-time", "--data-dir", str(tmp_path / "data")],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 0, done.stderr
    assert "before the first screen: 0 collections; on: True put aside: True" in done.stdout, done.stdout


def test_a_command_called_in_process_leaves_the_collector_as_it_is(tmp_path: Path) -> None:
    from cmdesk.cli.main import main

    frozen = gc.get_freeze_count()
    assert main(["--data-dir", str(tmp_path / "data"), "client", "list"]) == 0
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen, "a caller's objects were put aside"
