"""The Connector protocol and the typed errors every connector raises; the sync engine decides what to do with them.

A connector never sleeps, never retries and never touches the database: it turns one request/response exchange into
a `Page` (or a `RemoteRef` for an outgoing act) or raises one of the errors below.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, ClassVar, Protocol, runtime_checkable

from cmdesk.domain import Account, Action, Capabilities, Cursor, Download, NetworkId, Page, RemoteRef, Secret

if TYPE_CHECKING:
    import httpx


class ConnectorError(Exception):
    """Base of the typed connector errors. `str(error)` is a one-line reason fit for the CLI and the UI."""


class AuthExpired(ConnectorError):
    """The credentials were refused (revoked token, changed password): the user must sign in again."""


class RateLimited(ConnectorError):
    """The server asked us to slow down; nothing should be sent to it before `retry_at` (aware UTC)."""

    def __init__(self, retry_at: datetime, reason: str = "rate-limited by the server") -> None:
        super().__init__(reason)
        self.retry_at = retry_at


class Transient(ConnectorError):
    """Worth retrying later on its own: network down, timeout, 5xx."""


class Permanent(ConnectorError):
    """Will not fix itself: wrong address, not a feed, 404/410, TLS certificate refused. Needs the user."""


class Uncertain(ConnectorError):
    """It cannot be known whether the act reached the network (the connection broke, or cmdesk stopped, while it was
    being handed over, and the network keeps no trace to look for): sending again could make a double, so the
    outbox shows it as needing the user's check."""


class BadPayload(ConnectorError):
    """The server answered, but with something that cannot be understood (broken XML/JSON, unexpected shape)."""


ITEM_FAILURES: tuple[type[Exception], ...] = (
    ValueError,
    TypeError,
    KeyError,
    IndexError,
    AttributeError,
    OverflowError,
    RecursionError,
)
"""What a stranger's item can make its parsing raise (a list where a string was due, a number where a list, a date
past year 9999, nesting too deep). Each connector catches these per item: the item is counted as bad with the
reason, and the rest of the page and its cursor go on."""


def item_problem_text(error: Exception) -> str:
    """A bad item's reason, in one line."""
    return f"{type(error).__name__}: {error}"[:300]


class Connector(Protocol):
    network: ClassVar[NetworkId]
    capabilities: ClassVar[Capabilities]

    async def pull(self, client: httpx.AsyncClient, account: Account, cursor: Cursor) -> Page:
        """Fetch what is new since `cursor`; the returned Page carries the cursor to store with its items."""
        ...

    async def perform(self, client: httpx.AsyncClient, account: Account, action: Action) -> RemoteRef:
        """Carry out an outgoing act; must be safe to repeat with the same `action.idempotency_key`."""
        ...

    async def find_sent(
        self, client: httpx.AsyncClient, account: Account, action: Action, since: datetime
    ) -> RemoteRef | None:
        """Look on the network for this act having already happened (an earlier attempt that got no answer):
        its RemoteRef, or None when it is certainly not there. Raise Permanent when it cannot be known."""
        ...


@runtime_checkable
class SchedulingConnector(Connector, Protocol):
    """A connector whose network publishes posts at a given time itself (`capabilities.can_schedule_natively`):
    a post handed over goes out with cmdesk closed. Withdrawing a copy is the `Withdraw` act, through `perform`."""

    async def hand_over(self, client: httpx.AsyncClient, account: Account, action: Action, at: datetime) -> str:
        """Give the post to the network's scheduler for `at`; the id of its copy there (FIXED_SCHEDULE-prefixed
        when the network cannot withdraw or change it through its API). Same errors as `perform`."""
        ...

    async def find_handed_over(
        self, client: httpx.AsyncClient, account: Account, action: Action, at: datetime
    ) -> str | None:
        """An earlier hand-over of this post that got no answer: its copy's id on the scheduler, or None."""
        ...

    async def published(
        self, client: httpx.AsyncClient, account: Account, action: Action, schedule_id: str, at: datetime
    ) -> RemoteRef | None:
        """After its time: the post the network published (None: still on its scheduler, the network is late).
        Permanent when the copy is gone without being published (removed on the network's site)."""
        ...


@runtime_checkable
class RenewingConnector(Connector, Protocol):
    """A connector whose sign-in holds a short-lived access token and the means to renew it (OAuth refresh)."""

    async def renew(self, client: httpx.AsyncClient, account: Account, now: datetime) -> Secret | None:
        """The account's secret renewed when its access token is about to expire (for the caller to keep in the
        keyring before using it), None when it is still good or cannot be renewed. AuthExpired when the network
        ended the sign-in."""
        ...


class ReadOnly:
    """What a connector that can send nothing answers the outbox (feeds, a Dailymotion channel): every act refused
    with its network's reason (`capabilities.why_not_reply`), nothing ever found sent."""

    capabilities: ClassVar[Capabilities]

    async def perform(self, client: httpx.AsyncClient, account: Account, action: Action) -> RemoteRef:
        raise Permanent(self.capabilities.why_not_reply)

    async def find_sent(
        self, client: httpx.AsyncClient, account: Account, action: Action, since: datetime
    ) -> RemoteRef | None:
        return None


@dataclass(frozen=True, slots=True)
class ChannelFound:
    """A public channel found from its address (ChannelConnector): its page, its name, what its account keeps in
    its settings, and what it holds."""

    url: str
    title: str
    settings: Mapping[str, object]
    videos: int = 0
    followers: int = 0


class ChannelConnector(Connector, Protocol):
    """A connector that reads a public channel with no sign-in, added from its address (the registry's `claims`)."""

    async def check_channel(self, client: httpx.AsyncClient, address: str, api_base: str | None) -> ChannelFound:
        """The channel at this address (`api_base`: its API's origin instead of the network's, for tests)."""
        ...


class WatchingConnector(Connector, Protocol):
    """A connector whose server can say when something changed (`capabilities.can_watch`)."""

    async def wait_for_change(self, account: Account) -> bool:
        """Wait until the server reports a change (True) or a quiet while passes (False, wait again).
        Raise Transient to be retried later, anything else to stop watching (syncing on a timer goes on)."""
        ...


class AttachmentConnector(Connector, Protocol):
    """A connector that lists attachments without their contents (`Attachment.url` "part:N") and fetches one when
    the user asks for it."""

    async def fetch_attachment(self, account: Account, message_remote_id: str, part: int) -> Download:
        """The message's `part`-th attachment; Permanent when the message or the part is no longer there."""
        ...
