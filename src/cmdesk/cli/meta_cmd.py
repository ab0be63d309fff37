"""`cmdesk account add facebook PAGE_ID [--client NAME] [--token-stdin] [--api-base URL]` and
`cmdesk account add instagram IG_USER_ID [--client NAME] [--token-stdin] [--api-base URL]`: add a Facebook Page, or an
Instagram professional account with the Page it is linked to, signing in in the browser with the user's own Meta app
(`--meta-app-id`, its secret on standard input with `--meta-secret-stdin`, remembered per client) or with a token
given on standard input — a user token of someone with a role on the Page (exchanged for the Page's own token, as Meta
documents) or the Page token itself.
Only the Page token is kept, in the keyring. `--api-base` replaces the Graph API origin (https://graph.facebook.com)
for tests; plain http only on loopback."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import sys
import webbrowser

from cmdesk.cli import arguments
from cmdesk.cli.context import CommandError, credential_store, open_database, require_client
from cmdesk.connectors.base import ConnectorError
from cmdesk.connectors.http import make_client
from cmdesk.connectors.meta import FacebookPage, InstagramAccount, api_base, identify_instagram, identify_page
from cmdesk.connectors.meta.graph import ORIGIN
from cmdesk.connectors.meta.login import LOGIN_ORIGIN, REDIRECT_URI
from cmdesk.connectors.meta.signin import TokenHealth
from cmdesk.credentials.base import CredentialStore
from cmdesk.domain import Secret
from cmdesk.services import meta_signin
from cmdesk.services.accounts import facebook_account, instagram_account
from cmdesk.services.commands import run
from cmdesk.storage import workspace
from cmdesk.storage.database import Database

HOW_TO_GET_AN_APP = f"""cmdesk reads a Facebook Page through your own Meta app (free; its Standard Access needs no
App Review for the people who have a role on the app):
  1. https://developers.facebook.com/apps : Create app → "Other" → "Business", add the products "Facebook Login for
     Business", "Messenger" and, for Instagram, "Instagram";
  2. in Facebook Login → Settings, add {REDIRECT_URI} to "Valid OAuth Redirect URIs";
  3. App settings → Basic gives the app id and secret;
then: cmdesk account add facebook PAGE_ID --meta-app-id ID --meta-secret-stdin  (the secret on standard input)
or, with a token from https://developers.facebook.com/tools/explorer : … --token-stdin"""


