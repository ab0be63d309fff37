"""`cmdesk account add wordpress SITE_URL [--client NAME] [--username USER] [--password-stdin]`: sign in to a
self-hosted WordPress site (≥ 5.6) with an application password made for cmdesk (the user's profile in wp-admin →
Application Passwords, or the authorization page this command names). The site is found from any of its addresses;
https only (plain http on loopback). When the client already reads the blog's feed, that source becomes the WordPress
account in place, its conversations kept."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import sys

from cmdesk.cli import arguments
from cmdesk.cli.context import CommandError, credential_store, open_database, require_client
from cmdesk.connectors.base import ConnectorError
from cmdesk.domain import Secret
from cmdesk.services import wordpress_signin
from cmdesk.services.commands import run


def register_add(kinds: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    site = kinds.add_parser(
        "wordpress", parents=[common], help="a WordPress site: its comments, answered and moderated"
    )
    site.add_argument("site_url", metavar="SITE_URL", help="the site's address (its home, or any of its pages)")
    site.add_argument(
        "--client", type=arguments.name, help="the client it belongs to (default: the only client, or 'Default')"
    )
    site.add_argument("--username", help="your login (or e-mail) on the site")
    site.add_argument("--password-stdin", action="store_true", help="read the application password from standard input")
    site.set_defaults(handler=add_wordpress)


def add_wordpress(args: argparse.Namespace) -> int:
    database = open_database(args)
    credentials = credential_store()
    credentials.probe()
    require_client(database, args.client)
    try:
        site = asyncio.run(wordpress_signin.find_site(args.site_url))
    except ConnectorError as error:
        raise CommandError(f"cannot use {args.site_url}: {error}") from None
    page = wordpress_signin.authorize_page(site)
    login = (args.username or "").strip()
    if not login and sys.stdin.isatty() and not args.password_stdin:
        login = input("Login on the site: ").strip()
    if not login:
        raise CommandError("give your login on the site with --username")
    if args.password_stdin:
        password = sys.stdin.readline().strip()
    elif sys.stdin.isatty():
        if page:
            print(f"make an application password for cmdesk at {page}")
        password = getpass.getpass("Application password: ").strip()
    else:
        raise CommandError("give the application password on standard input with --password-stdin")
    if not password:
        raise CommandError("no application password given" + (f" (make one at {page})" if page else ""))
    try:
        user = asyncio.run(wordpress_signin.sign_in(site, login, Secret(password)))
    except ConnectorError as error:
        raise CommandError(f"cannot sign in to {site.home}: {error}") from None
    added = run(database, wordpress_signin.wordpress_account(credentials, user, args.client))
    account = added.account
    if added.upgraded:
        print(f"the feed source {account.id} of {site.name} is now its WordPress account, signed in as {user.login}; "
              "its conversations are kept")  # fmt: skip
    else:
        again = "signed in again to" if added.again else "added"
        print(f"{again} the WordPress site {site.name} (account {account.id}) at {site.home} as {user.login}")
    if not user.moderates:
        print("comments held for moderation: not visible to this user (they cannot moderate comments on the site)")
    print("run `cmdesk sync` to fetch its comments")
    return 0


__all__ = ["add_wordpress", "register_add"]
