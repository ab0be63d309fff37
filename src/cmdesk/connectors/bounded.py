"""Reading a response body with a ceiling on what it becomes once decoded, whatever its `Content-Encoding` layers:
httpx undoes each layer of a chunk at once, so `gzip, gzip` on a 6.7 KB body grew to 8.5 GB before a cap counted a
byte. Here each layer is undone by zlib with `max_length`, so no layer ever produces more than the cap (plus one
byte, to know it was passed)."""

from __future__ import annotations

import zlib

import httpx

from cmdesk.connectors.base import Permanent

SUPPORTED = ("gzip", "x-gzip", "deflate", "identity")


class TooBig(Permanent):
    """The body, or one of its decoding steps, is larger than the ceiling."""


class _Layer:
    """One `Content-Encoding` undone: gzip, or deflate (zlib-wrapped, or raw as some servers send it)."""

    def __init__(self, encoding: str) -> None:
        self.encoding = encoding
        self._deflate_tried_raw = False
        wbits = zlib.MAX_WBITS | 16 if encoding in ("gzip", "x-gzip") else zlib.MAX_WBITS
        self._zlib = zlib.decompressobj(wbits)
        self.produced = 0

    def decode(self, data: bytes, room: int) -> bytes:
        try:
            return self._zlib.decompress(data, room + 1)
        except zlib.error:
            if self.encoding != "deflate" or self._deflate_tried_raw or self.produced:
                raise
            self._deflate_tried_raw = True
            self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)
            return self._zlib.decompress(data, room + 1)


class BoundedDecoder:
    def __init__(self, content_encoding: str, limit: int, url: str) -> None:
        names = [part.strip().lower() for part in content_encoding.split(",") if part.strip()]
        unknown = [name for name in names if name not in SUPPORTED]
        if unknown:
            raise Permanent(f"{url} is sent encoded as {', '.join(unknown)}, which cmdesk did not ask for")
        # Encodings are listed in the order they were applied: undo the last one first.
        self._layers = [_Layer(name) for name in reversed(names) if name != "identity"]
        self._limit = limit
        self._url = url
        self.raw = 0

    def _too_big(self) -> TooBig:
        return TooBig(f"{self._url} is larger than {self._limit // (1024 * 1024)} MB; cmdesk stopped reading it")

    def feed(self, data: bytes) -> bytes:
        """The decoded bytes of this raw chunk; TooBig as soon as the raw body or any layer passes the ceiling."""
        self.raw += len(data)
        if self.raw > self._limit:
            raise self._too_big()
        for layer in self._layers:
            room = self._limit - layer.produced
            try:
                data = layer.decode(data, room)
            except zlib.error as error:
                raise Permanent(f"{self._url}: the {layer.encoding} data is damaged ({error})") from None
            layer.produced += len(data)
            if len(data) > room:
                raise self._too_big()
        return data


async def read_body(response: httpx.Response, limit: int, url: str | None = None) -> bytes:
    """The whole body of a streamed response, decoded, at most `limit` bytes (TooBig past it)."""
    where = url or str(response.url)
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limit:
        raise TooBig(f"{where} is larger than {limit // (1024 * 1024)} MB; cmdesk stopped reading it")
    decoder = BoundedDecoder(response.headers.get("Content-Encoding", ""), limit, where)
    chunks: list[bytes] = []
    size = 0
    async for raw in response.aiter_raw():
        decoded = decoder.feed(raw)
        size += len(decoded)
        if size > limit:
            raise decoder._too_big()
        chunks.append(decoded)
    return b"".join(chunks)