def register_add(kinds: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    for network, identifier, what, handler in (
        ("facebook", "PAGE_ID", "a Facebook Page: its Messenger conversations and the comments on its posts",
         add_facebook),
        ("instagram", "IG_USER_ID", "an Instagram professional account: comments, mentions, direct messages",
         add_instagram),
    ):  # fmt: skip
        parser = kinds.add_parser(network, parents=[common], help=what)
        parser.add_argument("account_id", metavar=identifier, help="its Graph id (a number)")
        parser.add_argument(
            "--client", type=arguments.name, help="the client it belongs to (default: the only client, or 'Default')"
        )
        parser.add_argument(
            "--token-stdin",
            action="store_true",
            help="read an access token (a user's or the Page's) from the first line of standard input",
        )
        parser.add_argument("--api-base", default=ORIGIN, help=f"the Graph API origin (default {ORIGIN})")
        parser.add_argument("--meta-app-id", help="your Meta app's id, for the browser sign-in (remembered per client)")
        parser.add_argument(
            "--meta-secret-stdin", action="store_true", help="read the app's secret from standard input"
        )
        parser.add_argument("--no-browser", action="store_true", help="print the sign-in address instead of opening it")
        parser.add_argument("--login-base", help=f"Facebook Login's origin (default {LOGIN_ORIGIN}; tests)")
        parser.set_defaults(handler=handler)


async def _page(base: str, page_id: str, token: str) -> FacebookPage:
    async with make_client() as client:
        return await identify_page(client, base, page_id, Secret(token))


async def _instagram(base: str, user_id: str, token: str) -> InstagramAccount:
    async with make_client() as client:
        return await identify_instagram(client, base, user_id, Secret(token))


def _signed_in(args: argparse.Namespace) -> tuple[str, str, Database, CredentialStore, str]:
    """The origin, a user (or Page) token — from standard input, or from the browser sign-in with the user's Meta
    app —, the database, the keyring and the app's id ("" for a pasted token), checked before signing in."""
    try:
        base = api_base(args.api_base)
        login_base = api_base(args.login_base) if args.login_base else None
    except ValueError as error:
        raise CommandError(f"--api-base/--login-base: {error}") from None
    database = open_database(args)
    credentials = credential_store()
    credentials.probe()
    require_client(database, args.client)
    if args.token_stdin:
        token = sys.stdin.readline().strip()
        if not token:
            raise CommandError("--token-stdin: no token on standard input")
        return base, token, database, credentials, ""
    app = _app(args, database, credentials)
    if app is None:
        raise CommandError(HOW_TO_GET_AN_APP)

    def show(url: str) -> None:
        print("Sign in to Facebook to let cmdesk read and answer the Page:", flush=True)
        print(url, flush=True)
        if not args.no_browser:
            webbrowser.open(url)

    try:
        token = asyncio.run(
            meta_signin.browser_token(credentials, app[0], app[1], show, base=base, login_base=login_base)
        )
    except ConnectorError as error:
        raise CommandError(f"cannot sign in to Facebook: {error}") from None
    except TimeoutError:
        raise CommandError("nobody signed in within 10 minutes; run the command again") from None
    except OSError as error:
        raise CommandError(f"cannot listen for the sign-in on {REDIRECT_URI}: {error}") from None
    return base, token, database, credentials, app[0]


def _app(args: argparse.Namespace, database: Database, credentials: CredentialStore) -> tuple[str, str] | None:
    """The Meta app given on the command line, else the one the client's accounts were signed in with."""
    if args.meta_app_id:
        if args.meta_secret_stdin:
            secret = sys.stdin.readline().strip()
        elif sys.stdin.isatty():
            secret = getpass.getpass("Meta app secret: ").strip()
        else:
            raise CommandError("--meta-app-id: give its secret on standard input with --meta-secret-stdin")
        if not secret:
            raise CommandError("--meta-app-id: no app secret given")
        return args.meta_app_id.strip(), secret
    with database.read() as connection:
        accounts, clients = workspace.list_accounts(connection), workspace.list_clients(connection)
    return meta_signin.known_app(accounts, clients, credentials, args.client)


def add_facebook(args: argparse.Namespace) -> int:
    base, token, database, credentials, app_id = _signed_in(args)
    try:
        page = asyncio.run(_page(base, args.account_id, token))
    except ConnectorError as error:
        raise CommandError(f"cannot sign in to the Facebook Page: {error}") from None
    added = run(database, facebook_account(credentials, page, args.client, app_id=app_id))
    verb = "signed in again to" if added.again else "added"
    print(f"{verb} the Facebook Page {page.name} (account {added.account.id})")
    _warn(page.health)
    print("run `cmdesk sync` to fetch its Messenger conversations and the comments on its posts")
    return 0


def _warn(health: TokenHealth) -> None:
    if health.missing:
        print(f"warning: the token lacks {', '.join(health.missing)}: what needs them will be refused; sign in again "
              "granting them", file=sys.stderr)  # fmt: skip
    if health.ends is not None:
        print(f"Meta ends this sign-in on {health.ends.date().isoformat()} (sign in again before then)")


def add_instagram(args: argparse.Namespace) -> int:
    base, token, database, credentials, app_id = _signed_in(args)
    try:
        found = asyncio.run(_instagram(base, args.account_id, token))
    except ConnectorError as error:
        raise CommandError(f"cannot sign in to the Instagram account: {error}") from None
    added = run(database, instagram_account(credentials, found, args.client, app_id=app_id))
    verb = "signed in again to" if added.again else "added"
    print(f"{verb} the Instagram account @{found.username} (account {added.account.id})")
    _warn(found.health)
    print("run `cmdesk sync` to fetch the comments under its media, its mentions and its direct messages")
    return 0
