"""The feed connector over a real HTTP server on 127.0.0.1, through the real sync engine and storage.

Covers conditional GET, redirects, gzip, charsets, entities, size cap, autodiscovery, changing feeds, comment feeds,
partial breakage and every class of network failure.
"""

from __future__ import annotations

import gzip
import ssl
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text

from cmdesk.connectors.base import AuthExpired, BadPayload, Permanent, RateLimited, Transient
from cmdesk.connectors.feeds import FeedConnector, NotAFeed
from cmdesk.connectors.http import make_client
from cmdesk.domain import Account, Health, Network
from cmdesk.storage import queries, syncstate
from cmdesk.storage.database import Database
from cmdesk.sync import AccountResult, SyncEngine
from tests.conftest import sample
from tests.support.certificates import self_signed
from tests.support.factories import make_account
from tests.support.feedserver import FeedServer, Route

RSS_ITEM = (
    "<item><title>{title}</title><link>{base}/p/{n}</link><guid>urn:post:{n}</guid>"
    "<pubDate>Mon, 0{n} Nov 2026 10:00:00 +0000</pubDate><description>{body}</description></item>"
)


def rss(base: str, *entries: tuple[int, str, str]) -> bytes:
    items = "".join(RSS_ITEM.format(base=base, n=n, title=title, body=body) for n, title, body in entries)
    head = '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Blog</title>'
    return f"{head}{items}</channel></rss>".encode()


async def sync(database: Database, account: Account, **connector_options: object) -> AccountResult:
    async with make_client() as client:
        engine = SyncEngine(database, client, {Network.FEED: FeedConnector(**connector_options)})  # type: ignore[arg-type]
        try:
            [result] = await engine.sync_once([account.id], attempts=1)
        finally:
            await engine.aclose()
    return result


def rows(database: Database, sql: str) -> list[tuple[object, ...]]:
    with database.read() as connection:
        return [tuple(row) for row in connection.execute(text(sql))]


@pytest.mark.asyncio
async def test_wordpress_posts_and_comments_then_conditional_get(database: Database, feed_server: FeedServer) -> None:
    base = feed_server.base
    body = sample("wordpress.rss").replace(b"{base}", base.encode())
    feed_url = feed_server.add("/feed/", Route(body, etag='"v1"', last_modified="Tue, 24 Nov 2026 09:12:44 GMT"))
    comments = sample("wordpress-comments.rss").replace(b"{base}", base.encode())
    feed_server.add("/2026/11/24/pain-au-levain/feed/", Route(comments, etag='"c1"'))
    account = make_account(database, address=feed_url)

    first = await sync(database, account)
    assert first.ok and first.ingested.inserted == 4, first.reason
    with database.read() as connection:
        page = queries.conversation_page(connection, queries.ConversationFilter())
        post = next(row for row in page if row.kind == "comment")
        thread = queries.thread(connection, post.id)
    assert post.title == "Notre pain au levain & le nouveau four"
    assert post.message_count == 3 and post.last_author == "Sophie"
    assert [m.author_name for m in thread] == ["Marie Dupont", "Jean Martin", "Sophie"]
    assert "<script" not in thread[0].html and "onerror" not in thread[0].html
    assert thread[0].attachments[0]["url"].endswith("four.mp4")
    assert not feed_server.hits("/2026/11/20/fermeture/feed/"), "a post announcing 0 comments is not fetched"

    second = await sync(database, account)
    assert second.ok and second.not_modified and second.ingested.inserted == 0
    last = feed_server.hits("/feed/")[-1]
    assert last.headers["if-none-match"] == '"v1"'
    assert last.headers["if-modified-since"] == "Tue, 24 Nov 2026 09:12:44 GMT"
    assert len(feed_server.hits("/2026/11/24/pain-au-levain/feed/")) == 1
    assert rows(database, "SELECT count(*) FROM messages") == [(4,)]


