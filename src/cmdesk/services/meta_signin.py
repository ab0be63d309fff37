"""Adding Facebook Pages and Instagram professional accounts from one user token of the user's own Meta app (the
window's dialog and the command line): the token from the browser (Facebook Login with a loopback redirect; the app's
id kept with the accounts, its secret in the keyring, remembered per client) or pasted; the Pages the token's person
has a role on, with the Instagram account linked to each, listed for the user to choose; each chosen one signed in
with its Page token (the user token itself is never kept), its token health (`/debug_token`) kept with it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cmdesk.connectors.meta.login import REDIRECT_URI
from cmdesk.domain import SignInKind
from cmdesk.services.accounts import Added, DeveloperApp, facebook_account, instagram_account
from cmdesk.services.commands import Changes, Command, Done

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from sqlalchemy import Connection

    from cmdesk.credentials.base import CredentialStore
    from cmdesk.domain import Account
    from cmdesk.domain.reads import Client

APPS = "https://developers.facebook.com/apps"
EXPLORER = "https://developers.facebook.com/tools/explorer"
DEBUGGER = "https://developers.facebook.com/tools/debug/accesstoken"
PERMISSIONS = (
    "pages_show_list, pages_read_engagement, pages_read_user_content, pages_manage_engagement, pages_messaging, "
    "instagram_basic, instagram_manage_comments, instagram_manage_messages, instagram_content_publish"
)


META_APPS = DeveloperApp(SignInKind.META, "meta_app_id", "meta-app:")
LOGIN_SETTINGS = "https://developers.facebook.com/apps/{app}/fb-login/settings/"


def known_app(
    accounts: Iterable[Account], clients: Iterable[Client], credentials: CredentialStore, client_name: str | None
) -> tuple[str, str] | None:
    """The Meta app (id, secret) the client's Pages were signed in with through the browser, if any."""
    found = META_APPS.known(accounts, clients, credentials, client_name)
    return (found[0], found[1].reveal()) if found else None


async def browser_token(
    credentials: CredentialStore,
    app_id: str,
    app_secret: str,
    open_url: Callable[[str], object],
    *,
    base: str | None = None,
    login_base: str | None = None,
) -> str:
    """A long-lived user token from Facebook Login in the browser with the user's app (whose secret is kept in the
    keyring for the client's next sign-in). Raises ConnectorError, TimeoutError, OSError (the redirect's port is
    taken) or NoKeyringAvailable."""
    from cmdesk.connectors.http import make_client
    from cmdesk.connectors.meta import graph, login
    from cmdesk.domain import Secret

    credentials.probe()
    app = login.MetaApp(app_id.strip(), Secret(app_secret.strip()))
    async with make_client() as client:
        token = await login.sign_in_with_browser(
            client, app, open_url, base=base or graph.ORIGIN, login_base=login_base or login.LOGIN_ORIGIN
        )
    META_APPS.save(credentials, app.app_id, app.app_secret)
    return token.reveal()


@dataclass(frozen=True, slots=True)
class MetaChoice:
    """An account the token can act for: a Page, or the Instagram account linked to one."""

    network: str
    """"facebook" or "instagram"."""
    account_id: str
    name: str
    page_name: str


async def find_accounts(token: str, base: str | None = None) -> list[MetaChoice]:
    """The Pages of the token's person and their linked Instagram accounts (Page first, its Instagram after it).
    Raises ConnectorError with a one-line reason."""
    from cmdesk.connectors.http import make_client
    from cmdesk.connectors.meta import graph
    from cmdesk.connectors.meta.signin import list_pages
    from cmdesk.domain import Secret

    async with make_client() as client:
        pages = await list_pages(client, base or graph.ORIGIN, Secret(token.strip()))
    choices: list[MetaChoice] = []
    for page in pages:
        name = str(page.get("name") or page.get("id"))
        choices.append(MetaChoice("facebook", str(page.get("id")), name, name))
        linked = page.get("instagram_business_account")
        if isinstance(linked, Mapping) and linked.get("id"):
            handle = "@" + str(linked.get("username") or linked["id"])
            choices.append(MetaChoice("instagram", str(linked["id"]), handle, name))
    return choices


async def sign_in(
    credentials: CredentialStore,
    token: str,
    chosen: Sequence[MetaChoice],
    client_name: str | None,
    base: str | None = None,
    app_id: str = "",
) -> Command[list[Added]]:
    """Sign each chosen account in with its Page's token; the command that saves them all. Raises ConnectorError
    or NoKeyringAvailable before anything is written."""
    from cmdesk.connectors.http import make_client
    from cmdesk.connectors.meta import graph, identify_instagram, identify_page
    from cmdesk.domain import Secret

    credentials.probe()
    origin = base or graph.ORIGIN
    commands: list[Command[Added]] = []
    async with make_client() as client:
        for choice in chosen:
            if choice.network == "facebook":
                page = await identify_page(client, origin, choice.account_id, Secret(token.strip()))
                commands.append(facebook_account(credentials, page, client_name, create_client=True, app_id=app_id))
            else:
                found = await identify_instagram(client, origin, choice.account_id, Secret(token.strip()))
                commands.append(instagram_account(credentials, found, client_name, create_client=True, app_id=app_id))

    def command(connection: Connection) -> Done[list[Added]]:
        added: list[Added] = []
        changes = Changes()
        for each in commands:
            done = each(connection)
            added.append(done.value)
            changes = changes | done.changes
        return Done(added, changes)

    return command


__all__ = [
    "APPS",
    "DEBUGGER",
    "EXPLORER",
    "LOGIN_SETTINGS",
    "PERMISSIONS",
    "REDIRECT_URI",
    "MetaChoice",
    "browser_token",
    "find_accounts",
    "known_app",
    "sign_in",
]
