"""`cmdesk demo` loads the demo workspace; `cmdesk demo --remove` removes it with everything it holds."""

from __future__ import annotations

import argparse

from cmdesk.cli.context import open_database
from cmdesk.services import demo_workspace
from cmdesk.services.commands import run_job


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    demo = commands.add_parser("demo", parents=[common], help="load (or --remove) the demo workspace")
    demo.add_argument("--remove", action="store_true", help="remove the demo clients and all their data")
    demo.set_defaults(handler=run_demo)


def run_demo(args: argparse.Namespace) -> int:
    database = open_database(args)
    if args.remove:
        removed = run_job(database, demo_workspace.remove()).value
        print(f"removed the demo workspace ({removed} client(s))" if removed else "no demo workspace to remove")
        return 0
    loaded = run_job(database, demo_workspace.load()).value
    if loaded:
        print(f"loaded the demo workspace: 2 clients, {loaded} messages (remove it with `cmdesk demo --remove`)")
    else:
        print("the demo workspace is already loaded (remove it with `cmdesk demo --remove`)")
    return 0
