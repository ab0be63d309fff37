"""`cmdesk snippet add CLIENT TITLE TEXT [--language fr|en|any]`, `cmdesk snippet list [CLIENT]`, `cmdesk snippet
remove ID`: a client's canned texts, offered in the composer and in the reply box. A title added again in another
language is that snippet's version for conversations in that language."""

from __future__ import annotations

import argparse

from cmdesk.cli import arguments
from cmdesk.cli.context import client_named, open_database
from cmdesk.cli.output import clip, table
from cmdesk.services import clients
from cmdesk.services.commands import run
from cmdesk.storage import snippets, workspace


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    snippet = commands.add_parser("snippet", help="canned texts per client, for posts and replies")
    actions = snippet.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = actions.add_parser("add", parents=[common], help="add a snippet to a client")
    add.add_argument("client")
    add.add_argument("title")
    add.add_argument("text", help="the text (\\n for new lines)")
    add.add_argument(
        "--language",
        metavar="CODE",
        help="the text's language (fr, en…; `any` for every language); found from the text when not given. "
        "The same title in another language is this snippet's version for conversations in that language",
    )
    add.set_defaults(handler=add_snippet)
    listing = actions.add_parser("list", parents=[common], help="a client's snippets (every client's by default)")
    listing.add_argument("client", nargs="?")
    listing.set_defaults(handler=list_snippets)
    remove = actions.add_parser("remove", parents=[common], help="remove a snippet")
    remove.add_argument("id", type=arguments.identifier)
    remove.set_defaults(handler=remove_snippet)


def add_snippet(args: argparse.Namespace) -> int:
    database = open_database(args)
    with database.read() as connection:
        client = client_named(connection, args.client)
    language = None if args.language is None else "" if args.language.lower() == "any" else args.language
    added = run(database, clients.add_snippet(client.id, args.title, args.text.replace("\\n", "\n"), language))
    written_in = f" ({added.language})" if added.language else ""
    print(f"added snippet {added.id} {added.title!r}{written_in} to {client.name}")
    return 0


def list_snippets(args: argparse.Namespace) -> int:
    with open_database(args).read() as connection:
        names = workspace.client_names(connection)
        chosen = [client_named(connection, args.client).id] if args.client else None
        found = snippets.listing(connection, chosen)
    if not found:
        print("no snippets yet: add one with `cmdesk snippet add CLIENT TITLE TEXT`")
        return 0
    table(
        ("ID", "CLIENT", "TITLE", "LANGUAGE", "TEXT"),
        [(s.id, names.get(s.client_id, ""), s.title, s.language or "any", clip(s.text, 60)) for s in found],
    )
    return 0


def remove_snippet(args: argparse.Namespace) -> int:
    run(open_database(args), clients.remove_snippet(args.id))
    print(f"removed snippet {args.id}")
    return 0
