"""Reading commands: `cmdesk inbox`, `cmdesk search QUERY`, `cmdesk export --format jsonl|csv`."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from contextlib import AbstractContextManager, ExitStack
from dataclasses import replace
from typing import TextIO

from sqlalchemy import Connection

from cmdesk.cli import arguments
from cmdesk.cli.context import CommandError, credential_store, open_database
from cmdesk.cli.output import clip, iso, json_lines, local_time, spreadsheet_safe, table
from cmdesk.domain import Kind, Status
from cmdesk.services import team
from cmdesk.storage import fts, queries, workspace
from cmdesk.storage.database import Database
from cmdesk.storage.team import server_search


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    inbox = commands.add_parser("inbox", parents=[common], help="conversations, newest activity first")
    inbox.add_argument("--limit", type=arguments.limit, default=30, metavar="N")
    inbox.add_argument("--client", metavar="NAME")
    inbox.add_argument("--account", type=arguments.identifier, metavar="ID")
    inbox.add_argument("--kind", choices=[k.value for k in Kind])
    inbox.add_argument("--status", choices=[s.value for s in Status])
    inbox.add_argument(
        "--sentiment",
        choices=["negative", "neutral", "positive"],
        help="only conversations where what waits is of this sentiment (negative: a message since your last answer)",
    )
    inbox.add_argument(
        "--overdue",
        action="store_true",
        help="only open conversations waiting for an answer past their client's first-response target",
    )
    inbox.add_argument(
        "--assigned",
        metavar="me|nobody|PERSON",
        help="only conversations assigned to you, to nobody, or to this teammate (team mode)",
    )
    inbox.add_argument("--json", action="store_true", help="one JSON object per line")
    inbox.add_argument("--from-team", action="store_true", help=FROM_TEAM)
    inbox.set_defaults(handler=show_inbox)

    search = commands.add_parser("search", parents=[common], help="full-text search over everything synced")
    search.add_argument("query", nargs="+")
    search.add_argument("--limit", type=arguments.limit, default=20, metavar="N")
    search.add_argument(
        "--all", action="store_true", help=f"rank every match, not only the {fts.RANK_WINDOW:,} most recent (slower)"
    )
    search.add_argument("--json", action="store_true", help="one JSON object per line")
    search.add_argument("--from-team", action="store_true", help=FROM_TEAM)
    search.set_defaults(handler=run_search)

    export = commands.add_parser("export", parents=[common], help="every message as JSON lines or CSV")
    export.add_argument("--format", choices=["jsonl", "csv"], required=True)
    export.add_argument("--out", metavar="FILE", help="write to FILE instead of standard output")
    export.set_defaults(handler=run_export)


FROM_TEAM = "read the team database itself rather than this laptop's copy (team mode; needs the network)"


def _reading(database: Database, args: argparse.Namespace) -> AbstractContextManager[Connection]:
    """The laptop's copy, or with --from-team the team database (same reads: storage/rawsql.py)."""
    if args.from_team:
        return team.reading(database, credential_store())
    return database.read()


SENTIMENT_MARKS = {"negative": "-", "positive": "+"}
"""The inbox table's mark after the unread star: what waits is negative (-) or positive (+)."""


def _assignees(database: Database, assigned: str | None) -> tuple[str, ...]:
    """`--assigned me|nobody|PERSON` as the view's assignees; `me` is this laptop's person in its team."""
    if assigned is None:
        return ()
    if assigned == "nobody":
        return ("",)
    if assigned == "me":
        current = team.current_link(database)
        if current is None:
            raise CommandError("--assigned me: this workspace belongs to no team (`cmdesk team join URL`)")
        return (current.person,)
    return (assigned,)


