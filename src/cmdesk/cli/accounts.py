"""`cmdesk account add feed URL` (and `… mastodon INSTANCE`, in mastodon_cmd), `cmdesk account list`,
`cmdesk account rename`, `cmdesk account remove ID`."""

from __future__ import annotations

import argparse
import asyncio
from datetime import UTC, datetime
from urllib.parse import urlsplit

from cmdesk.cli import (
    arguments,
    bluesky_cmd,
    dailymotion_cmd,
    discourse_cmd,
    email_cmd,
    mastodon_cmd,
    meta_cmd,
    reddit_cmd,
    wordpress_cmd,
    x_cmd,
    youtube_cmd,
)
from cmdesk.cli.context import CommandError, credential_store, open_database
from cmdesk.cli.output import clip, iso, json_lines, local_time, table
from cmdesk.connectors import registry
from cmdesk.connectors.base import ConnectorError
from cmdesk.connectors.feeds import FeedConnector, NotAFeed
from cmdesk.connectors.feeds.connector import Discovered
from cmdesk.connectors.http import make_client
from cmdesk.credentials import NoKeyringAvailable
from cmdesk.domain import Account
from cmdesk.services import networks, sources
from cmdesk.services.commands import run
from cmdesk.storage import syncstate, usage, workspace


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    account = commands.add_parser("account", help="sources and accounts")
    actions = account.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = actions.add_parser("add", help="add a source or account")
    kinds = add.add_subparsers(dest="network", required=True, metavar="NETWORK")
    feed = kinds.add_parser("feed", parents=[common], help="a web feed (RSS, Atom, JSON Feed) or a site that has one")
    feed.add_argument("url", help="the feed's address, or a web page that advertises feeds")
    feed.add_argument(
        "--client", type=arguments.name, help="the client it belongs to (default: the only client, or 'Default')"
    )
    feed.add_argument("--name", type=arguments.name, help="a label for the source (default: the feed's title)")
    feed.add_argument(
        "--pick", type=arguments.identifier, metavar="N", help="when the page offers several feeds, take the N-th"
    )
    feed.add_argument("--no-check", action="store_true", help="add without fetching the address first")
    feed.set_defaults(handler=add_feed)
    mastodon_cmd.register_add(kinds, common)
    email_cmd.register_add(kinds, common)
    youtube_cmd.register_add(kinds, common)
    meta_cmd.register_add(kinds, common)
    dailymotion_cmd.register_add(kinds, common)
    bluesky_cmd.register_add(kinds, common)
    x_cmd.register_add(kinds, common)
    reddit_cmd.register_add(kinds, common)
    wordpress_cmd.register_add(kinds, common)
    discourse_cmd.register_add(kinds, common)
    x_cmd.register_prices(actions, common)
    listing = actions.add_parser("list", parents=[common], help="list accounts with their sync health")
    listing.add_argument("--json", action="store_true", help="one JSON object per line")
    listing.set_defaults(handler=list_accounts)
    rename = actions.add_parser("rename", parents=[common], help="rename an account")
    rename.add_argument("id", type=arguments.identifier)
    rename.add_argument("name", type=arguments.name)
    rename.set_defaults(handler=rename_account)
    remove = actions.add_parser("remove", parents=[common], help="remove an account and everything synced from it")
    remove.add_argument("id", type=arguments.identifier)
    remove.set_defaults(handler=remove_account)


async def _discover(url: str, pick: int | None) -> Discovered:
    connector = FeedConnector()
    async with make_client() as client:
        try:
            return await connector.discover(client, url)
        except NotAFeed as error:
            candidates = error.candidates
            if not candidates:
                raise CommandError(str(error)) from None
            if len(candidates) > 1 and pick is None:
                listed = "\n".join(
                    f"  {index}. {link.url}  ({link.format}{', ' + link.title if link.title else ''})"
                    for index, link in enumerate(candidates, 1)
                )
                raise CommandError(
                    f"{url} is a web page that offers {len(candidates)} feeds:\n{listed}\n"
                    "run again with the feed's URL, or with --pick N"
                ) from None
            index = (pick or 1) - 1
            if not 0 <= index < len(candidates):
                raise CommandError(f"--pick must be between 1 and {len(candidates)}") from None
            chosen = candidates[index]
            print(f"{url} is a web page; using its feed {chosen.url}")
            found = await connector.discover(client, chosen.url)
            return Discovered(found.url, found.title or chosen.title)


