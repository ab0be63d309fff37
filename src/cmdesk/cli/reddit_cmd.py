"""`cmdesk account add reddit [--client NAME] [--token-stdin] [--api-base URL]`: add the Reddit account the user signs
in to, in the browser with their own installed app (`--oauth-client-id`; its redirect uri
http://127.0.0.1:48763/callback), or with an access token on standard input (a refresh token may follow on the second
line). Tokens go to the keyring only. `--api-base` replaces the API origin (https://oauth.reddit.com) and
`--auth-base` the sign-in origin (https://www.reddit.com), for tests; plain http only on loopback."""

from __future__ import annotations

import argparse
import asyncio
import sys
import webbrowser
from datetime import UTC, datetime

from cmdesk.cli import arguments
from cmdesk.cli.context import CommandError, credential_store, open_database, require_client
from cmdesk.connectors.base import ConnectorError
from cmdesk.connectors.hosts import api_origin
from cmdesk.connectors.http import make_client
from cmdesk.connectors.reddit import api, oauth, signin
from cmdesk.domain import Secret
from cmdesk.services.accounts import reddit_account
from cmdesk.services.commands import run

HOW_TO_GET_AN_APP = f"""cmdesk signs in to Reddit with your own app (free):
  1. {oauth.APPS_PAGE} : "create another app…", type "installed app", redirect uri {oauth.REDIRECT_URI} ;
  2. copy its client id (under the app's name);
then: cmdesk account add reddit --oauth-client-id ID"""


def register_add(kinds: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    reddit = kinds.add_parser("reddit", parents=[common], help="a Reddit account: replies, mentions, messages")
    reddit.add_argument("--client", type=arguments.name, help="the client it belongs to (default: the only client)")
    stdin = "read an access token from standard input (a refresh token may follow)"
    reddit.add_argument("--token-stdin", action="store_true", help=stdin)
    reddit.add_argument("--api-base", default=api.ORIGIN, help=f"the API origin (default {api.ORIGIN})")
    reddit.add_argument("--oauth-client-id", help="your Reddit installed app's client id")
    reddit.add_argument("--no-browser", action="store_true", help="print the sign-in address instead of opening it")
    reddit.add_argument("--auth-base", help=f"Reddit's sign-in origin (default {oauth.AUTH_ORIGIN})")
    reddit.set_defaults(handler=add_reddit)


def _origin(option: str, text: str) -> str:
    try:
        return api_origin(text, "Reddit")
    except ValueError as error:
        raise CommandError(f"{option}: {error}") from None


def add_reddit(args: argparse.Namespace) -> int:
    base = _origin("--api-base", args.api_base)
    auth_base = _origin("--auth-base", args.auth_base) if args.auth_base else oauth.AUTH_ORIGIN
    database = open_database(args)
    credentials = credential_store()
    credentials.probe()
    require_client(database, args.client)
    try:
        if args.token_stdin:
            access, refresh = sys.stdin.readline().strip(), sys.stdin.readline().strip()
            if not access:
                raise CommandError("--token-stdin: no token on standard input")
            tokens = oauth.Tokens(Secret(access), Secret(refresh) if refresh else None, None,
                                  args.oauth_client_id or "", auth_base)  # fmt: skip
            user = asyncio.run(_identify(base, tokens.to_secret()))
        elif args.oauth_client_id:
            user = asyncio.run(_browser(args.oauth_client_id, base, auth_base, no_browser=args.no_browser))
        else:
            raise CommandError(HOW_TO_GET_AN_APP)
    except ConnectorError as error:
        raise CommandError(f"cannot sign in to Reddit: {error}") from None
    except TimeoutError:
        raise CommandError("nobody signed in within 10 minutes; run the command again") from None
    added = run(database, reddit_account(credentials, user, args.client, client_id=args.oauth_client_id or ""))
    again = "signed in again to" if added.again else "added"
    print(f"{again} the Reddit account u/{user.name} (account {added.account.id})")
    print("run `cmdesk sync` to fetch its replies, mentions and messages")
    return 0


async def _identify(base: str, token: Secret) -> signin.Redditor:
    async with make_client() as client:
        return await signin.identify(client, base, token)


def _open(url: str, *, no_browser: bool) -> None:
    print("Sign in to Reddit to let cmdesk read and answer your inbox:", flush=True)
    print(url, flush=True)
    if not no_browser:
        webbrowser.open(url)


async def _browser(client_id: str, base: str, auth_base: str, *, no_browser: bool) -> signin.Redditor:
    async with make_client() as client:
        return await signin.sign_in_with_browser(client, client_id, lambda url: _open(url, no_browser=no_browser),
                                                 datetime.now(UTC), base=base, auth_base=auth_base)  # fmt: skip


__all__ = ["add_reddit", "register_add"]
