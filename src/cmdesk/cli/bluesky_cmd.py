"""`cmdesk account add bluesky HANDLE [--client NAME] [--password-stdin] [--service URL]`: sign in to a Bluesky
account with an app password (made in Bluesky's Settings → Privacy and security → App passwords; tick "Allow access
to your direct messages" for cmdesk to read and answer them). The password goes to the PDS only: the keyring keeps
the session it gives. `--service` is the PDS or entryway to sign in to; without it, the handle is resolved to its DID
and the DID document to the account's own PDS. Plain http only on loopback."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import sys

from cmdesk.cli import arguments
from cmdesk.cli.context import CommandError, credential_store, open_database, require_client
from cmdesk.connectors.base import ConnectorError
from cmdesk.connectors.hosts import api_origin
from cmdesk.domain import Secret
from cmdesk.services import bluesky_signin
from cmdesk.services.accounts import bluesky_account
from cmdesk.services.commands import run


def register_add(kinds: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    bluesky = kinds.add_parser("bluesky", parents=[common], help="a Bluesky account: mentions, replies, posts")
    bluesky.add_argument("handle", help="the account's handle (name.bsky.social, or a domain of the user's)")
    bluesky.add_argument(
        "--client", type=arguments.name, help="the client it belongs to (default: the only client, or 'Default')"
    )
    bluesky.add_argument("--password-stdin", action="store_true", help="read the app password from standard input")
    bluesky.add_argument("--service", help="the PDS or entryway to sign in to (default: the handle's own PDS)")
    bluesky.add_argument("--chat-base", help=argparse.SUPPRESS)  # where chat requests go instead of the PDS (tests)
    bluesky.set_defaults(handler=add_bluesky)


def add_bluesky(args: argparse.Namespace) -> int:
    try:
        service = api_origin(args.service, "Bluesky") if args.service else None
        if args.chat_base:
            api_origin(args.chat_base, "Bluesky")
    except ValueError as error:
        raise CommandError(f"--service: {error}") from None
    database = open_database(args)
    credentials = credential_store()
    credentials.probe()
    require_client(database, args.client)
    if args.password_stdin:
        password = sys.stdin.readline().strip()
    elif sys.stdin.isatty():
        password = getpass.getpass("App password: ").strip()
    else:
        raise CommandError("give the app password on standard input with --password-stdin")
    if not password:
        raise CommandError("no app password given")
    try:
        signed_in, no_messages = asyncio.run(
            bluesky_signin.session_for(args.handle, Secret(password), service, args.chat_base)
        )
    except ConnectorError as error:
        raise CommandError(f"cannot sign in to Bluesky: {error}") from None
    added = run(database, bluesky_account(credentials, signed_in, args.client, no_messages=no_messages,
                                          chat_base=args.chat_base or ""))  # fmt: skip
    account = added.account
    again = "signed in again to" if added.again else "added"
    print(f"{again} the Bluesky account {account.name} (account {account.id}, {signed_in.did}) on {signed_in.pds}")
    if no_messages:
        print(f"direct messages: not readable with this app password ({no_messages}); to read and answer them, make "
              "an app password that allows direct messages and sign in again")  # fmt: skip
    print("run `cmdesk sync` to fetch its mentions and replies" + ("" if no_messages else " and direct messages"))
    return 0


__all__ = ["add_bluesky", "register_add"]