@pytest.mark.asyncio
async def test_a_feed_that_changes_between_syncs(database: Database, feed_server: FeedServer) -> None:
    base = feed_server.base
    route = Route(rss(base, (1, "Horaires", "Ouvert 7h-19h"), (2, "Promo", "Deux pour un"), (3, "Recette", "Brioche")))
    account = make_account(database, address=feed_server.add("/feed", route))
    assert (await sync(database, account)).ingested.inserted == 3

    route.body = rss(
        base, (1, "Horaires de Noël", "Ouvert 7h-13h le 24"), (3, "Recette", "Brioche"), (4, "Nouveau", "Pain")
    )
    result = await sync(database, account)
    assert (result.ingested.inserted, result.ingested.updated, result.ingested.unchanged) == (1, 1, 1)
    titles = rows(database, "SELECT remote_id, title, updated_at IS NOT NULL FROM messages ORDER BY remote_id")
    assert titles == [
        ("urn:post:1", "Horaires de Noël", 1),
        ("urn:post:2", "Promo", 0),
        ("urn:post:3", "Recette", 0),
        ("urn:post:4", "Nouveau", 0),
    ], "edits update, removed entries stay stored, new ones arrive"

    route.body = rss(
        base, (4, "Nouveau", "Pain"), (3, "Recette", "Brioche"), (1, "Horaires de Noël", "Ouvert 7h-13h le 24")
    )
    reordered = await sync(database, account)
    assert (reordered.ingested.inserted, reordered.ingested.updated) == (0, 0)


@pytest.mark.asyncio
async def test_permanent_redirect_is_remembered_temporary_is_not(database: Database, feed_server: FeedServer) -> None:
    base = feed_server.base
    feed_server.add("/new-home", Route(rss(base, (1, "Un", "x")), etag='"a"'))
    feed_server.add("/old", Route(status=301, location=base + "/new-home"))
    feed_server.add("/temp", Route(status=302, location=base + "/old"))
    moved = make_account(database, address=base + "/old")
    bounced = make_account(database, address=base + "/temp")

    assert (await sync(database, moved)).ok
    with database.read() as connection:
        assert syncstate.load(connection, moved.id).cursor["url"] == base + "/new-home"
    await sync(database, moved)
    assert len(feed_server.hits("/old")) == 1

    assert (await sync(database, bounced)).ok
    with database.read() as connection:
        assert syncstate.load(connection, bounced.id).cursor["url"] == base + "/temp"


@pytest.mark.asyncio
async def test_gzip_and_charsets_and_entities(database: Database, feed_server: FeedServer) -> None:
    latin1 = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Caf\xe9</title><item><guid>x1</guid>'
        "<title>Cr\xe8me br\xfbl\xe9e</title><description>D\xe9licieuse</description></item></channel></rss>"
    ).encode("latin-1")
    urls = {
        "gzip": feed_server.add("/gz", Route(sample("youtube.atom"), "application/atom+xml", gzip=True)),
        "wrong": feed_server.add("/wrong", Route(latin1, "application/rss+xml; charset=utf-8")),
        "missing": feed_server.add("/missing", Route(sample("rss091.xml"), "text/xml")),
    }
    accounts = {name: make_account(database, address=url) for name, url in urls.items()}
    results = {name: await sync(database, account) for name, account in accounts.items()}
    assert all(result.ok for result in results.values()), results
    assert feed_server.hits("/gz")[0].headers["accept-encoding"].startswith("gzip")
    titles = dict(rows(database, "SELECT account_id, group_concat(title, '|') FROM messages GROUP BY account_id"))
    assert titles[accounts["gzip"].id] == "Comment façonner une baguette"
    assert titles[accounts["wrong"].id] == "Crème brûlée"
    assert titles[accounts["missing"].id] == "Présentation & bienvenue|Prix de la farine"
    assert results["wrong"].problems, "a wrong charset declaration is reported"
    text_of = rows(database, "SELECT text, author_name FROM messages WHERE remote_id='http://forum.example/t/1'")
    assert text_of == [("Bonjour à tous !", "Forum des artisans")], "a post without an author is the site's"


