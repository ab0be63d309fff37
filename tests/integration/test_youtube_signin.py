"""Issue 19, YouTube sign-in with the user's own Google OAuth client: the browser flow (loopback redirect, `state`,
PKCE) against a loopback authorisation server speaking Google's OAuth wire format (tests/support/google_auth_fake.py),
the one-hour access token renewed before it ends and kept in the keyring, a declined or partial consent, a wrong
client secret, a revoked refresh token; and `cmdesk account add youtube --oauth-client-id … --no-browser` then
`cmdesk sync` and `cmdesk reply` in subprocesses, the client's OAuth client remembered for its next sign-in."""

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

from cmdesk.connectors.base import AuthExpired, Permanent
from cmdesk.connectors.loopback import SignInRefused
from cmdesk.connectors.youtube import oauth
from cmdesk.connectors.youtube.connector import YouTubeConnector
from cmdesk.connectors.youtube.signin import Channel, sign_in_with_browser
from cmdesk.domain import Account, Network, Secret
from tests.conftest import ROOT
from tests.support.file_keyring import BACKEND
from tests.support.google_auth_fake import CLIENT_ID, CLIENT_SECRET
from tests.support.youtube_fake import ME, YouTubeFake

VIDEO = "gAlEtTe2026"
APP = oauth.GoogleApp(CLIENT_ID, Secret(CLIENT_SECRET))


@pytest.fixture
def fake() -> Iterator[YouTubeFake]:
    server = YouTubeFake().start()
    server.video(VIDEO, "La galette des rois de A à Z")
    server.comment(VIDEO, "Vous faites encore la galette aux pommes ?")
    yield server
    server.stop()


async def browser(url: str) -> None:
    """The user's browser: Google's consent page, then its redirect to cmdesk's loopback listener."""
    async with httpx.AsyncClient() as user:
        consent = await user.get(url)
        if consent.status_code == 302:
            landed = await user.get(consent.headers["location"])
            assert landed.status_code == 200 and "cmdesk" in landed.text


def sign_in(fake: YouTubeFake, app: oauth.GoogleApp = APP, now: datetime | None = None) -> Channel:
    async def run() -> Channel:
        async with httpx.AsyncClient() as client:
            return await sign_in_with_browser(client, app, browser, now or datetime.now(UTC), base=fake.base,
                                              auth_base=fake.base, token_base=fake.base, timeout=20)  # fmt: skip

    return asyncio.run(run())


def account(fake: YouTubeFake, secret: Secret) -> Account:
    return Account(1, "yt-1", 1, Network.YOUTUBE, "Boulangerie Le Fournil", f"https://www.youtube.com/channel/{ME}",
                   settings={"me": ME, "api_base": fake.base}, secret=secret)  # fmt: skip


