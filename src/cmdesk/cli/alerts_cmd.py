"""`cmdesk alerts [--client NAME] [--json]`: the bad-buzz alerts, newest first (a spike of a client's messages, or
of its negative ones, against its usual traffic); `--acknowledge ID` marks one seen to."""

from __future__ import annotations

import argparse

from cmdesk.cli import arguments
from cmdesk.cli.context import client_named, open_database
from cmdesk.cli.output import clip, iso, json_lines, local_time, table
from cmdesk.services import listening
from cmdesk.services.commands import run
from cmdesk.storage import alerts


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    command = commands.add_parser("alerts", parents=[common], help="bad-buzz alerts, newest first")
    command.add_argument("--client", metavar="NAME", help="only this client's alerts")
    command.add_argument("--json", action="store_true", help="one JSON object per line")
    command.add_argument(
        "--acknowledge", type=arguments.identifier, metavar="ID", help="mark alert ID as seen to (it stays listed)"
    )
    command.set_defaults(handler=show_alerts)


def show_alerts(args: argparse.Namespace) -> int:
    database = open_database(args)
    if args.acknowledge:
        run(database, listening.acknowledge_alert(args.acknowledge))
        print(f"alert {args.acknowledge} acknowledged")
        return 0
    with database.read() as connection:
        chosen = [client_named(connection, args.client).id] if args.client else None
        found = alerts.listing(connection, chosen)
    if args.json:
        json_lines(
            {
                "id": alert.id,
                "client": alert.client,
                "kind": alert.kind,
                "started_at": iso(alert.started_at),
                "ended_at": iso(alert.ended_at),
                "messages": alert.messages,
                "baseline": alert.baseline,
                "explanation": alert.explanation,
                "terms": list(alert.terms),
                "acknowledged": alert.acknowledged_at is not None,
            }
            for alert in found
        )
        return 0
    if not found:
        print("no alerts: nothing out of the ordinary in your clients' last two hours")
        return 0
    table(
        ("ID", "WHEN", "CLIENT", "KIND", "SEEN", "WHAT"),
        [
            (
                alert.id,
                local_time(alert.created_at),
                clip(alert.client, 24),
                alert.kind,
                "yes" if alert.acknowledged_at else "",
                alert.explanation,
            )
            for alert in found
        ],
    )
    return 0
