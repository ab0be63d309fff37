"""The CredentialStore protocol: secrets keyed by an account's uid (a UUID, unique across data dirs)."""

from __future__ import annotations

from typing import Protocol

from cmdesk.domain import Secret

SERVICE = "cmdesk"


class NoKeyringAvailable(Exception):
    """No usable OS keyring: the message says what to install or enable. cmdesk never falls back to plaintext."""


class CredentialStore(Protocol):
    def probe(self) -> None:
        """Raise NoKeyringAvailable now if secrets cannot be kept (before the user signs in for nothing)."""
        ...

    def get(self, account_uid: str) -> Secret | None: ...

    def set(self, account_uid: str, secret: Secret) -> None: ...

    def delete(self, account_uid: str) -> None: ...
