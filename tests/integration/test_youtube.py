"""Issue 19, YouTube: the channel's comments through the real connector and its HTTP code against a loopback server
speaking the Data API v3 (tests/support/youtube_fake.py) — a first pull reaching back over every page, replies beyond
those a thread carries, new replies under old threads, each video once as its conversation's root, replies and
moderation through the outbox's acts, a refused token, a spent quota — and `cmdesk account add youtube
--token-stdin --api-base` then `cmdesk sync` and `cmdesk inbox` in subprocesses."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from cmdesk.connectors.base import AuthExpired, RateLimited
from cmdesk.connectors.youtube.api import PACIFIC, meter_of, quota_reset
from cmdesk.connectors.youtube.connector import YouTubeConnector
from cmdesk.domain import Account, Action, Network, Secret
from cmdesk.domain.acts import Approve, Delete, Hide, Reply
from cmdesk.storage import ingest, usage, workspace
from cmdesk.storage.database import Database
from tests.conftest import ROOT
from tests.support.file_keyring import BACKEND
from tests.support.youtube_fake import ME, YouTubeFake

VIDEO = "gAlEtTe2026"


@pytest.fixture
def fake() -> Iterator[YouTubeFake]:
    server = YouTubeFake().start()
    server.video(VIDEO, "La galette des rois de A à Z")
    yield server
    server.stop()


def account_of(fake: YouTubeFake, token: str | None = None) -> Account:
    settings = {"me": ME, "api_base": fake.base}
    return Account(1, "yt-1", 1, Network.YOUTUBE, "Boulangerie Le Fournil", f"https://www.youtube.com/channel/{ME}",
                   settings=settings, secret=Secret(token or fake.token))  # fmt: skip


def pull_all(fake: YouTubeFake, database: Database, account_id: int, cursor: dict | None = None) -> dict:  # type: ignore[type-arg]
    """Pull until nothing more waits, committing each page with its cursor as the engine does."""

    async def run() -> dict:  # type: ignore[type-arg]
        state = cursor or {}
        async with httpx.AsyncClient() as client:
            while True:
                with database.read() as connection:
                    spent = usage.recent(connection)
                page = await YouTubeConnector().pull(client, replace(account_of(fake), usage=spent), state)
                ingest.commit_page(database, account_id, page)
                state = dict(page.cursor)
                if not page.has_more:
                    return state

    return asyncio.run(run())


def stored(database: Database) -> list[tuple[str, str, str, str]]:
    with database.read() as connection:
        rows = connection.exec_driver_sql(
            "SELECT m.remote_id, m.parent_remote_id, m.direction, c.remote_id FROM messages AS m "
            "JOIN conversations AS c ON c.id = m.conversation_id ORDER BY m.id"
        ).all()
    return [tuple(row) for row in rows]  # type: ignore[misc]


def youtube_account(database: Database) -> int:
    with database.write() as connection:
        client = workspace.add_client(connection, "Le Fournil")
        made = workspace.add_account(connection, client.id, Network.YOUTUBE, f"https://www.youtube.com/channel/{ME}",
                                     name="Boulangerie Le Fournil", settings={"me": ME})  # fmt: skip
    return made.id


def test_a_first_pull_reaches_back_over_every_page_and_later_ones_bring_only_what_is_new(
    fake: YouTubeFake, database: Database
) -> None:
    first = fake.comment(VIDEO, "Vous faites encore la galette aux pommes ?")
    for n in range(12):
        fake.reply(first, f"Moi aussi je voudrais savoir ({n})", author=f"Client {n}")
    fake.reply(first, "Oui, jusqu'à fin janvier !", mine=True)
    others = [fake.comment(VIDEO, f"Superbe feuilletage, bravo ({n})", author=f"Lecteur {n}") for n in range(249)]
    account_id = youtube_account(database)

    cursor = pull_all(fake, database, account_id)
    messages = stored(database)
    assert len(messages) == 1 + 250 + 13, "the video, every thread over three pages, every reply past the 5 carried"
    assert {conversation for *_rest, conversation in messages} == {VIDEO}, "one conversation: the video"
    root = next(m for m in messages if m[0] == VIDEO)
    assert root[2] == "out", "the channel's own upload"
    answers = [m for m in messages if m[2] == "out" and m[0] != VIDEO]
    assert len(answers) == 1 and answers[0][1] == first, "the channel's reply, under the comment it answers"
    lists = [r for r in fake.requests if r.path == "/youtube/v3/commentThreads" and "moderationStatus" not in r.query]
    assert [r.query.get("pageToken") for r in lists] == [None, "100", "200"]
    with database.read() as connection:
        assert sum(usage.recent(connection).values()) == fake.used, "every unit spent is in the ledger"
    assert len([r for r in fake.requests if r.path == "/youtube/v3/videos"]) == 1, "the video read once"
    assert len([r for r in fake.requests if r.query.get("moderationStatus") == "heldForReview"]) == 3, "each pass"

    fake.requests.clear()
    newest = fake.comment(VIDEO, "Et pour 8 personnes, quelle taille ?", author="Karim D.")
    older = others[100]  # on the second page now: listed by its first comment's time, it is not on the first
    late = fake.reply(older, "Merci pour la réponse !", author="Sophie R.")
    cursor = pull_all(fake, database, account_id, cursor)
    assert next(iter(cursor["watch"])) == older, "watched by its latest activity: answered today, watched first"
    found = {m[0] for m in stored(database)}
    assert {newest, late} <= found and len(found) == 266, "the new thread, and the new reply under an old one"
    rechecks = [r for r in fake.requests if r.path == "/youtube/v3/commentThreads" and "id" in r.query]
    assert len(rechecks) == 3, "the 200 newest threads re-checked, 50 a request, less the 100 listed anyway"
    assert first not in ",".join(r.query["id"] for r in rechecks), "the oldest thread is not watched any more"
    assert not [r for r in fake.requests if r.path == "/youtube/v3/videos"], "the video is not read again"


def test_replies_and_moderation_through_the_acts(fake: YouTubeFake) -> None:
    top = fake.comment(VIDEO, "Vous livrez le dimanche ?")
    reply = fake.reply(top, "Moi aussi je me pose la question", author="Karim D.")
    account = account_of(fake)
    connector = YouTubeConnector()
    text = "Oui, le dimanche matin jusqu'à 13 h."

    async def run() -> None:
        async with httpx.AsyncClient() as client:
            before = datetime.now(UTC) - timedelta(seconds=5)
            act = Action(Reply(text, reply, thread_key=VIDEO, kind="comment"), "key-1")
            assert await connector.find_sent(client, account, act, before) is None, "not sent yet"
            sent = await connector.perform(client, account, act)
            assert sent.remote_id.startswith(top + "."), "a reply to a reply answers its top-level comment"
            assert sent.item is not None and sent.item.direction.value == "out" and sent.item.thread_key == VIDEO
            found = await connector.find_sent(client, account, act, before)
            assert found is not None and found.remote_id == sent.remote_id, "a retry finds the reply, not a double"
            await connector.perform(client, account, Action(Approve(reply), "key-2"))
            await connector.perform(client, account, Action(Hide(top, ban_author=True), "key-3"))
            await connector.perform(client, account, Action(Delete(sent.remote_id), "key-4"))

    asyncio.run(run())
    assert fake.moderated == {reply: "published", top: "rejected"}
    banned = [r.query for r in fake.requests if r.path.endswith("/setModerationStatus") and r.query["id"] == top]
    assert banned[0].get("banAuthor") == "true", "hidden and its author banned"
    assert [r["id"] for r in fake.replies[top]] == [reply], "the channel's own reply deleted"
    assert [r.query.get("parentId") for r in fake.requests if r.method == "GET" and r.path.endswith("/comments")] == [
        top,
        top,
    ]


def test_a_refused_token_needs_a_sign_in_and_a_spent_quota_waits_for_midnight_pacific(fake: YouTubeFake) -> None:
    fake.comment(VIDEO, "Bonjour !")

    async def pull(account: Account) -> None:
        async with httpx.AsyncClient() as client:
            await YouTubeConnector().pull(client, account, {})

    with pytest.raises(AuthExpired, match="sign-in"):
        asyncio.run(pull(account_of(fake, token="ya29.revoked")))
    fake.quota = fake.used
    with pytest.raises(RateLimited, match="quota") as spent:
        asyncio.run(pull(account_of(fake)))
    reset = spent.value.retry_at
    assert reset == quota_reset(datetime.now(UTC)) and reset.astimezone(PACIFIC).hour == 0

    fake.quota = 100_000

    async def budget() -> None:
        async with httpx.AsyncClient() as client:
            day = quota_reset(datetime.now(UTC)) - timedelta(hours=1)
            spent = {(meter_of(account_of(fake)), day.astimezone(PACIFIC).date().isoformat()): 7_999}
            await YouTubeConnector().pull(client, replace(account_of(fake), usage=spent), {})

    with pytest.raises(RateLimited, match="keeps the rest"):
        asyncio.run(budget())


def test_cmdesk_adds_the_channel_of_a_token_then_syncs_its_comments(fake: YouTubeFake, tmp_path: Path) -> None:
    fake.comment(VIDEO, "Vous faites encore la galette aux pommes ?")
    environment = {
        **os.environ,
        "PYTHON_KEYRING_BACKEND": BACKEND,
        "CMDESK_TEST_KEYRING": str(tmp_path / "keyring.json"),
        "PYTHONPATH": str(ROOT),
    }
    data = tmp_path / "data"

    def cmdesk(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "cmdesk", "--data-dir", str(data), *args], input=stdin,
                              capture_output=True, text=True, timeout=120, env=environment, cwd=ROOT)  # fmt: skip

    refused = cmdesk("account", "add", "youtube", "--api-base", "http://example.com")
    assert refused.returncode != 0 and "loopback" in refused.stderr
    added = cmdesk("account", "add", "youtube", "--token-stdin", "--api-base", fake.base, stdin=fake.token + "\n")
    assert added.returncode == 0, added.stderr
    assert "Boulangerie Le Fournil" in added.stdout
    listed = [json.loads(line) for line in cmdesk("account", "list", "--json").stdout.splitlines()]
    assert [(a["network"], a["name"]) for a in listed] == [("youtube", "Boulangerie Le Fournil")]
    synced = cmdesk("sync")
    assert synced.returncode == 0, synced.stderr
    inbox = [json.loads(line) for line in cmdesk("inbox", "--json").stdout.splitlines()]
    assert len(inbox) == 1 and inbox[0]["kind"] == "comment" and "galette" in inbox[0]["title"].lower(), inbox
    assert fake.token in (tmp_path / "keyring.json").read_text(), "the token is in the keyring"
    blob = b"".join(p.read_bytes() for p in data.iterdir() if p.is_file())
    assert fake.token.encode() not in blob, "the token never reaches the database"


def test_comments_held_for_review_wait_in_the_moderation_queue_until_approved_or_hidden(
    fake: YouTubeFake, database: Database
) -> None:
    from cmdesk.domain.reads import ConversationFilter
    from cmdesk.storage import queries, remote_marks

    fake.comment(VIDEO, "Superbe vidéo !")
    question = fake.comment(VIDEO, "Vous livrez à Montreuil ? https://bit.ly/x", author="Karim D.", held=True)
    spam = fake.comment(VIDEO, "Gagnez 1000 abonnés gratuits ici", author="Promo Bot", held=True)
    account_id = youtube_account(database)
    cursor = pull_all(fake, database, account_id)

    def queue() -> list[tuple[str, int]]:
        with database.read() as connection:
            found = queries.conversation_page(connection, ConversationFilter(held=True), limit=10)
            held = connection.exec_driver_sql("SELECT remote_id FROM messages WHERE held ORDER BY remote_id").all()
        return [(c.remote_id, len(held)) for c in found]

    assert queue() == [(VIDEO, 2)], "the video's conversation waits for moderation, with its two held comments"
    with database.read() as connection:
        thread = queries.thread(connection, queries.conversation_page(connection, ConversationFilter(), limit=1)[0].id)
    assert {m.remote_id for m in thread if m.held} == {question, spam}

    async def moderate() -> None:
        async with httpx.AsyncClient() as client:
            await YouTubeConnector().perform(client, account_of(fake), Action(Approve(question), "k-1"))
            await YouTubeConnector().perform(client, account_of(fake), Action(Hide(spam), "k-2"))

    asyncio.run(moderate())
    with database.write() as connection:  # what the outbox does once each act is sent
        remote_marks.mark_moderated(connection, account_id, [question, spam])
    assert queue() == [], "nothing waits once both are moderated"
    pull_all(fake, database, account_id, cursor)
    with database.read() as connection:
        states = dict(
            connection.exec_driver_sql(
                "SELECT remote_id, held || ':' || (deleted_at IS NOT NULL) FROM messages WHERE remote_id IN (?, ?)",
                (question, spam),
            ).all()
        )
    assert states == {question: "0:0", spam: "0:1"}, "the approved one is public; the hidden one is gone"
    assert queue() == []


def test_the_channels_of_one_google_project_share_its_daily_budget(fake: YouTubeFake, database: Database) -> None:
    from cmdesk.credentials import MemoryCredentialStore
    from cmdesk.domain import Health, Usage
    from cmdesk.sync.engine import SyncEngine

    fake.comment(VIDEO, "Bonjour !")
    credentials = MemoryCredentialStore()
    settings = {"me": ME, "api_base": fake.base, "oauth_client_id": "123456789012-abc.apps.googleusercontent.com"}
    with database.write() as connection:
        ids = []
        for name in ("Le Fournil", "Vélos Martin"):
            client = workspace.add_client(connection, name)
            made = workspace.add_account(connection, client.id, Network.YOUTUBE, f"https://www.youtube.com/channel/{ME}",
                                         name=name, settings=settings)  # fmt: skip
            credentials.set(made.uid, Secret(fake.token))
            ids.append(made.id)
        today = datetime.now(UTC).astimezone(PACIFIC).date().isoformat()
        usage.add(connection, [Usage("youtube:123456789012", today, 7_996)], datetime.now(UTC))  # a pass: 3 units

    async def sync() -> list[Health]:
        async with httpx.AsyncClient() as client:
            engine = SyncEngine(database, client, {Network.YOUTUBE: YouTubeConnector()}, credentials, concurrency=1)
            return [result.health for result in await engine.sync_once(attempts=1, max_wait=0)]

    first = asyncio.run(sync())
    assert first == [Health.OK, Health.RATE_LIMITED] or first == [Health.RATE_LIMITED, Health.OK], first
    with database.read() as connection:
        spent = usage.recent(connection)[("youtube:123456789012", today)]
    assert 7_996 < spent <= 8_000, "the second channel stopped at the project's pull budget, not its own"
