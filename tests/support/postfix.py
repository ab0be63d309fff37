"""A real Postfix on loopback for the e-mail tests: submission with SASL through Dovecot's auth service, virtual
domains delivered to Dovecot by LMTP, so what cmdesk sends arrives in the recipient's mailbox, visible over IMAP.
Its own config and queue in a temp dir, `postfix start-fg` in the foreground, stopped by `postfix stop`.
`./dev test` installs postfix (preseeded "No configuration"). Recipe: ../shared/PEERS.md."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from tests.support.dovecot import DovecotServer
from tests.support.ports import free_port, wait_until_listening

MAIN = """compatibility_level = 3.6
queue_directory = {root}/queue
data_directory = {root}/data
mail_owner = postfix
setgid_group = postdrop
myhostname = localhost
mydomain = localhost
myorigin = localhost
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mydestination =
local_recipient_maps =
relayhost =
mynetworks = 127.0.0.1/32
virtual_mailbox_domains = {domains}
virtual_transport = lmtp:inet:127.0.0.1:{lmtp_port}
smtpd_sasl_type = dovecot
smtpd_sasl_path = inet:127.0.0.1:{auth_port}
smtpd_sasl_auth_enable = yes
smtpd_relay_restrictions = permit_sasl_authenticated, reject
smtpd_recipient_restrictions = permit_sasl_authenticated, reject
smtpd_tls_security_level = none
maillog_file = /dev/stdout
alias_maps =
alias_database =
shlib_directory = /usr/lib/postfix
daemon_directory = /usr/lib/postfix/sbin
meta_directory = /etc/postfix
command_directory = /usr/sbin
"""
SERVICES = """127.0.0.1:{port} inet n - n - - smtpd
pickup unix n - n 60 1 pickup
cleanup unix n - n - 0 cleanup
qmgr unix n - n 300 1 qmgr
rewrite unix - - n - - trivial-rewrite
bounce unix - - n - 0 bounce
defer unix - - n - 0 bounce
trace unix - - n - 0 bounce
verify unix - - n - 1 verify
flush unix n - n 1000? 0 flush
proxymap unix - - n - - proxymap
proxywrite unix - - n - 1 proxymap
smtp unix - - n - - smtp
relay unix - - n - - smtp
showq unix n - n - - showq
error unix - - n - - error
retry unix - - n - - error
discard unix - - n - - discard
lmtp unix - - n - - lmtp
anvil unix - - n - 1 anvil
scache unix - - n - 1 scache
postlog unix-dgram n - n - 1 postlogd
"""


@dataclass
class PostfixServer:
    dovecot: DovecotServer
    domains: tuple[str, ...]
    port: int = field(default_factory=free_port)
    root: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="cmdesk-postfix-")))

    def start(self) -> PostfixServer:
        binary = shutil.which("postfix") or "/usr/sbin/postfix"
        if not Path(binary).exists():
            raise RuntimeError("postfix is missing: run ./dev test as root once (it installs postfix)")
        for part in ("conf", "queue", "data"):
            (self.root / part).mkdir(parents=True, exist_ok=True)
        self.root.chmod(0o755)
        shutil.chown(self.root / "data", "postfix")
        (self.root / "conf" / "main.cf").write_text(
            MAIN.format(
                root=self.root,
                domains=" ".join(self.domains),
                lmtp_port=self.dovecot.lmtp_port,
                auth_port=self.dovecot.auth_port,
            )
        )
        (self.root / "conf" / "master.cf").write_text(SERVICES.format(port=self.port))
        config = str(self.root / "conf")
        subprocess.run([binary, "-c", config, "check"], check=True, capture_output=True)
        self.log = (self.root / "postfix.log").open("wb")
        self.process = subprocess.Popen([binary, "-c", config, "start-fg"], stdout=self.log, stderr=subprocess.STDOUT)
        if wait_until_listening(self.port, timeout=15):
            return self
        raise RuntimeError(f"postfix did not start: {(self.root / 'postfix.log').read_text(errors='replace')}")

    def stop(self) -> None:
        subprocess.run(
            [shutil.which("postfix") or "postfix", "-c", str(self.root / "conf"), "stop"], capture_output=True
        )
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()
        shutil.rmtree(self.root, ignore_errors=True)
