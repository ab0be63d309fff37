"""Laptops of a team for tests: each a data folder with its own database and keyring, joined to one team database
(tests/support/postgres_server.py)."""

from __future__ import annotations

from pathlib import Path

from cmdesk.credentials.memory import MemoryCredentialStore
from cmdesk.domain import Kind, Secret
from cmdesk.domain.team import parse_team_url
from cmdesk.services import team, triage
from cmdesk.storage import ingest, queries
from cmdesk.storage.database import Database
from tests.support.factories import item, make_account
from tests.support.postgres_server import TeamDatabase


class Laptop:
    """One laptop: a data folder, a database, a keyring of its own."""

    def __init__(self, folder: Path, name: str, person: str) -> None:
        self.folder = folder
        self.name = name
        self.person = person
        self.database = Database.open(folder)
        self.keyring = MemoryCredentialStore()

    def join(self, shared: TeamDatabase, **options: object) -> team.Joined:
        return team.join(
            self.database,
            self.folder,
            parse_team_url(shared.url),
            Secret(shared.password),
            self.keyring,
            laptop=self.name,
            person=self.person,
            **options,  # type: ignore[arg-type]
        )

    def conversation(self, remote_id: str) -> queries.Conversation:
        with self.database.read() as connection:
            found = [c for c in queries.conversation_page(connection, queries.ConversationFilter(), limit=500)]
        return next(c for c in found if c.remote_id == remote_id)

    def replay(self) -> team.Replayed:
        return team.replay(self.database, self.keyring)


def workspace_of_comments(laptop: Laptop, conversations: int = 5) -> None:
    """A client, a feed account and `conversations` comment threads, and a label "Urgent"."""
    account = make_account(laptop.database)
    with laptop.database.write() as connection:
        ingest.ingest_items(connection, account.id, [item(n, kind=Kind.COMMENT) for n in range(conversations)])
        triage.create_label("Urgent", "#d32f2f")(connection)


def anna_and_bruno(root: Path, shared: TeamDatabase, conversations: int = 5) -> tuple[Laptop, Laptop]:
    """Anna's laptop with a workspace, joined first (it becomes the team's); Bruno's joined after, its copy filled."""
    anna = Laptop(root / "anna", "anna-laptop", "Anna")
    workspace_of_comments(anna, conversations)
    anna.join(shared)
    bruno = Laptop(root / "bruno", "bruno-laptop", "Bruno")
    bruno.join(shared)
    return anna, bruno
