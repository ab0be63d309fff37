"""The `cmdesk` command: parses arguments, runs one command, turns known failures into one-line messages.

With no arguments it starts the GUI. The GUI is imported only inside the `gui` command, so every other command
works on a machine without Qt's libraries.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from cmdesk import __version__, paths
from cmdesk.cli import (
    accounts,
    attachment_cmd,
    clients,
    demo_cmd,
    keyring_cmd,
    monitor_cmd,
    outbox_cmd,
    post_cmd,
    reading,
    snippet_cmd,
    sync_cmd,
)
from cmdesk.cli.context import CommandError
from cmdesk.connectors.base import ConnectorError
from cmdesk.credentials import NoKeyringAvailable
from cmdesk.storage.errors import StorageError, explain, is_database_error
from cmdesk.storage.workspace import WorkspaceError


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help=f"where cmdesk keeps its database (default: ${paths.DATA_DIR_ENV} or {paths.data_dir(None)})",
    )
    parser = argparse.ArgumentParser(
        prog="cmdesk",
        parents=[common],
        description="A community manager's desk: every mention, message, comment, e-mail and feed post in one inbox.",
    )
    parser.add_argument("--version", action="version", version=f"cmdesk {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log what happens to standard error")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    clients.register(commands, common)
    accounts.register(commands, common)
    sync_cmd.register(commands, common)
    outbox_cmd.register(commands, common)
    post_cmd.register(commands, common)
    monitor_cmd.register(commands, common)
    reading.register(commands, common)
    attachment_cmd.register(commands, common)
    snippet_cmd.register(commands, common)
    keyring_cmd.register(commands, common)
    demo_cmd.register(commands, common)
    gui = commands.add_parser("gui", parents=[common], help="open the desktop window (the default)")
    gui.add_argument("--screenshots", metavar="DIR", help="render the window to DIR/*.png and exit")
    gui.add_argument(
        "--demo-if-empty", action="store_true", help="load the demo workspace when no account is configured yet"
    )
    gui.set_defaults(handler=run_gui)
    return parser


def run_gui(args: argparse.Namespace) -> int:
    from cmdesk.app.main import run

    return run(
        paths.data_dir(getattr(args, "data_dir", None)),
        screenshots=getattr(args, "screenshots", None),
        demo_if_empty=getattr(args, "demo_if_empty", False),
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )
    handler = getattr(args, "handler", None) or run_gui
    try:
        return int(handler(args) or 0)
    except (CommandError, WorkspaceError, StorageError, ConnectorError, NoKeyringAvailable) as error:
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
