"""E-mail benchmark (issue 5): 10,000 messages in a real Dovecot on loopback, synced by the real engine over IMAP.
Prints messages/s for the first sync and the time of an incremental sync with nothing new.

The messages are written straight into the user's Maildir (as a delivery agent would), so building the mailbox
does not dominate the run; Dovecot indexes them on the first SELECT, inside the measured first sync.

Usage: python bench/email.py [--messages 10000]
"""

from __future__ import annotations

import common  # noqa: F401, I001  (first: it fixes sys.path, so `email` below is the standard library's)

import argparse
import asyncio
import os
import pwd
import tempfile
import time
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

from cmdesk.connectors.email import EmailConnector
from cmdesk.connectors.http import make_client
from cmdesk.credentials import MemoryCredentialStore
from cmdesk.domain import Network, Secret
from cmdesk.storage import workspace
from cmdesk.storage.database import Database
from cmdesk.storage.timeutil import utcnow
from cmdesk.sync import SyncEngine
from tests.support.dovecot import DovecotServer

ADDRESS = "contact@fournil.test"


def fill_maildir(server: DovecotServer, count: int) -> None:
    maildir = server.root / "home" / ADDRESS / "Maildir"
    nobody = pwd.getpwnam("nobody")
    now = utcnow()
    for part in ("cur", "new", "tmp"):
        (maildir / part).mkdir(parents=True, exist_ok=True)
    words = common.vocabulary()[0]
    for n in range(count):
        message = EmailMessage()
        message["From"] = f"Client {n % 700} <client{n % 700}@example.test>"
        message["To"] = ADDRESS
        message["Subject"] = f"Question {n}: {' '.join(words[(n * 7 + k) % 200] for k in range(4))}"
        message["Date"] = format_datetime(now)
        message["Message-ID"] = f"<bench-{n}@example.test>"
        message.set_content(" ".join(words[(n * 13 + k) % 500] for k in range(60)))
        (maildir / "new" / f"{1_700_000_000 + n}.M{n}P1.bench").write_bytes(bytes(message))
    for path in [maildir, *maildir.rglob("*")]:
        os.chown(path, nobody.pw_uid, nobody.pw_gid)


async def timed_sync(database: Database, credentials: MemoryCredentialStore, account_id: int) -> tuple[float, int]:
    async with make_client() as client:
        engine = SyncEngine(database, client, {Network.EMAIL: EmailConnector()}, credentials)
        started = time.perf_counter()
        results = await engine.sync_once([account_id], attempts=1)
        elapsed = time.perf_counter() - started
        await engine.aclose()
    if not results[0].ok:
        raise SystemExit(f"sync failed: {results[0].reason}")
    return elapsed, results[0].ingested.inserted


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=10_000)
    args = parser.parse_args()
    server = DovecotServer().start()
    try:
        server.add_user(ADDRESS)
        started = time.perf_counter()
        fill_maildir(server, args.messages)
        print(f"{args.messages:,} messages written to the Maildir in {time.perf_counter() - started:.1f} s")
        with tempfile.TemporaryDirectory() as temp:
            database = Database.open(Path(temp))
            credentials = MemoryCredentialStore()
            with database.write() as connection:
                client = workspace.add_client(connection, "Bench")
                account = workspace.add_account(
                    connection,
                    client.id,
                    Network.EMAIL,
                    ADDRESS,
                    settings={"imap_host": "127.0.0.1", "imap_port": server.imap_port, "imap_security": "none"},
                )
            credentials.set(account.uid, Secret(server.users[ADDRESS]))
            first, inserted = asyncio.run(timed_sync(database, credentials, account.id))
            print(f"first sync: {inserted:,} messages in {first:.2f} s = {inserted / first:,.0f} messages/s")
            again, nothing = asyncio.run(timed_sync(database, credentials, account.id))
            print(f"incremental sync with nothing new: {again * 1000:.0f} ms ({nothing} new)")
            database.close()
    finally:
        server.stop()
    print(f"peak RSS {common.peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
