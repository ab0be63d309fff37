"""Issue 20, Bluesky against a real local network (@atproto/dev-env: PLC, PDS and AppView on loopback,
tests/support/atproto_network.py): a sign-in with an app password, mentions, replies and likes pulled through the
real connector, a reply and a post written exactly once under a record key drawn from the act's key, facets in UTF-8
bytes, a session renewed before it runs out — and `cmdesk account add bluesky --password-stdin --service`, `cmdesk
sync` and `cmdesk inbox` in subprocesses."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from cmdesk.connectors.base import AuthExpired
from cmdesk.connectors.bluesky import session as sessions
from cmdesk.connectors.bluesky import xrpc
from cmdesk.connectors.bluesky.connector import BlueskyConnector
from cmdesk.connectors.bluesky.session import Session
from cmdesk.domain import Account, Action, Network, Secret
from cmdesk.domain.acts import Boost, Delete, Favourite, Post, Reply
from cmdesk.storage.outbox import new_key
from tests.conftest import ROOT
from tests.support.atproto_network import Network as AtNetwork
from tests.support.file_keyring import BACKEND

pytestmark = pytest.mark.slow
CREATE = "com.atproto.repo.createRecord"


@pytest.fixture
def network(atproto: AtNetwork) -> AtNetwork:
    return atproto


def run(coroutine: Any) -> Any:
    return asyncio.run(coroutine)


async def _signed_in(network: AtNetwork, handle: str) -> Session:
    async with httpx.AsyncClient() as client:
        return await sessions.create(client, network.pds, handle, Secret(network.accounts[handle]["password"]))


def signed_in(network: AtNetwork, handle: str) -> Session:
    return run(_signed_in(network, handle))  # type: ignore[no-any-return]


def account_of(session: Session, **settings: Any) -> Account:
    return Account(1, f"bsky-{session.handle}", 1, Network.BLUESKY, f"@{session.handle}",
                   f"https://bsky.app/profile/{session.handle}", settings={"me": session.did, **settings},
                   secret=session.to_secret())  # fmt: skip


def post(session: Session, text: str, reply_to: dict[str, Any] | None = None, facets: Any = None) -> dict[str, Any]:
    """Another person's post, written as their client would (createRecord)."""
    record: dict[str, Any] = {"$type": "app.bsky.feed.post", "text": text,
                              "createdAt": datetime.now(UTC).isoformat().replace("+00:00", "Z")}  # fmt: skip
    if reply_to:
        record["reply"] = reply_to
    if facets:
        record["facets"] = facets

    async def write() -> Any:
        async with httpx.AsyncClient() as client:
            body = {"repo": session.did, "collection": "app.bsky.feed.post", "record": record}
            return await xrpc.call(client, session.pds, CREATE, token=session.access, body=body)

    made = run(write())
    return {"uri": made["uri"], "cid": made["cid"]}


def indexed(session: Session, *uris: str) -> None:
    """Wait until the AppView shows these posts (within a few seconds of their writing), as a pulled post is."""

    async def shown() -> int:
        async with httpx.AsyncClient() as client:
            answer = await xrpc.call(client, session.pds, "app.bsky.feed.getPosts", token=session.access,
                                     params=[("uris", uri) for uri in uris])  # fmt: skip
            return len(answer["posts"])

    deadline = time.monotonic() + 90
    while run(shown()) < len(uris) and time.monotonic() < deadline:
        time.sleep(0.3)


def mention(did: str, length: int) -> list[dict[str, Any]]:
    """The facet of a mention at the start of a text, as a client writes it."""
    feature = {"$type": "app.bsky.richtext.facet#mention", "did": did}
    return [{"index": {"byteStart": 0, "byteEnd": length}, "features": [feature]}]


def like(session: Session, subject: dict[str, Any]) -> None:
    async def write() -> Any:
        async with httpx.AsyncClient() as client:
            record = {"$type": "app.bsky.feed.like", "subject": subject, "createdAt": "2026-12-02T10:00:00.000Z"}
            body = {"repo": session.did, "collection": "app.bsky.feed.like", "record": record}
            return await xrpc.call(client, session.pds, CREATE, token=session.access, body=body)

    run(write())


