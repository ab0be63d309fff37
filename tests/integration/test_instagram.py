"""Issue 19, Instagram: an Instagram professional account through the real connector and its HTTP code against the
loopback Graph server (tests/support/instagram_fake.py) — the comments under every media and their replies, the media
where someone tagged the account as mentions, direct messages through the linked Page's conversations, then what
changed; replies (to a reply: under its top-level comment), a comment on the media itself, a direct answer within
the window, a private reply, hide and delete; and `cmdesk account add instagram IG_USER_ID --token-stdin --api-base`
then `cmdesk sync` and `cmdesk inbox` in subprocesses."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from cmdesk.connectors.base import Permanent
from cmdesk.connectors.meta.instagram import InstagramConnector
from cmdesk.domain import Account, Action, Network, Secret
from cmdesk.domain.acts import Delete, Hide, Reply
from cmdesk.storage import ingest, workspace
from cmdesk.storage.database import Database
from tests.conftest import ROOT
from tests.support.facebook_fake import PAGE_ID
from tests.support.file_keyring import BACKEND
from tests.support.instagram_fake import IG_USER_ID, InstagramFake

NOW = datetime.now(UTC)
ME = "boulangerielefournil"


@pytest.fixture
def fake() -> Iterator[InstagramFake]:
    server = InstagramFake().start()
    yield server
    server.stop()


def account_of(fake: InstagramFake) -> Account:
    return Account(1, "ig-1", 1, Network.INSTAGRAM, "@" + ME, f"https://www.instagram.com/{ME}/",
                   settings={"me": IG_USER_ID, "page_id": PAGE_ID, "api_base": fake.base},
                   secret=Secret(fake.page_token))  # fmt: skip


def pull_all(fake: InstagramFake, database: Database, account_id: int, cursor: dict | None = None) -> dict:  # type: ignore[type-arg]
    async def run() -> dict:  # type: ignore[type-arg]
        state = cursor or {}
        async with httpx.AsyncClient() as client:
            while True:
                page = await InstagramConnector().pull(client, account_of(fake), state)
                ingest.commit_page(database, account_id, page)
                state = dict(page.cursor)
                if not page.has_more:
                    return state

    return asyncio.run(run())


def stored(database: Database) -> dict[str, tuple[str, str, str, str, bool]]:
    with database.read() as connection:
        rows = connection.exec_driver_sql(
            "SELECT m.remote_id, c.remote_id, c.kind, m.direction, m.parent_remote_id, m.deleted_at IS NOT NULL "
            "FROM messages AS m JOIN conversations AS c ON c.id = m.conversation_id"
        ).all()
    return {row[0]: (row[1], row[2], row[3], row[4], bool(row[5])) for row in rows}


def test_comments_mentions_and_direct_messages_then_what_changed(fake: InstagramFake, database: Database) -> None:
    media = [fake.post_media(f"Fournée {n} 🥐", NOW - timedelta(days=40 - n)) for n in range(30)]
    question = fake.ig_comment(media[0], "sophie.m", "Vous ouvrez le dimanche ?", NOW - timedelta(days=39))
    answer = fake.ig_comment(media[0], ME, "Oui, jusqu'à 13 h !", NOW - timedelta(days=38), reply_to=question)
    spam = fake.ig_comment(media[3], "promo.bot", "Follow back!!", NOW - timedelta(days=30))
    fake._find(spam)["hidden"] = True
    mention = fake.tag("karim.dali", "Meilleur pain de Montreuil chez @boulangerielefournil", NOW - timedelta(days=2))
    dm = fake.dm("lucie.m", "Bonjour, vous faites des gâteaux d'anniversaire ?", NOW - timedelta(hours=3))
    with database.write() as connection:
        client = workspace.add_client(connection, "Le Fournil")
        account_id = workspace.add_account(connection, client.id, Network.INSTAGRAM, f"https://www.instagram.com/{ME}/",
                                           name="@" + ME, settings={"me": IG_USER_ID}).id  # fmt: skip

    cursor = pull_all(fake, database, account_id)
    messages = stored(database)
    assert {media[0], media[29]} <= set(messages), "every media of two pages, each a conversation's root"
    assert messages[question][1:4] == ("comment", "in", media[0])
    assert messages[answer][2:4] == ("out", question), "the account's own reply, under the comment it answers"
    assert messages[spam][4], "a hidden comment is kept, shown as no longer public"
    assert messages[mention][1] == "mention" and messages[dm][1] == "message"

    fake.requests.clear()
    late = fake.ig_comment(media[5], "marie.p", "Trop beau !", NOW - timedelta(minutes=4))
    again = fake.dm("lucie.m", "Pour 12 personnes", NOW - timedelta(minutes=2))
    pull_all(fake, database, account_id, cursor)
    assert {late, again} <= set(stored(database)), "a comment under an older media, a new direct message"
    comment_reads = {r.path.split("/")[2] for r in fake.requests if r.path.endswith("/comments")}
    assert comment_reads == {media[5]}, "only the media whose count changed is read again"
    assert not [r for r in fake.requests if "access_token" in r.query]


def test_the_acts_reply_answer_hide_and_delete(fake: InstagramFake) -> None:
    photo = fake.post_media("Galette des rois", NOW - timedelta(days=1))
    question = fake.ig_comment(photo, "sophie.m", "Il reste des fèves ?", NOW - timedelta(hours=5))
    follow_up = fake.ig_comment(photo, "karim.dali", "Moi aussi !", NOW - timedelta(hours=4), reply_to=question)
    dm = fake.dm("lucie.m", "Bonjour !", NOW - timedelta(hours=2))
    thread = fake.ig_conversations[0]["conversation"]["id"]
    connector, account = InstagramConnector(), account_of(fake)

    async def run() -> None:
        async with httpx.AsyncClient() as client:
            since = datetime.now(UTC) - timedelta(seconds=5)
            act = Action(Reply("Oui, des fèves en porcelaine !", follow_up, thread_key=photo, kind="comment"), "k-1")
            assert await connector.find_sent(client, account, act, since) is None
            sent = await connector.perform(client, account, act)
            found = await connector.find_sent(client, account, act, since)
            assert found is not None and found.remote_id == sent.remote_id, "a retry finds the reply"
            await connector.perform(
                client, account, Action(Reply("Merci à tous !", photo, thread_key=photo, kind="comment"), "k-2")
            )
            await connector.perform(
                client, account, Action(Reply("Bonjour Lucie", dm, thread_key=thread, kind="message"), "k-3")
            )
            await connector.perform(
                client,
                account,
                Action(Reply("En privé", question, thread_key=photo, kind="comment", private=True), "k-4"),
            )
            await connector.perform(client, account, Action(Hide(follow_up), "k-5"))
            await connector.perform(client, account, Action(Delete(sent.remote_id), "k-6"))

    asyncio.run(run())
    top = fake._find(question)
    assert [r["text"] for r in top["replies"]] == ["Moi aussi !"], (
        "the reply went under the top-level comment, then was deleted"
    )
    assert fake._find(follow_up)["hidden"] is True
    assert [c["text"] for c in fake.media[0]["comments"]][-1] == "Merci à tous !", "a comment on the media itself"
    assert [s["messaging_type"] for s in fake.sent if "id" in s["recipient"]] == ["RESPONSE"]
    assert [s["recipient"] for s in fake.sent if "comment_id" in s["recipient"]] == [{"comment_id": question}]


def test_cmdesk_adds_an_instagram_account_from_a_user_token_then_syncs(fake: InstagramFake, tmp_path: Path) -> None:
    photo = fake.post_media("Croissants", NOW - timedelta(days=1))
    fake.ig_comment(photo, "sophie.m", "Miam !", NOW - timedelta(hours=3))
    environment = {**os.environ, "PYTHON_KEYRING_BACKEND": BACKEND,
                   "CMDESK_TEST_KEYRING": str(tmp_path / "keyring.json"), "PYTHONPATH": str(ROOT)}  # fmt: skip

    def cmdesk(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "cmdesk", "--data-dir", str(tmp_path / "data"), *args]
        return subprocess.run(command, input=stdin, capture_output=True, text=True, timeout=120, env=environment,
                              cwd=ROOT)  # fmt: skip

    unlinked = cmdesk("account", "add", "instagram", "1784", "--token-stdin", "--api-base", fake.base,
                      stdin=fake.user_token + "\n")  # fmt: skip
    assert unlinked.returncode != 0 and "Linked accounts" in unlinked.stderr
    added = cmdesk("account", "add", "instagram", IG_USER_ID, "--token-stdin", "--api-base", fake.base,
                   stdin=fake.user_token + "\n")  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert f"@{ME}" in added.stdout
    keyring = (tmp_path / "keyring.json").read_text()
    assert fake.page_token in keyring and fake.user_token not in keyring
    synced = cmdesk("sync")
    assert synced.returncode == 0, synced.stdout + synced.stderr
    inbox = [json.loads(line) for line in cmdesk("inbox", "--json").stdout.splitlines()]
    assert [c["kind"] for c in inbox] == ["comment"] and inbox[0]["network"] == "instagram", inbox


def test_a_post_with_its_image_goes_out_through_the_pages_photos(fake: InstagramFake, tmp_path: Path) -> None:
    from cmdesk.domain.acts import Medium, Post

    image = tmp_path / "croissants.jpg"
    image.write_bytes(b"\xff\xd8\xff\xe0" + bytes(300))
    post = Post("Nouvelle fournée 🥐", media=(Medium(str(image), "Six croissants dorés", name="croissants.jpg"),))
    connector, account = InstagramConnector(), account_of(fake)

    async def run() -> None:
        async with httpx.AsyncClient() as client:
            since = datetime.now(UTC) - timedelta(seconds=5)
            assert await connector.find_sent(client, account, Action(post, "p-1"), since) is None
            sent = await connector.perform(client, account, Action(post, "p-1"))
            assert sent.item is not None and sent.item.direction.value == "out"
            found = await connector.find_sent(client, account, Action(post, "p-1"), since)
            assert found is not None and found.remote_id == sent.remote_id, "a retry finds the post by its caption"
            with pytest.raises(Permanent, match="exactly one image"):
                await connector.perform(client, account, Action(Post("Sans image"), "p-2"))

    asyncio.run(run())
    made = next(iter(fake.containers.values()))
    assert made["caption"] == post.text and made["alt_text"] == "Six croissants dorés"
    assert len(fake.photos) == 1 and len(fake.deleted_photos) == 1, "the Page's unpublished copy is removed after"
    assert fake.media[0]["media"]["caption"] == post.text


def test_an_instagram_post_without_an_image_is_refused_before_it_is_queued(database: Database) -> None:
    from cmdesk.services.commands import Refused, run
    from cmdesk.services.publishing import Publication, queue_post

    with database.write() as connection:
        client = workspace.add_client(connection, "Le Fournil")
        account = workspace.add_account(connection, client.id, Network.INSTAGRAM, f"https://www.instagram.com/{ME}/",
                                        name="@" + ME, settings={"me": IG_USER_ID})  # fmt: skip
    with pytest.raises(Refused, match="only with an image"):
        run(database, queue_post(Publication([account.id], "Bonne année !")))
    entries = run(database, queue_post(Publication([account.id], "Bonne année !", media=[{"path": "/x.jpg"}])))
    assert len(entries) == 1


def test_facebook_login_in_the_browser_with_the_users_app_adds_the_page_then_its_instagram(
    fake: InstagramFake, tmp_path: Path
) -> None:
    from tests.support.facebook_fake import APP_ID, APP_SECRET

    environment = {**os.environ, "PYTHON_KEYRING_BACKEND": BACKEND,
                   "CMDESK_TEST_KEYRING": str(tmp_path / "keyring.json"), "PYTHONPATH": str(ROOT)}  # fmt: skip
    command = [sys.executable, "-m", "cmdesk", "--data-dir", str(tmp_path / "data")]
    origins = ["--api-base", fake.base, "--login-base", fake.base, "--no-browser", "--client", "Le Fournil"]
    assert subprocess.run([*command, "client", "add", "Le Fournil"], env=environment, cwd=ROOT).returncode == 0
    missing = subprocess.run([*command, "account", "add", "facebook", PAGE_ID, *origins], capture_output=True,
                             text=True, env=environment, cwd=ROOT)  # fmt: skip
    assert missing.returncode != 0 and "Valid OAuth Redirect URIs" in missing.stderr

    def add(network: str, account: str, *args: str, stdin: str = "") -> str:
        process = subprocess.Popen([*command, "account", "add", network, account, *origins, *args],
                                   stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                   env=environment, cwd=ROOT)  # fmt: skip
        assert process.stdin is not None and process.stdout is not None and process.stderr is not None
        process.stdin.write(stdin)
        process.stdin.close()
        url = ""
        while not url.startswith("http"):
            url = process.stdout.readline().strip()
            assert url or process.poll() is None, process.stderr.read()

        async def browser() -> None:
            async with httpx.AsyncClient() as user:
                consent = await user.get(url)
                assert consent.status_code == 302, consent.text
                landed = await user.get(consent.headers["location"])
                assert landed.status_code == 200

        asyncio.run(browser())
        process.wait(timeout=60)
        out, err = process.stdout.read(), process.stderr.read()
        assert process.returncode == 0, err
        return out

    first = add("facebook", PAGE_ID, "--meta-app-id", APP_ID, "--meta-secret-stdin", stdin=APP_SECRET + "\n")
    assert "added the Facebook Page" in first
    again = add("instagram", IG_USER_ID)  # the client's Meta app is remembered: only the browser
    assert f"@{ME}" in again
    keyring = (tmp_path / "keyring.json").read_text()
    assert fake.page_token in keyring and APP_SECRET in keyring
    assert fake.user_token not in keyring and fake.short_token not in keyring, "only the Page's token is kept"
    exchanges = [r.query.get("grant_type", "code") for r in fake.requests if r.path.endswith("/oauth/access_token")]
    assert exchanges == ["code", "fb_exchange_token"] * 2, "code → short-lived → long-lived token, each time"