@pytest.mark.asyncio
async def test_a_body_over_the_cap_is_refused_with_a_clear_reason(database: Database, feed_server: FeedServer) -> None:
    big = rss(feed_server.base, *((n, "x" * 100, "y" * 2000) for n in range(1, 10)))
    plain = make_account(database, address=feed_server.add("/big", Route(big)))
    zipped = make_account(database, address=feed_server.add("/bomb", Route(big, gzip=True)))
    for account in (plain, zipped):
        result = await sync(database, account, max_body=5000)
        assert result.health is Health.NEEDS_ATTENTION
        assert "larger than" in result.reason
    assert rows(database, "SELECT count(*) FROM messages") == [(0,)]


@pytest.mark.asyncio
async def test_html_page_offers_its_feeds(feed_server: FeedServer) -> None:
    page = (
        b"<!doctype html><html><head><title>Le Fournil</title>"
        b'<link rel="alternate" type="application/rss+xml" title="Articles" href="/feed/">'
        b'<link rel="alternate" type="application/atom+xml" title="Commentaires" href="comments.atom">'
        b'<link rel="stylesheet" href="/style.css"></head><body>Bienvenue</body></html>'
    )
    feed_server.add("/site/", Route(page, "text/html; charset=utf-8"))
    feed_server.add("/feed/", Route(sample("rss10.rdf"), "application/rss+xml"))
    async with make_client() as client:
        with pytest.raises(NotAFeed) as caught:
            await FeedConnector().discover(client, feed_server.url("/site/"))
        assert [(c.url, c.title, c.format) for c in caught.value.candidates] == [
            (feed_server.url("/feed/"), "Articles", "RSS"),
            (feed_server.url("/site/comments.atom"), "Commentaires", "Atom"),
        ]
        found = await FeedConnector().discover(client, caught.value.candidates[0].url)
    assert found.title == "Planet Boulange"


@pytest.mark.asyncio
async def test_partly_broken_feed_keeps_what_is_valid(database: Database, feed_server: FeedServer) -> None:
    broken = (
        b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Forum</title>'
        b"<item><guid>ok-1</guid><title>Premier</title><description>bon</description></item>"
        b"<item><guid>ok-2</guid><title>Second & <b>gras</title><description>cass\xc3\xa9</description></item>"
        b"<item><guid>ok-3</guid><title>Troisi\xc3\xa8me</title></item></channel></rss>"
    )
    account = make_account(database, address=feed_server.add("/broken", Route(broken)))
    result = await sync(database, account)
    assert result.ok
    assert result.problems and "not well-formed" in result.problems[0].detail
    assert rows(database, "SELECT remote_id FROM messages ORDER BY remote_id")[:1] == [("ok-1",)]
    assert len(rows(database, "SELECT 1 FROM messages")) >= 2


@pytest.mark.asyncio
async def test_garbage_is_bad_payload_and_nothing_stored_is_lost(database: Database, feed_server: FeedServer) -> None:
    route = Route(rss(feed_server.base, (1, "Un", "x")))
    account = make_account(database, address=feed_server.add("/feed", route))
    assert (await sync(database, account)).ok
    route.body, route.content_type = b"\x00\x01 definitely not xml {", "application/octet-stream"
    result = await sync(database, account)
    assert result.health is Health.NEEDS_ATTENTION and result.reason.startswith("not a feed")
    route.body, route.content_type = b'{"version": "https://jsonfeed.org/version/1", "items": [', "application/json"
    result = await sync(database, account)
    assert "broken JSON" in result.reason
    assert rows(database, "SELECT count(*) FROM messages") == [(1,)]


