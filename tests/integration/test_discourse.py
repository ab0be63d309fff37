"""Issue 21, Discourse: the real connector and its HTTP code against a loopback server speaking Discourse's API
(tests/support/discourse_fake.py) — the User API Key handshake (key pair, nonce, the encrypted answer on the loopback
redirect, or pasted when the forum does not allow the redirect), an administrator's key; notifications read back over
every page with `offset`, then only what is new; mentions, replies (with the user's post they answer), private
messages, new posts in a watched topic, likes as activities; a reply written once and found again after a lost
answer; 429 with Retry-After, a revoked key said plainly — and `cmdesk account add discourse --api-key-stdin`,
`cmdesk sync`, `cmdesk reply`, `cmdesk export` in subprocesses."""

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

from cmdesk.connectors.base import AuthExpired, Permanent, RateLimited, Transient
from cmdesk.connectors.discourse import signin
from cmdesk.connectors.discourse.connector import DiscourseConnector
from cmdesk.connectors.discourse.user_api_key import Handshake
from cmdesk.domain import Account, Action, Direction, Kind, Network, Secret
from cmdesk.domain.acts import Reply
from cmdesk.storage.outbox import new_key
from tests.conftest import ROOT
from tests.support.consenting_user import browser
from tests.support.discourse_fake import ME, DiscourseFake
from tests.support.file_keyring import BACKEND


@pytest.fixture
def fake() -> Iterator[DiscourseFake]:
    server = DiscourseFake().start()
    yield server
    server.stop()


def run(coroutine: Any) -> Any:
    return asyncio.run(coroutine)


def account_of(user: signin.ForumUser) -> Account:
    settings = {"origin": user.forum.origin, "username": user.username, "key_kind": user.key.kind,
                "client_id": user.key.client_id}  # fmt: skip
    return Account(1, "dc-1", 1, Network.DISCOURSE, user.forum.title, user.address, settings=settings,
                   secret=user.key.secret)  # fmt: skip


async def _browser_sign_in(fake: DiscourseFake) -> signin.ForumUser:
    async with httpx.AsyncClient() as client:
        forum = await signin.find_forum(client, fake.base + "/latest")
        return await signin.sign_in_with_browser(client, forum, Handshake("cmdesk-abc"), browser, timeout=20)


async def _pull_all(account: Account, cursor: dict[str, Any]) -> tuple[list[Any], list[Any], dict[str, Any], int]:
    items: list[Any] = []
    activities: list[Any] = []
    pages = 0
    async with httpx.AsyncClient() as client:
        while True:
            page = await DiscourseConnector().pull(client, account, cursor)
            pages += 1
            assert not page.problems, page.problems
            items.extend(page.items)
            activities.extend(page.activities)
            cursor = dict(page.cursor)
            if not page.has_more:
                return items, activities, cursor, pages


