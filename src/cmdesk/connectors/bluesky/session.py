"""A Bluesky sign-in: `com.atproto.server.createSession` with the handle and an app password gives an access token
(minutes to hours) and a refresh token (months); `refreshSession` trades the refresh token for a new pair before the
access token runs out. Both, with the account's DID, handle and PDS, are one bundle in the keyring — the app password
itself is never kept. The PDS is the one the DID document names (`#atproto_pds`), not the host signed in to (an
entryway such as bsky.social hands each account to its own PDS)."""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx

from cmdesk.connectors.base import BadPayload
from cmdesk.connectors.bluesky import xrpc
from cmdesk.domain import Secret


@dataclass(frozen=True, slots=True)
class Session:
    did: str
    handle: str
    pds: str
    access: str
    refresh: str

    def to_secret(self) -> Secret:
        return Secret(json.dumps({"did": self.did, "handle": self.handle, "pds": self.pds, "access": self.access,
                                  "refresh": self.refresh}))  # fmt: skip

    @staticmethod
    def from_secret(secret: Secret) -> Session:
        try:
            found = json.loads(secret.reveal())
            return Session(*(str(found[key]) for key in ("did", "handle", "pds", "access", "refresh")))
        except (ValueError, KeyError, TypeError):
            raise BadPayload("the saved Bluesky sign-in is not readable: sign in again") from None

    def expires_at(self) -> datetime | None:
        """When the access token runs out, from its own `exp` claim (None when it says nothing)."""
        return token_expiry(self.access)


def token_expiry(token: str) -> datetime | None:
    """A JWT's `exp`, read without checking its signature (only the server can, and does)."""
    parts = token.split(".")
    if len(parts) != 3:
        return None
    try:
        payload = json.loads(base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4)))
        return datetime.fromtimestamp(int(payload["exp"]), UTC)
    except (ValueError, KeyError, TypeError, OverflowError):
        return None


def pds_of(did_doc: Any) -> str:
    """The PDS a DID document names (its `#atproto_pds` service), "" when it names none."""
    services = did_doc.get("service") if isinstance(did_doc, Mapping) else None
    for service in services if isinstance(services, list) else ():
        if not isinstance(service, Mapping):
            continue
        if str(service.get("id", "")).endswith("#atproto_pds") and service.get("type") == "AtprotoPersonalDataServer":
            return str(service.get("serviceEndpoint") or "").rstrip("/")
    return ""


def _session(answer: Any, service: str, handle: str = "") -> Session:
    if not isinstance(answer, Mapping) or not answer.get("accessJwt") or not answer.get("did"):
        raise BadPayload("Bluesky's session answer lacks its tokens")
    pds = pds_of(answer.get("didDoc")) or service.rstrip("/")
    return Session(str(answer["did"]), str(answer.get("handle") or handle), pds, str(answer["accessJwt"]),
                   str(answer.get("refreshJwt") or ""))  # fmt: skip


async def create(client: httpx.AsyncClient, service: str, identifier: str, password: Secret) -> Session:
    """Sign in with a handle (or DID, or e-mail) and an app password."""
    body = {"identifier": identifier, "password": password.reveal()}
    answer = await xrpc.call(client, service, "com.atproto.server.createSession", body=body)
    return _session(answer, service, identifier)


async def refresh(client: httpx.AsyncClient, session: Session) -> Session:
    """A new pair of tokens for the refresh token (which `refreshSession` takes as its bearer)."""
    answer = await xrpc.call(client, session.pds, "com.atproto.server.refreshSession", token=session.refresh, data=b"")
    renewed = _session(answer, session.pds, session.handle)
    return Session(renewed.did, renewed.handle, session.pds, renewed.access, renewed.refresh)


__all__ = ["Session", "create", "pds_of", "refresh", "token_expiry"]