@pytest.mark.asyncio
async def test_json_feed_and_real_world_formats(database: Database, feed_server: FeedServer) -> None:
    names = {
        "jsonfeed.json": "application/feed+json",
        "youtube.atom": "application/atom+xml",
        "reddit.atom": "application/atom+xml; charset=UTF-8",
        "google-alerts.atom": "text/xml; charset=utf-8",
        "dailymotion.rss": "application/rss+xml",
        "rss10.rdf": "application/rdf+xml",
    }
    accounts = {}
    for name, content_type in names.items():
        url = feed_server.add("/" + name, Route(sample(name), content_type))
        accounts[name] = make_account(database, address=url)
        result = await sync(database, accounts[name])
        assert result.ok, (name, result.reason)
    with database.read() as connection:
        by_account = {
            name: queries.thread(
                connection,
                queries.conversation_page(connection, queries.ConversationFilter(account_ids=(account.id,)), limit=1)[
                    0
                ].id,
            )[0]
            for name, account in accounts.items()
        }
    assert by_account["jsonfeed.json"].text == "This is a second item."
    assert by_account["jsonfeed.json"].author_name == "Feed Author"
    assert by_account["youtube.atom"].remote_id == "yt:video:dQw4w9WgXcQ"
    (video,) = by_account["youtube.atom"].attachments  # the video, its thumbnail its preview
    # Its Flash player address (youtube.com/v/…) plays nowhere now: the video opens its page.
    assert (video["role"], video["url"]) == ("media", "https://www.youtube.com/watch?v=dQw4w9WgXcQ")
    assert video["preview_url"] == "https://i2.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg"
    assert by_account["reddit.atom"].remote_id == "t3_1h2xyzq"
    assert by_account["reddit.atom"].author_name == "/u/croissant_lover"
    assert by_account["google-alerts.atom"].title.startswith("Les meilleures boulangeries")
    assert "<b>" not in by_account["google-alerts.atom"].title
    # An alert is from the site it found, and opens that site, not a redirect through Google.
    assert by_account["google-alerts.atom"].author_name == "example-news.fr"
    assert by_account["google-alerts.atom"].url == "https://www.example-news.fr/boulangeries-est-parisien"
    assert by_account["dailymotion.rss"].created_at.isoformat() == "2026-11-21T05:30:00+00:00"
    json_problems = rows(database, f"SELECT count(*) FROM messages WHERE account_id={accounts['jsonfeed.json'].id}")
    assert json_problems == [(2,)], "the malformed third JSON item is skipped, the two others kept"


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("status", "headers", "error", "fragment"),
    [
        (404, {}, Permanent, "not found"),
        (410, {}, Permanent, "not found"),
        (500, {}, Transient, "server error"),
        (503, {}, Transient, "server error"),
        (401, {}, AuthExpired, "refused"),
        (429, {"Retry-After": "120"}, RateLimited, "rate-limited"),
    ],
)
async def test_http_errors_are_typed(
    feed_server: FeedServer, status: int, headers: dict[str, str], error: type[Exception], fragment: str
) -> None:
    url = feed_server.add("/err", Route(b"nope", "text/plain", status=status, headers=headers))
    account = Account(1, "uid", 1, Network.FEED, "x", url)
    async with make_client() as client:
        with pytest.raises(error, match=fragment) as caught:
            await FeedConnector().pull(client, account, {})
    if isinstance(caught.value, RateLimited):
        assert (
            100
            < (
                caught.value.retry_at - __import__("datetime").datetime.now(caught.value.retry_at.tzinfo)
            ).total_seconds()
            <= 120
        )


@pytest.mark.asyncio
async def test_network_failures_are_typed_with_one_line_reasons(feed_server: FeedServer) -> None:
    slow = feed_server.add("/slow", Route(rss(feed_server.base), delay=1.5))
    refused_port = _free_port()
    cases = {
        "http://nonexistent-cmdesk-host.invalid/feed": (Transient, "cannot resolve host"),
        f"http://127.0.0.1:{refused_port}/feed": (Transient, "refused"),
        slow: (Transient, "did not answer in time"),
        "ftp://127.0.0.1/feed": (Permanent, "unsupported address"),
    }
    async with make_client(timeout=httpx.Timeout(0.5)) as client:
        for url, (error, fragment) in cases.items():
            account = Account(1, "uid", 1, Network.FEED, "x", url)
            with pytest.raises(error, match=fragment) as caught:
                await FeedConnector().pull(client, account, {})
            assert "\n" not in str(caught.value)


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def tls_server(tmp_path: Path) -> Iterator[str]:
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    self_signed(cert, key)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            self.send_response(200)
            self.end_headers()
            self.wfile.write(gzip.compress(b""))

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"https://127.0.0.1:{server.server_address[1]}/feed"
    server.shutdown()
    server.server_close()