def test_the_key_comes_through_the_handshake_and_notifications_are_read_back(fake: DiscourseFake) -> None:
    recipes = fake.topic("Vos meilleures recettes de brioche", "lea", "Partagez vos recettes !", watching=True)
    for n in range(120):
        fake.post(recipes, f"membre{n}", f"Ma recette n°{n} : beurre, farine, œufs.")
    mine_topic = fake.topic("Horaires du Fournil", ME, "Nous ouvrons à 7 h.")
    reply = fake.post(mine_topic, "karim", "Et le dimanche ?", reply_to=1)
    mention = fake.post(recipes, "lea", f"@{ME} vous vendez de la levure ?")
    private = fake.topic("Commande de 40 croissants", "sophie", "Bonjour, possible pour samedi ?", private=True)
    fake.like(mine_topic, 1, "karim")
    user = run(_browser_sign_in(fake))
    assert (user.username, user.key.client_id, user.key.secret) == (ME, "cmdesk-abc", Secret(fake.key))
    assert fake.client_id == "cmdesk-abc", "the forum granted the key to cmdesk's client id"
    account = account_of(user)

    items, activities, cursor, pages = run(_pull_all(account, {}))
    assert pages == 3, "124 notifications, sixty a page"
    offsets = [r.query.get("offset") for r in fake.requests if r.path == "/notifications.json"]
    assert offsets == [None, "60", "120"]
    by_id = {item.remote_id: item for item in items}
    answer = by_id[f"{mine_topic}/2"]
    assert (answer.kind, answer.thread_key, answer.parent_remote_id, answer.text) == (
        Kind.COMMENT, str(mine_topic), f"{mine_topic}/1", "Et le dimanche ?")  # fmt: skip
    assert answer.thread_title == "Horaires du Fournil" and answer.url.endswith(
        f"/t/horaires-du-fournil/{mine_topic}/2"
    )
    own = by_id[f"{mine_topic}/1"]
    assert own.direction is Direction.OUTBOUND, "the user's post it answers, fetched for context"
    assert by_id[f"{recipes}/{mention['post_number']}"].kind is Kind.MENTION
    assert by_id[f"{private}/1"].kind is Kind.MESSAGE and by_id[f"{private}/1"].author.handle == "@sophie"
    assert len([i for i in items if i.thread_key == str(recipes)]) == 122, "the watched topic's new posts"
    assert [(a.kind, a.target_remote_id, a.actor.name) for a in activities] == [
        ("favourite", f"{mine_topic}/1", "karim")
    ]
    assert reply["id"] in {int(n) for r in fake.requests for n in (r.lists or {}).get("post_ids[]", [])}

    fake.requests.clear()
    later = fake.post(private, "sophie", "Et 10 pains au chocolat ?")
    again, _, cursor, pages = run(_pull_all(account, cursor))
    assert pages == 1 and [i.remote_id for i in again] == [f"{private}/{later['post_number']}"], "only what is new"


def test_a_reply_goes_once_under_the_post_it_answers(fake: DiscourseFake) -> None:
    topic = fake.topic("Horaires du Fournil", ME, "Nous ouvrons à 7 h.")
    question = fake.post(topic, "karim", "Et le dimanche ?", reply_to=1)
    account = account_of(run(_browser_sign_in(fake)))
    before = datetime.now(UTC) - timedelta(days=400)  # the fake's posts are dated November 2026

    async def act(action: Action, look: bool = False) -> Any:
        async with httpx.AsyncClient() as client:
            if look:
                return await DiscourseConnector().find_sent(client, account, action, before)
            return await DiscourseConnector().perform(client, account, action)

    target = f"{topic}/{question['post_number']}"
    reply = Action(Reply("Oui, de 8 h à 12 h.", target, str(topic)), new_key(datetime.now(UTC)))
    assert run(act(reply, look=True)) is None
    fake.lose_next_reply = True
    with pytest.raises(Transient):
        run(act(reply))
    found = run(act(reply, look=True))
    assert found is not None and found.remote_id == f"{topic}/3", "the reply that went, found before a retry"
    written = fake.topics[topic]["posts"][2]
    assert (written["username"], written["reply_to_post_number"], written["raw"]) == (ME, 2, "Oui, de 8 h à 12 h.")
    other = Action(Reply("Oui, de 8 h à 12 h", target, str(topic)), new_key(datetime.now(UTC)))
    assert run(act(other, look=True)) is None, "other words are another reply"
    sent = run(act(Action(Reply("Bonne journée !", str(topic), str(topic)), new_key(datetime.now(UTC)))))
    assert sent.remote_id == f"{topic}/4" and fake.topics[topic]["posts"][3]["reply_to_post_number"] is None
    assert sent.item is not None and sent.item.direction is Direction.OUTBOUND


