"""Query benchmark on a 1,000,000-message database: first inbox page (goal < 30 ms), full-text search (goal
< 50 ms), counts per view, peak RSS.

The database is built through the real ingest path (100 accounts in 5 clients; feed posts, and comment threads of
2–6 messages) and kept at --db for later runs (building it takes about a minute).

Usage: python bench/query.py [--messages 1000000] [--db /tmp/cmdesk-bench-1m]
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import common  # noqa: F401  (first: it puts src/ and the project root on sys.path)

from cmdesk.domain import Author, Item, Kind, Network, Page
from cmdesk.storage import fts, ingest, queries, workspace
from cmdesk.storage.database import Database
from cmdesk.storage.queries import ConversationFilter

ACCOUNTS = 100
CLIENTS = 5
PAGE = 2000


def build(path: Path, messages: int) -> None:
    database = Database.open(path)
    rng = random.Random(42)
    with database.write() as connection:
        clients = [workspace.add_client(connection, f"Client {n}") for n in range(CLIENTS)]
        accounts = [
            workspace.add_account(connection, clients[n % CLIENTS].id, Network.FEED, f"https://site{n}.example/feed")
            for n in range(ACCOUNTS)
        ]
    start = datetime(2024, 1, 1, tzinfo=UTC)
    written = 0
    thread = 0
    started = time.perf_counter()
    while written < messages:
        account = accounts[(written // PAGE) % ACCOUNTS]
        items: list[Item] = []
        while len(items) < PAGE and written + len(items) < messages:
            thread += 1
            key = f"post-{thread}"
            replies = rng.choice((0, 0, 0, 1, 2, 5))
            when = start + timedelta(seconds=thread * 30)
            items.append(
                Item(
                    key,
                    key,
                    Kind.FEED,
                    common.text_of(rng),
                    "",
                    common.sentence(rng, 5),
                    url=f"https://x/{key}",
                    author=Author(name=f"Author {rng.randint(1, 2000)}"),
                    created_at=when,
                )
            )
            for reply in range(replies):
                items.append(
                    Item(
                        f"{key}-c{reply}",
                        key,
                        Kind.COMMENT,
                        common.text_of(rng, 200),
                        "",
                        author=Author(name=f"Reader {rng.randint(1, 20000)}"),
                        created_at=when + timedelta(minutes=reply + 1),
                        parent_remote_id=key,
                    )
                )
        ingest.commit_page(database, account.id, Page(tuple(items), {"n": written}))
        written += len(items)
        if written % 100_000 < len(items):
            print(f"  built {written:,} messages ({time.perf_counter() - started:.0f} s)", flush=True)
    with database.write() as connection:
        connection.exec_driver_sql("INSERT INTO labels (client_id, name, color) VALUES (NULL, 'urgent', '#d32f2f')")
        connection.exec_driver_sql("INSERT INTO conversation_labels SELECT id, 1 FROM conversations WHERE id % 97 = 0")
        connection.exec_driver_sql("UPDATE conversations SET status='done' WHERE id % 3 = 0")
        connection.exec_driver_sql("ANALYZE")
    database.close()


def measure(label: str, function, runs: int = 15) -> float:  # type: ignore[no-untyped-def]
    first_started = time.perf_counter()
    function()
    first = time.perf_counter() - first_started
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    print(f"{label:<46} first {first * 1000:7.1f} ms   median {statistics.median(times) * 1000:7.1f} ms")
    return first


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/cmdesk-bench-1m"))
    parser.add_argument("--measure-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not args.measure_only:
        marker = args.db / f"built-{args.messages}"
        if not marker.exists():
            print(f"building a {args.messages:,}-message database in {args.db} …")
            if args.db.exists():
                for old in args.db.iterdir():
                    old.unlink()
            build(args.db, args.messages)
            marker.touch()
        # measure in a fresh process: cold caches of Python objects, as after an app start
        subprocess.run([sys.executable, __file__, "--db", str(args.db), "--measure-only"], check=True)
        return

    database = Database.open(args.db)
    with database.read() as connection:
        total = connection.exec_driver_sql("SELECT count(*) FROM messages").scalar()
        conversations = connection.exec_driver_sql("SELECT count(*) FROM conversations").scalar()
        size = args.db.joinpath("cmdesk.sqlite3").stat().st_size / 1e6
    print(f"{total:,} messages in {conversations:,} conversations; database {size:,.0f} MB")

    def page(view: ConversationFilter) -> None:
        with database.read() as connection:
            rows = queries.conversation_page(connection, view, limit=100)
            assert rows

    def deep_page() -> None:
        with database.read() as connection:
            rows = queries.conversation_page(connection, ConversationFilter(), limit=100)
            for _ in range(50):
                rows = queries.conversation_page(connection, ConversationFilter(), after=rows[-1].key, limit=100)

    def search(words: str) -> None:
        with database.read() as connection:
            fts.search(connection, words, limit=50)

    def counts(view: ConversationFilter) -> None:
        with database.read() as connection:
            queries.tallies_by_status_and_kind(connection, view)

    def scanned_counts() -> None:
        """What the sidebar read before issue 23: a scan of the status/kind index."""
        with database.read() as connection:
            connection.exec_driver_sql(
                "SELECT status, kind, count(*), total(last_direction = 'in') FROM conversations GROUP BY 1, 2"
            ).all()

    first = measure("inbox first page, all", lambda: page(ConversationFilter()))
    measure("inbox first page, open only", lambda: page(ConversationFilter(statuses=("open",))))
    measure("inbox first page, one client", lambda: page(ConversationFilter(client_ids=(3,))))
    measure("inbox first page, one account", lambda: page(ConversationFilter(account_ids=(42,))))
    measure("inbox first page, comments", lambda: page(ConversationFilter(kinds=("comment",))))
    measure("inbox first page, label", lambda: page(ConversationFilter(label_ids=(1,))))
    waiting = ConversationFilter(kinds=("mention", "message", "comment", "email"), statuses=("open",), unanswered=True)
    measure("inbox first page, to answer", lambda: page(waiting))
    measure("inbox page 51 (keyset, 51 queries)", deep_page, runs=3)
    with database.read() as connection:
        share = (
            connection.exec_driver_sql("SELECT count(*) FROM message_fts WHERE message_fts MATCH 'pain'").scalar()
            / total
        )
    print(f"(the commonest word, 'pain', is in {share:.0%} of messages)")
    search_times = [
        measure("search: commonest word ('pain')", lambda: search("pain")),
        measure("search: three common words ('levain farine four')", lambda: search("levain farine four")),
        measure("search: prefix of a common word ('livr*')", lambda: search("livr*")),
        measure("search: a less common word ('brioche')", lambda: search("brioche")),
        measure("search: author ('Reader 1234')", lambda: search('"Reader 1234"')),
    ]

    def search_everything() -> None:
        with database.read() as connection:
            fts.search(connection, "pain", limit=50, window=None)

    measure("search: commonest word, ranking every match", search_everything, runs=3)
    measure("counts per status and kind (sidebar, kept)", lambda: counts(ConversationFilter()), runs=5)
    measure("counts, one client (kept)", lambda: counts(ConversationFilter(client_ids=(3,))), runs=5)
    to_answer = ConversationFilter(statuses=("open",), unanswered=True, networks=("feed",))

    def count_to_answer() -> None:
        with database.read() as connection:
            queries.count(connection, to_answer)

    measure("count of To answer, its networks (kept)", count_to_answer, runs=5)
    measure("counts per status and kind (scanned, as before)", scanned_counts, runs=3)
    database.close()
    print(f"goal: first inbox page < 30 ms: {first * 1000:.1f} ms {'MET' if first < 0.030 else 'MISSED'}")
    worst = max(search_times)
    print(f"goal: FTS query < 50 ms (worst first run): {worst * 1000:.1f} ms {'MET' if worst < 0.050 else 'MISSED'}")
    print(f"peak RSS {common.peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
