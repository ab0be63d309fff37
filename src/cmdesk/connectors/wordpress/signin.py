"""Finding a WordPress site from its address and signing in to it with an application password (WordPress ≥ 5.6).

The site is found the way WordPress documents REST discovery: the `Link: <…>; rel="https://api.w.org/"` header of its
home page, else `/wp-json/`, else `?rest_route=/` (a site without pretty permalinks). Its REST index says its name,
its home and where its users authorize an application (`authentication.application-passwords`). The password is
checked with `/wp/v2/users/me?context=edit`, which also says who the user is and whether they moderate comments."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import httpx

from cmdesk.connectors.base import BadPayload, Permanent
from cmdesk.connectors.http import translated_errors
from cmdesk.connectors.wordpress import api
from cmdesk.domain import Secret

REST_LINK = "https://api.w.org/"
APP_NAME = "cmdesk"
APP_ID = "0d7c6a1e-3f4b-4c53-9a39-6b2f2bd1c0de"
"""cmdesk's application id on every site (a UUID, as WordPress asks): the site lists its passwords under it."""


@dataclass(frozen=True, slots=True)
class FoundSite:
    home: str
    rest_root: str
    name: str
    authorize_url: str
    """Where the user makes cmdesk's application password (WordPress's authorization page), "" when the site
    offers none (application passwords turned off, or plain http away from this machine)."""


@dataclass(frozen=True, slots=True)
class SignedInUser:
    site: FoundSite
    login: str
    user_id: int
    name: str
    moderates: bool
    password: Secret


def _site_address(text: str) -> str:
    text = text.strip()
    if "://" not in text:
        text = "https://" + text
    url = httpx.URL(text)
    if url.scheme not in ("http", "https") or not url.host:
        raise Permanent(f"not a site's address: {text!r}")
    return str(url.copy_with(query=None, fragment=None))


async def _front(client: httpx.AsyncClient, url: str) -> tuple[list[str], httpx.URL]:
    """The REST roots a page's `Link` header names and where its redirects ended; its body is never read."""
    with translated_errors(url):
        async with client.stream("GET", url, follow_redirects=True) as page:
            roots = [str(link["url"]) for link in page.links.values() if link.get("rel") == REST_LINK]
            return roots, page.url


async def _index(client: httpx.AsyncClient, root: str) -> Mapping[str, Any] | None:
    try:
        found, _headers = await api.call(client, root, "GET", "/")
    except (Permanent, BadPayload):
        return None
    namespaces = found.get("namespaces") if isinstance(found, Mapping) else None
    return found if isinstance(namespaces, list) and "wp/v2" in namespaces else None


async def find_site(client: httpx.AsyncClient, address: str) -> FoundSite:
    """The WordPress site at this address (its home, or any page of it); Permanent with the reason otherwise."""
    home = _site_address(address)
    candidates, landed = await _front(client, home)
    final = str(landed.copy_with(query=None, fragment=None)).rstrip("/")
    candidates += [f"{final}/wp-json/", f"{final}/?rest_route=/"]
    for root in dict.fromkeys(candidates):
        index = await _index(client, root)
        if index is None:
            continue
        site_home = str(index.get("home") or index.get("url") or final)
        name = str(index.get("name") or httpx.URL(site_home).host)
        authentication = index.get("authentication")
        passwords = authentication.get("application-passwords") if isinstance(authentication, Mapping) else None
        endpoints = passwords.get("endpoints") if isinstance(passwords, Mapping) else None
        authorize = str(endpoints.get("authorization") or "") if isinstance(endpoints, Mapping) else ""
        return FoundSite(site_home, root, name, authorize)
    raise Permanent(f"{home} is not a WordPress site with its REST API on (no {REST_LINK} link, no /wp-json/)")


def authorize_page(site: FoundSite) -> str:
    """WordPress's page where the signed-in user approves cmdesk and is shown its new application password."""
    return f"{site.authorize_url}?{urlencode({'app_name': APP_NAME, 'app_id': APP_ID})}" if site.authorize_url else ""


async def sign_in(client: httpx.AsyncClient, site: FoundSite, login: str, password: Secret) -> SignedInUser:
    """Who the application password belongs to; AuthExpired when the site refuses it."""
    api.check_secure(site.rest_root)
    spaced = Secret(password.reveal().strip())
    me, _headers = await api.call(client, site.rest_root, "GET", "/wp/v2/users/me", login=login.strip(),
                                  password=spaced, params=[("context", "edit")])  # fmt: skip
    if not isinstance(me, Mapping) or not isinstance(me.get("id"), int):
        raise BadPayload("WordPress's /wp/v2/users/me: unexpected answer")
    capabilities = me.get("capabilities")
    moderates = isinstance(capabilities, Mapping) and bool(capabilities.get("moderate_comments"))
    name = str(me.get("name") or me.get("username") or login)
    return SignedInUser(site, str(me.get("username") or login).strip(), me["id"], name, moderates, spaced)


__all__ = ["APP_ID", "FoundSite", "SignedInUser", "authorize_page", "find_site", "sign_in"]
