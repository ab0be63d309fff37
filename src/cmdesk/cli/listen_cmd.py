"""`cmdesk listen NAME [--client NAME] [--lang fr|en] [--only news,bing,reddit]`: listen to the web for a name —
news and Reddit search feeds added as the client's sources, and the name (and its hashtag) as its monitors."""

from __future__ import annotations

import argparse

from cmdesk.cli.context import CommandError, open_database
from cmdesk.domain.web_listening import web_feeds
from cmdesk.services import sources
from cmdesk.services.commands import run

KEYS = ("news", "bing", "reddit")


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    listen = commands.add_parser(
        "listen", parents=[common], help="listen to the web for a name: news and Reddit searches as sources"
    )
    listen.add_argument("name", help="the business, a product, a person")
    listen.add_argument("--client", metavar="NAME", help="the client they are for (made if new; default: the name)")
    listen.add_argument("--lang", choices=["fr", "en"], default="fr", help="the news searches' language")
    listen.add_argument("--only", metavar="KEYS", help=f"some of {','.join(KEYS)} (all by default)")
    listen.set_defaults(handler=run_listen)


def run_listen(args: argparse.Namespace) -> int:
    keys = [key.strip() for key in args.only.split(",")] if args.only else list(KEYS)
    unknown = [key for key in keys if key not in KEYS]
    if unknown:
        raise CommandError(f"unknown search {', '.join(unknown)}: choose among {', '.join(KEYS)}")
    try:
        web_feeds(args.name)
    except ValueError as error:
        raise CommandError(str(error)) from None
    added = run(open_database(args), sources.listen_for(args.client or args.name, args.name, keys, args.lang))
    for account in added:
        print(f"added source {account.id}: {account.name}")
    if not added:
        print("those searches were already sources")
    print(f"{args.client or args.name} also listens for {args.name!r} across all its sources; `cmdesk sync` to start")
    return 0