def add_feed(args: argparse.Namespace) -> int:
    url = sources.web_address(args.url)
    database = open_database(args)
    with database.read() as connection:
        if args.client and workspace.find_client(connection, args.client) is None:
            workspace.resolve_client(connection, args.client)
    title = ""
    if not args.no_check:
        try:
            found = asyncio.run(_discover(url, args.pick))
        except ConnectorError as error:
            raise CommandError(f"cannot add {url}: {error} (use --no-check to add it anyway)") from None
        url, title = found.url, found.title
    name = args.name or title or (urlsplit(url).hostname or url)
    account = run(database, sources.add_feed(args.client, url, name, create_client=False))
    with database.read() as connection:
        client = workspace.get_client(connection, account.client_id)
    print(f"added feed {account.name} (account {account.id}, client {client.name}): {url}")
    print("run `cmdesk sync` to fetch it")
    return 0


def list_accounts(args: argparse.Namespace) -> int:
    database = open_database(args)
    with database.read() as connection:
        accounts = workspace.list_accounts(connection)
        states = syncstate.load_all(connection)
        counts = workspace.account_counts(connection)
        clients = workspace.client_names(connection)
        spent = usage.recent(connection)
    now = datetime.now(UTC)
    if args.json:
        rows = []
        for a in accounts:
            state = states.get(a.id)
            conversations, messages = counts.get(a.id, (0, 0))
            reading = networks.quota_reading(a, spent, now)
            ends = networks.sign_in_ends(a)
            rows.append(
                {
                    "id": a.id,
                    "client": clients.get(a.client_id, ""),
                    "network": a.network,
                    "name": a.name,
                    "address": a.address,
                    "health": "demo" if a.is_demo else (state.health.value if state else "new"),
                    "reason": state.reason if state else "",
                    "retry_at": iso(state.retry_at) if state else None,
                    "last_success_at": iso(state.last_success_at) if state else None,
                    "conversations": conversations,
                    "messages": messages,
                    "quota": {
                        "meter": reading.quota.meter,
                        "shared_by": reading.quota.shared_by,
                        "period": reading.quota.period,
                        "used": reading.used,
                        "limit": reading.quota.limit,
                        "money": reading.quota.money,
                        "resets_at": iso(reading.quota.resets_at),
                    }
                    if reading
                    else None,
                    "sign_in_ends": iso(ends) if ends else None,
                    "missing_permissions": list(networks.missing_permissions(a)),
                }
            )
        json_lines(rows)
        return 0
    if not accounts:
        print("no accounts yet: add a feed with `cmdesk account add feed URL`")
        return 0
    table_rows = []
    for a in accounts:
        state = states.get(a.id)
        health = "demo" if a.is_demo else (state.health.value if state else "new")
        if state and state.reason and not a.is_demo:
            health += f": {clip(state.reason, 60)}"
        table_rows.append(
            [
                a.id,
                clients.get(a.client_id, ""),
                a.network,
                clip(a.name, 32),
                counts.get(a.id, (0, 0))[1],
                local_time(state.last_success_at if state else None),
                health,
            ]
        )
    table(["ID", "CLIENT", "NETWORK", "NAME", "MESSAGES", "LAST SYNC", "HEALTH"], table_rows)
    return 0


def rename_account(args: argparse.Namespace) -> int:
    run(open_database(args), sources.rename_account(args.id, args.name))
    print(f"renamed account {args.id} to {args.name}")
    return 0


def forget_secret(account: Account) -> None:
    """Remove an account's secret from the keyring; feeds have none, and a missing keyring has nothing to remove."""
    if not registry.capabilities(account.network).needs_credentials:
        return
    try:
        credential_store().delete(account.uid)
    except NoKeyringAvailable:
        pass


def remove_account(args: argparse.Namespace) -> int:
    database = open_database(args)
    with database.read() as connection:
        counts = workspace.account_counts(connection).get(args.id, (0, 0))
    (account,) = run(database, sources.remove_account(args.id))
    forget_secret(account)
    print(f"removed account {account.id} ({account.name}) and its {counts[1]} message(s)")
    return 0
