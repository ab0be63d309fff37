"""`cmdesk agent`: the light background agent — syncs every account on its schedule and sends the outbox while no
cmdesk window runs on the data folder, and waits while one does (the window takes over). One per data folder.
`--install` makes it start with the session (systemd user service, else XDG autostart), `--uninstall` undoes that,
`--status` says whether it is installed and running, `--stop` stops it (what Quit does in the window). It logs to
`<data dir>/agent.log`; SIGTERM or Ctrl+C stop it cleanly.

The agent is two processes: a light parent (cli/agent_supervisor.py) that waits and decides, and for each sync
pass a child, `cmdesk agent --worker`, that runs the sync engine once and exits. This module imports nothing heavy
at load time: `cmdesk agent` is parsed without the other commands (cli/main.py), and only the pass imports
SQLAlchemy, httpx and the connectors.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import signal
import subprocess
import sys
from contextlib import suppress
from logging.handlers import RotatingFileHandler
from pathlib import Path

from cmdesk import paths
from cmdesk.services import agent_setup
from cmdesk.storage import presence

log = logging.getLogger(__name__)
LOG_BYTES = 1_000_000


class AgentError(Exception):
    """Printed as `cmdesk: <message>`, exit 1."""


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    agent = commands.add_parser(
        "agent", parents=[common], help="sync and send in the background while the window is closed"
    )
    what = agent.add_mutually_exclusive_group()
    what.add_argument("--install", action="store_true", help="start the agent with the session from now on")
    what.add_argument("--uninstall", action="store_true", help="no longer start it with the session; stop it")
    what.add_argument("--status", action="store_true", help="say whether it is installed and running")
    what.add_argument("--stop", action="store_true", help="stop the running agent")
    what.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    agent.set_defaults(handler=run_agent_command)


def run_agent_command(args: argparse.Namespace) -> int:
    data_dir = paths.data_dir(getattr(args, "data_dir", None))
    try:
        return _dispatch(args, data_dir)
    except (AgentError, agent_setup.AgentSetupError) as error:
        print(f"cmdesk: {error}", file=sys.stderr)
        return 1


def _dispatch(args: argparse.Namespace, data_dir: Path) -> int:
    if args.install:
        done = agent_setup.install(data_dir)
        print(f"the agent starts with your session ({done.kind}: {done.path}) and runs now")
        return 0
    if args.uninstall:
        agent_setup.uninstall(data_dir)
        print("the agent no longer starts with your session, and is stopped")
        return 0
    if args.stop:
        print("stopped the agent" if agent_setup.stop(data_dir) else "no agent runs on this data folder")
        return 0
    if args.status:
        found = agent_setup.installed()
        pid = agent_setup.running(data_dir)
        print(f"installed: {f'{found.kind} ({found.path})' if found else 'no'}")
        print(f"running: {f'yes (process {pid})' if pid else 'no'}")
        window = presence.holder(data_dir, presence.WINDOW)
        print(f"window open: {'yes: the agent waits' if window is not None else 'no'}")
        return 0
    if args.worker:
        return run_pass(data_dir)
    return serve(data_dir)


def _log_to(path: Path) -> None:
    handler = RotatingFileHandler(path, maxBytes=LOG_BYTES, backupCount=1, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > logging.INFO:
        root.setLevel(logging.INFO)


def _stop_on_signals(stop: asyncio.Event) -> None:
    loop = asyncio.get_running_loop()
    for number in (signal.SIGTERM, signal.SIGINT):
        with suppress(NotImplementedError):  # Windows: Ctrl+C still raises KeyboardInterrupt
            loop.add_signal_handler(number, stop.set)


def serve(data_dir: Path) -> int:
    """The agent's parent process, until SIGTERM (or Ctrl+C)."""
    from cmdesk.cli.agent_supervisor import supervise

    try:
        held = presence.Presence(data_dir, presence.AGENT)
    except presence.AlreadyRunning as error:
        print(f"cmdesk: {error}")
        return 0
    _log_to(data_dir / "agent.log")
    log.info("agent started on %s", data_dir)

    def start_pass() -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            [*agent_setup.agent_command(data_dir), "--worker"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    async def run() -> None:
        stop = asyncio.Event()
        _stop_on_signals(stop)
        await supervise(data_dir, start_pass, stop)

    try:
        asyncio.run(run())
    finally:
        held.release()
        log.info("agent stopped")
    return 0


def run_pass(data_dir: Path) -> int:
    """One pass, in the agent's child process: the accounts due synced while the outbox is sent (and posts handed
    to their network's scheduler), then exit. SIGTERM (a window started) stops it between transactions."""
    from cmdesk.connectors.child_processes import die_with_parent

    die_with_parent(os.getppid(), signal.SIGTERM)
    _log_to(data_dir / "agent.log")
    return asyncio.run(_pass(data_dir))


async def _pass(data_dir: Path) -> int:
    from cmdesk.cli.context import connectors, credential_store
    from cmdesk.connectors.http import make_client
    from cmdesk.storage import backups, sync_due
    from cmdesk.storage.database import Database
    from cmdesk.storage.errors import StorageError
    from cmdesk.storage.timeutil import utcnow
    from cmdesk.sync import SyncEngine

    stop = asyncio.Event()
    _stop_on_signals(stop)
    try:
        database = Database.open(data_dir)
    except StorageError as error:
        log.error("pass: %s", error)
        return 1
    try:
        with suppress(OSError):
            backups.make_if_due(database.path)
        with database.snapshot() as connection:
            due = sync_due.due_now(connection, utcnow())
        async with make_client() as client:
            engine = SyncEngine(database, client, connectors(database), credential_store())
            try:
                work = asyncio.create_task(engine.sync_and_send(due, attempts=1))
                stopping = asyncio.create_task(stop.wait())
                await asyncio.wait({work, stopping}, return_when=asyncio.FIRST_COMPLETED)
                if not work.done():
                    log.info("pass stopped (a window started, or the agent stops)")
                    work.cancel()
                    await asyncio.gather(work, return_exceptions=True)
                    return 0
                stopping.cancel()
                results, sent = work.result()
            finally:
                await engine.aclose()
    finally:
        database.close()
    failed = [r for r in results if r.reason]
    log.info(
        "pass: %d accounts synced (%d with a problem), %d outbox entries moved", len(results), len(failed), len(sent)
    )
    for result in failed:
        log.warning("account %s: %s", result.account_id, result.reason)
    return 0
