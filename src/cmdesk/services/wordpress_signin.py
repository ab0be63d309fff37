"""Signing in to a WordPress site (the site-password sign-in kind): the site found from its address, the user's login
and the application password cmdesk was given checked against it, then the password to the keyring with the account
added — or, when the client already reads the blog's feed, that feed source becoming the WordPress account in
place, its conversations kept (the post and comment ids are those the feed gave). The CLI and the dialog await this."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import httpx

from cmdesk.domain import Account, Secret, SignInKind
from cmdesk.services.accounts import Added, SignedInAccount, signed_in_account
from cmdesk.services.commands import Command
from cmdesk.services.networks import sign_in_kind

if TYPE_CHECKING:
    from cmdesk.connectors.wordpress.signin import FoundSite, SignedInUser
    from cmdesk.credentials.base import CredentialStore

__all__ = ["Added", "authorize_page", "find_site", "sign_in", "wordpress_account"]


async def find_site(address: str) -> FoundSite:
    """The WordPress site at this address; ConnectorError with the reason when it is none."""
    from cmdesk.connectors.http import make_client
    from cmdesk.connectors.wordpress import signin

    async with make_client() as client:
        return await signin.find_site(client, address)


def authorize_page(site: FoundSite) -> str:
    """Where the user approves cmdesk on the site and is shown its application password ("" when none)."""
    from cmdesk.connectors.wordpress import signin

    return signin.authorize_page(site)


async def sign_in(site: FoundSite, login: str, password: Secret) -> SignedInUser:
    """Who the application password is; AuthExpired when the site refuses it, Permanent over plain http."""
    from cmdesk.connectors.http import make_client
    from cmdesk.connectors.wordpress import signin

    async with make_client() as client:
        return await signin.sign_in(client, site, login, password)


def same_site_feed(home: str) -> Callable[[Account], bool]:
    """Whether an account is a feed source of the blog at `home` (its posts' feed, not its comments' feed)."""
    site = httpx.URL(home)
    prefix = site.path.rstrip("/") + "/"

    def test(account: Account) -> bool:
        if sign_in_kind(account.network) is not SignInKind.FEED_ADDRESS:
            return False
        feed = httpx.URL(account.address)
        path = feed.path if feed.path.endswith("/") else feed.path + "/"
        return feed.host == site.host and path.startswith(prefix) and "/comments/" not in path

    return test


def wordpress_account(
    credentials: CredentialStore, user: SignedInUser, client_name: str | None, *, create_client: bool = False
) -> Command[Added]:
    """The site's account for this user: the application password in the keyring, the REST address, the login, the
    user's id and whether they moderate in the settings; the client's feed of the same blog taken over in place."""
    from cmdesk.connectors.wordpress import NETWORK

    settings: dict[str, object] = {
        "rest_root": user.site.rest_root,
        "login": user.login,
        "user_id": user.user_id,
        "moderates": user.moderates,
        "site_name": user.site.name,
        "missing_permissions": [] if user.moderates else ["moderation"],
    }
    account = SignedInAccount(NETWORK, user.site.home, user.site.name, settings, user.password)
    return signed_in_account(
        credentials, account, client_name, create_client=create_client, replaces=same_site_feed(user.site.home)
    )