def test_rate_limits_revoked_keys_pasted_answers_and_administrators_keys(fake: DiscourseFake) -> None:
    fake.topic("Commande", "sophie", "Bonjour !", private=True)
    account = account_of(run(_browser_sign_in(fake)))
    fake.rate_limit_once = True
    with pytest.raises(RateLimited) as limited:
        run(_pull_all(account, {}))
    assert 5 <= (limited.value.retry_at - datetime.now(UTC)).total_seconds() <= 8, "Retry-After: 7"
    fake.revoked = True
    with pytest.raises(AuthExpired, match="refused the key"):
        run(_pull_all(account, {}))

    async def pasted(redirect_allowed: bool, text: str | None = None) -> signin.ForumUser:
        async with httpx.AsyncClient() as client:
            forum = await signin.find_forum(client, fake.base)
            request = Handshake("cmdesk-def")
            page = await client.get(request.url(forum.origin, redirect=redirect_allowed))
            assert page.status_code == 200
            return await signin.sign_in_with_pasted(client, forum, request, text or fake.shown_payload)

    fake.revoked = False
    fake.allowed_redirects = ()  # the forum's administrators did not list cmdesk's redirect
    assert run(pasted(False)).username == ME
    wrong = Handshake("cmdesk-ghi")
    with pytest.raises(Permanent, match="not the forum's answer"):
        run(pasted(False, "bm90IGVuY3J5cHRlZA==\n"))
    with pytest.raises(Permanent, match="not the forum's answer|nonce"):
        wrong.key_from(fake.shown_payload)

    async def admin(key: str) -> signin.ForumUser:
        async with httpx.AsyncClient() as client:
            forum = await signin.find_forum(client, fake.base)
            return await signin.sign_in_with_api_key(client, forum, f"@{ME}", Secret(key))

    assert run(admin(fake.admin_key)).key.headers() == {"Api-Key": fake.admin_key, "Api-Username": ME}
    with pytest.raises(AuthExpired):
        run(admin("wrong"))
    with pytest.raises(ValueError, match="plain http"):
        run(signin.find_forum(httpx.AsyncClient(), "http://forum.example.org"))


def test_cmdesk_adds_a_forum_with_an_administrators_key_then_answers(fake: DiscourseFake, tmp_path: Path) -> None:
    topic = fake.topic("Horaires du Fournil", ME, "Nous ouvrons à 7 h.")
    question = fake.post(topic, "karim", "Et le dimanche ?", reply_to=1)
    environment = {**os.environ, "PYTHON_KEYRING_BACKEND": BACKEND, "CMDESK_TEST_KEYRING": str(tmp_path / "k.json"),
                   "PYTHONPATH": str(ROOT)}  # fmt: skip
    data = tmp_path / "data"

    def cmdesk(*args: str, stdin: str = "", ok: bool = True) -> subprocess.CompletedProcess[str]:
        done = subprocess.run([sys.executable, "-m", "cmdesk", "--data-dir", str(data), *args], input=stdin,
                              capture_output=True, text=True, timeout=120, env=environment, cwd=ROOT)  # fmt: skip
        assert (done.returncode == 0) is ok, done.stderr
        return done

    refused = cmdesk("account", "add", "discourse", fake.base, "--api-key-stdin", stdin="k\n", ok=False)
    assert "--username" in refused.stderr
    added = cmdesk("account", "add", "discourse", fake.base, "--username", ME, "--api-key-stdin",
                   stdin=fake.admin_key + "\n")  # fmt: skip
    assert f"as @{ME}" in added.stdout
    cmdesk("sync")
    inbox = [json.loads(line) for line in cmdesk("inbox", "--json").stdout.splitlines()]
    assert [(row["kind"], row["network"]) for row in inbox] == [("comment", "discourse")]
    cmdesk("reply", str(inbox[0]["id"]), "Oui, de 8 h à 12 h.", "--send")
    written = fake.topics[topic]["posts"][-1]
    assert (written["raw"], written["reply_to_post_number"]) == ("Oui, de 8 h à 12 h.", question["post_number"])
    exported = [json.loads(line) for line in cmdesk("export", "--format", "jsonl").stdout.splitlines()]
    assert {row["remote_id"] for row in exported} >= {f"{topic}/1", f"{topic}/2", f"{topic}/3"}
    blob = b"".join(p.read_bytes() for p in data.rglob("*") if p.is_file())
    assert fake.admin_key.encode() not in blob, "the key stays in the keyring"
