"""Issue 15, finding 1: a feed parse cannot take the laptop's memory — a parser worker fails with MemoryError past
its ceiling (the source then says why and the sync goes on), and ordinary work fits well under it."""

from __future__ import annotations

import multiprocessing
import os
import sys

import pytest

from cmdesk.connectors.feeds.connector import PARSER_MEMORY, parser_pool


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_AS is how the ceiling is set on Linux")
def test_a_parser_worker_has_a_memory_ceiling() -> None:
    pool = parser_pool()
    with pytest.raises(MemoryError):
        pool.submit(bytearray, PARSER_MEMORY + 512 * 1024 * 1024).result(timeout=60)
    assert len(pool.submit(bytearray, 100 * 1024 * 1024).result(timeout=60)) == 100 * 1024 * 1024


NOT_FOR_PARSING = ("hashlib", "httpx", "sqlalchemy", "sqlmodel", "PySide6", "feedparser")
"""What a parser process must not import to parse a well-formed feed and judge its entries: each is megabytes in
each of the two processes (hashlib alone maps OpenSSL: 3.8 MB), for nothing parsing or judging does."""

RSS = (
    b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Boulangerie</title>'
    b"<link>https://example.org/</link><description>d</description>"
    b"<item><title>Merci !</title><link>https://example.org/1</link><guid>https://example.org/1</guid>"
    b"<pubDate>Tue, 24 Nov 2026 08:00:00 EST</pubDate>"
    b"<description>&lt;p&gt;Livraison rapide, pain excellent, merci beaucoup&lt;/p&gt;</description></item>"
    b"<item><title>Retard &amp;amp; pain rassis</title><link>https://example.org/2</link>"
    b"<description>&lt;p&gt;The order was late again, very disappointed&lt;/p&gt;</description></item>"
    b"</channel></rss>"
)


def test_a_parser_process_imports_only_what_parsing_and_judging_need() -> None:
    from concurrent.futures import ProcessPoolExecutor

    from cmdesk.analysis.learning import Corrections
    from cmdesk.connectors.child_processes import start_parser_process
    from cmdesk.connectors.feeds.parse import parse_feed
    from cmdesk.sync.judging import judge_many

    with ProcessPoolExecutor(  # one process, started as connectors/feeds/connector.py starts the parsers
        max_workers=1,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=start_parser_process,
        initargs=(os.getpid(),),
    ) as pool:
        headers = {"content-type": "application/rss+xml"}
        feed = pool.submit(parse_feed, RSS, headers, "https://example.org/feed").result(60)
        latin = RSS.replace(b"utf-8", b"iso-8859-1").replace(b"Merci !", "Merci, c'était parfait !".encode("latin-1"))
        older_site = pool.submit(parse_feed, latin, headers, "https://example.org/feed").result(60)
        texts = [(f"{item.title}\n{item.text}", "") for item in feed.items]
        verdicts = pool.submit(judge_many, Corrections.learnt([]), texts).result(60)
        imported = pool.submit(eval, f"[m for m in {NOT_FOR_PARSING!r} if m in __import__('sys').modules]").result(60)
    assert [item.remote_id for item in feed.items] == ["https://example.org/1", "https://example.org/2"]
    assert feed.items[1].title == "Retard & pain rassis"  # an entity in a title: HTML, as feedparser says
    assert feed.items[0].created_at.isoformat().startswith("2026-11-24T13:00:00")  # a zone by name: EST is UTC-5
    assert [label for label, _, _ in verdicts] == ["positive", "negative"]
    assert older_site.items[0].title == "Merci, c'était parfait !"  # ISO-8859-1, as older French sites serve
    assert imported == []


def test_an_entry_without_id_or_link_is_named_by_a_digest_of_what_it_says() -> None:
    from cmdesk.connectors.feeds.parse import parse_feed

    body = RSS.replace(b"<link>https://example.org/2</link>", b"")
    once, again = (parse_feed(body, {}, "https://example.org/feed").items[1] for _ in range(2))
    other = parse_feed(body.replace(b"very disappointed", b"disappointed"), {}, "https://example.org/feed").items[1]
    assert once.remote_id.startswith("sha256:") and len(once.remote_id) == len("sha256:") + 32
    assert once.remote_id == again.remote_id != other.remote_id
