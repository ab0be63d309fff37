"""YouTube benchmark (issue 19): a channel's first pull of 10,000 comments — 2,000 threads under 20 videos, each
with 4 replies, one thread in ten with 12 (more than the 5 a thread resource carries) — through the real connector
and ingest, against the loopback Data API server of the tests. Prints the time, the requests, the quota units and
the pages committed, then an incremental pull with nothing new.

Usage: python bench/youtube.py [--threads 2000] [--replies 4]
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path

import common  # noqa: F401  (first: it puts src/ and the project root on sys.path)
import httpx

from cmdesk.connectors.youtube.connector import YouTubeConnector
from cmdesk.domain import Account, Network, Secret
from cmdesk.storage import ingest, workspace
from cmdesk.storage.database import Database
from tests.support.youtube_fake import ME, YouTubeFake


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--threads", type=int, default=2000)
    parser.add_argument("--replies", type=int, default=4)
    args = parser.parse_args()
    fake = YouTubeFake(quota=1_000_000).start()
    for number in range(20):
        fake.video(f"video{number:03d}", f"Recette n° {number}")
    comments = 0
    for number in range(args.threads):
        top = fake.comment(f"video{number % 20:03d}", f"Question n° {number} : c'est ouvert dimanche ?")
        replies = 12 if number % 10 == 0 else args.replies
        for reply in range(replies):
            fake.reply(top, f"Réponse {reply} au fil {number}", author=f"Client {reply}")
        comments += 1 + replies
    database = Database.open(Path(tempfile.mkdtemp()))
    with database.write() as connection:
        client = workspace.add_client(connection, "Le Fournil")
        made = workspace.add_account(connection, client.id, Network.YOUTUBE, f"https://www.youtube.com/channel/{ME}",
                                     name="Le Fournil", settings={"me": ME})  # fmt: skip
    account = Account(made.id, made.uid, client.id, Network.YOUTUBE, "Le Fournil", made.address,
                      settings={"me": ME, "api_base": fake.base}, secret=Secret(fake.token))  # fmt: skip

    spent_ingesting = [0.0]

    async def pull(cursor: dict) -> tuple[dict, int]:  # type: ignore[type-arg]
        pages = 0
        async with httpx.AsyncClient() as client:
            while True:
                page = await YouTubeConnector().pull(client, account, cursor)
                ingested = time.perf_counter()
                ingest.commit_page(database, account.id, page)
                spent_ingesting[0] += time.perf_counter() - ingested
                cursor, pages = dict(page.cursor), pages + 1
                if not page.has_more:
                    return cursor, pages

    started = time.perf_counter()
    cursor, pages = asyncio.run(pull({}))
    took = time.perf_counter() - started
    with database.read() as connection:
        stored = connection.exec_driver_sql("SELECT count(*) FROM messages").scalar()
    print(f"first pull: {comments:,} comments under 20 videos ({stored:,} messages stored with the videos)")
    print(
        f"  {took:.2f} s ({spent_ingesting[0]:.2f} s of it storing), {len(fake.requests):,} requests, "
        f"{fake.used:,} quota units, {pages} pages committed"
    )
    fake.requests.clear()
    spent = fake.used
    started = time.perf_counter()
    asyncio.run(pull(cursor))
    print(f"an incremental pull with nothing new: {time.perf_counter() - started:.2f} s, "
          f"{len(fake.requests)} requests, {fake.used - spent} quota units")  # fmt: skip
    fake.stop()


if __name__ == "__main__":
    main()
