"""A small real SMTP submission server (aiosmtpd, with AUTH) that delivers what it accepts to Dovecot by LMTP,
standing in for Postfix: mail sent by cmdesk arrives in the recipient's mailbox, visible over IMAP."""

from __future__ import annotations

import smtplib
from dataclasses import dataclass, field
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from tests.support.dovecot import DovecotServer, free_port


@dataclass
class SmtpRelay:
    dovecot: DovecotServer
    users: dict[str, str]
    port: int = field(default_factory=free_port)
    received: list[bytes] = field(default_factory=list)

    def start(self) -> SmtpRelay:
        relay = self

        class Deliver:
            async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
                relay.received.append(bytes(envelope.original_content or envelope.content))
                with smtplib.LMTP("127.0.0.1", relay.dovecot.lmtp_port) as lmtp:
                    lmtp.sendmail(envelope.mail_from, envelope.rcpt_tos, envelope.original_content or envelope.content)
                return "250 Message accepted for delivery"

        def authenticate(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
            if isinstance(data, LoginPassword):
                login, password = data.login.decode(), data.password.decode()
                if relay.users.get(login) == password:
                    return AuthResult(success=True)
            return AuthResult(success=False, handled=False)

        # AUTH without TLS (aiosmtpd warns; pyproject.toml silences it): this server only listens on loopback.
        self._controller = Controller(
            Deliver(),
            hostname="127.0.0.1",
            port=self.port,
            authenticator=authenticate,
            auth_required=True,
            auth_require_tls=False,
        )
        self._controller.start()
        return self

    def stop(self) -> None:
        self._controller.stop()
