"""`cmdesk reply CONVERSATION TEXT`, `cmdesk outbox [--json]`, `cmdesk outbox retry|cancel ID`, `cmdesk outbox send`:
the outbox from the command line. A queued reply is sent by the next `cmdesk sync` (or at once with `--send`)."""

from __future__ import annotations

import argparse
import asyncio

from cmdesk.cli import arguments
from cmdesk.cli.context import CommandError, open_database
from cmdesk.cli.output import clip, iso, json_lines, local_time, table
from cmdesk.cli.sync_cmd import describe_sent, send_outbox, sync_pass
from cmdesk.services import outbox_actions, replies
from cmdesk.services.commands import run
from cmdesk.storage import outbox, queries, workspace
from cmdesk.storage.outbox import OutboxState


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    reply = commands.add_parser("reply", parents=[common], help="answer a conversation (queued in the outbox)")
    reply.add_argument("conversation", type=arguments.identifier, help="the conversation's id (see `cmdesk inbox`)")
    reply.add_argument("text")
    reply.add_argument("--content-warning", default="", metavar="TEXT", help="a content warning (Mastodon)")
    reply.add_argument("--send", action="store_true", help="send it now instead of at the next sync")
    reply.add_argument(
        "--private",
        action="store_true",
        help="answer the latest comment in a private message to its author (Facebook's private reply)",
    )
    reply.set_defaults(handler=run_reply)
    box = commands.add_parser("outbox", parents=[common], help="what is waiting to go out, sent, or failed")
    box.add_argument("--json", action="store_true", help="one JSON object per line")
    box.set_defaults(handler=list_outbox)
    actions = box.add_subparsers(dest="action", metavar="ACTION")
    retry = actions.add_parser("retry", parents=[common], help="send a failed entry again (same idempotency key)")
    retry.add_argument("id", type=arguments.identifier)
    retry.set_defaults(handler=retry_entry)
    send = actions.add_parser("send", parents=[common], help="send what is due now, without syncing")
    send.set_defaults(handler=send_due)
    cancel = actions.add_parser("cancel", parents=[common], help="do not send an entry")
    cancel.add_argument("id", type=arguments.identifier)
    cancel.set_defaults(handler=cancel_entry)


def run_reply(args: argparse.Namespace) -> int:
    database = open_database(args)
    with database.read() as connection:
        found = queries.conversations_by_ids(connection, [args.conversation])
        if not found:
            raise CommandError(f"no conversation {args.conversation} (see `cmdesk inbox`)")
        account = workspace.get_account(connection, found[0].account_id)
    reason = replies.refusal(account)
    if reason:
        raise CommandError(f"{account.name} cannot be answered from cmdesk: {reason}")
    entry = run(database, replies.queue_reply(args.conversation, args.text, args.content_warning, private=args.private))
    print(f"queued reply {entry.id} to conversation {args.conversation} via {account.name}")
    if not args.send:
        print("it goes out with the next `cmdesk sync`")
        return 0
    _results, sent = asyncio.run(sync_pass(database, [account.id], attempts=1))
    mine = [s for s in sent if s.entry_id == entry.id]
    return 0 if mine and mine[0].state is OutboxState.SENT else 1


def send_due(args: argparse.Namespace) -> int:
    """Exit 0 when everything due went out (or nothing was due), 1 when something is still waiting or failed."""
    results = asyncio.run(send_outbox(open_database(args)))
    for result in results:
        print(describe_sent(result), flush=True)
    if not results:
        print("nothing to send")
    return 0 if all(r.state is OutboxState.SENT for r in results) else 1


def list_outbox(args: argparse.Namespace) -> int:
    database = open_database(args)
    with database.read() as connection:
        entries = outbox.listing(connection)
        names = {a.id: a.name for a in workspace.list_accounts(connection)}
    if args.json:
        json_lines(
            {
                "id": e.id,
                "account": e.account_id,
                "account_name": names.get(e.account_id, ""),
                "conversation": e.conversation_id,
                "action": e.action,
                "state": e.state.value,
                "scheduled_at": iso(e.scheduled_at),
                "attempts": e.attempts,
                "error": e.last_error,
                "remote_id": e.remote_id,
                "waits_on": "network" if e.on_network_scheduler else "cmdesk",
                "network_schedule": e.network_schedule,
                "text": e.text,
                "created_at": iso(e.created_at),
            }
            for e in entries
        )
        return 0
    if not entries:
        print("the outbox is empty")
        return 0
    table(
        ["ID", "ACCOUNT", "ACTION", "STATE", "WHEN", "TEXT / REASON"],
        [
            [
                e.id,
                clip(names.get(e.account_id, str(e.account_id)), 24),
                e.action,
                f"{e.state.value} (network)" if e.on_network_scheduler else e.state.value,
                local_time(e.scheduled_at),
                clip(
                    e.last_error if e.state is not OutboxState.SENT and e.last_error else e.text,
                    60,
                ),
            ]
            for e in entries
        ],
    )
    return 0


def retry_entry(args: argparse.Namespace) -> int:
    entry = run(open_database(args), outbox_actions.retry(args.id))
    print(f"outbox entry {entry.id} will be sent again with the next `cmdesk sync`")
    return 0


def cancel_entry(args: argparse.Namespace) -> int:
    entry = run(open_database(args), outbox_actions.cancel(args.id))
    print(f"outbox entry {entry.id} cancelled; it will not be sent")
    return 0
