"""Requests to a WordPress site's REST API (https://developer.wordpress.org/rest-api/reference/): its root as the
site advertises it (`https://site/wp-json/`, or `https://site/?rest_route=/` on a site without pretty permalinks),
HTTP Basic authentication with the user's login and an application password (WordPress ≥ 5.6; only over https,
plain http only on loopback), bodies read with a ceiling, and WordPress's errors (`{"code", "message", "data":
{"status"}}`) turned into the typed connector errors."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

import httpx

from cmdesk.connectors.base import AuthExpired, Permanent, RateLimited, Transient
from cmdesk.connectors.hosts import is_loopback
from cmdesk.connectors.http import json_exchange, retry_at_from
from cmdesk.domain import Account, Secret

MAX_ANSWER_BYTES = 16 * 1024 * 1024
SIGN_IN_CODES = frozenset(
    {"incorrect_password", "invalid_username", "invalid_email", "rest_not_logged_in", "application_passwords_disabled",
     "application_passwords_disabled_for_user"}
)  # fmt: skip


def route_url(root: str, route: str) -> tuple[str, list[tuple[str, str]]]:
    """The address of `route` ("/wp/v2/comments") under the REST root, with the query it needs on a site whose root
    is `?rest_route=/`."""
    url = httpx.URL(root)
    rest_route = url.params.get("rest_route")
    if rest_route is not None:
        return str(url.copy_with(query=None)), [("rest_route", rest_route.rstrip("/") + route)]
    return root.rstrip("/") + route, []


def check_secure(root: str) -> None:
    """Permanent unless the site is reached over https (or plain http on this machine): an application password
    travels in every request."""
    url = httpx.URL(root)
    if url.scheme != "https" and not is_loopback(url.host):
        raise Permanent(f"{url.host} is reached over plain http: WordPress sends application passwords only over https")


async def call(
    client: httpx.AsyncClient,
    root: str,
    method: str,
    route: str,
    *,
    login: str = "",
    password: Secret | None = None,
    params: Sequence[tuple[str, str]] = (),
    body: Mapping[str, Any] | None = None,
) -> tuple[Any, httpx.Headers]:
    """The answer's JSON and headers (X-WP-Total, X-WP-TotalPages), or a typed error."""
    url, query = route_url(root, route)
    auth = httpx.BasicAuth(login, password.reveal()) if password is not None else None
    if auth is not None:
        check_secure(root)
    content = json.dumps(body).encode() if body is not None else None
    headers = {"Accept": "application/json"} | ({"Content-Type": "application/json"} if content else {})
    response, answer = await json_exchange(client, method, url, limit=MAX_ANSWER_BYTES, params=[*query, *params],
                                           content=content, headers=headers, auth=auth,
                                           not_json=f"{method} {route}: the site did not answer with JSON "
                                           "(is it WordPress?)")  # fmt: skip
    if response.status_code >= 400:
        _raise(response, answer, f"{method} {route}")
    return answer, response.headers


async def request(
    client: httpx.AsyncClient,
    account: Account,
    method: str,
    route: str,
    *,
    params: Sequence[tuple[str, str]] = (),
    body: Mapping[str, Any] | None = None,
) -> tuple[Any, httpx.Headers]:
    """`call` as the account (its REST root and login in its settings, its application password the secret)."""
    if account.secret is None:
        raise AuthExpired("no saved application password for this WordPress site; sign in again")
    root = str(account.settings.get("rest_root") or "")
    if not root:
        raise Permanent("this WordPress account has no REST address; add it again")
    login = str(account.settings.get("login") or "")
    return await call(client, root, method, route, login=login, password=account.secret, params=params, body=body)


def _raise(response: httpx.Response, answer: Any, where: str) -> None:
    code = str(answer.get("code") or "") if isinstance(answer, Mapping) else ""
    said = str(answer.get("message") or "") if isinstance(answer, Mapping) else ""
    said = said or code or f"HTTP {response.status_code}"
    status = response.status_code
    if code in SIGN_IN_CODES or (status == 401 and code != "rest_cannot_edit"):
        raise AuthExpired(f"WordPress refused the sign-in: {said}")
    if status == 429:
        raise RateLimited(retry_at_from(response), f"the site asks to slow down: {said}")
    if status in (408, 425) or status >= 500:
        raise Transient(f"the site's server failed (HTTP {status}) for {where}: {said}")
    raise Permanent(f"WordPress refused {where}: {said}")


__all__ = ["MAX_ANSWER_BYTES", "call", "check_secure", "request", "route_url"]
