"""Query benchmark on a 1,000,000-message database: first inbox page (goal < 30 ms), full-text search (goal
< 50 ms), counts per view, peak RSS.

The database is built through the real ingest path (100 accounts in 5 clients; feed posts, and comment threads of
2–6 messages) and kept at --db for later runs (building it takes about a minute).

With --postgres, the same database is copied into a team database (a PostgreSQL started by the script from Debian's
`postgresql`, as the tests start it: fsync off, default shared_buffers) and the same reads timed there through
storage/team/server_reader.py (goals: first page < 30 ms, search < 100 ms).

Usage: python bench/query.py [--messages 1000000] [--db /tmp/cmdesk-bench-1m] [--postgres]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, replace
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


VIEWS = {
    "all": ConversationFilter(),
    "open only": ConversationFilter(statuses=("open",)),
    "one client": ConversationFilter(client_ids=(3,)),
    "one account": ConversationFilter(account_ids=(42,)),
    "comments": ConversationFilter(kinds=("comment",)),
    "label": ConversationFilter(label_ids=(1,)),
    "to answer": ConversationFilter(
        kinds=("mention", "message", "comment", "email"), statuses=("open",), unanswered=True
    ),
}
SEARCHES = {
    "commonest word ('pain')": "pain",
    "three common words ('levain farine four')": "levain farine four",
    "prefix of a common word ('livr*')": "livr*",
    "a less common word ('brioche')": "brioche",
    "author ('Reader 1234')": '"Reader 1234"',
}


def measure_postgres(path: Path) -> None:
    """The database at `path` copied into a fresh team database, and the reads timed there."""
    from sqlalchemy import text

    from cmdesk.domain import Secret
    from cmdesk.domain.team import parse_team_url
    from cmdesk.storage.team import copying, server_search
    from cmdesk.storage.team.server_reader import PostgresReader, TeamSnapshots
    from cmdesk.storage.team.server_schema import engine_for, prepare
    from tests.support.postgres_server import PostgresServer, TeamDatabase

    database = Database.open(path)
    root = path.with_name(path.name + "-postgres")  # outside --db: the postgres user must reach it
    kept = root / "team.json"
    if not kept.exists():
        shutil.rmtree(root, ignore_errors=True)
        root.mkdir()
    server = PostgresServer(root)
    server.start()
    try:
        if kept.exists():
            shared = replace(TeamDatabase(**json.loads(kept.read_text())), port=server.port)
            engine = engine_for(parse_team_url(shared.url), Secret(shared.password))
            with engine.begin() as pg:
                prepare(pg)  # a team database of an earlier version is brought up to date
            print(f"the team database kept in {root} from an earlier run")
        else:
            shared = server.database()
            engine = engine_for(parse_team_url(shared.url), Secret(shared.password))
            started = time.perf_counter()
            with engine.begin() as pg, database.read() as local:
                pg.execute(text("SET LOCAL statement_timeout = 0"))
                prepare(pg)
                copied = copying.to_server(local, pg)
            print(
                f"copied into the team database (COPY; search column and counts made as rows arrive, the search "
                f"index after): {copied['messages']:,} messages, {copied['conversations']:,} conversations in "
                f"{time.perf_counter() - started:.0f} s"
            )
            with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as pg:
                pg.execute(text("SET statement_timeout = 0"))
                pg.execute(text("VACUUM ANALYZE"))
            kept.write_text(json.dumps(asdict(shared)))
        with engine.connect() as pg:
            size = pg.execute(text("SELECT pg_size_pretty(pg_database_size(current_database()))")).scalar()
            share = pg.execute(
                text("SELECT count(*) FROM messages WHERE search @@ to_tsquery('cmdesk_fr', 'pain')")
            ).scalar()
        print(f"team database {size}; 'pain' in {share:,} messages")
        reader, snapshots = PostgresReader(engine), TeamSnapshots(engine)
        reader.accounts()  # the pool's first connection, as a window open for a while has it
        pages = [
            measure(f"team: first page, {name}", lambda view=view: reader.conversation_page(view, limit=100))
            for name, view in VIEWS.items()
        ]

        def deep_page() -> None:
            with reader.consistent():
                rows = reader.conversation_page(ConversationFilter(), limit=100)
                for _ in range(50):
                    rows = reader.conversation_page(ConversationFilter(), after=rows[-1].key, limit=100)

        measure("team: page 51 (keyset, 51 queries)", deep_page, runs=3)
        searches = [
            measure(f"team: search, {name}", lambda words=words: reader.search(words, limit=50))
            for name, words in SEARCHES.items()
        ]

        def search_everything() -> None:
            with snapshots.snapshot() as connection:
                server_search.search(connection, "pain", limit=50, window=None)

        measure("team: search, commonest word, ranking every match", search_everything, runs=3)
        measure("team: counts per status and kind (kept)", lambda: reader.tallies(ConversationFilter()), runs=5)
        measure("team: count, one client (kept)", lambda: reader.count(ConversationFilter(client_ids=(3,))), runs=5)
        engine.dispose()
    finally:
        server.stop("fast")
    database.close()
    first = pages[0]
    print(f"goal: team first inbox page < 30 ms: {first * 1000:.1f} ms {'MET' if first < 0.030 else 'MISSED'}")
    worst = max(searches)
    print(f"goal: team search < 100 ms (worst first run): {worst * 1000:.1f} ms {'MET' if worst < 0.1 else 'MISSED'}")
    print(f"peak RSS {common.peak_rss_mb():.0f} MB")


def sidebar_views(database: Database) -> tuple[float, float]:
    """Each view of the window's sidebar (a team's too: Mine, Unassigned) counted and its first page read as the
    window reads them (storage/sqlite_reader.py, plain SQL); the slowest first count and first page."""
    from cmdesk.models.saved_views import builtin_views
    from cmdesk.services.networks import reply_networks
    from cmdesk.storage.sqlite_reader import SqliteReader

    reader = SqliteReader(database)
    slowest_count = slowest_page = 0.0
    for view in builtin_views(reply_networks(), moderating=True, person="Reader 7"):
        slowest_count = max(slowest_count, measure(f"sidebar count: {view.key}", lambda v=view.view: reader.count(v)))
        slowest_page = max(
            slowest_page,
            measure(f"sidebar first page: {view.key}", lambda v=view.view: reader.conversation_page(v, limit=100)),
        )
    return slowest_count, slowest_page


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/cmdesk-bench-1m"))
    parser.add_argument("--measure-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--postgres", action="store_true", help="time the same reads on a team database")
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
        if args.postgres:
            measure_postgres(args.db)
            return
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
    search_times = {
        label: measure(f"search: {label}", lambda words=words: search(words)) for label, words in SEARCHES.items()
    }

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
    slowest_count, slowest_page = sidebar_views(database)
    database.close()
    print(f"goal: every sidebar view counted < 20 ms: slowest {slowest_count * 1000:.1f} ms "
          f"{'MET' if slowest_count < 0.020 else 'MISSED'}; its first page < 30 ms: slowest "
          f"{slowest_page * 1000:.1f} ms {'MET' if slowest_page < 0.030 else 'MISSED'}")  # fmt: skip
    print(f"goal: first inbox page < 30 ms: {first * 1000:.1f} ms {'MET' if first < 0.030 else 'MISSED'}")
    slowest = max(search_times, key=search_times.__getitem__)
    worst = search_times[slowest]
    print(f"goal: FTS query < 50 ms (worst first run): {worst * 1000:.1f} ms, {slowest}, "
          f"{'MET' if worst < 0.050 else 'MISSED'}")  # fmt: skip
    print(f"peak RSS {common.peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
