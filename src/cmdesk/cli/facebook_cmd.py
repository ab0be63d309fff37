"""`cmdesk account add facebook PAGE_ID [--client NAME] [--token-stdin] [--api-base URL]`: add a Facebook Page with
a token given on standard input — a user token of someone with a role on the Page (exchanged for the Page's own
token, as Meta documents) or the Page token itself. Only the Page token is kept, in the keyring. `--api-base`
replaces the Graph API origin (https://graph.facebook.com) for tests; plain http only on loopback."""

from __future__ import annotations

import argparse
import asyncio
import sys

from cmdesk.cli import arguments
from cmdesk.cli.context import CommandError, credential_store, open_database
from cmdesk.connectors.base import ConnectorError
from cmdesk.connectors.http import make_client
from cmdesk.connectors.meta import FacebookPage, api_base, identify_page
from cmdesk.connectors.meta.graph import ORIGIN
from cmdesk.domain import Secret
from cmdesk.services.accounts import facebook_account
from cmdesk.services.commands import run
from cmdesk.storage import workspace

HOW_TO_GET_A_TOKEN = """cmdesk reads a Facebook Page through your own Meta app (free; its Standard Access needs no
App Review for the people who have a role on the app):
  1. https://developers.facebook.com/apps : Create app → "Other" → "Business", add the product "Facebook Login for
     Business" and "Messenger";
  2. https://developers.facebook.com/tools/explorer : choose your app, "Get User Access Token" with
     pages_show_list, pages_read_engagement, pages_read_user_content, pages_manage_engagement, pages_messaging;
then: cmdesk account add facebook PAGE_ID --token-stdin  (the token on standard input)"""


def register_add(kinds: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    facebook = kinds.add_parser(
        "facebook", parents=[common], help="a Facebook Page: its Messenger conversations and the comments on its posts"
    )
    facebook.add_argument("page_id", metavar="PAGE_ID", help="the Page's id (a number)")
    facebook.add_argument(
        "--client", type=arguments.name, help="the client it belongs to (default: the only client, or 'Default')"
    )
    facebook.add_argument(
        "--token-stdin",
        action="store_true",
        help="read an access token (a user's or the Page's) from the first line of standard input",
    )
    facebook.add_argument("--api-base", default=ORIGIN, help=f"the Graph API origin (default {ORIGIN})")
    facebook.set_defaults(handler=add_facebook)


async def _page(base: str, page_id: str, token: str) -> FacebookPage:
    async with make_client() as client:
        return await identify_page(client, base, page_id, Secret(token))


def add_facebook(args: argparse.Namespace) -> int:
    try:
        base = api_base(args.api_base)
    except ValueError as error:
        raise CommandError(f"--api-base: {error}") from None
    if not args.token_stdin:
        raise CommandError("the browser sign-in to Facebook is not in cmdesk yet: give a token with --token-stdin\n"
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
    try:
        page = asyncio.run(_page(base, args.page_id, token))
    except ConnectorError as error:
        raise CommandError(f"cannot sign in to the Facebook Page: {error}") from None
    added = run(database, facebook_account(credentials, page, args.client))
    verb = "signed in again to" if added.again else "added"
    print(f"{verb} the Facebook Page {page.name} (account {added.account.id})")
    print("run `cmdesk sync` to fetch its Messenger conversations and the comments on its posts")
    return 0
