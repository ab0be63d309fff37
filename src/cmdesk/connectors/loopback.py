"""The loopback redirect of RFC 8252 (OAuth for native apps): a one-shot HTTP listener on 127.0.0.1 that receives
the browser's redirect with `code` and `state`, answers with a page telling the user to go back to cmdesk, and
hands the code over. Nothing else is served; a wrong `state` is refused and the listener keeps waiting. With it, the
PKCE pair (RFC 7636) every provider that supports it is given. Shared by the networks that sign in through a browser.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import html
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from types import TracebackType
from urllib.parse import parse_qs, urlsplit

from cmdesk.connectors.base import AuthExpired

CALLBACK_PATH = "/callback"
PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>cmdesk</title></head>
<body style="font-family: sans-serif; margin: 3em"><h1>{title}</h1><p>{body}</p></body></html>"""


@dataclass(frozen=True, slots=True)
class Pkce:
    verifier: str
    challenge: str

    @classmethod
    def new(cls) -> Pkce:
        verifier = secrets.token_urlsafe(48)
        digest = hashlib.sha256(verifier.encode("ascii")).digest()
        return cls(verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii"))


class SignInRefused(AuthExpired):
    """The user (or the server) declined the authorisation."""


class LoopbackRedirect:
    """`async with LoopbackRedirect() as redirect:` then send the browser to a URL with `redirect.uri` and
    `redirect.state`, and `await redirect.code()`."""

    def __init__(self, port: int = 0, *, host: str = "127.0.0.1", carried: str = "code") -> None:
        """`host`: how the redirect address names this machine — 127.0.0.1 as RFC 8252 advises, or "localhost" for
        a provider that wants it (then both loopback addresses listen, whichever the browser resolves). `carried`:
        the query parameter the redirect brings back — OAuth's "code" with our `state`, or Discourse's encrypted
        "payload", whose nonce is its state (checked by whoever decrypts it)."""
        self._wanted_port = port
        self._host = host
        self._carried = carried
        self._server: asyncio.Server | None = None
        self._result: asyncio.Future[str] | None = None
        self.state = secrets.token_urlsafe(24)
        self.port = 0

    @property
    def uri(self) -> str:
        return f"http://{self._host}:{self.port}{CALLBACK_PATH}"

    async def start(self) -> None:
        """Listen; OSError when the wanted port is taken."""
        self._result = asyncio.get_running_loop().create_future()
        if self._host == "localhost" and self._wanted_port:
            try:
                self._server = await asyncio.start_server(self._serve, ["127.0.0.1", "::1"], self._wanted_port)
            except OSError:  # no IPv6 loopback here: the browser falls back to 127.0.0.1
                self._server = await asyncio.start_server(self._serve, "127.0.0.1", self._wanted_port)
        else:
            self._server = await asyncio.start_server(self._serve, "127.0.0.1", self._wanted_port)
        self.port = self._server.sockets[0].getsockname()[1]

    async def close(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
            self._server = None

    async def __aenter__(self) -> LoopbackRedirect:
        await self.start()
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        await self.close()

    async def consent(
        self, url: str, open_url: Callable[[str], Awaitable[object] | object], timeout: float | None = None
    ) -> str:
        """Show the person the provider's consent page (`open_url`: the system browser, or a test's user), then
        wait for the code its redirect brings back."""
        opened = open_url(url)
        if isinstance(opened, Awaitable):
            await opened
        return await self.code(timeout)

    async def code(self, timeout: float | None = None) -> str:
        """Wait for the redirect that carries our `state`; SignInRefused if the user declined."""
        assert self._result is not None, "start the listener first"
        async with asyncio.timeout(timeout):
            return await asyncio.shield(self._result)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            request_line = await asyncio.wait_for(reader.readline(), 10)
            while (await asyncio.wait_for(reader.readline(), 10)) not in (b"\r\n", b"\n", b""):
                pass
            status, title, body = self._handle(request_line.decode("latin-1"))
            page = PAGE.format(title=html.escape(title), body=html.escape(body)).encode()
            writer.write(
                f"HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {len(page)}\r\n"
                "Connection: close\r\nCache-Control: no-store\r\n\r\n".encode()
                + page
            )
            await writer.drain()
        except (TimeoutError, ConnectionError, UnicodeDecodeError):
            pass
        finally:
            writer.close()

    def _handle(self, request_line: str) -> tuple[str, str, str]:
        parts = request_line.split()
        if len(parts) != 3 or parts[0] != "GET":
            return "405 Method Not Allowed", "cmdesk", "Only the sign-in redirect is served here."
        target = urlsplit(parts[1])
        if target.path != CALLBACK_PATH:
            return "404 Not Found", "cmdesk", "Only the sign-in redirect is served here."
        query = {key: values[0] for key, values in parse_qs(target.query).items()}
        stale = self._carried == "code" and query.get("state") != self.state
        if stale or self._result is None or self._result.done():
            return "400 Bad Request", "cmdesk", "This sign-in link is stale or not for this window; start again."
        if "error" in query:
            reason = query.get("error_description") or query["error"]
            self._result.set_exception(SignInRefused(f"the server did not authorise cmdesk: {reason}"))
            return (
                "200 OK",
                "Sign-in cancelled / Connexion annulée",
                "You can close this tab. Vous pouvez fermer cet onglet.",
            )
        code = query.get(self._carried, "")
        if not code:
            return "400 Bad Request", "cmdesk", "The redirect carried no authorisation."
        self._result.set_result(code)
        return (
            "200 OK",
            "cmdesk is signed in / cmdesk est connecté",
            "You can close this tab and go back to cmdesk. Vous pouvez fermer cet onglet et revenir à cmdesk.",
        )
