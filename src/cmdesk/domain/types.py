"""The domain types every layer speaks: what a connector returns, what storage ingests, what the UI shows.

They are frozen dataclasses so they can cross threads and processes (the feed parser runs in a worker process)
and can never be mutated behind a layer's back.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from datetime import datetime
from enum import StrEnum
from itertools import repeat
from operator import attrgetter
from typing import Any, TypeVar

from cmdesk.domain.acts import Act, target_of

Cursor = Mapping[str, Any]
"""A connector's opaque, JSON-serialisable position in an account's stream (ETag, last id, UID…)."""


_Class = TypeVar("_Class", bound=type)


def quick_pickling(cls: _Class) -> _Class:
    """A frozen slotted dataclass pickled as the tuple of its fields, read and set in C: what crosses from the feed
    parser processes (a page of 1,000 items) unpickles in 13 ms instead of 18 and pickles in 10 instead of 18, where
    the standard ones ask `dataclasses.fields` again for every object."""
    names = tuple(each.name for each in fields(cls))
    read = attrgetter(*names)
    single = len(names) == 1
    assign = object.__setattr__

    def __getstate__(self: Any) -> tuple[Any, ...]:
        return (read(self),) if single else read(self)

    def __setstate__(self: Any, state: tuple[Any, ...]) -> None:
        deque(map(assign, repeat(self, len(names)), names, state), maxlen=0)

    cls.__getstate__ = __getstate__  # type: ignore[method-assign,assignment]
    cls.__setstate__ = __setstate__  # type: ignore[attr-defined]
    return cls


NetworkId = str
"""Which network an account is on: the key of its entry in connectors/registry.py ("feed", "mastodon", "email"…).
A plain string, so that a network is added by one registry entry, without a change here."""


class Network(StrEnum):
    """The networks cmdesk ships (their `NetworkId`s). Only connectors/ and domain/ name one of them: everything
    else asks the registry what a network can do."""

    FEED = "feed"
    MASTODON = "mastodon"
    EMAIL = "email"
    YOUTUBE = "youtube"
    FACEBOOK = "facebook"
    INSTAGRAM = "instagram"
    DAILYMOTION = "dailymotion"
    BLUESKY = "bluesky"
    X = "x"
    REDDIT = "reddit"
    WORDPRESS = "wordpress"
    DISCOURSE = "discourse"


class SignInKind(StrEnum):
    """How an account of a network is added, which chooses the sign-in dialog and the CLI's questions."""

    FEED_ADDRESS = "feed_address"
    """An address to read (a feed, or a page that advertises one): no secret."""
    BROWSER_OAUTH = "browser_oauth"
    """The user signs in in the browser (OAuth 2, loopback or out-of-band redirect); a token in the keyring."""
    GOOGLE_OAUTH = "google_oauth"
    """The user's own Google OAuth client (id and secret, made once in Google Cloud), then the browser (YouTube)."""
    REDDIT_OAUTH = "reddit_oauth"
    """The user's own Reddit "installed app" (its client id, made once in Reddit's app preferences), then the
    browser."""
    X_OAUTH = "x_oauth"
    """The user's own X app (its client id, made once in X's developer console), then the browser."""
    APP_PASSWORD = "app_password"
    """A handle and an app password made for cmdesk in the network's settings (Bluesky): a session in the keyring,
    never the password."""
    SITE_PASSWORD = "site_password"
    """A self-hosted site's address, the user's login there and an application password made for cmdesk in their
    profile (WordPress): the password in the keyring."""
    USER_API_KEY = "user_api_key"
    """A forum's address, then the user approves cmdesk on the forum's page (Discourse's User API Key handshake),
    or a site administrator's API key with the username it acts as: the key in the keyring."""
    CHANNEL_ADDRESS = "channel_address"
    """The address of a public channel, read through its network's API with no sign-in (a Dailymotion channel):
    added from "Add a source" like a feed."""
    META = "meta"
    """A token of the user's own Meta app (made once in Meta's developer site), pasted; the Facebook Pages and
    Instagram accounts it can act for are chosen from it."""
    TOKEN = "token"
    """The user pastes a token or an app password made on the network's site."""
    PASSWORD = "password"
    """An address and a password (e-mail: IMAP and SMTP)."""


class Kind(StrEnum):
    """What a conversation is, which decides the saved view it lands in."""

    FEED = "feed"
    MENTION = "mention"
    MESSAGE = "message"
    COMMENT = "comment"
    EMAIL = "email"


class Status(StrEnum):
    OPEN = "open"
    PENDING = "pending"
    SNOOZED = "snoozed"
    DONE = "done"


class Direction(StrEnum):
    INBOUND = "in"
    OUTBOUND = "out"