@pytest.mark.asyncio
async def test_an_untrusted_certificate_is_a_permanent_tls_error(tls_server: str) -> None:
    account = Account(1, "uid", 1, Network.FEED, "x", tls_server)
    async with make_client() as client:
        with pytest.raises(Permanent, match="TLS certificate refused"):
            await FeedConnector().pull(client, account, {})


@pytest.mark.asyncio
async def test_garbage_that_is_an_html_page_without_feeds(feed_server: FeedServer) -> None:
    url = feed_server.add("/plain", Route(b"<html><body>Nothing</body></html>", "text/html"))
    async with make_client() as client:
        with pytest.raises(NotAFeed, match="advertises no feed"):
            await FeedConnector().discover(client, url)
        with pytest.raises(BadPayload):
            await FeedConnector().discover(client, feed_server.add("/bin", Route(b"\x89PNG\r\n", "image/png")))


@pytest.mark.asyncio
async def test_a_killed_parser_process_is_a_transient_error_then_recovers(feed_server: FeedServer) -> None:
    import os
    import signal

    from cmdesk.connectors.feeds import connector as feeds_connector

    url = feed_server.add("/ok", Route(sample("rss10.rdf")))
    account = Account(1, "uid", 1, Network.FEED, "x", url)
    async with make_client() as client:
        await FeedConnector().pull(client, account, {})
        processes = feeds_connector.parser_pool()._pool  # type: ignore[attr-defined]
        for pid in list(processes._processes):
            os.kill(pid, signal.SIGKILL)
        with pytest.raises(Transient, match="parser process"):
            await FeedConnector().pull(client, account, {})
        page = await FeedConnector().pull(client, account, {})
    assert page.items and feeds_connector.parser_pool()._pool is not processes  # type: ignore[attr-defined]


@pytest.mark.asyncio
async def test_the_same_article_from_google_news_and_bing_news_is_one_conversation(
    database: Database, feed_server: FeedServer
) -> None:
    """Issue 17: a client's two news search feeds bring the same article — Google News with the paper's name after
    the headline and its own address, Bing News through its redirect — and the inbox shows it once."""
    google = make_account(database, address=feed_server.add("/google", Route(sample("google-news.rss"), "text/xml")))
    bing = make_account(
        database, address=feed_server.add("/bing", Route(sample("bing-news.rss"), "application/rss+xml"))
    )
    for account in (google, bing):
        result = await sync(database, account)
        assert result.ok, result.reason
    with database.read() as connection:
        page = queries.conversation_page(connection, queries.ConversationFilter())
        titles = sorted((c.title, c.message_count) for c in page)
        story = next(c for c in page if c.title.startswith("Intoxication"))
        messages = queries.thread(connection, story.id)
    assert titles == [
        ("Intoxication alimentaire : une boulangerie du 11e fermée par la préfecture - Le Parisien", 2),
        ("Le Fournil rouvre ses portes après travaux", 1),
        ("Les meilleures galettes des rois de l'Est parisien - Time Out Paris", 1),
    ]
    assert [m.account_id for m in messages] == [google.id, bing.id]
    assert messages[1].url == "https://www.leparisien.fr/paris-75/intoxication-boulangerie-11e.php?utm_source=bing", (
        "Bing's redirect is unwrapped: the article opens directly"
    )
    again = await sync(database, bing)
    assert again.ok and rows(database, "SELECT count(*) FROM conversations") == [(3,)]