def pull_until(account: Account, enough: Any, cursor: dict[str, Any] | None = None) -> tuple[list[Any], dict[str, Any]]:
    """Pull (every page) until `enough(items, activities)` holds: the AppView indexes within a few seconds."""

    async def once() -> tuple[list[Any], list[Any], dict[str, Any]]:
        state, items, activities = dict(cursor or {}), [], []
        async with httpx.AsyncClient() as client:
            while True:
                page = await BlueskyConnector().pull(client, account, state)
                items.extend(page.items)
                activities.extend(page.activities)
                state = dict(page.cursor)
                if not page.has_more:
                    return items, activities, state

    deadline = time.monotonic() + 90
    while True:
        items, activities, state = run(once())
        if enough(items, activities) or time.monotonic() > deadline:
            return [*items, *activities], state
        time.sleep(0.5)


def test_mentions_replies_and_likes_come_in_with_the_post_they_answer(network: AtNetwork) -> None:
    alice, bob, carla = (signed_in(network, f"{name}.test") for name in ("alice", "bob", "carla"))
    mine = post(alice, "La fournée de 7 h est sortie 🥖")
    question = post(bob, "@alice.test vous livrez à Montreuil ?", facets=mention(alice.did, 11))
    indexed(alice, mine["uri"])  # the AppView notifies a reply's parent author once it knows the parent
    answer = post(carla, "Elle a l'air parfaite !", reply_to={"root": mine, "parent": mine})
    like(carla, mine)
    wanted = {question["uri"], answer["uri"]}
    found, cursor = pull_until(account_of(alice), lambda items, acts: wanted <= {i.remote_id for i in items} and acts)
    by_id = {getattr(entry, "remote_id", ""): entry for entry in found}
    assert by_id[question["uri"]].thread_key == question["uri"] and by_id[question["uri"]].direction == "in"
    assert by_id[answer["uri"]].thread_key == mine["uri"] and by_id[answer["uri"]].parent_remote_id == mine["uri"]
    assert by_id[mine["uri"]].direction == "out", "the post answered, read for context: the account's own"
    assert by_id[answer["uri"]].author.handle == "@carla.test"
    likes = [entry for entry in found if getattr(entry, "kind", "") == "favourite"]
    assert [(a.target_remote_id, a.actor.handle) for a in likes] == [(mine["uri"], "@carla.test")]
    assert cursor["first_done"] and cursor["newest"]

    later = post(bob, "@alice.test et le dimanche ?", facets=mention(alice.did, 11))
    again, _ = pull_until(account_of(alice), lambda items, acts: any(i.remote_id == later["uri"] for i in items),
                          cursor)  # fmt: skip
    assert later["uri"] in {getattr(entry, "remote_id", "") for entry in again}
    assert question["uri"] not in {getattr(entry, "remote_id", "") for entry in again}, "only what is new"


def test_a_monitor_brings_the_public_posts_that_name_the_business(network: AtNetwork) -> None:
    dave, carla = signed_in(network, "dave.test"), signed_in(network, "carla.test")
    said = post(carla, "Les croissants du #fournilcroixrousse, une merveille")
    own = post(dave, "Nouvelle fournée au #fournilcroixrousse")
    account = account_of(dave, client_monitors=["#fournilcroixrousse"])
    found, cursor = pull_until(account, lambda items, acts: any(i.remote_id == said["uri"] for i in items))
    match = next(entry for entry in found if getattr(entry, "remote_id", "") == said["uri"])
    assert match.kind == "feed" and match.thread_title == "#fournilcroixrousse" and match.thread_key == said["uri"]
    assert own["uri"] not in {getattr(entry, "remote_id", "") for entry in found}, "the account's own post is not news"
    again, _ = pull_until(account, lambda items, acts: True, cursor)
    assert said["uri"] not in {getattr(entry, "remote_id", "") for entry in again}, "only what is new"