def test_the_browser_sign_in_gives_tokens_that_are_renewed_before_they_end(fake: YouTubeFake) -> None:
    now = datetime(2026, 12, 2, 10, tzinfo=UTC)
    channel = sign_in(fake, now=now)
    assert (channel.me, channel.client_id) == (ME, CLIENT_ID)
    assert channel.sign_in_ends == now + timedelta(days=7), "an app in Testing: Google ends the sign-in in 7 days"
    tokens = oauth.Tokens.from_secret(channel.token)
    assert tokens.refresh is not None and tokens.refresh.reveal() in fake.auth.refresh_tokens
    assert tokens.expires_at == now + timedelta(seconds=3599) and tokens.app == APP
    assert fake.auth.grants == ["authorization_code"], "the code exchanged once, its PKCE verifier accepted"
    consent = next(r for r in fake.requests if r.path == "/o/oauth2/v2/auth")
    assert consent.query["redirect_uri"].startswith("http://127.0.0.1:") and len(consent.query["state"]) >= 24

    connector = YouTubeConnector()

    async def renew(secret: Secret, at: datetime) -> Secret | None:
        async with httpx.AsyncClient() as client:
            return await connector.renew(client, account(fake, secret), at)

    assert asyncio.run(renew(channel.token, now + timedelta(minutes=30))) is None, "still good: nothing asked"
    renewed = asyncio.run(renew(channel.token, now + timedelta(minutes=56)))
    assert renewed is not None and fake.auth.grants[-1] == "refresh_token", "renewed 5 minutes before its end"
    fresh = oauth.Tokens.from_secret(renewed)
    assert fresh.access != tokens.access and fresh.refresh == tokens.refresh and fresh.app == APP

    async def pull(secret: Secret) -> int:
        async with httpx.AsyncClient() as client:
            return len((await connector.pull(client, account(fake, secret), {})).items)

    fake.token = "ya29.no-longer-valid"
    fake.auth.access_tokens = {fresh.access.reveal()}
    assert asyncio.run(pull(renewed)) == 2, "the renewed token reads the video and its comment"

    fake.auth.refresh_tokens.clear()  # the user removed cmdesk's access in their Google account
    with pytest.raises(AuthExpired, match="Google ended this sign-in"):
        asyncio.run(renew(renewed, now + timedelta(hours=2)))


def test_a_declined_or_partial_consent_and_a_wrong_secret_say_what_happened(fake: YouTubeFake) -> None:
    fake.auth.decision = "deny"
    with pytest.raises(SignInRefused, match="access_denied"):
        sign_in(fake)
    fake.auth.decision = "no-comments"
    with pytest.raises(Permanent, match="youtube.force-ssl"):
        sign_in(fake)
    fake.auth.decision = "approve"
    with pytest.raises(AuthExpired, match="refused the OAuth client"):
        sign_in(fake, oauth.GoogleApp(CLIENT_ID, Secret("GOCSPX-wrong")))


def test_a_bare_token_reads_as_a_bundle_with_nothing_to_renew() -> None:
    tokens = oauth.Tokens.from_secret(Secret("ya29.plain"))
    assert tokens.access == Secret("ya29.plain") and not tokens.due(datetime.now(UTC))
    with pytest.raises(AuthExpired, match="cannot be read"):
        oauth.Tokens.from_secret(Secret('{"refresh_token": "x"}'))
    assert oauth.project_of(CLIENT_ID) == "123456789012", "the project number, whose quota the channel spends"