class Health(StrEnum):
    """An account's sync health as the Sources pane and `cmdesk account list` show it."""

    NEW = "new"
    OK = "ok"
    SYNCING = "syncing"
    RETRYING = "retrying"
    RATE_LIMITED = "rate_limited"
    NEEDS_ATTENTION = "needs_attention"


class LengthCounting(StrEnum):
    NONE = "none"
    CHARACTERS = "characters"
    GRAPHEMES = "graphemes"
    WEIGHTED = "weighted"


class Secret:
    """A credential value that never shows itself in a repr, a log line or a traceback."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret(***)"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)


@dataclass(frozen=True, slots=True)
class Capabilities:
    """What a network lets cmdesk do, so the UI can disable what cannot work and say why (connectors/registry.py
    holds one per network)."""

    can_reply: bool = False
    can_message: bool = False
    can_publish: bool = False
    max_length: int | None = None
    length_counting: LengthCounting = LengthCounting.NONE
    max_media: int = 0
    """How many images a post may carry (0: none)."""
    media_types: tuple[str, ...] = ()
    max_image_bytes: int = 0
    max_description: int = 0
    """The longest image description (alt text) the network keeps."""
    needs_credentials: bool = False
    why_not_reply: str = ""
    """Why a conversation of this network cannot be answered from cmdesk, in English: the UI shows it translated
    (context "Reply"), the CLI as it is. Empty when `can_reply`."""
    can_watch: bool = False
    """The connector has `wait_for_change` (e-mail: IMAP IDLE): the engine syncs as soon as the server says so."""
    can_favourite: bool = False
    can_boost: bool = False
    can_delete: bool = False
    can_mark_read: bool = False
    """Reading a conversation in cmdesk is carried to the network (e-mail's \\Seen)."""
    message_window_hours: int = 0
    """A direct message can be answered only this long after the person's last message (0: any time)."""
    message_window_tagged_hours: int = 0
    """…and this long when the answer says a person writes it (Meta's human agent tag)."""
    can_ban_authors: bool = False
    """Hiding a comment can also keep its author from commenting again (YouTube)."""
    needs_media: bool = False
    """A post needs an image (Instagram)."""
    acts_on_direct_messages: bool = True
    """Favourite, boost and delete apply to direct messages too (Mastodon's are statuses; Meta's are not)."""
    can_reply_privately: bool = False
    """A comment can be answered in a private message to its author (Facebook's private replies)."""
    can_moderate: bool = False
    """Others' comments can wait for the account's approval (held for moderation), and be approved from cmdesk."""
    can_hide: bool = False
    """Someone else's comment can be hidden from the public (YouTube's rejection, Meta's hiding)."""
    can_trash: bool = False
    """Someone else's comment can be sent to the site's trash or marked as spam (WordPress)."""
    can_schedule_natively: bool = False
    can_monitor: bool = False
    """Keyword and hashtag monitors can be pulled through this network's accounts."""
    has_attachments: bool = False
    """Attachments are listed without their contents and fetched when the user asks (`fetch_attachment`)."""
    can_mail: bool = False
    """A new message with files attached can be sent to any address (e-mail: a scheduled report to management)."""


@dataclass(frozen=True, slots=True)
class Account:
    """A configured source or social account, as a connector needs it (no database handle, no widget)."""

    id: int
    uid: str
    client_id: int
    network: NetworkId
    name: str
    address: str
    settings: Mapping[str, Any] = field(default_factory=dict)
    is_demo: bool = False
    secret: Secret | None = field(default=None, repr=False, compare=False)
    usage: Mapping[tuple[str, str], int] = field(default_factory=dict, compare=False)
    """Units spent per (meter, period) as the ledger has them (storage/usage.py), given by the engine before a pull,
    for a connector whose network meters a quota shared by several accounts (a Google project's daily units)."""


@dataclass(frozen=True, slots=True)
class Usage:
    """Units a network's meter counted for cmdesk's requests: `meter` names what the network meters (one Google
    project: "youtube:123456789012"), `period` its current period as the network counts it (a Pacific day)."""

    meter: str
    period: str
    units: int

    @staticmethod
    def added(known: Mapping[tuple[str, str], int], spent: Iterable[Usage]) -> dict[tuple[str, str], int]:
        """`known` (units per meter and period) with what was `spent` since."""
        total = dict(known)
        for usage in spent:
            total[usage.meter, usage.period] = total.get((usage.meter, usage.period), 0) + usage.units
        return total


@dataclass(frozen=True, slots=True)
class Quota:
    """A metered quota an account spends, as its network counts it now: the meter (shared by the accounts of one
    Google project), its current period, how many units it allows and when it starts again (aware UTC)."""

    meter: str
    period: str
    limit: int
    resets_at: datetime
    shared_by: str = ""
    """What shares it, for the user ("Google project 123456789012"); "" when the account has it alone."""
    money: bool = False
    """Units are micro-dollars spent (X's pay-per-use), a monthly budget, not a daily allowance of units."""


@quick_pickling
@dataclass(frozen=True, slots=True)
class Author:
    name: str = ""
    handle: str = ""
    url: str = ""
    email: str = ""
    followers: int | None = None
    """How many follow them, where the network tells it (their reach, for the crisis view)."""

    @property
    def remote_id(self) -> str:
        """The most stable identifier the source gives for this person."""
        return self.handle or self.url or self.email or self.name

    @property
    def display(self) -> str:
        return self.name or self.handle or self.email or self.url


@quick_pickling
@dataclass(frozen=True, slots=True)
class Attachment:
    url: str
    media_type: str = ""
    title: str = ""
    length: int | None = None
    role: str = "enclosure"
    preview_url: str = ""

    def to_json(self) -> dict[str, Any]:
        data = {"url": self.url, "type": self.media_type, "title": self.title, "length": self.length, "role": self.role}
        if self.preview_url:
            data["preview_url"] = self.preview_url
        return data


@dataclass(frozen=True, slots=True)
class Download:
    """An attachment fetched from its server when the user asked for it (never kept in the database)."""

    filename: str
    media_type: str
    data: bytes


@quick_pickling
@dataclass(frozen=True, slots=True)
class Item:
    """One remote message (post, comment, mail, status) normalised by a connector.

    `remote_id` is its identity within the account; `thread_key` names the conversation it belongs to (for a post, its
    own id; for a comment, the post's). `created_at` is timezone-aware UTC, or None when the source gives no date, in
    which case storage keeps the time it first saw the item.
    """

    remote_id: str
    thread_key: str
    kind: Kind
    text: str
    html: str = ""
    title: str = ""
    thread_title: str = ""
    url: str = ""
    author: Author = field(default_factory=Author)
    created_at: datetime | None = None
    updated_at: datetime | None = None
    parent_remote_id: str = ""
    direction: Direction = Direction.INBOUND
    attachments: tuple[Attachment, ...] = ()
    content_warning: str = ""
    """A content warning (Mastodon's spoiler text): the UI keeps the message collapsed until the user opens it."""
    seen: bool = False
    """Already read elsewhere (an e-mail with \\Seen on the server): arriving, it does not make its thread unread."""
    held: bool = False
    """Waiting for the account's moderation on the network (YouTube's "held for review"): not public until the
    account approves it."""


@dataclass(frozen=True, slots=True)
class Activity:
    """Something done to the account or its posts that is not a message: a favourite, a boost, a follow. Shown on
    the post and counted for reports; never a conversation of its own."""

    remote_id: str
    kind: str
    actor: Author
    target_remote_id: str = ""
    created_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Measure:
    """A count the network keeps for a message and shows to anyone (a video's views or likes), read at each pull:
    stored as that day's figure, shown on the message and followed over days for reports."""

    remote_id: str
    metric: str
    """"view", "like", "comment"…"""
    value: int


@quick_pickling
@dataclass(frozen=True, slots=True)
class ItemProblem:
    """Something in a payload that could not become an Item; the rest of the page still ingests."""

    where: str
    detail: str


@dataclass(frozen=True, slots=True)
class Page:
    """What one pull returns: items, the cursor to store with them (in the same transaction), more waiting or not."""

    items: tuple[Item, ...]
    cursor: Cursor
    has_more: bool = False
    problems: tuple[ItemProblem, ...] = ()
    not_modified: bool = False
    activities: tuple[Activity, ...] = ()
    deleted: tuple[str, ...] = ()
    """Remote ids of messages the network says no longer exist: kept, and shown as deleted."""
    seen: tuple[str, ...] = ()
    """Remote ids of messages read elsewhere (e-mail \\Seen): a conversation whose incoming messages are all among
    them becomes read."""
    usage: tuple[Usage, ...] = ()
    """What the pull spent of a metered quota, added to the ledger with the page."""
    measures: tuple[Measure, ...] = ()
    """Counts read with this page (a video's views): each kept as its day's figure."""


@dataclass(frozen=True, slots=True)
class Action:
    """An outgoing act (domain/acts.py: Reply, Post, Favourite…) carried from the outbox to a connector, with the
    key that makes sending it twice harmless where the network keeps one."""

    act: Act
    idempotency_key: str

    @property
    def kind(self) -> str:
        return self.act.KIND

    @property
    def target_remote_id(self) -> str:
        return target_of(self.act)


DEMO_SENT_PREFIX = "demo-sent-"
"""The remote id of what a demo account "sent": it never left the computer (sync/demo_sending.py)."""


@dataclass(frozen=True, slots=True)
class RemoteRef:
    """Where an outgoing act landed; `item` is the created message when the network returns it (a reply, a post),
    so it can join its thread at once."""

    remote_id: str
    url: str = ""
    item: Item | None = None
    usage: tuple[Usage, ...] = ()
    """What the act spent of a metered quota."""
