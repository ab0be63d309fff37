"""Credentials: secrets never show in reprs; a missing keyring is reported plainly, never replaced by a file."""

from __future__ import annotations

import pytest
from keyring.backends import fail

from cmdesk.credentials import KeyringCredentialStore, MemoryCredentialStore, NoKeyringAvailable
from cmdesk.domain import Account, Network, Secret


def test_secret_never_shows_itself() -> None:
    secret = Secret("hunter2-token")
    account = Account(1, "uid", 1, Network.MASTODON, "bakery", "example.social", secret=secret)
    for shown in (repr(secret), str(secret), repr(account), f"{secret}"):
        assert "hunter2" not in shown
    assert secret.reveal() == "hunter2-token"


def test_memory_store_round_trip() -> None:
    store = MemoryCredentialStore()
    assert store.get("a") is None
    store.set("a", Secret("x"))
    assert store.get("a") == Secret("x")
    store.delete("a")
    store.delete("a")
    assert store.get("a") is None
    assert "x" not in repr(store)


def test_the_fail_backend_gives_advice_not_a_plaintext_fallback() -> None:
    store = KeyringCredentialStore(fail.Keyring())
    with pytest.raises(NoKeyringAvailable, match="gnome-keyring"):
        store.set("account-uid", Secret("token"))
    with pytest.raises(NoKeyringAvailable):
        store.get("account-uid")
    store.delete("account-uid")


def test_the_null_keyring_which_throws_secrets_away_counts_as_no_keyring() -> None:
    """Issue 15, finding 12: keyring's `null` backend accepts a token and keeps nothing; cmdesk says so instead."""
    from keyring.backends import null

    from cmdesk.credentials import KeyringCredentialStore, NoKeyringAvailable
    from cmdesk.domain import Secret

    store = KeyringCredentialStore(null.Keyring())
    with pytest.raises(NoKeyringAvailable):
        store.probe()
    with pytest.raises(NoKeyringAvailable):
        store.set("account-1", Secret("token"))
