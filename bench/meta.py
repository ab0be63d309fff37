"""Facebook Page benchmark (issue 19): a Page's first pull of 10,080 comments — 420 posts with 20 comments each, one
comment in five answered by the Page — and 500 Messenger conversations of 4 messages, through the real connector and
ingest, against the loopback Graph API server of the tests. Prints the time, the requests and the pages committed,
then an incremental pull with nothing new (Graph has no daily quota: its limits are the usage headers, which stay
low here).

Usage: python bench/meta.py [--posts 420] [--comments 20] [--conversations 500]
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import common  # noqa: F401  (first: it puts src/ and the project root on sys.path)
import httpx

from cmdesk.connectors.meta.facebook import FacebookConnector
from cmdesk.domain import Account, Network, Secret
from cmdesk.storage import ingest, workspace
from cmdesk.storage.database import Database
from tests.support.facebook_fake import PAGE_ID, FacebookFake


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, default=420)
    parser.add_argument("--comments", type=int, default=20)
    parser.add_argument("--conversations", type=int, default=500)
    args = parser.parse_args()
    now = datetime.now(UTC)
    fake = FacebookFake().start()
    comments = 0
    for number in range(args.posts):
        at = now - timedelta(days=args.posts - number)
        post = fake.post(f"Nouveauté n° {number}", at)
        for reply in range(args.comments):
            made = fake.comment(post, f"Client {reply}", f"Question {reply} sur la nouveauté {number}",
                                at + timedelta(minutes=reply))  # fmt: skip
            comments += 1
            if reply % 5 == 0:
                fake.comment(post, "", "Merci !", at + timedelta(minutes=reply, seconds=30), parent=made, page=True)
                comments += 1
    for number in range(args.conversations):
        for message in range(4):
            fake.message(f"Personne {number}", f"Message {message}", now - timedelta(hours=number, minutes=-message))
    database = Database.open(Path(tempfile.mkdtemp()))
    with database.write() as connection:
        client = workspace.add_client(connection, "Le Fournil")
        made_account = workspace.add_account(connection, client.id, Network.FACEBOOK, "https://www.facebook.com/x",
                                             name="Le Fournil", settings={"me": PAGE_ID})  # fmt: skip
    account = Account(made_account.id, made_account.uid, client.id, Network.FACEBOOK, "Le Fournil",
                      made_account.address, settings={"me": PAGE_ID, "api_base": fake.base},
                      secret=Secret(fake.page_token))  # fmt: skip
    spent_ingesting = [0.0]

    async def pull(cursor: dict) -> tuple[dict, int]:  # type: ignore[type-arg]
        pages = 0
        async with httpx.AsyncClient() as client:
            while True:
                page = await FacebookConnector().pull(client, account, cursor)
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
    print(f"first pull: {comments:,} comments under {args.posts} posts and {args.conversations * 4:,} Messenger "
          f"messages ({stored:,} messages stored with the posts)")  # fmt: skip
    print(f"  {took:.2f} s ({spent_ingesting[0]:.2f} s of it storing), {len(fake.requests):,} requests, "
          f"{pages} pages committed")  # fmt: skip
    fake.requests.clear()
    started = time.perf_counter()
    asyncio.run(pull(cursor))
    print(f"an incremental pull with nothing new: {time.perf_counter() - started:.2f} s, "
          f"{len(fake.requests)} requests")  # fmt: skip
    fake.stop()


if __name__ == "__main__":
    main()
