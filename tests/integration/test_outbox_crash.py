"""Exactly once across kill -9 (issue 6): `cmdesk post` is killed with SIGKILL at random points while it queues and
sends, against a loopback Mastodon API that records what it receives, then a new process settles the outbox.

Each of the 50 trials must end with: every post that was queued published exactly once (0 lost, 0 duplicates), and
nothing published that was never queued. Half the trials run against a server that honours `Idempotency-Key`
(Mastodon), half against one that ignores it (snac), where only cmdesk's own check before a resend prevents a
double. Most kills land after the post is queued, in the window where the server may have accepted it unheard.
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from cmdesk.connectors.http import make_client
from cmdesk.connectors.mastodon import MastodonConnector
from cmdesk.credentials import KeyringCredentialStore
from cmdesk.domain import Network
from cmdesk.storage import outbox, workspace
from cmdesk.storage.database import Database
from cmdesk.storage.outbox import OutboxState
from cmdesk.sync import SyncEngine
from tests.support.file_keyring import BACKEND, FileKeyring
from tests.support.mastodon_fake import TOKEN, MastodonFake

TRIALS = 50
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def fake() -> Iterator[MastodonFake]:
    server = MastodonFake(post_delay=0.1).start()
    yield server
    server.stop()


def published(fake: MastodonFake, text: str) -> int:
    return sum(1 for status in list(fake.statuses.values()) if f"<p>{text}</p>" == status["content"])


def settle(data_dir: Path) -> None:
    """A new process (this one), after the crash: the outbox sent until nothing is due."""
    database = Database.open(data_dir)

    async def run() -> None:
        async with make_client() as client:
            credentials = KeyringCredentialStore(FileKeyring())
            engine = SyncEngine(database, client, {Network.MASTODON: MastodonConnector()}, credentials)
            try:
                await engine.outbox.send_due()
            finally:
                await engine.aclose()

    asyncio.run(run())
    database.close()


def test_kill_9_while_posting_never_loses_nor_doubles_a_post(
    tmp_path: Path, fake: MastodonFake, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir = tmp_path / "data"
    environment = {
        **os.environ,
        "CMDESK_DATA_DIR": str(data_dir),
        "PYTHON_KEYRING_BACKEND": BACKEND,
        "CMDESK_TEST_KEYRING": str(tmp_path / "keyring.json"),
        "PYTHONPATH": str(ROOT),
    }
    database = Database.open(data_dir)
    with database.write() as connection:
        client = workspace.add_client(connection, "Le Fournil")
        account = workspace.add_account(
            connection, client.id, Network.MASTODON, f"{fake.base}/@fournil", name="@fournil", settings={"me": "109"}
        )
    database.close()
    monkeypatch.setenv("CMDESK_TEST_KEYRING", environment["CMDESK_TEST_KEYRING"])
    FileKeyring().set_password("cmdesk", account.uid, TOKEN)
    command = [sys.executable, "-m", "cmdesk", "post", "", "--account", str(account.id)]
    rng = random.Random(20261125)
    outcomes = {"before queueing": 0, "queued, not sent": 0, "completed": 0}

    for trial in range(TRIALS):
        fake.honour_idempotency = trial % 2 == 0
        text = f"Essai {trial} : galettes des rois dès le 2 janvier"
        command[4] = text
        process = subprocess.Popen(command, env=environment, stdout=subprocess.PIPE, text=True, cwd=ROOT)
        assert process.stdout is not None
        if trial % 5 == 0:
            time.sleep(rng.uniform(0.0, 0.8))
        else:
            process.stdout.readline()  # "queued post N …": the entry is committed
            time.sleep(rng.uniform(0.0, 0.3))
        process.send_signal(signal.SIGKILL)
        code = process.wait(30)
        process.stdout.close()
        while fake.in_flight:
            time.sleep(0.01)
        settle(data_dir)

        reopened = Database.open(data_dir)
        with reopened.read() as connection:
            entries = [e for e in outbox.listing(connection) if e.text == text]
        reopened.close()
        count = published(fake, text)
        if not entries:
            outcomes["before queueing"] += 1
            assert count == 0, f"trial {trial}: published without ever being queued"
            continue
        outcomes["completed" if code == 0 else "queued, not sent"] += 1
        assert [e.state for e in entries] == [OutboxState.SENT], f"trial {trial}: {entries}"
        assert count == 1, f"trial {trial}: published {count} times (idempotency {fake.honour_idempotency})"
        assert entries[0].remote_id in fake.statuses

    print(f"kill -9 outcomes over {TRIALS} trials: {outcomes}")
    assert outcomes["queued, not sent"] >= 20, "most kills must land while the post is on its way"
