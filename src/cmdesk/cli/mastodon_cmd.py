"""`cmdesk account add mastodon INSTANCE [--client NAME] [--token-stdin]`: sign in to a Mastodon (or compatible)
account. Without `--token-stdin` it prints the authorisation URL and reads the code the server shows; with it, it
takes an existing access token from standard input. The token goes to the keyring only."""

from __future__ import annotations

import argparse
import asyncio
import sys

from cmdesk.cli import arguments
from cmdesk.cli.context import CommandError, credential_store, open_database
from cmdesk.connectors.http import make_client
from cmdesk.connectors.mastodon import (
    InvalidInstance,
    SignedIn,
    identify,
    instance_base,
    start_out_of_band,
)
from cmdesk.domain import Secret
from cmdesk.services.accounts import KeyringAppCache, save_mastodon_account


def register_add(kinds: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    mastodon = kinds.add_parser(
        "mastodon",
        parents=[common],
        help="a Mastodon account (or another server with Mastodon's API: Pleroma, Akkoma, snac…)",
    )
    mastodon.add_argument("instance", help="the server (mastodon.social), its URL, or your handle @you@server")
    mastodon.add_argument(
        "--client", type=arguments.name, help="the client it belongs to (default: the only client, or 'Default')"
    )
    mastodon.add_argument(
        "--token-stdin", action="store_true", help="read an existing access token from standard input"
    )
    mastodon.set_defaults(handler=add_mastodon)


def _read_line(prompt: str) -> str:
    if sys.stdin.isatty():
        return input(prompt)
    print(prompt, end="", flush=True)
    line = sys.stdin.readline()
    print()
    return line


async def _with_token(base: str, token: str) -> SignedIn:
    async with make_client() as client:
        return await identify(client, base, Secret(token))


async def _with_code(base: str, cache: KeyringAppCache) -> SignedIn:
    async with make_client() as client:
        pending = await start_out_of_band(client, base, cache)
        print("Open this address in a browser, sign in and allow cmdesk:")
        print(f"  {pending.url}")
        code = _read_line("Then paste the code the server shows: ").strip()
        if not code:
            raise CommandError("no code given; nothing was added")
        return await pending.finish(client, code)


def add_mastodon(args: argparse.Namespace) -> int:
    try:
        base = instance_base(args.instance)
    except InvalidInstance as error:
        raise CommandError(str(error)) from None
    database = open_database(args)
    credentials = credential_store()
    credentials.probe()  # before the user signs in for nothing
    if args.token_stdin:
        token = sys.stdin.readline().strip()
        if not token:
            raise CommandError("--token-stdin: no token on standard input")
        signed_in = asyncio.run(_with_token(base, token))
    else:
        signed_in = asyncio.run(_with_code(base, KeyringAppCache(credentials)))
    added = save_mastodon_account(database, credentials, signed_in, args.client)
    if added.again:
        print(f"signed in again as {signed_in.handle} (account {added.account.id}); its data is kept")
    else:
        print(f"added Mastodon account {signed_in.handle} (account {added.account.id})")
    print("run `cmdesk sync` to fetch its mentions and messages")
    return 0
