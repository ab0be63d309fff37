"""The demo workspace as a use case: loaded or removed as a whole (through the real ingest path, several
transactions), so the window offers it on first run and takes it away on request, like `cmdesk demo`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cmdesk.domain.reader import Reader
from cmdesk.services.commands import Changes, Done, Job

if TYPE_CHECKING:
    from cmdesk.storage.database import Database

WHOLE_WORKSPACE = Changes(views=True, labels=True)


def loaded(reader: Reader) -> bool:
    return any(client.is_demo for client in reader.clients())


def load() -> Job[int]:
    """Load it (beside any real client of the same name); the value is how many messages it brought."""

    def job(database: Database) -> Done[int]:
        from cmdesk.demo import load_demo

        return Done(load_demo(database), WHOLE_WORKSPACE)

    return job


def remove() -> Job[int]:
    def job(database: Database) -> Done[int]:
        from cmdesk.demo import remove_demo

        return Done(remove_demo(database), WHOLE_WORKSPACE)

    return job
