"""Team mode on the command line: `cmdesk team join URL [--password-stdin]`, `cmdesk team status [--json]`,
`cmdesk team leave`, `cmdesk team sync`, and `cmdesk assign CONVERSATION (PERSON|--me|--nobody)`."""

from __future__ import annotations

import argparse
import getpass
import json
import sys

from cmdesk.cli import arguments
from cmdesk.cli.context import CommandError, credential_store, open_data_dir, open_database
from cmdesk.domain import Secret
from cmdesk.domain.team import TeamUrlError, parse_team_url
from cmdesk.services import team
from cmdesk.storage.team.server_schema import TeamUnreachable


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    group = commands.add_parser("team", parents=[common], help="share one inbox with teammates through PostgreSQL")
    actions = group.add_subparsers(dest="team_command", metavar="ACTION", required=True)

    join = actions.add_parser(
        "join", parents=[common], help="link this workspace to a team database (the first laptop copies it in)"
    )
    join.add_argument("url", metavar="URL", help="postgresql://USER@HOST[:PORT]/DB (no password in it)")
    join.add_argument("--password-stdin", action="store_true", help="read the database password from standard input")
    join.add_argument(
        "--laptop",
        default=team.default_laptop_name(),
        metavar="NAME",
        help="this laptop's name (default: its host name)",
    )
    join.add_argument(
        "--person",
        default=getpass.getuser(),
        metavar="NAME",
        help="who uses this laptop, as teammates assign to them (default: the login name)",
    )
    join.add_argument(
        "--replace-local",
        action="store_true",
        help="join even though this laptop has accounts the team has not (its workspace is replaced; a copy is kept)",
    )
    join.set_defaults(handler=join_team)

    status = actions.add_parser("status", parents=[common], help="the team database, this laptop, what waits")
    status.add_argument("--json", action="store_true", help="one JSON object")
    status.set_defaults(handler=team_status)

    leave = actions.add_parser("leave", parents=[common], help="back to a workspace of this laptop's own (kept)")
    leave.set_defaults(handler=leave_team)

    sync = actions.add_parser("sync", parents=[common], help="replay this laptop's changes and the team's now")
    sync.set_defaults(handler=sync_team)

    assign = commands.add_parser("assign", parents=[common], help="assign a conversation to a teammate")
    assign.add_argument("conversation", type=arguments.identifier, metavar="CONVERSATION")
    who = assign.add_mutually_exclusive_group(required=True)
    who.add_argument("person", nargs="?", metavar="PERSON", help="the teammate's name")
    who.add_argument("--me", action="store_true", help="to yourself")
    who.add_argument("--nobody", action="store_true", help="to nobody (unassign)")
    assign.set_defaults(handler=assign_conversation)


def _password(args: argparse.Namespace) -> Secret:
    if args.password_stdin:
        value = sys.stdin.readline().strip()
    elif sys.stdin.isatty():
        value = getpass.getpass("Team database password: ").strip()
    else:
        raise CommandError("give the team database's password on standard input with --password-stdin")
    if not value:
        raise CommandError("no password given")
    return Secret(value)


def join_team(args: argparse.Namespace) -> int:
    try:
        address = parse_team_url(args.url)
    except TeamUrlError as error:
        raise CommandError(str(error)) from None
    password = _password(args)
    database = open_database(args)
    joined = team.join(
        database,
        open_data_dir(args),
        address,
        password,
        credential_store(),
        laptop=args.laptop.strip(),
        person=args.person.strip(),
        replace_local=args.replace_local,
    )
    rows = sum(joined.copied.values())
    if joined.first:
        print(f"joined {address.url} as {args.person} on {args.laptop}: this workspace is the team's ({rows} rows)")
    else:
        print(f"joined {address.url} as {args.person} on {args.laptop}: filled this laptop's copy ({rows} rows)")
        if joined.kept_copy:
            print(f"the previous workspace is kept in {joined.kept_copy}")
    return 0


def team_status(args: argparse.Namespace) -> int:
    found = team.status(open_database(args), credential_store())
    if args.json:
        print(
            json.dumps(
                {
                    "server": found.server,
                    "laptop": found.laptop,
                    "person": found.person,
                    "reachable": found.reachable,
                    "problem": found.problem,
                    "leads": list(found.leads),
                    "waiting_operations": found.waiting,
                    "log_position": found.seq,
                    "team_log_position": found.team_seq,
                    "laptops": list(found.laptops),
                },
                ensure_ascii=False,
            )
        )
        return 0
    print(f"server:    {found.server} ({'reachable' if found.reachable else 'not reachable: ' + found.problem})")
    print(f"laptop:    {found.laptop} ({found.person})")
    print(f"leads:     {', '.join(found.leads) or 'no account'}")
    behind = f", the team's is at {found.team_seq}" if found.team_seq is not None else ""
    print(f"waiting:   {found.waiting} operation(s) to replay; log read up to {found.seq}{behind}")
    for laptop in found.laptops:
        print(f"teammate:  {laptop['person']} on {laptop['laptop']} (last seen {laptop['seen_at']})")
    return 0


def leave_team(args: argparse.Namespace) -> int:
    dropped = team.leave(open_database(args), credential_store())
    print("left the team: this workspace is this laptop's own again (everything synced so far is kept)")
    if dropped:
        print(f"{dropped} change(s) could not reach the team and stay on this laptop only")
    return 0


def say_replayed(outcome: team.Replayed) -> None:
    print(f"team: {outcome.pushed} change(s) sent, {outcome.applied_here} from teammates applied here")
    for conversation, why in outcome.refused:
        print(f"    conversation {conversation if conversation is not None else '(not here)'}: not applied: {why}")


def sync_team(args: argparse.Namespace) -> int:
    try:
        outcome = team.replay(open_database(args), credential_store())
    except TeamUnreachable as error:
        print(f"cmdesk: {error}; the changes made here wait and go when it can be reached", file=sys.stderr)
        return 1
    say_replayed(outcome)
    return 0


def assign_conversation(args: argparse.Namespace) -> int:
    database = open_database(args)
    current = team.current_link(database)
    if current is None:
        raise CommandError("assigning is for teams: join one first with `cmdesk team join URL`")
    person = current.person if args.me else "" if args.nobody else args.person.strip()
    if not args.me and not args.nobody and not person:
        raise CommandError("name a teammate, or use --me or --nobody")
    done = team.assign(database, credential_store(), args.conversation, person)
    if done.refused:
        print(f"cmdesk: conversation {done.conversation_id} not assigned: {done.refused}", file=sys.stderr)
        return 1
    whom = person or "nobody"
    if not done.checked:
        print(
            f"conversation {done.conversation_id} assigned to {whom} here; the team could not be reached: checked "
            "when it can be (`cmdesk team sync`)"
        )
        return 0
    print(f"conversation {done.conversation_id} assigned to {whom}")
    return 0
