"""Kill -9 trials (issue 15's acceptance): `cmdesk sync` — pulling growing feeds while it sends posts that are due
on a loopback Mastodon API — is killed with SIGKILL (the process alone, not its group: its parser processes must
die with it) at a random instant, again and again. After every trial: no process of the killed sync is left. Every
--settle trials and at the end, a sync runs to completion and everything is counted: each feed entry stored exactly
once, each queued post published exactly once (half the trials against a server that ignores Idempotency-Key, as
snac does), every outbox entry sent.

Usage: python bench/kill_trials.py [--trials 200] [--settle 20]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import common  # noqa: F401  (first: it puts src/ and the project root on sys.path)

from cmdesk.domain import Network
from cmdesk.storage import outbox, workspace
from cmdesk.storage.database import DB_FILENAME, Database
from tests.support.feedserver import FeedServer, Route
from tests.support.file_keyring import BACKEND
from tests.support.processes import alive, descendants
from tests.support.mastodon_fake import TOKEN, MastodonFake

FEEDS = 4
START_ENTRIES = 300
GROWTH = 20
POSTS_PER_TRIAL = 2


def feed_body(feed: int, entries: int) -> bytes:
    items = "".join(
        f"<item><guid>f{feed}-e{n}</guid><title>Entrée {n}</title>"
        f"<description>Message {n} du flux {feed} : levain, croissants et brioches.</description></item>"
        for n in range(entries)
    )
    return (
        f"<?xml version='1.0'?><rss version='2.0'><channel><title>Flux {feed}</title>{items}</channel></rss>".encode()
    )


def counts(data: Path) -> tuple[int, int, int]:
    """(feed messages, distinct feed entries, outbox entries not sent)."""
    with sqlite3.connect(f"file:{data / DB_FILENAME}?mode=ro", uri=True, timeout=10) as db:
        messages, distinct = db.execute(
            "SELECT count(*), count(DISTINCT account_id || ':' || remote_id) FROM messages "
            "WHERE account_id IN (SELECT id FROM accounts WHERE network = 'feed')"
        ).fetchone()
        unsent = db.execute("SELECT count(*) FROM outbox WHERE state != 'sent'").fetchone()[0]
    return int(messages), int(distinct), int(unsent)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--trials", type=int, default=200)
    parser.add_argument("--settle", type=int, default=20)
    parser.add_argument("--seed", type=int, default=15)
    options = parser.parse_args()
    rng = random.Random(options.seed)
    started = time.monotonic()
    lost = duplicated = orphans = double_posts = missing_posts = 0
    killed_mid_run = 0
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        server = FeedServer().start()
        fake = MastodonFake(post_delay=0.05, rate_limit=10**9, remaining=10**9).start()  # no 429 in 200 trials
        sizes = [START_ENTRIES] * FEEDS
        for feed in range(FEEDS):
            server.routes[f"/{feed}.xml"] = Route(body=feed_body(feed, sizes[feed]))
        data = root / "data"
        database = Database.open(data)
        with database.write() as connection:
            client = workspace.add_client(connection, "Le Fournil")
            for feed in range(FEEDS):
                workspace.add_account(
                    connection, client.id, Network.FEED, server.url(f"/{feed}.xml"), name=f"flux {feed}"
                )
            mastodon = workspace.add_account(
                connection,
                client.id,
                Network.MASTODON,
                f"{fake.base}/@fournil",
                name="@fournil",
                settings={"me": "109"},
            )
        (root / "keyring.json").write_text(f'{{"cmdesk/{mastodon.uid}": "{TOKEN}"}}')
        environment = {
            **os.environ,
            "CMDESK_TEST_KEYRING": str(root / "keyring.json"),
            "PYTHON_KEYRING_BACKEND": BACKEND,
            "PYTHONPATH": str(common.ROOT),
        }
        environment.pop("CMDESK_DATA_DIR", None)
        queued: list[str] = []

        def sync(kill_after: float | None) -> bool:
            """One `cmdesk sync`; SIGKILL after `kill_after` s. True when the kill landed while it ran."""
            process = subprocess.Popen(
                [sys.executable, "-m", "cmdesk", "sync", "--attempts", "1", "--data-dir", str(data)],
                env=environment,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            if kill_after is None:
                process.wait(300)
                return False
            deadline = time.monotonic() + kill_after
            children: set[int] = set()
            while time.monotonic() < deadline and process.poll() is None:
                children |= descendants(process.pid)
                time.sleep(0.01)
            landed = process.poll() is None
            children |= descendants(process.pid)
            if landed:
                process.send_signal(signal.SIGKILL)
            process.wait(60)
            limit = time.monotonic() + 10
            while time.monotonic() < limit and any(alive(child) for child in children):
                time.sleep(0.05)
            nonlocal orphans
            left = [child for child in children if alive(child)]
            orphans += len(left)
            for child in left:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(child, signal.SIGKILL)
            return landed

        def settle() -> None:
            nonlocal lost, duplicated, double_posts, missing_posts
            sync(None)
            messages, distinct, unsent = counts(data)
            expected = sum(sizes)
            lost += max(0, expected - distinct)
            duplicated += messages - distinct
            published: dict[str, int] = {}
            for status in list(fake.statuses.values()):
                published[status["content"]] = published.get(status["content"], 0) + 1
            double_posts = sum(n - 1 for n in published.values() if n > 1)
            missing_posts = sum(1 for text in queued if f"<p>{text}</p>" not in published) + unsent
            print(
                f"  after {trial + 1} trials: {messages:,} messages ({expected:,} listed), {len(queued)} posts queued, "
                f"{len(published)} published; lost {lost}, duplicated {duplicated}, posts doubled {double_posts}, "
                f"posts missing {missing_posts}, orphan processes {orphans}",
                flush=True,
            )

        trial = -1
        try:
            for trial in range(options.trials):
                fake.honour_idempotency = trial % 2 == 0
                for feed in range(FEEDS):
                    sizes[feed] += GROWTH
                    server.routes[f"/{feed}.xml"] = Route(body=feed_body(feed, sizes[feed]))
                with database.write() as connection:
                    for number in range(POSTS_PER_TRIAL):
                        text = f"Essai {trial}, annonce {number}"
                        outbox.enqueue_post(connection, [mastodon.id], text)
                        queued.append(text)
                killed_mid_run += sync(rng.uniform(0.05, 2.0))
                if (trial + 1) % options.settle == 0:
                    settle()
            if (trial + 1) % options.settle:
                settle()
        finally:
            database.close()
            server.stop()
            fake.stop()
    print(
        f"{options.trials} kill -9 trials ({killed_mid_run} landed while the sync ran) in "
        f"{time.monotonic() - started:.0f} s: lost {lost}, duplicated {duplicated}, posts doubled {double_posts}, "
        f"posts missing {missing_posts}, orphan processes {orphans}"
    )


if __name__ == "__main__":
    main()
