"""The hostile sources issue 15 attacked cmdesk with, served on loopback beside good ones, and a way to run the real
`cmdesk sync` over them while the whole process tree's memory is sampled. Shared by the reliability suite
(tests/integration/test_reliability.py) and bench/hostile.py (the before/after table)."""

from __future__ import annotations

import gzip
import os
import sys
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cmdesk.domain import Network
from cmdesk.storage import outbox, workspace
from cmdesk.storage.database import Database
from tests.support.feedserver import FeedServer, Route
from tests.support.file_keyring import BACKEND
from tests.support.mastodon_fake import MastodonFake, account
from tests.support.processes import Run, sampled

ROOT = Path(__file__).resolve().parents[2]
GOOD_ENTRIES = 100


def _rss(title: str, items: str, preamble: str = "") -> bytes:
    return (
        f"<?xml version='1.0'?>{preamble}<rss version='2.0'><channel><title>{title}</title>{items}</channel></rss>"
    ).encode()


def good_feed(number: int) -> bytes:
    items = "".join(
        f"<item><guid>good-{number}-{n}</guid><title>Pain {n}</title><description>Du bon pain, fournée {n}."
        "</description></item>"
        for n in range(GOOD_ENTRIES)
    )
    return _rss(f"Bon blog {number}", items)


def entity_amplification(entity_kb: int, references: int) -> bytes:
    entity = "Lol " * (entity_kb * 256)
    return _rss(
        "Piège",
        f"<item><guid>trap</guid><title>Piège</title><description>{'&big;' * references}</description></item>",
        f'<!DOCTYPE rss [<!ENTITY big "{entity}">]>',
    )


def double_gzip_bomb(zeros_mb: int = 512) -> bytes:
    """`Content-Encoding: gzip, gzip` over a few KB that decode to `zeros_mb` MB."""
    inner = zlib.compressobj(9, zlib.DEFLATED, 31)
    chunk = b"\0" * (1024 * 1024)
    layer = b"".join(inner.compress(chunk) for _ in range(zeros_mb)) + inner.flush()
    return gzip.compress(layer, 9)


def deep_json_comments(url_of: Callable[[str], str]) -> bytes:
    items = (
        f"<item><guid>post-1</guid><title>Le pain du mois</title><wfw:commentRss>{url_of('/deep.json')}"
        "</wfw:commentRss><slash:comments>3</slash:comments></item>"
        "<item><guid>post-2</guid><title>Fermeture lundi</title></item>"
    )
    return (
        "<?xml version='1.0'?><rss version='2.0' xmlns:wfw='http://wellformedweb.org/CommentAPI/' "
        f"xmlns:slash='http://purl.org/rss/1.0/modules/slash/'><channel><title>Blog</title>{items}</channel></rss>"
    ).encode()


@dataclass(frozen=True)
class Case:
    name: str
    before: str
    """What the attack did before the fixes (the issue's measurements)."""
    path: str
    serve: Callable[[FeedServer], None]


def _route(path: str, **route: object) -> Callable[[FeedServer], None]:
    def serve(server: FeedServer) -> None:
        server.routes[path] = Route(**route)  # type: ignore[arg-type]

    return serve


def _deep(server: FeedServer) -> None:
    deep = b'{"version": "https://jsonfeed.org/version/1.1", "items": ' + b"[" * 200_000 + b"]" * 200_000 + b"}"
    server.routes["/deep.json"] = Route(body=deep, content_type="application/feed+json")
    server.routes["/nested.xml"] = Route(body=deep_json_comments(server.url))


CASES = (
    Case(
        "entity 100 KB x 2,000 (106 KB)",
        "3.9 GB; one 200 MB message; first screen 101 s",
        "/entity-106.xml",
        _route("/entity-106.xml", body=entity_amplification(100, 2_000)),
    ),
    Case(
        "entity 150 KB x 2,000 (160 KB)",
        "9.8 GB",
        "/entity-160.xml",
        _route("/entity-160.xml", body=entity_amplification(150, 2_000)),
    ),
    Case(
        "gzip, gzip bomb (KB on the wire)",
        "8.5 GB before the 20 MB cap",
        "/bomb.xml",
        _route("/bomb.xml", body=double_gzip_bomb(), headers={"Content-Encoding": "gzip, gzip"}),
    ),
    Case(
        "one byte every 5 s",
        "cmdesk sync never ended; the due post never went out",
        "/drip.xml",
        _route("/drip.xml", body=_rss("Lent", "") + b" " * 100, drip=5.0),
    ),
    Case(
        "JSON comments nested 200,000 deep",
        "the blog's posts never stored; a traceback each sync",
        "/nested.xml",
        _deep,
    ),
    Case(
        "dates in 9999 and -0001",
        "pinned on top forever; -0001 became 2000-01-01",
        "/dates.xml",
        _route(
            "/dates.xml",
            body=_rss(
                "Dates",
                "<item><guid>forever</guid><title>Pour toujours</title><pubDate>Fri, 31 Dec 9999 23:59:59 +0000"
                "</pubDate></item><item><guid>minus</guid><title>Avant</title><pubDate>-0001-01-01T00:00:00Z"
                "</pubDate></item>",
            ),
        ),
    ),
    Case(
        "redirect to a refused target",
        "the message named the first address",
        "/moved.xml",
        _route("/moved.xml", status=302, location="ftp://files.example/feed.xml"),
    ),
    Case("not a feed at all", "(held before)", "/garbage.xml", _route("/garbage.xml", body=b"\x00\xff<html>" * 500)),
)
ODD_NOTIFICATIONS = "Mastodon items: type a list, emojis a number, created_at 9999-12-31T23:59:59-23:59"
ODD_BEFORE = "the whole page failed and the cursor never moved"


