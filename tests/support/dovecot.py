"""A real Dovecot IMAP server (and its LMTP) on loopback for the e-mail tests, with its own config, users and
mail in a temp dir; plaintext IMAP, and IMAPS/STARTTLS with a self-signed certificate. `./dev test` installs
dovecot-imapd and dovecot-lmtpd. Recipe: ../shared/PEERS.md."""

from __future__ import annotations

import contextlib
import imaplib
import os
import pwd
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.support.certificates import self_signed
from tests.support.ports import free_port, wait_until_listening

CONFIG = """
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap lmtp
listen = 127.0.0.1
ssl = {ssl}
{ssl_files}
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = dovecot
default_login_user = dovenull
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid=nobody gid=nogroup home={root}/home/%u
}}
mail_location = maildir:~/Maildir
namespace inbox {{
  inbox = yes
  mailbox Sent {{
    special_use = \\Sent
    auto = subscribe
  }}
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {imap_port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {imaps_port}
  }}
}}
service lmtp {{
  inet_listener lmtp {{
    address = 127.0.0.1
    port = {lmtp_port}
  }}
}}
service auth {{
  inet_listener {{
    address = 127.0.0.1
    port = {auth_port}
  }}
}}
"""


@dataclass
class DovecotServer:
    """Dovecot's own users (dovecot, nobody) must reach its files, so the server lives in a directory of its own
    under the system temp dir, readable by them (pytest's temp dirs are private to root), removed by `stop`."""

    root: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="cmdesk-dovecot-")))
    tls: bool = False
    imap_port: int = field(default_factory=free_port)
    imaps_port: int = field(default_factory=free_port)
    lmtp_port: int = field(default_factory=free_port)
    auth_port: int = field(default_factory=free_port)
    """Dovecot's authentication service for Postfix's SASL (tests/support/postfix.py)."""
    users: dict[str, str] = field(default_factory=dict)

    @property
    def config(self) -> Path:
        return self.root / "dovecot.conf"

    def start(self) -> DovecotServer:
        binary = shutil.which("dovecot") or "/usr/sbin/dovecot"
        if not os.path.exists(binary):
            raise RuntimeError("dovecot is missing: run ./dev test as root once (it installs dovecot-imapd)")
        for part in ("run", "state", "home"):
            (self.root / part).mkdir(parents=True, exist_ok=True)
        (self.root / "passwd").touch(exist_ok=True)
        ssl_files = ""
        if self.tls:
            self._certificate()
            ssl_files = f"ssl_cert = <{self.root}/cert.pem\nssl_key = <{self.root}/key.pem"
        self.config.write_text(
            CONFIG.format(
                root=self.root,
                ssl="yes" if self.tls else "no",
                ssl_files=ssl_files,
                imap_port=self.imap_port,
                imaps_port=self.imaps_port if self.tls else 0,
                lmtp_port=self.lmtp_port,
                auth_port=self.auth_port,
            )
        )
        os.chmod(self.root, 0o755)
        os.chmod(self.root / "passwd", 0o644)
        # dovecot daemonises: its children must not hold our pipes, or run() would wait for them forever.
        subprocess.run(
            [binary, "-c", str(self.config)], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        if wait_until_listening(self.imap_port):
            return self
        raise RuntimeError(f"dovecot did not start: {(self.root / 'dovecot.log').read_text(errors='replace')}")

    def _certificate(self) -> None:
        self_signed(self.root / "cert.pem", self.root / "key.pem", days=2, alt_names="DNS:localhost,IP:127.0.0.1")

    @property
    def certificate(self) -> Path:
        return self.root / "cert.pem"

    def stop(self, *, keep: bool = False) -> None:
        """Stop the server; its mail and settings are removed unless `keep` (to start it again)."""
        pid_file = self.root / "run" / "master.pid"
        children = _children(int(pid_file.read_text().split()[0])) if pid_file.exists() else []
        subprocess.run([shutil.which("doveadm") or "doveadm", "-c", str(self.config), "stop"], capture_output=True)
        deadline = time.monotonic() + 5
        while pid_file.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        # Dovecot leaves its log process and the clients' imap processes running after the master stops: end them,
        # so that a stopped server is gone for its clients too (and nothing outlives the tests).
        for pid in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
        if not keep:
            shutil.rmtree(self.root, ignore_errors=True)

    def add_user(self, address: str, password: str = "s3cret-pw") -> str:
        with (self.root / "passwd").open("a") as passwd:
            passwd.write(f"{address}:{{PLAIN}}{password}\n")
        home = self.root / "home" / address
        home.mkdir(parents=True, exist_ok=True)
        nobody = pwd.getpwnam("nobody")
        os.chown(home, nobody.pw_uid, nobody.pw_gid)
        self.users[address] = password
        return password

    def imap(self, address: str) -> imaplib.IMAP4:
        client = imaplib.IMAP4("127.0.0.1", self.imap_port)
        client.login(address, self.users[address])
        return client

    def append(self, address: str, message: bytes, mailbox: str = "INBOX", flags: str = "") -> None:
        client = self.imap(address)
        try:
            client.append(mailbox, flags or None, None, message)
        finally:
            client.logout()


def _children(parent: int) -> list[int]:
    """The processes whose parent is `parent`, from /proc."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == parent:
            found.append(int(stat.parent.name))
    return found
