"""`cmdesk client add NAME`, `cmdesk client list`, `cmdesk client rename`, `cmdesk client signature`,
`cmdesk client remove`."""

from __future__ import annotations

import argparse

from cmdesk.cli import arguments, hours_cmd
from cmdesk.cli.context import client_named, open_database
from cmdesk.cli.output import iso, json_lines, local_time, table
from cmdesk.domain.acts import MISSED_POLICIES
from cmdesk.services import clients, sources
from cmdesk.services.commands import run
from cmdesk.storage import workspace


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    client = commands.add_parser("client", help="clients (workspaces): a business, or one of a freelancer's clients")
    actions = client.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = actions.add_parser("add", parents=[common], help="add a client")
    add.add_argument("name", type=arguments.name)
    add.set_defaults(handler=add_client)
    listing = actions.add_parser("list", parents=[common], help="list clients")
    listing.add_argument("--json", action="store_true", help="one JSON object per line")
    listing.set_defaults(handler=list_clients)
    rename = actions.add_parser("rename", parents=[common], help="rename a client")
    rename.add_argument("name")
    rename.add_argument("new_name", type=arguments.name)
    rename.set_defaults(handler=rename_client)
    signature = actions.add_parser(
        "signature", parents=[common], help="show or set the signature of a client's e-mail replies"
    )
    signature.add_argument("name")
    signature.add_argument("text", nargs="?", help="the new signature (\\n for new lines); none: show it")
    signature.add_argument("--clear", action="store_true", help="no signature")
    signature.set_defaults(handler=client_signature)
    slots = actions.add_parser("slots", parents=[common], help="show or set a client's weekly posting slots")
    slots.add_argument("name")
    slots.add_argument("slot", nargs="*", help="a weekday and a local time, e.g. 'mon 09:00' 'thu 18:30'")
    slots.add_argument("--clear", action="store_true", help="no slots")
    slots.set_defaults(handler=client_slots)
    missed = actions.add_parser(
        "missed", parents=[common], help="what to do with a post whose time passed while cmdesk was not running"
    )
    missed.add_argument("name")
    missed.add_argument("policy", choices=MISSED_POLICIES)
    missed.set_defaults(handler=client_missed)
    hours_cmd.register(actions, common)
    remove = actions.add_parser("remove", parents=[common], help="remove a client with its accounts and their data")
    remove.add_argument("name")
    remove.set_defaults(handler=remove_client)


def add_client(args: argparse.Namespace) -> int:
    client = run(open_database(args), sources.add_client(args.name))
    print(f"added client {client.name} (id {client.id})")
    return 0


def list_clients(args: argparse.Namespace) -> int:
    database = open_database(args)
    with database.read() as connection:
        clients = workspace.list_clients(connection)
    if args.json:
        json_lines(
            {
                "id": c.id,
                "name": c.name,
                "accounts": c.account_count,
                "demo": c.is_demo,
                "created_at": iso(c.created_at),
            }
            for c in clients
        )
        return 0
    if not clients:
        print("no clients yet: add one with `cmdesk client add NAME`")
        return 0
    table(
        ["ID", "NAME", "ACCOUNTS", "CREATED"],
        [[c.id, c.name + (" (demo)" if c.is_demo else ""), c.account_count, local_time(c.created_at)] for c in clients],
    )
    return 0


def client_signature(args: argparse.Namespace) -> int:
    database = open_database(args)
    with database.read() as connection:
        client = client_named(connection, args.name)
    if args.text is None and not args.clear:
        print(client.signature or f"{client.name} has no signature")
        return 0
    text = "" if args.clear else args.text.replace("\\n", "\n")
    run(database, clients.set_signature(client.id, text))
    print(f"{client.name}'s e-mail replies are signed:\n{text}" if text else f"{client.name}'s replies are not signed")
    return 0


def client_slots(args: argparse.Namespace) -> int:
    database = open_database(args)
    with database.read() as connection:
        client = client_named(connection, args.name)
    if args.slot or args.clear:
        run(database, clients.set_publishing(client.id, slots=args.slot))
        with database.read() as connection:
            client = workspace.get_client(connection, client.id)
    print(f"{client.name}'s posting slots: {', '.join(client.slots) or 'none'}")
    return 0


def client_missed(args: argparse.Namespace) -> int:
    database = open_database(args)
    with database.read() as connection:
        client = client_named(connection, args.name)
    run(database, clients.set_publishing(client.id, missed_policy=args.policy))
    meaning = {"send": "sent when cmdesk runs again", "ask": "held until you decide", "skip": "skipped"}
    print(f"{client.name}: a post whose time passed while cmdesk was not running is {meaning[args.policy]}")
    return 0


def rename_client(args: argparse.Namespace) -> int:
    database = open_database(args)
    with database.read() as connection:
        client = client_named(connection, args.name)
    run(database, sources.rename_client(client.id, args.new_name))
    print(f"renamed client {client.name} to {args.new_name}")
    return 0


def remove_client(args: argparse.Namespace) -> int:
    from cmdesk.cli.accounts import forget_secret

    database = open_database(args)
    with database.read() as connection:
        client = client_named(connection, args.name)
    doomed = run(database, sources.remove_client(client.id))
    for account in sources.holding_secrets(doomed):
        forget_secret(account)
    print(f"removed client {client.name} and its {len(doomed)} account(s)")
    return 0
