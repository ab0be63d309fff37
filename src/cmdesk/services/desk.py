"""What the window needs from the application, as a protocol: submit commands to the writer thread, ask for a sync or
a send, read through the Reader. AppContext (app/context.py) is the implementation; panes type against `Desk`, so
ui/ never imports the composition root."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol, TypeVar

from cmdesk.services.commands import Command
from cmdesk.services.sources import FeedChoice

T = TypeVar("T")


class Desk(Protocol):
    data_dir: Path

    def submit(
        self,
        command: Command[T],
        then: Callable[[T], None] | None = None,
        failed: Callable[[str], None] | None = None,
    ) -> None:
        """Run the command on the writer thread; `then` gets its value, `failed` the reason it was refused (else the
        window's error bar shows it). Every command's changes are announced once, before `then` runs."""
        ...

    async def execute(self, command: Command[T]) -> T:
        """Run the command on the writer thread and wait for its value (from a coroutine); Refused says why not."""
        ...

    async def check_feed(self, url: str) -> FeedChoice:
        """Autodiscovery for an address the user typed (services/sources.py); Refused says why it is no feed."""
        ...

    def sync_now(self, account_id: int | None = None) -> None: ...

    def send_soon(self) -> None:
        """Something was queued in the outbox: the engine sends it now if the network allows, else later."""
        ...
