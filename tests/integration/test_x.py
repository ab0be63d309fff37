"""Issue 20, X: the real connector and its HTTP code against a loopback server speaking the API v2
(tests/support/x_fake.py) — a first pull reaching back over every page of mentions with the posts they answer and
the direct messages, then only what is new (since_id); each call priced into the client's monthly ledger and pulls
stopped at its cap; replies, direct messages, likes, posts and deletions, a lost response found again instead of
posting twice; rate limits (429 with x-rate-limit-reset), an expired token, refresh tokens that rotate; the browser
sign-in with PKCE on the registered loopback callback — and `cmdesk account add x --token-stdin --api-base`,
`cmdesk sync`, `cmdesk inbox` and `cmdesk export` in subprocesses."""

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
from cmdesk.connectors.x import api, oauth, signin
from cmdesk.connectors.x.connector import XConnector
from cmdesk.domain import Account, Action, Kind, Network, Secret
from cmdesk.domain.acts import Delete, Favourite, Medium, Post, Reply
from cmdesk.storage.outbox import new_key
from tests.conftest import ROOT
from tests.support.file_keyring import BACKEND
from tests.support.x_fake import CLIENT_ID, ME, XFake

NATHALIE, KARIM = "1234567890", "2345678901"


@pytest.fixture
def fake() -> Iterator[XFake]:
    server = XFake().start()
    server.person(NATHALIE, "Nathalie Roux", "nathalieroux")
    server.person(KARIM, "Karim D.", "karimd")
    yield server
    server.stop()


def account_of(fake: XFake, **settings: Any) -> Account:
    tokens = oauth.Tokens(Secret(fake.token), Secret(fake.refresh_token), datetime.now(UTC) + timedelta(hours=2),
                          CLIENT_ID, fake.base)  # fmt: skip
    return Account(1, "x-1", 7, Network.X, "@lefournil", "https://x.com/lefournil",
                   settings={"me": ME, "handle": "lefournil", "api_base": fake.base, **settings},
                   secret=tokens.to_secret())  # fmt: skip


def run(coroutine: Any) -> Any:
    return asyncio.run(coroutine)


async def _pull_all(account: Account, cursor: dict[str, Any]) -> tuple[list[Any], dict[str, Any], int]:
    items: list[Any] = []
    spent = 0
    async with httpx.AsyncClient() as client:
        while True:
            page = await XConnector().pull(client, account, cursor)
            items.extend(page.items)
            spent += sum(u.units for u in page.usage)
            cursor = dict(page.cursor)
            if not page.has_more:
                return items, cursor, spent


def test_a_first_pull_reaches_back_then_only_what_is_new_comes_and_every_call_is_priced(fake: XFake) -> None:
    mine = fake.post(ME, "La galette des rois est arrivée !")
    answer = fake.post(NATHALIE, "@lefournil elle est à quel prix ?", reply_to=mine["id"])
    for n in range(249):
        fake.post(KARIM if n % 2 else NATHALIE, f"@lefournil question {n}")
    fake.message(NATHALIE, f"{NATHALIE}-{ME}", "Bonjour, vous livrez à Villeurbanne ?")
    items, cursor, spent = run(_pull_all(account_of(fake), {}))
    mentions = [i for i in items if i.kind == Kind.MENTION and i.direction == "in"]
    assert len(mentions) == 250, "every mention, over three pages"
    reply = next(i for i in items if i.remote_id == answer["id"])
    assert reply.thread_key == mine["id"] and reply.parent_remote_id == mine["id"]
    assert any(i.remote_id == mine["id"] and i.direction == "out" for i in items), "the post answered, for context"
    dms = [i for i in items if i.kind == Kind.MESSAGE]
    assert [(d.text, d.author.handle, d.thread_key) for d in dms] == [
        ("Bonjour, vous livrez à Villeurbanne ?", "@nathalieroux", f"{NATHALIE}-{ME}")]  # fmt: skip
    reads = [r for r in fake.requests if r.path.endswith("/mentions")]
    assert [r.query.get("pagination_token") for r in reads] == [None, "100", "200"]
    assert spent >= 251 * 5_000 + 10_000, "posts read at $0.005, the DM at $0.010, users at $0.010 (micro-dollars)"

    fake.requests.clear()
    newest = fake.post(KARIM, "@lefournil et le dimanche ?")
    fake.message(NATHALIE, f"{NATHALIE}-{ME}", "Merci !")
    again, _, _ = run(_pull_all(account_of(fake), cursor))
    assert {i.remote_id for i in again} == {newest["id"], fake.events[-1]["id"]}, "only what is new"
    assert fake.requests[0].query["since_id"] == cursor["since_id"]


