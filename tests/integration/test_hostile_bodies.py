"""Issue 15, finding 2: a body's size is counted as it is decoded, whatever its Content-Encoding layers. Before,
httpx undid each layer of a chunk at once: `gzip, gzip` on a 6.7 KB body reached 8.5 GB before the 20 MB cap saw a
byte. These run against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import gzip
import time
import tracemalloc
import zlib
from collections.abc import AsyncIterator

import httpx
import pytest
import pytest_asyncio

from cmdesk.connectors.base import ConnectorError, Permanent
from cmdesk.connectors.feeds import FeedConnector
from cmdesk.connectors.feeds.fetch import fetch
from cmdesk.connectors.http import make_client
from cmdesk.domain import Account, Capabilities, Health, Network, Page, RemoteRef
from cmdesk.domain.acts import Post
from cmdesk.domain.reads import OutboxState
from cmdesk.storage import outbox, queries, workspace
from cmdesk.storage.database import Database
from cmdesk.sync import AccountResult, SyncEngine
from tests.support.factories import make_account
from tests.support.feedserver import FeedServer, Route

MB = 1024 * 1024
FEED = b"<?xml version='1.0'?><rss version='2.0'><channel><title>Le Fournil</title></channel></rss>"


@pytest_asyncio.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with make_client() as made:
        yield made


async def _sync_feed(database: Database, account: Account) -> AccountResult:
    """One real sync of a feed account: HTTP, the parser process, the engine, the database."""
    async with make_client() as made:
        engine = SyncEngine(database, made, {Network.FEED: FeedConnector()})
        try:
            [result] = await engine.sync_once([account.id], attempts=1)
        finally:
            await engine.aclose()
    return result


def _serve(feed_server: FeedServer, path: str, body: bytes, encoding: str) -> str:
    feed_server.routes[path] = Route(body=body, headers={"Content-Encoding": encoding})
    return feed_server.url(path)


@pytest.mark.asyncio
async def test_a_double_gzip_bomb_stops_at_the_cap_without_growing(
    feed_server: FeedServer, client: httpx.AsyncClient
) -> None:
    bomb = gzip.compress(gzip.compress(b"\0" * (64 * MB), 9), 9)
    assert len(bomb) < 100_000, "a small body on the wire"
    url = _serve(feed_server, "/bomb.xml", bomb, "gzip, gzip")
    tracemalloc.start()
    try:
        with pytest.raises(Permanent, match="larger than 1 MB"):
            await fetch(client, url, limit=MB)
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 8 * MB, f"decoding grew to {peak / MB:.0f} MB before stopping"


@pytest.mark.asyncio
async def test_every_layer_an_honest_server_uses_still_reads(
    feed_server: FeedServer, client: httpx.AsyncClient
) -> None:
    raw_deflate = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    cases = {
        "gzip": gzip.compress(FEED),
        "gzip, gzip": gzip.compress(gzip.compress(FEED)),
        "deflate": zlib.compress(FEED),
        "Deflate": raw_deflate.compress(FEED) + raw_deflate.flush(),
        "identity": FEED,
    }
    for number, (encoding, body) in enumerate(cases.items()):
        fetched = await fetch(client, _serve(feed_server, f"/{number}.xml", body, encoding), limit=MB)
        assert fetched.body == FEED, encoding


@pytest.mark.asyncio
async def test_damaged_or_unasked_encodings_are_refused_with_the_reason(
    feed_server: FeedServer, client: httpx.AsyncClient
) -> None:
    with pytest.raises(Permanent, match="encoded as br, which cmdesk did not ask for"):
        await fetch(client, _serve(feed_server, "/br.xml", b"\x1b\x03", "br"), limit=MB)
    packed = gzip.compress(FEED * 50)
    damaged = packed[:10] + b"\xff" * 40 + packed[50:]
    with pytest.raises(Permanent, match="gzip data is damaged"):
        await fetch(client, _serve(feed_server, "/broken.xml", damaged, "gzip"))


@pytest.mark.asyncio
async def test_a_refused_redirect_names_its_target_not_the_first_address(
    feed_server: FeedServer, client: httpx.AsyncClient
) -> None:
    """Issue 15, finding 10: the message named the address first asked for, which works, not where it was sent."""
    feed_server.routes["/moved"] = Route(status=302, location="ftp://files.example/feed.xml")
    feed_server.routes["/gone"] = Route(status=301, location="http://127.0.0.1:9/feed.xml")
    with pytest.raises(Permanent) as unsupported:
        await fetch(client, feed_server.url("/moved"))
    assert "ftp://files.example/feed.xml" in str(unsupported.value)
    assert f"redirected from {feed_server.url('/moved')}" in str(unsupported.value)
    with pytest.raises(ConnectorError) as refused:
        await fetch(client, feed_server.url("/gone"))
    assert str(refused.value).startswith("127.0.0.1:9 refused the connection")
    assert f"redirected from {feed_server.url('/gone')}" in str(refused.value)


@pytest.mark.asyncio
async def test_a_post_dated_9999_does_not_stay_on_top_and_the_sync_says_why(
    database: Database, feed_server: FeedServer
) -> None:
    """Issue 15, finding 9, through the real path: HTTP, the parser process, the engine, the inbox."""
    body = (
        b"<?xml version='1.0'?><rss version='2.0'><channel><title>Blog</title>"
        b"<item><guid>forever</guid><title>Premier pour toujours</title>"
        b"<pubDate>Fri, 31 Dec 9999 23:59:59 +0000</pubDate></item>"
        b"<item><guid>today</guid><title>Nouveau pain</title><pubDate>Tue, 01 Dec 2026 08:00:00 +0000</pubDate></item>"
        b"</channel></rss>"
    )
    feed_server.routes["/dated.xml"] = Route(body=body)
    account = make_account(database, address=feed_server.url("/dated.xml"))
    result = await _sync_feed(database, account)
    assert result.ok and result.ingested.inserted == 2
    assert any("9999-12-31 23:59 UTC, in the future" in problem.detail for problem in result.problems)
    with database.read() as connection:
        rows = queries.conversation_page(connection, queries.ConversationFilter(), limit=5)
    assert all(row.last_activity_at.year < 9999 for row in rows)


class _Publisher:
    """A network that publishes at once and notes when."""

    network = "loopback-publisher"
    capabilities = Capabilities(can_publish=True)

    def __init__(self) -> None:
        self.published: list[float] = []

    async def pull(self, client: object, account: object, cursor: object) -> Page:
        return Page((), {})

    async def perform(self, client: object, account: object, action: object) -> RemoteRef:
        self.published.append(time.monotonic())
        return RemoteRef(f"status-{len(self.published)}")

    async def find_sent(self, *args: object) -> None:
        return None


@pytest.mark.asyncio
async def test_a_feed_that_drips_one_byte_at_a_time_neither_holds_the_sync_nor_the_post_that_is_due(
    database: Database, feed_server: FeedServer
) -> None:
    """Issue 15, finding 3: one byte every few seconds kept `cmdesk sync` running forever, and the post due
    meanwhile waited for every pull to end. Now every page has a deadline and the outbox does not wait."""
    feed_server.routes["/drip.xml"] = Route(body=b"<?xml version='1.0'?><rss>" + b" " * 500, drip=0.2)
    slow = make_account(database, address=feed_server.url("/drip.xml"))
    publisher = _Publisher()
    with database.write() as connection:
        mine = workspace.add_account(connection, slow.client_id, publisher.network, "me", name="@fournil")
        outbox.enqueue(connection, mine.id, Post("Galettes dès samedi !"))
    started = time.monotonic()
    async with make_client() as made:
        engine = SyncEngine(
            database, made, {Network.FEED: FeedConnector(), publisher.network: publisher}, pull_deadline=2.0
        )
        try:
            results, sent = await engine.sync_and_send([slow.id], attempts=1)
        finally:
            await engine.aclose()
    elapsed = time.monotonic() - started
    [result] = results
    assert result.health is Health.RETRYING and "took more than 2 s to send a page" in result.reason
    assert elapsed < 10, f"the pass ended after {elapsed:.1f} s"
    assert [s.state for s in sent] == [OutboxState.SENT] and len(publisher.published) == 1
    assert publisher.published[0] - started < 1.5, "the post went out while the slow feed was still dripping"


@pytest.mark.asyncio
async def test_a_comment_feed_nested_too_deep_leaves_the_posts_stored(
    database: Database, feed_server: FeedServer
) -> None:
    """Issue 15, finding 4: a deeply nested JSON comment feed stopped the parent feed's posts from being stored,
    with a traceback each sync. It is one bad item now, and the posts are stored."""
    deep = b'{"version": "https://jsonfeed.org/version/1.1", "items": ' + b"[" * 200_000 + b"]" * 200_000 + b"}"
    feed_server.routes["/comments.json"] = Route(body=deep, content_type="application/feed+json")
    body = (
        "<?xml version='1.0'?><rss version='2.0' xmlns:wfw='http://wellformedweb.org/CommentAPI/' "
        "xmlns:slash='http://purl.org/rss/1.0/modules/slash/'><channel><title>Blog du Fournil</title>"
        f"<item><guid>post-1</guid><title>Le pain du mois</title><wfw:commentRss>{feed_server.url('/comments.json')}"
        "</wfw:commentRss><slash:comments>3</slash:comments></item>"
        "<item><guid>post-2</guid><title>Fermeture lundi</title></item>"
        "</channel></rss>"
    ).encode()
    feed_server.routes["/blog.xml"] = Route(body=body)
    account = make_account(database, address=feed_server.url("/blog.xml"))
    result = await _sync_feed(database, account)
    assert result.ok, result.reason
    assert result.ingested.inserted == 2, "both posts are stored"
    assert any(problem.where.startswith("comments of Le pain du mois") for problem in result.problems)


@pytest.mark.asyncio
async def test_an_entity_amplification_feed_is_not_expanded(database: Database, feed_server: FeedServer) -> None:
    """Issue 15, finding 1: a 100 KB entity referenced 2,000 times made one 200 MB message (expat stops the
    expansion, feedparser's loose parser did it anyway). Here 20 KB × 1,000: the declarations are ignored."""
    entity = "Lol " * 5_000
    references = "&big;" * 1_000
    body = (
        f"<?xml version='1.0'?><!DOCTYPE rss [<!ENTITY big \"{entity}\">]><rss version='2.0'><channel>"
        f"<title>Piège</title><item><guid>trap</guid><title>Piège</title><description>{references}</description>"
        "</item><item><guid>fine</guid><title>Pain au levain</title><description>Du bon pain.</description></item>"
        "</channel></rss>"
    ).encode()
    assert len(body) < 60_000
    feed_server.routes["/entities.xml"] = Route(body=body)
    account = make_account(database, address=feed_server.url("/entities.xml"))
    result = await _sync_feed(database, account)
    assert result.ok, result.reason
    assert any("declares entities of its own" in problem.detail for problem in result.problems)
    with database.read() as connection:
        longest = connection.exec_driver_sql("SELECT max(length(text)), max(length(html)) FROM messages").one()
    assert max(longest) < 20_000, f"a message of {max(longest):,} characters was stored"
