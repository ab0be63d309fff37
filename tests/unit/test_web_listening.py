"""Issue 17, part 2: listening to the web for a name — the search feeds built, and the name as a client monitor."""

from __future__ import annotations

import pytest

from cmdesk.domain.web_listening import hashtag_of, web_feeds
from cmdesk.services import sources
from cmdesk.services.commands import run
from cmdesk.storage import workspace
from cmdesk.storage.database import Database


def test_the_searches_for_a_name_ask_for_the_exact_phrase_in_the_chosen_language() -> None:
    feeds = {feed.key: feed for feed in web_feeds("Le Fournil", "fr")}
    assert set(feeds) == {"news", "bing", "reddit"}
    assert "q=%22Le+Fournil%22" in feeds["news"].url and "hl=fr" in feeds["news"].url
    assert feeds["reddit"].url.startswith("https://www.reddit.com/search.rss?q=%22Le+Fournil%22")
    assert feeds["news"].title == "Google News — « Le Fournil »"
    assert "hl=en" in web_feeds("Northwind", "en")[0].url and "q=Northwind&" in web_feeds("Northwind", "en")[0].url
    assert hashtag_of("Le Fournil") == "#LeFournil" and hashtag_of("  ") == ""
    with pytest.raises(ValueError, match="a name to listen for"):
        web_feeds("   ")


def test_listening_adds_the_chosen_searches_once_and_the_name_as_a_monitor(database: Database) -> None:
    added = run(database, sources.listen_for("Le Fournil", "Le Fournil", ["news", "reddit"]))
    assert [account.name for account in added] == ["Google News — « Le Fournil »", "Reddit — « Le Fournil »"]
    assert run(database, sources.listen_for("Le Fournil", "Le Fournil", ["news", "reddit", "bing"]))[0].name.startswith(
        "Bing"
    ), "only what was not there yet"
    with database.read() as connection:
        client = workspace.find_client(connection, "Le Fournil")
    assert client is not None and client.monitors == ('"Le Fournil"', "#LeFournil")
