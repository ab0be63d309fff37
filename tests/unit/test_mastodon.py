"""Mastodon pieces that need no server: instance names, handles, reply mentions and visibility, entity parsing,
PKCE, pasted codes and the loopback redirect listener."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
from pathlib import Path

import httpx
import pytest

from cmdesk.connectors.loopback import LoopbackRedirect, Pkce, SignInRefused
from cmdesk.connectors.mastodon.instance import InvalidInstance, handle_of, instance_base
from cmdesk.connectors.mastodon.oauth import AppRegistration
from cmdesk.connectors.mastodon.payloads import EntityError, mentions, status_item
from cmdesk.connectors.mastodon.replies import participants, reply_visibility, with_mentions
from cmdesk.connectors.mastodon.signin import pasted_code
from cmdesk.domain import Direction, Kind, Secret
from cmdesk.services.accounts import MonitorError, normalise_monitor

EXAMPLE = json.loads((Path(__file__).parents[1] / "data" / "mastodon" / "status.json").read_text())


@pytest.mark.parametrize(
    ("typed", "base"),
    [
        ("mastodon.social", "https://mastodon.social"),
        ("  Mastodon.Social/ ", "https://mastodon.social"),
        ("https://piaille.fr/@marie", "https://piaille.fr"),
        ("@marie@piaille.fr", "https://piaille.fr"),
        ("marie@piaille.fr", "https://piaille.fr"),
        ("http://localhost", "http://localhost"),
        ("http://127.0.0.1:8080/", "http://127.0.0.1:8080"),
        ("http://[::1]:3000", "http://[::1]:3000"),
    ],
)
def test_what_the_user_types_names_an_instance(typed: str, base: str) -> None:
    assert instance_base(typed) == base


@pytest.mark.parametrize("typed", ["", "http://mastodon.social", "ftp://x.org", "not a host"])
def test_unusable_instances_are_refused_with_a_reason(typed: str) -> None:
    with pytest.raises(InvalidInstance):
        instance_base(typed)


def test_local_accounts_get_their_host_in_the_handle() -> None:
    assert handle_of("Gargron", "https://mastodon.social") == "@Gargron@mastodon.social"
    assert handle_of("marie@piaille.fr", "https://mastodon.social") == "@marie@piaille.fr"


def test_the_documentation_example_status_becomes_an_item() -> None:
    item = status_item(EXAMPLE, base="https://mastodon.social", me="1", thread_key="t", kind=Kind.MENTION)
    assert item.remote_id == "103270115826048975" and item.thread_key == "t"
    assert item.text.startswith('"I lost my inheritance with one wrong digit on my sort code"')
    assert "<a" in item.html and "target" not in item.html, "links kept, attributes sanitised"
    assert item.author.handle == "@Gargron@mastodon.social" and item.author.name == "Eugen"
    assert item.direction is Direction.OUTBOUND, "account 1 is `me` here"
    assert item.created_at is not None and item.created_at.tzinfo is not None


def test_a_status_without_id_or_account_is_an_entity_error() -> None:
    with pytest.raises(EntityError):
        status_item({**EXAMPLE, "id": None}, base="https://x", me="", thread_key="t", kind=Kind.MENTION)
    with pytest.raises(EntityError):
        status_item({**EXAMPLE, "account": "nope"}, base="https://x", me="", thread_key="t", kind=Kind.MENTION)


def test_a_reply_mentions_the_author_and_the_others_but_never_ourselves() -> None:
    original = {
        "account": {"id": "2", "acct": "marie@piaille.fr"},
        "mentions": [{"id": "9", "acct": "fournil"}, {"id": "3", "acct": "jean@mastodon.social"}],
        "visibility": "direct",
    }
    handles = participants(original, "9", "https://boulangerie.social")
    assert handles == ["marie@piaille.fr", "jean@mastodon.social"]
    assert with_mentions("Merci !", handles) == "@marie@piaille.fr @jean@mastodon.social Merci !"
    assert with_mentions("@Marie@piaille.fr merci", handles[:1]) == "@Marie@piaille.fr merci"
    assert reply_visibility(original) == "direct"
    assert reply_visibility({"visibility": "weird"}) == "public"


def test_pkce_challenge_is_the_s256_of_the_verifier() -> None:
    pkce = Pkce.new()
    digest = hashlib.sha256(pkce.verifier.encode()).digest()
    assert pkce.challenge == base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
    assert 43 <= len(pkce.verifier) <= 128


def test_app_registration_round_trips_through_a_secret_and_hides_itself() -> None:
    app = AppRegistration("https://x.org", "id", Secret("s3cret"), ("urn:ietf:wg:oauth:2.0:oob",))
    assert AppRegistration.from_secret(app.to_secret()) == app
    assert "s3cret" not in repr(app)
    assert AppRegistration.from_secret(Secret("{broken")) is None


@pytest.mark.parametrize(
    ("pasted", "code"),
    [
        ("  abc123 \n", "abc123"),
        ("abc123&state=xyz", "abc123"),
        ("http://127.0.0.1:5000/callback?code=abc123&state=xyz", "abc123"),
    ],
)
def test_pasted_codes_are_cleaned(pasted: str, code: str) -> None:
    assert pasted_code(pasted) == code


@pytest.mark.asyncio
async def test_the_loopback_listener_takes_only_its_own_state() -> None:
    async with LoopbackRedirect() as redirect, httpx.AsyncClient() as client:
        waiting = asyncio.ensure_future(redirect.code(timeout=5))
        stale = await client.get(f"{redirect.uri}?code=evil&state=other")
        assert stale.status_code == 400 and not waiting.done()
        elsewhere = await client.get(f"http://127.0.0.1:{redirect.port}/favicon.ico")
        assert elsewhere.status_code == 404
        good = await client.get(f"{redirect.uri}?code=abc&state={redirect.state}")
        assert good.status_code == 200 and "cmdesk" in good.text
        assert await waiting == "abc"


@pytest.mark.asyncio
async def test_the_loopback_listener_reports_a_refusal() -> None:
    async with LoopbackRedirect() as redirect, httpx.AsyncClient() as client:
        await client.get(f"{redirect.uri}?error=access_denied&error_description=User+said+no&state={redirect.state}")
        with pytest.raises(SignInRefused, match="User said no"):
            await redirect.code(timeout=5)


@pytest.mark.parametrize(
    ("typed", "kept"),
    [("#Boulangerie", "#Boulangerie"), ("  pain   au levain ", "pain au levain"), ("#pain_bio", "#pain_bio")],
)
def test_monitor_terms_are_normalised(typed: str, kept: str) -> None:
    assert normalise_monitor(typed) == kept


@pytest.mark.parametrize("typed", ["", "   ", "#", "#pain bio", "x" * 101])
def test_unusable_monitor_terms_are_refused(typed: str) -> None:
    with pytest.raises(MonitorError):
        normalise_monitor(typed)


def test_a_mention_is_recognised_by_id_or_by_handle_when_the_server_sends_no_id() -> None:
    by_id = {"mentions": [{"id": "109", "acct": "fournil"}]}
    snac_like = {"mentions": [{"id": "0", "acct": "fournil@boulangerie.social"}]}
    other = {"mentions": [{"id": "7", "acct": "marie@piaille.fr"}]}
    base = "https://boulangerie.social"
    assert mentions(by_id, "109", "@fournil@boulangerie.social", base)
    assert mentions(snac_like, "109", "@fournil@boulangerie.social", base)
    assert not mentions(other, "109", "@fournil@boulangerie.social", base)
