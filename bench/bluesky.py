"""Bluesky against a real local network (@atproto/dev-env, as the tests start it: tests/support/atproto_network.py).

1. A first pull of 1,000 notifications: another account writes 1,000 posts mentioning the account (one a commit),
   the AppView indexes them, then the connector pulls from nothing until no more waits: time, pages, requests.
2. Exactly once: `cmdesk post` runs, each killed (SIGKILL) at a random instant, then `cmdesk sync` sends what was left
   in the outbox; every post the outbox accepted must exist once in the account's repository (listRecords).

Usage: python bench/bluesky.py [--notifications 1000] [--trials 30]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import common  # noqa: F401  (first: it puts src/ and the project root on sys.path)
import httpx

from cmdesk.connectors.bluesky import session as sessions
from cmdesk.connectors.bluesky import xrpc
from cmdesk.connectors.bluesky.connector import BlueskyConnector
from cmdesk.domain import Account, Network, Secret
from cmdesk.storage.database import DB_FILENAME
from tests.support.atproto_network import Network as AtNetwork
from tests.support.atproto_network import Running
from tests.support.file_keyring import BACKEND


async def _session(network: AtNetwork, handle: str) -> sessions.Session:
    async with httpx.AsyncClient() as client:
        return await sessions.create(client, network.pds, handle, Secret(network.accounts[handle]["password"]))


async def mention_many(network: AtNetwork, count: int) -> None:
    """Another account mentions the account `count` times, one post a commit as a person posts (applyWrites batches
    share one indexing time, and the AppView's cursor, a time, then skips some of them between pages)."""
    bob = await _session(network, "bob.test")
    alice_did = network.accounts["alice.test"]["did"]
    end = len(b"@alice.test")
    gate = asyncio.Semaphore(8)

    async def write(client: httpx.AsyncClient, n: int) -> None:
        record = {"$type": "app.bsky.feed.post", "text": f"@alice.test question {n} : vous livrez ?",
                  "createdAt": datetime.now(UTC).isoformat().replace("+00:00", "Z"),
                  "facets": [{"index": {"byteStart": 0, "byteEnd": end}, "features": [
                      {"$type": "app.bsky.richtext.facet#mention", "did": alice_did}]}]}  # fmt: skip
        async with gate:
            await xrpc.call(client, bob.pds, "com.atproto.repo.createRecord", token=bob.access,
                            body={"repo": bob.did, "collection": "app.bsky.feed.post", "record": record})  # fmt: skip

    async with httpx.AsyncClient(timeout=60) as client:
        await asyncio.gather(*(write(client, n) for n in range(count)))


async def _listed(alice: sessions.Session) -> int:
    """How many notifications the AppView lists for the account now (every page)."""
    total, cursor = 0, ""
    async with httpx.AsyncClient() as client:
        while True:
            params = [("limit", "100")] + ([("cursor", cursor)] if cursor else [])
            answer = await xrpc.call(client, alice.pds, "app.bsky.notification.listNotifications", token=alice.access,
                                     params=params)  # fmt: skip
            total += len(answer["notifications"])
            cursor = answer.get("cursor") or ""
            if not cursor or not answer["notifications"]:
                return total


async def first_pull(network: AtNetwork, expected: int) -> None:
    alice = await _session(network, "alice.test")
    account = Account(1, "bench", 1, Network.BLUESKY, "@alice.test", "", settings={"me": alice.did},
                      secret=alice.to_secret())  # fmt: skip
    requests = 0

    async def count(_request: httpx.Request) -> None:
        nonlocal requests
        requests += 1

    deadline = time.monotonic() + 180
    while await _listed(alice) < expected and time.monotonic() < deadline:  # the AppView indexes them all first
        await asyncio.sleep(2)
    started = time.perf_counter()
    pages = items = 0
    state: dict[str, Any] = {}
    async with httpx.AsyncClient(event_hooks={"request": [count]}) as client:
        while True:
            page = await BlueskyConnector().pull(client, account, state)
            pages, items, state = pages + 1, items + len(page.items), dict(page.cursor)
            if not page.has_more:
                break
    took = time.perf_counter() - started
    print(f"first pull: {items} items ({expected} mentions written) in {took:.2f} s, {pages} pages, "
          f"{requests} requests")  # fmt: skip


def exactly_once(network: AtNetwork, trials: int) -> None:
    work = Path(tempfile.mkdtemp(prefix="cmdesk-bsky-once-"))
    data = work / "data"
    environment = {**os.environ, "PYTHON_KEYRING_BACKEND": BACKEND, "CMDESK_TEST_KEYRING": str(work / "keyring.json"),
                   "PYTHONPATH": str(common.ROOT)}  # fmt: skip

    def cmdesk(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "cmdesk", "--data-dir", str(data), *args], input=stdin,
                              capture_output=True, text=True, timeout=300, env=environment)  # fmt: skip

    added = cmdesk("account", "add", "bluesky", "carla.test", "--password-stdin", "--service", network.pds,
                   stdin=network.accounts["carla.test"]["password"] + "\n")  # fmt: skip
    assert added.returncode == 0, added.stderr
    rng = random.Random(20)
    killed = 0
    for trial in range(trials):
        process = subprocess.Popen([sys.executable, "-m", "cmdesk", "--data-dir", str(data), "post", "--account", "1",
                                    f"Essai exactement-une-fois n°{trial}"], env=environment,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        time.sleep(rng.uniform(0.3, 2.5))
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            killed += 1
        process.wait()
    synced = cmdesk("sync")
    with sqlite3.connect(f"file:{data / DB_FILENAME}?mode=ro", uri=True) as db:
        accepted = [row[0] for row in db.execute("SELECT payload FROM outbox WHERE action = 'post'")]
        unsent = db.execute("SELECT count(*) FROM outbox WHERE state != 'sent'").fetchone()[0]

    async def texts() -> Counter[str]:
        carla = await _session(network, "carla.test")
        found: Counter[str] = Counter()
        cursor = ""
        async with httpx.AsyncClient() as client:
            while True:
                params = [("repo", carla.did), ("collection", "app.bsky.feed.post"), ("limit", "100")]
                answer = await xrpc.call(client, carla.pds, "com.atproto.repo.listRecords",
                                         params=params + ([("cursor", cursor)] if cursor else []))  # fmt: skip
                found.update(r["value"]["text"] for r in answer["records"] if "Essai" in r["value"]["text"])
                cursor = answer.get("cursor") or ""
                if not cursor or not answer["records"]:
                    return found

    in_repo = asyncio.run(texts())
    doubles = {text: n for text, n in in_repo.items() if n > 1}
    print(f"exactly once: {trials} `cmdesk post` runs, {killed} killed mid-run; the outbox accepted {len(accepted)}; "
          f"after `cmdesk sync` (exit {synced.returncode}): {unsent} unsent, {sum(in_repo.values())} posts in the "
          f"repository, {len(in_repo)} distinct, doubles: {doubles or 'none'}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notifications", type=int, default=1000)
    parser.add_argument("--trials", type=int, default=30)
    args = parser.parse_args()
    running = Running(Path(tempfile.mkdtemp(prefix="cmdesk-bench-atproto-")))
    started = time.perf_counter()
    network = running.start()
    print(f"dev-env ready in {time.perf_counter() - started:.1f} s")
    try:
        asyncio.run(mention_many(network, args.notifications))
        asyncio.run(first_pull(network, args.notifications))
        exactly_once(network, args.trials)
    finally:
        running.stop()


if __name__ == "__main__":
    main()
