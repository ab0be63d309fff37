"""Signing in to a Discourse forum (the User API Key sign-in kind): the forum found from its address, then the key
— granted by the user on the forum's page (its encrypted answer brought back to cmdesk's loopback address, or
pasted) or a site administrator's API key — checked, and kept in the keyring with the account added, or signed in
again with its data kept. The CLI and the dialog await this; the handshake keeps one client id per forum, so a new
sign-in replaces cmdesk's earlier key there instead of adding one."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from cmdesk.domain import Secret
from cmdesk.services.accounts import Added, SignedInAccount, signed_in_account
from cmdesk.services.commands import Command

if TYPE_CHECKING:
    from cmdesk.connectors.discourse.signin import Forum, ForumUser
    from cmdesk.connectors.discourse.user_api_key import Handshake
    from cmdesk.credentials.base import CredentialStore

__all__ = ["Added", "discourse_account", "find_forum", "handshake", "with_api_key", "with_browser", "with_pasted"]


async def find_forum(address: str) -> Forum:
    """The forum at this address; ConnectorError (or ValueError: no address) with the reason otherwise."""
    from cmdesk.connectors.discourse import signin
    from cmdesk.connectors.http import make_client

    async with make_client() as client:
        return await signin.find_forum(client, address)


def handshake(client_id: str = "") -> Handshake:
    """A request for a User API Key (the forum's client id kept from an earlier sign-in, else a new one)."""
    from cmdesk.connectors.discourse.user_api_key import Handshake, new_client_id

    return Handshake(client_id or new_client_id())


async def with_browser(
    forum: Forum, request: Handshake, open_url: Callable[[str], Awaitable[object] | object]
) -> ForumUser:
    from cmdesk.connectors.discourse import signin
    from cmdesk.connectors.http import make_client

    async with make_client() as client:
        return await signin.sign_in_with_browser(client, forum, request, open_url)


async def with_pasted(forum: Forum, request: Handshake, pasted: str) -> ForumUser:
    from cmdesk.connectors.discourse import signin
    from cmdesk.connectors.http import make_client

    async with make_client() as client:
        return await signin.sign_in_with_pasted(client, forum, request, pasted)


async def with_api_key(forum: Forum, username: str, key: Secret) -> ForumUser:
    from cmdesk.connectors.discourse import signin
    from cmdesk.connectors.http import make_client

    async with make_client() as client:
        return await signin.sign_in_with_api_key(client, forum, username, key)


def discourse_account(
    credentials: CredentialStore, user: ForumUser, client_name: str | None, *, create_client: bool = False
) -> Command[Added]:
    """The forum's account for this user: the key in the keyring; the forum, the username, the kind of key and (a
    User API Key's) client id in the settings."""
    from cmdesk.connectors.discourse import NETWORK

    settings: dict[str, object] = {
        "origin": user.forum.origin,
        "username": user.username,
        "key_kind": user.key.kind,
        "client_id": user.key.client_id,
        "forum_title": user.forum.title,
    }
    account = SignedInAccount(NETWORK, user.address, f"{user.forum.title} (@{user.username})", settings,
                              user.key.secret)  # fmt: skip
    return signed_in_account(credentials, account, client_name, create_client=create_client)
