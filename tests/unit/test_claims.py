"""Outbox claims by living processes: an entry left "sending" by a process killed with SIGKILL is taken back at
once; one whose sender still runs is left alone until stale."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from cmdesk.storage import claims, outbox
from cmdesk.storage.database import Database
from cmdesk.storage.outbox import OutboxState
from tests.support.factories import make_account

HOLDER = """
import sys, time
from pathlib import Path
from cmdesk.storage.claims import SenderLock
lock = SenderLock(Path(sys.argv[1]))
print(lock.token, flush=True)
time.sleep(60)
"""


def start_holder(data_dir: Path) -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(data_dir)], stdout=subprocess.PIPE, text=True, env=os.environ.copy()
    )
    assert process.stdout is not None
    return process, process.stdout.readline().strip()


def test_a_sender_killed_with_sigkill_is_known_dead_and_its_entry_is_taken_back_at_once(data_dir: Path) -> None:
    database = Database.open(data_dir)
    account = make_account(database)
    living, living_token = start_holder(data_dir)
    dying, dying_token = start_holder(data_dir)
    try:
        with database.write() as connection:
            first = outbox.enqueue_post(connection, [account.id], "Galettes des rois : commandez !")[0]
            second = outbox.enqueue_post(connection, [account.id], "Fermé le 25 décembre.")[0]
            assert outbox.claim(connection, first.id, claimed_by=living_token)
            assert outbox.claim(connection, second.id, claimed_by=dying_token)
        dying.send_signal(signal.SIGKILL)
        dying.wait(10)
        assert claims.holder_alive(data_dir, living_token)
        assert not claims.holder_alive(data_dir, dying_token)

        def alive(token: str) -> bool:
            return claims.holder_alive(data_dir, token)

        with database.write() as connection:
            assert outbox.recover_interrupted(connection, holder_alive=alive) == 1
            assert outbox.get(connection, second.id).state is OutboxState.SCHEDULED
            assert outbox.get(connection, second.id).unsure, "checked on the network before any resend"
            assert outbox.get(connection, first.id).state is OutboxState.SENDING, "its sender still runs"
            assert outbox.recover_interrupted(connection, stale_after=timedelta(0), holder_alive=alive) == 1
    finally:
        living.kill()
        living.wait(10)
        database.close()


def test_a_released_lock_removes_its_file(tmp_path: Path) -> None:
    lock = claims.SenderLock(tmp_path)
    assert claims.holder_alive(tmp_path, lock.token)
    lock.release()
    assert not claims.holder_alive(tmp_path, lock.token)
    assert list((tmp_path / claims.FOLDER).iterdir()) == []