def test_a_reply_deep_in_someone_elses_thread_comes_with_the_posts_above_it(network: AtNetwork) -> None:
    alice, bob, carla = (signed_in(network, f"{name}.test") for name in ("alice", "bob", "carla"))
    root = post(bob, "Votre boulangerie préférée à Lyon ?")
    indexed(bob, root["uri"])
    first = post(carla, "Le Fournil, sans hésiter", reply_to={"root": root, "parent": root})
    indexed(carla, first["uri"])
    mine = post(alice, "Merci Carla !", reply_to={"root": root, "parent": first})
    indexed(alice, mine["uri"])
    deep = post(carla, "Avec plaisir, vos croissants le valent bien", reply_to={"root": root, "parent": mine})
    found, _ = pull_until(account_of(alice), lambda items, acts: any(i.remote_id == deep["uri"] for i in items))
    ids = {getattr(entry, "remote_id", "") for entry in found}
    assert {root["uri"], first["uri"], mine["uri"], deep["uri"]} <= ids, "the whole chain up to the root"
    deepest = next(e for e in found if getattr(e, "remote_id", "") == deep["uri"])
    assert deepest.thread_key == root["uri"] and deepest.parent_remote_id == mine["uri"]


def test_a_post_with_an_image_and_its_alt_text(network: AtNetwork, tmp_path: Path) -> None:
    from PySide6.QtGui import QColor, QImage

    from cmdesk.domain.acts import Medium

    dave = signed_in(network, "dave.test")  # erin is the window's own test account
    picture = tmp_path / "croissants.png"
    image = QImage(32, 32, QImage.Format.Format_RGB32)
    image.fill(QColor("#d9a441"))
    assert image.save(str(picture))
    alt = "Six croissants dorés sur une grille"
    act = Post("La fournée du matin", media=(Medium(str(picture), alt, media_type="image/png"),))

    async def send() -> Any:
        async with httpx.AsyncClient() as client:
            return await BlueskyConnector().perform(client, account_of(dave), Action(act, new_key(datetime.now(UTC))))

    made = run(send())
    record = next(r["value"] for r in _records(dave, "app.bsky.feed.post") if r["uri"] == made.remote_id)
    embedded = record["embed"]["images"][0]
    assert embedded["alt"] == alt and embedded["image"]["mimeType"] == "image/png"


def _records(session: Session, collection: str) -> list[dict[str, Any]]:
    async def listed() -> Any:
        async with httpx.AsyncClient() as client:
            params = [("repo", session.did), ("collection", collection), ("limit", "100")]
            return await xrpc.call(client, session.pds, "com.atproto.repo.listRecords", params=params)

    return list(run(listed())["records"])


def test_a_reply_and_a_post_are_written_once_whatever_the_retries(network: AtNetwork) -> None:
    dave, bob = signed_in(network, "dave.test"), signed_in(network, "bob.test")
    account = account_of(dave)
    root = post(bob, "Quelqu'un connaît une bonne boulangerie à Lyon ?")
    question = post(bob, "(près de la Croix-Rousse)", reply_to={"root": root, "parent": root})
    indexed(dave, root["uri"], question["uri"])
    reply = Action(Reply("Le Fournil, rue d'Austerlitz ! #boulangerie", question["uri"], root["uri"]),
                   new_key(datetime.now(UTC)))  # fmt: skip

    async def send(action: Action) -> Any:
        async with httpx.AsyncClient() as client:
            return await BlueskyConnector().perform(client, account, action)

    first = run(send(reply))
    second = run(send(reply))
    assert first.remote_id == second.remote_id, "the resent act found its record"
    replies = [r for r in _records(dave, "app.bsky.feed.post") if r["value"].get("reply")]
    assert len(replies) == 1
    stored = replies[0]["value"]
    assert stored["reply"]["root"]["uri"] == root["uri"] and stored["reply"]["parent"]["uri"] == question["uri"]
    assert [f["features"][0]["tag"] for f in stored["facets"]] == ["boulangerie"]
    assert first.item is not None and first.item.thread_key == root["uri"]

    text = "Café crème ☕ avec @bob.test : https://lefournil.example/menu."
    made = run(send(Action(Post(text), new_key(datetime.now(UTC)))))
    record = next(r["value"] for r in _records(dave, "app.bsky.feed.post") if r["uri"] == made.remote_id)
    spans = {f["features"][0]["$type"].rsplit("#", 1)[1]: f["index"] for f in record["facets"]}
    data = text.encode()
    assert data[spans["mention"]["byteStart"] : spans["mention"]["byteEnd"]] == b"@bob.test"
    assert data[spans["link"]["byteStart"] : spans["link"]["byteEnd"]] == b"https://lefournil.example/menu"
    assert record["facets"][0]["features"][0].get("did") == bob.did

    liked = run(send(Action(Favourite(root["uri"]), new_key(datetime.now(UTC)))))
    assert [r["uri"] for r in _records(dave, "app.bsky.feed.like")] == [liked.remote_id]
    boosted = run(send(Action(Boost(root["uri"]), new_key(datetime.now(UTC)))))
    reposts = _records(dave, "app.bsky.feed.repost")
    assert [(r["uri"], r["value"]["subject"]["uri"]) for r in reposts] == [(boosted.remote_id, root["uri"])]
    run(send(Action(Delete(made.remote_id), new_key(datetime.now(UTC)))))
    assert made.remote_id not in {r["uri"] for r in _records(dave, "app.bsky.feed.post")}


