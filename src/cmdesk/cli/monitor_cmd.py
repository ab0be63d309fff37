"""`cmdesk monitor list [--json]`, `cmdesk monitor add ACCOUNT TERM`, `cmdesk monitor remove ACCOUNT TERM`: the
hashtags and keywords a Mastodon account listens for; matching public posts land in the Monitoring view."""

from __future__ import annotations

import argparse

from cmdesk.cli import arguments
from cmdesk.cli.context import CommandError, open_database
from cmdesk.cli.output import json_lines, table
from cmdesk.connectors import registry
from cmdesk.connectors.mastodon.connector import monitor_terms
from cmdesk.services.accounts import MonitorError, normalise_monitor, set_monitors
from cmdesk.storage import workspace


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    monitor = commands.add_parser("monitor", help="hashtags and keywords to listen for (Mastodon)")
    actions = monitor.add_subparsers(dest="action", required=True, metavar="ACTION")
    listing = actions.add_parser("list", parents=[common], help="every account's monitors")
    listing.add_argument("--json", action="store_true", help="one JSON object per line")
    listing.set_defaults(handler=list_monitors)
    add = actions.add_parser("add", parents=[common], help="listen for a #hashtag or keywords")
    add.add_argument(
        "account", type=arguments.identifier, help="the Mastodon account that listens (see `cmdesk account list`)"
    )
    add.add_argument("term", help="#hashtag, or words to search for")
    add.set_defaults(handler=add_monitor)
    remove = actions.add_parser("remove", parents=[common], help="stop listening for a term")
    remove.add_argument("account", type=arguments.identifier)
    remove.add_argument("term")
    remove.set_defaults(handler=remove_monitor)


def _terms(args: argparse.Namespace) -> list[str]:
    database = open_database(args)
    with database.read() as connection:
        account = workspace.get_account(connection, args.account)
    if not registry.capabilities(account.network).can_monitor:
        raise CommandError(f"{account.name} cannot listen for hashtags or keywords ({account.network} account)")
    return monitor_terms(account.settings)


def add_monitor(args: argparse.Namespace) -> int:
    try:
        terms = set_monitors(open_database(args), args.account, [*_terms(args), args.term])
    except MonitorError as error:
        raise CommandError(str(error)) from None
    print(f"account {args.account} now listens for: {', '.join(terms)}")
    print("matching public posts arrive in the Monitoring view with the next sync")
    return 0


def remove_monitor(args: argparse.Namespace) -> int:
    try:
        wanted = normalise_monitor(args.term).lower()
    except MonitorError as error:
        raise CommandError(str(error)) from None
    current = _terms(args)
    kept = [term for term in current if term.lower() != wanted]
    if len(kept) == len(current):
        raise CommandError(f"account {args.account} does not listen for {args.term!r}")
    set_monitors(open_database(args), args.account, kept)
    print(f"account {args.account} no longer listens for {args.term}; what it found stays in Monitoring")
    return 0


def list_monitors(args: argparse.Namespace) -> int:
    database = open_database(args)
    with database.read() as connection:
        accounts = [a for a in workspace.list_accounts(connection) if registry.capabilities(a.network).can_monitor]
    rows = [(a.id, a.name, term) for a in accounts for term in monitor_terms(a.settings)]
    if args.json:
        json_lines({"account": key, "account_name": name, "term": term} for key, name, term in rows)
        return 0
    if not rows:
        print("no monitors yet: `cmdesk monitor add ACCOUNT '#hashtag'`")
        return 0
    table(["ACCOUNT", "NAME", "LISTENS FOR"], [list(row) for row in rows])
    return 0
