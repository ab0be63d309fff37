"""`cmdesk monitor add --client NAME TERM...` (and `remove`): what a client listens for across all its sources —
every feed entry, mention, mail or post its sources bring is matched, and the networks that search (Mastodon) search
for it; `cmdesk monitor add ACCOUNT TERM`: a hashtag or keywords one Mastodon account searches; `cmdesk monitor
list [--json]`. What matches lands in the Monitoring view."""

from __future__ import annotations

import argparse

from cmdesk.cli import arguments
from cmdesk.cli.context import CommandError, client_named, open_database
from cmdesk.cli.output import json_lines, table
from cmdesk.connectors import registry
from cmdesk.domain.monitors import MonitorQueryError, monitor_terms
from cmdesk.services import clients
from cmdesk.services.accounts import MonitorError, normalise_monitor, set_monitors
from cmdesk.services.commands import run
from cmdesk.storage import workspace


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    monitor = commands.add_parser("monitor", help="what to listen for: a client's names and words, a hashtag")
    actions = monitor.add_subparsers(dest="action", required=True, metavar="ACTION")
    listing = actions.add_parser("list", parents=[common], help="every client's and every account's monitors")
    listing.add_argument("--json", action="store_true", help="one JSON object per line")
    listing.set_defaults(handler=list_monitors)
    add = actions.add_parser(
        "add",
        parents=[common],
        help="listen for terms across all of a client's sources (--client NAME TERM...), or on one account",
        description="`cmdesk monitor add --client NAME TERM...`: each TERM is listened for across everything the "
        'client\'s sources bring (words that must all appear, "an exact phrase", #hashtag, -excluded, lang:fr); '
        "`cmdesk monitor add ACCOUNT TERM`: a hashtag or keywords one Mastodon account searches.",
    )
    add.add_argument("--client", metavar="NAME", help="the client whose sources all listen")
    add.add_argument("targets", nargs="+", metavar="TERM", help="with --client: terms; without: ACCOUNT TERM")
    add.set_defaults(handler=add_monitor)
    remove = actions.add_parser("remove", parents=[common], help="stop listening for a term")
    remove.add_argument("--client", metavar="NAME")
    remove.add_argument("targets", nargs="+", metavar="TERM", help="with --client: terms; without: ACCOUNT TERM")
    remove.set_defaults(handler=remove_monitor)


def _account_and_term(args: argparse.Namespace) -> tuple[int, str]:
    if len(args.targets) != 2:
        raise CommandError("give ACCOUNT TERM (one account's monitor), or --client NAME TERM... (all its sources)")
    try:
        return arguments.identifier(args.targets[0]), args.targets[1]
    except argparse.ArgumentTypeError as error:
        raise CommandError(f"{error}: give an account id (see `cmdesk account list`), or --client NAME") from None


def _terms(args: argparse.Namespace, account_id: int) -> list[str]:
    database = open_database(args)
    with database.read() as connection:
        account = workspace.get_account(connection, account_id)
    if not registry.capabilities(account.network).can_monitor:
        raise CommandError(f"{account.name} cannot listen for hashtags or keywords ({account.network} account)")
    return monitor_terms(account.settings)


def add_monitor(args: argparse.Namespace) -> int:
    if args.client:
        return _add_client_monitors(args)
    account_id, term = _account_and_term(args)
    try:
        terms = set_monitors(open_database(args), account_id, [*_terms(args, account_id), term])
    except MonitorError as error:
        raise CommandError(str(error)) from None
    print(f"account {account_id} now listens for: {', '.join(terms)}")
    print("matching public posts arrive in the Monitoring view with the next sync")
    return 0


def remove_monitor(args: argparse.Namespace) -> int:
    if args.client:
        return _remove_client_monitors(args)
    account_id, term = _account_and_term(args)
    try:
        wanted = normalise_monitor(term).lower()
    except MonitorError as error:
        raise CommandError(str(error)) from None
    current = _terms(args, account_id)
    kept = [known for known in current if known.lower() != wanted]
    if len(kept) == len(current):
        raise CommandError(f"account {account_id} does not listen for {term!r}")
    set_monitors(open_database(args), account_id, kept)
    print(f"account {account_id} no longer listens for {term}; what it found stays in Monitoring")
    return 0


def _add_client_monitors(args: argparse.Namespace) -> int:
    database = open_database(args)
    with database.read() as connection:
        client = client_named(connection, args.client)
    try:
        kept = run(database, clients.set_monitors(client.id, [*client.monitors, *args.targets]))
    except MonitorQueryError as error:
        raise CommandError(str(error)) from None
    print(f"{client.name} now listens for: {'; '.join(kept)}")
    print("across all its sources: what matches arrives in the Monitoring view with the next sync")
    return 0


def _remove_client_monitors(args: argparse.Namespace) -> int:
    database = open_database(args)
    with database.read() as connection:
        client = client_named(connection, args.client)
    unwanted = {" ".join(term.split()).casefold() for term in args.targets}
    kept = [query for query in client.monitors if query.casefold() not in unwanted]
    if len(kept) == len(client.monitors):
        raise CommandError(f"{client.name} does not listen for {', '.join(args.targets)}")
    run(database, clients.set_monitors(client.id, kept))
    print(f"{client.name} no longer listens for {', '.join(args.targets)}; what it found stays in Monitoring")
    return 0


def list_monitors(args: argparse.Namespace) -> int:
    database = open_database(args)
    with database.read() as connection:
        accounts = [a for a in workspace.list_accounts(connection) if registry.capabilities(a.network).can_monitor]
        every_client = workspace.list_clients(connection)
    rows = [(a.id, a.name, term) for a in accounts for term in monitor_terms(a.settings)]
    client_rows = [(c.name, query) for c in every_client for query in c.monitors]
    if args.json:
        json_lines(
            [{"client": name, "term": query} for name, query in client_rows]
            + [{"account": key, "account_name": name, "term": term} for key, name, term in rows]
        )
        return 0
    if not rows and not client_rows:
        print("no monitors yet: `cmdesk monitor add --client NAME 'your name'`")
        return 0
    table(
        ["CLIENT OR ACCOUNT", "LISTENS FOR"],
        [[f"{name} (all sources)", query] for name, query in client_rows]
        + [[f"{name} (account {key})", term] for key, name, term in rows],
    )
    return 0
