"""`cmdesk account add dailymotion CHANNEL [--client NAME] [--name LABEL] [--api-base URL]`: a Dailymotion channel
(its address, its name or its user id), read through Dailymotion's public API with no sign-in — its videos with their
views and likes, read-only (the API lists no comments). `--api-base` replaces the API origin
(https://api.dailymotion.com), for tests; plain http only on loopback."""

from __future__ import annotations

import argparse
import asyncio

from cmdesk.cli import arguments
from cmdesk.cli.context import CommandError, open_database, require_client
from cmdesk.connectors.base import ConnectorError
from cmdesk.connectors.dailymotion.api import ORIGIN, api_base
from cmdesk.connectors.dailymotion.connector import DailymotionConnector
from cmdesk.connectors.http import make_client
from cmdesk.services import sources
from cmdesk.services.commands import Refused, run
from cmdesk.services.sources import FeedChoice
from cmdesk.storage import workspace


def register_add(kinds: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    channel = kinds.add_parser(
        "dailymotion", parents=[common], help="a Dailymotion channel: its videos, their views and likes (read-only)"
    )
    channel.add_argument("channel", help="the channel's address (https://www.dailymotion.com/NAME), name or user id")
    channel.add_argument(
        "--client", type=arguments.name, help="the client it belongs to (default: the only client, or 'Default')"
    )
    channel.add_argument("--name", type=arguments.name, help="a label for the source (default: the channel's name)")
    channel.add_argument("--api-base", default=ORIGIN, help=f"the API origin (default {ORIGIN})")
    channel.set_defaults(handler=add_dailymotion)


async def _check(channel: str, base: str) -> FeedChoice:
    async with make_client() as client:
        return await sources.check_channel(client, DailymotionConnector.network, channel, api_base=base)


def add_dailymotion(args: argparse.Namespace) -> int:
    try:
        base = api_base(args.api_base)
    except ValueError as error:
        raise CommandError(f"--api-base: {error}") from None
    database = open_database(args)
    require_client(database, args.client)
    try:
        found = asyncio.run(_check(args.channel, base))
    except (ConnectorError, Refused) as error:
        raise CommandError(f"cannot add {args.channel}: {error}") from None
    name = args.name or found.title
    account = run(database, sources.add_feed(args.client, found.url, name, create_client=False, choice=found))
    with database.read() as connection:
        client = workspace.get_client(connection, account.client_id)
    print(
        f"added Dailymotion channel {account.name} (account {account.id}, client {client.name}): {found.url} — "
        f"{found.videos:,} videos, {found.followers:,} followers"
    )
    print("run `cmdesk sync` to read its videos; Dailymotion's API lists no comments, so they are answered on the site")
    return 0


__all__ = ["add_dailymotion", "register_add"]
