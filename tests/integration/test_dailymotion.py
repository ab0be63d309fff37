"""Issue 19, Dailymotion: a channel's videos through the real connector and its HTTP code against a loopback server
speaking the Platform API (tests/support/dailymotion_fake.py) — a first pull reaching back over every page, the
videos' views and likes kept as each day's figures, new videos between daily sweeps, a bad video counted with its
reason, an unknown channel and a rate limit said plainly — and `cmdesk account add dailymotion --api-base` then
`cmdesk sync` and `cmdesk inbox` in subprocesses."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import Connection

from cmdesk.connectors.base import Permanent, RateLimited
from cmdesk.connectors.dailymotion.connector import PAGE_SIZE, DailymotionConnector
from cmdesk.domain import Account, Action, Network
from cmdesk.domain.acts import Reply
from cmdesk.services.sources import check_feed
from cmdesk.storage import ingest, queries, workspace
from cmdesk.storage.database import Database
from tests.conftest import ROOT
from tests.support.dailymotion_fake import ME, USER, DailymotionFake

T0 = 1_763_000_000
"""2025-11-13, a Unix time as Dailymotion gives `created_time`."""


@pytest.fixture
def fake() -> Iterator[DailymotionFake]:
    server = DailymotionFake().start()
    yield server
    server.stop()


def account_of(fake: DailymotionFake) -> Account:
    settings = {"me": ME, "api_base": fake.base}
    return Account(1, "dm-1", 1, Network.DAILYMOTION, USER["screenname"], USER["url"], settings=settings)


def channel_account(database: Database, fake: DailymotionFake) -> int:
    with database.write() as connection:
        client = workspace.resolve_client(connection, "Le Fournil", create=True)
        settings = {"me": ME, "api_base": fake.base}
        account = workspace.add_account(
            connection, client.id, Network.DAILYMOTION, USER["url"], name=USER["screenname"], settings=settings
        )
    return account.id


def pull_all(fake: DailymotionFake, database: Database, account_id: int, cursor: dict[str, Any], now: datetime
             ) -> tuple[dict[str, Any], int]:  # fmt: skip
    """Pull until nothing more waits, committing each page with its cursor as the engine does; the pages pulled."""

    async def run() -> tuple[dict[str, Any], int]:
        state, pages = cursor, 0
        async with httpx.AsyncClient() as client:
            while True:
                page = await DailymotionConnector().pull(client, account_of(fake), state)
                ingest.commit_page(database, account_id, page, now)
                state, pages = dict(page.cursor), pages + 1
                if not page.has_more:
                    return state, pages

    return asyncio.run(run())


def conversation_keys(connection: Connection, account_id: int) -> list[tuple[str, str]]:
    """(conversation remote_id, kind) pairs of an account."""
    found = connection.exec_driver_sql(
        "SELECT remote_id, kind FROM conversations WHERE account_id = ? ORDER BY id", (account_id,)
    )
    return [(row[0], row[1]) for row in found]


def figures(database: Database, video_id: str) -> dict[str, int]:
    with database.read() as connection:
        conversation = connection.exec_driver_sql(
            "SELECT conversation_id FROM messages WHERE remote_id = ?", (video_id,)
        ).scalar_one()
        return queries.activity_counts(connection, conversation).get(video_id, {})


def test_first_pull_reaches_every_video_then_reads_new_ones_and_each_days_figures(
    fake: DailymotionFake, database: Database
) -> None:
    for n in range(250):
        fake.video(f"x{n:05d}", f"Vidéo {n}", T0 + n * 3600, views=n * 10, likes=n)
    account_id = channel_account(database, fake)
    day_one = datetime(2026, 12, 1, 10, tzinfo=UTC)
    cursor, pages = pull_all(fake, database, account_id, {}, day_one)
    assert pages == 3, "250 videos in pages of 100"
    with database.read() as connection:
        keys = conversation_keys(connection, account_id)
    assert len(keys) == 250 and {kind for _, kind in keys} == {"feed"}, "each video a feed conversation of its own"
    assert figures(database, "x00249") == {"view": 2490, "like": 249}
    assert all(r.query["limit"] == str(PAGE_SIZE) and r.query["sort"] == "recent" for r in fake.requests)
    assert "views_total" in fake.requests[0].query["fields"], "only the fields cmdesk needs are asked for"

    fake.requests.clear()
    fake.video("xnew01", "La galette 2027 arrive", T0 + 300 * 3600, views=5)
    fake.seen("x00249", views=3000, likes=260)
    cursor, pages = pull_all(fake, database, account_id, cursor, day_one + timedelta(hours=2))
    assert pages == 1 and [r.query["page"] for r in fake.requests] == ["1"], "between sweeps: the first page only"
    with database.read() as connection:
        assert len(conversation_keys(connection, account_id)) == 251
    assert figures(database, "x00249") == {"view": 3000, "like": 260}, "the day's figure replaced"

    fake.requests.clear()
    fake.seen("x00000", views=77, likes=7)
    day_two = day_one + timedelta(days=1)
    cursor["swept"] = "2026-12-01"  # as a pull made on the 1st left it; now is the 2nd (by the clock it is today)
    cursor, pages = pull_all(fake, database, account_id, cursor, day_two)
    assert pages == 3, "a new day sweeps every page again, for every video's figures"
    assert figures(database, "x00000") == {"view": 77, "like": 7}
    with database.read() as connection:
        days = connection.exec_driver_sql(
            "SELECT day, value FROM measures WHERE remote_id = 'x00249' AND metric = 'view' ORDER BY day"
        ).all()
        assert len(conversation_keys(connection, account_id)) == 251, "no video twice"
    assert [value for _, value in days] == [3000, 3000] and len(days) == 2, "one figure a day"


def test_a_bad_video_is_counted_with_its_reason_and_the_page_goes_on(fake: DailymotionFake) -> None:
    fake.video("xgood1", "Le pain de seigle", T0)
    bad = fake.video("xbad01", "Sans date", T0 + 60)
    bad["created_time"] = "hier"
    page = asyncio.run(_pull(fake))
    assert [item.remote_id for item in page.items] == ["xgood1"]
    assert [problem.where for problem in page.problems] == ["xbad01"] and "created_time" in page.problems[0].detail


async def _pull(fake: DailymotionFake, account: Account | None = None) -> Any:
    async with httpx.AsyncClient() as client:
        return await DailymotionConnector().pull(client, account or account_of(fake), {})


def test_an_unknown_channel_and_a_rate_limit_are_said_plainly(fake: DailymotionFake) -> None:
    nobody = Account(1, "dm-1", 1, Network.DAILYMOTION, "?", "", settings={"me": "xnobody", "api_base": fake.base})
    with pytest.raises(Permanent, match="no such channel"):
        asyncio.run(_pull(fake, nobody))
    fake.limited = 1
    before = datetime.now(UTC)
    with pytest.raises(RateLimited) as limited:
        asyncio.run(_pull(fake))
    assert before + timedelta(seconds=25) <= limited.value.retry_at <= before + timedelta(seconds=40)


def test_nothing_can_be_sent_and_the_reason_names_the_site(fake: DailymotionFake) -> None:
    async def send() -> None:
        async with httpx.AsyncClient() as client:
            await DailymotionConnector().perform(client, account_of(fake), Action(Reply("x8abcde", "Merci !"), "k1"))

    with pytest.raises(Permanent, match="no comments"):
        asyncio.run(send())


def test_checking_a_channel_address_finds_the_channel_not_a_feed(fake: DailymotionFake) -> None:
    async def check() -> Any:
        async with httpx.AsyncClient() as client:
            return await check_feed(client, "https://www.dailymotion.com/lefournil?tab=videos", api_base=fake.base)

    found = asyncio.run(check())
    assert (found.network, found.title, found.url) == ("dailymotion", USER["screenname"], USER["url"])
    assert (found.videos, found.followers) == (3, 1204) and found.settings["me"] == ME


def test_cmdesk_adds_the_channel_then_syncs_its_videos(fake: DailymotionFake, tmp_path: Path) -> None:
    fake.video("x8abcde", "Une nuit au fournil", T0, views=12873, likes=342)
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    data = tmp_path / "data"

    def cmdesk(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "cmdesk", "--data-dir", str(data), *args], capture_output=True,
                              text=True, timeout=120, env=environment, cwd=ROOT)  # fmt: skip

    refused = cmdesk("account", "add", "dailymotion", "lefournil", "--api-base", "http://example.com")
    assert refused.returncode != 0 and "loopback" in refused.stderr
    unknown = cmdesk("account", "add", "dailymotion", "personne", "--api-base", fake.base)
    assert unknown.returncode != 0 and "no such channel" in unknown.stderr
    added = cmdesk("account", "add", "dailymotion", "https://www.dailymotion.com/lefournil", "--api-base", fake.base)
    assert added.returncode == 0, added.stderr
    assert "Boulangerie Le Fournil" in added.stdout and "1,204 followers" in added.stdout
    listed = [json.loads(line) for line in cmdesk("account", "list", "--json").stdout.splitlines()]
    assert [(a["network"], a["address"]) for a in listed] == [("dailymotion", USER["url"])]
    synced = cmdesk("sync")
    assert synced.returncode == 0, synced.stderr
    inbox = [json.loads(line) for line in cmdesk("inbox", "--json").stdout.splitlines()]
    assert [(c["kind"], c["title"]) for c in inbox] == [("feed", "Une nuit au fournil")]
    exported = [json.loads(line) for line in cmdesk("export", "--format", "jsonl").stdout.splitlines()]
    assert [row["remote_id"] for row in exported] == ["x8abcde"]
