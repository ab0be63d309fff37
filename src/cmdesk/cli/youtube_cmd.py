"""`cmdesk account add youtube [--client NAME] [--token-stdin] [--api-base URL]`: add the YouTube channel the user
signs in to, in the browser with their own Google OAuth client (`--oauth-client-id`, its secret on standard input
with `--oauth-secret-stdin`, remembered per client), or with an access token given on standard input (a refresh token
may follow on the second line). Tokens go to the keyring only. `--api-base` replaces the API origin
(https://www.googleapis.com) and `--auth-base` Google's sign-in origins, for tests; plain http only on loopback."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import sys
import webbrowser
from dataclasses import replace
from datetime import UTC, datetime

from cmdesk.cli import arguments
from cmdesk.cli.context import CommandError, credential_store, open_database, require_client
from cmdesk.connectors.base import ConnectorError
from cmdesk.connectors.http import make_client
from cmdesk.connectors.youtube import Channel, api_base, identify, oauth
from cmdesk.connectors.youtube.api import ORIGIN
from cmdesk.credentials.base import CredentialStore
from cmdesk.domain import Secret
from cmdesk.services import youtube_signin
from cmdesk.services.accounts import Added, youtube_account
from cmdesk.services.commands import run
from cmdesk.storage import workspace
from cmdesk.storage.database import Database

HOW_TO_GET_A_CLIENT = f"""cmdesk signs in to YouTube with your own Google OAuth client (free, once per Google project):
  1. {oauth.CONSOLE_YOUTUBE_API} : enable "YouTube Data API v3" in a project of yours;
  2. {oauth.CONSOLE_CONSENT} : set up the consent screen ("External"), add your Google account as a test user;
  3. {oauth.CONSOLE_CREDENTIALS} : Create credentials → OAuth client ID → "Desktop app";
then: cmdesk account add youtube --oauth-client-id ID --oauth-secret-stdin  (the client secret on standard input)"""


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
    youtube.add_argument(
        "--oauth-client-id", help="your Google OAuth client (Desktop app) id; remembered for the client's next channel"
    )
    youtube.add_argument(
        "--oauth-secret-stdin", action="store_true", help="read that OAuth client's secret from standard input"
    )
    youtube.add_argument(
        "--app-published",
        action="store_true",
        help='your app is "In production" on its consent screen (otherwise Google ends the sign-in after 7 days)',
    )
    youtube.add_argument("--no-browser", action="store_true", help="print the sign-in address instead of opening it")
    youtube.add_argument(
        "--auth-base", help=f"Google's sign-in origin (default {oauth.AUTH_ORIGIN} and {oauth.TOKEN_ORIGIN})"
    )
    youtube.set_defaults(handler=add_youtube)


def _origin(option: str, text: str) -> str:
    try:
        return api_base(text)
    except ValueError as error:
        raise CommandError(f"{option}: {error}") from None


async def _channel(base: str, token: Secret) -> Channel:
    async with make_client() as client:
        return await identify(client, base, token)


def _app(args: argparse.Namespace, database: Database, credentials: CredentialStore) -> oauth.GoogleApp | None:
    """The OAuth client given on the command line, else the one the client's channels were signed in with."""
    if args.oauth_client_id:
        if args.oauth_secret_stdin:
            secret = sys.stdin.readline().strip()
        elif sys.stdin.isatty():
            secret = getpass.getpass("OAuth client secret: ").strip()
        else:
            raise CommandError("--oauth-client-id: give its secret on standard input with --oauth-secret-stdin")
        if not secret:
            raise CommandError("--oauth-client-id: no client secret given")
        return oauth.GoogleApp(args.oauth_client_id.strip(), Secret(secret))
    with database.read() as connection:
        accounts, clients = workspace.list_accounts(connection), workspace.list_clients(connection)
    return youtube_signin.known_app(accounts, clients, credentials, args.client)


def _open(url: str, *, no_browser: bool) -> None:
    print("Sign in to Google to let cmdesk read and answer the channel's comments:", flush=True)
    print(url, flush=True)
    if not no_browser:
        webbrowser.open(url)


def add_youtube(args: argparse.Namespace) -> int:
    base = _origin("--api-base", args.api_base)
    auth_base = _origin("--auth-base", args.auth_base) if args.auth_base else None
    database = open_database(args)
    credentials = credential_store()
    credentials.probe()
    require_client(database, args.client)
    if args.token_stdin:
        token = sys.stdin.readline().strip()
        refresh = sys.stdin.readline().strip()
        if not token:
            raise CommandError("--token-stdin: no token on standard input")
        app = _app(args, database, credentials) if refresh else None
        try:
            channel = asyncio.run(_channel(base, Secret(token)))
        except ConnectorError as error:
            raise CommandError(f"cannot sign in to YouTube: {error}") from None
        bundle = youtube_signin.token_bundle(token, refresh, app, auth_base)
        channel = replace(channel, token=bundle, client_id=app.client_id if app else "")
        if refresh and app is None:
            print("note: the refresh token is kept, but without your OAuth client (--oauth-client-id) cmdesk cannot "
                  "use it; the access token lasts about an hour", file=sys.stderr)  # fmt: skip
        added = run(database, youtube_account(credentials, channel, args.client))
    else:
        app = _app(args, database, credentials)
        if app is None:
            raise CommandError(HOW_TO_GET_A_CLIENT)
        added = _browser_sign_in(args, database, credentials, app, base, auth_base)
    _report(added)
    return 0


def _browser_sign_in(
    args: argparse.Namespace,
    database: Database,
    credentials: CredentialStore,
    app: oauth.GoogleApp,
    base: str,
    auth_base: str | None,
) -> Added:
    try:
        command = asyncio.run(
            youtube_signin.sign_in_with_browser(
                credentials,
                app,
                args.client,
                lambda url: _open(url, no_browser=args.no_browser),
                datetime.now(UTC),
                testing=not args.app_published,
                base=base,
                auth_base=auth_base,
            )
        )
    except ConnectorError as error:
        raise CommandError(f"cannot sign in to YouTube: {error}") from None
    except TimeoutError:
        raise CommandError("nobody signed in within 10 minutes; run the command again") from None
    return run(database, command)


def _report(added: Added) -> None:
    account = added.account
    if added.again:
        print(f"signed in again to the YouTube channel {account.name} (account {account.id}); its data is kept")
    else:
        print(f"added the YouTube channel {account.name} (account {account.id})")
    ends = str(account.settings.get("sign_in_ends") or "")
    if ends:
        day = datetime.fromisoformat(ends).date().isoformat()
        print(f'Google ends this sign-in on {day} (the app is in "Testing"): publish it to stay signed in')
    print("run `cmdesk sync` to fetch the comments under its videos")
