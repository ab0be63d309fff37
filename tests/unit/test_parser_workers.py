"""Issue 15, finding 1: a feed parse cannot take the laptop's memory — a parser worker fails with MemoryError past
its ceiling (the source then says why and the sync goes on), and ordinary work fits well under it."""

from __future__ import annotations

import sys

import pytest

from cmdesk.connectors.feeds.connector import PARSER_MEMORY, parser_pool


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_AS is how the ceiling is set on Linux")
def test_a_parser_worker_has_a_memory_ceiling() -> None:
    pool = parser_pool()
    with pytest.raises(MemoryError):
        pool.submit(bytearray, PARSER_MEMORY + 512 * 1024 * 1024).result(timeout=60)
    assert len(pool.submit(bytearray, 100 * 1024 * 1024).result(timeout=60)) == 100 * 1024 * 1024
