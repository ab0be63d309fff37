"""`cmdesk sync [--account ID]`: one pass over the accounts with a line per account, then whatever in the outbox is
due is sent, a line per entry; exit 1 if any account or entry failed."""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
import sys
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from cmdesk import dataclass_code
from cmdesk.cli import arguments
from cmdesk.cli.context import connectors, credential_store, open_database
from cmdesk.connectors.feeds.connector import parser_pool
from cmdesk.connectors.http import make_client
from cmdesk.domain import Health
from cmdesk.storage import backups
from cmdesk.storage.database import Database
from cmdesk.storage.outbox import OutboxState
from cmdesk.sync import AccountFinished, AccountResult, SyncEngine, SyncEvent
from cmdesk.sync.engine import PULL_DEADLINE
from cmdesk.sync.results import SendResult

if TYPE_CHECKING:
    from cmdesk.services.team import TeamLeadership

PROBLEMS_SHOWN = 5


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    sync = commands.add_parser(
        "sync", parents=[common], help="fetch what is new on every account and send what is due (one pass)"
    )
    sync.add_argument(
        "--account", type=arguments.identifier, action="append", metavar="ID", help="only this account (repeatable)"
    )
    sync.add_argument(
        "--attempts", type=arguments.attempts, default=2, help="tries per account on network errors (default 2)"
    )
    sync.add_argument(
        "--deadline",
        type=arguments.seconds,
        default=PULL_DEADLINE,
        metavar="SECONDS",
        help=f"give up on a source whose page takes longer than this (default {PULL_DEADLINE:.0f})",
    )
    sync.set_defaults(handler=run_sync)


def describe(result: AccountResult) -> str:
    head = f"[{result.account_id}] {result.name}"
    seconds = f"{result.seconds:.1f} s"
    if result.health is Health.OK:
        if result.reason:
            return f"{head}: {result.reason}"
        if result.not_modified and not result.ingested.inserted:
            return f"{head}: not modified ({seconds})"
        done = result.ingested
        return f"{head}: {done.inserted} new, {done.updated} updated ({seconds})"
    if result.health is Health.RATE_LIMITED and result.retry_at:
        return f"{head}: FAILED: {result.reason} (retry after {result.retry_at.astimezone():%H:%M:%S})"
    return f"{head}: FAILED: {result.reason}"


def _print_progress(event: SyncEvent) -> None:
    if not isinstance(event, AccountFinished):
        return
    result = event.result
    print(describe(result), flush=True)
    for problem in result.problems[:PROBLEMS_SHOWN]:
        print(f"    warning: {problem.where}: {problem.detail}", flush=True)
    if len(result.problems) > PROBLEMS_SHOWN:
        print(f"    … and {len(result.problems) - PROBLEMS_SHOWN} more warnings", flush=True)


def describe_sent(result: SendResult) -> str:
    head = f"[outbox {result.entry_id}] {result.action} (account {result.account_id})"
    if result.state is OutboxState.SENT:
        return f"{head}: sent ({result.remote_id})"
    if result.state is OutboxState.SCHEDULED and result.remote_id:
        return f"{head}: waits on the network's own scheduler ({result.remote_id}): it goes out then, cmdesk closed"
    if result.state is OutboxState.SCHEDULED and result.retry_at:
        return f"{head}: waiting: {result.reason} (next try {result.retry_at.astimezone():%H:%M:%S})"
    return f"{head}: {result.state.value.upper()}: {result.reason}"


async def sync_pass(
    database: Database, account_ids: list[int] | None, attempts: int, deadline: float = PULL_DEADLINE
) -> tuple[list[AccountResult], list[SendResult]]:
    leadership = team_leadership(database)
    async with make_client() as client:
        engine = SyncEngine(
            database,
            client,
            connectors(database),
            credential_store(),
            backoff_base=1.0,
            backoff_cap=8.0,
            pull_deadline=deadline,
            leadership=leadership,
            judging=parser_pool(),
            small_pages_judged_here=True,
        )
        engine.subscribe(_print_progress)
        dataclass_code.release()  # the pass's modules are imported: the code read goes before the pages come
        try:
            results, sent = await engine.sync_and_send(account_ids, attempts=max(1, attempts))
            for entry in sent:
                if account_ids is None or entry.account_id in account_ids:
                    print(describe_sent(entry), flush=True)
            return results, sent
        finally:
            await engine.aclose()
            if leadership is not None:
                leadership.close()


def team_leadership(database: Database) -> TeamLeadership | None:
    """In a team, the leases that say which accounts this laptop pulls (the others come through the team)."""
    if not in_a_team(database):
        return None
    from cmdesk.services import team

    return team.TeamLeadership(database, credential_store())


def in_a_team(database: Database) -> bool:
    """Whether this laptop is in a team, read alone: the team's modules (its server's too, ~10 ms) are imported only
    when it is."""
    from cmdesk.storage.team import link

    return link.current(database) is not None


async def send_outbox(database: Database) -> list[SendResult]:
    """Everything due in the outbox, sent (what a dead process left "sending" is checked first)."""
    async with make_client() as client:
        engine = SyncEngine(
            database, client, connectors(database), credential_store(), backoff_base=1.0, backoff_cap=8.0
        )
        try:
            return await engine.outbox.send_due()
        finally:
            await engine.aclose()


def say_daily_copy(copy: Future[Path | None]) -> None:
    """What became of the day's copy of the database (storage/backups.py `make_if_due`); a copy that cannot be made
    is said, not fatal."""
    try:
        made = copy.result()
    except (OSError, sqlite3.Error) as error:
        print(f"cmdesk: could not keep today's copy of the database: {error}", file=sys.stderr)
        return
    if made is not None:
        print(f"kept today's copy of the database: {made}")


def replay_team(database: Database) -> None:
    """In a team, this laptop's changes go to the team database and the teammates' come back (cli/team_cmd.py)."""
    if not in_a_team(database):
        return
    from cmdesk.cli import team_cmd
    from cmdesk.cli.context import credential_store
    from cmdesk.services import team
    from cmdesk.storage.team.server_schema import TeamDatabaseError

    try:
        team_cmd.say_replayed(team.replay(database, credential_store()))
    except TeamDatabaseError as error:
        print(f"team: {error} (the changes made here wait for it)", file=sys.stderr)


def run_sync(args: argparse.Namespace) -> int:
    database = open_database(args)
    # The day's copy is taken beside the pass, as the window does (app/main.py): of the database as the pass begins
    # (a read snapshot: the pass writes on), on a thread of its own, instead of after the pass, where copying and
    # checking a 144 MB file added about half a second to the command's time.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="daily-copy") as copying:
        copy = copying.submit(backups.make_if_due, database.path)
        results, sent = asyncio.run(sync_pass(database, args.account, args.attempts, args.deadline))
    say_daily_copy(copy)
    replay_team(database)
    if not results and not sent:
        print("no accounts to sync: add a feed with `cmdesk account add feed URL`")
        return 0
    failed = [r for r in results if not r.ok]
    unsent = [s for s in sent if s.state in (OutboxState.FAILED, OutboxState.NEEDS_CHECK)]
    if failed:
        print(f"{len(failed)} of {len(results)} account(s) failed", file=sys.stderr)
    if unsent:
        print(f"{len(unsent)} outgoing message(s) could not be sent (see `cmdesk outbox`)", file=sys.stderr)
    return 1 if failed or unsent else 0
