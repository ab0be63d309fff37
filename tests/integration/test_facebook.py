"""Issue 19, Facebook Pages: the Page's Messenger conversations and the comments under its posts through the real
connector and its HTTP code against a loopback server speaking the Graph API (tests/support/facebook_fake.py) — a
first pull reaching back over every page, later ones bringing what changed (a message in an old conversation, a
comment under an older post), Graph's paging without ever following its token-carrying `next` links, hidden
comments, the acts (replies threaded two levels deep, private replies, Messenger answers inside Meta's windows,
hide, like, delete, a retry that finds its reply), Graph's errors and usage headers — and `cmdesk account add
facebook PAGE_ID --token-stdin --api-base` then `cmdesk sync`, `inbox` and `export` in subprocesses."""

from __future__ import annotations

import asyncio
import csv
import io
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

from cmdesk.connectors.base import AuthExpired, BadPayload, Permanent, RateLimited
from cmdesk.connectors.meta.facebook import FacebookConnector
from cmdesk.connectors.meta.messaging import messaging_window
from cmdesk.domain import Account, Action, Network, Page, Secret
from cmdesk.domain.acts import Delete, Favourite, Hide, Reply
from cmdesk.storage import ingest, workspace
from cmdesk.storage.database import Database
from tests.conftest import ROOT
from tests.support.facebook_fake import PAGE_ID, FacebookFake
from tests.support.file_keyring import BACKEND

NOW = datetime.now(UTC)


@pytest.fixture
def fake() -> Iterator[FacebookFake]:
    server = FacebookFake().start()
    yield server
    server.stop()


def account_of(fake: FacebookFake) -> Account:
    return Account(1, "fb-1", 1, Network.FACEBOOK, "Boulangerie Le Fournil", "https://www.facebook.com/fournil",
                   settings={"me": PAGE_ID, "api_base": fake.base}, secret=Secret(fake.page_token))  # fmt: skip


def pull(fake: FacebookFake, cursor: dict | None = None, token: str = "") -> Page:  # type: ignore[type-arg]
    account = account_of(fake)
    if token:
        account = replace(account, secret=Secret(token))

    async def run() -> Page:
        async with httpx.AsyncClient() as client:
            return await FacebookConnector().pull(client, account, cursor or {})

    return asyncio.run(run())


def pull_all(fake: FacebookFake, database: Database, account_id: int, cursor: dict | None = None) -> dict:  # type: ignore[type-arg]
    state = cursor or {}
    while True:
        page = pull(fake, state)
        ingest.commit_page(database, account_id, page)
        state = dict(page.cursor)
        if not page.has_more:
            return state


def facebook_account(database: Database) -> int:
    with database.write() as connection:
        client = workspace.add_client(connection, "Le Fournil")
        made = workspace.add_account(connection, client.id, Network.FACEBOOK, "https://www.facebook.com/fournil",
                                     name="Boulangerie Le Fournil", settings={"me": PAGE_ID})  # fmt: skip
    return made.id


def stored(database: Database) -> dict[str, tuple[str, str, str, str, bool]]:
    """remote id → (conversation remote id, kind, direction, parent, deleted)"""
    with database.read() as connection:
        rows = connection.exec_driver_sql(
            "SELECT m.remote_id, c.remote_id, c.kind, m.direction, m.parent_remote_id, m.deleted_at IS NOT NULL "
            "FROM messages AS m JOIN conversations AS c ON c.id = m.conversation_id"
        ).all()
    return {row[0]: (row[1], row[2], row[3], row[4], bool(row[5])) for row in rows}


