"""`cmdesk account add youtube [--client NAME] [--token-stdin] [--api-base URL]`: add the YouTube channel an access
token signs in to (`channels?mine=true`). The token goes to the keyring only. `--api-base` replaces the API origin
(https://www.googleapis.com) for tests; plain http only on loopback."""

from __future__ import annotations

import argparse
import asyncio
import sys

from cmdesk.cli import arguments
from cmdesk.cli.context import CommandError, credential_store, open_database
from cmdesk.connectors.base import ConnectorError
from cmdesk.connectors.http import make_client
from cmdesk.connectors.youtube import Channel, api_base, identify
from cmdesk.connectors.youtube.api import ORIGIN
from cmdesk.domain import Secret
from cmdesk.services.accounts import youtube_account
from cmdesk.services.commands import run


def register_add(kinds: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    youtube = kinds.add_parser("youtube", parents=[common], help="a YouTube channel: its videos' comments")
    youtube.add_argument(
        "--client", type=arguments.name, help="the client it belongs to (default: the only client, or 'Default')"
    )
    youtube.add_argument(
        "--token-stdin",
        action="store_true",
        help="read an access token from the first line of standard input (a refresh token may follow on the second)",
    )
    youtube.add_argument("--api-base", default=ORIGIN, help=f"the API origin (default {ORIGIN})")
    youtube.set_defaults(handler=add_youtube)


async def _channel(base: str, token: str) -> Channel:
    async with make_client() as client:
        return await identify(client, base, Secret(token))


def add_youtube(args: argparse.Namespace) -> int:
    try:
        base = api_base(args.api_base)
    except ValueError as error:
        raise CommandError(f"--api-base: {error}") from None
    if not args.token_stdin:
        raise CommandError(
            "YouTube's browser sign-in is not in the command line yet: give an access token with --token-stdin "
            "(for example from Google's OAuth 2.0 Playground, scope https://www.googleapis.com/auth/youtube.force-ssl)"
        )
    token = sys.stdin.readline().strip()
    if not token:
        raise CommandError("--token-stdin: no token on standard input")
    database = open_database(args)
    credentials = credential_store()
    credentials.probe()
    try:
        channel = asyncio.run(_channel(base, token))
    except ConnectorError as error:
        raise CommandError(f"cannot sign in to YouTube: {error}") from None
    added = run(database, youtube_account(credentials, channel, args.client))
    if added.again:
        print(f"signed in again to the YouTube channel {channel.title} (account {added.account.id}); its data is kept")
    else:
        print(f"added the YouTube channel {channel.title} (account {added.account.id})")
    print("run `cmdesk sync` to fetch the comments under its videos")
    return 0
