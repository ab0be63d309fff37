"""The connector registry answers for every network, and a network added through one entry works end to end in the
command line (listed, synced, read) with no other change."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from cmdesk.cli.main import main
from cmdesk.connectors import registry
from cmdesk.domain import Capabilities, Network
from cmdesk.services import networks
from cmdesk.storage import workspace
from cmdesk.storage.database import Database
from tests.support.fake_network import FAKE, registered


@pytest.fixture
def fake() -> Iterator[str]:
    yield from registered()


def test_every_built_in_network_has_an_entry_and_its_connector_agrees() -> None:
    assert {entry.network for entry in registry.entries()} >= set(Network)
    for entry in registry.entries():
        assert entry.name and entry.letter and entry.icon
        assert entry.colour.startswith("#") and len(entry.colour) == 7
        connector = registry.build(entry)
        assert connector.network == entry.network
        assert connector.capabilities is entry.capabilities
        capabilities = registry.capabilities(entry.network)
        assert capabilities.can_reply == (capabilities.why_not_reply == ""), entry.network
        if capabilities.can_publish:
            assert capabilities.max_length and capabilities.length_counting.value != "none"
        if capabilities.max_media:
            assert capabilities.media_types and capabilities.max_image_bytes and capabilities.max_description


def test_a_network_cmdesk_does_not_know_can_do_nothing_and_says_why() -> None:
    assert registry.capabilities("myspace") == Capabilities(why_not_reply=registry.UNKNOWN_REPLY)
    assert networks.why_not_reply("myspace") == registry.UNKNOWN_REPLY
    assert networks.badge("myspace") == ("#9e9e9e", "M")
    assert networks.display_name("myspace") == "myspace"
    assert networks.why_not_reply(Network.MASTODON) == ""
    assert networks.why_not_reply(Network.FEED) != "", "a feed is read-only; a demo conversation is answered in cmdesk"


def test_capability_questions_find_the_networks_that_answer_yes() -> None:
    assert networks.read_marks_networks() == (Network.EMAIL, Network.REDDIT)
    assert registry.networks_where(lambda c: c.can_trash) == (Network.WORDPRESS,)
    assert registry.networks_where(lambda c: c.can_monitor) == (Network.MASTODON, Network.BLUESKY, Network.REDDIT)
    assert [e.network for e in registry.with_sign_in(registry.SignInKind.FEED_ADDRESS)] == [Network.FEED]


def test_a_network_added_by_one_registry_entry_is_listed_synced_and_read(
    fake: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    database = Database.open(data)
    with database.write() as connection:
        client = workspace.add_client(connection, "Boulangerie")
        account = workspace.add_account(connection, client.id, fake, "page/lefournil", name="Le Fournil sur Fakebook")
    database.close()

    assert main(["account", "list", "--json", "--data-dir", str(data)]) == 0
    listed = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(a["id"], a["network"], a["name"]) for a in listed] == [(account.id, FAKE, "Le Fournil sur Fakebook")]

    assert main(["sync", "--data-dir", str(data)]) == 0
    assert "1 new" in capsys.readouterr().out
    assert main(["inbox", "--json", "--data-dir", str(data)]) == 0
    inbox = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [row["network"] for row in inbox] == [FAKE]
    conversation = inbox[0]["id"]

    assert main(["reply", str(conversation), "Oui !", "--data-dir", str(data)]) == 1
    assert "Fakebook is read-only in tests" in capsys.readouterr().err
