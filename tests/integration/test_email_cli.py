"""`cmdesk account add email` against a real Dovecot, in subprocesses with a real OS keyring (gnome-keyring on a
private D-Bus session): a wrong password is refused with the reason and saves nothing; the right one is tested,
saved to the keyring only, and `cmdesk sync` brings the mail into the inbox."""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.support.dovecot import DovecotServer
from tests.support.keyring_session import run_in_keyring_session

ADDRESS = "contact@fournil.test"
DRIVER = textwrap.dedent(
    """
    import json, os, subprocess, sys
    from pathlib import Path
    data, port, password = os.environ["DATA"], os.environ["IMAP_PORT"], os.environ["PASSWORD"]

    def cmdesk(*args, input=None):
        return subprocess.run([sys.executable, "-m", "cmdesk", "--data-dir", data, *args],
                              input=input, capture_output=True, text=True, timeout=120)

    add = ["account", "add", "email", "contact@fournil.test", "--imap-host", "127.0.0.1", "--imap-port", port,
           "--imap-security", "none", "--smtp-host", "127.0.0.1", "--smtp-security", "none", "--password-stdin"]
    wrong = cmdesk(*add, input="not-the-password\\n")
    assert wrong.returncode == 1 and "refused the user name or password" in wrong.stderr, wrong.stderr
    assert "nothing was saved" in wrong.stderr and "not-the-password" not in wrong.stderr
    assert cmdesk("account", "list", "--json").stdout.strip() == ""
    print("wrong password refused")

    right = cmdesk(*add, input=password + "\\n")
    assert right.returncode == 0, right.stderr
    print(right.stdout.strip().splitlines()[0])
    synced = cmdesk("sync")
    assert synced.returncode == 0, synced.stdout + synced.stderr
    rows = [json.loads(line) for line in cmdesk("inbox", "--json").stdout.splitlines()]
    assert [(r["kind"], r["title"]) for r in rows] == [("email", "Devis pour un mariage")], rows
    blob = b"".join(p.read_bytes() for p in Path(data).iterdir() if p.is_file())
    assert password.encode() not in blob
    print("driver ok")
    """
)


@pytest.fixture
def dovecot() -> Iterator[DovecotServer]:
    server = DovecotServer().start()
    yield server
    server.stop()


def test_adding_an_email_account_from_the_command_line(dovecot: DovecotServer, tmp_path: Path) -> None:
    password = dovecot.add_user(ADDRESS, "Pain-au-levain-42")
    message = EmailMessage()
    message["From"] = "Léa Martin <lea@client.test>"
    message["To"] = ADDRESS
    message["Subject"] = "Devis pour un mariage"
    message["Message-ID"] = "<devis-1@client.test>"
    message.set_content("Bonjour, pourriez-vous nous faire un devis pour 120 personnes ?")
    dovecot.append(ADDRESS, bytes(message))
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER)
    done = run_in_keyring_session(
        tmp_path,
        [sys.executable, str(driver)],
        {
            "ROOT": str(ROOT),
            "DATA": str(tmp_path / "cmdesk"),
            "IMAP_PORT": str(dovecot.imap_port),
            "PASSWORD": password,
        },
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "wrong password refused" in done.stdout
    assert "connected to 127.0.0.1: INBOX: 1 message(s)" in done.stdout
    assert "driver ok" in done.stdout