def test_a_first_pull_reaches_back_over_every_page_and_later_ones_bring_what_changed(
    fake: FacebookFake, database: Database
) -> None:
    for n in range(30):
        fake.message(f"Client {n}", f"Bonjour, question {n}", NOW - timedelta(days=40 - n))
    long_talk = [fake.message("Sophie Martin", f"message {n}", NOW - timedelta(days=50, minutes=-n)) for n in range(40)]
    answer = fake.message("Sophie Martin", "Merci Sophie !", NOW - timedelta(days=49), from_page=True)
    posts = [fake.post(f"Nouveauté {n}", NOW - timedelta(days=60 - n)) for n in range(30)]
    visitor = fake.post("Super accueil ce matin, merci !", NOW - timedelta(days=1), visitor="Lucie M.")
    question = fake.comment(posts[0], "Karim Dali", "Vous livrez à Montreuil ?", NOW - timedelta(days=59))
    reply = fake.comment(posts[0], "", "Oui, le samedi !", NOW - timedelta(days=58), parent=question, page=True)
    spam = fake.comment(posts[5], "Promo Bot", "Gagnez un iPhone ici", NOW - timedelta(days=50))
    fake.hidden.add(spam)
    for entry in fake.posts:
        for comment in entry["comments"]:
            comment["is_hidden"] = comment["id"] in fake.hidden
    account_id = facebook_account(database)

    cursor = pull_all(fake, database, account_id)
    messages = stored(database)
    conversations = {value[0] for value in messages.values()}
    assert len([c for c in conversations if c.startswith("t_")]) == 31, "every Messenger conversation, two pages"
    assert set(long_talk) <= set(messages), "40 messages: the 25 carried and the rest from the messages edge"
    assert messages[answer][2] == "out" and messages[long_talk[0]][2] == "in"
    assert {posts[0], posts[29], visitor} <= set(messages), "every post of the feed, the visitor's too"
    assert messages[visitor][2] == "in" and messages[posts[0]][2] == "out"
    assert messages[reply][3] == question and messages[question][3] == posts[0], "threaded two levels deep"
    assert messages[spam][4], "a comment the Page hid is kept, shown as no longer public"
    assert all(value[1] == "message" for value in messages.values() if value[0].startswith("t_"))
    assert not [r for r in fake.requests if "access_token" in r.query], "the token never goes into a URL"
    assert [r.query.get("after") is not None for r in fake.requests if r.path.endswith("/feed")] == [False, True]

    fake.requests.clear()
    late = fake.message("Client 3", "Et le dimanche, vous êtes ouverts ?", NOW - timedelta(minutes=5))
    old_comment = fake.comment(posts[2], "Marie P.", "Je l'ai goûtée, délicieuse", NOW - timedelta(minutes=3))
    pull_all(fake, database, account_id, cursor)
    messages = stored(database)
    assert {late, old_comment} <= set(messages), "a message in an old conversation, a comment under an older post"
    conversation_lists = [r for r in fake.requests if r.path.endswith("/conversations")]
    assert len(conversation_lists) == 1, "the newest conversations only: the rest was read before"
    by_ids = [r for r in fake.requests if "ids" in r.query]
    assert by_ids and posts[2] in by_ids[0].query["ids"], "older posts' comment counts re-checked by ids"
    comment_reads = {r.path.split("/")[2] for r in fake.requests if r.path.endswith("/comments")}
    assert comment_reads == {posts[2]}, "only the post whose count changed is read again"


def test_the_acts_thread_answer_inside_meta_windows_and_a_retry_finds_its_reply(fake: FacebookFake) -> None:
    post = fake.post("La galette est de retour", NOW - timedelta(days=2))
    question = fake.comment(post, "Karim Dali", "Vous livrez ?", NOW - timedelta(days=1))
    follow_up = fake.comment(
        post, "Sophie Martin", "Moi aussi je veux savoir", NOW - timedelta(hours=2), parent=question
    )
    recent = fake.message("Sophie Martin", "Bonjour !", NOW - timedelta(hours=3))
    tagged = fake.message("Karim Dali", "Vous êtes là ?", NOW - timedelta(days=3))
    stale = fake.message("Lucie M.", "Allô ?", NOW - timedelta(days=9))
    threads = {
        c["conversation"]["participants"]["data"][0]["name"]: c["conversation"]["id"] for c in fake.conversations
    }
    connector, account = FacebookConnector(), account_of(fake)

    async def run() -> None:
        async with httpx.AsyncClient() as client:
            since = datetime.now(UTC) - timedelta(seconds=5)
            act = Action(Reply("Oui, le samedi matin.", follow_up, thread_key=post, kind="comment"), "k-1")
            assert await connector.find_sent(client, account, act, since) is None
            sent = await connector.perform(client, account, act)
            found = await connector.find_sent(client, account, act, since)
            assert found is not None and found.remote_id == sent.remote_id, "a retry finds the reply, not a double"
            await connector.perform(
                client,
                account,
                Action(Reply("Je vous écris en privé", question, thread_key=post, kind="comment", private=True), "k-2"),
            )
            await connector.perform(
                client,
                account,
                Action(Reply("Bonjour Sophie", recent, thread_key=threads["Sophie Martin"], kind="message"), "k-3"),
            )
            await connector.perform(
                client,
                account,
                Action(Reply("Pardon du retard", tagged, thread_key=threads["Karim Dali"], kind="message"), "k-4"),
            )
            with pytest.raises(Permanent, match="7 days"):
                await connector.perform(
                    client,
                    account,
                    Action(Reply("Trop tard", stale, thread_key=threads["Lucie M."], kind="message"), "k-5"),
                )
            await connector.perform(client, account, Action(Hide(follow_up), "k-6"))
            await connector.perform(client, account, Action(Favourite(question), "k-7"))
            await connector.perform(client, account, Action(Delete(sent.remote_id), "k-8"))

    asyncio.run(run())
    replies = [c for c in fake.posts[0]["comments"] if c["from"]["id"] == PAGE_ID]
    assert replies == [], "the Page's reply was deleted at the end"
    posted = [r for r in fake.requests if r.method == "POST" and r.path.endswith("/comments")]
    assert [r.path.split("/")[2] for r in posted] == [question], "an answer to a reply goes under the comment"
    messenger = [s for s in fake.sent if "id" in s["recipient"]]
    assert [s.get("messaging_type") for s in messenger] == ["RESPONSE", "MESSAGE_TAG"]
    assert messenger[1]["tag"] == "HUMAN_AGENT", "after 24 hours, the human agent tag (up to 7 days)"
    assert [s["recipient"] for s in fake.sent if "comment_id" in s["recipient"]] == [{"comment_id": question}]
    assert fake.hidden == {follow_up} and fake.liked == {question}
    assert messaging_window(NOW - timedelta(hours=1), NOW) == {"messaging_type": "RESPONSE"}


