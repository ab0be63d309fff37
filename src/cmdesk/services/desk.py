"""What the window needs from the application, as a protocol: submit commands to the writer thread, ask for a sync or
a send, read through the Reader. AppContext (app/context.py) is the implementation; panes type against `Desk`, so
ui/ never imports the composition root."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from cmdesk.domain.reader import Reader
from cmdesk.domain.reads import OutboxState
from cmdesk.services.commands import Command, Job
from cmdesk.services.sources import FeedChoice

if TYPE_CHECKING:
    from cmdesk.credentials.base import CredentialStore

T = TypeVar("T")


class Desk(Protocol):
    data_dir: Path
    reader: Reader
    """Everything the window reads (domain/reader.py)."""
    credentials: CredentialStore
    """The OS keyring, for the sign-in commands that keep a secret."""

    def submit(
        self,
        command: Command[T],
        then: Callable[[T], None] | None = None,
        failed: Callable[[str], None] | None = None,
    ) -> None:
        """Run the command on the writer thread; `then` gets its value, `failed` the reason it was refused (else the
        window's error bar shows it). Every command's changes are announced once, before `then` runs."""
        ...

    def submit_job(self, job: Job[T], then: Callable[[T], None] | None = None) -> None:
        """Run a whole-database job on the writer thread, then announce its changes and call `then`."""
        ...

    async def execute(self, command: Command[T]) -> T:
        """Run the command on the writer thread and wait for its value (from a coroutine); Refused says why not."""
        ...

    async def fetch_images(self, urls: list[str]) -> dict[str, bytes]:
        """The images at these addresses that could be fetched (only when the user asks: nothing loads by itself)."""
        ...

    async def save_attachment(self, message_id: int, part: int, destination: Path) -> Path:
        """Fetch an attachment from its server and write it whole; Refused says why not."""
        ...

    async def check_feed(self, url: str) -> FeedChoice:
        """Autodiscovery for an address the user typed (services/sources.py); Refused says why it is no feed."""
        ...

    def sync_now(self, account_id: int | None = None) -> None: ...

    def send_soon(self) -> None:
        """Something was queued in the outbox: the engine sends it now if the network allows, else later."""
        ...

    def forget_secret(self, account_uid: str) -> None:
        """After an account is removed: its secret leaves the keyring too."""
        ...


class Ingested(Protocol):
    @property
    def inserted(self) -> int: ...


class AccountOutcome(Protocol):
    """What the window reads of a finished account sync (sync.engine.AccountResult)."""

    @property
    def account_id(self) -> int: ...

    @property
    def ingested(self) -> Ingested: ...


class SendOutcome(Protocol):
    """What the window reads of an outbox entry's attempt (sync.outbox.SendResult)."""

    @property
    def state(self) -> OutboxState: ...

    @property
    def reason(self) -> str: ...