def test_cmdesk_signs_in_through_the_browser_renews_and_names_a_revoked_sign_in(
    fake: YouTubeFake, tmp_path: Path
) -> None:
    environment = {
        **os.environ,
        "PYTHON_KEYRING_BACKEND": BACKEND,
        "CMDESK_TEST_KEYRING": str(tmp_path / "keyring.json"),
        "PYTHONPATH": str(ROOT),
    }
    data = tmp_path / "data"
    command = [sys.executable, "-m", "cmdesk", "--data-dir", str(data)]

    def cmdesk(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run([*command, *args], input=stdin, capture_output=True, text=True, timeout=120,
                              env=environment, cwd=ROOT)  # fmt: skip

    origins = ["--api-base", fake.base, "--auth-base", fake.base, "--no-browser"]
    unknown = cmdesk("account", "add", "youtube", "--client", "Le Fournil", *origins)
    assert unknown.returncode != 0 and "no client named" in unknown.stderr
    missing = cmdesk("account", "add", "youtube", *origins)
    assert missing.returncode != 0 and "Desktop app" in missing.stderr, "how to make an OAuth client, step by step"

    def add(*args: str, stdin: str = "") -> str:
        process = subprocess.Popen([*command, "account", "add", "youtube", *origins, *args], stdin=subprocess.PIPE,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment,
                                   cwd=ROOT)  # fmt: skip
        assert process.stdin is not None and process.stdout is not None
        process.stdin.write(stdin)
        process.stdin.close()
        url = ""
        while not url.startswith("http"):
            url = process.stdout.readline().strip()
            assert url or process.poll() is None, process.stderr.read() if process.stderr else ""
        asyncio.run(browser(url))
        process.wait(timeout=60)
        out, err = process.stdout.read(), process.stderr.read() if process.stderr else ""
        assert process.returncode == 0, err
        return out

    assert cmdesk("client", "add", "Le Fournil").returncode == 0
    fake.auth.expires_in = 120  # within the renewal margin: the first sync must renew it
    first = add("--client", "Le Fournil", "--oauth-client-id", CLIENT_ID, "--oauth-secret-stdin",
                stdin=CLIENT_SECRET + "\n")  # fmt: skip
    assert "added the YouTube channel Boulangerie Le Fournil" in first and "Google ends this sign-in on" in first
    synced = cmdesk("sync")
    assert synced.returncode == 0, synced.stdout + synced.stderr
    assert fake.auth.grants == ["authorization_code", "refresh_token"], "renewed before the pull"
    keyring = (tmp_path / "keyring.json").read_text()
    assert max(fake.auth.access_tokens, key=lambda t: int(t.rsplit("-", 1)[1])) in keyring, "renewed token kept"
    blob = b"".join(p.read_bytes() for p in data.iterdir() if p.is_file())
    for secret in (CLIENT_SECRET, *fake.auth.refresh_tokens, *fake.auth.access_tokens):
        assert secret.encode() not in blob, "no token nor client secret in the database"
    assert CLIENT_ID.encode() in blob, "the OAuth client's id is kept with the account (its project's quota)"

    again = add("--client", "Le Fournil")  # the client's OAuth client is remembered: only the browser
    assert "signed in again to the YouTube channel" in again
    inbox = [json.loads(line) for line in cmdesk("inbox", "--json").stdout.splitlines()]
    answered = cmdesk("reply", str(inbox[0]["id"]), "Oui, jusqu'à fin janvier !")
    assert answered.returncode == 0 and cmdesk("sync").returncode == 0
    listed = [json.loads(line) for line in cmdesk("account", "list", "--json").stdout.splitlines()]
    assert len(listed) == 1 and listed[0]["sign_in_ends"], "one channel, signed in again; when Google ends it"
    quota = listed[0]["quota"]
    identified = len([r for r in fake.requests if r.path == "/youtube/v3/channels"])  # at sign-in, not a sync
    assert (quota["meter"], quota["limit"]) == ("youtube:123456789012", 10_000)
    assert quota["used"] == fake.used - identified, "every unit the syncs and the reply (50) spent, in the ledger"
    assert quota["used"] > 50

    fake.auth.refresh_tokens.clear()
    fake.auth.access_tokens.clear()
    fake.token = "ya29.revoked"
    replied = cmdesk("reply", str(inbox[0]["id"]), "Merci pour votre message !")
    assert replied.returncode == 0, replied.stderr
    broken = cmdesk("sync")
    said = broken.stdout + broken.stderr
    assert broken.returncode == 1 and "Google ended this sign-in" in said, said
    outbox = cmdesk("outbox", "--json")
    entries = [json.loads(line) for line in outbox.stdout.splitlines()]
    assert [e["state"] for e in entries] == ["failed", "sent"] and "sign-in needed" in entries[0]["error"], entries
    kept = [json.loads(line) for line in cmdesk("inbox", "--json").stdout.splitlines()]
    assert len(kept) == len(inbox), "every message kept"

    assert "signed in again" in add("--client", "Le Fournil")
    after = [json.loads(line) for line in cmdesk("outbox", "--json").stdout.splitlines()]
    assert after[0]["state"] == "scheduled", "what waited for the sign-in is due again, with its key"
    assert cmdesk("sync").returncode == 0
    sent = [json.loads(line)["state"] for line in cmdesk("outbox", "--json").stdout.splitlines()]
    assert sent == ["sent", "sent"], "it goes out once signed in again"