def test_pulls_stop_at_the_clients_monthly_cap(fake: XFake) -> None:
    fake.post(NATHALIE, "@lefournil bonjour")
    month = api.month_of(datetime.now(UTC))
    spent = {(api.meter_of(account_of(fake)), month): 4_999_000}
    with pytest.raises(RateLimited, match="budget for the month is spent"):
        run(_pull_all(replace(account_of(fake), usage=spent), {}))
    assert not fake.requests, "nothing read past the cap"
    raised = replace(account_of(fake, x_monthly_cap=20), usage=spent)
    items, _, _ = run(_pull_all(raised, {}))
    assert items, "a higher cap lets it read again"


def test_replies_messages_likes_posts_and_deletions_and_a_lost_response(fake: XFake) -> None:
    question = fake.post(NATHALIE, "@lefournil vous avez des croissants sans gluten ?")
    conversation = f"{NATHALIE}-{ME}"
    fake.message(NATHALIE, conversation, "Et le samedi ?")
    before = datetime.now(UTC) - timedelta(seconds=5)
    account = account_of(fake)

    async def act(action: Action, look: bool = False) -> Any:
        async with httpx.AsyncClient() as client:
            if look:
                return await XConnector().find_sent(client, account, action, before)
            return await XConnector().perform(client, account, action)

    reply = Action(Reply("Pas encore, mais bientôt !", question["id"], question["conversation_id"]), new_key(before))
    assert run(act(reply, look=True)) is None
    sent = run(act(reply))
    assert sent.item.thread_key == question["conversation_id"] and sent.item.parent_remote_id == question["id"]
    assert sum(u.units for u in sent.usage) == 15_000, "a post created: $0.015"
    assert run(act(reply, look=True)).remote_id == sent.remote_id, "a retry after a lost response finds it"
    dm = Action(Reply("Oui, de 7 h à 13 h.", "", conversation, kind=Kind.MESSAGE), new_key(before))
    sent_dm = run(act(dm))
    assert fake.events[-1]["text"] == "Oui, de 7 h à 13 h." and fake.events[-1]["sender_id"] == ME
    assert run(act(dm, look=True)).remote_id == sent_dm.remote_id
    run(act(Action(Favourite(question["id"]), new_key(before))))
    assert fake.likes == [question["id"]]
    made = run(act(Action(Post("Nouvelle fournée : https://lefournil.example/menu"), new_key(before))))
    assert sum(u.units for u in made.usage) == 200_000, "a post with a link: $0.200"
    picture = Path(__file__).parents[1] / "data" / "x" / "croissants.png"
    alt = "Six croissants dorés"
    shown = run(act(Action(Post("La fournée du matin", media=(Medium(str(picture), alt, media_type="image/png"),)),
                           new_key(before))))  # fmt: skip
    uploaded = next(t for t in fake.tweets if t["id"] == shown.remote_id)["attachments"]["media_keys"]
    assert len(uploaded) == 1 and list(fake.media.values()) == [alt], "the image, then its alt text"
    run(act(Action(Delete(made.remote_id), new_key(before))))
    assert made.remote_id not in {t["id"] for t in fake.tweets}


def test_rate_limits_expired_tokens_and_rotating_refresh_tokens(fake: XFake) -> None:
    fake.window = 0
    with pytest.raises(RateLimited) as limited:
        run(_pull_all(account_of(fake), {}))
    assert limited.value.retry_at > datetime.now(UTC) + timedelta(minutes=10), "x-rate-limit-reset is honoured"
    fake.window = 2  # the mentions, then the window's last request: X answers it with x-rate-limit-remaining: 0
    fake.post(NATHALIE, "@lefournil bonjour")
    items, cursor, _ = run(_pull_all(account_of(fake), {}))
    assert items and cursor["rest_until"], "the data kept, the window's end noted"
    fake.requests.clear()
    with pytest.raises(RateLimited) as resting:
        run(_pull_all(account_of(fake), cursor))
    assert not fake.requests and resting.value.retry_at > datetime.now(UTC), "no request before the window ends"
    fake.window = 100
    account = account_of(fake)
    fake.token = "x-access-41"  # the server moved on: the saved access token is expired
    with pytest.raises(AuthExpired):
        run(_pull_all(account, {}))

    async def renew(acc: Account, now: datetime) -> Any:
        async with httpx.AsyncClient() as client:
            return await XConnector().renew(client, acc, now)

    assert run(renew(account, datetime.now(UTC))) is None, "two hours left: kept"
    renewed = run(renew(account, datetime.now(UTC) + timedelta(hours=2)))
    tokens = oauth.Tokens.from_secret(renewed)
    assert tokens.access.reveal() == fake.token and tokens.refresh.reveal() == fake.refresh_token, "rotated, kept"
    items, _, _ = run(_pull_all(replace(account, secret=renewed), {}))
    assert [i.text for i in items] == ["@lefournil bonjour"]
    with pytest.raises(AuthExpired):
        run(renew(account, datetime.now(UTC) + timedelta(hours=2)))  # the old refresh token no longer works