def test_graph_errors_and_usage_headers_become_the_typed_errors(fake: FacebookFake) -> None:
    fake.message("Sophie Martin", "Bonjour", NOW - timedelta(hours=1))
    fake.post("Bonjour", NOW - timedelta(days=1))
    for name, error, match in (
        ("expired", AuthExpired, "expired or revoked"),
        ("rate", RateLimited, "slow down"),
        ("permission", Permanent, "missing: pages_messaging"),
        ("parameter", BadPayload, "did not accept"),
    ):
        fake.fail_next = name
        with pytest.raises(error, match=match):
            pull(fake)
    with pytest.raises(AuthExpired, match="Session has expired"):
        pull(fake, token="EAAPage-revoked")

    fake.usage_percent = 85
    fake.requests.clear()
    page = pull(fake)
    assert len(fake.requests) == 1 and not page.has_more, "near Meta's limit: one request, then it stops"
    slow = datetime.fromisoformat(page.cursor["slow_until"])
    assert slow > datetime.now(UTC) + timedelta(minutes=10)
    with pytest.raises(RateLimited) as waiting:
        pull(fake, dict(page.cursor))
    assert waiting.value.retry_at == slow and len(fake.requests) == 1, "it waits without asking Meta again"
    fake.usage_percent, fake.regain_minutes = 50, 42
    page = pull(fake)
    waited = datetime.fromisoformat(page.cursor["slow_until"]) - datetime.now(UTC)
    assert timedelta(minutes=41) < waited <= timedelta(minutes=42), "as long as Meta says access takes to come back"


