"""Issue 21, Reddit: the real connector and its HTTP code against a loopback server speaking Reddit's OAuth API
(tests/support/reddit_fake.py) — the inbox read back over every page with `after`, then only what is new; comment
replies under their post, mentions, private messages in their threads; read marks both ways; a reply sent once and
found again after a lost response; Reddit's rate-limit headers and RATELIMIT errors, an expired token renewed with the
refresh token, the installed app's browser sign-in — and `cmdesk account add reddit --token-stdin --api-base`,
`cmdesk sync`, `cmdesk inbox`, `cmdesk export` in subprocesses."""

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
from typing import Any

import httpx
import pytest

from cmdesk.connectors.base import AuthExpired, RateLimited
from cmdesk.connectors.reddit import oauth, signin
from cmdesk.connectors.reddit.connector import RedditConnector
from cmdesk.domain import Account, Action, Kind, Network, Secret
from cmdesk.domain.acts import MarkRead, Reply
from cmdesk.storage.outbox import new_key
from tests.conftest import ROOT
from tests.support.file_keyring import BACKEND
from tests.support.reddit_fake import CLIENT_ID, ME, RedditFake


@pytest.fixture
def fake() -> Iterator[RedditFake]:
    server = RedditFake().start()
    yield server
    server.stop()


def account_of(fake: RedditFake) -> Account:
    tokens = oauth.Tokens(Secret(fake.token), Secret(fake.refresh_token), datetime.now(UTC) + timedelta(hours=1),
                          CLIENT_ID, fake.base)  # fmt: skip
    return Account(1, "rd-1", 1, Network.REDDIT, f"u/{ME}", f"https://www.reddit.com/user/{ME}",
                   settings={"me": ME, "api_base": fake.base}, secret=tokens.to_secret())  # fmt: skip


def run(coroutine: Any) -> Any:
    return asyncio.run(coroutine)


async def _pull_all(account: Account, cursor: dict[str, Any]) -> tuple[list[Any], dict[str, Any], list[str]]:
    items: list[Any] = []
    seen: list[str] = []
    async with httpx.AsyncClient() as client:
        while True:
            page = await RedditConnector().pull(client, account, cursor)
            items.extend(page.items)
            seen.extend(page.seen)
            cursor = dict(page.cursor)
            if not page.has_more:
                return items, cursor, seen


def test_the_inbox_is_read_back_then_only_what_is_new_comes(fake: RedditFake) -> None:
    reply = fake.comment("croissantfan", "Merci ! Vous ouvrez le dimanche ?", parent="t1_k9a1zz0")
    said = "u/lefournil a les meilleures brioches"
    mention = fake.comment("lyonnaise", said, post="1p9zzzz", kind="username_mention")
    question = fake.message("karim_d", "Bonjour, je peux commander 40 croissants pour samedi ?")
    for n in range(230):
        fake.comment(f"lecteur{n}", f"Réponse {n}")
    fake.inbox[0]["data"]["new"] = False  # read on reddit.com already
    items, cursor, seen = run(_pull_all(account_of(fake), {}))
    assert len(items) == 233 and [r.query.get("after") for r in fake.requests if r.path == "/message/inbox"] == [
        None, fake.inbox[-100]["data"]["name"], fake.inbox[-200]["data"]["name"]]  # fmt: skip
    by_id = {item.remote_id: item for item in items}
    first = by_id[reply["name"]]
    assert (first.kind, first.thread_key, first.parent_remote_id) == (Kind.COMMENT, "t3_1p2abcd", "t1_k9a1zz0")
    assert first.url.endswith("/r/lyon/comments/1p2abcd/meilleure_boulangerie_de_lyon/" + reply["id"] + "/")
    assert by_id[mention["name"]].kind == Kind.MENTION and by_id[mention["name"]].thread_key == "t3_1p9zzzz"
    pm = by_id[question["name"]]
    assert (pm.kind, pm.thread_key, pm.thread_title) == (Kind.MESSAGE, question["name"], "Commande pour samedi")
    assert seen == [reply["name"]], "read on Reddit: read here too"

    fake.requests.clear()
    later = fake.comment("croissantfan", "Et le lundi ?")
    again, _, _ = run(_pull_all(account_of(fake), cursor))
    assert [item.remote_id for item in again] == [later["name"]], "only what is new, one page"


def test_a_monitor_brings_the_posts_that_name_the_business(fake: RedditFake) -> None:
    talk = fake.post("lyonnaise", "Le Fournil croix-rousse", "Leurs brioches sont incroyables")
    fake.post(ME, "Le Fournil : nouveaux horaires")
    fake.post("someone", "Meilleur kebab de Lyon")
    account = replace(account_of(fake), settings={**account_of(fake).settings, "client_monitors": ["fournil"]})
    items, cursor, _ = run(_pull_all(account, {}))
    found = [i for i in items if i.kind == Kind.FEED]
    assert [(i.remote_id, i.thread_title, i.title) for i in found] == [(talk["name"], "fournil", talk["title"])]
    later = fake.post("croissantfan", "Fournil ou Pozzoli ?")
    again, _, _ = run(_pull_all(account, cursor))
    assert [i.remote_id for i in again] == [later["name"]], "only what is new"