def test_a_session_is_renewed_before_it_runs_out_and_a_dead_one_asks_for_a_sign_in(network: AtNetwork) -> None:
    alice = signed_in(network, "alice.test")
    ends = alice.expires_at()
    assert ends is not None

    async def renew(session: Session, now: datetime) -> Secret | None:
        async with httpx.AsyncClient() as client:
            return await BlueskyConnector().renew(client, account_of(session), now)

    assert run(renew(alice, ends - timedelta(hours=1))) is None, "far from its end: kept"
    renewed = run(renew(alice, ends - timedelta(minutes=1)))
    assert renewed is not None
    used = Session.from_secret(renewed)
    assert used.refresh != alice.refresh and used.did == alice.did, "a new pair of tokens"

    async def who(session: Session) -> Any:
        async with httpx.AsyncClient() as client:
            return await xrpc.call(client, session.pds, "com.atproto.server.getSession", token=session.access)

    assert run(who(used))["handle"] == "alice.test", "the renewed session works"
    with pytest.raises(AuthExpired):
        run(renew(Session(used.did, used.handle, used.pds, used.access, "not-a-token"), ends))


def test_cmdesk_signs_in_with_an_app_password_then_syncs(network: AtNetwork, tmp_path: Path) -> None:
    carla = signed_in(network, "carla.test")
    post(carla, "@bob.test merci pour la recommandation !", facets=mention(network.accounts["bob.test"]["did"], 9))
    keyring = tmp_path / "keyring.json"
    environment = {**os.environ, "PYTHON_KEYRING_BACKEND": BACKEND, "CMDESK_TEST_KEYRING": str(keyring),
                   "PYTHONPATH": str(ROOT)}  # fmt: skip
    data = tmp_path / "data"

    def cmdesk(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "cmdesk", "--data-dir", str(data), *args], input=stdin,
                              capture_output=True, text=True, timeout=120, env=environment, cwd=ROOT)  # fmt: skip

    password = network.accounts["bob.test"]["password"]
    wrong = cmdesk("account", "add", "bluesky", "bob.test", "--password-stdin", "--service", network.pds, stdin="x\n")
    assert wrong.returncode != 0 and "cannot sign in to Bluesky" in wrong.stderr
    added = cmdesk("account", "add", "bluesky", "bob.test", "--password-stdin", "--service", network.pds,
                   stdin=password + "\n")  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert network.accounts["bob.test"]["did"] in added.stdout
    deadline = time.monotonic() + 90
    inbox: list[dict[str, Any]] = []
    while not inbox and time.monotonic() < deadline:
        synced = cmdesk("sync")
        assert synced.returncode == 0, synced.stderr
        inbox = [json.loads(line) for line in cmdesk("inbox", "--json").stdout.splitlines()]
    assert any("recommandation" in (c.get("snippet") or c.get("title") or "") for c in inbox), inbox
    assert password not in keyring.read_text(), "the app password is never kept, only the session"
    blob = b"".join(p.read_bytes() for p in data.iterdir() if p.is_file())
    assert password.encode() not in blob and b"accessJwt" not in blob
