"""`cmdesk post TEXT --account ID [--account ID…] [--at ISO-8601 | --next-slot] [--repeat weekly]`: a publication
queued in the outbox, one entry per account. Without a time it is also sent before the command ends: exit 0 once
it is out everywhere, 1 with the reason per account otherwise (what could not go out yet stays queued for the next
`cmdesk sync`)."""

from __future__ import annotations

import argparse
import asyncio
import mimetypes
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

from cmdesk.cli import arguments
from cmdesk.cli.context import CommandError, connectors, credential_store, open_data_dir, open_database
from cmdesk.cli.sync_cmd import describe_sent
from cmdesk.connectors import registry
from cmdesk.connectors.http import make_client
from cmdesk.domain import Capabilities
from cmdesk.domain.counting import count_for
from cmdesk.domain.media import media_problem
from cmdesk.services.commands import run
from cmdesk.services.publishing import Publication, keep_images, queue_post
from cmdesk.storage import outbox, workspace
from cmdesk.storage.database import Database
from cmdesk.storage.outbox import OutboxEntry, OutboxState
from cmdesk.storage.timeutil import utcnow
from cmdesk.sync import SyncEngine
from cmdesk.sync.results import SendResult

PAST_TOLERANCE = timedelta(minutes=1)


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    post = commands.add_parser("post", parents=[common], help="publish (or schedule) a post on one or more accounts")
    post.add_argument("text")
    post.add_argument(
        "--account",
        type=arguments.identifier,
        action="append",
        required=True,
        metavar="ID",
        help="an account (repeatable)",
    )
    post.add_argument(
        "--at",
        metavar="ISO-8601",
        help="when to publish (e.g. 2026-12-01T09:30; local time if no zone)",
    )
    post.add_argument(
        "--next-slot", action="store_true", help="at the client's next free posting slot (see `cmdesk client slots`)"
    )
    post.add_argument("--repeat", choices=("weekly",), help="publish again every week at the same time")
    post.add_argument("--content-warning", default="", metavar="TEXT", help="a content warning (Mastodon)")
    post.add_argument("--image", action="append", default=[], metavar="PATH", help="attach an image (repeatable)")
    post.add_argument(
        "--alt", action="append", default=[], metavar="TEXT", help="the description of each --image, in order"
    )
    post.add_argument(
        "--missed",
        choices=outbox.MISSED_POLICIES,
        help="if cmdesk is not running at that time: send when it is, ask, or skip (default: the client's choice)",
    )
    post.set_defaults(handler=run_post)


def check_image(path: Path, description: str, count: int, capabilities: Capabilities) -> None:
    """Refuse what the network would refuse (the tightest of the chosen accounts'), before anything is queued."""
    if count > capabilities.max_media:
        raise CommandError(f"at most {capabilities.max_media} images per post")
    try:
        size = path.stat().st_size
    except OSError:
        raise CommandError(f"no image at {path}") from None
    problem = media_problem(capabilities, mimetypes.guess_type(path.name)[0] or "", size, description)
    if problem:
        raise CommandError(f"{path.name}: {problem}")


def run_post(args: argparse.Namespace) -> int:
    database = open_database(args)
    if args.at and args.next_slot:
        raise CommandError("--at or --next-slot, not both")
    try:
        at = arguments.moment(args.at) if args.at is not None else None
    except argparse.ArgumentTypeError as error:
        raise CommandError(f"--at: {error}") from None
    if at is not None and at < utcnow() - PAST_TOLERANCE:
        raise CommandError(f"{at.isoformat(timespec='minutes')} has passed; leave out --at to publish now")
    if args.repeat and not (at or args.next_slot):
        raise CommandError("--repeat needs a time: --at or --next-slot")
    with database.read() as connection:
        accounts = []
        for account_id in dict.fromkeys(args.account):
            try:
                accounts.append(workspace.get_account(connection, account_id))
            except workspace.WorkspaceError:
                raise CommandError(f"no account {account_id} (see `cmdesk account list`)") from None
        for account in accounts:
            capabilities = registry.capabilities(account.network)
            if account.is_demo or not capabilities.can_publish:
                raise CommandError(f"{account.name} cannot publish posts ({account.network})")
            counted = count_for(account, capabilities, args.text, args.content_warning)
            if counted.over:
                raise CommandError(
                    f"too long for {account.name}: {counted.used} characters as {account.network} counts them, "
                    f"at most {counted.limit}"
                )
        media = [
            {"path": str(Path(path).expanduser()), "description": alt}
            for path, alt in zip(args.image, [*args.alt, *[""] * len(args.image)], strict=False)
        ]
        tightest = min((registry.capabilities(a.network) for a in accounts), key=lambda c: c.max_media, default=None)
        for medium in media:
            check_image(Path(medium["path"]), medium["description"], len(media), tightest or Capabilities())
    publication = Publication(
        account_ids=[a.id for a in accounts],
        text=args.text,
        at=at,
        next_slot=args.next_slot,
        content_warning=args.content_warning,
        missed=args.missed,
        repeat_weekly=bool(args.repeat),
        media=media,
    )
    entries = run(database, queue_post(keep_images(open_data_dir(args), publication)))
    if args.next_slot:
        at = entries[0].scheduled_at
    names = {a.id: a.name for a in accounts}
    for entry in entries:
        when = f"for {at.astimezone():%Y-%m-%d %H:%M}" if at else "to send now"
        when += ", then every week" if args.repeat else ""
        print(f"queued post {entry.id} on {names[entry.account_id]} {when}")
    if at is not None:
        hosts = {a.id: urlsplit(a.address).hostname or a.name for a in accounts}
        handed = asyncio.run(hand_over_now(database, entries))
        for entry in entries:
            result = handed.get(entry.id)
            if result is not None and result.state is OutboxState.SCHEDULED and result.remote_id:
                print(
                    f"post {entry.id} waits on {hosts[entry.account_id]}'s scheduler: it goes out then, cmdesk closed"
                )
            elif result is not None:
                print(f"post {entry.id} stays in cmdesk: {result.reason or result.state.value}")
            else:
                print(
                    f"post {entry.id} goes out at that time while cmdesk runs (the app, or `cmdesk sync` from a timer)"
                )
        failed = [r for r in handed.values() if r.state is OutboxState.FAILED]
        return 1 if failed else 0
    results = asyncio.run(send_now(database, entries))
    for result in results:
        print(describe_sent(result), flush=True)
    failed = [r for r in results if r.state is not OutboxState.SENT]
    for result in failed:
        still = (
            " (still queued: it goes out with the next `cmdesk sync`)" if result.state is OutboxState.SCHEDULED else ""
        )
        print(f"not sent on {names[result.account_id]}: {result.reason}{still}")
    return 1 if failed else 0


async def hand_over_now(database: Database, entries: list[OutboxEntry]) -> dict[int, SendResult]:
    """The new entries a network can keep on its own scheduler, handed over now; their results by entry id."""
    wanted = {entry.id for entry in entries}
    async with make_client() as client:
        engine = SyncEngine(database, client, connectors(database), credential_store())
        try:
            return {
                entry.id: await engine.outbox.hand_over(entry)
                for entry in await engine.outbox.to_hand_over()
                if entry.id in wanted
            }
        finally:
            await engine.aclose()


async def send_now(database: Database, entries: list[OutboxEntry]) -> list[SendResult]:
    async with make_client() as client:
        engine = SyncEngine(database, client, connectors(database), credential_store())
        try:
            return [await engine.outbox.send(entry) for entry in entries]
        finally:
            await engine.aclose()