def test_the_browser_sign_in_uses_pkce_on_the_registered_callback(fake: XFake) -> None:
    async def user(url: str) -> None:
        async with httpx.AsyncClient() as agent:
            consent = await agent.get(url)
            assert consent.status_code == 302
            await agent.get(consent.headers["location"])

    async def sign_in() -> Any:
        async with httpx.AsyncClient() as client:
            opened: list[asyncio.Task[None]] = []
            found = await signin.sign_in_with_browser(
                client, CLIENT_ID, lambda url: opened.append(asyncio.ensure_future(user(url))),
                datetime.now(UTC), base=fake.base, auth_base=fake.base, timeout=20)  # fmt: skip
            await asyncio.gather(*opened)
            return found

    found = run(sign_in())
    assert (found.user_id, found.username) == (ME, "lefournil")
    tokens = oauth.Tokens.from_secret(found.token)
    assert tokens.refresh is not None and tokens.client_id == CLIENT_ID and tokens.expires_at is not None
    authorize = next(r for r in fake.requests if r.path == "/i/oauth2/authorize")
    assert authorize.query["code_challenge_method"] == "S256" and "offline.access" in authorize.query["scope"]


def test_cmdesk_adds_the_account_of_a_token_then_syncs(fake: XFake, tmp_path: Path) -> None:
    question = fake.post(NATHALIE, "@lefournil ouvert le 1er janvier ?")
    environment = {**os.environ, "PYTHON_KEYRING_BACKEND": BACKEND, "CMDESK_TEST_KEYRING": str(tmp_path / "k.json"),
                   "PYTHONPATH": str(ROOT)}  # fmt: skip
    data = tmp_path / "data"

    def cmdesk(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "cmdesk", "--data-dir", str(data), *args], input=stdin,
                              capture_output=True, text=True, timeout=120, env=environment, cwd=ROOT)  # fmt: skip

    refused = cmdesk("account", "add", "x", "--token-stdin", "--api-base", "http://example.com", stdin="t\n")
    assert refused.returncode != 0 and "loopback" in refused.stderr
    added = cmdesk("account", "add", "x", "--token-stdin", "--api-base", fake.base, "--monthly-cap", "3",
                   stdin=fake.token + "\n")  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert "@lefournil" in added.stdout and "$3.00 a month" in added.stdout and "$0.005" in added.stdout
    synced = cmdesk("sync")
    assert synced.returncode == 0, synced.stderr
    inbox = [json.loads(line) for line in cmdesk("inbox", "--json").stdout.splitlines()]
    assert len(inbox) == 1 and inbox[0]["kind"] == "mention", inbox
    exported = [json.loads(line) for line in cmdesk("export", "--format", "jsonl").stdout.splitlines()]
    assert [row["remote_id"] for row in exported] == [question["id"]]
    listed = [json.loads(line) for line in cmdesk("account", "list", "--json").stdout.splitlines()]
    assert listed[0]["quota"]["limit"] == 3_000_000 and listed[0]["quota"]["used"] > 0, listed[0].get("quota")
    corrected = cmdesk("account", "prices", "1", "post_read=0.004", "--monthly-cap", "4")
    assert corrected.returncode == 0, corrected.stderr
    assert "post_read        $0.004  (X publishes $0.005)" in corrected.stdout and "$4.00" in corrected.stdout
    wrong = cmdesk("account", "prices", "1", "reads=1")
    assert wrong.returncode != 0 and "post_read" in wrong.stderr
    blob = b"".join(p.read_bytes() for p in data.iterdir() if p.is_file())
    assert fake.token.encode() not in blob, "the token never reaches the database"
