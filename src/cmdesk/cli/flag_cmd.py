"""`cmdesk flag CONVERSATION... [--note TEXT] [--clear]`: flag conversations "for management" with a short note
(the reports' field-information section), or take the flag off."""

from __future__ import annotations

import argparse

from cmdesk.cli import arguments
from cmdesk.cli.context import CommandError, open_database
from cmdesk.services import triage
from cmdesk.services.commands import run
from cmdesk.storage import queries


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    flag = commands.add_parser("flag", parents=[common], help="flag conversations for management, with a note")
    flag.add_argument("conversations", nargs="+", type=arguments.identifier, metavar="ID")
    flag.add_argument("--note", default="", help="what management should know (short)")
    flag.add_argument("--clear", action="store_true", help="take the flag off")
    flag.set_defaults(handler=flag_conversations)


def flag_conversations(args: argparse.Namespace) -> int:
    database = open_database(args)
    with database.read() as connection:
        found = {c.id for c in queries.conversations_by_ids(connection, args.conversations)}
    missing = [str(number) for number in args.conversations if number not in found]
    if missing:
        raise CommandError(f"no conversation {', '.join(missing)} (see `cmdesk inbox`)")
    changed = run(database, triage.for_management(args.conversations, None if args.clear else args.note))
    what = "no longer flagged" if args.clear else "flagged for management"
    print(f"{changed} conversation(s) {what}")
    return 0