def test_cmdesk_adds_a_page_from_a_user_token_then_syncs_and_exports(fake: FacebookFake, tmp_path: Path) -> None:
    fake.message("Sophie Martin", "Bonjour, vous faites des galettes sans gluten ?", NOW - timedelta(hours=1))
    post = fake.post("La galette des rois est de retour !", NOW - timedelta(days=1))
    comment = fake.comment(post, "Karim Dali", "Vous livrez à Montreuil ?", NOW - timedelta(hours=5))
    environment = {**os.environ, "PYTHON_KEYRING_BACKEND": BACKEND,
                   "CMDESK_TEST_KEYRING": str(tmp_path / "keyring.json"), "PYTHONPATH": str(ROOT)}  # fmt: skip
    data = tmp_path / "data"

    def cmdesk(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "cmdesk", "--data-dir", str(data), *args], input=stdin,
                              capture_output=True, text=True, timeout=120, env=environment, cwd=ROOT)  # fmt: skip

    refused = cmdesk("account", "add", "facebook", PAGE_ID, "--api-base", "http://example.com", "--token-stdin")
    assert refused.returncode != 0 and "loopback" in refused.stderr
    wrong = cmdesk("account", "add", "facebook", "999", "--token-stdin", "--api-base", fake.base,
                   stdin=fake.user_token + "\n")  # fmt: skip
    assert wrong.returncode != 0 and "cannot sign in" in wrong.stderr
    fake.scopes.remove("pages_messaging")
    fake.data_access_ends = int((NOW + timedelta(days=5)).timestamp())
    added = cmdesk("account", "add", "facebook", PAGE_ID, "--token-stdin", "--api-base", fake.base,
                   stdin=fake.user_token + "\n")  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert "Boulangerie Le Fournil" in added.stdout and "lacks pages_messaging" in added.stderr
    listed = json.loads(cmdesk("account", "list", "--json").stdout)
    assert listed["missing_permissions"] == ["pages_messaging"], "Meta's /debug_token, named as Meta names it"
    assert listed["sign_in_ends"].startswith((NOW + timedelta(days=5)).date().isoformat()), "data access ends"
    keyring = (tmp_path / "keyring.json").read_text()
    assert fake.page_token in keyring and fake.user_token not in keyring, "only the Page token is kept"
    synced = cmdesk("sync")
    assert synced.returncode == 0, synced.stdout + synced.stderr
    inbox = [json.loads(line) for line in cmdesk("inbox", "--json").stdout.splitlines()]
    assert sorted(c["kind"] for c in inbox) == ["comment", "message"], inbox
    exported = cmdesk("export", "--format", "csv")
    assert exported.returncode == 0, exported.stderr
    rows = list(csv.DictReader(io.StringIO(exported.stdout)))
    assert comment in {row["remote_id"] for row in rows}, "remote_id is Graph's own comment id"
    blob = b"".join(p.read_bytes() for p in data.iterdir() if p.is_file())
    assert fake.page_token.encode() not in blob and fake.user_token.encode() not in blob


def test_page_posts_with_photos_and_facebooks_own_scheduler(fake: FacebookFake, tmp_path: Path) -> None:
    from cmdesk.connectors.base import SchedulingConnector, Transient
    from cmdesk.domain.acts import Medium, Post, Withdraw

    assert isinstance(FacebookConnector(), SchedulingConnector), "the outbox hands scheduled posts over to it"

    images = []
    for name in ("galette.png", "boutique.jpg"):
        (tmp_path / name).write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
        images.append(Medium(str(tmp_path / name), f"Photo {name}", name=name, media_type="image/png"))
    post = Post("La galette des rois est de retour !", media=tuple(images))
    later = Post("Ouvert le dimanche 4 janvier")
    connector, account = FacebookConnector(), account_of(fake)
    at = datetime.now(UTC) + timedelta(hours=2)

    async def run() -> None:
        async with httpx.AsyncClient() as client:
            since = datetime.now(UTC) - timedelta(seconds=5)
            assert await connector.find_sent(client, account, Action(post, "p-1"), since) is None
            sent = await connector.perform(client, account, Action(post, "p-1"))
            assert sent.item is not None and sent.item.direction.value == "out" and sent.url
            found = await connector.find_sent(client, account, Action(post, "p-1"), since)
            assert found is not None and found.remote_id == sent.remote_id, "a retry finds the post"
            with pytest.raises(Transient, match="10 minutes to 30 days"):
                await connector.hand_over(
                    client, account, Action(later, "p-2"), datetime.now(UTC) + timedelta(minutes=5)
                )
            copy = await connector.hand_over(client, account, Action(later, "p-2"), at)
            assert await connector.find_handed_over(client, account, Action(later, "p-2"), at) == copy
            assert await connector.published(client, account, Action(later, "p-2"), copy, at) is None, "still waiting"
            fake.publish_scheduled()
            out = await connector.published(client, account, Action(later, "p-2"), copy, at)
            assert out is not None and out.remote_id == copy
            other = await connector.hand_over(client, account, Action(Post("Soldes"), "p-3"), at)
            await connector.perform(client, account, Action(Withdraw(other), "p-4"))
            with pytest.raises(Permanent, match="no longer on Facebook's scheduler"):
                await connector.published(client, account, Action(Post("Soldes"), "p-3"), other, at)

    asyncio.run(run())
    assert len(fake.photos) == 2, "each image uploaded as an unpublished photo"
    assert all(b'name="alt_text_custom"' in raw for raw in fake.photos), "with its description"
    attached = next(p for p in fake.posts if p["post"]["message"] == post.text)["post"]["attached_media"]
    assert len(attached) == 2 and all("media_fbid" in a for a in attached)
    assert not fake.scheduled, "published, and the other one withdrawn"
