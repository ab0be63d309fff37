"""Accounts that need a sign-in, across storage and the keyring (for the window's dialogs and the CLI): adding a
signed-in Mastodon account or YouTube channel (or signing an existing one in again), its monitors, and the
keyring-backed cache of app registrations. The token goes to the keyring only; the database keeps who the account
is, never how to act as it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cmdesk.connectors import registry
from cmdesk.connectors.bluesky import NETWORK as BLUESKY
from cmdesk.connectors.bluesky import Session
from cmdesk.connectors.mastodon import AppRegistration, SignedIn
from cmdesk.connectors.meta import FacebookPage, InstagramAccount
from cmdesk.connectors.meta.signin import TokenHealth
from cmdesk.connectors.reddit import NETWORK as REDDIT
from cmdesk.connectors.reddit.signin import Redditor
from cmdesk.connectors.x import NETWORK as X_NETWORK
from cmdesk.connectors.x import XUser
from cmdesk.connectors.youtube import Channel
from cmdesk.credentials.base import CredentialStore
from cmdesk.domain import Account, Health, NetworkId, Secret, SignInKind
from cmdesk.domain.monitors import monitor_terms
from cmdesk.domain.reads import Client
from cmdesk.services.commands import Changes, Command, Done, Refused, run
from cmdesk.services.networks import sign_in_kind
from cmdesk.storage import outbox, syncstate, workspace
from cmdesk.storage.database import Database

if TYPE_CHECKING:
    from sqlalchemy import Connection

__all__ = ["Added", "KeyringAppCache", "MonitorError", "monitor_terms", "monitors", "normalise_monitor"]

APP_KEY_PREFIX = "mastodon-app:"


class KeyringAppCache:
    """App registrations (client id and secret per instance) in the credential store."""

    def __init__(self, credentials: CredentialStore) -> None:
        self._credentials = credentials

    def load(self, base: str) -> AppRegistration | None:
        secret = self._credentials.get(APP_KEY_PREFIX + base)
        return AppRegistration.from_secret(secret) if secret is not None else None

    def save(self, app: AppRegistration) -> None:
        self._credentials.set(APP_KEY_PREFIX + app.base, app.to_secret())


def mastodon_address(signed_in: SignedIn) -> str:
    """The account's address: its profile on its instance (unique per person, readable in lists)."""
    username = signed_in.handle.lstrip("@").split("@", 1)[0]
    return f"{signed_in.base}/@{username}"


@dataclass(frozen=True, slots=True)
class Added:
    account: Account
    again: bool
    """True when the account existed and was only signed in again (its data kept)."""
    upgraded: bool = False
    """True when a source of another network became this account in place (a blog's feed: its conversations
    kept)."""


def mastodon_account(
    credentials: CredentialStore, signed_in: SignedIn, client_name: str | None, *, create_client: bool = False
) -> Command[Added]:
    """A signed-in Mastodon account, stored as `signed_in_account` stores any."""
    settings: dict[str, object] = {"me": signed_in.me, "handle": signed_in.handle, **signed_in.limits}
    return signed_in_account(
        credentials,
        SignedInAccount(signed_in.network, mastodon_address(signed_in), signed_in.handle, settings, signed_in.token),
        client_name,
        create_client=create_client,
    )


def youtube_account(
    credentials: CredentialStore, channel: Channel, client_name: str | None, *, create_client: bool = False
) -> Command[Added]:
    """A YouTube channel signed in to (its API origin kept for a test's `--api-base`; the OAuth client that renews
    its token, whose project number is the quota it spends; when Google ends the sign-in, if known)."""
    settings: dict[str, object] = {
        "me": channel.me,
        "handle": channel.handle,
        "api_base": channel.base,
        "oauth_client_id": channel.client_id,
        "sign_in_ends": channel.sign_in_ends.isoformat() if channel.sign_in_ends else "",
    }
    account = SignedInAccount(channel.network, channel.address, channel.title, settings, channel.token)
    return signed_in_account(credentials, account, client_name, create_client=create_client)


def facebook_account(
    credentials: CredentialStore,
    page: FacebookPage,
    client_name: str | None,
    *,
    create_client: bool = False,
    app_id: str = "",
) -> Command[Added]:
    """A Facebook Page signed in to, with its Page token (its API origin kept for a test's `--api-base`; the Meta
    app it was signed in with, when through the browser)."""
    settings: dict[str, object] = {
        "me": page.page_id,
        "handle": page.name,
        "api_base": page.base,
        **_health_settings(page.health),
        **({"meta_app_id": app_id} if app_id else {}),
    }
    account = SignedInAccount(page.network, page.address, page.name, settings, page.token)
    return signed_in_account(credentials, account, client_name, create_client=create_client)


