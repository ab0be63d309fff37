"""`cmdesk account add x [--client NAME] [--token-stdin] [--api-base URL]`: add the X account the user signs in to,
in the browser with their own app (`--oauth-client-id`, an app of the "Native App" type whose callback is
http://127.0.0.1:48762/callback; remembered for the client's next account), or with an access token on standard input
(a refresh token may follow on the second line). Tokens go to the keyring only. X charges per call: the command says
what reading costs and the monthly cap (`--monthly-cap`, dollars) that pauses pulls. `--api-base` replaces the API
origin (https://api.x.com) and `--auth-base` the sign-in page's (https://x.com), for tests; plain http only on
loopback."""

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
from cmdesk.connectors.x import NETWORK, api, oauth, signin
from cmdesk.domain import Secret
from cmdesk.services import sources
from cmdesk.services.accounts import x_account
from cmdesk.services.commands import run
from cmdesk.storage import workspace

HOW_TO_GET_AN_APP = f"""cmdesk signs in to X with your own app (pay per use, billed by X):
  1. {oauth.DEVELOPER_CONSOLE} : create an app; in "User authentication settings" choose OAuth 2.0, type "Native App",
     permissions "Read and write and Direct message", callback URL {oauth.REDIRECT_URI} ;
  2. copy its OAuth 2.0 Client ID, and buy a few credits;
then: cmdesk account add x --oauth-client-id ID"""


def register_add(kinds: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    x = kinds.add_parser("x", parents=[common], help="an X account: mentions, replies, direct messages (paid per use)")
    x.add_argument("--client", type=arguments.name, help="the client it belongs to (default: the only client)")
    stdin = "read an access token from standard input (a refresh token may follow)"
    x.add_argument("--token-stdin", action="store_true", help=stdin)
    x.add_argument("--api-base", default=api.ORIGIN, help=f"the API origin (default {api.ORIGIN})")
    x.add_argument("--oauth-client-id", help="your X app's OAuth 2.0 client id (a Native App)")
    x.add_argument("--no-browser", action="store_true", help="print the sign-in address instead of opening it")
    x.add_argument("--auth-base", help=f"X's sign-in page origin (default {oauth.AUTH_ORIGIN})")
    cap = f"what this client's X pulls may spend a month (default ${api.DEFAULT_MONTHLY_CAP:.2f})"
    x.add_argument("--monthly-cap", type=float, metavar="DOLLARS", help=cap)
    x.set_defaults(handler=add_x)


def register_prices(actions: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    prices = actions.add_parser(
        "prices", parents=[common], help="show or correct the prices an X account's spending is estimated at"
    )
    prices.add_argument("id", type=arguments.identifier)
    prices.add_argument("corrections", nargs="*", metavar="KIND=DOLLARS", help=f"kinds: {', '.join(api.PRICES)}")
    prices.add_argument("--monthly-cap", type=float, metavar="DOLLARS", help="the client's X budget for a month")
    prices.set_defaults(handler=show_prices)


def show_prices(args: argparse.Namespace) -> int:
    corrections: dict[str, float] = {}
    for text in args.corrections:
        kind, _, value = text.partition("=")
        if kind not in api.PRICES:
            raise CommandError(f"{text}: the kinds are {', '.join(api.PRICES)}")
        try:
            corrections[kind] = float(value)
        except ValueError:
            raise CommandError(f"{text}: write KIND=DOLLARS, e.g. post_read=0.005") from None
        if corrections[kind] < 0:
            raise CommandError(f"{text}: a price is 0 or more")
    if args.monthly_cap is not None and args.monthly_cap < 0:
        raise CommandError("--monthly-cap: a number of dollars, 0 or more")
    database = open_database(args)
    with database.read() as connection:
        account = workspace.get_account(connection, args.id)
    if account.network != NETWORK:
        raise CommandError(f"account {args.id} is not an X account: only X is priced per call")
    if corrections or args.monthly_cap is not None:
        account = run(database, sources.correct_prices(args.id, corrections, args.monthly_cap))
    table = api.prices_of(account)
    for kind, price in table.items():
        mark = "" if price == api.PRICES[kind] else f"  (X publishes ${api.PRICES[kind]:.3f})"
        print(f"{kind:16} ${price:.3f}{mark}")
    print(f"monthly cap      ${api.cap_of(account):.2f} for this client")
    return 0


def _origin(option: str, text: str) -> str:
    try:
        return api_origin(text, "X")
    except ValueError as error:
        raise CommandError(f"{option}: {error}") from None


def _open(url: str, *, no_browser: bool) -> None:
    print("Sign in to X to let cmdesk read and answer your mentions and messages:", flush=True)
    print(url, flush=True)
    if not no_browser:
        webbrowser.open(url)


def _costs(cap: float) -> str:
    prices = api.PRICES
    return (f"X charges per call: ${prices['post_read']:.3f} a mention read, ${prices['dm_read']:.3f} a direct "
            f"message read, ${prices['post_create']:.3f} a reply (${prices['post_create_url']:.2f} with a link). "
            f"Reading 30 mentions and 10 messages a day costs about "
            f"${30 * 30 * prices['post_read'] + 30 * 10 * prices['dm_read']:.2f} a month; pulls pause at "
            f"${cap:.2f} a month for this client (--monthly-cap).")  # fmt: skip


def add_x(args: argparse.Namespace) -> int:
    base = _origin("--api-base", args.api_base)
    auth_base = _origin("--auth-base", args.auth_base) if args.auth_base else oauth.AUTH_ORIGIN
    if args.monthly_cap is not None and args.monthly_cap < 0:
        raise CommandError("--monthly-cap: a number of dollars, 0 or more")
    database = open_database(args)
    credentials = credential_store()
    credentials.probe()
    require_client(database, args.client)
    now = datetime.now(UTC)
    try:
        if args.token_stdin:
            access, refresh = sys.stdin.readline().strip(), sys.stdin.readline().strip()
            if not access:
                raise CommandError("--token-stdin: no token on standard input")
            tokens = oauth.Tokens(Secret(access), Secret(refresh) if refresh else None, None,
                                  args.oauth_client_id or "", base)  # fmt: skip
            user = asyncio.run(_identify(base, tokens.to_secret()))
        elif args.oauth_client_id:
            user = asyncio.run(_browser(args.oauth_client_id, base, auth_base, now, no_browser=args.no_browser))
        else:
            raise CommandError(HOW_TO_GET_AN_APP)
    except ConnectorError as error:
        raise CommandError(f"cannot sign in to X: {error}") from None
    except TimeoutError:
        raise CommandError("nobody signed in within 10 minutes; run the command again") from None
    added = run(database, x_account(credentials, user, args.client, client_id=args.oauth_client_id or "",
                                    monthly_cap=args.monthly_cap))  # fmt: skip
    again = "signed in again to" if added.again else "added"
    print(f"{again} the X account @{user.username} (account {added.account.id})")
    print(_costs(args.monthly_cap if args.monthly_cap is not None else api.DEFAULT_MONTHLY_CAP))
    print("run `cmdesk sync` to fetch its mentions and direct messages")
    return 0


async def _identify(base: str, token: Secret) -> signin.XUser:
    async with make_client() as client:
        return await signin.identify(client, base, token)


async def _browser(client_id: str, base: str, auth_base: str, now: datetime, *, no_browser: bool) -> signin.XUser:
    async with make_client() as client:
        return await signin.sign_in_with_browser(client, client_id, lambda url: _open(url, no_browser=no_browser),
                                                 now, base=base, auth_base=auth_base)  # fmt: skip


__all__ = ["add_x", "register_add"]
