"""`cmdesk account add facebook PAGE_ID [--client NAME] [--token-stdin] [--api-base URL]` and
`cmdesk account add instagram IG_USER_ID [--client NAME] [--token-stdin] [--api-base URL]`: add a Facebook Page, or an
Instagram professional account with the Page it is linked to, with a token given on standard input — a user token
of someone with a role on the Page (exchanged for the Page's own token, as Meta documents) or the Page token itself.
Only the Page token is kept, in the keyring. `--api-base` replaces the Graph API origin (https://graph.facebook.com)
for tests; plain http only on loopback."""

from __future__ import annotations

import argparse
import asyncio
import sys

from cmdesk.cli import arguments
from cmdesk.cli.context import CommandError, credential_store, open_database
from cmdesk.connectors.base import ConnectorError
from cmdesk.connectors.http import make_client
from cmdesk.connectors.meta import FacebookPage, InstagramAccount, api_base, identify_instagram, identify_page
from cmdesk.connectors.meta.graph import ORIGIN
from cmdesk.connectors.meta.signin import TokenHealth
from cmdesk.credentials.base import CredentialStore
from cmdesk.domain import Secret
from cmdesk.services.accounts import facebook_account, instagram_account
from cmdesk.services.commands import run
from cmdesk.storage import workspace
from cmdesk.storage.database import Database

HOW_TO_GET_A_TOKEN = """cmdesk reads a Facebook Page through your own Meta app (free; its Standard Access needs no
App Review for the people who have a role on the app):
  1. https://developers.facebook.com/apps : Create app → "Other" → "Business", add the product "Facebook Login for
     Business" and "Messenger";
  2. https://developers.facebook.com/tools/explorer : choose your app, "Get User Access Token" with
     pages_show_list, pages_read_engagement, pages_read_user_content, pages_manage_engagement, pages_messaging
     (and for Instagram: instagram_basic, instagram_manage_comments, instagram_manage_messages,
     instagram_content_publish);
then: cmdesk account add facebook PAGE_ID --token-stdin  (the token on standard input)"""


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
        parser.set_defaults(handler=handler)


async def _page(base: str, page_id: str, token: str) -> FacebookPage:
    async with make_client() as client:
        return await identify_page(client, base, page_id, Secret(token))


async def _instagram(base: str, user_id: str, token: str) -> InstagramAccount:
    async with make_client() as client:
        return await identify_instagram(client, base, user_id, Secret(token))


def _signed_in(args: argparse.Namespace) -> tuple[str, str, Database, CredentialStore]:
    """The origin, the token read from standard input, the database and the keyring, checked before signing in."""
    try:
        base = api_base(args.api_base)
    except ValueError as error:
        raise CommandError(f"--api-base: {error}") from None
    if not args.token_stdin:
        raise CommandError("the browser sign-in to Meta is not in cmdesk yet: give a token with --token-stdin\n"
                           + HOW_TO_GET_A_TOKEN)  # fmt: skip
    token = sys.stdin.readline().strip()
    if not token:
        raise CommandError("--token-stdin: no token on standard input")
    database = open_database(args)
    credentials = credential_store()
    credentials.probe()
    if args.client:
        with database.read() as connection:
            if workspace.find_client(connection, args.client) is None:
                raise CommandError(f"no client named {args.client!r}; add it with `cmdesk client add`")
    return base, token, database, credentials


def add_facebook(args: argparse.Namespace) -> int:
    base, token, database, credentials = _signed_in(args)
    try:
        page = asyncio.run(_page(base, args.account_id, token))
    except ConnectorError as error:
        raise CommandError(f"cannot sign in to the Facebook Page: {error}") from None
    added = run(database, facebook_account(credentials, page, args.client))
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
    base, token, database, credentials = _signed_in(args)
    try:
        found = asyncio.run(_instagram(base, args.account_id, token))
    except ConnectorError as error:
        raise CommandError(f"cannot sign in to the Instagram account: {error}") from None
    added = run(database, instagram_account(credentials, found, args.client))
    verb = "signed in again to" if added.again else "added"
    print(f"{verb} the Instagram account @{found.username} (account {added.account.id})")
    _warn(found.health)
    print("run `cmdesk sync` to fetch the comments under its media, its mentions and its direct messages")
    return 0
