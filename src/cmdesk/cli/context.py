"""What every command needs: the data dir, the database, an HTTP client, the credential store, the connectors."""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from pathlib import Path

from sqlalchemy import Connection

from cmdesk import paths
from cmdesk.connectors import registry
from cmdesk.connectors.base import Connector
from cmdesk.credentials import KeyringCredentialStore
from cmdesk.credentials.base import CredentialStore
from cmdesk.domain import NetworkId
from cmdesk.storage import workspace, workspace_reads
from cmdesk.storage.database import Database


class CommandError(Exception):
    """A command that could not do what was asked; the message is printed as `cmdesk: <message>`, exit 1."""


def open_data_dir(args: argparse.Namespace) -> Path:
    return paths.data_dir(getattr(args, "data_dir", None))


def open_database(args: argparse.Namespace) -> Database:
    return Database.open(open_data_dir(args))


def connectors(database: Database) -> Mapping[NetworkId, Connector]:
    """The connectors of the networks the workspace has accounts on: a sync of feeds and e-mail does not import
    what Mastodon, Bluesky, Meta, X, YouTube or Reddit need (~35 ms and 2.6 MB of every `cmdesk sync`)."""
    with database.snapshot() as connection:
        networks = {account.network for account in workspace_reads.list_accounts(connection)}
    return registry.build_connectors(networks)


def credential_store() -> CredentialStore:
    return KeyringCredentialStore()


def require_client(database: Database, name: str | None) -> None:
    """A `--client` that must name an existing client, checked before any sign-in (not after the user signed in for
    nothing); None (no `--client`) passes."""
    if name:
        with database.read() as connection:
            if workspace.find_client(connection, name) is None:
                raise CommandError(f"no client named {name!r}; add it with `cmdesk client add`")


def client_named(connection: Connection, name: str) -> workspace.Client:
    found = workspace.find_client(connection, name)
    if found is None:
        raise CommandError(f"no client named {name!r} (see `cmdesk client list`)")
    return found