def bluesky_account(
    credentials: CredentialStore,
    session: Session,
    client_name: str | None,
    *,
    create_client: bool = False,
    no_messages: str = "",
    chat_base: str = "",
) -> Command[Added]:
    """A Bluesky account signed in to with an app password: its session (never the password) in the keyring, its DID
    and handle in the settings, and whether it reads direct messages (`no_messages`: why not, when it cannot)."""
    settings: dict[str, object] = {
        "me": session.did,
        "handle": session.handle,
        "pds": session.pds,
        "direct_messages": not no_messages,
        "no_messages": no_messages,
        "missing_permissions": ["direct messages"] if no_messages else [],  # Sources says so (services/networks)
    }
    if chat_base:
        settings["chat_base"] = chat_base
    address = f"https://bsky.app/profile/{session.handle}"
    account = SignedInAccount(BLUESKY, address, f"@{session.handle}", settings, session.to_secret())
    return signed_in_account(credentials, account, client_name, create_client=create_client)


def x_account(
    credentials: CredentialStore,
    user: XUser,
    client_name: str | None,
    *,
    create_client: bool = False,
    client_id: str = "",
    monthly_cap: float | None = None,
) -> Command[Added]:
    """An X account signed in to: its token bundle in the keyring; its id, handle, API origin, the app it was signed
    in with and its client's monthly budget (dollars) in the settings."""
    settings: dict[str, object] = {"me": user.user_id, "handle": user.username, "api_base": user.base}
    if client_id:
        settings["x_client_id"] = client_id
    if monthly_cap is not None:
        settings["x_monthly_cap"] = monthly_cap
    account = SignedInAccount(X_NETWORK, user.address, f"@{user.username}", settings, user.token)
    return signed_in_account(credentials, account, client_name, create_client=create_client)


def reddit_account(
    credentials: CredentialStore, user: Redditor, client_name: str | None, *, create_client: bool = False,
    client_id: str = "",
) -> Command[Added]:  # fmt: skip
    """A Reddit account signed in to: its token bundle in the keyring; its username, API origin and the installed app
    it was signed in with in the settings."""
    settings: dict[str, object] = {"me": user.name, "handle": user.name, "api_base": user.base}
    if client_id:
        settings["reddit_client_id"] = client_id
    account = SignedInAccount(REDDIT, user.address, f"u/{user.name}", settings, user.token)
    return signed_in_account(credentials, account, client_name, create_client=create_client)


def remembered(
    accounts: Iterable[Account], clients: Iterable[Client], client_name: str | None, network: NetworkId, key: str
) -> str:
    """A setting the named client's accounts of a network were signed in with (any such account's, when the client
    has none) — the user's own app's client id, so that the client's next account needs only the browser."""
    names = {client.id: client.name for client in clients}
    signed = [a for a in accounts if a.network == network and a.settings.get(key)]
    mine = [a for a in signed if client_name and names.get(a.client_id) == client_name] or signed
    return str(mine[0].settings[key]) if mine else ""


def _health_settings(health: TokenHealth) -> dict[str, object]:
    """When the network ends the sign-in and the permissions it lacks, for Sources (services/networks.py)."""
    return {"sign_in_ends": health.ends.isoformat() if health.ends else "", "missing_permissions": list(health.missing)}


def instagram_account(
    credentials: CredentialStore,
    found: InstagramAccount,
    client_name: str | None,
    *,
    create_client: bool = False,
    app_id: str = "",
) -> Command[Added]:
    """An Instagram professional account signed in to, with its linked Page and that Page's token."""
    settings: dict[str, object] = {
        "me": found.user_id,
        "handle": "@" + found.username,
        "page_id": found.page_id,
        "api_base": found.base,
        **_health_settings(found.health),
        **({"meta_app_id": app_id} if app_id else {}),
    }
    account = SignedInAccount(found.network, found.address, "@" + found.username, settings, found.token)
    return signed_in_account(credentials, account, client_name, create_client=create_client)


@dataclass(frozen=True, slots=True)
class SignedInAccount:
    """What a sign-in found, for any network: who the account is, and the secret that acts as it."""

    network: NetworkId
    address: str
    name: str
    settings: dict[str, object]
    token: Secret