def test_a_reply_goes_once_and_read_marks_go_back_to_reddit(fake: RedditFake) -> None:
    reply = fake.comment("croissantfan", "Vous ouvrez le dimanche ?")
    question = fake.message("karim_d", "40 croissants samedi ?")
    before = datetime.now(UTC) - timedelta(seconds=5)
    account = account_of(fake)

    async def act(action: Action, look: bool = False) -> Any:
        async with httpx.AsyncClient() as client:
            if look:
                return await RedditConnector().find_sent(client, account, action, before)
            return await RedditConnector().perform(client, account, action)

    answer = Action(Reply("Oui, de 7 h à 13 h !", reply["name"], "t3_1p2abcd"), new_key(before))
    assert run(act(answer, look=True)) is None
    fake.rate_limit_once = True
    with pytest.raises(RateLimited, match="Take a break"):
        run(act(answer))
    sent = run(act(answer))
    assert sent.item.parent_remote_id == reply["name"] and sent.item.thread_key == "t3_1p2abcd"
    assert run(act(answer, look=True)).remote_id == sent.remote_id, "a retry after a lost response finds it"
    private = Action(Reply("C'est noté !", question["name"], question["name"], kind=Kind.MESSAGE), new_key(before))
    sent_pm = run(act(private))
    assert sent_pm.remote_id.startswith("t4_") and run(act(private, look=True)).remote_id == sent_pm.remote_id
    run(act(Action(MarkRead((reply["name"], question["name"])), new_key(before))))
    assert [t["data"]["new"] for t in fake.inbox] == [False, False]


def test_rate_limits_an_expired_token_and_the_browser_sign_in(fake: RedditFake) -> None:
    fake.comment("croissantfan", "Bonjour")
    fake.remaining = 1.5  # the window's last request: the pull keeps its data and rests until the reset
    items, cursor, _ = run(_pull_all(account_of(fake), {}))
    assert items and cursor["rest_until"]
    fake.requests.clear()
    with pytest.raises(RateLimited):
        run(_pull_all(account_of(fake), cursor))
    assert not fake.requests
    fake.remaining = 500
    account = account_of(fake)
    fake.token = "reddit-access-9"
    with pytest.raises(AuthExpired):
        run(_pull_all(account, {}))

    async def renew(now: datetime) -> Any:
        async with httpx.AsyncClient() as client:
            return await RedditConnector().renew(client, account, now)

    renewed = run(renew(datetime.now(UTC) + timedelta(hours=1)))
    assert oauth.Tokens.from_secret(renewed).refresh.reveal() == fake.refresh_token, "the refresh token is kept"
    assert run(_pull_all(replace(account, secret=renewed), {}))[0]

    async def user(url: str) -> None:
        async with httpx.AsyncClient() as agent:
            consent = await agent.get(url)
            await agent.get(consent.headers["location"])

    async def sign_in() -> Any:
        async with httpx.AsyncClient() as client:
            opened: list[Any] = []
            found = await signin.sign_in_with_browser(
                client, CLIENT_ID, lambda url: opened.append(asyncio.ensure_future(user(url))), datetime.now(UTC),
                base=fake.base, auth_base=fake.base, timeout=20)  # fmt: skip
            await asyncio.gather(*opened)
            return found

    found = run(sign_in())
    assert found.name == ME and oauth.Tokens.from_secret(found.token).refresh is not None
    authorize = next(r for r in fake.requests if r.path == "/api/v1/authorize")
    assert authorize.query["duration"] == "permanent" and "privatemessages" in authorize.query["scope"]


def test_cmdesk_adds_the_account_of_a_token_then_syncs(fake: RedditFake, tmp_path: Path) -> None:
    reply = fake.comment("croissantfan", "Vous livrez à Villeurbanne ?")
    environment = {**os.environ, "PYTHON_KEYRING_BACKEND": BACKEND, "CMDESK_TEST_KEYRING": str(tmp_path / "k.json"),
                   "PYTHONPATH": str(ROOT)}  # fmt: skip
    data = tmp_path / "data"

    def cmdesk(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "cmdesk", "--data-dir", str(data), *args], input=stdin,
                              capture_output=True, text=True, timeout=120, env=environment, cwd=ROOT)  # fmt: skip

    refused = cmdesk("account", "add", "reddit", "--token-stdin", "--api-base", "http://example.com", stdin="t\n")
    assert refused.returncode != 0 and "loopback" in refused.stderr
    added = cmdesk("account", "add", "reddit", "--token-stdin", "--api-base", fake.base, stdin=fake.token + "\n")
    assert added.returncode == 0, added.stderr
    assert f"u/{ME}" in added.stdout
    synced = cmdesk("sync")
    assert synced.returncode == 0, synced.stderr
    inbox = [json.loads(line) for line in cmdesk("inbox", "--json").stdout.splitlines()]
    assert len(inbox) == 1 and inbox[0]["kind"] == "comment", inbox
    exported = [json.loads(line) for line in cmdesk("export", "--format", "jsonl").stdout.splitlines()]
    assert [row["remote_id"] for row in exported] == [reply["name"]]
    blob = b"".join(p.read_bytes() for p in data.iterdir() if p.is_file())
    assert fake.token.encode() not in blob
