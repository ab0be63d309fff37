"""Issue 21, WordPress: the real connector against a real WordPress from Debian on loopback
(tests/support/wordpress_site.py; comments written through its REST API) — the site found from its address and the
application password checked; comments read back newest first over every page, those held for moderation too, each
under its post (the conversation's root) and under the comment it answers; then only what is new; approvals and
removals made on the site carried back; a reply written once and found again before a retry; approve, spam and trash
from cmdesk; a refused password, plain http away from this machine and a site that is no WordPress said plainly —
and `cmdesk account add wordpress`, turning the blog's feed source into the WordPress account in place, `cmdesk sync`,
`cmdesk reply`, `cmdesk export` in subprocesses."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from cmdesk.connectors.base import AuthExpired, Permanent
from cmdesk.connectors.wordpress import api, signin
from cmdesk.connectors.wordpress.connector import WordPressConnector
from cmdesk.domain import Account, Action, Direction, Kind, Network, Secret
from cmdesk.domain.acts import Approve, Reply, Trash
from cmdesk.storage.outbox import new_key
from tests.conftest import ROOT
from tests.support.file_keyring import BACKEND
from tests.support.ports import free_port, wait_until_listening
from tests.support.wordpress_site import WordPressSite


def run(coroutine: Any) -> Any:
    return asyncio.run(coroutine)


async def _signed_in(site: WordPressSite, password: str | None = None) -> Account:
    async with httpx.AsyncClient() as client:
        found = await signin.find_site(client, site.url + "/nos-galettes/")
        user = await signin.sign_in(client, found, site.username, Secret(password or site.app_password))
    settings = {"rest_root": found.rest_root, "login": user.login, "user_id": user.user_id,
                "moderates": user.moderates, "site_name": found.name}  # fmt: skip
    return Account(1, "wp-1", 1, Network.WORDPRESS, found.name, found.home, settings=settings, secret=user.password)


async def _pull_all(account: Account, cursor: dict[str, Any]) -> tuple[list[Any], dict[str, Any], list[str], int]:
    items: list[Any] = []
    deleted: list[str] = []
    pages = 0
    async with httpx.AsyncClient(timeout=60) as client:
        while True:
            page = await WordPressConnector().pull(client, account, cursor)
            pages += 1
            assert not page.problems, page.problems
            items.extend(page.items)
            deleted.extend(page.deleted)
            cursor = dict(page.cursor)
            if not page.has_more:
                return items, cursor, deleted, pages


async def _act(account: Account, action: Action, since: datetime | None = None) -> Any:
    async with httpx.AsyncClient(timeout=60) as client:
        if since is not None:
            return await WordPressConnector().find_sent(client, account, action, since)
        return await WordPressConnector().perform(client, account, action)


def test_the_site_is_found_and_its_comments_come_under_their_posts(wordpress: WordPressSite) -> None:
    account = run(_signed_in(wordpress))
    assert account.settings["moderates"] is True and account.address == wordpress.url
    assert account.settings["rest_root"] == wordpress.url + "/wp-json/", "the Link header's REST root"
    _items, cursor, _deleted, _pages = run(_pull_all(account, {}))  # what other tests wrote before

    post = wordpress.add_post("Galette des rois", "Nos galettes frangipane arrivent !")
    question = wordpress.rest_comment(post["id"], "Bonjour, je voudrais une galette pour 8 personnes samedi ?")
    answer = wordpress.rest_comment(post["id"], "Moi aussi !", author="Léa Dubois", parent=question["id"])
    spam = wordpress.rest_comment(post["id"], "Montres pas chères ici", author="Promo", status="hold")
    other = wordpress.add_post("Horaires de Noël")
    for n in range(120):
        wordpress.rest_comment(other["id"], f"Ouvert le 24 ? ({n})", author=f"Lecteur {n}")
    items, cursor, _deleted, pages = run(_pull_all(account, cursor))
    assert pages == 2, "123 new comments: two pages of 100, newest first"
    by_id = {item.remote_id: item for item in items}
    guid = post["guid"]["rendered"]
    root = by_id[guid]
    assert (root.kind, root.thread_key, root.title, root.direction) == (Kind.FEED, guid, "Galette des rois",
                                                                        Direction.OUTBOUND)  # fmt: skip
    first = by_id[f"{guid}#comment-{question['id']}"]
    assert (first.kind, first.thread_key, first.parent_remote_id, first.held) == (Kind.COMMENT, guid, guid, False)
    assert first.author.name == "Camille Martin" and "8 personnes" in first.text and first.url == question["link"]
    assert by_id[f"{guid}#comment-{answer['id']}"].parent_remote_id == first.remote_id, "under the comment answered"
    assert by_id[f"{guid}#comment-{spam['id']}"].held, "held for moderation: in cmdesk's moderation queue"
    assert (
        len([i for i in items if i.kind == Kind.COMMENT]) == 123 and len([i for i in items if i.kind == Kind.FEED]) == 2
    )

    later = wordpress.rest_comment(post["id"], "Et sans fève ?")
    wordpress.rest("POST", f"/wp/v2/comments/{spam['id']}", data={"status": "approved"})  # approved on the site
    again, cursor, deleted, pages = run(_pull_all(account, cursor))
    assert pages == 1 and deleted == []
    assert [(i.remote_id, i.held) for i in again] == [
        (f"{guid}#comment-{later['id']}", False), (f"{guid}#comment-{spam['id']}", False)]  # fmt: skip
    assert guid not in {i.remote_id for i in again}, "a post already delivered is not fetched again"

    held = wordpress.rest_comment(post["id"], "Encore du spam", author="Promo", status="hold")
    _items, cursor, _deleted, _pages = run(_pull_all(account, cursor))
    wordpress.rest("POST", f"/wp/v2/comments/{held['id']}", data={"status": "spam"})  # removed on the site
    again, cursor, deleted, _pages = run(_pull_all(account, cursor))
    assert again == [] and deleted == [f"{guid}#comment-{held['id']}"], "shown as deleted, kept in cmdesk"


def test_a_reply_goes_once_and_moderation_acts_reach_the_site(wordpress: WordPressSite) -> None:
    account = run(_signed_in(wordpress))
    post = wordpress.add_post("Bûches de Noël")
    question = wordpress.rest_comment(post["id"], "Vous faites des bûches sans gluten ?")
    guid = post["guid"]["rendered"]
    target = f"{guid}#comment-{question['id']}"
    before = datetime.now(UTC) - timedelta(seconds=2)
    reply = Action(Reply("Oui, sur commande 48 h avant !", target, guid), new_key(before))
    assert run(_act(account, reply, since=before)) is None, "not sent yet"
    sent = run(_act(account, reply))
    made = wordpress.comment(int(sent.remote_id.rpartition("-")[2]))
    me = account.settings["user_id"]
    assert (made["parent"], made["post"], made["author"]) == (question["id"], post["id"], me)
    assert made["status"] == "approved", "the site's own moderator: published at once"
    assert sent.item is not None and sent.item.direction is Direction.OUTBOUND and sent.item.parent_remote_id == target
    assert run(_act(account, reply, since=before)).remote_id == sent.remote_id, "found again: not sent twice"
    elsewhere = Action(Reply("Oui, sur commande 48 h avant !", guid, guid), new_key(before))
    assert run(_act(account, elsewhere, since=before)) is None, "the same words under another comment are not it"
    top = run(_act(account, Action(Reply("Les commandes sont ouvertes.", guid, guid), new_key(before))))
    assert wordpress.comment(int(top.remote_id.rpartition("-")[2]))["parent"] == 0, "a reply to the post itself"

    held = wordpress.rest_comment(post["id"], "Première visite, superbe !", status="hold")
    spam = wordpress.rest_comment(post["id"], "Casino en ligne", author="Promo")
    junk = wordpress.rest_comment(post["id"], "asdf", author="Bot")
    run(_act(account, Action(Approve(f"{guid}#comment-{held['id']}"), new_key(before))))
    run(_act(account, Action(Trash(f"{guid}#comment-{spam['id']}", spam=True), new_key(before))))
    trash = Action(Trash(f"{guid}#comment-{junk['id']}"), new_key(before))
    run(_act(account, trash))
    run(_act(account, trash))  # a retry of a trash that went: done, not an error
    statuses = [wordpress.comment(c["id"])["status"] for c in (held, spam, junk)]
    assert statuses == ["approved", "spam", "trash"]


def test_refusals_are_said_plainly(wordpress: WordPressSite, tmp_path: Path) -> None:
    with pytest.raises(AuthExpired, match="WordPress refused the sign-in"):
        run(_signed_in(wordpress, password="abcd efgh ijkl mnop qrst uvwx"))
    made = wordpress.rest("POST", "/wp/v2/users/me/application-passwords", data={"name": "revoked soon"})
    account = run(_signed_in(wordpress, password=made["password"]))
    run(_pull_all(account, {}))
    wordpress.rest("DELETE", f"/wp/v2/users/me/application-passwords/{made['uuid']}")  # revoked in the profile
    with pytest.raises(AuthExpired, match="WordPress refused the sign-in"):
        run(_pull_all(account, {}))
    with pytest.raises(Permanent, match="only over https"):
        api.check_secure("http://blog.example.org/wp-json/")
    api.check_secure("https://blog.example.org/wp-json/")
    (tmp_path / "index.html").write_text("<html><body>Un site statique</body></html>")
    server = subprocess.Popen([sys.executable, "-m", "http.server", "--bind", "127.0.0.1", str(port := free_port())],
                              cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        assert wait_until_listening(port)
        with pytest.raises(Permanent, match="not a WordPress site"):
            run(_find(f"http://127.0.0.1:{port}/"))
    finally:
        server.terminate()
        server.wait()


async def _find(address: str) -> Any:
    async with httpx.AsyncClient() as client:
        return await signin.find_site(client, address)


def test_cmdesk_turns_the_blogs_feed_into_its_wordpress_account(wordpress: WordPressSite, tmp_path: Path) -> None:
    post = wordpress.add_post("Pain de seigle", "Notre nouveau pain de seigle.")
    question = wordpress.rest_comment(post["id"], "Il est au levain ?", author="Karim D")
    environment = {**os.environ, "PYTHON_KEYRING_BACKEND": BACKEND, "CMDESK_TEST_KEYRING": str(tmp_path / "k.json"),
                   "PYTHONPATH": str(ROOT)}  # fmt: skip
    data = tmp_path / "data"

    def cmdesk(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        done = subprocess.run([sys.executable, "-m", "cmdesk", "--data-dir", str(data), *args], input=stdin,
                              capture_output=True, text=True, timeout=120, env=environment, cwd=ROOT)  # fmt: skip
        assert done.returncode == 0, done.stderr
        return done

    cmdesk("client", "add", "Le Fournil")
    cmdesk("account", "add", "feed", wordpress.url + "/feed/", "--client", "Le Fournil")
    cmdesk("sync")
    before = {row["remote_id"]: row["conversation"] for row in _lines(cmdesk("export", "--format", "jsonl").stdout)}
    guid = post["guid"]["rendered"]
    assert f"{guid}#comment-{question['id']}" in before, "the feed read the post's comment feed"

    added = cmdesk("account", "add", "wordpress", wordpress.url, "--client", "Le Fournil", "--username",
                   wordpress.username, "--password-stdin", stdin=wordpress.app_password + "\n")  # fmt: skip
    assert "is now its WordPress account" in added.stdout
    held = wordpress.rest_comment(post["id"], "Promo !", author="Promo", status="hold")
    cmdesk("sync")
    rows = _lines(cmdesk("export", "--format", "jsonl").stdout)
    after = {row["remote_id"]: row["conversation"] for row in rows}
    assert {key: after[key] for key in before} == before, "the same messages in the same conversations"
    assert after[f"{guid}#comment-{held['id']}"] == before[guid], "the held comment joins the post's conversation"
    assert {row["network"] for row in rows} == {"wordpress"}
    accounts = _lines(cmdesk("account", "list", "--json").stdout)
    assert [a["network"] for a in accounts] == ["wordpress"], "upgraded in place: no second source"

    cmdesk("reply", str(before[guid]), "Oui, 100 % levain naturel !", "--send")
    children = wordpress.rest("GET", "/wp/v2/comments", params={"parent": question["id"], "context": "edit"})
    assert [c["content"]["raw"] for c in children] == ["Oui, 100 % levain naturel !"]
    blob = b"".join(p.read_bytes() for p in data.rglob("*") if p.is_file())
    assert wordpress.app_password.encode() not in blob, "the application password stays in the keyring"


def _lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]
