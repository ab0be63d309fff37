"""Where a Bluesky account lives (https://atproto.com/specs/handle, /specs/did): its handle names a DID — through
`https://{handle}/.well-known/atproto-did`, else through Bluesky's public API (which also reads the DNS `_atproto`
record cmdesk cannot) — and the DID's document names its PDS: a `did:plc` from the PLC directory, a `did:web` from its
host's `/.well-known/did.json`. cmdesk never assumes one host: it signs in to the PDS the document names."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import httpx

from cmdesk.connectors.base import ConnectorError, Permanent
from cmdesk.connectors.bluesky import xrpc
from cmdesk.connectors.bluesky.session import pds_of
from cmdesk.connectors.bounded import read_body
from cmdesk.connectors.http import translated_errors

PLC_DIRECTORY = "https://plc.directory"
PUBLIC_API = "https://public.api.bsky.app"
"""Bluesky's public AppView, which resolves handles by DNS as well as HTTPS."""
MAX_DOCUMENT_BYTES = 256 * 1024


async def _get(client: httpx.AsyncClient, url: str) -> httpx.Response | None:
    with translated_errors(url):
        async with client.stream("GET", url, follow_redirects=True) as response:
            body = await read_body(response, MAX_DOCUMENT_BYTES, url)
    if response.status_code != 200:
        return None
    return httpx.Response(200, content=body, headers=response.headers)


async def did_of(client: httpx.AsyncClient, handle: str) -> str:
    """The DID a handle names; Permanent when neither way finds one."""
    handle = handle.strip().lstrip("@").lower()
    try:
        found = await _get(client, f"https://{handle}/.well-known/atproto-did")
    except ConnectorError:
        found = None
    text = found.text.strip() if found is not None else ""
    if text.startswith("did:"):
        return text
    answer = await xrpc.call(client, PUBLIC_API, "com.atproto.identity.resolveHandle", params=[("handle", handle)])
    did = str(answer.get("did") or "") if isinstance(answer, Mapping) else ""
    if not did.startswith("did:"):
        raise Permanent(f"no Bluesky account has the handle {handle}")
    return did


async def document_of(client: httpx.AsyncClient, did: str, plc: str = PLC_DIRECTORY) -> Any:
    if did.startswith("did:plc:"):
        url = f"{plc.rstrip('/')}/{did}"
    elif did.startswith("did:web:"):
        url = f"https://{did.removeprefix('did:web:')}/.well-known/did.json"
    else:
        raise Permanent(f"cmdesk cannot resolve {did} (only did:plc and did:web exist on Bluesky)")
    found = await _get(client, url)
    if found is None:
        raise Permanent(f"the DID document of {did} cannot be read")
    try:
        return found.json()
    except ValueError:
        raise Permanent(f"the DID document of {did} is not JSON") from None


async def pds_for(client: httpx.AsyncClient, handle: str) -> str:
    """The PDS of the account with this handle."""
    did = await did_of(client, handle)
    pds = pds_of(await document_of(client, did))
    if not pds:
        raise Permanent(f"the DID document of {handle} ({did}) names no PDS")
    return pds


__all__ = ["PLC_DIRECTORY", "PUBLIC_API", "did_of", "document_of", "pds_for"]
