"""An in-memory CredentialStore: for tests, and for the "keep it for this session only" choice without a keyring."""

from __future__ import annotations

from cmdesk.domain import Secret


class MemoryCredentialStore:
    def __init__(self) -> None:
        self._secrets: dict[str, Secret] = {}

    def probe(self) -> None:
        """Memory is always there."""

    def get(self, account_uid: str) -> Secret | None:
        return self._secrets.get(account_uid)

    def set(self, account_uid: str, secret: Secret) -> None:
        self._secrets[account_uid] = secret

    def delete(self, account_uid: str) -> None:
        self._secrets.pop(account_uid, None)

    def __repr__(self) -> str:
        return f"MemoryCredentialStore({len(self._secrets)} secrets)"
