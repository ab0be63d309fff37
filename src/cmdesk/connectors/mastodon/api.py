"""The Mastodon API's plumbing, shared by pulling (connector.py) and publishing (publishing.py): the instance's
base URL, authorised requests with the typed errors (401: sign in again, 429: wait until the limit resets), JSON
answers checked, one status fetched."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import httpx

from cmdesk.connectors.base import (
    AuthExpired,
    BadPayload,
    RateLimited,
)
from cmdesk.connectors.http import raise_for_status, retry_at_from, translated_errors
from cmdesk.connectors.mastodon.instance import instance_base
from cmdesk.domain import (
    Account,
)

RATE_LIMIT_RESERVE = 10


def base_of(account: Account) -> str:
    """The instance's base URL; the account's address is its profile address on that instance."""
    return instance_base(account.address)


class MastodonApi:
    # requests ------------------------------------------------------------------------------------------------------

    @staticmethod
    def _headers(account: Account, idempotency_key: str = "") -> dict[str, str]:
        if account.secret is None:
            raise AuthExpired("no saved sign-in for this account; sign in again")
        headers = {"Authorization": f"Bearer {account.secret.reveal()}", "Accept": "application/json"}
        if idempotency_key:
            headers["Idempotency-Key"] = idempotency_key
        return headers

    async def _request(
        self,
        client: httpx.AsyncClient,
        account: Account,
        method: str,
        path: str,
        *,
        params: Sequence[tuple[str, str]] = (),
        data: Mapping[str, Any] | None = None,
        files: Mapping[str, tuple[str, bytes, str]] | None = None,
        idempotency_key: str = "",
    ) -> httpx.Response:
        url = f"{base_of(account)}{path}"
        with translated_errors(url):
            response = await client.request(
                method,
                url,
                params=list(params),
                data=data,
                files=files,
                headers=self._headers(account, idempotency_key),
            )
        if response.status_code == 401:
            raise AuthExpired("the server refused the token (revoked or expired)")
        if response.status_code == 429:
            raise RateLimited(retry_at_from(response), "rate-limited by the server: waiting until its limit resets")
        return response

    @staticmethod
    def _json(response: httpx.Response, what: str) -> Any:
        raise_for_status(response)
        try:
            return response.json()
        except ValueError:
            raise BadPayload(
                f"{what}: the server did not answer with JSON; is it a Mastodon-compatible server?"
            ) from None

    @staticmethod
    def _low_on_requests(response: httpx.Response) -> bool:
        remaining = response.headers.get("X-RateLimit-Remaining", "").strip()
        return remaining.isdigit() and int(remaining) < RATE_LIMIT_RESERVE

    async def _maybe_status(
        self, client: httpx.AsyncClient, account: Account, status_id: str
    ) -> Mapping[str, Any] | None:
        """A status, or None when the server says it is gone (404/410)."""
        response = await self._request(client, account, "GET", f"/api/v1/statuses/{status_id}")
        if response.status_code in (404, 410):
            return None
        status = self._json(response, "status")
        if not isinstance(status, Mapping):
            raise BadPayload("status: unexpected answer (expected a JSON object)")
        return status
