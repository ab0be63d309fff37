"""`cmdesk keyring`: which system keyring cmdesk uses for passwords and tokens, and whether it works (a test secret
is written, read back and removed). For "why can't cmdesk keep my password?", and to check a bundle finds the
desktop's keyring."""

from __future__ import annotations

import argparse
import uuid

from cmdesk.cli.context import CommandError, credential_store
from cmdesk.credentials.base import NoKeyringAvailable
from cmdesk.credentials.keyring_store import KeyringCredentialStore
from cmdesk.domain import Secret


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    check = commands.add_parser("keyring", parents=[common], help="which system keyring holds the secrets, and a test")
    check.set_defaults(handler=check_keyring)


def check_keyring(args: argparse.Namespace) -> int:
    store = credential_store()
    name = store.backend_name if isinstance(store, KeyringCredentialStore) else type(store).__name__
    probe = f"selftest-{uuid.uuid4().hex}"
    try:
        store.probe()
        store.set(probe, Secret("cmdesk keyring self-test"))
        read = store.get(probe)
        store.delete(probe)
    except NoKeyringAvailable as error:
        raise CommandError(f"keyring {name}: {error}") from None
    if read is None or read.reveal() != "cmdesk keyring self-test":
        raise CommandError(f"keyring {name}: a test secret could not be read back")
    print(f"keyring: {name} (works: a test secret was stored, read back and removed)")
    return 0
