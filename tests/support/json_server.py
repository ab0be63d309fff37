"""The loopback HTTP server the API fakes share (YouTube and Google sign-in, Meta's Graph API): it parses each
request, hands it to the fake's `answer`, one request at a time, and writes the JSON answer with its headers in one
send (no 40 ms wait for a delayed ACK between headers and body)."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.support.feedserver import QuietServer


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    """Lower-case names."""
    raw: bytes
    lists: dict[str, list[str]] | None = None
    """Every value of each query parameter (`post_ids[]=1&post_ids[]=2`)."""

    def json(self) -> Any:
        return json.loads(self.raw) if self.raw else None

    @property
    def bearer(self) -> str:
        return self.headers.get("authorization", "").removeprefix("Bearer ")


Answer = tuple[int, Any, dict[str, str]]
"""Status, a JSON-able payload (or bytes as they are), extra headers."""


class LoopbackJson:
    """Mixed into a fake: `start()` serves `answer(request)` on 127.0.0.1, `base` is its origin, `stop()` ends it."""

    def answer(self, request: Request) -> Answer:
        raise NotImplementedError

    def start(self) -> Any:
        fake = self
        lock = threading.Lock()

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            wbufsize = 1 << 16

            def log_message(self, *args: object) -> None:
                pass

            def _handle(self, method: str) -> None:
                parts = urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                request = Request(
                    method,
                    parts.path,
                    {key: values[0] for key, values in parse_qs(parts.query).items()},
                    {key.lower(): value for key, value in self.headers.items()},
                    self.rfile.read(length) if length else b"",
                    parse_qs(parts.query),
                )
                with lock:
                    status, payload, headers = fake.answer(request)
                data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=UTF-8")
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:  # noqa: N802
                self._handle("GET")

            def do_POST(self) -> None:  # noqa: N802
                self._handle("POST")

            def do_DELETE(self) -> None:  # noqa: N802
                self._handle("DELETE")

        self._server = QuietServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
