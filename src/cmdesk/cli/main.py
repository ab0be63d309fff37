"""The `cmdesk` command: parses arguments, runs one command, turns known failures into one-line messages.

With no arguments it starts the GUI, which the launcher (cmdesk/launcher.py, the program's entry point) hands in as
`run_gui`: the command line knows nothing of the window, so every other command works on a machine without Qt's
libraries. The other way round, opening the window imports none of the command
modules (they bring SQLAlchemy, httpx and the connectors: ~1 s of imports before a window could appear): a GUI
invocation is recognised first and parsed with the `gui` command alone.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Callable, Sequence
from typing import Any

from cmdesk import __version__, paths, start_collector
from cmdesk.cli import arguments

DESCRIPTION = "A community manager's desk: every mention, message, comment, e-mail and feed post in one inbox."


def _parser_and_commands() -> tuple[argparse.ArgumentParser, argparse.ArgumentParser, Any]:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        metavar="DIR",
        type=arguments.folder,
        default=argparse.SUPPRESS,
        help=f"where cmdesk keeps its database (default: ${paths.DATA_DIR_ENV} or {paths.data_dir(None)})",
    )
    parser = argparse.ArgumentParser(prog="cmdesk", parents=[common], description=DESCRIPTION)
    parser.add_argument("--version", action="version", version=f"cmdesk {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log what happens to standard error")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    return parser, common, commands


def _add_gui(commands: Any, common: argparse.ArgumentParser) -> None:
    gui = commands.add_parser("gui", parents=[common], help="open the desktop window (the default)")
    gui.add_argument("--screenshots", metavar="DIR", help="render the window to DIR/*.png and exit")
    gui.add_argument(
        "--demo-if-empty", action="store_true", help="load the demo workspace when no account is configured yet"
    )
    gui.add_argument(
        "--startup-time",
        action="store_true",
        help="print how long the window took to show its first screen, then quit (for comparing machines)",
    )


def build_parser() -> argparse.ArgumentParser:
    from cmdesk.cli import (
        accounts,
        agent_cmd,
        alerts_cmd,
        attachment_cmd,
        backup_cmd,
        clients,
        demo_cmd,
        flag_cmd,
        keyring_cmd,
        listen_cmd,
        monitor_cmd,
        note_cmd,
        outbox_cmd,
        post_cmd,
        reading,
        report_cmd,
        sentiment_cmd,
        snippet_cmd,
        sync_cmd,
        team_cmd,
    )

    parser, common, commands = _parser_and_commands()
    clients.register(commands, common)
    accounts.register(commands, common)
    sync_cmd.register(commands, common)
    outbox_cmd.register(commands, common)
    post_cmd.register(commands, common)
    monitor_cmd.register(commands, common)
    reading.register(commands, common)
    sentiment_cmd.register(commands, common)
    alerts_cmd.register(commands, common)
    report_cmd.register(commands, common)
    flag_cmd.register(commands, common)
    listen_cmd.register(commands, common)
    attachment_cmd.register(commands, common)
    snippet_cmd.register(commands, common)
    keyring_cmd.register(commands, common)
    demo_cmd.register(commands, common)
    backup_cmd.register(commands, common)
    agent_cmd.register(commands, common)
    team_cmd.register(commands, common)
    note_cmd.register(commands, common)
    _add_gui(commands, common)
    return parser


def build_gui_parser() -> argparse.ArgumentParser:
    """The parser for a GUI invocation: the common options and the `gui` command, nothing else imported."""
    parser, common, commands = _parser_and_commands()
    _add_gui(commands, common)
    return parser


LIGHT_COMMANDS = {"agent": "agent_cmd", "sync": "sync_cmd"}
"""Commands parsed with their own module alone, not every command's: the background agent's parent process stays
light (cli/agent_cmd.py), and `cmdesk sync` does not import what only the other commands use (measured: 5 MB of
its process and ~150 ms of its start, of a sync whose memory is one of issue 23's figures)."""


def build_light_parser(command: str) -> argparse.ArgumentParser:
    """The parser for one of LIGHT_COMMANDS: the common options and that command, nothing else imported."""
    module = importlib.import_module(f"cmdesk.cli.{LIGHT_COMMANDS[command]}")
    parser, common, commands = _parser_and_commands()
    module.register(commands, common)
    return parser


def command_of(argv: Sequence[str]) -> str | None:
    """The command named after the common options, or None when there is none."""
    position = 0
    while position < len(argv):
        argument = argv[position]
        if argument == "--data-dir":
            position += 2
        elif argument.startswith("--data-dir=") or argument in ("-v", "--verbose"):
            position += 1
        else:
            return argument
    return None


def wants_gui(argv: Sequence[str]) -> bool:
    """Whether the arguments ask for the window: no command at all, or `gui` (after the common options)."""
    return command_of(argv) in (None, "gui")


RunGui = Callable[[argparse.Namespace], int]
"""Opens the window with the `gui` command's arguments (given by the launcher)."""


def main(argv: Sequence[str] | None = None, *, run_gui: RunGui | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    gui = wants_gui(arguments)
    command = command_of(arguments)
    agent = command == "agent"
    if gui or command == "--version":  # the version is said without importing any command (~1 s)
        parser = build_gui_parser()
    elif command is not None and command in LIGHT_COMMANDS:
        parser = build_light_parser(command)
    else:
        parser = build_parser()
    args = parser.parse_args(arguments)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )
    if not gui:
        start_collector.let_go()  # the window lets it go once painted
    if agent:
        return int(args.handler(args))  # it says its own failures, and imports nothing heavy to do so
    if not gui:
        return _run_command(args.handler, args)
    if run_gui is None:
        print("cmdesk: this entry point has no window; run `cmdesk` or `python -m cmdesk` to open it", file=sys.stderr)
        return 2
    try:
        return int(run_gui(args) or 0)  # the window shows its own failures
    except KeyboardInterrupt:
        return 130


def _run_command(handler: Any, args: argparse.Namespace) -> int:
    from cmdesk.cli.context import CommandError
    from cmdesk.connectors.base import ConnectorError
    from cmdesk.credentials import NoKeyringAvailable
    from cmdesk.services.commands import Refused
    from cmdesk.storage.errors import StorageError, explain, is_database_error
    from cmdesk.storage.workspace_reads import WorkspaceError

    try:
        return int(handler(args) or 0)
    except (CommandError, Refused, WorkspaceError, StorageError, ConnectorError, NoKeyringAvailable) as error:
        print(f"cmdesk: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("cmdesk: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as error:
        if is_database_error(error):
            print(f"cmdesk: {explain(error)}", file=sys.stderr)
            return 1
        raise


if __name__ == "__main__":
    sys.exit(main())
