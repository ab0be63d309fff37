"""Clients and their sources: add a client or a feed, rename, remove (with what was synced), check a feed address
before adding it. Secrets of removed accounts are the caller's to forget (the keyring is not the database)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast
from urllib.parse import urlsplit

from cmdesk.connectors import registry
from cmdesk.domain import Account, SignInKind
from cmdesk.services.commands import Changes, Command, Done, Refused
from cmdesk.storage.workspace_reads import Client

if TYPE_CHECKING:
    import httpx
    from sqlalchemy import Connection


def web_address(text: str) -> str:
    """An address a person typed, made whole (https:// when it names no scheme); Refused says why it is none."""
    url = text.strip()
    if "://" not in url:
        url = "https://" + url
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is no number or out of range
    except ValueError as error:
        raise Refused(f"not a web address: {url!r} ({error})") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise Refused(f"not a web address: {url!r} (expected http:// or https://)")
    return url


def add_client(name: str) -> Command[Client]:
    def command(connection: Connection) -> Done[Client]:
        from cmdesk.storage import workspace

        client = workspace.add_client(connection, name)
        return Done(client, Changes(clients=frozenset([client.id])))

    return command


def rename_client(client_id: int, name: str) -> Command[None]:
    def command(connection: Connection) -> Done[None]:
        from cmdesk.storage import workspace

        workspace.rename_client(connection, client_id, name)
        return Done(None, Changes(clients=frozenset([client_id])))

    return command


def remove_client(client_id: int) -> Command[list[Account]]:
    """The client, its sources and everything they brought; the value is the removed accounts."""

    def command(connection: Connection) -> Done[list[Account]]:
        from cmdesk.storage import workspace

        removed = [a for a in workspace.list_accounts(connection) if a.client_id == client_id]
        workspace.remove_client(connection, client_id)
        return Done(removed, Changes(clients=frozenset([client_id]), accounts=_ids(removed), views=True))

    return command


def rename_account(account_id: int, name: str) -> Command[None]:
    def command(connection: Connection) -> Done[None]:
        from cmdesk.storage import workspace

        workspace.get_account(connection, account_id)
        workspace.rename_account(connection, account_id, name)
        return Done(None, Changes(accounts=frozenset([account_id])))

    return command


def correct_prices(account_id: int, corrections: Mapping[str, float], cap: float | None = None) -> Command[Account]:
    """The user's own price table for a pay-per-use account (dollars per unit, merged into its `x_prices`), and its
    client's monthly cap; the account as it is now."""

    def command(connection: Connection) -> Done[Account]:
        from cmdesk.storage import workspace

        account = workspace.get_account(connection, account_id)
        table = dict(account.settings.get("x_prices") or {})
        table.update(corrections)
        settings = {**account.settings, "x_prices": table}
        if cap is not None:
            settings["x_monthly_cap"] = cap
        workspace.update_account_settings(connection, account_id, settings)
        return Done(workspace.get_account(connection, account_id), Changes(accounts=frozenset([account_id])))

    return command


def remove_account(account_id: int) -> Command[list[Account]]:
    def command(connection: Connection) -> Done[list[Account]]:
        from cmdesk.storage import workspace

        removed = workspace.remove_account(connection, account_id)
        return Done([removed], Changes(accounts=frozenset([account_id]), views=True))

    return command


def holding_secrets(accounts: list[Account]) -> list[Account]:
    """Those of these accounts whose network keeps a secret in the keyring."""
    return [a for a in accounts if registry.capabilities(a.network).needs_credentials]


def feed_network() -> str:
    """The network that reads an address (feeds): the registry's entry signed in by a feed address."""
    found = registry.with_sign_in(SignInKind.FEED_ADDRESS)
    if not found:
        raise Refused("this cmdesk reads no feeds")
    return found[0].network


def add_feed(
    client_name: str | None, url: str, name: str, *, create_client: bool = True, choice: FeedChoice | None = None
) -> Command[Account]:
    """A feed source for the named client — made on the spot when `create_client` (the window, where typing a new
    name means a new client), else the client must exist (the CLI's --client). With the `choice` a check made of a
    channel address (FeedChoice.network), that network's account for the channel instead."""
    network = choice.network if choice is not None and choice.network else feed_network()
    settings = dict(choice.settings) if choice is not None else {}

    def command(connection: Connection) -> Done[Account]:
        from cmdesk.storage import workspace

        client = workspace.resolve_client(connection, client_name, create=create_client)
        account = workspace.add_account(connection, client.id, network, url, name=name or url, settings=settings)
        return Done(account, Changes(accounts=frozenset([account.id]), clients=frozenset([client.id])))

    return command


@dataclass(frozen=True, slots=True)
class FeedChoice:
    """What checking an address found: one feed (url, title), or several for the user to choose from
    (url, title, format) — or a channel of a network read through its API (`network`, the account's `settings`,
    what the channel holds in `summary`)."""

    url: str = ""
    title: str = ""
    candidates: list[tuple[str, str, str]] = field(default_factory=list)
    network: str = ""
    settings: Mapping[str, object] = field(default_factory=dict)
    videos: int = 0
    followers: int = 0


async def check_feed(client: httpx.AsyncClient, url: str, *, api_base: str | None = None) -> FeedChoice:
    """Autodiscovery before adding an address; Refused with a one-line reason when it is no feed. A channel's
    address of a network that reads channels through its API (the registry's `claims`) is checked there instead
    (`api_base`: that API's origin instead of the network's, for tests)."""
    from cmdesk.connectors.base import ConnectorError
    from cmdesk.connectors.feeds import FeedConnector, NotAFeed

    claimed = registry.claiming(url)
    try:
        if claimed is not None:
            return await check_channel(client, claimed[0].network, claimed[1], api_base=api_base)
        found = await FeedConnector().discover(client, url)
    except NotAFeed as error:
        if not error.candidates:
            raise Refused(str(error)) from None
        return FeedChoice(candidates=[(c.url, c.title, c.format) for c in error.candidates])
    except ConnectorError as error:
        raise Refused(str(error)) from None
    return FeedChoice(found.url, found.title)


async def check_channel(
    client: httpx.AsyncClient, network: str, address: str, *, api_base: str | None = None
) -> FeedChoice:
    """The public channel at this address (or name) on a network that reads channels with no sign-in; Refused when
    the network does not, ConnectorError when the channel cannot be found."""
    from cmdesk.connectors.base import ChannelConnector

    entry = registry.entry(network)
    connector = registry.build(entry) if entry is not None else None
    if connector is None or not hasattr(connector, "check_channel"):
        raise Refused(f"{registry.display_name(network)} channels cannot be added from their address")
    channel = await cast(ChannelConnector, connector).check_channel(client, address, api_base)
    return FeedChoice(
        channel.url, channel.title, network=network, settings=channel.settings, videos=channel.videos,
        followers=channel.followers,
    )  # fmt: skip


def _ids(accounts: list[Account]) -> frozenset[int]:
    return frozenset(a.id for a in accounts)


def listen_for(client_name: str, name: str, keys: Sequence[str], language: str = "fr") -> Command[list[Account]]:
    """Listen to the web for `name` on behalf of a client: the chosen search feeds (domain/web_listening.py) as
    its feed sources — one already there is not added twice — and the name (and its hashtag) as the client's
    monitors, so every other source of the client listens for it too."""
    from cmdesk.domain.monitors import distinct
    from cmdesk.domain.web_listening import hashtag_of, web_feeds

    feeds = [feed for feed in web_feeds(name, language) if feed.key in keys]
    phrase = " ".join(name.split())
    wanted = [f'"{phrase}"' if " " in phrase else phrase, hashtag_of(phrase)]

    def command(connection: Connection) -> Done[list[Account]]:
        from cmdesk.storage import workspace

        client = workspace.resolve_client(connection, client_name, create=True)
        known = {account.address for account in workspace.list_accounts(connection)}
        added = [
            workspace.add_account(connection, client.id, feed_network(), feed.url, name=feed.title)
            for feed in feeds
            if feed.url not in known
        ]
        monitors = distinct([*client.monitors, *(query for query in wanted if query)])
        workspace.set_client_monitors(connection, client.id, monitors)
        changed = Changes(accounts=frozenset(a.id for a in added), clients=frozenset([client.id]))
        return Done(added, changed)

    return command
