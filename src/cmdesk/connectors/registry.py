"""The one place that knows which networks cmdesk speaks: per network its connector factory, its `Capabilities`,
how an account is added (`SignInKind`) and how it is shown (name, colour, letter, icon name).

The engine, the CLI, the services and (through services/networks.py) the window ask the registry; outside
connectors/ and domain/ no code branches on a particular network. Adding a network is one connector package and
one `register(NetworkEntry(...))` here (or in a test, for a fake one).

This module is imported by the window before its first paint (for names and colours), so it imports nothing heavy:
each factory imports its connector when it is first called.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from cmdesk.domain import Account, Capabilities, LengthCounting, Network, NetworkId, Quota, SignInKind

if TYPE_CHECKING:
    from cmdesk.connectors.base import Connector


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name Qt's lupdate looks for
    """Marks a text for translation (scripts/update-translations reads this file); the UI translates it."""
    return text


@dataclass(frozen=True, slots=True)
class NetworkEntry:
    network: NetworkId
    name: str
    """Its name in English; the window shows it translated (context "Network")."""
    colour: str
    """The badge colour, "#rrggbb"."""
    letter: str
    """The one character on the badge."""
    icon: str
    """An icon name (Font Awesome's, as qtawesome spells them) for panes that draw icons."""
    sign_in: SignInKind
    capabilities: Capabilities
    factory: str | Callable[[], Connector]
    """Builds the connector (one per engine or command): "package.module:Class", imported only when a connector
    is built (so this table stays a leaf that every connector may read), or a callable (a test's fake network)."""
    quota: str = ""
    """"package.module:function" giving an account's metered quota now (`(Account, datetime) -> Quota | None`), for
    networks that meter one (imported when first asked); "" for none."""
    claims: str = ""
    """"package.module:function" saying whether an address is one of this network's channels (`(str) -> str | None`:
    the channel's canonical address, or None), for networks added from an address (imported when first asked)."""


MASTODON_MAX_LENGTH = 500
"""Mastodon's default limit; an instance may announce its own (`max_characters` in the account's settings)."""
MASTODON_IMAGE_TYPES = ("image/jpeg", "image/png", "image/gif", "image/webp")
MASTODON_MAX_MEDIA = 4
MASTODON_MAX_IMAGE_BYTES = 16 * 1024 * 1024
MASTODON_MAX_DESCRIPTION = 1500
YOUTUBE_MAX_LENGTH = 10_000
"""A YouTube comment's limit in characters."""
INSTAGRAM_MAX_LENGTH = 2_200
"""An Instagram comment's (and caption's) limit in characters."""
INSTAGRAM_MAX_IMAGE_BYTES = 8 * 1024 * 1024
"""Instagram's content publishing takes JPEGs of up to 8 MB."""
FACEBOOK_MAX_MEDIA = 10
FACEBOOK_IMAGE_TYPES = ("image/jpeg", "image/png", "image/gif")
FACEBOOK_MAX_IMAGE_BYTES = 4 * 1024 * 1024
"""Meta asks for photos under 4 MB."""
FACEBOOK_MAX_DESCRIPTION = 1_000
"""An image's description (Graph's `alt_text_custom`): Meta states no limit; cmdesk keeps Mastodon's order of size."""
FACEBOOK_MAX_LENGTH = 8_000
"""A Facebook comment's limit in characters (a Messenger message's is 2,000: the connector says so)."""
BLUESKY_MAX_LENGTH = 300
"""A post's limit in graphemes, as Bluesky counts them."""
BLUESKY_IMAGE_TYPES = ("image/jpeg", "image/png", "image/webp")
BLUESKY_MAX_IMAGE_BYTES = 1_000_000
"""The PDS's limit for an image blob (app.bsky.embed.images: maxSize 1,000,000)."""
BLUESKY_MAX_DESCRIPTION = 2_000
X_MAX_LENGTH = 280
"""A post's limit in X's weighted characters (a link counts 23, most CJK and emoji 2)."""
X_IMAGE_TYPES = ("image/jpeg", "image/png", "image/webp", "image/gif")
X_MAX_IMAGE_BYTES = 5 * 1024 * 1024
X_MAX_DESCRIPTION = 1_000
"""An image's alt text on X."""
REDDIT_MAX_LENGTH = 10_000
"""A Reddit comment's limit in characters."""
DISCOURSE_MAX_LENGTH = 32_000
"""A Discourse post's default limit in characters (the site setting `max_post_length`)."""
WORDPRESS_MAX_LENGTH = 65_525
"""A WordPress comment's limit in characters (`wp_get_comment_fields_max_lengths`: the column's 65,525)."""
DAILYMOTION_NO_REPLY = QT_TRANSLATE_NOOP(
    "Reply",
    "Dailymotion's API offers no comments: cmdesk shows the channel's videos with their views and likes; answer on "
    "Dailymotion itself (“Open the original” above).",
)


BUILT_IN = (
    NetworkEntry(
        network=Network.FEED,
        name=QT_TRANSLATE_NOOP("Network", "Feed"),
        colour="#ef6c00",
        letter="F",
        icon="fa5s.rss",
        sign_in=SignInKind.FEED_ADDRESS,
        capabilities=Capabilities(
            why_not_reply=QT_TRANSLATE_NOOP(
                "Reply",
                "Read through its feed: this blog or forum cannot be answered from cmdesk. Answer on the site itself; "
                "a WordPress site can be signed in to instead (File → Add a WordPress site).",
            ),
        ),
        factory="cmdesk.connectors.feeds.connector:FeedConnector",
    ),
    NetworkEntry(
        network=Network.MASTODON,
        name=QT_TRANSLATE_NOOP("Network", "Mastodon"),
        colour="#6364ff",
        letter="M",
        icon="fa5b.mastodon",
        sign_in=SignInKind.BROWSER_OAUTH,
        capabilities=Capabilities(
            can_reply=True,
            can_message=True,
            can_publish=True,
            max_length=MASTODON_MAX_LENGTH,
            length_counting=LengthCounting.CHARACTERS,
            max_media=MASTODON_MAX_MEDIA,
            media_types=MASTODON_IMAGE_TYPES,
            max_image_bytes=MASTODON_MAX_IMAGE_BYTES,
            max_description=MASTODON_MAX_DESCRIPTION,
            needs_credentials=True,
            can_favourite=True,
            can_boost=True,
            can_delete=True,
            can_monitor=True,
            can_schedule_natively=True,
        ),
        factory="cmdesk.connectors.mastodon.connector:MastodonConnector",
    ),
    NetworkEntry(
        network=Network.EMAIL,
        name=QT_TRANSLATE_NOOP("Network", "E-mail"),
        colour="#1e88e5",
        letter="@",
        icon="fa5s.at",
        sign_in=SignInKind.PASSWORD,
        capabilities=Capabilities(
            can_reply=True,
            needs_credentials=True,
            can_watch=True,
            can_mark_read=True,
            has_attachments=True,
            can_mail=True,
        ),
        factory="cmdesk.connectors.email.connector:EmailConnector",
    ),
    NetworkEntry(
        network=Network.YOUTUBE,
        name=QT_TRANSLATE_NOOP("Network", "YouTube"),
        colour="#e62117",
        letter="▶",
        icon="fa5b.youtube",
        sign_in=SignInKind.GOOGLE_OAUTH,
        capabilities=Capabilities(
            can_reply=True,
            max_length=YOUTUBE_MAX_LENGTH,
            length_counting=LengthCounting.CHARACTERS,
            needs_credentials=True,
            can_delete=True,
            can_moderate=True,
            can_hide=True,
            can_ban_authors=True,
        ),
        factory="cmdesk.connectors.youtube.connector:YouTubeConnector",
        quota="cmdesk.connectors.youtube.api:quota_of",
    ),
    NetworkEntry(
        network=Network.FACEBOOK,
        name=QT_TRANSLATE_NOOP("Network", "Facebook"),
        colour="#1877f2",
        letter="f",
        icon="fa5b.facebook",
        sign_in=SignInKind.META,
        capabilities=Capabilities(
            can_reply=True,
            can_message=True,
            can_publish=True,
            max_media=FACEBOOK_MAX_MEDIA,
            media_types=FACEBOOK_IMAGE_TYPES,
            max_image_bytes=FACEBOOK_MAX_IMAGE_BYTES,
            max_description=FACEBOOK_MAX_DESCRIPTION,
            can_schedule_natively=True,
            max_length=FACEBOOK_MAX_LENGTH,
            length_counting=LengthCounting.CHARACTERS,
            needs_credentials=True,
            can_favourite=True,
            can_delete=True,
            can_moderate=True,
            can_hide=True,
            can_reply_privately=True,
            acts_on_direct_messages=False,
            message_window_hours=24,
            message_window_tagged_hours=7 * 24,
        ),
        factory="cmdesk.connectors.meta.facebook:FacebookConnector",
    ),
    NetworkEntry(
        network=Network.INSTAGRAM,
        name=QT_TRANSLATE_NOOP("Network", "Instagram"),
        colour="#d62976",
        letter="◎",
        icon="fa5b.instagram",
        sign_in=SignInKind.META,
        capabilities=Capabilities(
            can_reply=True,
            can_message=True,
            max_length=INSTAGRAM_MAX_LENGTH,
            can_publish=True,
            needs_media=True,
            max_media=1,
            media_types=("image/jpeg",),
            max_image_bytes=INSTAGRAM_MAX_IMAGE_BYTES,
            max_description=FACEBOOK_MAX_DESCRIPTION,
            length_counting=LengthCounting.CHARACTERS,
            needs_credentials=True,
            can_delete=True,
            can_moderate=True,
            can_hide=True,
            can_reply_privately=True,
            acts_on_direct_messages=False,
            message_window_hours=24,
            message_window_tagged_hours=7 * 24,
        ),
        factory="cmdesk.connectors.meta.instagram:InstagramConnector",
    ),
    NetworkEntry(
        network=Network.BLUESKY,
        name=QT_TRANSLATE_NOOP("Network", "Bluesky"),
        colour="#1185fe",
        letter="b",
        icon="fa6b.bluesky",
        sign_in=SignInKind.APP_PASSWORD,
        capabilities=Capabilities(
            can_reply=True,
            can_publish=True,
            max_length=BLUESKY_MAX_LENGTH,
            length_counting=LengthCounting.GRAPHEMES,
            max_media=4,
            media_types=BLUESKY_IMAGE_TYPES,
            max_image_bytes=BLUESKY_MAX_IMAGE_BYTES,
            max_description=BLUESKY_MAX_DESCRIPTION,
            needs_credentials=True,
            can_favourite=True,
            can_boost=True,
            can_delete=True,
            can_monitor=True,
        ),
        factory="cmdesk.connectors.bluesky.connector:BlueskyConnector",
    ),
    NetworkEntry(
        network=Network.X,
        name=QT_TRANSLATE_NOOP("Network", "X"),
        colour="#0f1419",
        letter="𝕏",
        icon="fa6b.x-twitter",
        sign_in=SignInKind.X_OAUTH,
        capabilities=Capabilities(
            can_reply=True,
            can_message=True,
            can_publish=True,
            max_length=X_MAX_LENGTH,
            length_counting=LengthCounting.WEIGHTED,
            max_media=4,
            media_types=X_IMAGE_TYPES,
            max_image_bytes=X_MAX_IMAGE_BYTES,
            max_description=X_MAX_DESCRIPTION,
            needs_credentials=True,
            can_favourite=True,
            can_delete=True,
        ),
        factory="cmdesk.connectors.x.connector:XConnector",
        quota="cmdesk.connectors.x.api:quota_of",
    ),
    NetworkEntry(
        network=Network.REDDIT,
        name=QT_TRANSLATE_NOOP("Network", "Reddit"),
        colour="#ff4500",
        letter="r",
        icon="fa5b.reddit-alien",
        sign_in=SignInKind.REDDIT_OAUTH,
        capabilities=Capabilities(
            can_reply=True,
            can_message=True,
            max_length=REDDIT_MAX_LENGTH,
            length_counting=LengthCounting.CHARACTERS,
            needs_credentials=True,
            can_mark_read=True,
            can_monitor=True,
        ),
        factory="cmdesk.connectors.reddit.connector:RedditConnector",
    ),
    NetworkEntry(
        network=Network.WORDPRESS,
        name=QT_TRANSLATE_NOOP("Network", "WordPress"),
        colour="#21759b",
        letter="W",
        icon="fa5b.wordpress",
        sign_in=SignInKind.SITE_PASSWORD,
        capabilities=Capabilities(
            can_reply=True,
            max_length=WORDPRESS_MAX_LENGTH,
            length_counting=LengthCounting.CHARACTERS,
            needs_credentials=True,
            can_moderate=True,
            can_trash=True,
        ),
        factory="cmdesk.connectors.wordpress.connector:WordPressConnector",
    ),
    NetworkEntry(
        network=Network.DISCOURSE,
        name=QT_TRANSLATE_NOOP("Network", "Discourse"),
        colour="#0f7fbf",
        letter="D",
        icon="fa5b.discourse",
        sign_in=SignInKind.USER_API_KEY,
        capabilities=Capabilities(
            can_reply=True,
            can_message=True,
            max_length=DISCOURSE_MAX_LENGTH,
            length_counting=LengthCounting.CHARACTERS,
            needs_credentials=True,
        ),
        factory="cmdesk.connectors.discourse.connector:DiscourseConnector",
    ),
    NetworkEntry(
        network=Network.DAILYMOTION,
        name=QT_TRANSLATE_NOOP("Network", "Dailymotion"),
        colour="#0a0a0a",
        letter="d",
        icon="fa5b.dailymotion",
        sign_in=SignInKind.CHANNEL_ADDRESS,
        capabilities=Capabilities(why_not_reply=DAILYMOTION_NO_REPLY),
        factory="cmdesk.connectors.dailymotion.connector:DailymotionConnector",
        claims="cmdesk.connectors.dailymotion.api:claims",
    ),
)

_entries: dict[NetworkId, NetworkEntry] = {entry.network: entry for entry in BUILT_IN}

UNKNOWN_REPLY = QT_TRANSLATE_NOOP("Reply", "Replying from cmdesk to this network is not available yet.")


def register(entry: NetworkEntry) -> None:
    """Add (or replace) a network. Built-in networks are registered at import; a test registers a fake one."""
    _entries[entry.network] = entry


def unregister(network: NetworkId) -> None:
    _entries.pop(network, None)


def entries() -> Iterator[NetworkEntry]:
    """Every network cmdesk speaks, in the order it lists them."""
    return iter(tuple(_entries.values()))


def entry(network: NetworkId) -> NetworkEntry | None:
    return _entries.get(network)


def capabilities(network: NetworkId) -> Capabilities:
    """What cmdesk can do on this network; for one it does not know (an account added by a newer version), nothing,
    with the reason."""
    found = _entries.get(network)
    return found.capabilities if found is not None else Capabilities(why_not_reply=UNKNOWN_REPLY)


def display_name(network: NetworkId) -> str:
    found = _entries.get(network)
    return found.name if found is not None else network


def networks_where(test: Callable[[Capabilities], bool]) -> tuple[NetworkId, ...]:
    """The networks whose capabilities pass `test` (e.g. those that carry read marks to the server)."""
    return tuple(network for network, found in _entries.items() if test(found.capabilities))


def with_sign_in(kind: SignInKind) -> tuple[NetworkEntry, ...]:
    return tuple(found for found in _entries.values() if found.sign_in is kind)


def build(entry: NetworkEntry) -> Connector:
    """A connector for this network."""
    if callable(entry.factory):
        return entry.factory()
    module, _, name = entry.factory.partition(":")
    made: Connector = getattr(importlib.import_module(module), name)()
    return made


def quota(account: Account, now: datetime) -> Quota | None:
    """The metered quota the account spends now, if its network meters one."""
    found = entry(account.network)
    if found is None or not found.quota:
        return None
    module, name = found.quota.split(":")
    reading: Callable[[Account, datetime], Quota | None] = getattr(importlib.import_module(module), name)
    return reading(account, now)


def claiming(address: str) -> tuple[NetworkEntry, str] | None:
    """The network whose channel this address is, with the channel's canonical address; None for any other address
    (a feed's, a site's)."""
    for found in entries():
        if not found.claims:
            continue
        module, name = found.claims.split(":")
        said: Callable[[str], str | None] = getattr(importlib.import_module(module), name)
        channel = said(address)
        if channel:
            return found, channel
    return None


def connector_modules() -> list[str]:
    """The modules `build` imports, for a window to import them off its event loop before the engine is made."""
    return sorted({entry.factory.partition(":")[0] for entry in _entries.values() if isinstance(entry.factory, str)})


def build_connectors(networks: Iterable[NetworkId] | None = None) -> dict[NetworkId, Connector]:
    """One connector per registered network (or per one of `networks`: a command's engine needs only those of the
    workspace's accounts, and each connector's module is imported when it is built), for an engine or a command."""
    wanted = _entries.keys() if networks is None else set(networks)
    return {network: build(found) for network, found in _entries.items() if network in wanted}
