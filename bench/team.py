"""Team mode's replay against a real PostgreSQL (Debian's, started here): two laptops sharing a workspace of N
conversations; both go offline, Anna makes 1,000 changes (statuses, snoozes, labels, assignments, notes) and Bruno
200 on the same conversations; then both come back and replay. Prints the join and fill times, each replay's time
and what it pushed and applied, and checks the two copies agree on every shared field.

    python bench/team.py [--conversations 5000] [--operations 1000]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import common  # noqa: F401  (first: it puts src/ and the project root on sys.path)

from cmdesk.domain import Kind, Status
from cmdesk.services import notes as notes_service
from cmdesk.services import team, triage
from cmdesk.services.commands import run
from cmdesk.storage import ingest
from cmdesk.storage.triage import list_labels
from tests.support.factories import T0, item, make_account
from tests.support.postgres_server import running_postgres
from tests.support.team_laptops import Laptop


def _ids(laptop: Laptop) -> list[int]:
    with laptop.database.read() as connection:
        return [row[0] for row in connection.exec_driver_sql("SELECT id FROM conversations ORDER BY remote_id")]


def _state(laptop: Laptop) -> list[tuple[object, ...]]:
    with laptop.database.read() as connection:
        return list(
            connection.exec_driver_sql(
                "SELECT c.remote_id, c.status, c.snoozed_until, c.assignee, c.management_note, "
                "(SELECT group_concat(l.name) FROM conversation_labels AS cl JOIN labels AS l ON l.id = cl.label_id "
                "WHERE cl.conversation_id = c.id), (SELECT count(*) FROM conversation_notes AS n "
                "WHERE n.conversation_id = c.id) FROM conversations AS c ORDER BY c.remote_id"
            )
        )


def _offline_changes(laptop: Laptop, count: int, rng: random.Random) -> None:
    ids = _ids(laptop)
    with laptop.database.read() as connection:
        labels = [label.id for label in list_labels(connection)]
    for n in range(count):
        target = [rng.choice(ids)]
        kind = n % 5
        if kind == 0:
            run(laptop.database, triage.set_status(target, rng.choice([Status.DONE, Status.PENDING, Status.OPEN])))
        elif kind == 1:
            run(laptop.database, triage.set_status(target, Status.SNOOZED, T0 + timedelta(days=rng.randint(1, 9))))
        elif kind == 2:
            run(laptop.database, triage.set_label(target, rng.choice(labels), rng.random() < 0.7))
        elif kind == 3:
            with laptop.database.write() as connection:
                team.pending.assign(connection, target[0], rng.choice(["Anna", "Bruno", ""]))
        else:
            run(laptop.database, notes_service.add_note(target[0], f"note {n} from {laptop.person}"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--conversations", type=int, default=5000)
    parser.add_argument("--operations", type=int, default=1000)
    args = parser.parse_args()
    rng = random.Random(20261202)
    with tempfile.TemporaryDirectory(prefix="cmdesk-bench-team-") as folder, running_postgres() as postgres:
        root = Path(folder)
        shared = postgres.database()
        anna = Laptop(root / "anna", "anna-laptop", "Anna")
        account = make_account(anna.database)
        with anna.database.write() as connection:
            items = [item(n, kind=Kind.COMMENT) for n in range(args.conversations)]
            ingest.ingest_items(connection, account.id, items, judge_inline=False)
            for name in ("Urgent", "Devis", "Presse"):
                triage.create_label(name, "#d32f2f")(connection)
        started = time.perf_counter()
        anna.join(shared)
        joined = time.perf_counter() - started
        bruno = Laptop(root / "bruno", "bruno-laptop", "Bruno")
        started = time.perf_counter()
        bruno.join(shared)
        filled = time.perf_counter() - started
        print(f"{args.conversations:,} conversations: first join (copy in) {joined:.2f} s, next (fill) {filled:.2f} s")

        _offline_changes(anna, args.operations, rng)
        _offline_changes(bruno, args.operations // 5, rng)
        started = time.perf_counter()
        bruno_first = bruno.replay()
        anna_back = anna.replay()
        bruno_again = bruno.replay()
        total = time.perf_counter() - started
        print(
            f"replay after {args.operations:,} + {args.operations // 5:,} offline changes: {total:.2f} s in all "
            f"(Bruno pushed {bruno_first.pushed}; Anna pushed {anna_back.pushed}, applied {anna_back.applied_here}, "
            f"{len(anna_back.refused)} lost to a later change or a taken assignment; Bruno applied "
            f"{bruno_again.applied_here})"
        )
        same = _state(anna) == _state(bruno)
        print(f"both copies agree on every status, snooze, assignee, flag, label and note count: {same}")
        if not same:
            raise SystemExit("the two copies differ")


if __name__ == "__main__":
    main()
