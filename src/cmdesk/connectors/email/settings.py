"""An e-mail account's server settings, as kept in the account's `settings` (the password is the secret, in the
keyring only)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

SECURITY = ("tls", "starttls", "none")
DEFAULT_FIRST_SYNC_DAYS = 90


@dataclass(frozen=True, slots=True)
class EmailSettings:
    address: str
    imap_host: str
    imap_port: int = 993
    imap_security: str = "tls"
    username: str = ""
    folders: tuple[str, ...] = ("INBOX",)
    first_sync_days: int = DEFAULT_FIRST_SYNC_DAYS
    ca_file: str = ""
    """A certificate authority file to trust besides the system's (a company's own CA; tests' self-signed one)."""
    smtp_host: str = ""
    smtp_port: int = 465
    smtp_security: str = "tls"
    signature: str = ""
    display_name: str = ""

    @property
    def login(self) -> str:
        return self.username or self.address

    @classmethod
    def from_account(cls, address: str, settings: Mapping[str, Any]) -> EmailSettings:
        security = str(settings.get("imap_security", "tls"))
        return cls(
            address=address,
            imap_host=str(settings.get("imap_host", "")),
            imap_port=int(settings.get("imap_port", 993 if security == "tls" else 143)),
            imap_security=security if security in SECURITY else "tls",
            username=str(settings.get("username", "")),
            folders=tuple(str(f) for f in settings.get("folders") or ("INBOX",)),
            first_sync_days=int(settings.get("first_sync_days", DEFAULT_FIRST_SYNC_DAYS)),
            ca_file=str(settings.get("ca_file", "")),
            smtp_host=str(settings.get("smtp_host", "")) or str(settings.get("imap_host", "")),
            smtp_port=int(settings.get("smtp_port", 465 if settings.get("smtp_security", "tls") == "tls" else 587)),
            smtp_security=str(settings.get("smtp_security", "tls")),
            signature=str(settings.get("signature", "")),
            display_name=str(settings.get("display_name", "")),
        )