def signed_in_account(
    credentials: CredentialStore,
    signed_in: SignedInAccount,
    client_name: str | None,
    *,
    create_client: bool = False,
    replaces: Callable[[Account], bool] | None = None,
) -> Command[Added]:
    """Store the token in the keyring, then add the account (or refresh an existing one and clear its
    "needs sign-in" state), in one write: if the keyring refuses, nothing is written to the database. An unknown
    client name is an error, unless `create_client` (the window's dialog, where typing a new name means a new
    client). `replaces`: a source of another network this account takes over in place, keeping its conversations
    (a blog's feed source when its WordPress site is signed in to)."""
    address, settings = signed_in.address, signed_in.settings

    def command(connection: Connection) -> Done[Added]:
        client = workspace.find_client(connection, client_name) if client_name else None
        existing = next(
            (
                a
                for a in workspace.list_accounts(connection)
                if a.network == signed_in.network
                and a.address == address
                and (client is None or a.client_id == client.id)
            ),
            None,
        )
        if existing is not None:
            credentials.set(existing.uid, signed_in.token)
            workspace.update_account_settings(connection, existing.id, {**existing.settings, **settings})
            syncstate.record_health(connection, existing.id, Health.NEW)
            held = outbox.retry_signed_out(connection, existing.id)  # what waited for this sign-in goes out now
            changes = Changes(accounts=frozenset([existing.id]), outbox=frozenset(held))
            return Done(Added(existing, again=True), changes)
        replaced = next(
            (
                a
                for a in workspace.list_accounts(connection)
                if replaces is not None and replaces(a) and (client is None or a.client_id == client.id)
            ),
            None,
        )
        if replaced is not None:
            account = workspace.convert_account(connection, replaced.id, signed_in.network, address,
                                                signed_in.name, settings)  # fmt: skip
            credentials.set(account.uid, signed_in.token)
            syncstate.record_health(connection, account.id, Health.NEW)
            return Done(Added(account, again=False, upgraded=True), Changes(accounts=frozenset([account.id])))
        owner = workspace.resolve_client(connection, client_name, create=create_client)
        account = workspace.add_account(
            connection, owner.id, signed_in.network, address, name=signed_in.name, settings=settings
        )
        credentials.set(account.uid, signed_in.token)
        return Done(
            Added(account, again=False), Changes(accounts=frozenset([account.id]), clients=frozenset([owner.id]))
        )

    return command


def save_mastodon_account(
    database: Database,
    credentials: CredentialStore,
    signed_in: SignedIn,
    client_name: str | None,
    *,
    create_client: bool = False,
) -> Added:
    """`mastodon_account`, run at once (the command line, tests)."""
    return run(database, mastodon_account(credentials, signed_in, client_name, create_client=create_client))


@dataclass(frozen=True, slots=True)
class DeveloperApp:
    """Where the user's own developer app of a sign-in kind is kept: its id in the accounts' settings (`setting`),
    its secret in the keyring (`key_prefix` + id)."""

    kind: SignInKind
    setting: str
    key_prefix: str

    def save(self, credentials: CredentialStore, app_id: str, secret: Secret) -> None:
        credentials.set(self.key_prefix + app_id, secret)

    def known(
        self, accounts: Iterable[Account], clients: Iterable[Client], credentials: CredentialStore, name: str | None
    ) -> tuple[str, Secret] | None:
        """The app the named client's accounts of this kind (any such account, when it has none or no name is
        given) were signed in with, and its secret from the keyring; None when there is none yet."""
        client = next((c for c in clients if name and c.name.casefold() == name.strip().casefold()), None)
        ours = sorted((a for a in accounts if sign_in_kind(a.network) is self.kind), key=lambda a: -a.id)
        own = [a for a in ours if client is not None and a.client_id == client.id]
        for account in own or ours:
            app_id = str(account.settings.get(self.setting) or "")
            secret = credentials.get(self.key_prefix + app_id) if app_id else None
            if secret is not None:
                return app_id, secret
        return None


class MonitorError(Refused):
    """A monitor term that cannot be used; the message says why."""


def normalise_monitor(term: str) -> str:
    """'#Boulangerie' stays a hashtag (without spaces); anything else is a keyword search, spaces collapsed."""
    value = " ".join(term.split())
    if not value or value == "#":
        raise MonitorError("a monitor needs a hashtag (#boulangerie) or a few words to look for")
    if value.startswith("#"):
        tag = value[1:]
        if not all(ch.isalnum() or ch == "_" for ch in tag):
            raise MonitorError(f"{value!r} is not a hashtag: letters, digits and _ only, no spaces")
        return "#" + tag
    if len(value) > 100:
        raise MonitorError("a keyword monitor is at most 100 characters")
    return value


def monitors(account_id: int, terms: list[str]) -> Command[list[str]]:
    """Replace an account's monitors (hashtags and keywords it listens for); the value is them normalised."""
    cleaned: list[str] = []
    for term in terms:
        value = normalise_monitor(term)
        if value.lower() not in (known.lower() for known in cleaned):
            cleaned.append(value)

    def command(connection: Connection) -> Done[list[str]]:
        account = workspace.get_account(connection, account_id)
        if not registry.capabilities(account.network).can_monitor:
            listening = ", ".join(registry.display_name(n) for n in registry.networks_where(lambda c: c.can_monitor))
            raise MonitorError(f"{account.name} cannot listen for hashtags or keywords (monitors work on {listening})")
        workspace.update_account_settings(connection, account_id, {**account.settings, "monitors": cleaned})
        return Done(cleaned, Changes(accounts=frozenset([account_id])))

    return command


def set_monitors(database: Database, account_id: int, terms: list[str]) -> list[str]:
    """`monitors`, run at once (the command line, tests)."""
    return run(database, monitors(account_id, terms))
