"""A person who consents in the browser: opens the authorisation page a sign-in dialog shows, and follows the
provider's redirect back to cmdesk's loopback listener — for the fakes whose consent page redirects at once."""

from __future__ import annotations

import asyncio

import httpx


def browser(url: str) -> object:
    """An `open_url` for sign-in dialogs: the consent happens on the event loop, as the real browser's would."""

    async def user() -> None:
        async with httpx.AsyncClient() as agent:
            consent = await agent.get(url)
            await agent.get(consent.headers["location"])

    return asyncio.ensure_future(user())


__all__ = ["browser"]
