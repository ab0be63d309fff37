"""Issue 17, part 2: a client's monitors — the query language, matching every source's messages as they are judged
(inline or in the background), the Monitoring view, and the networks that search being asked for them."""

from __future__ import annotations

import pytest

from cmdesk.connectors.mastodon.connector import searched_terms
from cmdesk.domain import Direction, Kind, Page
from cmdesk.domain.monitors import CLIENT_MONITORS, MonitorQueryError, matches, parse
from cmdesk.domain.reads import ConversationFilter
from cmdesk.models.saved_views import builtin_views
from cmdesk.services import clients
from cmdesk.services.commands import run
from cmdesk.storage import ingest, listening, queries, workspace
from cmdesk.storage.database import Database
from tests.support.factories import item, make_account


def test_the_query_language() -> None:
    query = parse('Fournil "pain au levain" -emploi lang:fr')
    assert (query.words, query.phrases, query.excluded, query.languages) == (
        ("Fournil",),
        ("pain au levain",),
        ("emploi",),
        ("fr",),
    )
    assert matches(query, "Le FOURNIL sort son Pain au Levain !", "fr")
    assert not matches(query, "Le Fournil recrute (offre d'emploi) : pain au levain", "fr"), "excluded word"
    assert not matches(query, "Fournil: pain au levain", "en"), "another language"
    assert not matches(parse("pain"), "mon copain"), "whole words only"
    assert matches(parse("décès"), "DECES brutal"), "accents and case do not matter"
    assert matches(parse("#boulangerie"), "Vive la #Boulangerie du coin")
    for bad in ("", '"pas fermé', "-seulement -exclure"):
        with pytest.raises(MonitorQueryError):
            parse(bad)


def test_every_source_of_the_client_is_listened_to_and_lands_in_monitoring(database: Database) -> None:
    feed = make_account(database, client="Le Fournil")
    mail = make_account(database, client="Le Fournil", address="http://127.0.0.1:1/other")
    other = make_account(database, client="Iris", address="http://127.0.0.1:1/iris")
    with database.read() as connection:
        fournil = workspace.find_client(connection, "Le Fournil")
    assert fournil is not None
    run(database, clients.set_monitors(fournil.id, ["Fournil", '"pain au levain" -emploi']))
    arriving = [
        (feed, item(1, kind=Kind.MENTION, text="Le Fournil ouvre une boutique rue Oberkampf")),
        (mail, item(2, kind=Kind.MESSAGE, text="Votre pain au levain est divin")),
        (mail, item(3, kind=Kind.MESSAGE, text="Offre d'emploi : pain au levain")),
        (other, item(4, kind=Kind.MENTION, text="Le Fournil ? Jamais entendu parler")),
    ]
    for account, message in arriving:
        ingest.commit_page(database, account.id, Page((message,), {}))
    answer = item(5, kind=Kind.MENTION, text="Le Fournil vous remercie", direction=Direction.OUTBOUND)
    ingest.commit_page(database, feed.id, Page((answer,), {}))
    with database.read() as connection:
        found = {c.remote_id: c.monitor for c in queries.conversation_page(connection, ConversationFilter())}
    assert found == {
        "item-1": "Fournil",
        "item-2": '"pain au levain" -emploi',
        "item-3": "",
        "item-4": "",
        "item-5": "",
    }, "another client's source, an excluded word and the user's own message are not heard"

    ingest.commit_page(database, feed.id, Page((item(6, text="Revue de presse : Le Fournil"),), {}))  # a feed post
    monitoring = next(view for view in builtin_views() if view.key == "monitoring")
    assert not monitoring.counted_from_tallies
    with database.read() as connection:
        listed = [c.remote_id for c in queries.conversation_page(connection, monitoring.view)]
        counted = queries.count(connection, monitoring.view)
    assert {"item-1", "item-2", "item-6"} <= set(listed) and "item-4" not in listed
    assert len(listed) == len(set(listed)) == counted, "a monitored feed post is listed once"


def test_messages_judged_in_the_background_are_listened_to_too(database: Database, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(ingest, "JUDGED_INLINE", 0)
    account = make_account(database, client="Le Fournil")
    run(database, clients.set_monitors(1, ["Fournil"]))
    ingest.commit_page(database, account.id, Page((item(1, text="Le Fournil, accueil génial"),), {}))
    with database.write() as connection:
        assert listening.backfill(connection) == 1
    with database.read() as connection:
        [row] = queries.conversation_page(connection, ConversationFilter())
    assert row.monitor == "Fournil" and row.sentiment == "positive"


def test_a_network_that_searches_is_asked_for_its_clients_monitors() -> None:
    settings = {"monitors": ["#boulangerie"], CLIENT_MONITORS: ['Fournil "pain au levain" lang:fr', "#Boulangerie"]}
    assert searched_terms(settings) == ["#boulangerie", 'Fournil "pain au levain"']
