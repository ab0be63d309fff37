"""A CredentialStore over the `keyring` library (Secret Service, KWallet, macOS Keychain, Windows Credential Locker).

With no D-Bus session or no Secret Service daemon, `keyring` silently selects its `fail` backend and only raises on
first use with a generic message; `probe()` detects that up front and names what to install or enable.
"""

from __future__ import annotations

import keyring
import keyring.backend
import keyring.errors
from keyring.backends import fail, null

from cmdesk.credentials.base import SERVICE, NoKeyringAvailable
from cmdesk.domain import Secret

HOW_TO_FIX = (
    "no system keyring is available, so cmdesk cannot store passwords or tokens. Install and unlock one: on Debian or "
    "Ubuntu `apt install gnome-keyring` (or use KDE's KWallet) inside a desktop session with D-Bus; cmdesk never "
    "writes secrets to a plain file."
)


def _is_usable(backend: keyring.backend.KeyringBackend) -> bool:
    """A backend that keeps secrets: not `fail` (raises on use), not `null` (silently discards them)."""
    if isinstance(backend, fail.Keyring | null.Keyring):
        return False
    chained = getattr(backend, "backends", None)
    if chained is not None:
        return any(_is_usable(child) for child in chained)
    return True


class KeyringCredentialStore:
    def __init__(self, backend: keyring.backend.KeyringBackend | None = None, service: str = SERVICE) -> None:
        """The system's backend is looked for on first use, not here: finding it reads every installed package's
        entry points and imports the chosen backend (~8 MB and ~0.15 s), which a sync of feeds alone never needs."""
        self._chosen = backend
        self._service = service

    @property
    def _backend(self) -> keyring.backend.KeyringBackend:
        if self._chosen is None:
            self._chosen = keyring.get_keyring()
        return self._chosen

    @property
    def backend_name(self) -> str:
        kind = type(self._backend)
        return f"{kind.__module__}.{kind.__qualname__}"

    def probe(self) -> None:
        """Raise NoKeyringAvailable unless a real keyring backend is selected."""
        if not _is_usable(self._backend):
            raise NoKeyringAvailable(HOW_TO_FIX)

    def get(self, account_uid: str) -> Secret | None:
        self.probe()
        try:
            value = self._backend.get_password(self._service, account_uid)
        except keyring.errors.KeyringError as error:
            raise NoKeyringAvailable(f"the keyring refused to read a secret: {error}") from None
        return Secret(value) if value is not None else None

    def set(self, account_uid: str, secret: Secret) -> None:
        self.probe()
        try:
            self._backend.set_password(self._service, account_uid, secret.reveal())
        except keyring.errors.KeyringError as error:
            raise NoKeyringAvailable(f"the keyring refused to store a secret: {error}") from None

    def delete(self, account_uid: str) -> None:
        if not _is_usable(self._backend):
            return
        try:
            self._backend.delete_password(self._service, account_uid)
        except keyring.errors.PasswordDeleteError:
            pass
