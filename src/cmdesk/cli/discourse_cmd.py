"""`cmdesk account add discourse SITE_URL [--client NAME] [--username USER] [--api-key-stdin]`: sign in to a
Discourse forum. Without `--api-key-stdin`, the user approves cmdesk on the forum's page (a User API Key: cmdesk's
public key and a nonce; the forum's encrypted answer comes back to http://127.0.0.1:48764/callback when the forum's
administrators allow that address in `allowed_user_api_auth_redirects`); `--paste` asks the forum to show the answer
instead and reads it from standard input. With `--api-key-stdin`, a site administrator's API key acting as
`--username`. The key goes to the keyring only; https only (plain http on loopback)."""

from __future__ import annotations

import argparse
import asyncio
import sys
import webbrowser

from cmdesk.cli import arguments
from cmdesk.cli.context import CommandError, credential_store, open_database, require_client
from cmdesk.connectors.base import ConnectorError
from cmdesk.domain import Secret
from cmdesk.services import discourse_signin
from cmdesk.services.commands import run


def register_add(kinds: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    forum = kinds.add_parser("discourse", parents=[common], help="a Discourse forum: notifications, answered")
    forum.add_argument("site_url", metavar="SITE_URL", help="the forum's address")
    forum.add_argument(
        "--client", type=arguments.name, help="the client it belongs to (default: the only client, or 'Default')"
    )
    forum.add_argument("--username", help="with --api-key-stdin: the user the administrator's key acts as")
    forum.add_argument("--api-key-stdin", action="store_true", help="read a site administrator's API key from stdin")
    forum.add_argument("--paste", action="store_true", help="the forum shows its answer: paste it on standard input")
    forum.add_argument("--no-browser", action="store_true", help="print the approval address instead of opening it")
    forum.set_defaults(handler=add_discourse)


def _open(url: str, *, no_browser: bool) -> None:
    print("Approve cmdesk on the forum to let it read and answer your notifications:", flush=True)
    print(url, flush=True)
    if not no_browser:
        webbrowser.open(url)


def add_discourse(args: argparse.Namespace) -> int:
    database = open_database(args)
    credentials = credential_store()
    credentials.probe()
    require_client(database, args.client)
    try:
        forum = asyncio.run(discourse_signin.find_forum(args.site_url))
        if args.api_key_stdin:
            if not args.username:
                raise CommandError("--api-key-stdin needs --username: the user the key acts as")
            key = sys.stdin.readline().strip()
            if not key:
                raise CommandError("--api-key-stdin: no key on standard input")
            user = asyncio.run(discourse_signin.with_api_key(forum, args.username, Secret(key)))
        else:
            request = discourse_signin.handshake()
            if args.paste:
                _open(request.url(forum.origin, redirect=False), no_browser=args.no_browser)
                print("then paste the text the forum shows, and press Enter:", flush=True)
                user = asyncio.run(discourse_signin.with_pasted(forum, request, _pasted()))
            else:
                opener = lambda url: _open(url, no_browser=args.no_browser)  # noqa: E731
                user = asyncio.run(discourse_signin.with_browser(forum, request, opener))
    except ValueError as error:
        raise CommandError(f"cannot use {args.site_url}: {error}") from None
    except ConnectorError as error:
        raise CommandError(f"cannot sign in to the forum: {error}") from None
    except TimeoutError:
        raise CommandError(
            "nobody approved cmdesk within 10 minutes; run the command again (or with --paste)"
        ) from None
    added = run(database, discourse_signin.discourse_account(credentials, user, args.client))
    again = "signed in again to" if added.again else "added"
    print(f"{again} the Discourse forum {forum.title} as @{user.username} (account {added.account.id})")
    print("run `cmdesk sync` to fetch its notifications")
    return 0


def _pasted() -> str:
    """The forum's answer: Base64 over several lines, ended by an empty line or the end of input."""
    lines = []
    for line in sys.stdin:
        if not line.strip():
            break
        lines.append(line.strip())
    return "".join(lines)


__all__ = ["add_discourse", "register_add"]
