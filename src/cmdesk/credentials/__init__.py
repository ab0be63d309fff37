"""Secrets (tokens, app passwords) kept in the OS keyring, never in the database or a plaintext file."""

from cmdesk.credentials.base import CredentialStore, NoKeyringAvailable
from cmdesk.credentials.keyring_store import KeyringCredentialStore
from cmdesk.credentials.memory import MemoryCredentialStore

__all__ = ["CredentialStore", "KeyringCredentialStore", "MemoryCredentialStore", "NoKeyringAvailable"]