def odd_mastodon(fake: MastodonFake) -> None:
    """Notifications a careless or hostile server sends, around one good mention."""
    marie = account("201", "marie", "Marie Dupont", "piaille.fr")
    good = fake.status(marie, "<p>@fournil Vous livrez le dimanche ?</p>")
    fake.notify("mention", marie, good)
    for field, value in (("type", ["mention"]), ("emojis", 7), ("created_at", "9999-12-31T23:59:59-23:59")):
        odd = fake.status(marie, f"<p>@fournil bizarre {field}</p>")
        entry = fake.notify("mention", marie, odd)
        if field == "type":
            entry["type"] = value
        elif field == "emojis":
            odd["emojis"] = value
        else:
            odd["created_at"] = value


@dataclass(frozen=True)
class Workspace:
    data: Path
    environment: Mapping[str, str]
    good_accounts: tuple[int, ...]
    posts: tuple[str, ...]


def make_workspace(
    root: Path, server: FeedServer, fake: MastodonFake, cases: tuple[Case, ...], *, posts: int = 2
) -> Workspace:
    """A data folder with one feed account per case, two good feeds, a Mastodon account on `fake` (odd items
    included) and `posts` posts due now on it; the token in a file keyring the subprocess reads."""
    for number in range(2):
        server.routes[f"/good-{number}.xml"] = Route(body=good_feed(number))
    for case in cases:
        case.serve(server)
    odd_mastodon(fake)
    data = root / "data"
    keyring_file = root / "keyring.json"
    database = Database.open(data)
    texts = tuple(f"Fournée spéciale n° {n}" for n in range(posts))
    with database.write() as connection:
        client = workspace.add_client(connection, "Le Fournil")
        good = tuple(
            workspace.add_account(
                connection, client.id, Network.FEED, server.url(f"/good-{n}.xml"), name=f"good {n}"
            ).id
            for n in range(2)
        )
        for case in cases:
            workspace.add_account(connection, client.id, Network.FEED, server.url(case.path), name=case.name)
        mastodon = workspace.add_account(
            connection, client.id, Network.MASTODON, f"{fake.base}/@fournil", name="@fournil", settings={"me": "109"}
        )
        for text in texts:
            outbox.enqueue_post(connection, [mastodon.id], text, at=datetime.now(UTC) - timedelta(seconds=1))
    database.close()
    keyring_file.write_text(f'{{"cmdesk/{mastodon.uid}": "{_token()}"}}')
    environment = {
        **os.environ,
        "CMDESK_TEST_KEYRING": str(keyring_file),
        "PYTHON_KEYRING_BACKEND": BACKEND,
        "PYTHONPATH": str(ROOT),
    }
    environment.pop("CMDESK_DATA_DIR", None)
    return Workspace(data, environment, good, texts)


def _token() -> str:
    from tests.support.mastodon_fake import TOKEN

    return TOKEN


def run_sync(space: Workspace, *, deadline: float, limit: float) -> Run:
    """`cmdesk sync --deadline …` in its own process, its process tree's RSS sampled every 50 ms; killed (and
    failed) past `limit` seconds."""
    command = [sys.executable, "-m", "cmdesk", "sync", "--attempts", "1", "--deadline", str(deadline)]
    return sampled([*command, "--data-dir", str(space.data)], space.environment, limit)


def stored(space: Workspace, account_id: int) -> int:
    database = Database.open(space.data)
    try:
        with database.snapshot() as connection:
            return int(
                connection.execute("SELECT count(*) FROM messages WHERE account_id = ?", (account_id,)).fetchone()[0]
            )
    finally:
        database.close()


def longest_text(space: Workspace) -> int:
    database = Database.open(space.data)
    try:
        with database.snapshot() as connection:
            return int(connection.execute("SELECT coalesce(max(length(text)), 0) FROM messages").fetchone()[0])
    finally:
        database.close()
