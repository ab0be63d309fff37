"""`cmdesk note CONVERSATION [TEXT…]`: keep an internal note on a conversation (never sent anywhere; replayed to the
teammates in a team), or, without TEXT, list its notes."""

from __future__ import annotations

import argparse
import json

from cmdesk.cli import arguments
from cmdesk.cli.context import CommandError, open_database
from cmdesk.cli.output import iso, local_time
from cmdesk.services import notes as notes_service
from cmdesk.services.commands import run
from cmdesk.storage import notes, queries


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    note = commands.add_parser("note", parents=[common], help="keep an internal note on a conversation, or list them")
    note.add_argument("conversation", type=arguments.identifier, metavar="CONVERSATION")
    note.add_argument("text", nargs="*", metavar="TEXT", help="the note (none: list the conversation's notes)")
    note.add_argument("--json", action="store_true", help="list as one JSON object per line")
    note.set_defaults(handler=note_conversation)


def note_conversation(args: argparse.Namespace) -> int:
    database = open_database(args)
    with database.read() as connection:
        if not queries.conversations_by_ids(connection, [args.conversation]):
            raise CommandError(f"no conversation {args.conversation} (see `cmdesk inbox`)")
    if args.text:
        run(database, notes_service.add_note(args.conversation, " ".join(args.text)))
        print(f"note kept on conversation {args.conversation}")
        return 0
    with database.read() as connection:
        found = notes.for_conversation(connection, args.conversation)
    for note in found:
        if args.json:
            shown = {"author": note.author, "body": note.body, "at": iso(note.created_at)}
            print(json.dumps(shown, ensure_ascii=False))
        else:
            print(f"{local_time(note.created_at)}  {note.author}: {note.body}")
    if not found and not args.json:
        print("no notes on this conversation")
    return 0
