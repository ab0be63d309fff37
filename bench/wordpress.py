"""WordPress against a real site (Debian's wordpress on PHP's server and MariaDB, as the tests start it:
tests/support/wordpress_site.py).

1. The fixture's start time (MariaDB, the copy, the installer, the application password).
2. A first pull of 5,000 comments (50 posts × 100, a tenth held for moderation, written by WordPress's own
   `wp_insert_comment`): the connector from nothing until no more waits (time, pages, requests), then the same through
   `cmdesk sync` into a fresh workspace (wall time of the whole command).
3. Exactly once: `cmdesk reply … --send` runs, each killed (SIGKILL) at a random instant, then `cmdesk sync` sends
   what was left in the outbox; every reply the outbox accepted must be under the comment once (WordPress has no
   idempotency key: a retry looks for the reply among the comment's children first).

Usage: python bench/wordpress.py [--comments 5000] [--trials 30]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import common  # noqa: F401  (first: it puts src/ and the project root on sys.path)
import httpx

from cmdesk.connectors.wordpress import signin
from cmdesk.connectors.wordpress.connector import WordPressConnector
from cmdesk.domain import Account, Network, Secret
from cmdesk.storage.database import DB_FILENAME
from tests.support.file_keyring import BACKEND
from tests.support.wordpress_site import Running, WordPressSite

POSTS = 50


def write_comments(site: WordPressSite, count: int) -> None:
    started = time.perf_counter()
    each = max(1, count // POSTS)
    for n in range(POSTS):
        post = site.add_post(f"Recette n°{n}", f"Notre recette n°{n}.")
        site.bulk_comments(post["id"], min(each, count - n * each), start=f"2025-{1 + n % 12:02d}-01 00:00:00")
    print(f"wrote {count} comments under {POSTS} posts in {time.perf_counter() - started:.1f} s")


async def first_pull(site: WordPressSite) -> None:
    requests = 0

    async def counted(_request: httpx.Request) -> None:
        nonlocal requests
        requests += 1

    async with httpx.AsyncClient(timeout=60, event_hooks={"request": [counted]}) as client:
        found = await signin.find_site(client, site.url)
        user = await signin.sign_in(client, found, site.username, Secret(site.app_password))
        settings = {"rest_root": found.rest_root, "login": user.login, "user_id": user.user_id, "moderates": True,
                    "site_name": found.name}  # fmt: skip
        account = Account(1, "bench", 1, Network.WORDPRESS, found.name, found.home, settings=settings,
                          secret=user.password)  # fmt: skip
        requests = 0
        started = time.perf_counter()
        pages = items = held = 0
        state: dict[str, Any] = {}
        while True:
            page = await WordPressConnector().pull(client, account, state)
            pages, items, state = pages + 1, items + len(page.items), dict(page.cursor)
            held += sum(1 for item in page.items if item.held)
            if not page.has_more:
                break
    took = time.perf_counter() - started
    print(f"first pull (connector): {items} items ({held} held) in {took:.2f} s, {pages} pages, {requests} requests")


def _cmdesk(data: Path, environment: dict[str, str], *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    done = subprocess.run([sys.executable, "-m", "cmdesk", "--data-dir", str(data), *args], input=stdin,
                          capture_output=True, text=True, timeout=600, env=environment)  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done


def workspace(site: WordPressSite, name: str) -> tuple[Path, dict[str, str]]:
    work = Path(tempfile.mkdtemp(prefix=f"cmdesk-wp-{name}-"))
    environment = {**os.environ, "PYTHON_KEYRING_BACKEND": BACKEND, "CMDESK_TEST_KEYRING": str(work / "keyring.json"),
                   "PYTHONPATH": str(common.ROOT)}  # fmt: skip
    _cmdesk(work / "data", environment, "account", "add", "wordpress", site.url, "--username", site.username,
            "--password-stdin", stdin=site.app_password + "\n")  # fmt: skip
    return work / "data", environment


def first_sync(site: WordPressSite) -> None:
    data, environment = workspace(site, "sync")
    started = time.perf_counter()
    _cmdesk(data, environment, "sync")
    took = time.perf_counter() - started
    with sqlite3.connect(f"file:{data / DB_FILENAME}?mode=ro", uri=True) as db:
        stored = db.execute("SELECT count(*) FROM messages WHERE kind = 'comment'").fetchone()[0]
    print(f"first pull (`cmdesk sync`, whole command): {stored} comments stored in {took:.1f} s")


def exactly_once(site: WordPressSite, trials: int) -> None:
    post = site.add_post("Questions du jour")
    question = site.rest_comment(post["id"], "Vous êtes ouverts le lundi ?", author="Karim D")
    data, environment = workspace(site, "once")
    _cmdesk(data, environment, "sync")
    guid = post["guid"]["rendered"]
    with sqlite3.connect(f"file:{data / DB_FILENAME}?mode=ro", uri=True) as db:
        conversation = db.execute("SELECT conversation_id FROM messages WHERE remote_id = ?",
                                  (f"{guid}#comment-{question['id']}",)).fetchone()[0]  # fmt: skip
    started = time.perf_counter()
    _cmdesk(data, environment, "reply", str(conversation), "Bonjour ! (réponse témoin)", "--send")
    whole = time.perf_counter() - started
    rng = random.Random(21)
    killed = 0
    for trial in range(trials):
        process = subprocess.Popen([sys.executable, "-m", "cmdesk", "--data-dir", str(data), "reply", str(conversation),
                                    f"Oui, de 7 h à 13 h (réponse n°{trial})", "--send"], env=environment,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        time.sleep(rng.uniform(0.5, whole))  # anywhere in a run: queueing, handing over, settling
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            killed += 1
        process.wait()
    synced = subprocess.run([sys.executable, "-m", "cmdesk", "--data-dir", str(data), "sync"], capture_output=True,
                            text=True, timeout=600, env=environment)  # fmt: skip
    with sqlite3.connect(f"file:{data / DB_FILENAME}?mode=ro", uri=True) as db:
        accepted = [
            json.loads(row[0])["text"] for row in db.execute("SELECT payload FROM outbox WHERE action = 'reply'")
        ]
        unsent = db.execute("SELECT count(*) FROM outbox WHERE state != 'sent'").fetchone()[0]
        retried = db.execute("SELECT count(*) FROM outbox WHERE action = 'reply' AND attempts > 1").fetchone()[0]
    children = site.rest("GET", "/wp/v2/comments", params={"parent": question["id"], "per_page": 100,
                                                           "context": "edit", "status": "all"})  # fmt: skip
    found = Counter(child["content"]["raw"] for child in children)
    doubles = {text: n for text, n in found.items() if n > 1}
    missing = [text for text in accepted if text not in found]
    print(
        f"exactly once: one `cmdesk reply --send` takes {whole:.1f} s; {trials} runs, {killed} killed mid-run (SIGKILL "
        f"at 0.5–{whole:.1f} s); the outbox accepted {len(accepted)} (with the first), {retried} tried more than once; "
        f"after `cmdesk sync` (exit {synced.returncode}): {unsent} unsent, {sum(found.values())} "
        f"replies under the comment, {len(found)} distinct, missing: {len(missing)}, doubles: {doubles or 'none'}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--comments", type=int, default=5000)
    parser.add_argument("--trials", type=int, default=30)
    args = parser.parse_args()
    running = Running(Path(tempfile.mkdtemp(prefix="cmdesk-wp-")))
    try:
        site = running.start()
        print(f"WordPress ready in {site.started_in:.1f} s (MariaDB, copy, install, application password)")
        write_comments(site, args.comments)
        asyncio.run(first_pull(site))
        first_sync(site)
        exactly_once(site, args.trials)
    finally:
        running.stop()


if __name__ == "__main__":
    main()