def show_inbox(args: argparse.Namespace) -> int:
    if args.limit <= 0:
        raise CommandError("--limit must be positive")
    database = open_database(args)
    with _reading(database, args) as connection:
        client_ids: tuple[int, ...] = ()
        if args.client:
            client = workspace.find_client(connection, args.client)
            if client is None:
                raise CommandError(f"no client named {args.client!r}")
            client_ids = (client.id,)
        if args.account:
            workspace.get_account(connection, args.account)  # WorkspaceError: "no account with id N (see …)"
        view = queries.ConversationFilter(
            client_ids=client_ids,
            account_ids=(args.account,) if args.account else (),
            kinds=(args.kind,) if args.kind else (),
            statuses=(args.status,) if args.status else (),
            sentiments=(args.sentiment,) if args.sentiment else (),
            overdue=args.overdue,
            assignees=_assignees(database, args.assigned),
        )
        if args.overdue and not args.status:
            view = replace(view, statuses=("open",))
        rows = queries.conversation_page(connection, view, limit=args.limit)
        total = queries.count(connection, view)
    if args.json:
        json_lines(
            {
                "id": r.id,
                "account_id": r.account_id,
                "account": r.account_name,
                "network": r.network,
                "kind": r.kind,
                "status": r.status,
                "unread": r.unread,
                "title": r.title,
                "snippet": r.snippet,
                "author": r.last_author,
                "messages": r.message_count,
                "last_activity_at": iso(r.last_activity_at),
                "url": r.url,
                "labels": list(r.labels),
                "sentiment": r.sentiment,
                "monitor": r.monitor,
                "due_at": iso(r.due_at) if r.due_at else None,
                "assignee": r.assignee,
            }
            for r in rows
        )
        return 0
    if not rows:
        print("nothing here yet: add a source with `cmdesk account add feed URL`, then `cmdesk sync`")
        return 0
    table(
        ["ID", "WHEN", "", "KIND", "ACCOUNT", "FROM", "SUBJECT"],
        [
            [
                r.id,
                local_time(r.last_activity_at),
                ("*" if r.unread else " ") + SENTIMENT_MARKS.get(r.sentiment, " "),
                r.kind,
                clip(r.account_name, 20),
                clip(r.last_author, 18),
                clip(r.title or r.snippet, 60) + (f" ({r.message_count})" if r.message_count > 1 else ""),
            ]
            for r in rows
        ],
    )
    if total > len(rows):
        print(f"… {total - len(rows)} more (use --limit)")
    return 0


def run_search(args: argparse.Namespace) -> int:
    query = " ".join(args.query)
    with _reading(open_database(args), args) as connection:
        bold = sys.stdout.isatty() and not args.json
        hits = (server_search.search if args.from_team else fts.search)(
            connection,
            query,
            limit=args.limit,
            mark=("\x1b[1m", "\x1b[0m") if bold else ("[", "]"),
            window=None if args.all else fts.RANK_WINDOW,
        )
    if args.json:
        json_lines(
            {
                "message_id": h.message_id,
                "conversation_id": h.conversation_id,
                "account_id": h.account_id,
                "author": h.author,
                "title": h.title,
                "snippet": h.snippet,
                "created_at": iso(h.created_at),
                "url": h.url,
                "rank": h.rank,
            }
            for h in hits
        )
        return 0
    if not hits:
        print(f"no message matches {query!r}")
        return 0
    for hit in hits:
        head = " · ".join(part for part in (local_time(hit.created_at), hit.author, hit.title) if part)
        print(f"#{hit.conversation_id}  {head}")
        print(f"    {' '.join(hit.snippet.split())}")
        if hit.url:
            print(f"    {hit.url}")
    return 0


def _write_export(args: argparse.Namespace, out: TextIO) -> int:
    database = open_database(args)
    written = 0
    with database.read() as connection:
        rows = queries.export_rows(connection)
        if args.format == "csv":
            writer = csv.writer(out)
            writer.writerow(queries.EXPORT_FIELDS)
            for row in rows:
                writer.writerow(
                    [
                        spreadsheet_safe(getattr(row, name)) if name != "created_at" else iso(row.created_at)
                        for name in queries.EXPORT_FIELDS
                    ]
                )
                written += 1
        else:
            for row in rows:
                record = {name: getattr(row, name) for name in queries.EXPORT_FIELDS}
                record["created_at"] = iso(row.created_at)
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                written += 1
    return written


def run_export(args: argparse.Namespace) -> int:
    try:
        with ExitStack() as stack:
            out: TextIO
            if args.out:
                out = stack.enter_context(open(args.out, "w", encoding="utf-8", newline=""))
            else:
                out = sys.stdout
            written = _write_export(args, out)
    except OSError as error:
        where = args.out or "standard output"
        raise CommandError(f"cannot write {where}: {error.strerror or error}") from None
    if args.out:
        print(f"exported {written} message(s) to {args.out}")
    return 0
